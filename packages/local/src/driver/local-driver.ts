/**
 * The `local` driver: atelier's task contract on a Silly Media sidecar, the user's own GPU.
 *
 * - Synchronous endpoints (image, pixel art, img2img, TTS, vision, LLM) are **inline jobs**:
 *   `submit` returns at once, the request runs as the job, progress comes from the
 *   matching `/progress` endpoint, cancel aborts the request.
 * - Video and music are the sidecar's own **async jobs**, resumable from their ref anywhere.
 *   The sidecar cannot stop them: cancelling stops watching (`cancel: 'local'`), keeps the GPU
 *   slot until the server is really done, then deletes the job's files.
 * - Model ids are checked against what the server lists (`GET /models`, read once per driver
 *   and read again when an id is missing), so a wrong id fails before any work with the valid
 *   ones named.
 * - Validation errors, local or the server's 422, name the caller's fields (`steps`,
 *   `size.width`), not the wire's.
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
  MODEL3D_MODELS,
  MUSIC_MODELS,
  type ProgressResponse,
  TTS_MODELS,
  VIDEO_MODELS,
  VISION_MODELS,
} from '../schemas'
import { AsyncLeases } from './async-leases'
import { inCallerFields } from './caller-fields'
import { GpuQueue, type GpuQueueOptions } from './gpu-queue'
import { watchProgress } from './progress'
import {
  imageEditBody,
  imageGenerateBody,
  llmBody,
  localOptions,
  mayaBody,
  model3dBody,
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
  /**
   * How often a video/music job holding the GPU slot is checked while other work waits for the
   * slot (the process stays alive meanwhile). Default 1 s.
   */
  busyLeaseCheckMs?: number
  /**
   * Check model ids against the server's `GET /models` before submitting (read once, again when
   * an id is missing). Default true; false sends any id and lets the server answer.
   */
  checkModels?: boolean
}

export interface LocalDriver extends Driver {
  /** The typed client for every sidecar endpoint. */
  readonly client: SillyMediaClient
  /** The GPU queue all work passes through (stats: order, swaps). */
  readonly queue: GpuQueue
  /** Forgets the cached `GET /models` answer, so the next submit reads it again. */
  refreshModels(): void
}

// `cancel: 'local'` everywhere: an inline call is aborted, but the sidecar has no way to stop
// work once its GPU runs it, and video and music jobs run on after a cancel (see `cancel`).
const inline = { cancel: 'local', resumable: false } as const
const async = { cancel: 'local', resumable: true } as const

/** The `GET /models` group whose ids each task takes. */
const MODEL_GROUPS: Partial<Record<TaskName, string>> = {
  'image.generate': 'image',
  'image.edit': 'img2img',
  'speech.generate': 'audio',
  'video.generate': 'video',
  'music.generate': 'music',
  'vision.analyze': 'vision',
  'text.generate': 'llm',
  'model3d.generate': 'model3d',
}
/** Listed under `audio` but not a voice: the vocal separator used for YouTube actors. */
const NOT_SPEECH = new Set(['demucs'])

const CAPABILITIES: DriverCapabilities = {
  'image.generate': { ...inline, models: [...IMAGE_MODELS, PIXEL_ART_MODEL] },
  'image.edit': { ...inline, models: IMG2IMG_MODELS },
  'speech.generate': { ...inline, models: TTS_MODELS },
  'video.generate': { ...async, models: VIDEO_MODELS },
  'music.generate': { ...async, models: MUSIC_MODELS },
  'vision.analyze': { ...inline, models: VISION_MODELS },
  'text.generate': { ...inline, models: LLM_MODELS, streaming: true },
  'model3d.generate': { ...inline, models: MODEL3D_MODELS },
}

type Kind = 'video' | 'music'

/** Creates the driver. With no options it talks to `http://localhost:4201`. */
export function local(options: LocalDriverOptions = {}): LocalDriver {
  const client = options.client ?? new SillyMediaClient(options)
  const queue = new GpuQueue(options)
  const progressIntervalMs = options.progressIntervalMs ?? 500
  const leases = new AsyncLeases({
    checkEveryMs: options.leaseCheckMs ?? 15_000,
    busyCheckEveryMs: options.busyLeaseCheckMs ?? 1_000,
    busy: () => queue.waiting > 0,
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
  queue.onWait(() => leases.wake())

  let catalog: Promise<Record<string, string[]> | undefined> | undefined
  /** The server's model ids by group, read once; undefined when it cannot be read. */
  function serverModels(context: RequestContext): Promise<Record<string, string[]> | undefined> {
    catalog ??= client.models(context).then(
      (models) => {
        const groups: Record<string, string[]> = {}
        for (const [group, availability] of Object.entries(models)) {
          const ids = (availability as { available?: unknown } | null | undefined)?.available
          if (Array.isArray(ids)) groups[group] = ids.filter((id) => typeof id === 'string')
        }
        return groups
      },
      () => {
        // No list (an old server, a proxy): the server judges the id itself.
        catalog = undefined
        return undefined
      },
    )
    return catalog
  }

  /** Refuses a model id the server does not list for the task, naming the ones it does. */
  async function checkModel(task: TaskName, model: string, context: RequestContext) {
    const group = MODEL_GROUPS[task]
    if (options.checkModels === false || !group) return
    if (task === 'image.generate' && model === PIXEL_ART_MODEL) return
    const listed = (groups: Record<string, string[]>) =>
      (groups[group] ?? []).filter((id) => !(task === 'speech.generate' && NOT_SPEECH.has(id)))
    let groups = await serverModels(context)
    // A server that lists no such group at all (older than the task) judges the id itself.
    if (!groups || !(group in groups) || listed(groups).includes(model)) return
    // The list may be older than the server's models: read it once more before refusing.
    catalog = undefined
    groups = await serverModels(context)
    if (!groups || !(group in groups) || listed(groups).includes(model)) return
    const valid = listed(groups)
    const elsewhere = Object.entries(groups).find(([, ids]) => ids.includes(model))?.[0]
    const names = task === 'image.generate' ? [...valid, PIXEL_ART_MODEL] : valid
    throw new ValidationError(
      [
        {
          path: ['model'],
          message: `${elsewhere ? `${model} is a ${elsewhere} model on this sidecar` : `the sidecar has no model ${model}`}; ${task} takes ${names.length ? names.join(', ') : 'no model here'}`,
          rule: 'unknown_model',
        },
      ],
      { provider: PROVIDER_ID },
    )
  }

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
    passedThrough: ReadonlySet<string> = new Set(),
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
        } catch (error) {
          throw inCallerFields(error, task, passedThrough)
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
    start: () => Promise<{ job_id: string; estimated_time_seconds?: number | null }>,
    data: Record<string, JsonValue>,
    passedThrough: ReadonlySet<string>,
  ): Promise<Submission<O>> {
    const lease = await queue.acquire(model, {
      signal: context.signal,
      onPosition: (position) => context.report?.({ state: 'queued', position }),
    })
    let created: { job_id: string; estimated_time_seconds?: number | null }
    try {
      created = await start()
    } catch (error) {
      lease.release()
      throw inCallerFields(error, task, passedThrough)
    }
    leases.hold(leaseKey(kind, created.job_id), lease)
    const estimate = created.estimated_time_seconds
    const seconds =
      typeof estimate === 'number' && Number.isFinite(estimate) && estimate >= 0
        ? estimate
        : undefined
    const estimatedSeconds: Record<string, JsonValue> =
      seconds !== undefined ? { estimatedSeconds: seconds } : {}
    return {
      type: 'pending',
      ref: {
        provider: PROVIDER_ID,
        task,
        id: created.job_id,
        data: { kind, model, ...estimatedSeconds, ...data },
      },
      snapshot: {
        state: 'queued',
        ...(seconds !== undefined ? { hints: { etaMs: Math.round(seconds * 1000) } } : {}),
      },
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
    await checkModel(task, model, ctx)
    // Fields given through `providerOptions.local`: errors on them name that path.
    const passedThrough = new Set(Object.keys(localOptions(input)))
    switch (task) {
      case 'image.generate': {
        const image = input as ValidTaskInput<'image.generate'>
        const pixelArt = model === PIXEL_ART_MODEL
        const body = pixelArt
          ? pixelArtBody(image, warnings)
          : imageGenerateBody(image, model, warnings)
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
          passedThrough,
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
          passedThrough,
        ) as Submission<TaskOutput<T>>
      }
      case 'speech.generate':
        return speech(
          input as ValidTaskInput<'speech.generate'>,
          context,
          warnings,
          passedThrough,
        ) as Promise<Submission<TaskOutput<T>>>
      case 'video.generate': {
        const video = input as ValidTaskInput<'video.generate'>
        const body = videoBody(video, model, warnings)
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
          passedThrough,
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
            ...(warnings.length ? { warnings: warnings as unknown as JsonValue } : {}),
          },
          passedThrough,
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
        return inlineJob(
          task,
          model,
          context,
          async (signal) => {
            const body = visionBody(vision, await source.base64({ signal }))
            const answer = await client.vision.analyze(body as never, { ...ctx, signal })
            return { text: answer.response, warnings }
          },
          undefined,
          passedThrough,
        ) as Submission<TaskOutput<T>>
      }
      case 'text.generate': {
        const body = llmBody(input as ValidTaskInput<'text.generate'>, warnings)
        return inlineJob(
          task,
          model,
          context,
          async (signal) => {
            const answer = await client.llm.generate(body as never, { ...ctx, signal })
            const usage = {
              ...(answer.input_tokens != null ? { inputTokens: answer.input_tokens } : {}),
              ...(answer.output_tokens != null ? { outputTokens: answer.output_tokens } : {}),
            }
            return {
              text: answer.text,
              finishReason: llmFinishReason(answer, body),
              warnings,
              ...(Object.keys(usage).length ? { usage } : {}),
            }
          },
          undefined,
          passedThrough,
        ) as Submission<TaskOutput<T>>
      }
      case 'model3d.generate': {
        const mesh = input as ValidTaskInput<'model3d.generate'>
        const image = mesh.image !== undefined ? toMediaFile(mesh.image, 'image/png') : undefined
        return inlineJob(
          task,
          model,
          context,
          async (signal) => {
            const body = model3dBody(mesh, warnings)
            if (image) body.image = await image.base64({ signal })
            const made = await client.model3d.generate(body as never, { model }, { ...ctx, signal })
            return {
              models: [made.file],
              ...(made.modelId !== undefined && made.refUrl !== undefined
                ? { referenceImages: [client.model3d.reference(made.modelId)] }
                : {}),
              warnings,
              providerMetadata: { modelId: made.modelId ?? null },
            }
          },
          undefined,
          passedThrough,
        ) as Submission<TaskOutput<T>>
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
    passedThrough: ReadonlySet<string>,
  ): Promise<Submission<TaskOutput<'speech.generate'>>> {
    const inlineSpeech = <O>(work: (signal: AbortSignal | undefined) => Promise<O>) =>
      inlineJob('speech.generate', input.model, context, work, undefined, passedThrough)
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
      return inlineSpeech(async (signal) => {
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
      return inlineSpeech(async (signal) => {
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
    return inlineSpeech(async (signal) => ({
      audio: await client.tts.generate(ttsBody(input, warnings) as never, { ...ctx, signal }),
      warnings,
    }))
  }

  async function poll(ref: JobRef, context: DriverContext): Promise<JobSnapshot<unknown>> {
    const kind = refKind(ref)
    const ctx = { signal: context.signal, hooks: context.hooks }
    const key = leaseKey(kind, ref.id)
    try {
      const snapshot =
        kind === 'video'
          ? videoSnapshot(await client.video.status(ref.id, ctx), ref, client)
          : musicSnapshot(await client.music.status(ref.id, ctx), ref, client)
      if (snapshot.state === 'completed' || snapshot.state === 'failed') void leases.release(key)
      else leases.touch(key)
      return snapshot
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) {
        void leases.release(key)
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

  /**
   * The sidecar cannot stop a video or music job: `DELETE` on a running video is a 404, and on
   * a running music job it only forgets the status while the GPU goes on. So a cancel here stops
   * watching at once, and the job's GPU slot stays taken until the server is done; then its
   * outputs are deleted and the slot freed. A job already over is deleted at once.
   */
  async function cancel(ref: JobRef, context: DriverContext): Promise<void> {
    const kind = refKind(ref)
    const key = leaseKey(kind, ref.id)
    const ctx = { hooks: context.hooks }
    const removeOutputs = () => deleteOutputs(kind, ref.id, ctx)
    if (leases.holds(key)) {
      leases.abandon(key, removeOutputs)
      return
    }
    // Not held here (submitted by another process): delete now if the server is done with it,
    // else leave it to finish; nothing here can stop it.
    try {
      const status =
        kind === 'video'
          ? await client.video.status(ref.id, { ...ctx, signal: context.signal })
          : await client.music.status(ref.id, { ...ctx, signal: context.signal })
      if (status.status === 'completed' || status.status === 'failed') await removeOutputs()
    } catch (error) {
      if (!(error instanceof ProviderError && error.status === 404)) throw error
    }
  }

  /**
   * Deletes a finished job's files. Music files live under the id in their `download_url`,
   * which need not be the job id, so each folder is deleted by its own id, then the record.
   */
  async function deleteOutputs(
    kind: Kind,
    id: string,
    ctx: { hooks?: DriverContext['hooks'] },
  ): Promise<void> {
    const gone = (error: unknown) => {
      if (!(error instanceof ProviderError && error.status === 404)) throw error
    }
    if (kind === 'video') {
      await client.video.delete(id, ctx).catch(gone)
      return
    }
    const status = await client.music.status(id, ctx).catch((error: unknown) => {
      gone(error)
      return undefined
    })
    const folders = new Set<string>()
    for (const audio of status?.audios ?? []) {
      const folder = /\/music\/download\/([^/]+)\/\d+$/.exec(audio.download_url)?.[1]
      if (folder) folders.add(decodeURIComponent(folder))
    }
    folders.delete(id)
    for (const folder of folders) await client.music.delete(folder, ctx).catch(gone)
    await client.music.delete(id, ctx).catch(gone)
  }

  async function* stream<T extends 'text.generate'>(
    _task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): AsyncGenerator<TextStreamPart, void, undefined> {
    const warnings: Warning[] = []
    await checkModel('text.generate', input.model, { signal: context.signal, hooks: context.hooks })
    const passedThrough = new Set(Object.keys(localOptions(input)))
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
    } catch (error) {
      throw inCallerFields(error, 'text.generate', passedThrough)
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
      model3d: ['model3d.generate'],
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
    refreshModels() {
      catalog = undefined
    },
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

/**
 * The sidecar's `/llm/generate` says nothing of why it stopped: it stopped at the token limit
 * when it produced as many tokens as allowed (the caller's `max_tokens`, else the server's
 * 32768), and on its own otherwise.
 */
function llmFinishReason(
  answer: { output_tokens?: number | null },
  body: Record<string, unknown>,
): 'stop' | 'length' {
  const limit = typeof body.max_tokens === 'number' ? body.max_tokens : LLM_DEFAULT_MAX_TOKENS
  return answer.output_tokens != null && answer.output_tokens >= limit ? 'length' : 'stop'
}

/** The server's `max_tokens` default. */
const LLM_DEFAULT_MAX_TOKENS = 32_768
