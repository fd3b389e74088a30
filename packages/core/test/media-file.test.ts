import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AbortError,
  ConnectionError,
  MediaFile,
  ProviderError,
  ResponseShapeError,
  toMediaFile,
} from '@atelier/core'
import {
  Base64Decoder,
  Base64FormatError,
  decodeBase64,
  encodeBase64,
  isMediaInput,
  mediaTypeFromPath,
  parseDataUri,
} from '@atelier/core/driver'
import { saveMediaFile } from '@atelier/core/node'
import { delay, HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const CDN = 'https://cdn.example.test'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** Deterministic pseudo-random bytes (xorshift), so failures are reproducible. */
function randomBytes(length: number, seed = length + 1): Uint8Array {
  const out = new Uint8Array(length)
  let state = seed * 2654435761 || 1
  for (let index = 0; index < length; index++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    out[index] = state & 0xff
  }
  return out
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

async function readChunks(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(value)
  }
}

/** Byte equality without element-by-element deep equality (slow on large arrays). */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.byteLength).toBe(expected.byteLength)
  expect(Buffer.compare(Buffer.from(actual), Buffer.from(expected))).toBe(0)
}

const nodeBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3, 250, 251])

/** Serves `body` at `url`, counting requests. */
function serve(url: string, body: () => Response) {
  const seen: Request[] = []
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request)
      return body()
    }),
  )
  return seen
}

describe('MediaFile from bytes', () => {
  it('exposes the bytes in every form', async () => {
    const file = MediaFile.fromBytes(PNG, { mediaType: 'image/png', filename: 'a.png' })
    expect(file.mediaType).toBe('image/png')
    expect(file.filename).toBe('a.png')
    expect(file.size).toBe(PNG.byteLength)
    expect(file.url).toBeUndefined()
    expect(await file.bytes()).toEqual(PNG)
    expect(concat(await readChunks(file.stream()))).toEqual(PNG)
    const blob = await file.blob()
    expect(blob.type).toBe('image/png')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(PNG)
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG)
    expect(await file.base64()).toBe(nodeBase64(PNG))
    expect(await file.dataUrl()).toBe(`data:image/png;base64,${nodeBase64(PNG)}`)
  })

  it('accepts an ArrayBuffer', async () => {
    const file = MediaFile.fromBytes(PNG.slice().buffer, { mediaType: 'image/png' })
    expect(await file.bytes()).toEqual(PNG)
  })

  it('decodes UTF-8 text', async () => {
    const file = MediaFile.fromBytes(new TextEncoder().encode('héllo → world'), {
      mediaType: 'text/plain',
    })
    expect(await file.text()).toBe('héllo → world')
  })

  it('describes itself without bytes', () => {
    const file = MediaFile.fromBytes(PNG, { mediaType: 'image/png', filename: 'a.png' })
    expect(file.toJSON()).toEqual({
      mediaType: 'image/png',
      filename: 'a.png',
      size: PNG.byteLength,
    })
    expect(JSON.stringify(file)).not.toContain('137')
  })

  it('rejects a read whose signal has already fired', async () => {
    const file = MediaFile.fromBytes(PNG, { mediaType: 'image/png' })
    await expect(file.bytes({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError)
  })
})

describe('MediaFile from base64', () => {
  it('decodes plain base64 lazily', async () => {
    const file = MediaFile.fromBase64(nodeBase64(PNG), { mediaType: 'image/png' })
    expect(file.size).toBe(PNG.byteLength)
    expect(await file.bytes()).toEqual(PNG)
    expect(await file.base64()).toBe(nodeBase64(PNG))
    expect(await file.dataUrl()).toBe(`data:image/png;base64,${nodeBase64(PNG)}`)
  })

  it('takes a data URL', async () => {
    const file = MediaFile.fromBase64(`data:image/png;base64,${nodeBase64(PNG)}`, {
      mediaType: 'image/png',
    })
    expect(await file.bytes()).toEqual(PNG)
  })

  it('counts only data characters for size (MIME line breaks and padding excluded)', () => {
    const bytes = randomBytes(100)
    const wrapped = nodeBase64(bytes).replace(/(.{20})/g, '$1\r\n')
    const file = MediaFile.fromBase64(wrapped, { mediaType: 'application/octet-stream' })
    expect(file.size).toBe(100)
    expect(MediaFile.fromBase64('QUI=', { mediaType: 'text/plain' }).size).toBe(2)
  })

  it('returns standard padded base64 for URL-safe or wrapped input', async () => {
    const bytes = randomBytes(301)
    const urlSafe = Buffer.from(bytes).toString('base64url')
    expect(urlSafe).toMatch(/[-_]/)
    const file = MediaFile.fromBase64(urlSafe.replace(/(.{60})/g, '$1\n'), {
      mediaType: 'image/png',
    })
    expect(await file.base64()).toBe(nodeBase64(bytes))
    expect(await file.dataUrl()).toBe(`data:image/png;base64,${nodeBase64(bytes)}`)
    expect(await file.bytes()).toEqual(bytes)
  })

  it('streams large base64 in several decoded chunks that equal decodeBase64', async () => {
    const bytes = randomBytes(600_000)
    const text = encodeBase64(bytes)
    const file = MediaFile.fromBase64(text, { mediaType: 'video/mp4' })
    const chunks = await readChunks(file.stream())
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(200_000)
    expectSameBytes(concat(chunks), decodeBase64(text))
    expectSameBytes(concat(chunks), bytes)
  })

  it('rejects invalid base64 with a ResponseShapeError, from bytes() and from stream()', async () => {
    const file = MediaFile.fromBase64('AAAA*AAA', { mediaType: 'image/png' })
    const error = await file.bytes().catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).message).toContain('not valid base64')
    await expect(readChunks(file.stream())).rejects.toBeInstanceOf(ResponseShapeError)
    await expect(
      readChunks(MediaFile.fromBase64('QUJDR', { mediaType: 'image/png' }).stream()),
    ).rejects.toBeInstanceOf(ResponseShapeError)
  })

  it('stops a base64 stream when the signal fires', async () => {
    const controller = new AbortController()
    const file = MediaFile.fromBase64(encodeBase64(randomBytes(600_000)), {
      mediaType: 'video/mp4',
    })
    const reader = file.stream({ signal: controller.signal }).getReader()
    await reader.read()
    controller.abort()
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return
      })(),
    ).rejects.toBeInstanceOf(AbortError)
  })
})

describe('MediaFile from a URL', () => {
  it('turns a data: URL into a base64-backed file', async () => {
    const file = MediaFile.fromUrl(`data:image/webp;base64,${nodeBase64(PNG)}`)
    expect(file.mediaType).toBe('image/webp')
    expect(file.url).toBeUndefined()
    expect(await file.bytes()).toEqual(PNG)
  })

  it('requests nothing until read, then caches bytes across calls', async () => {
    const seen = serve(
      `${CDN}/out/a.png`,
      () => new HttpResponse(PNG, { headers: { 'content-type': 'image/png' } }),
    )
    const file = MediaFile.fromUrl(`${CDN}/out/a.png`)
    expect(file.mediaType).toBe('image/png')
    expect(file.url).toBe(`${CDN}/out/a.png`)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(seen).toHaveLength(0)
    expect(file.toJSON()).toEqual({ mediaType: 'image/png', url: `${CDN}/out/a.png` })
    expect(seen).toHaveLength(0)

    expect(await file.bytes()).toEqual(PNG)
    expect(await file.bytes()).toEqual(PNG)
    expect(await file.text()).toBe(new TextDecoder().decode(PNG))
    expect(await file.base64()).toBe(nodeBase64(PNG))
    expect(seen).toHaveLength(1)
    expect(file.size).toBe(PNG.byteLength)
    // A plain download carries no credentials.
    expect(seen[0]!.headers.has('authorization')).toBe(false)
  })

  it('shares one download between concurrent reads', async () => {
    const seen = serve(`${CDN}/out/a.png`, () => new HttpResponse(PNG))
    const file = MediaFile.fromUrl(`${CDN}/out/a.png`)
    const [first, second] = await Promise.all([file.bytes(), file.blob()])
    expect(first).toEqual(PNG)
    expect(second.size).toBe(PNG.byteLength)
    expect(seen).toHaveLength(1)
  })

  it('streams the response body chunk by chunk, with a fresh request per stream', async () => {
    const parts = [randomBytes(10, 1), randomBytes(20, 2), randomBytes(30, 3)]
    const seen = serve(
      `${CDN}/out/b.mp4`,
      () =>
        new HttpResponse(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const part of parts) controller.enqueue(part)
              controller.close()
            },
          }),
        ),
    )
    const file = MediaFile.fromUrl(`${CDN}/out/b.mp4`)
    expect(file.mediaType).toBe('video/mp4')
    const stream = file.stream()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(seen).toHaveLength(0)
    const chunks = await readChunks(stream)
    expect(concat(chunks)).toEqual(concat(parts))
    expect(chunks.length).toBeGreaterThanOrEqual(1)
    await readChunks(file.stream())
    expect(seen).toHaveLength(2)
  })

  it('refuses an empty image, audio clip or video download from bytes() and from stream()', async () => {
    serve(
      `${CDN}/out/empty.mp4`,
      () => new HttpResponse(new Uint8Array(0), { headers: { 'content-type': 'video/mp4' } }),
    )
    const file = MediaFile.fromUrl(`${CDN}/out/empty.mp4`)
    const error = (await file.bytes().catch((thrown: unknown) => thrown)) as ResponseShapeError
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect(error.message).toBe(
      `The download of ${CDN}/out/empty.mp4 answered an empty body instead of video/mp4`,
    )
    expect(error.status).toBe(200)
    await expect(readChunks(file.stream())).rejects.toBeInstanceOf(ResponseShapeError)
  })

  it('judges an empty download by the served type when it adopts it, and lets other types be empty', async () => {
    serve(
      `${CDN}/out/opaque`,
      () => new HttpResponse(new Uint8Array(0), { headers: { 'content-type': 'image/png' } }),
    )
    const adopted = MediaFile.fromUrl(`${CDN}/out/opaque`, {
      mediaType: 'application/octet-stream',
      mediaTypeFromResponse: true,
    })
    await expect(adopted.bytes()).rejects.toThrow(/empty body instead of image\/png/)

    serve(
      `${CDN}/out/notes.txt`,
      () => new HttpResponse(new Uint8Array(0), { headers: { 'content-type': 'text/plain' } }),
    )
    const text = MediaFile.fromUrl(`${CDN}/out/notes.txt`)
    expect(await text.bytes()).toEqual(new Uint8Array(0))
    expect(await readChunks(text.stream())).toEqual([])
  })

  it('uses the given downloader and media type', async () => {
    const calls: string[] = []
    const file = MediaFile.fromUrl(`${CDN}/opaque`, {
      mediaType: 'audio/wav',
      filename: 'x.wav',
      download: async (url) => {
        calls.push(url)
        return new Response(PNG)
      },
    })
    expect(file.mediaType).toBe('audio/wav')
    expect(calls).toEqual([])
    expect(await file.bytes()).toEqual(PNG)
    expect(calls).toEqual([`${CDN}/opaque`])
  })

  it('falls back to application/octet-stream for an unknown extension', () => {
    expect(MediaFile.fromUrl(`${CDN}/blob`).mediaType).toBe('application/octet-stream')
  })

  it('redacts key-like query parameters in toJSON', () => {
    const file = MediaFile.fromUrl(`${CDN}/out/a.png?key=AIzaSECRET&x=1&signature=sig-secret`)
    const json = JSON.stringify(file)
    expect(json).not.toContain('AIzaSECRET')
    expect(json).not.toContain('sig-secret')
    expect(file.toJSON().url).toBe(`${CDN}/out/a.png?key=[redacted]&x=1&signature=[redacted]`)
    // The real URL is still used for the download.
    expect(file.url).toContain('AIzaSECRET')
  })

  it('turns a failed download into a ProviderError with the status', async () => {
    serve(`${CDN}/out/gone.png`, () => HttpResponse.text('no such object', { status: 404 }))
    const file = MediaFile.fromUrl(`${CDN}/out/gone.png?token=tok-secret`)
    const error = (await file.bytes().catch((thrown: unknown) => thrown)) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.status).toBe(404)
    expect(error.body).toBe('no such object')
    expect(error.message).toContain('404')
    expect(error.message).not.toContain('tok-secret')
  })

  it('turns a network failure into a ConnectionError', async () => {
    serve(`${CDN}/out/a.png`, () => HttpResponse.error())
    const error = await MediaFile.fromUrl(`${CDN}/out/a.png`)
      .bytes()
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ConnectionError)
  })

  it('does not cache a failed read', async () => {
    let count = 0
    server.use(
      http.get(`${CDN}/out/a.png`, () =>
        ++count === 1 ? HttpResponse.text('oops', { status: 500 }) : new HttpResponse(PNG),
      ),
    )
    const file = MediaFile.fromUrl(`${CDN}/out/a.png`)
    await expect(file.bytes()).rejects.toBeInstanceOf(ProviderError)
    expect(await file.bytes()).toEqual(PNG)
    expect(count).toBe(2)
  })

  it('rejects a read with AbortError when its signal fires mid-download, canceling the body', async () => {
    let cancelled = false
    const file = MediaFile.fromUrl(`${CDN}/out/slow.mp4`, {
      download: async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new Uint8Array([1, 2, 3]))
            },
            cancel() {
              cancelled = true
            },
          }),
        ),
    })
    const controller = new AbortController()
    const reading = file.bytes({ signal: controller.signal })
    setTimeout(() => controller.abort(), 30)
    const error = (await reading.catch((thrown: unknown) => thrown)) as Error
    expect(error).toBeInstanceOf(AbortError)
    expect(error.name).toBe('AbortError')
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(cancelled).toBe(true)
  })

  it('rejects with AbortError when the signal fires before msw answers', async () => {
    server.use(
      http.get(`${CDN}/out/slow.mp4`, async () => {
        await delay(1_000)
        return new HttpResponse(PNG)
      }),
    )
    const controller = new AbortController()
    const reading = MediaFile.fromUrl(`${CDN}/out/slow.mp4`).bytes({ signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const started = Date.now()
    await expect(reading).rejects.toBeInstanceOf(AbortError)
    expect(Date.now() - started).toBeLessThan(500)
  })
})

describe('MediaFile from a stream', () => {
  it('opens a fresh stream per read and is lazy', async () => {
    let opened = 0
    const file = MediaFile.fromStream(
      async () => {
        opened++
        return new Blob([PNG]).stream() as ReadableStream<Uint8Array>
      },
      { mediaType: 'image/png' },
    )
    expect(opened).toBe(0)
    expect(concat(await readChunks(file.stream()))).toEqual(PNG)
    expect(concat(await readChunks(file.stream()))).toEqual(PNG)
    expect(opened).toBe(2)
    expect(await file.bytes()).toEqual(PNG)
    expect(await file.bytes()).toEqual(PNG)
    expect(opened).toBe(3)
  })
})

describe('mediaTypeFromPath', () => {
  it.each([
    ['https://x.test/a/b.png', 'image/png'],
    ['https://x.test/a/b.PNG?sig=1.jpg', 'image/png'],
    ['/tmp/clip.mp4#t=10', 'video/mp4'],
    ['photo.JPEG', 'image/jpeg'],
    ['voice.wav', 'audio/wav'],
    ['song.mp3', 'audio/mpeg'],
    ['a.webm', 'video/webm'],
    ['https://x.test/mesh.glb?sig=1', 'model/gltf-binary'],
    ['scene.gltf', 'model/gltf+json'],
    ['result.json', 'application/json'],
  ])('%s → %s', (path, type) => {
    expect(mediaTypeFromPath(path)).toBe(type)
  })

  it.each([
    'https://x.test/a/b',
    'https://x.test/a.b/c',
    'file.xyz',
    'https://x.test/?f=a.png',
    '',
  ])('%j → undefined', (path) => {
    expect(mediaTypeFromPath(path)).toBeUndefined()
  })
})

describe('toMediaFile and isMediaInput', () => {
  it('normalises each input kind', async () => {
    const existing = MediaFile.fromBytes(PNG, { mediaType: 'image/png' })
    expect(toMediaFile(existing)).toBe(existing)

    const fromString = toMediaFile(`${CDN}/in/a.webp`)
    expect(fromString.url).toBe(`${CDN}/in/a.webp`)
    expect(fromString.mediaType).toBe('image/webp')

    const fromUrl = toMediaFile(new URL(`${CDN}/in/voice`), 'audio/wav')
    expect(fromUrl.url).toBe(`${CDN}/in/voice`)
    expect(fromUrl.mediaType).toBe('audio/wav')

    const fromDataUrl = toMediaFile(`data:image/gif;base64,${nodeBase64(PNG)}`)
    expect(fromDataUrl.mediaType).toBe('image/gif')
    expect(await fromDataUrl.bytes()).toEqual(PNG)

    const fromBytes = toMediaFile(PNG, 'image/png')
    expect(fromBytes.mediaType).toBe('image/png')
    expect(await fromBytes.bytes()).toEqual(PNG)

    const fromBuffer = toMediaFile(PNG.slice().buffer)
    expect(fromBuffer.mediaType).toBe('application/octet-stream')
    expect(await fromBuffer.bytes()).toEqual(PNG)

    const fromBlob = toMediaFile(new Blob([PNG], { type: 'image/png' }), 'image/jpeg')
    expect(fromBlob.mediaType).toBe('image/png')
    expect(fromBlob.size).toBe(PNG.byteLength)
    expect(await fromBlob.bytes()).toEqual(PNG)

    const untypedBlob = toMediaFile(new Blob([PNG]), 'image/jpeg')
    expect(untypedBlob.mediaType).toBe('image/jpeg')
  })

  it('recognises media inputs', () => {
    for (const value of [
      'https://x.test/a.png',
      new URL('https://x.test'),
      PNG,
      PNG.buffer,
      new Blob([PNG]),
      MediaFile.fromBytes(PNG, { mediaType: 'image/png' }),
    ]) {
      expect(isMediaInput(value)).toBe(true)
    }
    for (const value of ['', 42, null, undefined, {}, [1, 2]])
      expect(isMediaInput(value)).toBe(false)
  })
})

describe('base64', () => {
  it('round-trips random data of every length from 0 to 300', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length)
      const text = encodeBase64(bytes)
      expect(text).toBe(nodeBase64(bytes))
      const decoded = decodeBase64(text)
      expectSameBytes(decoded, bytes)
      expect(decoded.byteLength).toBe(length)
      expect(decoded.buffer.byteLength).toBe(length)
    }
  })

  it('encodes across its internal chunk boundary', () => {
    const bytes = randomBytes(3 * 8192 * 2 + 2)
    expect(encodeBase64(bytes)).toBe(nodeBase64(bytes))
  })

  it('decodes any split of the text with Base64Decoder', () => {
    for (let length = 0; length <= 300; length += 7) {
      const bytes = randomBytes(length)
      const text = nodeBase64(bytes)
      for (let seed = 1; seed <= 5; seed++) {
        const cuts = Array.from(
          randomBytes(6, length * 31 + seed),
          (value) => value % (text.length + 1),
        ).sort((a, b) => a - b)
        const decoder = new Base64Decoder()
        const chunks: Uint8Array[] = []
        let start = 0
        for (const cut of [...cuts, text.length]) {
          chunks.push(decoder.push(text.slice(start, cut)))
          start = cut
        }
        decoder.finish()
        expect(concat(chunks)).toEqual(bytes)
      }
    }
  })

  it('decodes one character at a time', () => {
    const bytes = randomBytes(50)
    const decoder = new Base64Decoder()
    const chunks = [...nodeBase64(bytes)].map((char) => decoder.push(char))
    decoder.finish()
    expect(concat(chunks)).toEqual(bytes)
  })

  it('decodes the URL-safe alphabet, with or without padding', () => {
    for (let length = 0; length <= 300; length += 13) {
      const bytes = randomBytes(length)
      expect(decodeBase64(Buffer.from(bytes).toString('base64url'))).toEqual(bytes)
    }
    expect(decodeBase64('-_-_')).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]))
    expect(decodeBase64('QQ')).toEqual(new Uint8Array([0x41]))
  })

  it('skips whitespace', () => {
    const bytes = randomBytes(120)
    const spaced = nodeBase64(bytes).replace(/(.{7})/g, '$1 \r\n\t')
    expect(decodeBase64(spaced)).toEqual(bytes)
  })

  it.each([
    ['a character outside the alphabet', 'QUJD*EVG', /invalid base64 character/],
    ['a non-ASCII character', 'QUJDé', /invalid base64 character/],
    ['data after padding', 'QQ==QUJD', /after padding/],
    ['a dangling character', 'QUJDR', /truncated/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => decodeBase64(text)).toThrow(Base64FormatError)
    expect(() => decodeBase64(text)).toThrow(message)
  })
})

describe('parseDataUri', () => {
  it('parses base64 data URLs', () => {
    expect(parseDataUri('data:image/png;base64,iVBORw0K')).toEqual({
      mediaType: 'image/png',
      base64: 'iVBORw0K',
    })
    expect(parseDataUri('data:audio/wav;name=a.wav;base64,UklG')).toEqual({
      mediaType: 'audio/wav',
      base64: 'UklG',
    })
    expect(parseDataUri('DATA:image/png;BASE64,AAAA')).toEqual({
      mediaType: 'image/png',
      base64: 'AAAA',
    })
    expect(parseDataUri('data:;base64,AAAA')).toEqual({
      mediaType: 'application/octet-stream',
      base64: 'AAAA',
    })
    expect(parseDataUri('data:image/png;base64,')).toEqual({ mediaType: 'image/png', base64: '' })
  })

  it('returns undefined for anything else', () => {
    expect(parseDataUri('data:text/plain,hello')).toBeUndefined()
    expect(parseDataUri('data:text/plain;charset=utf-8,hello')).toBeUndefined()
    expect(parseDataUri('https://x.test/a.png')).toBeUndefined()
    expect(parseDataUri('iVBORw0K')).toBeUndefined()
    expect(parseDataUri('data:image/png;base64')).toBeUndefined()
  })
})

describe('saveMediaFile', () => {
  let directory: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'atelier-media-'))
  })
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('writes the exact bytes, creating folders, and returns the byte count', async () => {
    const bytes = randomBytes(300_001)
    const target = join(directory, 'nested', 'deeper', 'out.bin')
    const written = await saveMediaFile(
      MediaFile.fromBase64(encodeBase64(bytes), { mediaType: 'video/mp4' }),
      target,
    )
    expect(written).toBe(bytes.byteLength)
    expectSameBytes(await readFile(target), bytes)
    expect(await readdir(join(directory, 'nested', 'deeper'))).toEqual(['out.bin'])
  })

  it('saves a downloaded file', async () => {
    serve(`${CDN}/out/a.png`, () => new HttpResponse(PNG))
    const target = join(directory, 'download.png')
    await saveMediaFile(MediaFile.fromUrl(`${CDN}/out/a.png`), target)
    expect(new Uint8Array(await readFile(target))).toEqual(PNG)
  })

  it('leaves no file behind when aborted mid-stream', async () => {
    const folder = join(directory, 'aborted')
    const target = join(folder, 'video.mp4')
    let sent = 0
    const file = MediaFile.fromStream(
      async () =>
        new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (sent++ < 3) controller.enqueue(randomBytes(64 * 1024, sent))
            else await new Promise(() => {})
          },
        }),
      { mediaType: 'video/mp4' },
    )
    const controller = new AbortController()
    const saving = saveMediaFile(file, target, { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const error = (await saving.catch((thrown: unknown) => thrown)) as Error
    expect(error.name).toBe('AbortError')
    expect(sent).toBeGreaterThan(0)
    expect(await readdir(folder)).toEqual([])
  })

  it('leaves no file behind when a video download is empty', async () => {
    const folder = join(directory, 'empty')
    serve(`${CDN}/out/empty.mp4`, () => new HttpResponse(new Uint8Array(0)))
    await expect(
      saveMediaFile(MediaFile.fromUrl(`${CDN}/out/empty.mp4`), join(folder, 'video.mp4')),
    ).rejects.toBeInstanceOf(ResponseShapeError)
    expect(await readdir(folder)).toEqual([])
  })

  it('leaves no file behind when the source fails', async () => {
    const folder = join(directory, 'failed')
    serve(`${CDN}/out/missing.png`, () => HttpResponse.text('gone', { status: 404 }))
    await expect(
      saveMediaFile(MediaFile.fromUrl(`${CDN}/out/missing.png`), join(folder, 'a.png')),
    ).rejects.toBeInstanceOf(ProviderError)
    expect(await readdir(folder)).toEqual([])
  })
})

describe('MediaFile.bytes() with a known size', () => {
  const chunked = (parts: number[][]) =>
    MediaFile.fromStream(
      async () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of parts) controller.enqueue(new Uint8Array(part))
            controller.close()
          },
        }),
      { mediaType: 'application/octet-stream', size: parts.flat().length },
    )

  it('fills one buffer of the announced size', async () => {
    const bytes = await chunked([[1, 2], [3], [4, 5, 6]]).bytes()
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6])
    expect(bytes.buffer.byteLength).toBe(6)
  })

  it('copes with a stream longer or shorter than announced', async () => {
    const longer = MediaFile.fromStream(
      async () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array([1, 2]))
            controller.enqueue(new Uint8Array([3, 4]))
            controller.close()
          },
        }),
      { mediaType: 'application/octet-stream', size: 3 },
    )
    expect([...(await longer.bytes())]).toEqual([1, 2, 3, 4])
    const shorter = MediaFile.fromStream(
      async () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array([9]))
            controller.close()
          },
        }),
      { mediaType: 'application/octet-stream', size: 5 },
    )
    const bytes = await shorter.bytes()
    expect([...bytes]).toEqual([9])
    expect(shorter.size).toBe(1)
  })
})
