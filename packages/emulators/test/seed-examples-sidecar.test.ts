/**
 * The Silly Media API document's own examples (seed 001, `fixtures/seeds/001`) against the
 * sidecar emulator, as raw HTTP (no client package): each request example is accepted — or
 * refused the way the current server refuses it, where the fixture's `reading` says so — and
 * the emulator's answers have the shape of the response examples (every key path of the
 * example present, with the same JSON type). Where the current server differs from the
 * document, the fixture's reading says how, and the test holds the emulator to the server.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type ShapeOptions, shapeProblems } from '../../../fixtures/seeds/checks'
import { exampleNamed, type SeedExample, seedExamples } from '../../../fixtures/seeds/index'
import {
  createSidecarEmulator,
  encodePng,
  encodeWav,
  inspectPng,
  type SidecarEmulatorOptions,
  serve,
} from '../src'

const FAST: SidecarEmulatorOptions = {
  imageStepMs: 2,
  swapDelayMs: 2,
  videoJobMs: 150,
  musicJobMs: 150,
  ttsChunkMs: 1,
  llmTokenMs: 0,
  visionMs: 2,
  youtubeMs: 2,
  model3dMs: 2,
}

const examples = seedExamples('001')

const PNG = encodePng({ width: 64, height: 48 })
const PNG_BASE64 = Buffer.from(PNG).toString('base64')
const WAV = encodeWav({ durationSeconds: 2 })

const running: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

type Fields = Record<string, unknown>

async function startSidecar(options: SidecarEmulatorOptions = {}) {
  const emulator = createSidecarEmulator({ ...FAST, ...options })
  const server = await serve(emulator.handler)
  running.push({
    close: async () => {
      emulator.reset()
      await server.close()
    },
  })
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init)
  const send = (method: string, path: string, input: { body?: unknown; form?: Fields } = {}) => {
    if (input.form) return call(path, { method, body: formData(input.form) })
    if (input.body !== undefined) {
      return call(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input.body),
      })
    }
    return call(path, { method })
  }
  const json = async (
    method: string,
    path: string,
    input: { body?: unknown; form?: Fields } = {},
  ) => {
    const response = await send(method, path, input)
    return { status: response.status, body: (await response.json()) as unknown }
  }
  return { emulator, call, send, json }
}
type Sidecar = Awaited<ReturnType<typeof startSidecar>>

/** Multipart fields as curl sends them: file parts (`{ file }`) as files of that name. */
function formData(fields: Fields): FormData {
  const form = new FormData()
  for (const [field, value] of Object.entries(fields)) {
    if (value && typeof value === 'object' && 'file' in value) {
      const name = (value as { file: string }).file
      const audio = name.endsWith('.wav')
      form.append(
        field,
        new Blob([audio ? WAV : PNG], { type: audio ? 'audio/wav' : 'image/png' }),
        name,
      )
    } else form.append(field, String(value))
  }
  return form
}

/**
 * Lists are held by their first items: the answer's first item must have the shape of the
 * example's first, so a list whose first item is malformed cannot pass on a later one.
 */
const FIRST_ITEMS: ShapeOptions = { items: 'first' }

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000) => {
  const start = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - start > timeoutMs) throw new Error(`not reached: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const createActor = (sidecar: Sidecar, name: string) =>
  sidecar.send('POST', '/actors', {
    form: { name, language: 'en', audio_files: { file: 'voice_sample.wav' } },
  })

/** A finished job's status (video or music). */
async function finishedJob(sidecar: Sidecar, kind: 'video' | 'music') {
  const start =
    kind === 'video'
      ? await sidecar.json('POST', '/video/t2v/hunyuan-video', { body: { prompt: 'waves' } })
      : await sidecar.json('POST', '/music/generate', { body: { caption: 'jazz', duration: 10 } })
  const { job_id } = start.body as { job_id: string }
  const status = await until(
    async () => (await sidecar.json('GET', `/${kind}/status/${job_id}`)).body as Fields,
    (body) => body.status === 'completed' || body.status === 'failed',
  )
  return { job_id, status }
}

/** Reads `path` while `start` runs until the progress object is active. */
async function activeProgress(sidecar: Sidecar, path: string, start: () => Promise<unknown>) {
  const work = start()
  const progress = await until(
    async () => (await sidecar.json('GET', path)).body as Fields,
    (body) => body.active === true && Number(body.step) > 0,
  )
  await work
  return { status: 200, body: progress }
}

/** The example's body or fields, with the placeholders its reading names filled in. */
function filled(example: SeedExample, jobId?: string) {
  const request = example.request!
  const placeholder = example.expect?.placeholder as Record<string, string> | undefined
  const path = jobId ? request.path.replace('JOB_ID', jobId) : request.path
  const body =
    placeholder?.image && request.body
      ? { ...(request.body as Fields), image: PNG_BASE64 }
      : request.body
  return { method: request.method, path, body, form: request.form }
}

/** What must exist before an example runs: the actor it names, the job whose id it uses. */
async function prepare(sidecar: Sidecar, example: SeedExample): Promise<string | undefined> {
  const body = example.request?.body as Fields | undefined
  if (typeof body?.actor === 'string') await createActor(sidecar, body.actor)
  if (!example.request?.path.includes('JOB_ID')) return undefined
  return (await finishedJob(sidecar, example.request.path.startsWith('/video') ? 'video' : 'music'))
    .job_id
}

/** How the emulator is brought to answer each response example printed alone. */
const ANSWERS: Record<string, (sidecar: Sidecar) => Promise<{ status: number; body: unknown }>> = {
  '01-': (s) => s.json('GET', '/health'),
  '02-': (s) => s.json('GET', '/models'),
  '03-': (s) =>
    activeProgress(s, '/progress', () =>
      s.send('POST', '/generate/z-image-turbo', { body: { prompt: 'x', num_inference_steps: 20 } }),
    ),
  '04-': (s) => s.json('GET', '/progress'),
  '05-': (s) => s.json('GET', '/aspect-ratios'),
  '10-': (s) =>
    activeProgress(s, '/pixelart/progress', () =>
      s.send('POST', '/pixelart/generate', { body: { prompt: 'x', num_inference_steps: 20 } }),
    ),
  '11-': (s) => s.json('GET', '/pixelart/progress'),
  '17-': (s) => s.json('GET', '/img2img/models'),
  '18-': (s) =>
    activeProgress(s, '/img2img/progress', () =>
      s.send('POST', '/img2img/edit/qwen-image-edit', {
        body: { image: PNG_BASE64, prompt: 'x', num_inference_steps: 20 },
      }),
    ),
  '19-': (s) => s.json('GET', '/img2img/progress'),
  '21-': (s) => s.json('GET', '/tts/languages'),
  '23-': async (s) => {
    await createActor(s, 'My Actor')
    return s.json('GET', '/actors')
  },
  '24-': async (s) => {
    const response = await createActor(s, 'My Actor')
    return { status: response.status, body: await response.json() }
  },
  '25-': async (s) => {
    await createActor(s, 'My Actor')
    return s.json('GET', '/actors/My%20Actor')
  },
  '27-': (s) =>
    s.json('POST', '/actors/from-youtube', {
      body: { name: 'My Actor', youtube_url: 'https://youtu.be/dQw4w9WgXcQ' },
    }),
  '28-': async (s) => {
    await createActor(s, 'My Actor')
    return s.json('POST', '/actors/My%20Actor/audio', {
      form: { audio_file: { file: 'my_recording.wav' } },
    })
  },
  '29-': async (s) => {
    await createActor(s, 'My Actor')
    return s.json('GET', '/actors/My%20Actor/audio')
  },
  '30-': async (s) => {
    await createActor(s, 'Morgan')
    await s.send('POST', '/tts/generate', {
      body: { text: 'Hello, welcome to Silly Media!', actor: 'Morgan' },
    })
    return s.json('GET', '/tts/history')
  },
  '31-': (s) => s.json('GET', '/tts/models'),
  '33-': (s) => s.json('GET', '/tts/maya/emotion-tags'),
  '34-': async (s) => {
    await ANSWERS['35-']!(s)
    return s.json('GET', '/tts/maya/actors')
  },
  '35-': (s) =>
    s.json('POST', '/tts/maya/actors', {
      form: {
        name: 'Friendly Sarah',
        voice_description: 'A young woman with a warm, friendly tone',
      },
    }),
  '36-': async (s) => {
    const { body } = await ANSWERS['35-']!(s)
    return s.json('GET', `/tts/maya/actors/${(body as { id: string }).id}`)
  },
  '37-': async (s) => {
    const { body } = await ANSWERS['35-']!(s)
    return s.json('PUT', `/tts/maya/actors/${(body as { id: string }).id}`, {
      form: { name: 'Updated Name', voice_description: 'Updated voice description' },
    })
  },
  '38-': (s) => s.json('GET', '/video/models'),
  '41-': async (s) => {
    const { body } = await s.json('POST', '/video/t2v/hunyuan-video', { body: { prompt: 'waves' } })
    const id = (body as { job_id: string }).job_id
    const status = await until(
      async () => (await s.json('GET', `/video/status/${id}`)).body as Fields,
      (value) => value.status === 'processing' && Number(value.current_step) > 0,
    )
    return { status: 200, body: status }
  },
  '42-': async (s) => ({ status: 200, body: (await finishedJob(s, 'video')).status }),
  '44-': async (s) => s.json('DELETE', `/video/${(await finishedJob(s, 'video')).job_id}`),
  '45-': async (s) => {
    await finishedJob(s, 'video')
    return s.json('GET', '/video/history')
  },
  '46-': (s) => s.json('GET', '/vision/models'),
  '48-': (s) =>
    s.json('POST', '/vision/analyze/upload', {
      form: { image: { file: 'note.png' }, query: 'What does the note say?' },
    }),
  '49-': (s) => s.json('GET', '/llm/models'),
  '52-': (s) =>
    s.json('POST', '/llm/generate', { body: { prompt: 'Write a haiku about coding.' } }),
  '54-': (s) => s.json('GET', '/music/models'),
  '56-': async (s) => {
    const { body } = await s.json('POST', '/music/generate', { body: { caption: 'jazz' } })
    const id = (body as { job_id: string }).job_id
    const status = await until(
      async () => (await s.json('GET', `/music/status/${id}`)).body as Fields,
      (value) => value.status === 'processing',
    )
    return { status: 200, body: status }
  },
  '57-': async (s) => ({ status: 200, body: (await finishedJob(s, 'music')).status }),
  '58-': (s) =>
    activeProgress(s, '/music/progress', () =>
      s.send('POST', '/music/generate', { body: { caption: 'jazz', duration: 10 } }),
    ),
  '59-': async (s) => s.json('DELETE', `/music/${(await finishedJob(s, 'music')).job_id}`),
}

/** Options the emulator needs to reach an example's state. */
const OPTIONS: Record<string, SidecarEmulatorOptions> = {
  '03-': { imageStepMs: 20 },
  '10-': { imageStepMs: 20 },
  '18-': { imageStepMs: 20 },
  '41-': { videoJobMs: 600, videoProgress: 'stepped' },
  '56-': { musicJobMs: 600 },
  '58-': { musicJobMs: 600, musicProgress: 'stepped' },
}

const prefixOf = (example: SeedExample) => example.name.slice(0, 3)
const requests = examples.filter((example) => example.request)
const printedAlone = examples.filter((example) => example.response && !example.request)
const refusedAsFieldList = requests.filter(
  (example) => example.expect?.refusedFields && example.expect.status === undefined,
)
const takenAsPrinted = requests.filter((example) => !example.expect?.refusedFields)

describe('seed 001 examples against the sidecar emulator', () => {
  it('has a way to reach every response example printed alone', () => {
    const reachable = printedAlone.filter(
      (example) => ANSWERS[prefixOf(example)] || example.name.startsWith('43-'),
    )
    // The SSE stream (53) is checked with the streaming requests below.
    expect(printedAlone.length - reachable.length).toBe(1)
  })

  it.each(takenAsPrinted)('$name is taken as the current server takes it', async (example) => {
    const sidecar = await startSidecar()
    const jobId = await prepare(sidecar, example)
    const { method, path, body, form } = filled(example, jobId)
    const response = await sidecar.send(method, path, { body, form })
    const expected = example.expect?.status as number | undefined
    if (expected === 400) {
      // The URL as printed is refused; the same request with a real-looking id is taken.
      expect(response.status).toBe(400)
      expect(((await response.json()) as { detail: string }).detail).toContain(
        'Invalid YouTube URL',
      )
      const again = await sidecar.json(method, path, {
        body: { ...(body as Fields), ...(example.expect!.accepted as Fields) },
      })
      expect(again.status).toBe(201)
      expect(
        shapeProblems(exampleNamed(examples, '27-').response!.body, again.body, FIRST_ITEMS),
      ).toEqual([])
      return
    }
    if (expected === 404) {
      // Files live under the id of each download_url, not the job's.
      expect(response.status).toBe(404)
      const status = await sidecar.json('GET', `/music/status/${jobId}`)
      const [audio] = (status.body as { audios: { download_url: string }[] }).audios
      const file = await sidecar.call(audio!.download_url)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('audio/wav')
      return
    }
    expect(response.status, await response.clone().text()).toBeLessThan(300)
    const type = response.headers.get('content-type') ?? ''
    if (type.startsWith('image/png')) {
      const size = inspectPng(new Uint8Array(await response.arrayBuffer()))
      if (example.expect?.width !== undefined) {
        expect({ width: size.width, height: size.height }).toEqual({
          width: example.expect.width,
          height: example.expect.height,
        })
      }
    } else if (type.startsWith('text/event-stream')) {
      const lines = (await response.text()).split('\n').filter((line) => line.startsWith('data: '))
      // Every event has the shape of the printed ones: a delta with no finish reason, then the
      // last with `stop`.
      const printed = (exampleNamed(examples, '53-').expect!.events as string[])
        .slice(0, -1)
        .map((event) => JSON.parse(event) as unknown)
      const events = lines.slice(0, -1).map((line) => JSON.parse(line.slice(6)) as unknown)
      for (const event of events.slice(0, -1)) {
        expect(shapeProblems(printed[0], event, FIRST_ITEMS)).toEqual([])
      }
      expect(shapeProblems(printed.at(-1), events.at(-1), FIRST_ITEMS)).toEqual([])
      expect(lines.at(-1)).toBe('data: [DONE]')
      expect((events.at(-1) as { finish_reason: string }).finish_reason).toBe('stop')
    } else if (type.startsWith('application/json') && example.response) {
      expect(shapeProblems(example.response.body, await response.json(), FIRST_ITEMS)).toEqual([])
    } else if (example.name.includes('maya-actor-create')) {
      expect(response.status).toBe(200)
      expect(
        shapeProblems(
          exampleNamed(examples, '35-').response!.body,
          await response.json(),
          FIRST_ITEMS,
        ),
      ).toEqual([])
    } else {
      expect(type).toMatch(/^(audio\/wav|video\/mp4|application\/json)/)
    }
  })

  it.each(requests.filter((example) => example.expect?.status === 422))(
    '$name: the document model id is a 422 on `model`; the server id is taken',
    async (example) => {
      const sidecar = await startSidecar()
      const refused = await sidecar.json('POST', example.request!.path, {
        body: example.request!.body,
      })
      expect(refused.status).toBe(422)
      const [issue] = (refused.body as { detail: { loc: unknown[]; type: string }[] }).detail
      expect(issue).toMatchObject({ loc: ['body', 'model'], type: 'enum' })
      const taken = await sidecar.json('POST', example.request!.path, {
        body: { ...(example.request!.body as Fields), ...(example.expect!.accepted as Fields) },
      })
      expect(taken.status).toBe(200)
      expect(
        shapeProblems(exampleNamed(examples, '55-').response!.body, taken.body, FIRST_ITEMS),
      ).toEqual([])
    },
  )

  it.each(refusedAsFieldList)(
    '$name (a field list, not values) is a 422 naming the fields',
    async (example) => {
      const sidecar = await startSidecar()
      const { method, path, body } = filled(example)
      const refused = await sidecar.json(method, path, { body })
      expect(refused.status).toBe(422)
      const fields = (refused.body as { detail: { loc: unknown[] }[] }).detail.map((issue) =>
        String(issue.loc[1]),
      )
      for (const field of example.expect!.refusedFields as string[]) expect(fields).toContain(field)
    },
  )

  it.each(printedAlone.filter((example) => ANSWERS[prefixOf(example)]))(
    '$name: the emulator answers in the example shape',
    async (example) => {
      const sidecar = await startSidecar(OPTIONS[prefixOf(example)])
      const answer = await ANSWERS[prefixOf(example)]!(sidecar)
      const expectedStatus =
        (example.expect?.status as number | undefined) ?? example.response!.status
      expect(answer.status).toBe(expectedStatus)
      const nullable = (example.expect?.nullable as string[] | undefined) ?? []
      expect(
        shapeProblems(example.response!.body, answer.body, { ...FIRST_ITEMS, nullable }),
      ).toEqual([])
    },
  )

  it('43-video-status-failed: a failed job answers in the example shape, with its error', async () => {
    const sidecar = await startSidecar({ failJobs: true })
    const { status } = await finishedJob(sidecar, 'video')
    expect(status.status).toBe('failed')
    expect(
      shapeProblems(exampleNamed(examples, '43-').response!.body, status, FIRST_ITEMS),
    ).toEqual([])
  })

  it("05-aspect-ratios: 9:16 is the current server's 704x1344, and all ten presets are listed", async () => {
    const sidecar = await startSidecar()
    const { body } = await sidecar.json('GET', '/aspect-ratios')
    const presets = body as Record<string, { dimensions_at_1024: number[] }>
    expect(presets['9:16']!.dimensions_at_1024).toEqual([704, 1344])
    expect(Object.keys(presets)).toHaveLength(10)
  })
})
