/**
 * WAV encoder: a RIFF/WAVE file with a canonical 44-byte header and 16-bit PCM samples of
 * a sine tone. Speech and music providers return WAV more often than anything else, and a
 * tone (rather than silence) lets a human hear that playback actually works.
 */

import { assertInteger, assertPositive, viewOf, writeAscii } from './bytes'

export interface WavOptions {
  /** Length of the audio in seconds; rounded to a whole number of sample frames (at least one). */
  durationSeconds: number
  /** Samples per second per channel. Default 24000, the rate most speech models produce. */
  sampleRate?: number
  /** 1 (mono) or 2 (stereo, the same tone on both channels). Default 1. */
  channels?: 1 | 2
  /** Pitch of the tone. Default 440 (concert A). */
  frequencyHz?: number
}

export interface WavHeaderOptions {
  sampleRate: number
  channels: number
  /** Default 16. */
  bitsPerSample?: number
  /** Length of the sample data that will follow the header. */
  dataBytes: number
}

/** Length of the header `wavHeader` writes; the sample data starts right after it. */
export const WAV_HEADER_BYTES = 44

// RIFF sizes are 32-bit; the RIFF size field counts everything after its own 8 bytes.
const MAX_DATA_BYTES = 0xffffffff - (WAV_HEADER_BYTES - 8)
// Peak amplitude as a fraction of full scale: clearly audible without being harsh.
const AMPLITUDE = 0.3
// Fade in and out over 10 ms; a tone that starts or stops at a non-zero sample clicks.
const FADE_SECONDS = 0.01

/**
 * The 44-byte header of a PCM WAV file (`RIFF` chunk, `fmt ` chunk, `data` chunk header)
 * for `dataBytes` bytes of sample data. Write it before the samples, for example at the
 * start of a streamed response whose length is known up front.
 *
 * @throws RangeError for a rate, channel count, sample size or data length a WAV header
 * cannot express.
 */
export function wavHeader(options: WavHeaderOptions): Uint8Array<ArrayBuffer> {
  const { sampleRate, channels, bitsPerSample = 16, dataBytes } = options
  assertInteger('sampleRate', sampleRate, 1, 0xffffffff)
  assertInteger('channels', channels, 1, 0xffff)
  assertInteger('bitsPerSample', bitsPerSample, 8, 32)
  if (bitsPerSample % 8 !== 0) {
    throw new RangeError(`bitsPerSample must be a multiple of 8, got ${bitsPerSample}`)
  }
  assertInteger('dataBytes', dataBytes, 0, MAX_DATA_BYTES)
  const blockAlign = channels * (bitsPerSample / 8)
  const header = new Uint8Array(WAV_HEADER_BYTES)
  const view = viewOf(header)
  writeAscii(header, 0, 'RIFF')
  view.setUint32(4, WAV_HEADER_BYTES - 8 + dataBytes, true)
  writeAscii(header, 8, 'WAVE')
  writeAscii(header, 12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // WAVE_FORMAT_PCM
  view.setUint16(22, channels, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * blockAlign, true) // byte rate
  view.setUint16(32, blockAlign, true)
  view.setUint16(34, bitsPerSample, true)
  writeAscii(header, 36, 'data')
  view.setUint32(40, dataBytes, true)
  return header
}

/**
 * Encodes a valid WAV file: 16-bit little-endian PCM, `channels` interleaved channels, a
 * sine tone at `frequencyHz` with short fades at both ends so it neither clicks when it
 * starts nor when it stops.
 *
 * The file holds `Math.round(durationSeconds * sampleRate)` sample frames (at least one),
 * so its data is `frames * channels * 2` bytes after a 44-byte header.
 *
 * @throws RangeError when an option is out of range or the file would exceed the 4 GiB a
 * RIFF size field can describe.
 */
export function encodeWav(options: WavOptions): Uint8Array<ArrayBuffer> {
  const { durationSeconds, sampleRate = 24_000, channels = 1, frequencyHz = 440 } = options
  assertPositive('durationSeconds', durationSeconds, Number.MAX_SAFE_INTEGER)
  assertInteger('sampleRate', sampleRate, 1, 0xffffffff)
  if (channels !== 1 && channels !== 2) {
    throw new RangeError(`channels must be 1 or 2, got ${String(channels)}`)
  }
  assertPositive('frequencyHz', frequencyHz, sampleRate / 2)
  const frames = Math.max(1, Math.round(durationSeconds * sampleRate))
  const dataBytes = frames * channels * 2
  if (dataBytes > MAX_DATA_BYTES) {
    throw new RangeError(
      `a ${durationSeconds}s WAV at ${sampleRate} Hz exceeds the 4 GiB RIFF limit`,
    )
  }

  const out = new Uint8Array(WAV_HEADER_BYTES + dataBytes)
  out.set(wavHeader({ sampleRate, channels, dataBytes }), 0)
  const view = viewOf(out)
  const fade = Math.min(Math.round(sampleRate * FADE_SECONDS), Math.floor(frames / 2))
  const step = (2 * Math.PI * frequencyHz) / sampleRate
  const peak = AMPLITUDE * 32767
  let offset = WAV_HEADER_BYTES
  for (let frame = 0; frame < frames; frame++) {
    const edge = Math.min(frame, frames - 1 - frame)
    const gain = edge < fade ? edge / fade : 1
    const sample = Math.round(Math.sin(frame * step) * peak * gain)
    for (let channel = 0; channel < channels; channel++) {
      view.setInt16(offset, sample, true)
      offset += 2
    }
  }
  return out
}
