/**
 * One AI SDK call as one atelier job: submitted through the facade (with the caller's
 * idempotency key), waited for with the call's abort signal (an abort cancels the remote job
 * where the provider can), and every failure handed back in the form the AI SDK expects.
 */
import type { TaskName, TaskOutput } from '@atelier/core'
import type { Atelier, AtelierInput, AtelierJob } from 'atelier'
import { callerHeaders, describeInput, toAiSdkError } from './shared'

export interface JobCall {
  /** `provider/model`, as the model was created with. */
  modelId: string
  abortSignal: AbortSignal | undefined
  /** The AI SDK call's headers; the caller's own go with the submit's requests. */
  headers?: Record<string, string | undefined> | undefined
  idempotencyKey?: string
}

/** Submits `input` as a `task` job and returns it; a failure comes back as the AI SDK's error. */
export async function submitJob<T extends TaskName>(
  ai: Atelier,
  task: T,
  input: Record<string, unknown>,
  call: JobCall,
): Promise<AtelierJob<T>> {
  try {
    const headers = callerHeaders(call.headers)
    return await ai.submit(task, input as AtelierInput<T>, {
      ...(call.abortSignal ? { signal: call.abortSignal } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}),
    })
  } catch (error) {
    throw toAiSdkError(error, {
      modelId: call.modelId,
      input: describeInput(input),
      jobStarted: false,
    })
  }
}

/** Submits and waits: the output, or the AI SDK's error (retryable only if nothing was started). */
export async function runJob<T extends TaskName>(
  ai: Atelier,
  task: T,
  input: Record<string, unknown>,
  call: JobCall,
): Promise<{ job: AtelierJob<T>; output: TaskOutput<T> }> {
  // The submit is not handed the abort signal: an abort while its answer is on the way would
  // leave a job the provider created and nobody cancels. It is a short request; an abort that
  // came meanwhile cancels the job as soon as it is known.
  const job = await submitJob(ai, task, input, { ...call, abortSignal: undefined })
  try {
    const output = await job.wait({
      ...(call.abortSignal ? { signal: call.abortSignal } : {}),
      // The AI SDK's abort means the caller no longer wants the work: stop paying for it.
      cancelOnAbort: true,
    })
    return { job, output }
  } catch (error) {
    throw toAiSdkError(error, {
      modelId: call.modelId,
      input: describeInput(input),
      // An inline job is the request itself: its refusal started nothing.
      jobStarted: job.resumable,
    })
  }
}
