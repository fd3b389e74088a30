/**
 * Just enough H.264 to make the emulator's MP4 files really play: a Constrained Baseline
 * SPS and PPS, one IDR picture made of I_PCM macroblocks (raw samples, so no transform or
 * entropy coder is needed), and P pictures in which every macroblock is skipped, i.e. a
 * copy of the previous picture. The result is a still picture that decoders, players and
 * browsers accept, and whose size is dominated by the single IDR frame.
 *
 * NAL units are returned in the MP4 (ISO/IEC 14496-15) form: without start codes, with
 * emulation prevention applied. The caller adds the 4-byte length prefix.
 */

import { gradientPainter } from './pattern'

// log2(MaxFrameNum) = 4: frame_num counts 0..15 and wraps, which the standard allows.
const LOG2_MAX_FRAME_NUM = 4
/** How many distinct P slices exist: one per frame_num value. */
export const FRAME_NUM_CYCLE = 1 << LOG2_MAX_FRAME_NUM

// nal_unit_type values and header bytes (forbidden_zero_bit 0, nal_ref_idc, type).
const NAL_SPS = 0x67
const NAL_PPS = 0x68
const NAL_IDR = 0x65
const NAL_P = 0x41 // nal_ref_idc 2: P pictures stay references, see pSlice
/** Header byte of a filler data NAL unit (type 12, nal_ref_idc 0); decoders discard them. */
export const NAL_FILLER = 0x0c

// profile_idc 66 (Baseline) with constraint_set0 and constraint_set1: Constrained Baseline,
// which every hardware decoder and browser supports.
export const PROFILE_IDC = 66
export const PROFILE_COMPATIBILITY = 0xc0

// I_PCM macroblock: 256 luma + 2 * 64 chroma samples (4:2:0, 8-bit).
const PCM_BYTES = 256 + 128

/** Writes an RBSP bit by bit. Only used for headers, which are a few bytes long. */
class BitWriter {
  readonly #bytes: number[] = []
  #current = 0
  #count = 0

  bit(value: number): void {
    this.#current = (this.#current << 1) | (value & 1)
    if (++this.#count === 8) {
      this.#bytes.push(this.#current)
      this.#current = 0
      this.#count = 0
    }
  }

  bits(value: number, count: number): void {
    for (let shift = count - 1; shift >= 0; shift--) this.bit(value >>> shift)
  }

  /** Unsigned Exp-Golomb, ue(v). */
  ue(value: number): void {
    const coded = value + 1
    const length = 32 - Math.clz32(coded)
    this.bits(0, length - 1)
    this.bits(coded, length)
  }

  /** Signed Exp-Golomb, se(v). */
  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1)
  }

  /** Zero bits up to the next byte boundary (pcm_alignment_zero_bit). */
  alignZero(): void {
    while (this.#count !== 0) this.bit(0)
  }

  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  trailing(): void {
    this.bit(1)
    this.alignZero()
  }

  bytes(): Uint8Array {
    if (this.#count !== 0) throw new Error('BitWriter: not byte aligned')
    return Uint8Array.from(this.#bytes)
  }
}

/**
 * Inserts emulation prevention bytes: inside a NAL unit, 0x000000..0x000003 must not
 * occur, so an 0x03 goes after every pair of zero bytes that precedes a byte <= 3.
 */
function escapeRbsp(rbsp: Uint8Array): Uint8Array {
  let extra = 0
  for (let index = 0, zeros = 0; index < rbsp.length; index++) {
    const byte = rbsp[index]!
    if (zeros >= 2 && byte <= 3) {
      extra++
      zeros = 0
    }
    zeros = byte === 0 ? zeros + 1 : 0
  }
  if (extra === 0) return rbsp
  const out = new Uint8Array(rbsp.length + extra)
  for (let index = 0, offset = 0, zeros = 0; index < rbsp.length; index++) {
    const byte = rbsp[index]!
    if (zeros >= 2 && byte <= 3) {
      out[offset++] = 3
      zeros = 0
    }
    out[offset++] = byte
    zeros = byte === 0 ? zeros + 1 : 0
  }
  return out
}

/** A NAL unit: the header byte followed by the escaped RBSP. */
function nal(header: number, rbsp: Uint8Array): Uint8Array {
  const payload = escapeRbsp(rbsp)
  const out = new Uint8Array(1 + payload.length)
  out[0] = header
  out.set(payload, 1)
  return out
}

/** Macroblock grid of a picture: 16x16 luma blocks covering it. */
export function macroblocks(width: number, height: number): { columns: number; rows: number } {
  return { columns: Math.ceil(width / 16), rows: Math.ceil(height / 16) }
}

// Levels by their MaxFS (macroblocks per frame), smallest first. A level also caps each
// side at sqrt(8 * MaxFS) macroblocks.
const LEVELS: ReadonlyArray<readonly [level: number, maxFrameMacroblocks: number]> = [
  [10, 99],
  [11, 396],
  [21, 792],
  [22, 1620],
  [31, 3600],
  [32, 5120],
  [40, 8192],
  [42, 8704],
  [50, 22080],
  [51, 36864],
  [60, 139264],
]

/** The lowest level_idc whose frame size limits admit the picture. */
export function levelFor(width: number, height: number): number {
  const { columns, rows } = macroblocks(width, height)
  for (const [level, maxFs] of LEVELS) {
    const side = Math.sqrt(8 * maxFs)
    if (columns * rows <= maxFs && columns <= side && rows <= side) return level
  }
  return 62
}

/**
 * Sequence parameter set for a `width` x `height` picture.
 *
 * 4:2:0 frame cropping works in units of two pixels, so an odd width or height is coded
 * as the next even size; the MP4 container still declares the exact requested size.
 */
export function sequenceParameterSet(width: number, height: number): Uint8Array {
  const { columns, rows } = macroblocks(width, height)
  const cropRight = (columns * 16 - (width + (width & 1))) / 2
  const cropBottom = (rows * 16 - (height + (height & 1))) / 2
  const w = new BitWriter()
  w.bits(PROFILE_IDC, 8)
  w.bits(PROFILE_COMPATIBILITY, 8)
  w.bits(levelFor(width, height), 8)
  w.ue(0) // seq_parameter_set_id
  w.ue(LOG2_MAX_FRAME_NUM - 4)
  // pic_order_cnt_type 2: output order is decoding order, so no POC fields in slices.
  w.ue(2)
  w.ue(1) // max_num_ref_frames
  w.bit(0) // gaps_in_frame_num_value_allowed_flag
  w.ue(columns - 1)
  w.ue(rows - 1)
  w.bit(1) // frame_mbs_only_flag: progressive frames only
  w.bit(1) // direct_8x8_inference_flag
  const crop = cropRight > 0 || cropBottom > 0
  w.bit(crop ? 1 : 0)
  if (crop) {
    w.ue(0)
    w.ue(cropRight)
    w.ue(0)
    w.ue(cropBottom)
  }
  w.bit(0) // vui_parameters_present_flag: the container carries timing
  w.trailing()
  return nal(NAL_SPS, w.bytes())
}

/** Picture parameter set: CAVLC, one slice group, deblocking control present. */
export function pictureParameterSet(): Uint8Array {
  const w = new BitWriter()
  w.ue(0) // pic_parameter_set_id
  w.ue(0) // seq_parameter_set_id
  w.bit(0) // entropy_coding_mode_flag: CAVLC
  w.bit(0) // bottom_field_pic_order_in_frame_present_flag
  w.ue(0) // num_slice_groups_minus1
  w.ue(0) // num_ref_idx_l0_default_active_minus1
  w.ue(0) // num_ref_idx_l1_default_active_minus1
  w.bit(0) // weighted_pred_flag
  w.bits(0, 2) // weighted_bipred_idc
  w.se(0) // pic_init_qp_minus26
  w.se(0) // pic_init_qs_minus26
  w.se(0) // chroma_qp_index_offset
  // deblocking_filter_control_present_flag, so slices can turn the filter off: filtering
  // the raw PCM picture would only blur it.
  w.bit(1)
  w.bit(0) // constrained_intra_pred_flag
  w.bit(0) // redundant_pic_cnt_present_flag
  w.trailing()
  return nal(NAL_PPS, w.bytes())
}

const toLuma = (rgb: number): number => {
  const r = rgb >>> 16
  const g = (rgb >>> 8) & 0xff
  const b = rgb & 0xff
  // BT.601 limited range. Every sample lands in 16..240, never 0, which also means the raw
  // PCM bytes can never form a start code.
  return Math.round(16 + (65.738 * r + 129.057 * g + 25.064 * b) / 256)
}

const toCb = (rgb: number): number =>
  Math.round(
    128 + (-37.945 * (rgb >>> 16) - 74.494 * ((rgb >>> 8) & 0xff) + 112.439 * (rgb & 0xff)) / 256,
  )

const toCr = (rgb: number): number =>
  Math.round(
    128 + (112.439 * (rgb >>> 16) - 94.154 * ((rgb >>> 8) & 0xff) - 18.285 * (rgb & 0xff)) / 256,
  )

/**
 * The IDR slice up to its first PCM sample: slice header, then the first macroblock's
 * mb_type (I_PCM) and its alignment bits. It does not depend on the picture size.
 */
function idrHead(): Uint8Array {
  const w = new BitWriter()
  w.ue(0) // first_mb_in_slice
  w.ue(7) // slice_type: I, and all slices of the picture are I
  w.ue(0) // pic_parameter_set_id
  w.bits(0, LOG2_MAX_FRAME_NUM) // frame_num
  w.ue(0) // idr_pic_id
  w.bit(0) // no_output_of_prior_pics_flag
  w.bit(0) // long_term_reference_flag
  w.se(0) // slice_qp_delta
  w.ue(1) // disable_deblocking_filter_idc: off
  w.ue(25) // mb_type of the first macroblock: I_PCM
  w.alignZero()
  return w.bytes()
}

/**
 * Byte length of the NAL unit `idrSlice` returns, without painting the picture. Only the
 * header can need emulation prevention: PCM samples are never below 16, so no zero run
 * can continue into them.
 */
export function idrSliceLength(width: number, height: number): number {
  const { columns, rows } = macroblocks(width, height)
  const count = columns * rows
  return 1 + escapeRbsp(idrHead()).length + count * (PCM_BYTES + 2) - 2 + 1
}

/**
 * The IDR picture: one I slice whose macroblocks are all I_PCM, showing the same gradient
 * and checkerboard the PNG encoder draws for `seed`. Deblocking is disabled. Samples of
 * the padding beyond the picture edge repeat the edge pixels.
 */
export function idrSlice(width: number, height: number, seed: number): Uint8Array {
  const { columns, rows } = macroblocks(width, height)
  const count = columns * rows
  const head = idrHead()

  // After the first macroblock every mb_type starts byte aligned: ue(25) is 000011010,
  // which with its alignment zeros is exactly the bytes 0x0D 0x00.
  const rbsp = new Uint8Array(head.length + count * (PCM_BYTES + 2) - 2 + 1)
  rbsp.set(head, 0)
  let offset = head.length
  const paint = gradientPainter(width, height, seed)
  const pixel = (x: number, y: number) => paint(Math.min(x, width - 1), Math.min(y, height - 1))
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (row !== 0 || column !== 0) {
        rbsp[offset++] = 0x0d
        rbsp[offset++] = 0x00
      }
      const x0 = column * 16
      const y0 = row * 16
      for (let y = 0; y < 16; y++) {
        for (let x = 0; x < 16; x++) rbsp[offset++] = toLuma(pixel(x0 + x, y0 + y))
      }
      // Chroma is subsampled 2x2; each sample takes the colour of its top-left pixel.
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const rgb = pixel(x0 + 2 * x, y0 + 2 * y)
          rbsp[offset] = toCb(rgb)
          rbsp[offset + 64] = toCr(rgb)
          offset++
        }
      }
      offset += 64
    }
  }
  rbsp[offset] = 0x80 // rbsp_slice_trailing_bits
  return nal(NAL_IDR, rbsp)
}

/**
 * A P picture in which every macroblock is skipped (one mb_skip_run covering the whole
 * picture), i.e. an exact copy of the previous picture.
 *
 * P pictures are kept as reference pictures: with pic_order_cnt_type 2 two non-reference
 * pictures may not follow each other, and the sliding window with max_num_ref_frames 1
 * drops the previous one for free.
 */
export function pSlice(width: number, height: number, frameNum: number): Uint8Array {
  const { columns, rows } = macroblocks(width, height)
  const w = new BitWriter()
  w.ue(0) // first_mb_in_slice
  w.ue(5) // slice_type: P, and all slices of the picture are P
  w.ue(0) // pic_parameter_set_id
  w.bits(frameNum % FRAME_NUM_CYCLE, LOG2_MAX_FRAME_NUM)
  w.bit(0) // num_ref_idx_active_override_flag
  w.bit(0) // ref_pic_list_modification_flag_l0
  w.bit(0) // adaptive_ref_pic_marking_mode_flag: sliding window
  w.se(0) // slice_qp_delta
  w.ue(1) // disable_deblocking_filter_idc
  w.ue(columns * rows) // mb_skip_run
  w.trailing()
  return nal(NAL_P, w.bytes())
}
