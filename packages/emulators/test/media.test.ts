import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  encodeJpeg,
  encodeMp4,
  encodePng,
  encodeWav,
  inspectJpeg,
  inspectMp4,
  inspectPng,
  inspectWav,
  MediaFormatError,
  mp4Size,
  sniffMediaType,
  streamMp4,
  wavHeader,
} from '../src/media'

const MiB = 1024 * 1024

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  String.fromCharCode(...bytes.subarray(offset, offset + length))

/** Bit-by-bit CRC-32, deliberately independent of the table-driven one under test. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(value)
  }
}

/** Byte equality without vitest's element-by-element diffing, which is slow on megabytes. */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array) {
  expect(actual.length).toBe(expected.length)
  const mismatch = actual.findIndex((byte, index) => byte !== expected[index])
  expect(mismatch, 'first differing byte').toBe(-1)
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

// --- PNG ------------------------------------------------------------------------------

interface PngChunk {
  type: string
  data: Uint8Array
}

/** Splits a PNG into chunks, checking each CRC with the reference implementation. */
function pngChunks(bytes: Uint8Array): PngChunk[] {
  const view = viewOf(bytes)
  const chunks: PngChunk[] = []
  let offset = 8
  while (offset < bytes.length) {
    const length = view.getUint32(offset)
    const type = ascii(bytes, offset + 4, 4)
    const crc = view.getUint32(offset + 8 + length)
    expect(crc, `CRC of ${type}`).toBe(
      referenceCrc32(bytes.subarray(offset + 4, offset + 8 + length)),
    )
    chunks.push({ type, data: bytes.subarray(offset + 8, offset + 8 + length) })
    offset += 12 + length
  }
  expect(offset).toBe(bytes.length)
  return chunks
}

describe('encodePng', () => {
  const cases = [
    { width: 1, height: 1, alpha: false },
    { width: 7, height: 13, alpha: false },
    { width: 7, height: 13, alpha: true },
    { width: 64, height: 64, alpha: true },
    { width: 1024, height: 576, alpha: false },
    { width: 300, height: 300, alpha: true }, // raw data spans several stored blocks
  ]

  for (const { width, height, alpha } of cases) {
    it(`round-trips ${width}x${height}${alpha ? ' RGBA' : ' RGB'}`, () => {
      const bytes = encodePng({ width, height, alpha, seed: 5 })
      expect(sniffMediaType(bytes)).toBe('image/png')
      expect(inspectPng(bytes)).toEqual({
        width,
        height,
        bitDepth: 8,
        colorType: alpha ? 6 : 2,
        hasAlpha: alpha,
        interlaced: false,
        chunks: ['IHDR', 'IDAT', 'IEND'],
      })

      const chunks = pngChunks(bytes)
      expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
      const channels = alpha ? 4 : 3
      const stride = 1 + width * channels
      const raw = inflateSync(chunks[1]!.data) // also checks the Adler-32
      expect(raw.length).toBe(height * stride)
      for (let y = 0; y < height; y++) expect(raw[y * stride], `filter byte of row ${y}`).toBe(0)
    })
  }

  it('draws an opaque sprite on a transparent background when alpha is on', () => {
    const bytes = encodePng({ width: 64, height: 64, alpha: true, seed: 1 })
    const raw = inflateSync(pngChunks(bytes)[1]!.data)
    const alphas = new Map<number, number>()
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const value = raw[y * (1 + 64 * 4) + 1 + x * 4 + 3]!
        alphas.set(value, (alphas.get(value) ?? 0) + 1)
      }
    }
    expect([...alphas.keys()].sort()).toEqual([0, 255])
    expect(alphas.get(0)).toBeGreaterThan(64 * 4) // at least the transparent margin
    expect(alphas.get(255)).toBeGreaterThan(64)
    // The corner is background; the centre is always part of the sprite.
    expect(raw[1 + 3]).toBe(0)
    expect(raw[32 * (1 + 64 * 4) + 1 + 32 * 4 + 3]).toBe(255)
  })

  it('is deterministic per seed and differs between seeds', () => {
    const a = encodePng({ width: 32, height: 16, seed: 1 })
    expectSameBytes(encodePng({ width: 32, height: 16, seed: 1 }), a)
    expect(encodePng({ width: 32, height: 16, seed: 2 })).not.toEqual(a)
  })

  it('encodes 1024x1024 RGB quickly', () => {
    const started = performance.now()
    const bytes = encodePng({ width: 1024, height: 1024 })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(bytes.length).toBeGreaterThan(3 * MiB)
    expect(inspectPng(bytes)).toMatchObject({ width: 1024, height: 1024 })
  })

  it('rejects sizes that are not positive integers', () => {
    expect(() => encodePng({ width: 0, height: 1 })).toThrow(RangeError)
    expect(() => encodePng({ width: 1.5, height: 1 })).toThrow(/width/)
  })
})

describe('inspectPng', () => {
  const good = encodePng({ width: 9, height: 4 })

  it('rejects a missing signature', () => {
    expect(() => inspectPng(good.subarray(1))).toThrow(/signature/)
    expect(() => inspectPng(new Uint8Array())).toThrow(MediaFormatError)
  })

  it('rejects a corrupted chunk by its CRC', () => {
    const bad = good.slice()
    bad[20] = bad[20]! ^ 1 // inside IHDR's width
    expect(() => inspectPng(bad)).toThrow(/CRC mismatch in chunk IHDR/)
  })

  it('rejects a truncated file', () => {
    expect(() => inspectPng(good.subarray(0, good.length - 12))).toThrow(/IEND|truncated/)
    expect(() => inspectPng(good.subarray(0, 50))).toThrow(/truncated/)
  })
})

// --- WAV ------------------------------------------------------------------------------

describe('encodeWav', () => {
  const cases = [
    { durationSeconds: 1, sampleRate: 24_000, channels: 1 as const },
    { durationSeconds: 2, sampleRate: 44_100, channels: 2 as const },
    { durationSeconds: 0.5, sampleRate: 8_000, channels: 1 as const },
    { durationSeconds: 3, sampleRate: 48_000, channels: 2 as const },
  ]

  for (const { durationSeconds, sampleRate, channels } of cases) {
    it(`round-trips ${durationSeconds}s at ${sampleRate} Hz, ${channels} channel(s)`, () => {
      const bytes = encodeWav({ durationSeconds, sampleRate, channels })
      const dataBytes = durationSeconds * sampleRate * channels * 2
      expect(bytes.length).toBe(44 + dataBytes)
      expect(sniffMediaType(bytes)).toBe('audio/wav')
      expect(inspectWav(bytes)).toEqual({
        audioFormat: 1,
        sampleRate,
        channels,
        bitsPerSample: 16,
        blockAlign: channels * 2,
        dataBytes,
        durationSeconds,
      })

      const view = viewOf(bytes)
      expect(ascii(bytes, 0, 4)).toBe('RIFF')
      expect(view.getUint32(4, true)).toBe(bytes.length - 8)
      expect(ascii(bytes, 8, 8)).toBe('WAVEfmt ')
      expect(view.getUint32(16, true)).toBe(16)
      expect(view.getUint16(20, true)).toBe(1)
      expect(view.getUint32(28, true)).toBe(sampleRate * channels * 2)
      expect(ascii(bytes, 36, 4)).toBe('data')
      expect(view.getUint32(40, true)).toBe(dataBytes)
    })
  }

  it('is a tone that fades in and out, identical on both channels', () => {
    const bytes = encodeWav({ durationSeconds: 1, sampleRate: 24_000, channels: 2 })
    const view = viewOf(bytes)
    const frames = 24_000
    const left = (frame: number) => view.getInt16(44 + frame * 4, true)
    const right = (frame: number) => view.getInt16(44 + frame * 4 + 2, true)
    let peak = 0
    for (let frame = 0; frame < frames; frame++) {
      expect(right(frame)).toBe(left(frame))
      peak = Math.max(peak, Math.abs(left(frame)))
    }
    expect(left(0)).toBe(0)
    expect(left(frames - 1)).toBe(0)
    expect(peak).toBeGreaterThan(8000)
    expect(peak).toBeLessThan(16_000)
  })

  it('writes a reusable header', () => {
    const header = wavHeader({ sampleRate: 16_000, channels: 1, dataBytes: 3200 })
    expect(header.length).toBe(44)
    const file = concat([header, new Uint8Array(3200)])
    expect(inspectWav(file)).toMatchObject({ sampleRate: 16_000, durationSeconds: 0.1 })
  })

  it('rejects bad options', () => {
    expect(() => encodeWav({ durationSeconds: 0 })).toThrow(RangeError)
    expect(() => encodeWav({ durationSeconds: 1, channels: 3 as 1 })).toThrow(/channels/)
  })
})

describe('inspectWav', () => {
  it('rejects truncated and foreign files', () => {
    const good = encodeWav({ durationSeconds: 0.1 })
    expect(() => inspectWav(good.subarray(0, good.length - 10))).toThrow(/truncated/)
    expect(() => inspectWav(encodePng({ width: 2, height: 2 }))).toThrow(/RIFF/)
  })

  it('treats an unknown data size as "to the end of the file"', () => {
    const bytes = encodeWav({ durationSeconds: 0.5, sampleRate: 8_000 })
    const view = viewOf(bytes)
    view.setUint32(4, 0xffffffff, true)
    view.setUint32(40, 0xffffffff, true)
    expect(inspectWav(bytes)).toMatchObject({ dataBytes: 8000, durationSeconds: 0.5 })
  })
})

// --- MP4 ------------------------------------------------------------------------------

interface Mp4Box {
  type: string
  start: number
  body: number
  end: number
  children: Mp4Box[]
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'dinf', 'stbl', 'edts'])
// Bytes before the child boxes of boxes that hold both fields and boxes.
const FIELDS_BEFORE_CHILDREN: Record<string, number> = { stsd: 8, dref: 8, avc1: 78 }

/** Parses boxes and their children, asserting that sizes tile every parent exactly. */
function parseBoxes(bytes: Uint8Array, start: number, end: number): Mp4Box[] {
  const view = viewOf(bytes)
  const boxes: Mp4Box[] = []
  let offset = start
  while (offset < end) {
    let size = view.getUint32(offset)
    const type = ascii(bytes, offset + 4, 4)
    let body = offset + 8
    if (size === 1) {
      size = view.getUint32(offset + 8) * 2 ** 32 + view.getUint32(offset + 12)
      body += 8
    }
    expect(size, `size of ${type}`).toBeGreaterThanOrEqual(body - offset)
    expect(offset + size, `${type} ends inside its parent`).toBeLessThanOrEqual(end)
    const fields = FIELDS_BEFORE_CHILDREN[type]
    const children = CONTAINERS.has(type)
      ? parseBoxes(bytes, body, offset + size)
      : fields !== undefined
        ? parseBoxes(bytes, body + fields, offset + size)
        : []
    boxes.push({ type, start: offset, body, end: offset + size, children })
    offset += size
  }
  expect(offset).toBe(end)
  return boxes
}

function find(boxes: Mp4Box[], path: string): Mp4Box {
  const [head, ...rest] = path.split('/')
  const box = boxes.find((candidate) => candidate.type === head)
  if (box === undefined) throw new Error(`no ${head} box`)
  return rest.length === 0 ? box : find(box.children, rest.join('/'))
}

interface Mp4Structure {
  width: number
  height: number
  sampleCount: number
  sampleSizes: number[]
  chunkOffsets: number[]
  timescale: number
  sampleDelta: number
}

/**
 * Walks the whole box tree and checks the sample tables against the mdat: every sample
 * lies inside mdat, samples do not overlap, and each sample is a sequence of
 * length-prefixed NAL units that fills it exactly (IDR first, then P slices or filler).
 */
function checkMp4(bytes: Uint8Array): Mp4Structure {
  const view = viewOf(bytes)
  const top = parseBoxes(bytes, 0, bytes.length)
  expect(top.map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat'])
  const stbl = find(top, 'moov/trak/mdia/minf/stbl')
  expect(stbl.children.map((box) => box.type)).toEqual([
    'stsd',
    'stts',
    'stss',
    'stsc',
    'stsz',
    expect.stringMatching(/^(stco|co64)$/),
  ])
  expect(ascii(bytes, find(top, 'moov/trak/mdia/hdlr').body + 8, 4)).toBe('vide')
  find(top, 'moov/trak/mdia/minf/vmhd')
  find(top, 'moov/trak/mdia/minf/dinf/dref')
  const avc1 = find(top, 'moov/trak/mdia/minf/stbl/stsd/avc1')
  const avcC = find(avc1.children, 'avcC')
  expect(bytes[avcC.body]).toBe(1) // configurationVersion
  const width = view.getUint16(avc1.body + 24)
  const height = view.getUint16(avc1.body + 26)
  const tkhd = find(top, 'moov/trak/tkhd')
  expect(view.getUint32(tkhd.body + 76)).toBe(width * 65536)
  expect(view.getUint32(tkhd.body + 80)).toBe(height * 65536)
  const timescale = view.getUint32(find(top, 'moov/trak/mdia/mdhd').body + 12)

  const stts = find(stbl.children, 'stts')
  expect(view.getUint32(stts.body + 4)).toBe(1)
  const sampleCount = view.getUint32(stts.body + 8)
  const sampleDelta = view.getUint32(stts.body + 12)

  const stsz = find(stbl.children, 'stsz')
  expect(view.getUint32(stsz.body + 4)).toBe(0) // sizes listed per sample
  expect(view.getUint32(stsz.body + 8)).toBe(sampleCount)
  const sampleSizes = Array.from({ length: sampleCount }, (_, index) =>
    view.getUint32(stsz.body + 12 + index * 4),
  )

  const chunkTable = stbl.children[5]!
  const wide = chunkTable.type === 'co64'
  const chunkCount = view.getUint32(chunkTable.body + 4)
  const chunkOffsets = Array.from({ length: chunkCount }, (_, index) =>
    wide
      ? view.getUint32(chunkTable.body + 8 + index * 8) * 2 ** 32 +
        view.getUint32(chunkTable.body + 12 + index * 8)
      : view.getUint32(chunkTable.body + 8 + index * 4),
  )

  // Expand stsc into samples per chunk.
  const stsc = find(stbl.children, 'stsc')
  const entries = Array.from({ length: view.getUint32(stsc.body + 4) }, (_, index) => ({
    firstChunk: view.getUint32(stsc.body + 8 + index * 12),
    samplesPerChunk: view.getUint32(stsc.body + 12 + index * 12),
  }))
  const mdat = find(top, 'mdat')
  let sample = 0
  let previousEnd = mdat.body
  for (let chunk = 1; chunk <= chunkCount; chunk++) {
    const entry = entries.filter((candidate) => candidate.firstChunk <= chunk).at(-1)!
    let offset = chunkOffsets[chunk - 1]!
    expect(offset).toBeGreaterThanOrEqual(previousEnd)
    for (let index = 0; index < entry.samplesPerChunk; index++, sample++) {
      const size = sampleSizes[sample]!
      expect(offset + size, `sample ${sample} ends inside mdat`).toBeLessThanOrEqual(mdat.end)
      checkSample(bytes, offset, size, sample === 0)
      offset += size
    }
    previousEnd = offset
  }
  expect(sample).toBe(sampleCount)
  return { width, height, sampleCount, sampleSizes, chunkOffsets, timescale, sampleDelta }
}

function checkSample(bytes: Uint8Array, start: number, size: number, first: boolean) {
  const view = viewOf(bytes)
  const types: number[] = []
  let offset = start
  while (offset < start + size) {
    const length = view.getUint32(offset)
    types.push(bytes[offset + 4]! & 0x1f)
    offset += 4 + length
  }
  expect(offset, 'NAL units fill the sample exactly').toBe(start + size)
  expect(types[0]).toBe(first ? 5 : 1)
  expect(types.slice(1).every((type) => type === 12)).toBe(true)
}

describe('encodeMp4', () => {
  const cases = [
    { width: 1, height: 1, durationSeconds: 1, fps: 24 },
    { width: 7, height: 13, durationSeconds: 2, fps: 30 },
    { width: 64, height: 64, durationSeconds: 0.5, fps: 24 },
    { width: 1024, height: 576, durationSeconds: 3, fps: 25 },
    { width: 320, height: 240, durationSeconds: 2.5, fps: 24 }, // a last, shorter chunk
  ]

  for (const { width, height, durationSeconds, fps } of cases) {
    it(`round-trips ${width}x${height}, ${durationSeconds}s at ${fps} fps`, () => {
      const bytes = encodeMp4({ width, height, durationSeconds, fps, seed: 2 })
      expect(bytes.length).toBe(mp4Size({ width, height, durationSeconds, fps }))
      expect(sniffMediaType(bytes)).toBe('video/mp4')
      expect(inspectMp4(bytes)).toEqual({
        majorBrand: 'isom',
        brands: expect.arrayContaining(['isom', 'mp42']),
        width,
        height,
        codec: 'avc1',
        durationSeconds,
        boxes: ['ftyp', 'moov', 'mdat'],
      })
      const structure = checkMp4(bytes)
      expect(structure).toMatchObject({ width, height, sampleCount: durationSeconds * fps })
      expect((structure.sampleCount * structure.sampleDelta) / structure.timescale).toBe(
        durationSeconds,
      )
    })
  }

  it('supports fractional frame rates exactly', () => {
    const bytes = encodeMp4({ width: 16, height: 16, durationSeconds: 10.01, fps: 29.97 })
    const structure = checkMp4(bytes)
    expect(structure.sampleCount).toBe(300)
    expect(structure.timescale / structure.sampleDelta).toBeCloseTo(29.97, 10)
  })

  it('pads to an exact totalBytes with filler NAL units', () => {
    const totalBytes = 2 * MiB + 12_345
    const bytes = encodeMp4({ width: 320, height: 240, durationSeconds: 2, totalBytes })
    expect(bytes.length).toBe(totalBytes)
    const { sampleSizes } = checkMp4(bytes)
    const mdat = find(parseBoxes(bytes, 0, bytes.length), 'mdat')
    expect(sampleSizes.reduce((sum, size) => sum + size, 0)).toBe(mdat.end - mdat.body)
  })

  it('reaches every totalBytes from the natural size upwards', () => {
    const options = { width: 16, height: 16, durationSeconds: 1, fps: 4 }
    const natural = mp4Size(options)
    for (let extra = 0; extra <= 30; extra++) {
      const bytes = encodeMp4({ ...options, totalBytes: natural + extra })
      expect(bytes.length).toBe(natural + extra)
      checkMp4(bytes)
      expect(inspectMp4(bytes).durationSeconds).toBe(1)
    }
    expect(() => encodeMp4({ ...options, totalBytes: natural - 1 })).toThrow(/totalBytes/)
  })

  it('is deterministic per seed', () => {
    const options = { width: 48, height: 32, durationSeconds: 1 }
    const a = encodeMp4({ ...options, seed: 1 })
    expectSameBytes(encodeMp4({ ...options, seed: 1 }), a)
    expect(encodeMp4({ ...options, seed: 2 })).not.toEqual(a)
  })

  it('rejects bad options', () => {
    expect(() => encodeMp4({ width: 0, height: 10, durationSeconds: 1 })).toThrow(RangeError)
    expect(() => encodeMp4({ width: 10, height: 10, durationSeconds: 0 })).toThrow(
      /durationSeconds/,
    )
    expect(() => encodeMp4({ width: 10, height: 10, durationSeconds: 1, fps: -1 })).toThrow(/fps/)
  })
})

describe('streamMp4', () => {
  it('streams exactly totalBytes in chunks of at most 1 MiB, identical to encodeMp4', async () => {
    const options = { width: 640, height: 360, durationSeconds: 4, fps: 24, totalBytes: 3 * MiB }
    const chunks = await readAll(streamMp4(options))
    expect(chunks.length).toBe(3)
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(MiB)
    const bytes = concat(chunks)
    expect(bytes.length).toBe(3 * MiB)
    expectSameBytes(bytes, encodeMp4(options))
    expect(checkMp4(bytes)).toMatchObject({ width: 640, height: 360, sampleCount: 96 })
    expect(inspectMp4(bytes)).toMatchObject({ width: 640, height: 360, durationSeconds: 4 })
  })

  it('produces the same bytes whatever the chunk size', async () => {
    const options = { width: 40, height: 24, durationSeconds: 1, totalBytes: 20_000 }
    const expected = encodeMp4(options)
    for (const chunkBytes of [1, 7, 4096]) {
      const chunks = await readAll(streamMp4({ ...options, chunkBytes }))
      expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(chunkBytes)
      expectSameBytes(concat(chunks), expected)
    }
  })

  it('switches to co64 and a 64-bit mdat size beyond 4 GiB without building the file', async () => {
    const totalBytes = 5 * 1024 * MiB
    const options = { width: 32, height: 32, durationSeconds: 2, totalBytes }
    expect(mp4Size(options)).toBe(totalBytes)
    const reader = streamMp4(options).getReader()
    const { value } = await reader.read()
    await reader.cancel()
    const head = value!
    const view = viewOf(head)
    const ftypSize = view.getUint32(0)
    const moovSize = view.getUint32(ftypSize)
    const mdat = ftypSize + moovSize
    const moov = parseBoxes(head, ftypSize, mdat)
    const stbl = find(moov, 'moov/trak/mdia/minf/stbl')
    expect(stbl.children.at(-1)!.type).toBe('co64')
    expect(view.getUint32(mdat)).toBe(1)
    expect(ascii(head, mdat + 4, 4)).toBe('mdat')
    expect(view.getUint32(mdat + 8) * 2 ** 32 + view.getUint32(mdat + 12)).toBe(totalBytes - mdat)
  })

  it('validates options before streaming', () => {
    expect(() => streamMp4({ width: 16, height: 16, durationSeconds: 1, totalBytes: 10 })).toThrow(
      RangeError,
    )
    expect(() => streamMp4({ width: 16, height: 16, durationSeconds: 1, chunkBytes: 0 })).toThrow(
      /chunkBytes/,
    )
  })
})

describe('inspectMp4', () => {
  const good = encodeMp4({ width: 32, height: 32, durationSeconds: 1, totalBytes: 50_000 })

  it('rejects a truncated file', () => {
    expect(() => inspectMp4(good.subarray(0, good.length - 1))).toThrow(/mdat.*truncated/)
  })

  it('rejects files that are not MP4', () => {
    expect(() => inspectMp4(encodeJpeg({ width: 8, height: 8 }))).toThrow(/ftyp/)
    expect(() => inspectMp4(good.subarray(0, viewOf(good).getUint32(0)))).toThrow(/moov/)
  })
})

// --- JPEG -----------------------------------------------------------------------------

/** Marker codes in file order, skipping over segment payloads and entropy-coded data. */
function jpegMarkers(bytes: Uint8Array): {
  markers: number[]
  offsets: Map<number, number>
  scan: Uint8Array
} {
  const view = viewOf(bytes)
  const markers: number[] = []
  const offsets = new Map<number, number>()
  let scan: Uint8Array = new Uint8Array()
  let offset = 0
  while (offset < bytes.length) {
    expect(bytes[offset]).toBe(0xff)
    const code = bytes[offset + 1]!
    markers.push(code)
    offsets.set(code, offset)
    if (code === 0xd8 || code === 0xd9) {
      offset += 2
      continue
    }
    offset += 2 + view.getUint16(offset + 2)
    if (code === 0xda) {
      const start = offset
      while (!(bytes[offset] === 0xff && bytes[offset + 1] !== 0)) offset++
      scan = bytes.subarray(start, offset)
    }
  }
  return { markers, offsets, scan }
}

describe('encodeJpeg', () => {
  const sizes = [
    [1, 1],
    [7, 13],
    [8, 8],
    [64, 64],
    [1024, 576],
    [333, 77],
  ] as const

  for (const [width, height] of sizes) {
    it(`round-trips ${width}x${height}`, () => {
      const bytes = encodeJpeg({ width, height, seed: 4 })
      expect(sniffMediaType(bytes)).toBe('image/jpeg')
      expect(inspectJpeg(bytes)).toEqual({
        width,
        height,
        components: 3,
        precision: 8,
        progressive: false,
      })
      const { markers, offsets, scan } = jpegMarkers(bytes)
      // SOI, APP0, DQT, SOF0, DHT, SOS, EOI
      expect(markers).toEqual([0xd8, 0xe0, 0xdb, 0xc0, 0xc4, 0xda, 0xd9])
      expect(ascii(bytes, 6, 5)).toBe('JFIF\0')
      const sof = offsets.get(0xc0)!
      expect(bytes[sof + 4]).toBe(8) // precision
      expect(viewOf(bytes).getUint16(sof + 5)).toBe(height)
      expect(viewOf(bytes).getUint16(sof + 7)).toBe(width)
      expect(bytes[sof + 9]).toBe(3) // components
      // Byte stuffing: inside the scan every 0xFF is followed by 0x00.
      for (let index = 0; index < scan.length; index++) {
        if (scan[index] === 0xff) expect(scan[index + 1]).toBe(0)
      }
      expect(scan.length).toBeGreaterThan(0)
    })
  }

  it('rejects sizes a SOF0 segment cannot hold', () => {
    expect(() => encodeJpeg({ width: 65_536, height: 1 })).toThrow(RangeError)
  })
})

describe('inspectJpeg', () => {
  const good = encodeJpeg({ width: 20, height: 10 })

  it('rejects truncated and foreign files', () => {
    expect(() => inspectJpeg(good.subarray(0, good.length - 2))).toThrow(/EOI/)
    expect(() => inspectJpeg(good.subarray(0, 100))).toThrow(/truncated/)
    expect(() => inspectJpeg(encodePng({ width: 1, height: 1 }))).toThrow(/SOI/)
  })
})

describe('web platform use', () => {
  it('hands encoder output straight to Response and Blob', async () => {
    const png = encodePng({ width: 3, height: 2 })
    expectSameBytes(new Uint8Array(await new Response(png).arrayBuffer()), png)
    expect(new Blob([encodeWav({ durationSeconds: 0.01 })]).size).toBe(44 + 480)
    const options = { width: 16, height: 16, durationSeconds: 1, totalBytes: 100_000 }
    const streamed = new Uint8Array(await new Response(streamMp4(options)).arrayBuffer())
    expectSameBytes(streamed, encodeMp4(options))
  })
})

describe('sniffMediaType', () => {
  it('returns undefined for anything else', () => {
    expect(sniffMediaType(new Uint8Array())).toBeUndefined()
    expect(sniffMediaType(new TextEncoder().encode('{"ok":true}'))).toBeUndefined()
    const avif = encodeMp4({ width: 8, height: 8, durationSeconds: 1 }).slice(0, 16)
    avif.set(new TextEncoder().encode('avif'), 8)
    expect(sniffMediaType(avif)).toBeUndefined()
  })
})
