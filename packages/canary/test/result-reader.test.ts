/**
 * The streaming JSON scanner and the result reader: media strings leave the document at any
 * chunk split, escapes are resolved, broken JSON is caught, small media stays inline, large
 * media is read again and decoded as it streams, and a result that changed between reads is
 * an error rather than wrong bytes.
 */
import { AbortError, MediaFile, ResponseShapeError } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import {
  isResultMediaPath,
  JsonMediaScanner,
  type JsonPath,
  JsonScanError,
  readResultBody,
} from '../src'
import { CanaryClient } from '../src/client'

const latin1 = new TextDecoder('latin1')
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

/** Scans `text` split into pieces of the given sizes (cycled); returns the media strings and the skeleton. */
function scan(text: string, sizes: number[], isMediaPath = isResultMediaPath) {
  const media: { path: JsonPath; text: string }[] = []
  let current: { path: JsonPath; text: string } | undefined
  const scanner = new JsonMediaScanner({
    isMediaPath,
    sink: {
      open(path) {
        current = { path, text: '' }
      },
      chars(bytes) {
        current!.text += latin1.decode(bytes)
      },
      close() {
        media.push(current!)
      },
    },
  })
  const bytes = new TextEncoder().encode(text)
  let at = 0
  let index = 0
  while (at < bytes.length) {
    const size = sizes[index++ % sizes.length]!
    scanner.push(bytes.subarray(at, at + size))
    at += size
  }
  return { media, skeleton: JSON.parse(scanner.finish()) as unknown }
}

function seeded(seed: number): () => number {
  let value = seed
  return () => {
    value = (value * 48271) % 2147483647
    return value / 2147483647
  }
}

const RESULT = {
  success: true,
  data: {
    queueId: 'vid_\u00e9"\\1',
    status: 'completed',
    result: {
      videos: [
        { data: 'AAAA/+8=', mimeType: 'video/mp4' },
        { mimeType: 'video/webm', data: 'QUJD' },
      ],
      audio: 'UklGRg==',
      images: [{ data: null }],
      words: [
        { text: 'Hello, "world"', start: 0.08, end: -1.5e-3 },
        { text: '', type: 'spacing' },
      ],
      nested: { 'k"ey': [true, false, null, [], {}, [[1]], { data: 'not media' }] },
      model: 'veo-3.1-generate-preview',
    },
  },
}

describe('JsonMediaScanner', () => {
  it('takes the media strings out at any chunk split and leaves a skeleton that parses to the rest', () => {
    const text = JSON.stringify(RESULT, null, 1)
    const expected = structuredClone(RESULT) as typeof RESULT
    expected.data.result.videos[0]!.data = ''
    expected.data.result.videos[1]!.data = ''
    expected.data.result.audio = ''
    const random = seeded(7)
    const splits = [
      [1],
      [2],
      [3],
      [text.length],
      Array.from({ length: 50 }, () => 1 + Math.floor(random() * 9)),
    ]
    for (const sizes of splits) {
      const { media, skeleton } = scan(text, sizes)
      expect(media).toEqual([
        { path: ['data', 'result', 'videos', 0, 'data'], text: 'AAAA/+8=' },
        { path: ['data', 'result', 'videos', 1, 'data'], text: 'QUJD' },
        { path: ['data', 'result', 'audio'], text: 'UklGRg==' },
      ])
      expect(skeleton).toEqual(expected)
    }
  })

  it('resolves escapes inside media strings: \\/ and \\u, skipping escaped line breaks', () => {
    const text = '{"result":{"audio":"QU\\/J\\u0044\\nRA\\r\\n=="}}'
    for (const sizes of [[1], [2], [text.length]]) {
      expect(scan(text, sizes).media).toEqual([{ path: ['result', 'audio'], text: 'QU/JDRA==' }])
    }
  })

  it('rejects broken documents', () => {
    const broken = [
      '{"a":1',
      '{"a" 1}',
      '[1,]',
      '{"a":1}}',
      '"x',
      '{"a":1,}',
      '{,}',
      '[1 2]',
      '{"a":"\\x"}',
      '',
    ]
    for (const text of broken) {
      expect(() => scan(text, [3], () => false), text).toThrow(JsonScanError)
    }
  })

  it('refuses a skeleton larger than allowed', () => {
    const scanner = new JsonMediaScanner({
      isMediaPath: () => false,
      sink: { open() {}, chars() {}, close() {} },
      maxSkeletonBytes: 100,
    })
    expect(() =>
      scanner.push(new TextEncoder().encode(JSON.stringify({ text: 'x'.repeat(200) }))),
    ).toThrow(/more than 100 bytes/)
  })

  it('knows the media paths of a result, in or out of the envelope', () => {
    expect(isResultMediaPath(['data', 'result', 'images', 3, 'data'])).toBe(true)
    expect(isResultMediaPath(['result', 'videos', 0, 'data'])).toBe(true)
    expect(isResultMediaPath(['data', 'result', 'audio'])).toBe(true)
    expect(isResultMediaPath(['data', 'result', 'blurredImage'])).toBe(true)
    expect(isResultMediaPath(['data', 'result', 'text'])).toBe(false)
    expect(isResultMediaPath(['data', 'result', 'images', 0, 'mimeType'])).toBe(false)
    expect(isResultMediaPath(['data', 'result', 'words', 0, 'data'])).toBe(false)
  })

  it('knows the media paths of a result sent bare, at the top level or as the envelope data', () => {
    expect(isResultMediaPath(['blurredImage'])).toBe(true)
    expect(isResultMediaPath(['audio'])).toBe(true)
    expect(isResultMediaPath(['images', 0, 'data'])).toBe(true)
    expect(isResultMediaPath(['data', 'blurredImage'])).toBe(true)
    expect(isResultMediaPath(['data', 'videos', 1, 'data'])).toBe(true)
    expect(isResultMediaPath(['detections', 0, 'label'])).toBe(false)
    expect(isResultMediaPath(['data', 'queueId'])).toBe(false)
    expect(isResultMediaPath(['data', 'words', 0, 'data'])).toBe(false)
    expect(isResultMediaPath(['images', 0, 'mimeType'])).toBe(false)
  })
})

/** A body answering `text`, in chunks of `chunk` bytes. */
function body(text: string, chunk = 4096): Response {
  const bytes = new TextEncoder().encode(text)
  let at = 0
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) controller.close()
        else {
          controller.enqueue(bytes.slice(at, at + chunk))
          at += chunk
        }
      },
    }),
  )
}

const videoResult = (bytes: Uint8Array) =>
  JSON.stringify({
    success: true,
    data: {
      queueId: 'v',
      status: 'completed',
      result: { videos: [{ data: b64(bytes), mimeType: 'video/mp4' }], model: 'm' },
    },
  })

describe('readResultBody', () => {
  const video = new Uint8Array(200_003).map((_, index) => (index * 13) ^ (index >> 5))

  it('keeps small media from the first read and never reads again', async () => {
    let reopened = 0
    const parsed = (await readResultBody(body(videoResult(video)), {
      provider: 'canary',
      inlineMediaMaxBytes: 1_000_000,
      reopen: async () => {
        reopened++
        return body(videoResult(video))
      },
    })) as { data: { result: { videos: { data: MediaFile }[]; model: string } } }
    const file = parsed.data.result.videos[0]!.data
    expect(file).toBeInstanceOf(MediaFile)
    expect(file.size).toBe(video.length)
    expect(sameBytes(await file.bytes(), video)).toBe(true)
    expect(parsed.data.result.model).toBe('m')
    expect(reopened).toBe(0)
  })

  it('reads large media again on each read, decoding as it streams; bytes() is one exact buffer, kept', async () => {
    let reopened = 0
    const parsed = (await readResultBody(body(videoResult(video)), {
      provider: 'canary',
      inlineMediaMaxBytes: 10_000,
      reopen: async () => {
        reopened++
        return body(videoResult(video), 1000)
      },
    })) as { data: { result: { videos: { data: MediaFile }[] } } }
    const file = parsed.data.result.videos[0]!.data
    expect(file.size).toBe(video.length)
    expect(reopened).toBe(0)
    const chunks: Uint8Array[] = []
    for await (const chunk of file.stream() as unknown as AsyncIterable<Uint8Array>)
      chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(10)
    expect(sameBytes(Buffer.concat(chunks), video)).toBe(true)
    expect(reopened).toBe(1)
    const bytes = await file.bytes()
    expect(bytes.byteLength).toBe(video.length)
    expect(bytes.buffer.byteLength).toBe(video.length)
    expect(sameBytes(bytes, video)).toBe(true)
    expect(await file.bytes()).toBe(bytes)
    expect(reopened).toBe(2)
  })

  it('a result that changed between reads is an error, not wrong bytes', async () => {
    const other = video.slice(0, 150_000)
    const parsed = (await readResultBody(body(videoResult(video)), {
      provider: 'canary',
      inlineMediaMaxBytes: 0,
      reopen: async () => body(videoResult(other)),
    })) as { data: { result: { videos: { data: MediaFile }[] } } }
    const error = await parsed.data.result.videos[0]!.data.bytes().catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as Error).message).toMatch(/changed between reads/)
  })

  it('a result without the media any more, or with broken base64, is a ResponseShapeError', async () => {
    const gone = (await readResultBody(body(videoResult(video)), {
      provider: 'canary',
      inlineMediaMaxBytes: 0,
      reopen: async () =>
        body('{"success":true,"data":{"status":"completed","result":{"videos":[]}}}'),
    })) as { data: { result: { videos: { data: MediaFile }[] } } }
    await expect(gone.data.result.videos[0]!.data.bytes()).rejects.toThrow(/no longer holds media/)
    const broken = videoResult(video).replace('"data":"', '"data":"%%%%')
    const invalid = (await readResultBody(body(broken), {
      provider: 'canary',
      inlineMediaMaxBytes: 0,
      reopen: async () => body(broken),
    })) as { data: { result: { videos: { data: MediaFile }[] } } }
    const error = await invalid.data.result.videos[0]!.data.bytes().catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as Error).message).toMatch(/not valid base64/)
  })

  it('aborting a read stops it with an AbortError', async () => {
    const parsed = (await readResultBody(body(videoResult(video)), {
      provider: 'canary',
      inlineMediaMaxBytes: 0,
      reopen: async () => body(videoResult(video), 100),
    })) as { data: { result: { videos: { data: MediaFile }[] } } }
    const controller = new AbortController()
    const reader = parsed.data.result.videos[0]!.data.stream({
      signal: controller.signal,
    }).getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toBeInstanceOf(AbortError)
  })
})

describe('a result sent bare (as the document prints the vision results)', () => {
  const blurred = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
  const faces = {
    detections: [{ label: 'face', confidence: 0.9, bbox: { x: 1, y: 2, width: 3, height: 4 } }],
    model: 'mediapipe',
    blurredImage: b64(blurred),
    blurredImageMimeType: 'image/png',
  }
  const clientAnswering = (answer: unknown) =>
    new CanaryClient({
      baseUrl: 'https://canary.test',
      apiKey: 'clk_live_0123456789abcdef',
      fetch: async () => new Response(JSON.stringify(answer), { status: 200 }),
    })

  it.each([
    ['alone', faces],
    ['as the envelope data', { success: true, data: faces }],
  ])('is the result of a completed job, its media a file: %s', async (_, answer) => {
    const read = await clientAnswering(answer).queue.result({ queueId: 'vis_1', kind: 'detection' })
    expect(read).toMatchObject({ ready: true, queueId: 'vis_1', status: 'completed' })
    if (!read.ready) throw new Error('not ready')
    expect(read.result?.detections[0]?.label).toBe('face')
    const file = read.result!.blurredImage!
    expect(file).toBeInstanceOf(MediaFile)
    expect(file.mediaType).toBe('image/png')
    expect(sameBytes(await file.bytes(), blurred)).toBe(true)
  })

  it('an empty answer is not an empty result', async () => {
    for (const answer of [{}, { success: true, data: {} }]) {
      const read = clientAnswering(answer).queue.result({ queueId: 'llm_1', kind: 'completion' })
      await expect(read).rejects.toBeInstanceOf(ResponseShapeError)
    }
  })

  it('a bare answer that is not the kind asked for is still a ResponseShapeError', async () => {
    const read = clientAnswering({ model: 'yolo11n' }).queue.result({
      queueId: 'vis_1',
      kind: 'detection',
    })
    await expect(read).rejects.toBeInstanceOf(ResponseShapeError)
  })
})

describe('a media field answered with a link instead of base64', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9])
  const answer = {
    success: true,
    data: {
      queueId: 'img_1',
      status: 'completed',
      result: {
        images: [{ data: 'https://cdn.canary-files.test/img_1/0.png', mimeType: 'image/png' }],
        model: 'gpt-image-1',
      },
    },
  }

  it('is a file behind that link, fetched with the client fetch and without the API key', async () => {
    const requests: Request[] = []
    const client = new CanaryClient({
      baseUrl: 'https://canary.test',
      apiKey: 'clk_live_0123456789abcdef',
      fetch: async (input, init) => {
        const request = new Request(input, init)
        requests.push(request)
        return request.url.startsWith('https://cdn.canary-files.test/')
          ? new Response(png, { headers: { 'content-type': 'image/png' } })
          : new Response(JSON.stringify(answer), { status: 200 })
      },
    })
    const read = await client.queue.result({ queueId: 'img_1', kind: 'image' })
    if (!read.ready) throw new Error('not ready')
    const file = read.result!.images[0]!.data
    expect(file).toBeInstanceOf(MediaFile)
    expect(file.mediaType).toBe('image/png')
    // Not decoded as base64 (which would give 30 bytes of noise): the link's own bytes.
    expect(sameBytes(await file.bytes(), png)).toBe(true)
    const download = requests.find((request) => request.url.includes('cdn.canary-files.test'))!
    expect(download.url).toBe('https://cdn.canary-files.test/img_1/0.png')
    expect(download.headers.get('authorization')).toBeNull()
  })
})
