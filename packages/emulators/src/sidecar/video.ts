/**
 * Video jobs (HunyuanVideo, text or image to video). A job runs as described in `./jobs`: its
 * planned duration is `videoJobMs`, or the sidecar's own estimate (75 s per 50 steps) times
 * `timeScale`, and `estimated_time_seconds` reports that planned duration.
 *
 * Output size follows `resolution` and `aspect_ratio` (the shorter side is 480 or 720 pixels,
 * the longer one rounded to a multiple of 16: 848×480, 1280×720, 480×848, 720×720, ...), for
 * image-to-video too, whose input image is only checked. Once completed,
 * `/video/download/{id}` streams a real, playable MP4 (a still picture, `num_frames` frames at
 * `fps`) and `/video/thumbnail/{id}` a JPEG of the same size. Deviation: nothing moves in the
 * video; no model runs.
 */
import {
  type VideoT2vRequestParsed,
  videoHistoryQuerySchema,
  videoI2vRequestSchema,
  videoT2vRequestSchema,
} from '@atelier/local'
import { encodeJpeg, mp4Size, streamMp4 } from '../media'
import { type SidecarContext, typicalVideoSeconds, type VideoJob } from './context'
import { imageFromBase64 } from './input-image'
import { jobElapsed, jobProgress, startJob } from './jobs'
import { isModelOf } from './models'
import { detail, json, media, modelNotFound } from './responses'
import type { Router } from './router'
import { jsonBody, queryParams } from './validation'

const SHORT_SIDE: Record<string, number> = { '480p': 480, '720p': 720 }

/** Pixel size of a video for a `resolution` and `aspect_ratio`. */
export function videoSize(
  resolution: string,
  aspectRatio: string,
): { width: number; height: number } {
  const short = SHORT_SIDE[resolution] ?? 480
  const [w = 16, h = 9] = aspectRatio.split(':').map(Number)
  const long = Math.round((short * Math.max(w, h)) / Math.min(w, h) / 16) * 16
  return w >= h ? { width: long, height: short } : { width: short, height: long }
}

const durationSeconds = (job: VideoJob) => Math.round((job.numFrames / job.fps) * 100) / 100

function statusBody(job: VideoJob) {
  const completed = job.status === 'completed'
  return {
    job_id: job.id,
    status: job.status,
    progress: jobProgress(job),
    current_step: job.currentStep,
    total_steps: job.totalSteps,
    elapsed_seconds: jobElapsed(job),
    video_url: completed ? `/video/download/${job.id}` : null,
    thumbnail_url: completed ? `/video/thumbnail/${job.id}` : null,
    error: job.error,
  }
}

export function registerVideoRoutes(router: Router, ctx: SidecarContext): void {
  const { state, timings } = ctx

  const submit = (model: string, kind: 't2v' | 'i2v', body: VideoT2vRequestParsed) => {
    const plannedMs =
      timings.videoJobMs ?? typicalVideoSeconds(body.num_inference_steps) * 1000 * timings.timeScale
    const job: VideoJob = {
      id: ctx.newId(8),
      kind,
      model,
      status: 'queued',
      currentStep: 0,
      totalSteps: body.num_inference_steps,
      error: null,
      createdAt: ctx.timestamp(),
      plannedMs,
      prompt: body.prompt,
      resolution: body.resolution,
      aspectRatio: body.aspect_ratio,
      numFrames: body.num_frames,
      fps: body.fps,
      ...videoSize(body.resolution, body.aspect_ratio),
      seed: body.seed >= 0 ? body.seed : ctx.randomSeed(),
    }
    state.videoJobs.set(job.id, job)
    startJob(ctx, job, { label: `video job ${job.id}` })
    return json({
      job_id: job.id,
      status: 'queued',
      estimated_time_seconds: Math.round(plannedMs / 10) / 100,
    })
  }

  /** A completed job, or `undefined` (the document's 404 "Video not found"). */
  const completedJob = (id: string | undefined) => {
    const job = id === undefined ? undefined : state.videoJobs.get(id)
    return job?.status === 'completed' ? job : undefined
  }

  router.add('GET', '/video/models', async () =>
    json({
      models: [
        {
          id: 'hunyuan-video',
          name: 'HunyuanVideo 1.5',
          loaded: state.loadedModel === 'hunyuan-video',
          supports_t2v: true,
          supports_i2v: true,
          estimated_vram_gb: 16.0,
        },
      ],
    }),
  )

  router.add('POST', '/video/t2v/{model}', async (request, { model = '' }) => {
    if (!isModelOf('video', model)) throw modelNotFound(model)
    return submit(model, 't2v', await jsonBody(request, videoT2vRequestSchema))
  })

  router.add('POST', '/video/i2v/{model}', async (request, { model = '' }) => {
    if (!isModelOf('video', model)) throw modelNotFound(model)
    const body = await jsonBody(request, videoI2vRequestSchema)
    imageFromBase64(body.image, 'Invalid image data: expected a base64 PNG or JPEG')
    return submit(model, 'i2v', body)
  })

  router.add('GET', '/video/status/{job_id}', async (_request, { job_id }) => {
    const job = job_id === undefined ? undefined : state.videoJobs.get(job_id)
    if (!job) return detail(404, `Job not found: ${job_id}`)
    return json(statusBody(job))
  })

  router.add('GET', '/video/download/{job_id}', async (_request, { job_id }) => {
    const job = completedJob(job_id)
    if (!job) return detail(404, 'Video not found')
    const options = {
      width: job.width,
      height: job.height,
      durationSeconds: job.numFrames / job.fps,
      fps: job.fps,
      seed: job.seed,
      ...(ctx.videoBytes !== undefined ? { totalBytes: ctx.videoBytes } : {}),
    }
    return media(streamMp4(options), 'video/mp4', {
      length: mp4Size(options),
      filename: `video_${job.id}.mp4`,
    })
  })

  router.add('GET', '/video/thumbnail/{job_id}', async (_request, { job_id }) => {
    const job = completedJob(job_id)
    if (!job) return detail(404, 'Video not found')
    return media(encodeJpeg({ width: job.width, height: job.height, seed: job.seed }), 'image/jpeg')
  })

  router.add('DELETE', '/video/{job_id}', async (_request, { job_id }) => {
    if (job_id === undefined || !state.videoJobs.has(job_id)) return detail(404, 'Video not found')
    state.videoJobs.delete(job_id)
    return json({ status: 'deleted', job_id })
  })

  router.add('GET', '/video/history', async (request) => {
    const { limit, offset } = queryParams(request, videoHistoryQuerySchema)
    const videos = [...state.videoJobs.values()]
      .filter((job) => job.status === 'completed')
      .reverse()
    return json({
      videos: videos.slice(offset, offset + limit).map((job) => ({
        id: job.id,
        prompt: job.prompt,
        model: job.model,
        resolution: job.resolution,
        aspect_ratio: job.aspectRatio,
        num_frames: job.numFrames,
        duration_seconds: durationSeconds(job),
        created_at: job.createdAt,
        thumbnail_url: `/video/thumbnail/${job.id}`,
      })),
      total: videos.length,
    })
  })
}
