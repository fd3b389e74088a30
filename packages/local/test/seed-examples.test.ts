/**
 * The API document's own examples (seed 001, `fixtures/seeds/001`) through the typed client.
 *
 * Every fixture is first checked against the document: its JSON against the line it was copied
 * from (`checkCopied`), and a curl example's method, path, headers, body and form fields against
 * the command as the shell hands it to curl. Then every request example is sent through
 * `SillyMediaClient` with a recording `fetch` and must leave with the example's method, path,
 * content type and body (or fields), and every response example is answered to the client,
 * which must return the values printed (job ids, statuses, progress, URLs, model lists...).
 * Where the current server differs from the document, the fixture's `reading` says how, and the
 * test asserts that reading.
 */
import { ValidationError } from '@atelier/core'
import { encodePng, encodeWav } from '@atelier/emulators'
import { describe, expect, it } from 'vitest'
import {
  checkCopied,
  exampleNamed,
  type SeedExample,
  seedExamples,
  seedText,
} from '../../../fixtures/seeds/index'
import { ASPECT_RATIO_PRESETS } from '../src'
import { SillyMediaClient } from '../src/client'

/** A fixture of seed 001; curl examples also name the line their command starts on. */
interface SidecarExample extends SeedExample {
  curlAt?: number
}

const BASE = 'http://localhost:4201'
const examples = seedExamples('001') as SidecarExample[]
const text = seedText('001')

/** The real file the examples' base64 placeholders stand for. */
const PNG = encodePng({ width: 64, height: 48 })
const PNG_BASE64 = Buffer.from(PNG).toString('base64')
const WAV = encodeWav({ durationSeconds: 1 })

// ---------------------------------------------------------------------------------------------
// Reading the document
// ---------------------------------------------------------------------------------------------

/**
 * The seed with the `...` its examples use to cut lists dropped (with the comma before it), so
 * those examples parse; line numbers are kept.
 */
const withoutEllipses = (seed: string) => seed.replace(/,(\s*)\.\.\./g, '$1')

interface CurlCommand {
  method: string
  path: string
  headers: Record<string, string>
  data?: string
  form?: Record<string, unknown>
}

/**
 * The curl command starting on `line`, read as a shell passes it: continuation lines joined,
 * single quotes literal, double quotes with their escapes undone (`$VARIABLES` left as written).
 */
function curlCommandAt(seed: string, line: number): CurlCommand {
  const from = seed
    .split('\n')
    .slice(0, line - 1)
    .reduce((sum, current) => sum + current.length + 1, 0)
  const words: string[] = []
  let word: string | undefined
  for (let index = seed.indexOf('curl', from); index < seed.length; index++) {
    const char = seed[index]!
    if (char === '\\' && seed[index + 1] === '\n') {
      index++
      continue
    }
    if (char === '\n') break
    if (char === ' ') {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (char === "'") {
      const end = seed.indexOf("'", index + 1)
      word = (word ?? '') + seed.slice(index + 1, end)
      index = end
    } else if (char === '"') {
      let value = ''
      for (index++; seed[index] !== '"'; index++) {
        if (seed[index] === '\\' && '"\\$`\n'.includes(seed[index + 1]!)) index++
        value += seed[index]
      }
      word = (word ?? '') + value
    } else word = (word ?? '') + char
  }
  if (word !== undefined) words.push(word)
  const command: CurlCommand = { method: '', path: '', headers: {} }
  let method: string | undefined
  for (let index = 1; index < words.length; index++) {
    const flag = words[index]!
    const value = words[index + 1] ?? ''
    if (flag === '-X') method = value
    else if (flag === '-H') {
      const colon = value.indexOf(':')
      command.headers[value.slice(0, colon).trim().toLowerCase()] = value.slice(colon + 1).trim()
    } else if (flag === '-F') {
      const equals = value.indexOf('=')
      const field = value.slice(equals + 1)
      command.form = {
        ...command.form,
        [value.slice(0, equals)]: field.startsWith('@') ? { file: field.slice(1) } : field,
      }
    } else if (flag === '-d') command.data = value
    else if (flag !== '-o') {
      const url = new URL(flag)
      command.path = `${url.pathname}${url.search}`
      continue
    }
    index++
  }
  command.method = method ?? (command.data !== undefined || command.form ? 'POST' : 'GET')
  return command
}

// ---------------------------------------------------------------------------------------------
// A recording fetch and the client's call for each route
// ---------------------------------------------------------------------------------------------

interface Sent {
  method: string
  path: string
  contentType: string | null
  json?: unknown
  form?: FormData
}

interface Answer {
  status?: number
  /** JSON body, or bytes with `type`. */
  body?: unknown
  bytes?: Uint8Array
  type?: string
  /** A Server-Sent Events body. */
  events?: string[]
}

function recordingClient(answer: Answer) {
  const sent: Sent[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const contentType = request.headers.get('content-type')
    const entry: Sent = {
      method: request.method,
      path: `${url.pathname}${url.search}`,
      contentType,
    }
    if (contentType?.startsWith('application/json')) entry.json = await request.json()
    if (contentType?.startsWith('multipart/form-data')) entry.form = await request.formData()
    sent.push(entry)
    const status = answer.status ?? 200
    if (answer.events) {
      const body = answer.events.map((event) => `data: ${event}\n\n`).join('')
      return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } })
    }
    if (answer.bytes) {
      return new Response(new Blob([answer.bytes as Uint8Array<ArrayBuffer>]), {
        status,
        headers: { 'content-type': answer.type ?? 'application/octet-stream' },
      })
    }
    return Response.json(answer.body ?? null, { status })
  }
  const client = new SillyMediaClient({
    baseUrl: BASE,
    fetch: fetch as typeof globalThis.fetch,
    retry: { limit: 0 },
  })
  return { client, sent }
}

type Params = Record<string, string>
type Fields = Record<string, unknown>
type Call = (client: SillyMediaClient, params: Params, input: Fields) => Promise<unknown>

interface Route {
  /** `METHOD /template` as the document heads the endpoint. */
  route: string
  call: Call
  /** What the recording fetch answers when the example prints no answer: another fixture's, or media. */
  answer: () => Answer
  /** The input sent when a response example prints no request. */
  sample?: Fields
}

const answerOf = (prefix: string) => () => {
  const { response } = exampleNamed(examples, prefix)
  return { status: response!.status, body: response!.body }
}
const png = () => ({ bytes: PNG, type: 'image/png' })
const wav = () => ({ bytes: WAV, type: 'audio/wav' })

/** The client's whole answer: a MediaFile is read, a stream drained. */
async function settle(result: unknown): Promise<unknown> {
  if (result && typeof result === 'object' && 'bytes' in result) {
    return (result as { bytes(): Promise<Uint8Array> }).bytes()
  }
  if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
    const events: unknown[] = []
    for await (const event of result as AsyncIterable<unknown>) events.push(event)
    return events
  }
  return result
}

/** File parts (`{ file: name }`) as `File`s of that name, other fields as printed. */
function withFiles(form: Fields): Fields {
  return Object.fromEntries(
    Object.entries(form).map(([field, value]) => {
      if (value && typeof value === 'object' && 'file' in value) {
        const name = (value as { file: string }).file
        const type = name.endsWith('.wav') ? 'audio/wav' : 'image/png'
        return [field, new File([type === 'audio/wav' ? WAV : PNG], name, { type })]
      }
      return [field, value]
    }),
  )
}

const ROUTES: Route[] = [
  { route: 'GET /health', call: (c) => c.health(), answer: answerOf('01-') },
  { route: 'GET /models', call: (c) => c.models(), answer: answerOf('02-') },
  { route: 'GET /progress', call: (c) => c.progress.image(), answer: answerOf('04-') },
  { route: 'GET /aspect-ratios', call: (c) => c.image.aspectRatios(), answer: answerOf('05-') },
  {
    route: 'POST /generate/{model}',
    call: (c, p, b) => c.image.generate(p.model!, b as never),
    answer: png,
  },
  { route: 'GET /pixelart/progress', call: (c) => c.progress.pixelArt(), answer: answerOf('11-') },
  {
    route: 'POST /pixelart/generate',
    call: (c, _, b) => c.pixelArt.generate(b as never),
    answer: png,
  },
  { route: 'GET /img2img/models', call: (c) => c.img2img.models(), answer: answerOf('17-') },
  { route: 'GET /img2img/progress', call: (c) => c.progress.img2img(), answer: answerOf('19-') },
  {
    route: 'POST /img2img/edit/{model}/upload',
    call: (c, p, f) => c.img2img.editUpload(p.model!, withFiles(f) as never),
    answer: png,
  },
  {
    route: 'POST /img2img/edit/{model}',
    call: (c, p, b) => c.img2img.edit(p.model!, b as never),
    answer: png,
  },
  { route: 'GET /tts/languages', call: (c) => c.tts.languages(), answer: answerOf('21-') },
  { route: 'POST /tts/generate', call: (c, _, b) => c.tts.generate(b as never), answer: wav },
  {
    route: 'POST /tts/generate-with-audio',
    call: (c, _, f) => c.tts.generateWithAudio(withFiles(f) as never),
    answer: wav,
  },
  { route: 'GET /actors', call: (c) => c.actors.list(), answer: answerOf('23-') },
  {
    route: 'POST /actors/from-youtube',
    call: (c, _, b) => c.actors.fromYoutube(b as never),
    answer: answerOf('27-'),
    sample: { name: 'My Actor', youtube_url: 'https://youtu.be/dQw4w9WgXcQ' },
  },
  {
    route: 'POST /actors/{name}/audio',
    call: (c, p, f) => c.actors.audio.add(p.name!, withFiles(f) as never),
    answer: answerOf('28-'),
    sample: { audio_file: { file: 'my_recording.wav' } },
  },
  {
    route: 'GET /actors/{name}/audio',
    call: (c, p) => c.actors.audio.list(p.name!),
    answer: answerOf('29-'),
  },
  {
    route: 'POST /actors',
    call: (c, _, f) => c.actors.create(withFiles(f) as never),
    answer: answerOf('24-'),
    sample: { name: 'My Actor', audio_files: { file: 'reference.wav' } },
  },
  { route: 'GET /actors/{name}', call: (c, p) => c.actors.get(p.name!), answer: answerOf('25-') },
  { route: 'GET /tts/history', call: (c) => c.tts.history.list(), answer: answerOf('30-') },
  { route: 'GET /tts/models', call: (c) => c.tts.models(), answer: answerOf('31-') },
  { route: 'POST /tts/maya/generate', call: (c, _, b) => c.maya.generate(b as never), answer: wav },
  {
    route: 'GET /tts/maya/emotion-tags',
    call: (c) => c.maya.emotionTags(),
    answer: answerOf('33-'),
  },
  { route: 'GET /tts/maya/actors', call: (c) => c.maya.actors.list(), answer: answerOf('34-') },
  {
    route: 'POST /tts/maya/actors',
    call: (c, _, f) => c.maya.actors.create(f as never),
    answer: answerOf('35-'),
    sample: {
      name: 'Friendly Sarah',
      voice_description: 'A young woman with a warm, friendly tone',
    },
  },
  {
    route: 'GET /tts/maya/actors/{actor_id}',
    call: (c, p) => c.maya.actors.get(p.actor_id!),
    answer: answerOf('36-'),
  },
  {
    route: 'PUT /tts/maya/actors/{actor_id}',
    call: (c, p, f) => c.maya.actors.update(p.actor_id!, f as never),
    answer: answerOf('37-'),
    sample: { name: 'Updated Name', voice_description: 'Updated voice description' },
  },
  { route: 'GET /video/models', call: (c) => c.video.models(), answer: answerOf('38-') },
  {
    route: 'POST /video/t2v/{model}',
    call: (c, p, b) => c.video.textToVideo(p.model!, b as never),
    answer: answerOf('39-'),
  },
  {
    route: 'POST /video/i2v/{model}',
    call: (c, p, b) => c.video.imageToVideo(p.model!, b as never),
    answer: answerOf('40-'),
  },
  {
    route: 'GET /video/status/{job_id}',
    call: (c, p) => c.video.status(p.job_id!),
    answer: answerOf('42-'),
  },
  {
    route: 'GET /video/download/{job_id}',
    call: (c, p) => c.video.download(p.job_id!).bytes(),
    answer: () => ({ bytes: new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]), type: 'video/mp4' }),
  },
  { route: 'GET /video/history', call: (c) => c.video.history(), answer: answerOf('45-') },
  {
    route: 'DELETE /video/{job_id}',
    call: (c, p) => c.video.delete(p.job_id!),
    answer: answerOf('44-'),
  },
  { route: 'GET /vision/models', call: (c) => c.vision.models(), answer: answerOf('46-') },
  {
    route: 'POST /vision/analyze/upload',
    call: (c, _, f) => c.vision.analyzeUpload(withFiles(f) as never),
    answer: answerOf('48-'),
    sample: { image: { file: 'note.png' }, query: 'What does the note say?' },
  },
  {
    route: 'POST /vision/analyze',
    call: (c, _, b) => c.vision.analyze(b as never),
    answer: answerOf('47-'),
  },
  { route: 'GET /llm/models', call: (c) => c.llm.models(), answer: answerOf('49-') },
  {
    route: 'POST /llm/generate',
    call: (c, _, b) => c.llm.generate(b as never),
    answer: answerOf('52-'),
    sample: { prompt: 'Write a haiku about coding.' },
  },
  {
    route: 'POST /llm/stream',
    call: (c, _, b) => settle(c.llm.stream(b as never)),
    answer: () => ({ events: exampleNamed(examples, '53-').expect!.events as string[] }),
    sample: { prompt: 'Write a haiku about coding.' },
  },
  { route: 'GET /music/models', call: (c) => c.music.models(), answer: answerOf('54-') },
  {
    route: 'POST /music/generate',
    call: (c, _, b) => c.music.generate(b as never),
    answer: answerOf('55-'),
  },
  {
    route: 'GET /music/status/{job_id}',
    call: (c, p) => c.music.status(p.job_id!),
    answer: answerOf('57-'),
  },
  { route: 'GET /music/progress', call: (c) => c.progress.music(), answer: answerOf('58-') },
  {
    route: 'GET /music/download/{job_id}/{audio_index}',
    call: (c, p) => c.music.download(p.job_id!, Number(p.audio_index)).bytes(),
    answer: wav,
  },
  {
    route: 'DELETE /music/{job_id}',
    call: (c, p) => c.music.delete(p.job_id!),
    answer: answerOf('59-'),
  },
]

/** The route a request goes to, with its path parameters. */
function routeOf(method: string, path: string): { route: Route; params: Params } {
  for (const route of ROUTES) {
    const [routeMethod, template] = route.route.split(' ') as [string, string]
    if (routeMethod !== method) continue
    const names: string[] = []
    const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name)
      return '([^/?]+)'
    })
    const match = new RegExp(`^${pattern}(?:\\?.*)?$`).exec(path)
    if (match) {
      const params = Object.fromEntries(names.map((name, index) => [name, match[index + 1]!]))
      return { route, params }
    }
  }
  throw new Error(`no route for ${method} ${path}`)
}

/** Path parameters of a response printed alone: the ids its own body (or the document) uses. */
const EXAMPLE_PARAMS: Params = {
  name: 'My Actor',
  actor_id: 'abc123',
  job_id: 'abc12345',
  model: 'qwen-image-edit',
}

/** The example's body or fields with the placeholders its reading names filled in. */
function filled(example: SidecarExample): Fields {
  const input = (example.request?.body ?? example.request?.form ?? {}) as Fields
  const placeholder = example.expect?.placeholder as Record<string, string> | undefined
  return placeholder?.image ? { ...input, image: PNG_BASE64 } : input
}

const requests = examples.filter((example) => example.request)
const responses = examples.filter((example) => example.response)
const accepted = requests.filter((example) => example.expect?.refusedFields === undefined)

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('seed 001 examples: the fixtures', () => {
  it('covers every JSON example and curl command of the document', () => {
    expect(examples).toHaveLength(92)
    expect(requests).toHaveLength(52)
    expect(responses).toHaveLength(44)
    expect(examples.filter((example) => example.curlAt)).toHaveLength(33)
  })

  it.skipIf(text === undefined).each(examples)(
    '$name is a faithful copy of the seed',
    (example) => {
      const seed = example.expect?.elided ? withoutEllipses(text!) : text!
      expect(checkCopied(example, seed)).toEqual([])
      if (example.curlAt !== undefined) {
        const command = curlCommandAt(text!, example.curlAt)
        expect(command.method).toBe(example.request!.method)
        expect(command.path).toBe(example.request!.path)
        expect(command.headers).toEqual(example.request!.headers ?? {})
        expect(command.form).toEqual(example.request!.form)
        expect(command.data === undefined ? undefined : JSON.parse(command.data)).toEqual(
          example.request!.body,
        )
      }
      const events = example.expect?.events as string[] | undefined
      if (events) {
        const lines = text!.split('\n').slice(example.copiedFrom.response! - 1)
        let at = 0
        for (const event of events) {
          at = lines.indexOf(`data: ${event}`, at)
          expect(at, event).toBeGreaterThanOrEqual(0)
        }
      }
    },
  )

  it('reads the placeholders as placeholders: the printed values are not what a server takes', () => {
    for (const example of requests.filter((item) => item.expect?.placeholder)) {
      const placeholder = example.expect!.placeholder as Record<string, string>
      if (placeholder.image) {
        expect((example.request!.body as Fields).image).toBe(placeholder.image)
      } else expect(example.request!.path).toContain(placeholder.path)
    }
  })
})

describe('seed 001 examples: each request through the typed client', () => {
  it.each(accepted)('$name leaves as printed', async (example) => {
    const request = example.request!
    const { route, params } = routeOf(request.method, request.path)
    const { client, sent } = recordingClient(route.answer())
    const input = filled(example)
    const expected = example.expect?.status
    const result = route.call(client, params, input).then(settle)
    if (typeof expected === 'number' && expected >= 400) await result.catch(() => undefined)
    else await result
    expect(sent).toHaveLength(1)
    const [wire] = sent
    expect(wire!.method).toBe(request.method)
    expect(wire!.path).toBe(request.path)
    if (request.body !== undefined) {
      expect(wire!.contentType).toBe('application/json')
      expect(wire!.json).toEqual(input)
    } else if (request.form !== undefined) {
      expect(wire!.contentType).toMatch(/^multipart\/form-data; boundary=/)
      const fields = Object.fromEntries(
        [...wire!.form!.entries()].map(([field, value]) => [
          field,
          typeof value === 'string' ? value : { file: value.name },
        ]),
      )
      expect(fields).toEqual(request.form)
    } else {
      expect(wire!.contentType).toBeNull()
    }
  })

  it.each(
    requests.filter(
      (example) => example.expect?.refusedFields !== undefined && !example.expect?.status,
    ),
  )(
    '$name (a field list, not values) is refused before any request, naming the fields',
    async (example) => {
      const request = example.request!
      const { route, params } = routeOf(request.method, request.path)
      const { client, sent } = recordingClient(route.answer())
      const error = await route.call(client, params, filled(example)).then(
        () => undefined,
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(ValidationError)
      const fields = (error as ValidationError).issues.map((issue) => String(issue.path[0]))
      for (const field of example.expect!.refusedFields as string[]) expect(fields).toContain(field)
      expect(sent).toHaveLength(0)
    },
  )

  it.each(requests.filter((example) => example.expect?.status === 422))(
    "$name: the current server's 422 on `model` reaches the caller as a ValidationError",
    async (example) => {
      const request = example.request!
      const { route, params } = routeOf(request.method, request.path)
      const { client } = recordingClient({
        status: 422,
        body: {
          detail: [
            {
              type: 'enum',
              loc: ['body', 'model'],
              msg: "Input should be 'ace-step' or 'ace-step-quality'",
              input: (request.body as Fields).model,
              ctx: { expected: "'ace-step' or 'ace-step-quality'" },
            },
          ],
        },
      })
      const error = await route.call(client, params, filled(example)).then(
        () => undefined,
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('model')
      expect((error as Error).message).toContain("'ace-step' or 'ace-step-quality'")
    },
  )
})

describe('seed 001 examples: each response parsed by the typed client', () => {
  it.each(responses)('$name returns the values printed', async (example) => {
    const response = example.response!
    const [method, template] = (
      response.answers ?? `${example.request!.method} ${example.request!.path}`
    ).split(' ') as [string, string]
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => EXAMPLE_PARAMS[name]!)
    const { route, params } = routeOf(method, path)
    const events = example.expect?.events as string[] | undefined
    const { client } = recordingClient(
      events ? { events } : { status: response.status, body: response.body },
    )
    const input = example.request ? filled(example) : withFiles(route.sample ?? {})
    const parsed = await route.call(client, params, input)
    if (events) {
      // What a user prints: the deltas in order, and the reason the stream ended.
      const read = parsed as { delta?: string; finish_reason?: string | null }[]
      expect(read[0]).toEqual(response.body)
      expect(read.map((event) => event.delta ?? '').join('')).toBe('Fingers on the keys')
      expect(read.at(-1)?.finish_reason).toBe('stop')
      return
    }
    expect(parsed).toEqual(response.body)
  })

  it('reads the job ids, statuses, progress and output URLs a poller needs', async () => {
    const status = async (prefix: string, call: (client: SillyMediaClient) => Promise<unknown>) => {
      const { response } = exampleNamed(examples, prefix)
      const { client } = recordingClient({ body: response!.body })
      return call(client) as Promise<Record<string, unknown>>
    }
    const video = await status('42-', (client) => client.video.status('abc12345'))
    expect(video).toMatchObject({
      job_id: 'abc12345',
      status: 'completed',
      progress: 1,
      video_url: '/video/download/abc12345',
    })
    const failed = await status('43-', (client) => client.video.status('abc12345'))
    expect(failed).toMatchObject({ status: 'failed', error: 'CUDA out of memory' })
    const music = await status('57-', (client) => client.music.status('abc12345'))
    expect((music.audios as { download_url: string }[])[0]!.download_url).toBe(
      '/music/download/abc12345/0',
    )
    const started = await status('55-', (client) =>
      client.music.generate({ caption: 'upbeat pop', model: 'ace-step' }),
    )
    expect(started).toMatchObject({ job_id: 'abc12345', status: 'queued' })
  })

  it('computes the 9:16 preset as the current server does, not as the example prints it', () => {
    const printed = exampleNamed(examples, '05-').response!.body as Record<
      string,
      { dimensions_at_1024: number[] }
    >
    expect(printed['9:16']!.dimensions_at_1024).toEqual([768, 1344])
    expect(ASPECT_RATIO_PRESETS['9:16']).toMatchObject({ width: 704, height: 1344 })
    expect(ASPECT_RATIO_PRESETS['16:9']).toMatchObject({ width: 1344, height: 768 })
    expect(ASPECT_RATIO_PRESETS['3:4']).toMatchObject({ width: 832, height: 1152 })
  })
})
