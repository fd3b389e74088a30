import * as z from 'zod/mini'
import {
  deletedJobResponseSchema,
  intIn,
  jobCreatedResponseSchema,
  jobStatusFields,
  modelId,
  numberIn,
  seed,
  text,
} from './common'
import { progressResponseSchema } from './health'

/** ACE-Step 1.5 model ids, the `model` field of `POST /music/generate`. */
export const MUSIC_MODELS = ['ace-step-turbo', 'ace-step-sft'] as const
export type MusicModelId = (typeof MUSIC_MODELS)[number]

/** Diffusion steps each model uses when `inference_steps` is null. */
export const MUSIC_MODEL_DEFAULTS = {
  'ace-step-turbo': { inference_steps: 8 },
  'ace-step-sft': { inference_steps: 50 },
} as const satisfies Record<MusicModelId, { inference_steps: number }>

/** `audio_format` values of `POST /music/generate`. */
export const MUSIC_AUDIO_FORMATS = ['wav', 'flac', 'mp3'] as const
export type MusicAudioFormat = (typeof MUSIC_AUDIO_FORMATS)[number]
/** Content-Type of `GET /music/download/{job_id}/{audio_index}` per `audio_format`. */
export const MUSIC_AUDIO_CONTENT_TYPES = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
} as const satisfies Record<MusicAudioFormat, string>

/** `timesignature` values: beats per bar (2, 3, 4 or 6), or `""` for automatic. */
export const MUSIC_TIME_SIGNATURES = ['', '2', '3', '4', '6'] as const
export type MusicTimeSignature = (typeof MUSIC_TIME_SIGNATURES)[number]

/** Ranges of `POST /music/generate`. */
export const MUSIC_LIMITS = {
  caption: { min: 1, max: 512 },
  lyrics: { min: 0, max: 4096 },
  bpm: { min: 30, max: 300 },
  /** Seconds. */
  duration: { min: 10, max: 240 },
  inferenceSteps: { min: 1, max: 100 },
  guidanceScale: { min: 0, max: 200 },
  lmTemperature: { min: 0, max: 2 },
  lmCfgScale: { min: 0, max: 10 },
  /** Variations per job; `{audio_index}` of the download URL is 0-based below this. */
  batchSize: { min: 1, max: 4 },
} as const

/** Defaults of `POST /music/generate`. */
export const MUSIC_DEFAULTS = {
  lyrics: '',
  instrumental: false,
  keyscale: '',
  timesignature: '',
  duration: 30,
  vocal_language: 'unknown',
  guidance_scale: 7,
  seed: -1,
  thinking: true,
  lm_temperature: 0.85,
  lm_cfg_scale: 2,
  audio_format: 'wav',
  batch_size: 1,
  model: 'ace-step-turbo',
} as const

const L = MUSIC_LIMITS

/** Request body of `POST /music/generate`. */
export const musicGenerateRequestSchema = z.strictObject({
  /** Description and tags (genre, instruments, mood), 1-512 characters. */
  caption: text(L.caption.max),
  /** Lyrics with section tags (`[Verse]`, `[Chorus]`, ...), 0-4096 characters, default `""`. */
  lyrics: z._default(
    z.string().check(z.maxLength(L.lyrics.max, `must be at most ${L.lyrics.max} characters`)),
    MUSIC_DEFAULTS.lyrics,
  ),
  /** Force an instrumental (no vocals); default false. */
  instrumental: z._default(z.boolean(), MUSIC_DEFAULTS.instrumental),
  /** Tempo, 30-300 BPM; `null`/omitted: automatic. */
  bpm: z.optional(z.nullable(intIn(L.bpm.min, L.bpm.max))),
  /** Musical key, e.g. "C Major", "Am"; `""` (default): automatic. */
  keyscale: z._default(z.string(), MUSIC_DEFAULTS.keyscale),
  /** Beats per bar: `2`, `3`, `4` or `6`; `""` (default): automatic. */
  timesignature: z._default(
    z.enum(MUSIC_TIME_SIGNATURES, 'must be "", "2", "3", "4" or "6"'),
    MUSIC_DEFAULTS.timesignature,
  ),
  /** Seconds, 10-240, default 30. */
  duration: z._default(numberIn(L.duration.min, L.duration.max), MUSIC_DEFAULTS.duration),
  /** Vocal language code (en, zh, ja, ko, es, fr, ...); default `unknown`. */
  vocal_language: z._default(text(), MUSIC_DEFAULTS.vocal_language),
  /** Diffusion steps, 1-100; `null`/omitted: the model default (8 turbo, 50 SFT). */
  inference_steps: z.optional(z.nullable(intIn(L.inferenceSteps.min, L.inferenceSteps.max))),
  /** Classifier-free guidance, 0-200, default 7.0. */
  guidance_scale: z._default(
    numberIn(L.guidanceScale.min, L.guidanceScale.max),
    MUSIC_DEFAULTS.guidance_scale,
  ),
  /** `-1` (default) for random, otherwise >= 0. */
  seed: z._default(seed(), MUSIC_DEFAULTS.seed),
  /** LM chain-of-thought planning; default true. */
  thinking: z._default(z.boolean(), MUSIC_DEFAULTS.thinking),
  /** LM sampling temperature, 0.0-2.0, default 0.85. */
  lm_temperature: z._default(
    numberIn(L.lmTemperature.min, L.lmTemperature.max),
    MUSIC_DEFAULTS.lm_temperature,
  ),
  /** LM classifier-free guidance, 0.0-10.0, default 2.0. */
  lm_cfg_scale: z._default(
    numberIn(L.lmCfgScale.min, L.lmCfgScale.max),
    MUSIC_DEFAULTS.lm_cfg_scale,
  ),
  /** `wav` (default), `flac` or `mp3`. */
  audio_format: z._default(
    z.enum(MUSIC_AUDIO_FORMATS, 'must be wav, flac or mp3'),
    MUSIC_DEFAULTS.audio_format,
  ),
  /** Variations to generate, 1-4, default 1. */
  batch_size: z._default(intIn(L.batchSize.min, L.batchSize.max), MUSIC_DEFAULTS.batch_size),
  /** Model id, default `ace-step-turbo` (see `MUSIC_MODELS`). */
  model: z._default(modelId(), MUSIC_DEFAULTS.model),
})
export type MusicGenerateRequest = z.input<typeof musicGenerateRequestSchema>
export type MusicGenerateRequestParsed = z.output<typeof musicGenerateRequestSchema>

/** One model of `GET /music/models`. */
export const musicModelInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  loaded: z.boolean(),
  /** Steps used when `inference_steps` is null. */
  default_steps: z.optional(z.number()),
  /** Approximate VRAM needed, in GB. */
  estimated_vram_gb: z.optional(z.number()),
})
export type MusicModelInfo = z.infer<typeof musicModelInfoSchema>

/** Body of `GET /music/models`. */
export const musicModelsResponseSchema = z.looseObject({
  models: z.array(musicModelInfoSchema),
})
export type MusicModelsResponse = z.infer<typeof musicModelsResponseSchema>

/** Body of `POST /music/generate`: the queued job. */
export const musicJobResponseSchema = jobCreatedResponseSchema
export type MusicJobResponse = z.infer<typeof musicJobResponseSchema>

/** One generated variation of a completed music job. */
export const musicAudioSchema = z.looseObject({
  /** 0-based variation index, the `{audio_index}` of the download URL. */
  index: z.number(),
  /** Seed this variation used. */
  seed: z.optional(z.nullable(z.number())),
  /** Hz, e.g. 48000. */
  sample_rate: z.optional(z.number()),
  /** Relative URL, e.g. `/music/download/{job_id}/0`. */
  download_url: z.string(),
})
export type MusicAudio = z.infer<typeof musicAudioSchema>

/** Body of `GET /music/status/{job_id}`. */
export const musicStatusResponseSchema = z.looseObject({
  ...jobStatusFields,
  /** The variations once completed, otherwise `null`. */
  audios: z.optional(z.nullable(z.array(musicAudioSchema))),
})
export type MusicStatusResponse = z.infer<typeof musicStatusResponseSchema>

/** Body of `GET /music/progress` (`active: false` when idle). */
export const musicProgressResponseSchema = progressResponseSchema
export type MusicProgressResponse = z.infer<typeof musicProgressResponseSchema>

/** Body of `DELETE /music/{job_id}`. */
export const musicDeleteResponseSchema = deletedJobResponseSchema
export type MusicDeleteResponse = z.infer<typeof musicDeleteResponseSchema>
