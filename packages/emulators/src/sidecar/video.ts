/**
 * Video jobs (routers/video.py and video/schemas.py @ 5910d574, video/hunyuan.py @ b21b0d67,
 * video/ltx25.py @ 5910d574, db.py @ b21b0d67): `hunyuan-video` and `ltx-2.5`, text or image
 * to video. A job runs as described in `./jobs` for `videoJobMs`, or the server's own estimate
 * (`num_inference_steps / 50 × 75` s) times `timeScale`; `estimated_time_seconds` reports that
 * planned duration, as a real server's estimate approximates its real one.
 *
 * Progress follows the newest server, whose step callback mirrors each denoising step into the
 * job (`current_step`, `total_steps` from the pipeline — LTX-2.5 always runs its fixed 8-step
 * schedule — and `progress = min(step / total, 0.99)`); `videoProgress: 'held'` keeps them at 0
 * until completion, like servers before that callback. An image-to-video image is only decoded
 * by the job: a bad one fails the job, not the request.
 *
 * A finished video goes into the server's database: only then can it be downloaded
 * (`/video/download`, `/video/thumbnail`), listed (`/video/history`, newest first) or deleted
 * (`DELETE /video/{id}`, 404 `Video not found` for anything else, running jobs included).
 *
 * Sizes: HunyuanVideo makes 848×480 / 1280×720 (16:9), 480×848 / 720×1280 (9:16), 480² / 720²;
 * LTX-2.5 works on a grid of 32 (832×480, 1280×736, ...), snaps `num_frames` to 8k+1 and caps
 * long 720p clips. Image to video follows the input's aspect. Deviations: nothing moves in the
 * MP4 (a still picture, `frames` frames at `fps`) and LTX-2.5's audio track is left out.
 */
import { encodeJpeg, mp4Size, streamMp4 } from '../media'
import type { SidecarContext, VideoJob, VideoRecord } from './context'
import { typicalVideoSeconds } from './context'
import { parseRequest } from './fastapi'
import { Base64Error, PIL_UNIDENTIFIED, pyB64decode, sniffImage } from './input-image'
import { JobFailure, jobElapsed, startJob } from './jobs'
import { loadedModels } from './models'
import { int, optional, PyFloat, pyRound } from './pydantic'
import { HttpError, json, media } from './responses'
import type { Router } from './router'
import { I2VRequest, T2VRequest, type VideoRequestValue } from './schemas'

/** LTX-2.5's fixed distilled schedule (`DISTILLED_SIGMAS`). */
const LTX_STEPS = 8
/** LTX-2.5's VRAM budget in latent tokens (`MAX_LATENT_TOKENS`). */
const LTX_MAX_LATENT_TOKENS = 14000

/** Pixel size of a text-to-video for a model, `resolution` and `aspect_ratio`. */
export function videoSize(
  resolution: string,
  aspectRatio: string,
  model = 'hunyuan-video',
): { width: number; height: number } {
  const ltx = model === 'ltx-2.5'
  const base = resolution === '480p' ? 480 : ltx ? 736 : 720
  const grid = ltx ? 32 : 16
  const long = Math.floor(Math.floor((base * 16) / 9) / grid) * grid
  if (aspectRatio === '16:9') return { width: long, height: base }
  if (aspectRatio === '9:16') return { width: base, height: long }
  return { width: base, height: base }
}

/** Pixel size of an image-to-video: the input scaled to the resolution's short side. */
export function i2vSize(
  input: { width: number; height: number },
  resolution: string,
  model: string,
): { width: number; height: number } {
  if (model === 'ltx-2.5') {
    const target = resolution === '480p' ? 480 : 736
    const scale = target / Math.min(input.width, input.height)
    const width = Math.max(32, pyRound(input.width * scale))
    const height = Math.max(32, pyRound(input.height * scale))
    return { width: Math.floor(width / 32) * 32, height: Math.floor(height / 32) * 32 }
  }
  const target = resolution === '480p' ? 480 : 720
  let width: number
  let height: number
  if (input.width <= input.height) {
    width = target
    height = Math.trunc(input.height * (target / input.width))
  } else {
    height = target
    width = Math.trunc(input.width * (target / input.height))
  }
  return { width: Math.floor(width / 16) * 16, height: Math.floor(height / 16) * 16 }
}

/** Frames LTX-2.5 really renders: snapped to 8k+1, capped by its token budget. */
export function ltxFrames(numFrames: number, width: number, height: number): number {
  const snapped = Math.max(9, Math.floor((numFrames - 1) / 8) * 8 + 1)
  const tokensPerFrame = Math.floor(width / 32) * Math.floor(height / 32)
  const maxLatentFrames = Math.max(2, Math.floor(LTX_MAX_LATENT_TOKENS / tokensPerFrame))
  return Math.min(snapped, (maxLatentFrames - 1) * 8 + 1)
}

function statusBody(job: VideoJob) {
  const completed = job.status === 'completed'
  return {
    job_id: job.id,
    status: job.status,
    progress: new PyFloat(job.progress),
    current_step: job.currentStep,
    total_steps: job.totalSteps,
    elapsed_seconds: job.status === 'queued' ? null : jobElapsed(job),
    video_url: completed ? `/video/download/${job.id}` : null,
    thumbnail_url: completed ? `/video/thumbnail/${job.id}` : null,
    error: job.error,
  }
}

export function registerVideoRoutes(router: Router, ctx: SidecarContext): void {
  const { state, timings, registry } = ctx

  const submit = (model: string, kind: 't2v' | 'i2v', req: VideoRequestValue) => {
    const estimate = typicalVideoSeconds(req.num_inference_steps)
    const plannedMs = timings.videoJobMs ?? estimate * 1000 * timings.timeScale
    const job: VideoJob = {
      id: ctx.newId(8),
      kind,
      model,
      status: 'queued',
      progress: 0,
      currentStep: 0,
      totalSteps: req.num_inference_steps,
      error: null,
      plannedMs,
      prompt: req.prompt,
      resolution: req.resolution,
      aspectRatio: req.aspect_ratio,
      numFrames: req.num_frames,
      fps: req.fps,
      seed: req.seed >= 0 ? req.seed : ctx.randomSeed(),
    }
    state.videoJobs.set(job.id, job)
    startJob(ctx, job, {
      label: `video job ${job.id}`,
      work: async (steps) => {
        let size = videoSize(req.resolution, req.aspect_ratio, model)
        if (kind === 'i2v') {
          let bytes: Uint8Array
          try {
            bytes = pyB64decode(req.image ?? '')
          } catch (error) {
            throw new JobFailure(error instanceof Base64Error ? error.message : String(error))
          }
          const input = sniffImage(bytes)
          if (!input) throw new JobFailure(PIL_UNIDENTIFIED)
          size = i2vSize(input, req.resolution, model)
        }
        job.width = size.width
        job.height = size.height
        job.frames =
          model === 'ltx-2.5' ? ltxFrames(req.num_frames, size.width, size.height) : req.num_frames
        const pipelineSteps = model === 'ltx-2.5' ? LTX_STEPS : req.num_inference_steps
        await steps(pipelineSteps, (step) => {
          if (ctx.videoProgress === 'held') return
          job.totalSteps = pipelineSteps
          job.currentStep = step
          job.progress = Math.min(step / pipelineSteps, 0.99)
        })
      },
      onComplete: () => {
        const record: VideoRecord = {
          id: job.id,
          model,
          prompt: job.prompt,
          resolution: job.resolution,
          aspectRatio: job.aspectRatio,
          numFrames: job.numFrames,
          durationSeconds: job.numFrames / job.fps,
          createdAt: ctx.timestamp(),
          at: Date.now(),
          width: job.width ?? 848,
          height: job.height ?? 480,
          frames: job.frames ?? job.numFrames,
          fps: job.fps,
          seed: job.seed,
        }
        state.videos.set(job.id, record)
        job.status = 'completed'
        job.progress = 1
        job.currentStep = job.totalSteps
      },
      onFail: (message) => {
        job.status = 'failed'
        job.error = message
      },
    })
    return json({
      job_id: job.id,
      status: 'queued',
      // The server's formula, on this emulator's clock: a real estimate is close to the real
      // duration, so a time-scaled server reports its time-scaled duration.
      estimated_time_seconds: new PyFloat(plannedMs / 1000),
    })
  }

  const findVideo = (id: string | undefined): VideoRecord => {
    const record = id === undefined ? undefined : state.videos.get(id)
    if (!record) throw new HttpError(404, 'Video not found')
    return record
  }

  router.add('GET', '/video/models', async () => {
    const loaded = loadedModels(ctx)
    return json({
      models: registry.models
        .filter((model) => model.types.includes('video'))
        .map((model) => ({
          id: model.id,
          name: model.displayName,
          loaded: loaded.includes(model.id),
          supports_t2v: true,
          supports_i2v: true,
          estimated_vram_gb: new PyFloat(model.estimatedVramGb),
        })),
    })
  })

  for (const kind of ['t2v', 'i2v'] as const) {
    router.add('POST', `/video/${kind}/{model}`, async (request, params) => {
      const { body } = await parseRequest(request, params, {
        body: kind === 't2v' ? T2VRequest : I2VRequest,
      })
      const model = params.model ?? ''
      if (!registry.has('video', model)) throw new HttpError(404, `Unknown video model: ${model}`)
      return submit(model, kind, body as VideoRequestValue)
    })
  }

  router.add('GET', '/video/status/{job_id}', async (_request, { job_id = '' }) => {
    const job = state.videoJobs.get(job_id)
    if (job) return json(statusBody(job))
    if (state.videos.has(job_id)) {
      // A video the database knows but this process does not track (the server's restart case).
      return json({
        job_id,
        status: 'completed',
        progress: new PyFloat(1),
        current_step: null,
        total_steps: null,
        elapsed_seconds: null,
        video_url: `/video/download/${job_id}`,
        thumbnail_url: `/video/thumbnail/${job_id}`,
        error: null,
      })
    }
    throw new HttpError(404, `Job not found: ${job_id}`)
  })

  router.add('GET', '/video/download/{job_id}', async (_request, { job_id }) => {
    const video = findVideo(job_id)
    const options = {
      width: video.width,
      height: video.height,
      durationSeconds: video.frames / video.fps,
      fps: video.fps,
      seed: video.seed,
      ...(ctx.videoBytes !== undefined ? { totalBytes: ctx.videoBytes } : {}),
    }
    return media(streamMp4(options), 'video/mp4', {
      length: mp4Size(options),
      filename: `video_${video.id}.mp4`,
    })
  })

  router.add('GET', '/video/thumbnail/{job_id}', async (_request, { job_id }) => {
    const video = findVideo(job_id)
    return media(
      encodeJpeg({ width: video.width, height: video.height, seed: video.seed }),
      'image/jpeg',
    )
  })

  router.add('DELETE', '/video/{job_id}', async (_request, { job_id }) => {
    const video = findVideo(job_id)
    state.videos.delete(video.id)
    state.videoJobs.delete(video.id)
    return json({ status: 'deleted', job_id: video.id })
  })

  router.add('GET', '/video/history', async (request, params) => {
    const { query } = await parseRequest(request, params, {
      query: { limit: optional(int(), 50), offset: optional(int(), 0) },
    })
    const limit = query.limit as number
    const offset = Math.max(0, query.offset as number)
    const videos = [...state.videos.values()].sort((a, b) => b.at - a.at)
    // SQLite: a negative LIMIT means no limit.
    const page = limit < 0 ? videos.slice(offset) : videos.slice(offset, offset + limit)
    return json({
      videos: page.map((video) => ({
        id: video.id,
        prompt: video.prompt,
        model: video.model,
        resolution: video.resolution,
        aspect_ratio: video.aspectRatio,
        num_frames: video.numFrames,
        duration_seconds: new PyFloat(video.durationSeconds),
        created_at: video.createdAt,
        thumbnail_url: `/video/thumbnail/${video.id}`,
      })),
      total: videos.length,
    })
  })
}
