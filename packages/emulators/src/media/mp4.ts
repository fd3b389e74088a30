/**
 * MP4 encoder: an ISO Base Media File (ftyp, moov, mdat, in that "fast start" order) with
 * one H.264 video track. The video is a still picture (one I_PCM IDR frame followed by
 * all-skip P frames, see `./h264`), so it really decodes and plays, and its size is set
 * by the frame size rather than by an encoder.
 *
 * Because the moov box comes first and depends only on the sample sizes, which are known
 * up front, a file of any size can be streamed chunk by chunk without ever being held in
 * memory: `streamMp4` writes the header, then computes each mdat chunk on demand. To reach
 * an exact `totalBytes`, the frames are padded with H.264 filler-data NAL units, which
 * decoders skip.
 */

import { asciiBytes, assertInteger, assertPositive, concatBytes, viewOf, writeAscii } from './bytes'
import {
  FRAME_NUM_CYCLE,
  idrSlice,
  idrSliceLength,
  levelFor,
  NAL_FILLER,
  PROFILE_COMPATIBILITY,
  PROFILE_IDC,
  pictureParameterSet,
  pSlice,
  sequenceParameterSet,
} from './h264'

export interface Mp4Options {
  /** Width in pixels, 1 to 8192. */
  width: number
  /** Height in pixels, 1 to 8192. */
  height: number
  /** Length of the video; rounded to a whole number of frames (at least one). */
  durationSeconds: number
  /** Frames per second, above 0 and at most 1000. Default 24. */
  fps?: number
  /** Picks the picture's colours; the same seed gives the same bytes. Default 0. */
  seed?: number
  /**
   * Exact size of the file in bytes. Frames are padded to reach it; it cannot be below
   * the natural size (`mp4Size` without `totalBytes`). Default: the natural size.
   */
  totalBytes?: number
}

export interface Mp4StreamOptions extends Mp4Options {
  /** Largest chunk the stream enqueues. Default 1 MiB. */
  chunkBytes?: number
}

// Large enough for 8K, small enough that the one raw IDR frame (about 1.5 bytes per
// pixel) stays a modest allocation.
const MAX_DIMENSION = 8192
const MAX_FPS = 1000
// The movie header counts in milliseconds; the track in 1/1000 frames (see planMp4).
const MOVIE_TIMESCALE = 1000
const SAMPLE_DELTA = 1000
// Version 0 headers hold 32-bit durations, which bounds the frame count.
const MAX_SAMPLES = Math.floor(0xffffffff / SAMPLE_DELTA)
// Every sample is prefixed by its NAL units' lengths in 4 bytes (avcC lengthSizeMinusOne 3).
const LENGTH_PREFIX = 4
// A filler NAL unit with no payload: 4-byte length, header byte, rbsp_trailing_bits.
const MIN_FILLER = LENGTH_PREFIX + 2
const DEFAULT_CHUNK_BYTES = 1 << 20
// 'und' (undetermined) as ISO 639-2/T packed into 15 bits.
const LANGUAGE_UND = 0x55c4
// Identity transformation matrix in 16.16 and 2.30 fixed point.
const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)

function u16(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2)
  const view = viewOf(out)
  for (const [index, value] of values.entries()) view.setUint16(index * 2, value)
  return out
}

function u32(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4)
  const view = viewOf(out)
  for (const [index, value] of values.entries()) view.setUint32(index * 4, value)
  return out
}

function setUint64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / 0x100000000))
  view.setUint32(offset + 4, value >>> 0)
}

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(parts)
  const out = new Uint8Array(8 + body.length)
  viewOf(out).setUint32(0, out.length)
  writeAscii(out, 4, type)
  out.set(body, 8)
  return out
}

function fullBox(type: string, version: number, flags: number, ...parts: Uint8Array[]): Uint8Array {
  return box(type, u32(((version << 24) | flags) >>> 0), ...parts)
}

/** A list of 32- or 64-bit big-endian integers, as in stsz, stco and co64. */
function table(values: ArrayLike<number>, wide: boolean): Uint8Array {
  const size = wide ? 8 : 4
  const out = new Uint8Array(values.length * size)
  const view = viewOf(out)
  for (let index = 0; index < values.length; index++) {
    if (wide) setUint64(view, index * size, values[index]!)
    else view.setUint32(index * size, values[index]!)
  }
  return out
}

/** Everything needed to write any byte range of the file. */
interface Mp4Plan {
  width: number
  height: number
  seed: number
  samples: number
  totalBytes: number
  /** ftyp + moov + the mdat box header. */
  header: Uint8Array
  /** Start of each sample relative to the mdat payload; one extra entry for the end. */
  sampleStarts: Float64Array
  /** Filler bytes appended to each sample: 0, or a whole filler NAL unit of at least 6. */
  fillers: Float64Array
  /** Length-prefixed IDR slice; built on first use since it holds the whole picture. */
  idr: Uint8Array | undefined
  /** Length-prefixed P slices, indexed by frame_num. */
  pSlices: Uint8Array[]
}

function lengthPrefixed(unit: Uint8Array): Uint8Array {
  const out = new Uint8Array(LENGTH_PREFIX + unit.length)
  viewOf(out).setUint32(0, unit.length)
  out.set(unit, LENGTH_PREFIX)
  return out
}

interface MoovInput {
  width: number
  height: number
  samples: number
  timescale: number
  samplesPerChunk: number
  sampleSizes: ArrayLike<number>
  chunkOffsets: ArrayLike<number>
  wide: boolean
}

function buildFtyp(): Uint8Array {
  // Major brand isom; the compatible brands tell players it is plain MP4 with AVC video.
  return box('ftyp', asciiBytes('isom'), u32(0x200), asciiBytes('isomiso2avc1mp41mp42'))
}

function buildMoov(input: MoovInput): Uint8Array {
  const { width, height, samples, timescale, samplesPerChunk, wide } = input
  const mediaDuration = samples * SAMPLE_DELTA
  const movieDuration = Math.round((mediaDuration * MOVIE_TIMESCALE) / timescale)
  const sps = sequenceParameterSet(width, height)
  const pps = pictureParameterSet()

  const mvhd = fullBox(
    'mvhd',
    0,
    0,
    u32(0, 0, MOVIE_TIMESCALE, movieDuration), // creation and modification time 0: reproducible bytes
    u32(0x00010000), // rate 1.0
    u16(0x0100, 0), // volume 1.0, reserved
    u32(0, 0),
    MATRIX,
    new Uint8Array(24), // pre_defined
    u32(2), // next_track_ID
  )
  const tkhd = fullBox(
    'tkhd',
    0,
    3, // track enabled and used in the presentation
    u32(0, 0, 1, 0, movieDuration), // times, track_ID 1, reserved, duration
    u32(0, 0),
    u16(0, 0, 0, 0), // layer, alternate_group, volume (0 for video), reserved
    MATRIX,
    u32(width * 0x10000, height * 0x10000), // 16.16 fixed point
  )
  const mdhd = fullBox('mdhd', 0, 0, u32(0, 0, timescale, mediaDuration), u16(LANGUAGE_UND, 0))
  const hdlr = fullBox(
    'hdlr',
    0,
    0,
    u32(0),
    asciiBytes('vide'),
    new Uint8Array(12),
    asciiBytes('VideoHandler\0'),
  )
  const avcC = box(
    'avcC',
    // configurationVersion, profile, compatibility, level, 4-byte NAL lengths, one SPS.
    Uint8Array.of(1, PROFILE_IDC, PROFILE_COMPATIBILITY, levelFor(width, height), 0xff, 0xe1),
    u16(sps.length),
    sps,
    Uint8Array.of(1),
    u16(pps.length),
    pps,
  )
  const avc1 = box(
    'avc1',
    new Uint8Array(6), // reserved
    u16(1), // data_reference_index
    new Uint8Array(16), // pre_defined and reserved
    u16(width, height),
    u32(0x00480000, 0x00480000, 0), // 72 dpi, reserved
    u16(1), // frame_count
    new Uint8Array(32), // compressorname
    u16(0x0018, 0xffff), // depth 24, pre_defined -1
    avcC,
  )
  const chunks = input.chunkOffsets.length
  const lastChunkSamples = samples - (chunks - 1) * samplesPerChunk
  const stscEntries =
    chunks === 1
      ? u32(1, 1, samples, 1)
      : lastChunkSamples === samplesPerChunk
        ? u32(1, 1, samplesPerChunk, 1)
        : u32(2, 1, samplesPerChunk, 1, chunks, lastChunkSamples, 1)
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), avc1),
    fullBox('stts', 0, 0, u32(1, samples, SAMPLE_DELTA)),
    // Only the first frame is a sync sample; the rest are P frames.
    fullBox('stss', 0, 0, u32(1, 1)),
    fullBox('stsc', 0, 0, stscEntries),
    fullBox('stsz', 0, 0, u32(0, samples), table(input.sampleSizes, false)),
    wide
      ? fullBox('co64', 0, 0, u32(chunks), table(input.chunkOffsets, true))
      : fullBox('stco', 0, 0, u32(chunks), table(input.chunkOffsets, false)),
  )
  const minf = box(
    'minf',
    fullBox('vmhd', 0, 1, u16(0, 0, 0, 0)),
    box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))), // flag 1: data in this file
    stbl,
  )
  return box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, minf)))
}

function planMp4(options: Mp4Options): Mp4Plan {
  const { width, height, durationSeconds, fps = 24, seed = 0, totalBytes } = options
  assertInteger('width', width, 1, MAX_DIMENSION)
  assertInteger('height', height, 1, MAX_DIMENSION)
  assertPositive('fps', fps, MAX_FPS)
  assertPositive('durationSeconds', durationSeconds, MAX_SAMPLES / fps)
  if (totalBytes !== undefined) assertInteger('totalBytes', totalBytes, 1, Number.MAX_SAFE_INTEGER)
  const samples = Math.max(1, Math.round(durationSeconds * fps))
  if (samples > MAX_SAMPLES) {
    throw new RangeError(`${samples} frames exceed the ${MAX_SAMPLES} that 32-bit durations allow`)
  }
  // Each frame lasts SAMPLE_DELTA ticks of a 1000*fps clock, which is exact for rates
  // with up to three decimals such as 23.976 or 29.97.
  const timescale = Math.round(fps * 1000)
  const samplesPerChunk = Math.max(1, Math.round(fps)) // one chunk per second of video
  const chunks = Math.ceil(samples / samplesPerChunk)

  const pSlices: Uint8Array[] = []
  for (let frameNum = 0; frameNum < FRAME_NUM_CYCLE; frameNum++) {
    pSlices.push(lengthPrefixed(pSlice(width, height, frameNum)))
  }
  const idrBytes = LENGTH_PREFIX + idrSliceLength(width, height)
  const pBytes = pSlices[0]!.length
  const minimalPayload = idrBytes + (samples - 1) * pBytes

  const ftyp = buildFtyp()
  const moovInput = (wide: boolean, sizes: ArrayLike<number>, offsets: ArrayLike<number>) =>
    buildMoov({
      width,
      height,
      samples,
      timescale,
      samplesPerChunk,
      sampleSizes: sizes,
      chunkOffsets: offsets,
      wide,
    })
  // The moov's length depends only on the counts, so measure it with placeholder values.
  const headerLength = (wide: boolean) =>
    ftyp.length +
    moovInput(wide, new Uint32Array(samples), new Uint32Array(chunks)).length +
    (wide ? 16 : 8)

  // Past 4 GiB the mdat needs a 64-bit size and chunk offsets need co64 instead of stco.
  let wide = totalBytes !== undefined && totalBytes > 0xffffffff
  let header = headerLength(wide)
  if (totalBytes === undefined && header + minimalPayload > 0xffffffff) {
    wide = true
    header = headerLength(wide)
  }
  const natural = header + minimalPayload
  const total = totalBytes ?? natural
  if (total < natural) {
    throw new RangeError(
      `totalBytes ${total} is below the ${natural} bytes a ${width}x${height} MP4 of ${samples} frames needs`,
    )
  }

  // Spread the padding over as many frames as possible, each getting at least one whole
  // filler NAL unit, so the bitrate looks even. Fewer bytes than the smallest filler unit
  // stay after the last sample as unreferenced mdat bytes, which ISO-BMFF allows.
  const extra = total - natural
  const fillers = new Float64Array(samples)
  const padded = Math.min(samples, Math.floor(extra / MIN_FILLER))
  if (padded > 0) {
    const share = Math.floor(extra / padded)
    const remainder = extra - share * padded
    for (let index = 0; index < padded; index++) {
      fillers[Math.floor((index * samples) / padded)] = share + (index < remainder ? 1 : 0)
    }
  }
  const sampleSizes = new Float64Array(samples)
  const sampleStarts = new Float64Array(samples + 1)
  for (let index = 0; index < samples; index++) {
    const size = (index === 0 ? idrBytes : pBytes) + fillers[index]!
    if (size > 0xffffffff) {
      throw new RangeError(`totalBytes ${total} would need frames above 4 GiB; use more frames`)
    }
    sampleSizes[index] = size
    sampleStarts[index + 1] = sampleStarts[index]! + size
  }
  const payloadStart = header
  const chunkOffsets = new Float64Array(chunks)
  for (let chunk = 0; chunk < chunks; chunk++) {
    chunkOffsets[chunk] = payloadStart + sampleStarts[chunk * samplesPerChunk]!
  }
  const moov = moovInput(wide, sampleSizes, chunkOffsets)
  const mdatHeader = new Uint8Array(wide ? 16 : 8)
  const mdatView = viewOf(mdatHeader)
  const mdatSize = total - ftyp.length - moov.length
  if (wide) {
    mdatView.setUint32(0, 1) // size 1: the real size follows as a 64-bit largesize
    setUint64(mdatView, 8, mdatSize)
  } else {
    mdatView.setUint32(0, mdatSize)
  }
  writeAscii(mdatHeader, 4, 'mdat')
  const bytes = concatBytes([ftyp, moov, mdatHeader])
  if (bytes.length !== header) throw new Error('mp4: header length changed between passes')

  return {
    width,
    height,
    seed,
    samples,
    totalBytes: total,
    header: bytes,
    sampleStarts,
    fillers,
    idr: undefined,
    pSlices,
  }
}

/** Writes the bytes of a filler NAL unit of `size` bytes from its byte `from` on. */
function writeFiller(
  target: Uint8Array,
  at: number,
  from: number,
  count: number,
  size: number,
): void {
  target.fill(0xff, at, at + count)
  const to = from + count
  // 4-byte length prefix, then the NAL header; the payload is 0xFF bytes.
  for (let index = from; index < Math.min(to, LENGTH_PREFIX + 1); index++) {
    target[at + index - from] =
      index === LENGTH_PREFIX ? NAL_FILLER : ((size - LENGTH_PREFIX) >>> (8 * (3 - index))) & 0xff
  }
  // rbsp_trailing_bits end the unit.
  if (from <= size - 1 && size - 1 < to) target[at + size - 1 - from] = 0x80
}

/** Fills `target` with the file's bytes starting at file offset `offset`. */
function writeRange(plan: Mp4Plan, target: Uint8Array, offset: number): void {
  const { header, sampleStarts, fillers, samples } = plan
  let written = 0
  if (offset < header.length) {
    const count = Math.min(header.length - offset, target.length)
    target.set(header.subarray(offset, offset + count), 0)
    written = count
  }
  let position = offset + written - header.length
  const end = offset + target.length - header.length
  // The last sample that starts at or before `position`.
  let low = 0
  let high = samples - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (sampleStarts[middle]! <= position) low = middle
    else high = middle - 1
  }
  for (let index = low; index < samples && position < end; index++) {
    const start = sampleStarts[index]!
    const sampleEnd = sampleStarts[index + 1]!
    if (position >= sampleEnd) continue
    if (index === 0 && plan.idr === undefined) {
      plan.idr = lengthPrefixed(idrSlice(plan.width, plan.height, plan.seed))
    }
    const slice = index === 0 ? plan.idr! : plan.pSlices[index % FRAME_NUM_CYCLE]!
    const sliceEnd = start + slice.length
    if (position < sliceEnd) {
      const count = Math.min(sliceEnd, end) - position
      target.set(slice.subarray(position - start, position - start + count), written)
      written += count
      position += count
    }
    if (position < end && position < sampleEnd) {
      const count = Math.min(sampleEnd, end) - position
      writeFiller(target, written, position - sliceEnd, count, fillers[index]!)
      written += count
      position += count
    }
  }
  // Whatever is left lies after the last sample: unreferenced padding.
  target.fill(0, written)
}

/**
 * Size in bytes of the MP4 `encodeMp4` or `streamMp4` produce for these options, without
 * producing it; use it for a Content-Length header. Without `totalBytes` this is the
 * natural size, which is also the smallest `totalBytes` accepted.
 *
 * @throws RangeError for the same invalid options as `encodeMp4`.
 */
export function mp4Size(options: Mp4Options): number {
  return planMp4(options).totalBytes
}

/**
 * Encodes a valid, playable MP4: `ftyp` (major brand isom), `moov` with `mvhd`, one video
 * `trak` (`tkhd` with the exact width and height, `mdia`/`mdhd`, `hdlr` vide, `minf` with
 * `vmhd`, `dinf`/`dref` and a complete `stbl`: `stsd` holding an `avc1` entry with its
 * `avcC`, `stts`, `stss`, `stsc`, `stsz` and `stco`), then `mdat`.
 *
 * The video has `Math.round(durationSeconds * fps)` frames (at least one) in one-second
 * chunks and shows a still gradient picture chosen by `seed`. Its natural size is about
 * 1.5 bytes per pixel for the first frame plus a few bytes per further frame; pass
 * `totalBytes` for an exact larger size. For large files prefer `streamMp4`.
 *
 * @throws RangeError when an option is out of range or `totalBytes` is below the natural size.
 */
export function encodeMp4(options: Mp4Options): Uint8Array<ArrayBuffer> {
  const plan = planMp4(options)
  const out = new Uint8Array(plan.totalBytes)
  writeRange(plan, out, 0)
  return out
}

/**
 * The same file `encodeMp4` returns for these options, as a stream of chunks of at most
 * `chunkBytes` (1 MiB by default). The header and sample tables are computed up front
 * (so invalid options throw here, before anything is sent) and each mdat chunk is written
 * only when the consumer pulls it, so even a multi-gigabyte `totalBytes` needs no more
 * memory than the header, one chunk and the first frame.
 *
 * @throws RangeError for the same invalid options as `encodeMp4`, or a bad `chunkBytes`.
 */
export function streamMp4(options: Mp4StreamOptions): ReadableStream<Uint8Array<ArrayBuffer>> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES
  assertInteger('chunkBytes', chunkBytes, 1, 0x7fffffff)
  const plan = planMp4(options)
  let offset = 0
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      const size = Math.min(chunkBytes, plan.totalBytes - offset)
      const chunk = new Uint8Array(size)
      writeRange(plan, chunk, offset)
      offset += size
      controller.enqueue(chunk)
      if (offset >= plan.totalBytes) controller.close()
    },
  })
}
