/**
 * PNG encoder: 8-bit truecolour (colour type 2) or truecolour with alpha (colour type 6).
 *
 * The pixels go into the zlib stream as STORED deflate blocks, i.e. uncompressed. That
 * keeps the encoder tiny and free of a deflate implementation while producing a file
 * every decoder accepts; the price is a file as large as the raw pixels, which is what an
 * emulator wants anyway when it must return a realistic number of bytes.
 */

import { adler32 } from './adler32'
import { assertInteger, viewOf, writeAscii } from './bytes'
import { crc32 } from './crc32'
import { gradientPainter, spritePainter } from './pattern'

export interface PngOptions {
  /** Width in pixels, at least 1. */
  width: number
  /** Height in pixels, at least 1. */
  height: number
  /**
   * RGBA instead of RGB. The picture becomes a pixel-art sprite on a fully transparent
   * background instead of an opaque gradient. Default `false`.
   */
  alpha?: boolean
  /** Picks the colours and the sprite's shape; the same seed gives the same bytes. Default 0. */
  seed?: number
  /**
   * With `alpha`, what the RGBA image shows: `'sprite'` (default) on transparency, or the
   * opaque `'gradient'` (every alpha 255), as an RGBA image without transparency looks.
   */
  picture?: 'sprite' | 'gradient'
}

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE: Uint8Array = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
])

// A stored deflate block holds at most 65535 bytes: its length field is 16 bits.
const MAX_STORED_BLOCK = 0xffff
// Per stored block: 1 header byte (BFINAL + BTYPE, padded to a byte) + LEN + NLEN.
const STORED_BLOCK_OVERHEAD = 5
// Chunk framing: 4-byte length + 4-byte type before the data, 4-byte CRC after it.
const CHUNK_OVERHEAD = 12
// A PNG chunk's length field must stay below 2^31; one IDAT holds all the pixels.
const MAX_CHUNK_DATA = 0x7fffffff

/**
 * Encodes a valid PNG of `width` x `height` pixels showing a deterministic picture.
 *
 * Without `alpha` the file is RGB (colour type 2) and shows a diagonal gradient with a
 * checkerboard; with `alpha` it is RGBA (colour type 6) and shows a symmetric sprite on a
 * transparent background. Every scanline uses filter type 0 (None), the zlib stream is
 * made of stored blocks with a correct Adler-32, and every chunk carries a correct CRC.
 *
 * The output is allocated once at its final size and the raw scanlines once beside it, so
 * a 1024x1024 RGB image (about 3 MiB) takes a few tens of milliseconds.
 *
 * @throws RangeError when the size is not a positive integer or the image would not fit in
 * a single IDAT chunk (2 GiB).
 */
export function encodePng(options: PngOptions): Uint8Array<ArrayBuffer> {
  const { width, height, alpha = false, seed = 0, picture = 'sprite' } = options
  assertInteger('width', width, 1, 0x7fffffff)
  assertInteger('height', height, 1, 0x7fffffff)
  const channels = alpha ? 4 : 3
  const stride = 1 + width * channels
  const rawLength = stride * height
  const blocks = Math.max(1, Math.ceil(rawLength / MAX_STORED_BLOCK))
  const zlibLength = 2 + rawLength + blocks * STORED_BLOCK_OVERHEAD + 4
  if (zlibLength > MAX_CHUNK_DATA) {
    throw new RangeError(`a ${width}x${height} PNG is too large for this encoder`)
  }

  const raw = new Uint8Array(rawLength)
  if (alpha && picture === 'gradient') {
    const paint = gradientPainter(width, height, seed)
    for (let y = 0; y < height; y++) {
      let offset = y * stride + 1
      for (let x = 0; x < width; x++) {
        const rgb = paint(x, y)
        raw[offset] = rgb >>> 16
        raw[offset + 1] = (rgb >>> 8) & 0xff
        raw[offset + 2] = rgb & 0xff
        raw[offset + 3] = 0xff
        offset += 4
      }
    }
  } else if (alpha) {
    const paint = spritePainter(width, height, seed)
    for (let y = 0; y < height; y++) {
      let offset = y * stride + 1 // filter byte stays 0 (None)
      for (let x = 0; x < width; x++) {
        const rgba = paint(x, y)
        raw[offset] = rgba >>> 24
        raw[offset + 1] = (rgba >>> 16) & 0xff
        raw[offset + 2] = (rgba >>> 8) & 0xff
        raw[offset + 3] = rgba & 0xff
        offset += 4
      }
    }
  } else {
    const paint = gradientPainter(width, height, seed)
    for (let y = 0; y < height; y++) {
      let offset = y * stride + 1
      for (let x = 0; x < width; x++) {
        const rgb = paint(x, y)
        raw[offset] = rgb >>> 16
        raw[offset + 1] = (rgb >>> 8) & 0xff
        raw[offset + 2] = rgb & 0xff
        offset += 3
      }
    }
  }

  const ihdrLength = 13
  const total =
    PNG_SIGNATURE.length +
    CHUNK_OVERHEAD +
    ihdrLength +
    CHUNK_OVERHEAD +
    zlibLength +
    CHUNK_OVERHEAD
  const out = new Uint8Array(total)
  const view = viewOf(out)
  out.set(PNG_SIGNATURE, 0)
  let offset = PNG_SIGNATURE.length

  // IHDR: size, bit depth 8, colour type, compression 0, filter 0, interlace 0.
  const ihdr = offset
  view.setUint32(offset, ihdrLength)
  writeAscii(out, offset + 4, 'IHDR')
  view.setUint32(offset + 8, width)
  view.setUint32(offset + 12, height)
  out[offset + 16] = 8
  out[offset + 17] = alpha ? 6 : 2
  offset = finishChunk(out, view, ihdr, ihdrLength)

  const idat = offset
  view.setUint32(offset, zlibLength)
  writeAscii(out, offset + 4, 'IDAT')
  offset += 8
  // zlib header: deflate with a 32 KiB window (0x78), no preset dictionary, "fastest"
  // level; 0x7801 is a multiple of 31 as RFC 1950 requires.
  out[offset++] = 0x78
  out[offset++] = 0x01
  for (let start = 0, block = 0; block < blocks; block++) {
    const length = Math.min(MAX_STORED_BLOCK, rawLength - start)
    // BFINAL on the last block, BTYPE 00 (stored); the rest of the byte is padding.
    out[offset] = block === blocks - 1 ? 1 : 0
    view.setUint16(offset + 1, length, true)
    view.setUint16(offset + 3, ~length & 0xffff, true)
    offset += STORED_BLOCK_OVERHEAD
    out.set(raw.subarray(start, start + length), offset)
    offset += length
    start += length
  }
  view.setUint32(offset, adler32(raw))
  offset = finishChunk(out, view, idat, zlibLength)

  view.setUint32(offset, 0)
  writeAscii(out, offset + 4, 'IEND')
  finishChunk(out, view, offset, 0)
  return out
}

/** Writes the CRC of the chunk starting at `start` (over type and data); returns the next offset. */
function finishChunk(out: Uint8Array, view: DataView, start: number, dataLength: number): number {
  const end = start + 8 + dataLength
  view.setUint32(end, crc32(out.subarray(start + 4, end)))
  return end + 4
}
