/**
 * `ENDPOINTS`: every endpoint of the Vision Studio API document, in its order, as a row in the
 * meaning every atelier driver gives its endpoints table (`EndpointInfo`: method, path,
 * summary, the client method that calls it, the tasks whose handlers call it), plus what this
 * package's transport needs to call it (schemas, execution, status route) and what the
 * document says besides (provider, title, status and cancel paths).
 *
 * The rows come from the generated table (`DOCUMENT_ENDPOINTS`) and the driver's handlers:
 * each task's handler names the endpoints it maps onto; the status and cancel routes that
 * follow their jobs, and Firefly's upload (local files for Firefly edits), are called by the
 * same handlers. Building the table is a pure call: a bundle with the driver alone drops it.
 */
import type { TaskName } from '@atelier/core'
import type { EndpointInfo } from '@atelier/core/driver'
import type { VisionStudioEndpoint, VisionStudioEndpointEntry } from './client/endpoint'
import { SPEECH_GENERATE_ENDPOINTS } from './driver/audio'
import { IMAGE_GENERATE_ENDPOINTS } from './driver/image'
import { IMAGE_EDIT_ENDPOINTS } from './driver/image-edit'
import { PROMPT_ENHANCE_ENDPOINTS } from './driver/text'
import { VIDEO_GENERATE_ENDPOINTS } from './driver/video'
import { VISION_ANALYZE_ENDPOINTS } from './driver/vision'
import { DOCUMENT_ENDPOINTS, fireflyUploadEndpoint } from './generated/endpoints'

/** A row of `ENDPOINTS`: an `EndpointInfo` that can also be called (`Transport.call`). */
export type VisionStudioEndpointRow = VisionStudioEndpointEntry &
  EndpointInfo & {
    /** The client method, e.g. `bria.image.generate` (the same as `name`). */
    clientMethod: string
    /** Every endpoint here is one of the API document's. */
    source: 'seed'
  }

function rows(): readonly VisionStudioEndpointRow[] {
  /** The endpoints each task's handler maps its input onto. */
  const mapped: [TaskName, readonly VisionStudioEndpoint[]][] = [
    ['prompt.enhance', PROMPT_ENHANCE_ENDPOINTS],
    ['vision.analyze', VISION_ANALYZE_ENDPOINTS],
    ['image.generate', IMAGE_GENERATE_ENDPOINTS],
    ['image.edit', IMAGE_EDIT_ENDPOINTS],
    ['video.generate', VIDEO_GENERATE_ENDPOINTS],
    ['speech.generate', SPEECH_GENERATE_ENDPOINTS],
  ]
  /** Other endpoints a handler calls: Firefly edits upload local files first. */
  const alsoCalled: [TaskName, VisionStudioEndpoint][] = [['image.edit', fireflyUploadEndpoint]]

  const tasks = new Map<string, Set<TaskName>>()
  const add = (key: string, task: TaskName) => {
    const set = tasks.get(key) ?? new Set<TaskName>()
    set.add(task)
    tasks.set(key, set)
  }
  const byName = new Map(DOCUMENT_ENDPOINTS.map((row) => [row.name, row]))
  for (const [task, endpoints] of mapped) {
    for (const endpoint of endpoints) {
      add(`${endpoint.method} ${endpoint.path}`, task)
      // The routes that follow and cancel the jobs of an endpoint that can answer with a task.
      const row = byName.get(endpoint.name)
      if (row?.status && endpoint.execution !== 'sync') add(`GET ${row.status}`, task)
      if (row?.cancel && endpoint.execution !== 'sync') add(`DELETE ${row.cancel}`, task)
    }
  }
  for (const [task, endpoint] of alsoCalled) add(`${endpoint.method} ${endpoint.path}`, task)

  return DOCUMENT_ENDPOINTS.map((row) => ({
    ...row,
    clientMethod: row.name,
    tasks: [...(tasks.get(`${row.method} ${row.path}`) ?? [])],
    source: 'seed',
  }))
}

/**
 * Every endpoint of the API document, in its order (91), with its client method and the tasks
 * whose handlers call it (`[]` for the endpoints only the client calls).
 */
export const ENDPOINTS: readonly VisionStudioEndpointRow[] = /* @__PURE__ */ rows()
