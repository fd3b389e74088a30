/**
 * Baseline JPEG encoder (JFIF, sequential DCT, Huffman coded, 8-bit YCbCr 4:4:4).
 *
 * Each 8x8 block is coded with its DC coefficient only and every AC coefficient zero, so
 * a block decodes to one flat colour: the picture is the gradient and checkerboard of the
 * other encoders at a resolution of 8x8-pixel tiles. That needs no DCT and no AC coding,
 * yet it is an ordinary baseline JPEG that every decoder accepts, with the standard
 * Annex K quantisation and Huffman tables.
 */

import { assertInteger, viewOf, writeAscii } from './bytes'
import { gradientPainter } from './pattern'

export interface JpegOptions {
  /** Width in pixels, 1 to 65535. */
  width: number
  /** Height in pixels, 1 to 65535. */
  height: number
  /** Picks the colours; the same seed gives the same bytes. Default 0. */
  seed?: number
}

// Position in natural (row-major) order of each coefficient in zigzag order; DQT
// segments list their 64 entries in zigzag order.
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
  13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
  45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]

// ITU-T T.81 Annex K.1 quantisation tables (quality 50), natural order.
const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
  92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
]
const CHROMA_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
  47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
]

interface HuffmanSpec {
  /** Number of codes of each length 1..16. */
  counts: readonly number[]
  /** Symbols in order of increasing code length. */
  symbols: readonly number[]
}

// ITU-T T.81 Annex K.3 Huffman tables.
const DC_LUMA: HuffmanSpec = {
  counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
  symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
}
const DC_CHROMA: HuffmanSpec = {
  counts: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
  symbols: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
}
const AC_LUMA: HuffmanSpec = {
  counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  symbols: [
    0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
    0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
    0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
    0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
    0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
    0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
    0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
    0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
    0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
  ],
}
const AC_CHROMA: HuffmanSpec = {
  counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  symbols: [
    0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
    0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0,
    0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
    0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
    0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
    0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
    0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
    0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3,
    0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
    0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
    0xf9, 0xfa,
  ],
}

// The end-of-block symbol: run 0, size 0, "all remaining AC coefficients are zero".
const EOB = 0x00

interface HuffmanCode {
  code: number
  length: number
}

/** Canonical Huffman codes (T.81 Annex C) by symbol. */
function huffmanCodes(spec: HuffmanSpec): Map<number, HuffmanCode> {
  const codes = new Map<number, HuffmanCode>()
  let code = 0
  let next = 0
  for (let length = 1; length <= 16; length++) {
    for (let count = 0; count < spec.counts[length - 1]!; count++) {
      codes.set(spec.symbols[next++]!, { code, length })
      code++
    }
    code <<= 1
  }
  return codes
}

/** Accumulates bits MSB first and writes bytes with JPEG's 0xFF 0x00 stuffing. */
class EntropyWriter {
  #out: Uint8Array
  #offset: number
  #bits = 0
  #count = 0

  constructor(out: Uint8Array, offset: number) {
    this.#out = out
    this.#offset = offset
  }

  get offset(): number {
    return this.#offset
  }

  /** Appends the low `length` bits of `value`; `length` is at most 16. */
  write(value: number, length: number): void {
    this.#bits = (this.#bits << length) | (value & ((1 << length) - 1))
    this.#count += length
    while (this.#count >= 8) {
      this.#count -= 8
      this.#byte((this.#bits >>> this.#count) & 0xff)
    }
    this.#bits &= (1 << this.#count) - 1
  }

  /** Pads the last byte with one bits, as T.81 F.1.2.3 asks. */
  flush(): void {
    if (this.#count > 0) this.write(0x7f, 8 - this.#count)
  }

  #byte(value: number): void {
    this.#out[this.#offset++] = value
    // A 0xFF in entropy-coded data would read as a marker; 0x00 after it says it is data.
    if (value === 0xff) this.#out[this.#offset++] = 0
  }
}

/**
 * Encodes a valid baseline JFIF JPEG of `width` x `height` pixels showing the seed's
 * gradient and checkerboard in flat 8x8 tiles.
 *
 * Layout: SOI, APP0 (JFIF 1.01), DQT (Annex K luminance and chrominance tables), SOF0
 * (8-bit, three components YCbCr without subsampling), DHT (the four Annex K Huffman
 * tables), SOS, entropy-coded data, EOI. Sizes that are not multiples of 8 are padded to
 * whole blocks, which decoders crop.
 *
 * @throws RangeError when a size is not an integer from 1 to 65535.
 */
export function encodeJpeg(options: JpegOptions): Uint8Array<ArrayBuffer> {
  const { width, height, seed = 0 } = options
  assertInteger('width', width, 1, 0xffff)
  assertInteger('height', height, 1, 0xffff)
  const columns = Math.ceil(width / 8)
  const rows = Math.ceil(height / 8)

  const huffmanSpecs = [DC_LUMA, DC_CHROMA, AC_LUMA, AC_CHROMA]
  let huffmanLength = 2
  for (const spec of huffmanSpecs) huffmanLength += 17 + spec.symbols.length
  const headerLength =
    2 + // SOI
    18 + // APP0
    (2 + 2 + 2 * 65) + // DQT with two tables
    (2 + 17) + // SOF0
    (2 + huffmanLength) + // DHT
    (2 + 12) // SOS
  // Worst case per block: an 11-bit DC code, 11 magnitude bits and a 4-bit EOB fit in 4
  // bytes, doubled if every byte were 0xFF and needed stuffing.
  const out = new Uint8Array(headerLength + columns * rows * 3 * 8 + 2 + 2)
  const view = viewOf(out)
  let offset = 0
  const marker = (code: number, length: number) => {
    out[offset] = 0xff
    out[offset + 1] = code
    view.setUint16(offset + 2, length)
    offset += 4
  }

  out[offset++] = 0xff
  out[offset++] = 0xd8 // SOI

  marker(0xe0, 16) // APP0
  writeAscii(out, offset, 'JFIF\0')
  out.set([1, 1, 0, 0, 1, 0, 1, 0, 0], offset + 5) // version 1.01, aspect ratio 1:1, no thumbnail
  offset += 14

  marker(0xdb, 2 + 2 * 65) // DQT
  for (const [id, quant] of [LUMA_QUANT, CHROMA_QUANT].entries()) {
    out[offset++] = id // 8-bit precision, table id
    for (const position of ZIGZAG) out[offset++] = quant[position]!
  }

  marker(0xc0, 17) // SOF0: baseline DCT
  out[offset++] = 8
  view.setUint16(offset, height)
  view.setUint16(offset + 2, width)
  offset += 4
  out[offset++] = 3
  // Component id, sampling factors 1x1 (no subsampling), quantisation table.
  out.set([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1], offset)
  offset += 9

  marker(0xc4, huffmanLength) // DHT
  for (const [index, spec] of huffmanSpecs.entries()) {
    out[offset++] = [0x00, 0x01, 0x10, 0x11][index]! // class (0 DC, 1 AC) and table id
    out.set(spec.counts, offset)
    out.set(spec.symbols, offset + 16)
    offset += 16 + spec.symbols.length
  }

  marker(0xda, 12) // SOS
  out[offset++] = 3
  // Component id, DC table (high nibble) and AC table (low nibble).
  out.set([1, 0x00, 2, 0x11, 3, 0x11], offset)
  offset += 6
  out.set([0, 63, 0], offset) // spectral selection 0..63, no successive approximation
  offset += 3

  const dcCodes = [huffmanCodes(DC_LUMA), huffmanCodes(DC_CHROMA), huffmanCodes(DC_CHROMA)]
  const eobCodes = [huffmanCodes(AC_LUMA), huffmanCodes(AC_CHROMA), huffmanCodes(AC_CHROMA)].map(
    (codes) => codes.get(EOB)!,
  )
  // DC of the forward DCT of a flat block is 8 * (value - 128); dividing by the table's
  // DC step gives the coefficient to code.
  const dcSteps = [LUMA_QUANT[0]!, CHROMA_QUANT[0]!, CHROMA_QUANT[0]!]
  const predictions = [0, 0, 0]
  const paint = gradientPainter(width, height, seed)
  const writer = new EntropyWriter(out, offset)
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      // One flat colour per block: the picture at the block's centre, inside the image.
      const rgb = paint(Math.min(column * 8 + 4, width - 1), Math.min(row * 8 + 4, height - 1))
      const r = rgb >>> 16
      const g = (rgb >>> 8) & 0xff
      const b = rgb & 0xff
      // JFIF's full-range YCbCr.
      const components = [
        0.299 * r + 0.587 * g + 0.114 * b,
        128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
        128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
      ]
      for (let component = 0; component < 3; component++) {
        const dc = Math.round((8 * (components[component]! - 128)) / dcSteps[component]!)
        const diff = dc - predictions[component]!
        predictions[component] = dc
        // The difference is coded as its size category, then that many magnitude bits
        // (negative values as value - 1 in those bits).
        const magnitude = Math.abs(diff)
        const size = magnitude === 0 ? 0 : 32 - Math.clz32(magnitude)
        const code = dcCodes[component]!.get(size)!
        writer.write(code.code, code.length)
        if (size > 0) writer.write(diff < 0 ? diff - 1 : diff, size)
        const eob = eobCodes[component]!
        writer.write(eob.code, eob.length)
      }
    }
  }
  writer.flush()
  offset = writer.offset
  out[offset++] = 0xff
  out[offset++] = 0xd9 // EOI
  return out.slice(0, offset)
}
