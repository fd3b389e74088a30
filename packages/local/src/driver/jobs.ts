/**
 * The sidecar's own async jobs (video, music): submitted holding a GPU slot, polled by id from
 * any process, and "canceled" as honestly as the sidecar allows. Shared by the video and music
 * handlers; everything here is one request (or one short sequence of deletes), never a wait.
 */
import type {
  DriverContext,
  JobRef,
  JobSnapshot,
  JsonValue,
  TaskSubmission,
  Warning,
} from '@atelier/core'
import {
  isJobGone,
  type RequestContext,
  requestContextOf,
  unlessJobGone,
} from '@atelier/core/driver'
import { deleteMusic, getMusicStatus } from '../client/music'
import type { Transport } from '../client/transport'
import { deleteVideo, getVideoStatus } from '../client/video'
import { type MusicStatusResponse, readJobStatus, type VideoStatusResponse } from '../schemas'
import { type CallerFields, inCallerFields, PROVIDER_ID } from './caller-fields'
import type { JobKind } from './held-jobs'
import type { Runtime } from './runtime'

/** What a job-creating endpoint answers. */
export interface Created {
  job_id: string
  estimated_time_seconds?: number | null
}

/**
 * Submits a sidecar job holding a GPU slot (waiting for one first). The slot stays taken until
 * this process sees the job end. The ref keeps the server's time estimate, so a job resumed
 * elsewhere has it too.
 */
export async function submitJob<Output>(
  runtime: Runtime,
  options: {
    kind: JobKind
    model: string
    context: DriverContext
    fields: CallerFields
    warnings: Warning[]
    start: (request: RequestContext) => Promise<Created>
    data?: Record<string, JsonValue>
  },
): Promise<TaskSubmission<Output>> {
  const { kind, model, context } = options
  const slot = await runtime.slotFor(model, context)
  let created: Created
  try {
    created = await options.start(requestContextOf(context))
  } catch (error) {
    slot.release()
    throw inCallerFields(error, options.fields)
  }
  const estimate = created.estimated_time_seconds
  const seconds =
    typeof estimate === 'number' && Number.isFinite(estimate) && estimate >= 0
      ? estimate
      : undefined
  const data: Record<string, JsonValue> = {
    model,
    ...(seconds !== undefined ? { estimatedSeconds: seconds } : {}),
    ...options.data,
  }
  runtime.held.hold(
    kind,
    { provider: PROVIDER_ID, task: TASKS[kind], id: created.job_id, data },
    slot,
  )
  return {
    type: 'pending',
    id: created.job_id,
    data,
    snapshot: {
      state: 'queued',
      ...(seconds !== undefined ? { hints: { etaMs: Math.round(seconds * 1000) } } : {}),
    },
    ...(options.warnings.length ? { warnings: options.warnings } : {}),
  }
}

type Status = VideoStatusResponse | MusicStatusResponse

/** The task of each kind of job. */
const TASKS = { video: 'video.generate', music: 'music.generate' } as const

/** One status request for a job. */
function statusOf(
  transport: Transport,
  kind: JobKind,
  id: string,
  request: RequestContext,
): Promise<Status> {
  return kind === 'video'
    ? getVideoStatus(transport, id, request)
    : getMusicStatus(transport, id, request)
}

function isOver(status: Status): boolean {
  const { state } = readJobStatus(status.status)
  return state === 'completed' || state === 'failed' || state === 'canceled'
}

/** Whether a job is over (finished, failed or gone): the check of a held slot. */
export async function jobIsOver(
  transport: Transport,
  kind: JobKind,
  id: string,
  request: RequestContext,
): Promise<boolean> {
  try {
    return isOver(await statusOf(transport, kind, id, request))
  } catch (error) {
    if (isJobGone(error)) return true
    throw error
  }
}

/**
 * One observation of a job: `observe` reads its status and makes the snapshot. A job the
 * sidecar no longer knows (404: deleted, or the sidecar restarted) is a failed snapshot. Either
 * way, the slot this process holds for it is freed once it is over.
 */
export async function pollJob<Output>(
  runtime: Runtime,
  kind: JobKind,
  ref: JobRef,
  context: DriverContext,
  observe: (request: RequestContext) => Promise<JobSnapshot<Output>>,
): Promise<JobSnapshot<Output>> {
  const snapshot = await unlessJobGone(ref, () => observe(requestContextOf(context)))
  const over =
    snapshot.state === 'completed' || snapshot.state === 'failed' || snapshot.state === 'canceled'
  runtime.held.seen(kind, ref.id, over)
  return snapshot
}

/**
 * The sidecar cannot stop a video or music job: `DELETE` on a running video is a 404, and on
 * a running music job it only forgets the status while the GPU goes on. So a cancel stops
 * watching (the engine's part) and looks at the job once: when the server is done with it, its
 * outputs are deleted and its slot freed now; else the slot stays taken and the outputs are
 * deleted when a later look (see `HeldJobs`) sees the job end.
 */
export async function cancelJob(
  runtime: Runtime,
  kind: JobKind,
  ref: JobRef,
  context: DriverContext,
): Promise<void> {
  // The look and the deletes may outlive this call (the deletes run when a look sees the job
  // end): not tied to its signal, still paced by its budget.
  const unabortable = requestContextOf(context, { signal: undefined })
  const removeOutputs = () => deleteOutputs(runtime.transport, kind, ref.id, unabortable)
  if (runtime.held.holds(kind, ref.id)) {
    runtime.held.abandon(kind, ref.id, removeOutputs)
    await runtime.held.check(kind, ref.id, unabortable)
    return
  }
  // Not held here (submitted by another process): delete now if the server is done with it,
  // else leave it to finish; nothing here can stop it.
  try {
    const status = await statusOf(runtime.transport, kind, ref.id, requestContextOf(context))
    if (isOver(status)) await removeOutputs()
  } catch (error) {
    if (!isJobGone(error)) throw error
  }
}

/**
 * Deletes a finished job's files. Music files live under the id in their `download_url`,
 * which need not be the job id, so each folder is deleted by its own id, then the record.
 */
async function deleteOutputs(
  transport: Transport,
  kind: JobKind,
  id: string,
  request: RequestContext,
): Promise<void> {
  const gone = (error: unknown) => {
    if (!isJobGone(error)) throw error
  }
  if (kind === 'video') {
    await deleteVideo(transport, id, request).catch(gone)
    return
  }
  const status = await getMusicStatus(transport, id, request).catch((error: unknown) => {
    gone(error)
    return undefined
  })
  const folders = new Set<string>()
  for (const audio of status?.audios ?? []) {
    const folder = /\/music\/download\/([^/]+)\/\d+$/.exec(audio.download_url)?.[1]
    if (folder) folders.add(decodeURIComponent(folder))
  }
  folders.delete(id)
  for (const folder of folders) await deleteMusic(transport, folder, request).catch(gone)
  await deleteMusic(transport, id, request).catch(gone)
}
