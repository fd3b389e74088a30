/**
 * Music jobs (ACE-Step 1.5). A job runs as described in `./jobs`, for `musicJobMs` or the
 * sidecar's own estimate ((steps × 1.5 + 5) s) times `timeScale`, while `/music/progress`
 * reports its steps. A completed job lists `batch_size` variations, each downloadable as
 * `duration` seconds of 48 kHz stereo audio (a different chord tone per variation).
 *
 * Deviation from a real sidecar: downloads are always WAV, sent honestly as `audio/wav`, even
 * when `audio_format` asked for FLAC or MP3 (the emulator has no FLAC or MP3 encoder).
 * `DELETE /music/{job_id}` answers `deleted` even for unknown ids, as the real sidecar does.
 */
import { MUSIC_MODEL_DEFAULTS, type MusicModelId, musicGenerateRequestSchema } from '@atelier/local'
import { encodeWav } from '../media'
import { type MusicJob, type SidecarContext, typicalMusicSeconds } from './context'
import { progressBody } from './gpu'
import { jobElapsed, jobProgress, startJob } from './jobs'
import { isModelOf } from './models'
import { detail, json, media, modelNotFound } from './responses'
import type { Router } from './router'
import { intParam, jsonBody } from './validation'

/** Sample rate of ACE-Step output. */
export const MUSIC_SAMPLE_RATE = 48_000
/** C, E, G, C': one tone per variation. */
const VARIATION_PITCHES = [262, 330, 392, 523]

const MUSIC_MODEL_NAMES: Record<MusicModelId, string> = {
  'ace-step-turbo': 'ACE-Step 1.5 Turbo',
  'ace-step-sft': 'ACE-Step 1.5 SFT (Quality)',
}

const audioList = (job: MusicJob) =>
  job.audios?.map((audio) => ({
    index: audio.index,
    seed: audio.seed,
    sample_rate: audio.sampleRate,
    download_url: `/music/download/${job.id}/${audio.index}`,
  })) ?? null

export function registerMusicRoutes(router: Router, ctx: SidecarContext): void {
  const { state, timings } = ctx

  router.add('GET', '/music/models', async () =>
    json({
      models: (Object.keys(MUSIC_MODEL_NAMES) as MusicModelId[]).map((id) => ({
        id,
        name: MUSIC_MODEL_NAMES[id],
        loaded: state.loadedModel === id,
        default_steps: MUSIC_MODEL_DEFAULTS[id].inference_steps,
        estimated_vram_gb: 8.0,
      })),
    }),
  )

  router.add('POST', '/music/generate', async (request) => {
    const body = await jsonBody(request, musicGenerateRequestSchema)
    if (!isModelOf('music', body.model)) throw modelNotFound(body.model)
    const steps =
      body.inference_steps ?? MUSIC_MODEL_DEFAULTS[body.model as MusicModelId].inference_steps
    const plannedMs = timings.musicJobMs ?? typicalMusicSeconds(steps) * 1000 * timings.timeScale
    const job: MusicJob = {
      id: ctx.newId(8),
      model: body.model,
      status: 'queued',
      currentStep: 0,
      totalSteps: steps,
      error: null,
      createdAt: ctx.timestamp(),
      plannedMs,
      caption: body.caption,
      durationSeconds: body.duration,
      audioFormat: body.audio_format,
      batchSize: body.batch_size,
      seed: body.seed,
      audios: null,
    }
    state.musicJobs.set(job.id, job)
    startJob(ctx, job, {
      label: `music job ${job.id}`,
      channel: 'music',
      complete: () => {
        job.audios = Array.from({ length: job.batchSize }, (_, index) => ({
          index,
          seed: job.seed >= 0 ? job.seed + index : ctx.randomSeed(),
          sampleRate: MUSIC_SAMPLE_RATE,
        }))
      },
    })
    return json({
      job_id: job.id,
      status: 'queued',
      estimated_time_seconds: Math.round(plannedMs / 10) / 100,
    })
  })

  router.add('GET', '/music/status/{job_id}', async (_request, { job_id }) => {
    const job = job_id === undefined ? undefined : state.musicJobs.get(job_id)
    if (!job) return detail(404, `Job not found: ${job_id}`)
    return json({
      job_id: job.id,
      status: job.status,
      progress: jobProgress(job),
      current_step: job.currentStep,
      total_steps: job.totalSteps,
      elapsed_seconds: jobElapsed(job),
      audios: job.status === 'completed' ? audioList(job) : null,
      error: job.error,
    })
  })

  router.add('GET', '/music/progress', async () => json(progressBody(state, 'music')))

  router.add('GET', '/music/download/{job_id}/{audio_index}', async (_request, params) => {
    const index = intParam(params, 'audio_index')
    const job = params.job_id === undefined ? undefined : state.musicJobs.get(params.job_id)
    if (job?.status !== 'completed' || !job.audios) return detail(404, 'Audio not found')
    const audio = job.audios[index]
    if (!audio) return detail(404, 'Audio file not found')
    const wav = encodeWav({
      durationSeconds: job.durationSeconds,
      sampleRate: audio.sampleRate,
      channels: 2,
      frequencyHz: VARIATION_PITCHES[index % VARIATION_PITCHES.length],
    })
    return media(wav, 'audio/wav', { filename: `music_${job.id}_${index}.wav` })
  })

  router.add('DELETE', '/music/{job_id}', async (_request, { job_id = '' }) => {
    state.musicJobs.delete(job_id)
    return json({ status: 'deleted', job_id })
  })
}
