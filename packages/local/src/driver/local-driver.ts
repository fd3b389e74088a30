/**
 * The `local` driver: atelier's task contract on a Silly Media sidecar, the user's own GPU.
 *
 * - Synchronous endpoints (image, pixel art, img2img, TTS, vision, LLM) are **inline jobs**:
 *   `submit` returns at once, the request runs as the job, progress comes from the
 *   matching `/progress` endpoint, cancel aborts the request.
 * - Video and music are the sidecar's own **async jobs**, resumable from their ref anywhere.
 *   The sidecar has no cancel: cancelling stops polling and deletes the job's files.
 * - All GPU work passes through a client-side **GPU queue** (one job at a time by default,
 *   grouped by model to avoid swaps, with a bound on how long any job is passed over).
 */
import {
  abortErrorFrom,
  anySignal,
  type Driver,
  type DriverCapabilities,
  type DriverContext,
  type ImageOutput,
  inlineRef,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type ModelInfo,
  ProviderError,
  type RequestContext,
  type Submission,
  type TaskName,
  type TaskOutput,
  type TextStreamPart,
  toMediaFile,
  UnsupportedError,
  ValidationError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { SillyMediaClient, type SillyMediaClientOptions } from '../client'
import {
  IMAGE_MODELS,
  IMG2IMG_MODELS,
  LLM_MODELS,
  MUSIC_MODELS,
  type ProgressResponse,
  TTS_MODELS,
  VIDEO_MODELS,
  VISION_MODELS,
} from '../schemas'
import { AsyncLeases } from './async-leases'
import { GpuQueue, type GpuQueueOptions } from './gpu-queue'
import { watchProgress } from './progress'
import {
  imageEditBody,
  imageGenerateBody,
  llmBody,
  mayaBody,
  musicBody,
  PROVIDER_ID,
  pixelArtBody,
  ttsBody,
  videoBody,
  visionBody,
} from './requests'
import { musicSnapshot, videoSnapshot } from './snapshots'

/** The model id that routes `image.generate` to the pixel-art endpoint. */
export const PIXEL_ART_MODEL = 'pixel-art'

export interface LocalDriverOptions extends SillyMediaClientOptions, GpuQueueOptions {
  /** A client to reuse (e.g. one shared with your own direct calls). Built from the other options otherwise. */
  client?: SillyMediaClient
  /** How often to read a progress endpoint while a synchronous call runs. Default 500 ms. */
  progressIntervalMs?: number
  /** How often the GPU slot of an unwatched video/music job is checked. Default 15 s. */
  leaseCheckMs?: number
}

export interface LocalDriver extends Driver {
  /** The typed client for every sidecar endpoint. */
  readonly client: SillyMediaClient
  /** The GPU queue all work passes through (stats: order, swaps). */
  readonly queue: GpuQueue
}

const inline = { cancel: 'local', resumable: false } as const
const async = { cancel: 'local', resumable: true } as const

const CAPABILITIES: DriverCapabilities = {
  'image.generate': { ...inline, models: [...IMAGE_MODELS, PIXEL_ART_MODEL] },
  'image.edit': { ...inline, models: IMG2IMG_MODELS },
  'speech.generate': { ...inline, models: TTS_MODELS },
  'video.generate': { ...async, models: VIDEO_MODELS },
  'music.generate': { ...async, models: MUSIC_MODELS },
  'vision.analyze': { ...inline, models: VISION_MODELS },
  'text.generate': { ...inline, models: LLM_MODELS, streaming: true },
}

type Kind = 'video' | 'music'

/** Creates the driver. With no options it talks to `http://localhost:4201`. */
export function local(options: LocalDriverOptions = {}): LocalDriver {
  const client = options.client ?? new SillyMediaClient(options)
  const queue = new GpuQueue(options)
  const progressIntervalMs = options.progressIntervalMs ?? 500
  const leases = new AsyncLeases({
    checkEveryMs: options.leaseCheckMs ?? 15_000,
    isFinished: async (key) => {
      const [kind, id] = splitLeaseKey(key)
      try {
        const status =
          kind === 'video' ? await client.video.status(id) : await client.music.status(id)
        return status.status === 'completed' || status.status === 'failed'
      } catch (error) {
        if (error instanceof ProviderError && error.status === 404) return true
        throw error
      }
    },
  })

  /**
   * Runs GPU work as an inline job: waits for a slot (reporting the place in line), reports
   * progress while the request runs, and settles with the request.
   */
  function inlineJob<O>(
    task: TaskName,
    model: string,
    context: DriverContext,
    work: (signal: AbortSignal | undefined) => Promise<O>,
    progress?: (context: RequestContext) => Promise<ProgressResponse>,
  ): Submission<O> {
    const report = (snapshot: JobSnapshot<never>) => context.report?.(snapshot)
    const result = queue.run(
      model,
      async () => {
        report({ state: 'running' })
        const watcher = new AbortController()
        const signal = anySignal([watcher.signal, context.signal])!
        const watching = progress
          ? watchProgress({
              read: progress,
              report,
              clock: context.clock,
              intervalMs: progressIntervalMs,
              signal,
            })
          : Promise.resolve()
        try {
          return await work(context.signal)
        } finally {
          watcher.abort()
          await watching
        }
      },
      { signal: context.signal, onPosition: (position) => report({ state: 'queued', position }) },
    )
    return { type: 'inline', ref: inlineRef(PROVIDER_ID, task), result }
  }

  async function submitAsync<O>(
    task: TaskName,
    kind: Kind,
    model: string,
    context: DriverContext,
    start: () => Promise<{ job_id: string }>,
    data: Record<string, JsonValue>,
  ): Promise<Submission<O>> {
    const lease = await queue.acquire(model, {
      signal: context.signal,
      onPosition: (position) => context.report?.({ state: 'queued', position }),
    })
    let created: { job_id: string }
    try {
      created = await start()
    } catch (error) {
      lease.release()
      throw error
    }
    leases.hold(leaseKey(kind, created.job_id), lease)
    return {
      type: 'pending',
      ref: { provider: PROVIDER_ID, task, id: created.job_id, data: { kind, model, ...data } },
      snapshot: { state: 'queued' },
    }
  }

  async function submit<T extends TaskName>(
    task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): Promise<Submission<TaskOutput<T>>> {
    const warnings: Warning[] = []
    const ctx = { signal: context.signal, hooks: context.hooks }
    const model = input.model
    switch (task) {
      case 'image.generate': {
        const image = input as ValidTaskInput<'image.generate'>
        const pixelArt = model === PIXEL_ART_MODEL
        const body = pixelArt ? pixelArtBody(image, warnings) : imageGenerateBody(image, warnings)
        const count = image.n ?? 1
        return inlineJob<ImageOutput>(
          task,
          model,
          context,
          async (signal) => {
            const images = []
            const seeds: number[] = []
            // The sidecar makes one image per call: n images are n calls, seeds counting up when one was given.
            for (let index = 0; index < count; index++) {
              const seed = image.seed !== undefined ? image.seed + index : undefined
              const callBody = seed !== undefined ? { ...body, seed } : body
              images.push(
                pixelArt
                  ? await client.pixelArt.generate(callBody as never, { ...ctx, signal })
                  : await client.image.generate(model, callBody as never, { ...ctx, signal }),
              )
              if (seed !== undefined) seeds.push(seed)
            }
            return { images, warnings, ...(seeds.length ? { seeds } : {}) }
          },
          pixelArt
            ? client.progress.pixelArt.bind(client.progress)
            : client.progress.image.bind(client.progress),
        ) as Submission<TaskOutput<T>>
      }
      case 'image.edit': {
        const edit = input as ValidTaskInput<'image.edit'>
        const source = toMediaFile(edit.image, 'image/png')
        return inlineJob(
          task,
          model,
          context,
          async (signal) => {
            const body = imageEditBody(edit, await source.base64({ signal }), warnings)
            const image = await client.img2img.edit(model, body as never, { ...ctx, signal })
            return { images: [image], warnings }
          },
          client.progress.img2img.bind(client.progress),
        ) as Submission<TaskOutput<T>>
      }
      case 'speech.generate':
        return speech(input as ValidTaskInput<'speech.generate'>, context, warnings) as Promise<
          Submission<TaskOutput<T>>
        >
      case 'video.generate': {
        const video = input as ValidTaskInput<'video.generate'>
        const body = videoBody(video, warnings)
        const image = video.image !== undefined ? toMediaFile(video.image, 'image/png') : undefined
        return submitAsync(
          task,
          'video',
          model,
          context,
          async () =>
            image
              ? client.video.imageToVideo(
                  model,
                  { ...body, image: await image.base64(ctx) } as never,
                  ctx,
                )
              : client.video.textToVideo(model, body as never, ctx),
          // Warnings made at submit reach the output even when another process resumes the job.
          warnings.length ? { warnings: warnings as unknown as JsonValue } : {},
        )
      }
      case 'music.generate': {
        const music = input as ValidTaskInput<'music.generate'>
        const body = musicBody(music, model)
        return submitAsync(
          task,
          'music',
          model,
          context,
          () => client.music.generate(body as never, ctx),
          {
            format: String(body.audio_format ?? 'wav'),
          },
        )
      }
      case 'vision.analyze': {
        const vision = input as ValidTaskInput<'vision.analyze'>
        if (vision.images !== undefined || vision.video !== undefined) {
          throw new UnsupportedError('the sidecar analyses one image per call', {
            provider: PROVIDER_ID,
          })
        }
        const source = toMediaFile(vision.image!, 'image/png')
        return inlineJob(task, model, context, async (signal) => {
          const body = visionBody(vision, await source.base64({ signal }))
          const answer = await client.vision.analyze(body as never, { ...ctx, signal })
          return { text: answer.response, warnings }
        }) as Submission<TaskOutput<T>>
      }
      case 'text.generate': {
        const body = llmBody(input as ValidTaskInput<'text.generate'>, warnings)
        return inlineJob(task, model, context, async (signal) => {
          const answer = await client.llm.generate(body as never, { ...ctx, signal })
          const usage = {
            ...(answer.input_tokens !== undefined ? { inputTokens: answer.input_tokens } : {}),
            ...(answer.output_tokens !== undefined ? { outputTokens: answer.output_tokens } : {}),
          }
          return {
            text: answer.text,
            finishReason: 'stop' as const,
            warnings,
            ...(Object.keys(usage).length ? { usage } : {}),
          }
        }) as Submission<TaskOutput<T>>
      }
      default:
        throw new UnsupportedError(`the local sidecar does not do ${task}`, {
          provider: PROVIDER_ID,
        })
    }
  }

  /** XTTS with an actor or reference audio; Maya with a described voice or a Maya actor. */
  async function speech(
    input: ValidTaskInput<'speech.generate'>,
    context: DriverContext,
    warnings: Warning[],
  ): Promise<Submission<TaskOutput<'speech.generate'>>> {
    const ctx = { signal: context.signal, hooks: context.hooks }
    const model = input.model
    if (model === 'maya') {
      if (input.referenceAudio !== undefined) {
        throw new UnsupportedError(
          'Maya designs voices from a description; use xtts-v2 to clone reference audio',
          {
            provider: PROVIDER_ID,
          },
        )
      }
      const described = input.voiceDescription
      if (described === undefined && input.voice === undefined) {
        throw new ValidationError([
          {
            path: ['voiceDescription'],
            message: 'Maya needs a voiceDescription or a Maya actor id as voice',
            rule: 'required',
          },
        ])
      }
      return inlineJob(task(), model, context, async (signal) => {
        const description =
          described ??
          (await client.maya.actors.get(input.voice!, { ...ctx, signal })).voice_description
        const audio = await client.maya.generate(mayaBody(input, description, warnings) as never, {
          ...ctx,
          signal,
        })
        return { audio, warnings }
      })
    }
    if (input.voiceDescription !== undefined) {
      throw new UnsupportedError(
        `${model} clones voices; describe a voice with the maya model instead`,
        {
          provider: PROVIDER_ID,
        },
      )
    }
    if (input.referenceAudio !== undefined) {
      const reference = toMediaFile(input.referenceAudio, 'audio/wav')
      return inlineJob(task(), model, context, async (signal) => {
        const { actor: _unused, ...fields } = ttsBody(input, warnings)
        const form = { ...fields, reference_audio: [await reference.blob({ signal })] }
        return {
          audio: await client.tts.generateWithAudio(form as never, { ...ctx, signal }),
          warnings,
        }
      })
    }
    if (input.voice === undefined) {
      throw new ValidationError([
        {
          path: ['voice'],
          message: 'XTTS needs an actor name as voice, or referenceAudio to clone',
          rule: 'required',
        },
      ])
    }
    return inlineJob(task(), model, context, async (signal) => ({
      audio: await client.tts.generate(ttsBody(input, warnings) as never, { ...ctx, signal }),
      warnings,
    }))
    function task(): 'speech.generate' {
      return 'speech.generate'
    }
  }

  async function poll(ref: JobRef, context: DriverContext): Promise<JobSnapshot<unknown>> {
    const kind = refKind(ref)
    const ctx = { signal: context.signal, hooks: context.hooks }
    const key = leaseKey(kind, ref.id)
    try {
      const snapshot =
        kind === 'video'
          ? videoSnapshot(await client.video.status(ref.id, ctx), ref, client, storedWarnings(ref))
          : musicSnapshot(await client.music.status(ref.id, ctx), ref, client)
      if (snapshot.state === 'completed' || snapshot.state === 'failed') leases.release(key)
      else leases.touch(key)
      return snapshot
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) {
        leases.release(key)
        return {
          state: 'failed',
          error: new JobFailedError(
            `the sidecar no longer knows ${kind} job ${ref.id} (deleted, or the sidecar restarted)`,
            {
              provider: PROVIDER_ID,
              jobId: ref.id,
              body: error.body,
            },
          ),
        }
      }
      throw error
    }
  }

  async function cancel(ref: JobRef, context: DriverContext): Promise<void> {
    const kind = refKind(ref)
    const ctx = { signal: context.signal, hooks: context.hooks }
    // No cancel endpoint: delete the job and its files so nothing is left behind. A job the
    // sidecar already dropped (404) is as good as deleted.
    try {
      if (kind === 'video') await client.video.delete(ref.id, ctx)
      else await client.music.delete(ref.id, ctx)
    } catch (error) {
      if (!(error instanceof ProviderError && error.status === 404)) throw error
    } finally {
      leases.release(leaseKey(kind, ref.id))
    }
  }

  async function* stream<T extends 'text.generate'>(
    _task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): AsyncGenerator<TextStreamPart, void, undefined> {
    const warnings: Warning[] = []
    const body = llmBody(input, warnings)
    const lease = await queue.acquire(input.model, { signal: context.signal })
    try {
      for await (const event of client.llm.stream(body as never, {
        signal: context.signal,
        hooks: context.hooks,
      })) {
        if (event.error) {
          throw new JobFailedError(
            `the sidecar's LLM stream failed: ${client.http.redact(event.error)}`,
            {
              provider: PROVIDER_ID,
            },
          )
        }
        if (event.delta) yield { type: 'text-delta', text: event.delta }
        if (event.finish_reason) {
          yield {
            type: 'finish',
            finishReason: event.finish_reason === 'length' ? 'length' : 'stop',
          }
          return
        }
      }
      if (context.signal?.aborted) throw abortErrorFrom(context.signal)
      yield { type: 'finish', finishReason: 'stop' }
    } finally {
      lease.release()
    }
  }

  async function listModels(context: DriverContext): Promise<ModelInfo[]> {
    const models = await client.models({ signal: context.signal, hooks: context.hooks })
    const tasksByType: Record<string, TaskName[]> = {
      image: ['image.generate'],
      img2img: ['image.edit'],
      audio: ['speech.generate'],
      video: ['video.generate'],
      music: ['music.generate'],
      vision: ['vision.analyze'],
      llm: ['text.generate'],
    }
    const out: ModelInfo[] = []
    for (const [type, availability] of Object.entries(models)) {
      const ids =
        (availability as { available?: string[]; loaded?: string[] } | undefined)?.available ?? []
      const loaded = new Set((availability as { loaded?: string[] } | undefined)?.loaded ?? [])
      for (const id of ids) {
        out.push({
          id,
          ...(tasksByType[type] ? { tasks: tasksByType[type] } : {}),
          metadata: { type, loaded: loaded.has(id) },
        })
      }
    }
    if (out.some((model) => model.tasks?.includes('image.generate'))) {
      out.push({
        id: PIXEL_ART_MODEL,
        tasks: ['image.generate'],
        description: 'pixel art sprites (/pixelart/generate)',
      })
    }
    return out
  }

  return {
    id: PROVIDER_ID,
    capabilities: CAPABILITIES,
    polling: { initialIntervalMs: 1_000, maxIntervalMs: 10_000 },
    client,
    queue,
    submit,
    poll,
    cancel,
    stream,
    listModels,
  }
}

function leaseKey(kind: Kind, id: string): string {
  return `${kind}:${id}`
}

function splitLeaseKey(key: string): [Kind, string] {
  const colon = key.indexOf(':')
  return [key.slice(0, colon) as Kind, key.slice(colon + 1)]
}

function refKind(ref: JobRef): Kind {
  const kind =
    ref.data?.kind ??
    (ref.task === 'music.generate' ? 'music' : ref.task === 'video.generate' ? 'video' : undefined)
  if (kind !== 'video' && kind !== 'music') {
    throw new UnsupportedError(
      `local: ${ref.task} jobs run inline and cannot be polled or resumed`,
      {
        provider: PROVIDER_ID,
      },
    )
  }
  return kind
}

function storedWarnings(ref: JobRef): Warning[] {
  const stored = ref.data?.warnings
  return Array.isArray(stored) ? (stored as unknown as Warning[]) : []
}
