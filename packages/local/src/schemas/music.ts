import * as z from 'zod/mini'
import {
  deletedJobResponseSchema,
  intIn,
  jobCreatedResponseSchema,
  jobStatusFields,
  lenientFlag,
  lenientNumber,
  lenientText,
  modelId,
  numberIn,
  seed,
  text,
  tolerantList,
} from './common'
import { progressResponseSchema } from './health'

/**
 * ACE-Step 1.5 model ids, the `model` field of `POST /music/generate`: the current server's
 * `MusicModelVariant` enum (`ace-step` 8 steps, the default; `ace-step-quality` 50 steps). The
 * API document of Feb 2026 named them `ace-step-turbo` and `ace-step-sft`, which the server
 * refuses with 422.
 */
export const MUSIC_MODELS = ['ace-step', 'ace-step-quality'] as const
export type MusicModelId = (typeof MUSIC_MODELS)[number]

/** Diffusion steps each model uses when `inference_steps` is null (server: `default_steps`). */
export const MUSIC_MODEL_DEFAULTS = {
  'ace-step': { inference_steps: 8 },
  'ace-step-quality': { inference_steps: 50 },
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

/**
 * Usual `timesignature` values: beats per bar (2, 3, 4 or 6), or `""` for automatic. The server
 * takes any string of at most 5 characters, so these are hints, not a closed list.
 */
export const MUSIC_TIME_SIGNATURES = ['', '2', '3', '4', '6'] as const
export type MusicTimeSignature = (typeof MUSIC_TIME_SIGNATURES)[number]

/** Ranges of `POST /music/generate`, as the current server's `MusicGenerateRequest` checks them. */
export const MUSIC_LIMITS = {
  caption: { min: 1, max: 512 },
  lyrics: { min: 0, max: 4096 },
  bpm: { min: 30, max: 300 },
  keyscale: { max: 20 },
  timesignature: { max: 5 },
  /** Seconds. */
  duration: { min: 10, max: 600 },
  inferenceSteps: { min: 1, max: 100 },
  guidanceScale: { min: 0, max: 50 },
  lmTemperature: { min: 0, max: 2 },
  lmCfgScale: { min: 0, max: 10 },
  /** Variations per job; `{audio_index}` of the download URL is 0-based below this. */
  batchSize: { min: 1, max: 4 },
} as const

/**
 * The server's defaults of `POST /music/generate`, for reference: the client sends only the
 * fields a caller set, so the server applies these itself.
 */
export const MUSIC_DEFAULTS = {
  lyrics: '',
  instrumental: false,
  keyscale: '',
  timesignature: '',
  duration: 30,
  guidance_scale: 7,
  seed: -1,
  audio_format: 'wav',
  batch_size: 1,
  model: 'ace-step',
} as const

const L = MUSIC_LIMITS
const maxText = (max: number) =>
  z.string('must be a string').check(z.maxLength(max, `must be at most ${max} characters`))

/**
 * Request body of `POST /music/generate`. Nothing is filled in: omitted fields take the server's
 * defaults (`MUSIC_DEFAULTS`).
 */
export const musicGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Description and tags (genre, instruments, mood), 1-512 characters. */
    caption: text(L.caption.max),
    /** Lyrics with section tags (`[Verse]`, `[Chorus]`, ...), 0-4096 characters; server default `""`. */
    lyrics: z.optional(maxText(L.lyrics.max)),
    /** Force an instrumental (no vocals); server default false. */
    instrumental: z.optional(z.boolean()),
    /** Tempo, 30-300 BPM; `null`/omitted: automatic. */
    bpm: z.optional(z.nullable(intIn(L.bpm.min, L.bpm.max))),
    /** Musical key, e.g. "C Major", "Am", at most 20 characters; `""`/omitted: automatic. */
    keyscale: z.optional(maxText(L.keyscale.max)),
    /**
     * Time signature, at most 5 characters: usually beats per bar (`"2"`, `"3"`, `"4"`, `"6"`);
     * `""`/omitted: automatic.
     */
    timesignature: z.optional(maxText(L.timesignature.max)),
    /** Seconds, 10-600; server default 30. */
    duration: z.optional(numberIn(L.duration.min, L.duration.max)),
    /**
     * Vocal language code (en, zh, ...). In the API document of Feb 2026; the current server's
     * request model has no such field and ignores it.
     */
    vocal_language: z.optional(text()),
    /** Diffusion steps, 1-100; `null`/omitted: the model default (8 `ace-step`, 50 `ace-step-quality`). */
    inference_steps: z.optional(z.nullable(intIn(L.inferenceSteps.min, L.inferenceSteps.max))),
    /** Classifier-free guidance, 0-50; server default 7.0. */
    guidance_scale: z.optional(numberIn(L.guidanceScale.min, L.guidanceScale.max)),
    /** `-1` (server default) for random, otherwise >= 0. */
    seed: z.optional(seed()),
    /** LM planning. In the API document of Feb 2026; ignored by the current server. */
    thinking: z.optional(z.boolean()),
    /** LM sampling temperature, 0.0-2.0. In the Feb 2026 document; ignored by the current server. */
    lm_temperature: z.optional(numberIn(L.lmTemperature.min, L.lmTemperature.max)),
    /** LM guidance, 0.0-10.0. In the Feb 2026 document; ignored by the current server. */
    lm_cfg_scale: z.optional(numberIn(L.lmCfgScale.min, L.lmCfgScale.max)),
    /** `wav` (server default), `flac` or `mp3`. */
    audio_format: z.optional(z.enum(MUSIC_AUDIO_FORMATS, 'must be wav, flac or mp3')),
    /** Variations to generate, 1-4; server default 1. */
    batch_size: z.optional(intIn(L.batchSize.min, L.batchSize.max)),
    /**
     * Model id (`MUSIC_MODELS`); server default `ace-step`. Any non-empty id is sent, so a newer
     * server's variants work; the server refuses ids it does not have (422).
     */
    model: z.optional(modelId()),
  }))()
export type MusicGenerateRequest = z.input<typeof musicGenerateRequestSchema>
export type MusicGenerateRequestParsed = z.output<typeof musicGenerateRequestSchema>

/** One model of `GET /music/models`. */
export const musicModelInfoSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The `model` to send. */
    id: z.string(),
    name: lenientText(),
    /** Whether it is in VRAM now. */
    loaded: lenientFlag(),
    /** Steps used when `inference_steps` is null (a number or numeric text). */
    default_steps: lenientNumber(),
    /** Approximate VRAM needed, in GB. */
    estimated_vram_gb: lenientNumber(),
  }))()
export type MusicModelInfo = z.infer<typeof musicModelInfoSchema>

/** Body of `GET /music/models`. */
export const musicModelsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The models (an entry without an id is skipped). */
    models: tolerantList(musicModelInfoSchema),
  }))()
export type MusicModelsResponse = z.infer<typeof musicModelsResponseSchema>

/** Body of `POST /music/generate`: the queued job. */
export const musicJobResponseSchema = jobCreatedResponseSchema
export type MusicJobResponse = z.infer<typeof musicJobResponseSchema>

/** One generated variation of a completed music job. */
export const musicAudioSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** 0-based variation index, the `{audio_index}` of the download URL. */
    index: lenientNumber(),
    /** Seed this variation used. */
    seed: z.nullable(lenientNumber()),
    /** Hz, e.g. 48000. */
    sample_rate: lenientNumber(),
    /**
     * Where the file is, relative to the API: `/music/download/{id}/{index}`. The id in it is the
     * one the server stored the files under, which need not be the status `job_id`: always fetch
     * this URL rather than building one.
     */
    download_url: z.string(),
  }))()
export type MusicAudio = z.infer<typeof musicAudioSchema>

/** Body of `GET /music/status/{job_id}`. */
export const musicStatusResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...jobStatusFields,
    /** The variations once completed, otherwise `null`. */
    audios: z.optional(z.nullable(z.array(musicAudioSchema))),
  }))()
export type MusicStatusResponse = z.infer<typeof musicStatusResponseSchema>

/** Body of `GET /music/progress` (`active: false` when idle). */
export const musicProgressResponseSchema = progressResponseSchema
export type MusicProgressResponse = z.infer<typeof musicProgressResponseSchema>

/** Body of `DELETE /music/{job_id}`. */
export const musicDeleteResponseSchema = deletedJobResponseSchema
export type MusicDeleteResponse = z.infer<typeof musicDeleteResponseSchema>
