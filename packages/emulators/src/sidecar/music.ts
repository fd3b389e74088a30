/**
 * Music jobs (routers/music.py @ 5274762, music/schemas.py and music/ace_step.py @ 14d32362):
 * ACE-Step 1.5 as `ace-step` (8 steps by default) and `ace-step-quality` (50). A job runs as in
 * `./jobs` for `musicJobMs`, or the server's estimate (`steps × 1.5 + 5` s) times `timeScale`.
 *
 * What the server does, and the emulator with it:
 * - `music_progress` starts (step 0) as soon as the job's background task starts, before the
 *   job has the GPU, and finishes when it ends; the server gives ACE-Step no step callback, so
 *   the status keeps `progress` 0 and `current_step` 0 until completion (`musicProgress:
 *   'stepped'` advances both);
 * - the model stores its files under its OWN job id, not the status `job_id`: `audios[]`'
 *   `download_url` is `/music/download/<audio id>/<index>`, and `/music/download/<job_id>/...`
 *   is 404 `Audio not found`;
 * - files are served by suffix (`.wav` `audio/wav`, `.flac` `audio/flac`, `.mp3` `audio/mpeg`),
 *   picked by `audio_index` among the folder's files sorted by name (negative indexes count from
 *   the end, as Python's do);
 * - `DELETE /music/{job_id}` drops the status record and removes `data/music/<job_id>` (which
 *   holds nothing: the files live under the audio id) and answers `deleted` for any id; a job
 *   still running keeps the GPU until it ends, and its files still appear under their audio id.
 *
 * Deviations: WAV and FLAC files are a chord tone (48 kHz stereo, one pitch per variation); MP3
 * files are silent frames (valid MPEG-1 Layer III, no encoder here).
 */
import { encodeFlac, encodeMp3, encodeWav } from '../media'
import type { MusicFile, MusicJob, SidecarContext } from './context'
import { typicalMusicSeconds } from './context'
import { parseRequest } from './fastapi'
import { progressBody, progressFinish, progressStart, progressUpdate } from './gpu'
import { jobElapsed, startJob } from './jobs'
import { loadedModels } from './models'
import { int, PyFloat, required, str } from './pydantic'
import { HttpError, json, media, UncaughtError } from './responses'
import type { Router } from './router'
import { MusicGenerateRequest, type MusicRequestValue } from './schemas'

/** Sample rate of ACE-Step output. */
export const MUSIC_SAMPLE_RATE = 48_000
/** C, E, G, C': one tone per variation. */
const VARIATION_PITCHES = [262, 330, 392, 523]

const CONTENT_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
}

function encodeMusic(file: MusicFile): Uint8Array<ArrayBuffer> {
  if (file.format === 'flac') {
    return encodeFlac({
      durationSeconds: file.durationSeconds,
      sampleRate: file.sampleRate,
      channels: 2,
      frequencyHz: file.frequencyHz,
    })
  }
  if (file.format === 'mp3')
    return encodeMp3({ durationSeconds: file.durationSeconds, channels: 2 })
  return encodeWav({
    durationSeconds: file.durationSeconds,
    sampleRate: file.sampleRate,
    channels: 2,
    frequencyHz: file.frequencyHz,
  })
}

function statusBody(job: MusicJob) {
  return {
    job_id: job.id,
    status: job.status,
    progress: new PyFloat(job.progress),
    current_step: job.currentStep,
    total_steps: job.totalSteps,
    elapsed_seconds: job.status === 'queued' ? null : jobElapsed(job),
    audios:
      job.status === 'completed' && job.audios
        ? job.audios.map((audio) => ({
            index: audio.index,
            seed: audio.seed,
            sample_rate: audio.sampleRate,
            download_url: `/music/download/${audio.audioJobId}/${audio.index}`,
          }))
        : null,
    error: job.error,
  }
}

export function registerMusicRoutes(router: Router, ctx: SidecarContext): void {
  const { state, timings, registry } = ctx

  router.add('GET', '/music/models', async () => {
    const loaded = loadedModels(ctx)
    return json({
      models: registry.models
        .filter((model) => model.types.includes('music'))
        .map((model) => ({
          id: model.id,
          name: model.displayName,
          loaded: loaded.includes(model.id),
          default_steps: model.defaultSteps,
          estimated_vram_gb: new PyFloat(model.estimatedVramGb),
        })),
    })
  })

  router.add('POST', '/music/generate', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: MusicGenerateRequest })
    const req = body as MusicRequestValue
    const model = registry.has('music', req.model) ? registry.get(req.model) : undefined
    if (!model) throw new HttpError(404, `Unknown music model: ${req.model}`)
    const steps = req.inference_steps || model.defaultSteps || 8
    const estimate = typicalMusicSeconds(steps)
    const plannedMs = timings.musicJobMs ?? estimate * 1000 * timings.timeScale
    const job: MusicJob = {
      id: ctx.newId(8),
      model: model.id,
      status: 'queued',
      progress: 0,
      currentStep: 0,
      totalSteps: steps,
      error: null,
      plannedMs,
      caption: req.caption,
      durationSeconds: req.duration,
      audioFormat: req.audio_format,
      batchSize: req.batch_size,
      seed: req.seed,
      audios: null,
    }
    state.musicJobs.set(job.id, job)
    /** Still in the router's `_jobs` (not deleted meanwhile). */
    const tracked = () => state.musicJobs.get(job.id) === job
    startJob(ctx, job, {
      label: `music job ${job.id}`,
      onStart: () => progressStart(state, 'music', steps),
      work: async (runSteps) => {
        await runSteps(steps, (step) => {
          if (ctx.musicProgress === 'held') return
          progressUpdate(state, 'music', step)
          job.currentStep = step
          job.progress = Math.min(step / steps, 0.99)
        })
        // The model writes its files under its own job id before returning.
        const seed = job.seed >= 0 ? job.seed : ctx.randomSeed()
        const audioJobId = ctx.newId(8)
        state.musicFiles.set(
          audioJobId,
          Array.from({ length: job.batchSize }, (_, index) => ({
            name: `output_${index}.${job.audioFormat}`,
            format: job.audioFormat,
            durationSeconds: job.durationSeconds,
            sampleRate: MUSIC_SAMPLE_RATE,
            frequencyHz: VARIATION_PITCHES[index % VARIATION_PITCHES.length]!,
          })),
        )
        job.audios = Array.from({ length: job.batchSize }, (_, index) => ({
          index,
          seed: seed + index,
          sampleRate: MUSIC_SAMPLE_RATE,
          audioJobId,
        }))
      },
      onComplete: () => {
        progressFinish(state, 'music')
        // A deleted job's record is gone: the server's update fails, its files stay.
        if (!tracked()) return
        job.status = 'completed'
        job.progress = 1
        job.currentStep = steps
      },
      onFail: (message) => {
        progressFinish(state, 'music')
        if (!tracked()) return
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
  })

  router.add('GET', '/music/status/{job_id}', async (_request, { job_id = '' }) => {
    const job = state.musicJobs.get(job_id)
    if (!job) throw new HttpError(404, `Job not found: ${job_id}`)
    return json(statusBody(job))
  })

  router.add('GET', '/music/progress', async () => json(progressBody(state, 'music')))

  router.add('GET', '/music/download/{job_id}/{audio_index}', async (request, params) => {
    const { path } = await parseRequest(request, params, {
      path: { job_id: required(str()), audio_index: required(int()) },
    })
    const folder = path.job_id as string
    const index = path.audio_index as number
    const files = state.musicFiles.get(folder)
    if (!files) throw new HttpError(404, 'Audio not found')
    const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    if (index >= sorted.length) throw new HttpError(404, 'Audio file not found')
    const file = sorted.at(index)
    if (!file) throw new UncaughtError('list index out of range')
    const suffix = file.name.slice(file.name.lastIndexOf('.'))
    return media(encodeMusic(file), CONTENT_TYPES[file.format] ?? 'audio/wav', {
      filename: `music_${folder}_${index}${suffix}`,
    })
  })

  router.add('DELETE', '/music/{job_id}', async (_request, { job_id = '' }) => {
    // `rmtree(data/music/<job_id>)`: only a folder of that name goes, not the job's audio.
    state.musicFiles.delete(job_id)
    state.musicJobs.delete(job_id)
    return json({ status: 'deleted', job_id })
  })
}
