/**
 * Walks every endpoint of the API document: each is called through the client against the
 * emulator (a real loopback server validating with the same generated schemas) with a valid
 * body built from the document's schema — every documented field filled — and answers in the
 * documented shape; tasks are followed to completion. Each is also given one invalid input,
 * which the client rejects before anything reaches the network.
 */
import { ValidationError } from '@atelier/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ENDPOINTS,
  mediaUrls,
  type TaskStatus,
  type VisionStudioEndpoint,
  type VisionStudioTask,
} from '../src'
import { VisionStudioClient } from '../src/client'
import { createVisionStudioEmulator, serve } from './support/emulator'
import { methodArgs, methodOf, paramValues, seedEndpoint, validBody } from './support/seed'

const API_KEY = 'vs-walk-key'
const emulator = createVisionStudioEmulator({
  apiKey: API_KEY,
  syncMs: 0,
  taskQueuedMs: 5,
  taskRunMs: 25,
})
let server: Awaited<ReturnType<typeof serve>>
let studio: VisionStudioClient

beforeAll(async () => {
  server = await serve(emulator.handler)
  studio = new VisionStudioClient({ baseUrl: server.url, apiKey: API_KEY, retry: { limit: 0 } })
})
afterAll(() => server.close())

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Follows a task to its end (a test may wait in a loop; drivers never do). */
async function finish(task: VisionStudioTask): Promise<TaskStatus> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const status = await studio.tasks.status(task)
    if (status.state === 'completed' || status.state === 'failed' || status.state === 'canceled')
      return status
    await pause(10)
  }
  throw new Error(`task ${task.taskId} did not finish`)
}

/** Real ids for the LoRA resources, uploads and tasks an endpoint refers to. */
interface Ids {
  project_id: number
  dataset_id: number
  image_id: number
  model_id: number
  upload_id: string
  task_id?: string
}

async function fixtures(endpoint: VisionStudioEndpoint): Promise<Ids> {
  const project = (await studio.loRA.projects.create({
    project_name: 'walk',
    ip_medium: 'photography',
    ip_type: 'style',
  })) as { id: number }
  const dataset = (await studio.loRA.datasets.create({
    project_id: project.id,
    name: 'walk set',
  })) as { id: number }
  const image = (await studio.loRA.datasets.images.upload(dataset.id, {
    dataset_id: dataset.id,
    image_url: 'https://media.example.com/a.png',
  })) as { id: number }
  const model = (await studio.loRA.models.create({
    name: 'walk model',
    dataset_id: dataset.id,
    training_version: 'light',
  })) as { id: number }
  const upload = await studio.firefly.upload({
    file: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
  })
  const ids: Ids = {
    project_id: project.id,
    dataset_id: dataset.id,
    image_id: image.id,
    model_id: model.id,
    upload_id: upload.images![0]!.id,
  }
  if (endpoint.role) {
    const route = endpoint.path.split('/')[3]
    const task =
      route === 'bria'
        ? await studio.bria.image.generate({ prompt: 'a red lantern', sync: false })
        : route === 'firefly'
          ? await studio.firefly.image.generate({
              x_model_version: 'image3',
              prompt: 'a red lantern',
            })
          : await studio.runway.image.generate({ prompt: 'a red lantern' })
    ids.task_id = task.taskId
  }
  return ids
}

/** Puts the real ids into a body or parameters built from the schema. */
function withIds<T>(value: T, ids: Ids): T {
  if (Array.isArray(value)) return value.map((item) => withIds(item, ids)) as T
  if (typeof value !== 'object' || value === null || value instanceof Blob) return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    out[key] = key in ids && key !== 'model_id' ? ids[key as keyof Ids] : withIds(child, ids)
    if (key === 'model_id')
      out[key] = typeof child === 'string' ? String(ids.model_id) : ids.model_id
  }
  return out as T
}

describe('every endpoint of the document, against the emulator', () => {
  for (const endpoint of ENDPOINTS) {
    const runs = endpoint.execution === 'sync-flag' ? [true, false] : [undefined]
    for (const sync of runs) {
      it(`${endpoint.name}${sync === undefined ? '' : ` (sync: ${sync})`}`, async () => {
        const ids = await fixtures(endpoint)
        const params = withIds(paramValues(endpoint), ids)
        const body = withIds(validBody(endpoint), ids)
        if (body && sync !== undefined) body.sync = sync
        const before = emulator.state.requests.length
        const value = await methodOf(studio, endpoint)(...methodArgs(endpoint, params, body))
        const seen = emulator.state.requests.slice(before)
        // The emulator logs the document's route, `${method} ${path}`, not a client name.
        expect(seen.map((request) => [request.endpoint, request.status])).toEqual([
          [`${endpoint.method} ${endpoint.path}`, 200],
        ])

        const asTask = endpoint.execution === 'async' || sync === false
        if (asTask) {
          const task = value as VisionStudioTask
          expect(task.route).toBe(endpoint.statusRoute)
          const status = await finish(task)
          expect(status.state).toBe('completed')
          expect(status.urls.length).toBeGreaterThan(0)
          for (const url of status.urls)
            expect(url.startsWith(`${server.url}/emulator/files/`)).toBe(true)
        } else if (endpoint.tag.includes('Generation') || endpoint.tag.includes('Editing')) {
          const urls = mediaUrls(value)
          expect(urls.length).toBeGreaterThan(0)
          for (const url of urls) expect(url.startsWith(`${server.url}/emulator/files/`)).toBe(true)
        } else {
          expect(value).toBeDefined()
        }
      })
    }

    const input = seedEndpoint(endpoint)
    if (input.requestSchema || input.parameters.length) {
      it(`${endpoint.name}: an invalid ${input.requestSchema ? 'body' : 'id'} is rejected before the network`, async () => {
        const params = paramValues(endpoint)
        let body = validBody(endpoint, false)
        let field: string
        if (body) {
          const required = input.requestSchema!.required?.[0]
          if (required) {
            delete body[required]
            field = required
          } else {
            body = { ...body, not_in_the_document: true }
            field = 'not_in_the_document'
          }
        } else {
          const name = input.parameters.find((parameter) => parameter.in === 'path')!.name
          params![name] = '..'
          field = name
        }
        const before = emulator.state.requests.length
        const error = await methodOf(
          studio,
          endpoint,
        )(...methodArgs(endpoint, params, body)).catch((caught: unknown) => caught)
        expect(error).toBeInstanceOf(ValidationError)
        expect((error as ValidationError).field).toBe(field)
        expect(emulator.state.requests.length).toBe(before)
      })
    }
  }
})
