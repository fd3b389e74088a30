/**
 * FLAC encoder: a `fLaC` stream with one STREAMINFO block and fixed-size frames whose
 * subframes are VERBATIM (raw 16-bit samples), each frame closed by its CRC-8 header check and
 * CRC-16. No compression, so no predictor or Rice coding, yet a file every FLAC decoder plays:
 * the same sine tone `encodeWav` writes.
 */
import { assertInteger, assertPositive } from './bytes'

export interface FlacOptions {
  /** Length in seconds; rounded to a whole number of samples (at least one). */
  durationSeconds: number
  /** Default 48000. */
  sampleRate?: number
  /** 1 or 2. Default 2. */
  channels?: 1 | 2
  /** Pitch of the tone. Default 440. */
  frequencyHz?: number
}

const BLOCK_SIZE = 4096
const AMPLITUDE = 0.3

function crc8(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0
  for (let index = start; index < end; index++) {
    crc ^= bytes[index]!
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff
  }
  return crc
}

function crc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0
  for (let index = start; index < end; index++) {
    crc ^= bytes[index]! << 8
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff
    }
  }
  return crc
}

/** The "UTF-8" coding FLAC uses for frame numbers (up to 31 bits here). */
function utf8Number(value: number): number[] {
  if (value < 0x80) return [value]
  const limits = [0x800, 0x10000, 0x200000, 0x4000000, 0x80000000]
  const length = limits.findIndex((limit) => value < limit) + 2
  const out: number[] = []
  let rest = value
  for (let index = 1; index < length; index++) {
    out.unshift(0x80 | (rest & 0x3f))
    rest = Math.floor(rest / 64)
  }
  out.unshift(((0xff << (8 - length)) & 0xff) | rest)
  return out
}

/**
 * Encodes a valid FLAC file of a sine tone, 16 bits per sample.
 *
 * @throws RangeError when an option is out of range.
 */
export function encodeFlac(options: FlacOptions): Uint8Array<ArrayBuffer> {
  const { durationSeconds, sampleRate = 48_000, channels = 2, frequencyHz = 440 } = options
  assertPositive('durationSeconds', durationSeconds, 24 * 3600)
  assertInteger('sampleRate', sampleRate, 1, 655_350)
  if (channels !== 1 && channels !== 2)
    throw new RangeError(`channels must be 1 or 2, got ${channels}`)
  const total = Math.max(1, Math.round(durationSeconds * sampleRate))
  const frames = Math.ceil(total / BLOCK_SIZE)
  // Header (at most 16 bytes) + subframes + CRC-16, per frame.
  const out = new Uint8Array(
    4 + 4 + 34 + frames * (16 + 2) + total * channels * 2 + frames * channels,
  )
  let offset = 0
  const put = (...values: number[]) => {
    for (const value of values) out[offset++] = value & 0xff
  }
  put(0x66, 0x4c, 0x61, 0x43) // fLaC
  put(0x80, 0, 0, 34) // last metadata block, STREAMINFO, 34 bytes
  put(BLOCK_SIZE >> 8, BLOCK_SIZE & 0xff, BLOCK_SIZE >> 8, BLOCK_SIZE & 0xff)
  put(0, 0, 0, 0, 0, 0) // frame sizes unknown
  // 20 bits rate, 3 bits channels-1, 5 bits bps-1, 36 bits total samples.
  put(
    sampleRate >> 12,
    sampleRate >> 4,
    ((sampleRate & 0x0f) << 4) | ((channels - 1) << 1) | (15 >> 4),
  )
  const high = Math.floor(total / 2 ** 32)
  put(((15 & 0x0f) << 4) | (high & 0x0f), total >>> 24, total >>> 16, total >>> 8, total)
  offset += 16 // MD5 unknown (zeros)

  const step = (2 * Math.PI * frequencyHz) / sampleRate
  const peak = AMPLITUDE * 32767
  const fade = Math.min(Math.round(sampleRate * 0.01), Math.floor(total / 2))
  for (let frame = 0; frame < frames; frame++) {
    const first = frame * BLOCK_SIZE
    const size = Math.min(BLOCK_SIZE, total - first)
    const start = offset
    put(0xff, 0xf8)
    // Block size: 4096 (code 12), or 16-bit size-1 at the end of the header (code 7).
    put(((size === BLOCK_SIZE ? 12 : 7) << 4) | 0) // sample rate from STREAMINFO
    put(((channels - 1) << 4) | (4 << 1)) // independent channels, 16 bits
    put(...utf8Number(frame))
    if (size !== BLOCK_SIZE) put((size - 1) >> 8, size - 1)
    put(crc8(out, start, offset))
    for (let channel = 0; channel < channels; channel++) {
      put(0x02) // VERBATIM subframe, no wasted bits
      for (let index = 0; index < size; index++) {
        const n = first + index
        const edge = Math.min(n, total - 1 - n)
        const gain = edge < fade ? edge / fade : 1
        const sample = Math.round(Math.sin(n * step) * peak * gain)
        put(sample >> 8, sample)
      }
    }
    const crc = crc16(out, start, offset)
    put(crc >> 8, crc)
  }
  return out.slice(0, offset)
}
