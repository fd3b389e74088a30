/**
 * Asynchronous tasks: Firefly's async operations, Runway's tasks, and Bria's `sync: false`
 * requests. A task waits `taskQueuedMs`, runs `taskRunMs` with its progress rising evenly,
 * and completes — or fails a third of the way in when `failTasks` picked it. Each provider's
 * status route reports it in that provider's words; Firefly and Runway tasks can be cancelled.
 */
import { mediaResult } from './answers'
import { type EmulatedTask, type Output, taskPhase, type VisionStudioContext } from './context'
import type { StatusRoute } from './operations'

/** Error of a task failed by `failTasks`, per provider. */
export const INJECTED_TASK_ERROR = {
  bria: { message: 'Emulated failure: the image could not be processed', code: '500' },
  firefly: { message: 'Emulated failure: the job could not be completed', code: 'internal_error' },
  runway: {
    message: 'Emulated failure: the task could not be completed',
    code: 'INTERNAL.BAD_OUTPUT',
  },
} as const

export function createTask(
  ctx: VisionStudioContext,
  route: StatusRoute,
  operation: string,
  output: Output,
): EmulatedTask {
  const id =
    route === 'firefly'
      ? `urn:firefly:jobs:${ctx.newId('')}`
      : ctx.newId(route === 'bria' ? 'bria-' : '')
  const task: EmulatedTask = {
    id,
    route,
    operation,
    createdAt: ctx.now(),
    queuedMs: ctx.timings.taskQueuedMs,
    runMs: ctx.timings.taskRunMs,
    fails: ctx.shouldFailTask(),
    output,
  }
  ctx.state.tasks.set(id, task)
  return task
}

/** The `result` of an asynchronous answer, in the provider's words. */
export function acceptedResult(task: EmulatedTask, origin: string): Record<string, unknown> {
  const id = encodeURIComponent(task.id)
  switch (task.route) {
    case 'bria':
      return { request_id: task.id, status_url: `${origin}/api/v1/bria/status/${id}` }
    case 'firefly':
      return {
        jobId: task.id,
        statusUrl: `${origin}/api/v1/firefly/status/${id}`,
        cancelUrl: `${origin}/api/v1/firefly/cancel/${id}`,
      }
    case 'runway':
      return { id: task.id, status: 'PENDING', createdAt: new Date(task.createdAt).toISOString() }
  }
}

/** A provider's status body for `task` (Bria's bare, the others' the envelope's `result`). */
export function statusBody(ctx: VisionStudioContext, task: EmulatedTask): Record<string, unknown> {
  const { phase, progress } = taskPhase(task, ctx.now())
  const failure = INJECTED_TASK_ERROR[task.route]
  switch (task.route) {
    case 'bria':
      return {
        status: phase === 'completed' ? 'COMPLETED' : phase === 'failed' ? 'ERROR' : 'IN_PROGRESS',
        request_id: task.id,
        result: phase === 'completed' ? mediaResult(task.output) : null,
        error: phase === 'failed' ? { message: failure.message, code: failure.code } : null,
      }
    case 'firefly': {
      const status = {
        queued: 'pending',
        running: 'running',
        completed: 'succeeded',
        failed: 'failed',
        canceled: 'canceled',
      }[phase]
      return {
        jobId: task.id,
        status,
        progress: Math.round(progress * 100),
        ...(phase === 'completed'
          ? {
              result: {
                outputs: task.output.files.map((file) => ({
                  seed: 'seed' in file.recipe ? file.recipe.seed : 0,
                  image: { url: file.url },
                })),
              },
            }
          : {}),
        ...(phase === 'failed' ? { error_code: failure.code, message: failure.message } : {}),
      }
    }
    case 'runway': {
      const status = {
        queued: 'PENDING',
        running: 'RUNNING',
        completed: 'SUCCEEDED',
        failed: 'FAILED',
        canceled: 'CANCELLED',
      }[phase]
      return {
        id: task.id,
        status,
        createdAt: new Date(task.createdAt).toISOString(),
        ...(phase === 'running' ? { progress } : {}),
        ...(phase === 'completed' ? { output: task.output.files.map((file) => file.url) } : {}),
        ...(phase === 'failed' ? { failure: failure.message, failureCode: failure.code } : {}),
      }
    }
  }
}

/** Whether the task is still going (status answers may then carry `Retry-After`). */
export function isActive(ctx: VisionStudioContext, task: EmulatedTask): boolean {
  const { phase } = taskPhase(task, ctx.now())
  return phase === 'queued' || phase === 'running'
}

/** Cancels a task that is still going; a finished one stays as it ended. */
export function cancel(ctx: VisionStudioContext, task: EmulatedTask): void {
  if (task.canceledAt === undefined && isActive(ctx, task)) task.canceledAt = ctx.now()
}
