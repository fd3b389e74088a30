/**
 * MP3 encoder for silence: MPEG-1 Layer III frames at 128 kbit/s whose side information is all
 * zero (no main data in any granule), which every decoder plays as digital silence. A real
 * tone would need a psychoacoustic encoder; a valid file of the right length is what an
 * emulator needs.
 */
import { assertPositive } from './bytes'

export interface Mp3Options {
  /** Length in seconds; rounded up to whole frames of 1152 samples. */
  durationSeconds: number
  /** 32000, 44100 or 48000. Default 48000. */
  sampleRate?: 32_000 | 44_100 | 48_000
  /** 1 or 2. Default 2. */
  channels?: 1 | 2
}

const SAMPLES_PER_FRAME = 1152
const BITRATE = 128_000
const RATE_INDEX: Record<number, number> = { 44100: 0, 48000: 1, 32000: 2 }

/** Encodes a valid MPEG-1 Layer III file of silence. */
export function encodeMp3(options: Mp3Options): Uint8Array<ArrayBuffer> {
  const { durationSeconds, sampleRate = 48_000, channels = 2 } = options
  assertPositive('durationSeconds', durationSeconds, 24 * 3600)
  const rateIndex = RATE_INDEX[sampleRate]
  if (rateIndex === undefined) throw new RangeError(`sampleRate must be 32000, 44100 or 48000`)
  const frames = Math.max(1, Math.ceil((durationSeconds * sampleRate) / SAMPLES_PER_FRAME))
  // Frame length: 144 × bitrate / rate, plus one padding byte on frames that need it so the
  // average stays at the bitrate (44.1 kHz).
  const exact = (144 * BITRATE) / sampleRate
  const base = Math.floor(exact)
  const lengths: number[] = []
  let carry = 0
  for (let frame = 0; frame < frames; frame++) {
    carry += exact - base
    const padding = carry >= 1 ? 1 : 0
    if (padding) carry -= 1
    lengths.push(base + padding)
  }
  const out = new Uint8Array(lengths.reduce((sum, length) => sum + length, 0))
  let offset = 0
  for (const length of lengths) {
    const padding = length > base ? 1 : 0
    out[offset] = 0xff
    out[offset + 1] = 0xfb // MPEG-1, Layer III, no CRC
    out[offset + 2] = (9 << 4) | (rateIndex << 2) | (padding << 1) // 128 kbit/s
    out[offset + 3] = (channels === 2 ? 0 : 3) << 6 // stereo or mono
    // Side information and main data stay zero: every granule is empty, i.e. silent.
    offset += length
  }
  return out
}
