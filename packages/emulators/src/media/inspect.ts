/**
 * Inspectors that read back the headers of PNG, JPEG, WAV and MP4 files and check their
 * structure. Tests use them to prove the encoders' output is valid; users can use them to
 * check what a provider (or an emulator) returned before trusting it.
 *
 * Each inspector walks the whole container structure (chunks, segments or boxes), so a
 * truncated download is reported as such instead of yielding plausible-looking numbers.
 * They do not decode pixels or samples.
 */

import { readAscii, viewOf } from './bytes'
import { crc32 } from './crc32'

export type MediaKind = 'png' | 'jpeg' | 'wav' | 'mp4'

/** Thrown by the inspectors; the message names the format and what is wrong. */
export class MediaFormatError extends Error {
  /** The format the bytes were expected to be in. */
  readonly format: MediaKind

  constructor(format: MediaKind, message: string) {
    super(`invalid ${format.toUpperCase()}: ${message}`)
    this.name = 'MediaFormatError'
    this.format = format
  }
}

const hex = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`

// ---------------------------------------------------------------------------------------
// PNG

export interface PngInfo {
  width: number
  height: number
  /** Bits per sample (or per palette index): 1, 2, 4, 8 or 16. */
  bitDepth: number
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number
  /** Alpha channel (colour type 4 or 6) or a tRNS transparency chunk. */
  hasAlpha: boolean
  interlaced: boolean
  /** Chunk types in file order. */
  chunks: string[]
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

// Bit depths each colour type allows (PNG spec, table 11.1).
const PNG_BIT_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
}

/**
 * Reads a PNG's header and checks the file's structure: the signature, IHDR as the first
 * chunk with a valid size, bit depth and colour type, the CRC of every chunk, at least one
 * IDAT chunk, and IEND at the end.
 *
 * @throws MediaFormatError naming the first problem found.
 */
export function inspectPng(bytes: Uint8Array): PngInfo {
  const fail = (message: string) => new MediaFormatError('png', message)
  if (bytes.length < 8 || PNG_SIGNATURE.some((byte, index) => bytes[index] !== byte)) {
    throw fail('missing the 8-byte PNG signature')
  }
  const view = viewOf(bytes)
  const chunks: string[] = []
  let header: Omit<PngInfo, 'hasAlpha' | 'chunks'> | undefined
  let transparency = false
  let offset = 8
  for (;;) {
    if (offset + 12 > bytes.length) {
      throw fail(`file ends at byte ${bytes.length} before the IEND chunk (truncated?)`)
    }
    const length = view.getUint32(offset)
    const type = readAscii(bytes, offset + 4, 4)
    if (!/^[A-Za-z]{4}$/.test(type)) throw fail(`invalid chunk type at byte ${offset}`)
    if (length > 0x7fffffff || offset + 12 + length > bytes.length) {
      throw fail(
        `chunk ${type} at byte ${offset} declares ${length} bytes past the end of the file (truncated?)`,
      )
    }
    const stored = view.getUint32(offset + 8 + length)
    const computed = crc32(bytes.subarray(offset + 4, offset + 8 + length))
    if (stored !== computed) {
      throw fail(
        `CRC mismatch in chunk ${type} at byte ${offset}: stored ${hex(stored)}, computed ${hex(computed)}`,
      )
    }
    if (chunks.length === 0 && type !== 'IHDR') throw fail(`first chunk is ${type}, expected IHDR`)
    if (type === 'IHDR') {
      if (chunks.length > 0) throw fail('more than one IHDR chunk')
      if (length !== 13) throw fail(`IHDR has ${length} bytes, expected 13`)
      const width = view.getUint32(offset + 8)
      const height = view.getUint32(offset + 12)
      const bitDepth = bytes[offset + 16]!
      const colorType = bytes[offset + 17]!
      if (width === 0 || height === 0) throw fail(`image size ${width}x${height} has a zero side`)
      const depths = PNG_BIT_DEPTHS[colorType]
      if (depths === undefined) throw fail(`unknown colour type ${colorType}`)
      if (!depths.includes(bitDepth)) {
        throw fail(`bit depth ${bitDepth} is not allowed with colour type ${colorType}`)
      }
      if (bytes[offset + 18] !== 0 || bytes[offset + 19] !== 0) {
        throw fail('unknown compression or filter method')
      }
      const interlace = bytes[offset + 20]!
      if (interlace > 1) throw fail(`unknown interlace method ${interlace}`)
      header = { width, height, bitDepth, colorType, interlaced: interlace === 1 }
    }
    if (type === 'tRNS') transparency = true
    chunks.push(type)
    offset += 12 + length
    if (type === 'IEND') break
  }
  if (!chunks.includes('IDAT')) throw fail('no IDAT chunk: the file holds no image data')
  if (header === undefined) throw fail('no IHDR chunk')
  const hasAlpha = header.colorType === 4 || header.colorType === 6 || transparency
  return { ...header, hasAlpha, chunks }
}

// ---------------------------------------------------------------------------------------
// WAV

export interface WavInfo {
  /** wFormatTag: 1 integer PCM, 3 IEEE float, 0xFFFE WAVE_FORMAT_EXTENSIBLE, ... */
  audioFormat: number
  sampleRate: number
  channels: number
  bitsPerSample: number
  /** Bytes per sample frame (all channels). */
  blockAlign: number
  /** Length of the sample data. */
  dataBytes: number
  durationSeconds: number
}

// Streaming writers that cannot seek back put this in sizes they do not know yet.
const UNKNOWN_SIZE = 0xffffffff

/**
 * Reads a RIFF/WAVE file's format and data length, walking its chunks: a `fmt ` chunk of
 * at least 16 bytes must come before the `data` chunk, and the data must be complete. A
 * data size of 0xFFFFFFFF (written by streaming encoders that do not know the length)
 * means "to the end of the file".
 *
 * @throws MediaFormatError naming the first problem found.
 */
export function inspectWav(bytes: Uint8Array): WavInfo {
  const fail = (message: string) => new MediaFormatError('wav', message)
  if (bytes.length < 12 || readAscii(bytes, 0, 4) !== 'RIFF' || readAscii(bytes, 8, 4) !== 'WAVE') {
    throw fail('missing the RIFF....WAVE header')
  }
  const view = viewOf(bytes)
  const riffSize = view.getUint32(4, true)
  if (riffSize !== UNKNOWN_SIZE && riffSize + 8 > bytes.length) {
    throw fail(
      `RIFF header declares ${riffSize + 8} bytes but the file has ${bytes.length} (truncated?)`,
    )
  }
  let format: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | undefined
  let offset = 12
  while (offset + 8 <= bytes.length) {
    const id = readAscii(bytes, offset, 4)
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (id === 'fmt ') {
      if (size < 16 || body + size > bytes.length)
        throw fail(`fmt chunk of ${size} bytes is too short or truncated`)
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bitsPerSample: view.getUint16(body + 14, true),
      }
      if (format.channels === 0) throw fail('fmt chunk declares 0 channels')
      if (format.sampleRate === 0) throw fail('fmt chunk declares a sample rate of 0')
      if (format.blockAlign === 0) throw fail('fmt chunk declares a block align of 0')
    } else if (id === 'data') {
      if (format === undefined) throw fail('data chunk comes before the fmt chunk')
      const dataBytes = size === UNKNOWN_SIZE ? bytes.length - body : size
      if (body + dataBytes > bytes.length) {
        throw fail(
          `data chunk declares ${dataBytes} bytes but only ${bytes.length - body} follow (truncated?)`,
        )
      }
      const durationSeconds = dataBytes / (format.sampleRate * format.blockAlign)
      return { ...format, dataBytes, durationSeconds }
    }
    // Chunks are padded to an even length.
    offset = body + size + (size & 1)
  }
  throw fail(format === undefined ? 'no fmt chunk' : 'no data chunk')
}

// ---------------------------------------------------------------------------------------
// MP4

export interface Mp4Info {
  /** The ftyp's major brand, e.g. `isom`. */
  majorBrand: string
  /** The ftyp's compatible brands. */
  brands: string[]
  /** Of the first video track, from its tkhd (16.16 fixed point, rounded down). */
  width: number
  height: number
  /** The first video track's sample entry type, e.g. `avc1`, `hvc1`, `av01`. */
  codec: string
  /** From the mvhd: duration / timescale. */
  durationSeconds: number
  /** Top-level box types in file order. */
  boxes: string[]
}

interface Box {
  type: string
  start: number
  /** Start of the payload. */
  body: number
  end: number
}

// Still-image files (HEIF, AVIF) and audio-only files share the MP4 container.
const NON_VIDEO_BRANDS = new Set([
  'avif',
  'avis',
  'heic',
  'heix',
  'heim',
  'heis',
  'mif1',
  'msf1',
  'M4A ',
])

/** The boxes between `start` and `end`; throws if one runs past `end`. */
function readBoxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const view = viewOf(bytes)
  const boxes: Box[] = []
  let offset = start
  while (offset < end) {
    if (offset + 8 > end)
      throw mp4Error(`${end - offset} stray bytes at byte ${offset}, too few for a box header`)
    const type = readAscii(bytes, offset + 4, 4)
    let size = view.getUint32(offset)
    let body = offset + 8
    if (size === 1) {
      // A 64-bit largesize follows the type.
      if (offset + 16 > end)
        throw mp4Error(`box ${type} at byte ${offset} is cut off in its header`)
      size = view.getUint32(offset + 8) * 0x100000000 + view.getUint32(offset + 12)
      body = offset + 16
    } else if (size === 0) {
      size = end - offset // the box extends to the end of its parent
    }
    if (size < body - offset)
      throw mp4Error(`box ${type} at byte ${offset} declares an impossible size ${size}`)
    if (offset + size > end) {
      throw mp4Error(
        `box ${type} at byte ${offset} declares ${size} bytes but only ${end - offset} remain (truncated?)`,
      )
    }
    boxes.push({ type, start: offset, body, end: offset + size })
    offset += size
  }
  return boxes
}

function mp4Error(message: string): MediaFormatError {
  return new MediaFormatError('mp4', message)
}

function requireBox(bytes: Uint8Array, parent: Box, type: string): Box {
  const box = readBoxes(bytes, parent.body, parent.end).find((child) => child.type === type)
  if (box === undefined) throw mp4Error(`${parent.type} box has no ${type} box`)
  return box
}

/**
 * Reads an MP4 (ISO Base Media File) file's brands, duration and first video track, after
 * checking that every top-level box fits the file exactly, that an ftyp and a moov box
 * are present, and that the moov holds a video track with a sample description.
 *
 * @throws MediaFormatError naming the first problem found, e.g. a box that runs past the
 * end of a truncated download, or a file without a video track.
 */
export function inspectMp4(bytes: Uint8Array): Mp4Info {
  const view = viewOf(bytes)
  if (bytes.length < 8 || readAscii(bytes, 4, 4) !== 'ftyp') {
    throw mp4Error('does not start with an ftyp box')
  }
  const top = readBoxes(bytes, 0, bytes.length)
  const ftyp = top[0]!
  if (ftyp.end - ftyp.body < 8) throw mp4Error('ftyp box is too short')
  const majorBrand = readAscii(bytes, ftyp.body, 4)
  const brands: string[] = []
  for (let offset = ftyp.body + 8; offset + 4 <= ftyp.end; offset += 4) {
    brands.push(readAscii(bytes, offset, 4))
  }
  const moov = top.find((box) => box.type === 'moov')
  if (moov === undefined) throw mp4Error('no moov box: the file has no movie header')

  const mvhd = requireBox(bytes, moov, 'mvhd')
  const mvhdVersion = bytes[mvhd.body]
  let timescale: number
  let duration: number
  if (mvhdVersion === 1) {
    if (mvhd.end - mvhd.body < 32) throw mp4Error('mvhd box is too short')
    timescale = view.getUint32(mvhd.body + 20)
    duration = view.getUint32(mvhd.body + 24) * 0x100000000 + view.getUint32(mvhd.body + 28)
  } else {
    if (mvhd.end - mvhd.body < 20) throw mp4Error('mvhd box is too short')
    timescale = view.getUint32(mvhd.body + 12)
    duration = view.getUint32(mvhd.body + 16)
  }
  if (timescale === 0) throw mp4Error('mvhd declares a timescale of 0')

  for (const trak of readBoxes(bytes, moov.body, moov.end)) {
    if (trak.type !== 'trak') continue
    const mdia = requireBox(bytes, trak, 'mdia')
    const hdlr = requireBox(bytes, mdia, 'hdlr')
    if (readAscii(bytes, hdlr.body + 8, 4) !== 'vide') continue
    const tkhd = requireBox(bytes, trak, 'tkhd')
    // width and height are the last 8 bytes of tkhd in both versions.
    const sizeAt = tkhd.body + (bytes[tkhd.body] === 1 ? 88 : 76)
    if (sizeAt + 8 > tkhd.end) throw mp4Error('tkhd box is too short')
    const width = Math.floor(view.getUint32(sizeAt) / 0x10000)
    const height = Math.floor(view.getUint32(sizeAt + 4) / 0x10000)
    const stbl = requireBox(bytes, requireBox(bytes, mdia, 'minf'), 'stbl')
    const stsd = requireBox(bytes, stbl, 'stsd')
    // stsd: version and flags, entry count, then the sample entries as boxes.
    const entry = readBoxes(bytes, stsd.body + 8, stsd.end)[0]
    if (entry === undefined) throw mp4Error('video track has no sample description')
    return {
      majorBrand,
      brands,
      width,
      height,
      codec: entry.type,
      durationSeconds: duration / timescale,
      boxes: top.map((box) => box.type),
    }
  }
  throw mp4Error('no video track (a trak whose hdlr is vide)')
}

// ---------------------------------------------------------------------------------------
// JPEG

export interface JpegInfo {
  width: number
  height: number
  /** 1 greyscale, 3 YCbCr (or RGB), 4 CMYK. */
  components: number
  /** Bits per sample, 8 for baseline. */
  precision: number
  progressive: boolean
}

const isStartOfFrame = (code: number): boolean =>
  code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc

/**
 * Reads a JPEG's frame header after walking all of its segments: SOI first, every
 * segment complete, a start-of-frame (SOFn) before the first scan, at least one scan
 * (SOS) with its entropy-coded data, and EOI at the end.
 *
 * @throws MediaFormatError naming the first problem found.
 */
export function inspectJpeg(bytes: Uint8Array): JpegInfo {
  const fail = (message: string) => new MediaFormatError('jpeg', message)
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8)
    throw fail('missing the SOI marker')
  const view = viewOf(bytes)
  let frame: JpegInfo | undefined
  let scans = 0
  let offset = 2
  for (;;) {
    if (offset + 2 > bytes.length)
      throw fail(`file ends at byte ${bytes.length} without an EOI marker (truncated?)`)
    if (bytes[offset] !== 0xff) {
      throw fail(`expected a marker at byte ${offset}, found 0x${bytes[offset]!.toString(16)}`)
    }
    const code = bytes[offset + 1]!
    if (code === 0xff) {
      offset++ // fill byte before a marker
      continue
    }
    if (code === 0xd9) break // EOI
    if (code === 0x01 || (code >= 0xd0 && code <= 0xd8)) {
      if (code === 0xd8) throw fail(`second SOI marker at byte ${offset}`)
      offset += 2 // markers without a length
      continue
    }
    if (offset + 4 > bytes.length) throw fail(`segment at byte ${offset} is cut off (truncated?)`)
    const length = view.getUint16(offset + 2)
    if (length < 2 || offset + 2 + length > bytes.length) {
      throw fail(
        `segment 0xFF${code.toString(16).toUpperCase()} at byte ${offset} declares ${length} bytes past the end (truncated?)`,
      )
    }
    if (isStartOfFrame(code)) {
      if (frame !== undefined) throw fail('more than one start-of-frame segment')
      const components = bytes[offset + 9] ?? 0
      if (length !== 8 + 3 * components)
        throw fail(`SOF segment length ${length} does not match ${components} components`)
      frame = {
        precision: bytes[offset + 4]!,
        height: view.getUint16(offset + 5),
        width: view.getUint16(offset + 7),
        components,
        progressive: code === 0xc2 || code === 0xc6 || code === 0xca || code === 0xce,
      }
      if (frame.width === 0) throw fail('frame width is 0')
    }
    offset += 2 + length
    if (code === 0xda) {
      if (frame === undefined) throw fail('scan (SOS) before any start-of-frame segment')
      scans++
      // Entropy-coded data runs to the next marker other than a stuffed 0xFF00 or a
      // restart marker.
      while (offset + 1 < bytes.length) {
        if (bytes[offset] === 0xff) {
          const next = bytes[offset + 1]!
          if (next !== 0 && (next < 0xd0 || next > 0xd7)) break
        }
        offset++
      }
    }
  }
  if (frame === undefined) throw fail('no start-of-frame (SOFn) segment')
  if (scans === 0) throw fail('no scan (SOS): the file holds no image data')
  return frame
}

// ---------------------------------------------------------------------------------------
// Sniffing

export type SniffedMediaType = 'image/png' | 'image/jpeg' | 'audio/wav' | 'video/mp4'

/**
 * The media type the leading bytes announce (magic numbers only; the rest of the file is
 * not checked, use the inspectors for that), or `undefined` when it is none of PNG, JPEG,
 * WAV and MP4. ISO-BMFF files whose major brand marks a still image (HEIF, AVIF) or
 * audio-only MP4 are not reported as video.
 */
export function sniffMediaType(bytes: Uint8Array): SniffedMediaType | undefined {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte))
    return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg'
  if (
    bytes.length >= 12 &&
    readAscii(bytes, 0, 4) === 'RIFF' &&
    readAscii(bytes, 8, 4) === 'WAVE'
  ) {
    return 'audio/wav'
  }
  if (bytes.length >= 12 && readAscii(bytes, 4, 4) === 'ftyp') {
    return NON_VIDEO_BRANDS.has(readAscii(bytes, 8, 4)) ? undefined : 'video/mp4'
  }
  return undefined
}
