/**
 * The emulator as a real loopback server, with every request it receives recorded (method,
 * path, headers, JSON body or form fields) so tests can assert what the driver sent.
 */
import { type StartJobOptions, startJob } from '@atelier/core'
import { visionStudio } from '../../src'
import {
  createVisionStudioEmulator,
  serve,
  type VisionStudioEmulator,
  type VisionStudioEmulatorOptions,
} from './emulator'

export const STUDIO_KEY = 'vs-driver-key'

export interface Received {
  method: string
  path: string
  headers: Headers
  json?: Record<string, unknown>
  form?: FormData
}

export interface Studio {
  url: string
  emulator: VisionStudioEmulator
  received: Received[]
  /** `METHOD path` of every request received, in order. */
  calls(): string[]
  close(): Promise<void>
}

export async function startStudio(options: VisionStudioEmulatorOptions = {}): Promise<Studio> {
  const emulator = createVisionStudioEmulator({
    apiKey: STUDIO_KEY,
    syncMs: 0,
    taskQueuedMs: 15,
    taskRunMs: 80,
    ...options,
  })
  const received: Received[] = []
  const server = await serve(async (request) => {
    const copy = request.clone()
    const url = new URL(copy.url)
    const record: Received = { method: copy.method, path: url.pathname, headers: copy.headers }
    const type = copy.headers.get('content-type') ?? ''
    if (type.includes('json')) record.json = (await copy.json()) as Record<string, unknown>
    else if (type.startsWith('multipart/form-data')) record.form = await copy.formData()
    received.push(record)
    return emulator.handler(request)
  })
  return {
    url: server.url,
    emulator,
    received,
    calls: () => received.map((request) => `${request.method} ${request.path}`),
    close: () => server.close(),
  }
}

/** Fast polling for tests. */
export const FAST_POLLING: StartJobOptions['polling'] = {
  minIntervalMs: 5,
  initialIntervalMs: 10,
  maxIntervalMs: 20,
}

export function driverFor(studio: Studio) {
  return visionStudio({ baseUrl: studio.url, apiKey: STUDIO_KEY, retry: { limit: 0 } })
}

export { startJob }
