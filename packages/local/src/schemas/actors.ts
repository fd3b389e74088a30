import * as z from 'zod/mini'
import {
  lenientNumber,
  lenientText,
  lenientTimestamp,
  text,
  tolerantList,
  upload,
  uploads,
} from './common'
import { TTS_DEFAULTS, ttsLanguageSchema } from './tts'

/**
 * The YouTube URL forms `POST /actors/from-youtube` documents (`youtube.com/watch?v=`,
 * `youtu.be/`, `youtube.com/shorts/`), over http(s), with or without `www.`/`m.`.
 */
export const YOUTUBE_URL_PATTERN =
  /^https?:\/\/(?:(?:www|m)\.)?(?:youtube\.com\/(?:watch\?(?:[^#\s]*&)?v=|shorts\/)|youtu\.be\/)[\w-]+/

/** Defaults of `POST /actors/from-youtube`. */
export const ACTOR_FROM_YOUTUBE_DEFAULTS = {
  language: TTS_DEFAULTS.language,
  description: '',
  /** Seconds of audio kept. */
  max_duration: 30,
  separate_vocals: true,
} as const

/*
 * Actor answers are strict only on what names an actor or a file (`id`, and an actor's `name`,
 * the `{name}` of its URLs and the voice a speech request asks for). Other fields may be missing,
 * `null` or of another type (read as absent), counts may come as numeric text, and timestamps in
 * any form are read as ISO strings in UTC. A list entry without its id is skipped.
 */

/**
 * An XTTS actor (named voice with reference audio): body of `GET /actors/{name}`,
 * `POST /actors` and `POST /actors/from-youtube`, and an item of `GET /actors`.
 */
export const actorSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    id: z.string(),
    /** Unique display name; also the `{name}` of the actor's URLs. */
    name: z.string(),
    language: lenientText(),
    description: z.nullable(lenientText()),
    /** Number of stored reference audio files. */
    audio_count: lenientNumber(),
    /** When it was created, as an ISO 8601 string in UTC (sent in any form). */
    created_at: lenientTimestamp(),
    /** When it was last changed, as an ISO 8601 string in UTC (sent in any form). */
    updated_at: lenientTimestamp(),
  }))()
export type Actor = z.infer<typeof actorSchema>

/** Body of `GET /actors`. */
export const actorsListResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    actors: tolerantList(actorSchema),
    /** How many actors there are; absent when not a number. */
    total: lenientNumber(),
  }))()
export type ActorsListResponse = z.infer<typeof actorsListResponseSchema>

/** Multipart fields of `POST /actors` (create an actor from uploaded audio). */
export const actorCreateFormSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Unique display name (409 if taken). */
    name: text(),
    /** Primary language, default `en`. */
    language: z._default(ttsLanguageSchema, TTS_DEFAULTS.language),
    description: z.optional(z.string()),
    /** Reference audio (WAV, MP3, FLAC, OGG); 6+ seconds of clean speech recommended. */
    audio_files: uploads(),
  }))()
export type ActorCreateForm = z.input<typeof actorCreateFormSchema>
export type ActorCreateFormParsed = z.output<typeof actorCreateFormSchema>

/** Request body of `POST /actors/from-youtube`. */
export const actorFromYoutubeRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Unique display name (409 if taken). */
    name: text(),
    /** A `youtube.com/watch?v=`, `youtu.be/` or `youtube.com/shorts/` URL. */
    youtube_url: z
      .string()
      .check(z.regex(YOUTUBE_URL_PATTERN, 'must be a youtube.com/watch, youtu.be or shorts URL')),
    /** Primary language, default `en`. */
    language: z._default(ttsLanguageSchema, ACTOR_FROM_YOUTUBE_DEFAULTS.language),
    /** Default `""`. */
    description: z._default(z.string(), ACTOR_FROM_YOUTUBE_DEFAULTS.description),
    /** Maximum seconds of extracted audio, > 0, default 30.0. */
    max_duration: z._default(
      z.number('must be a number').check(z.gt(0, 'must be > 0')),
      ACTOR_FROM_YOUTUBE_DEFAULTS.max_duration,
    ),
    /** Remove background music with Demucs; default true. */
    separate_vocals: z._default(z.boolean(), ACTOR_FROM_YOUTUBE_DEFAULTS.separate_vocals),
  }))()
export type ActorFromYoutubeRequest = z.input<typeof actorFromYoutubeRequestSchema>
export type ActorFromYoutubeRequestParsed = z.output<typeof actorFromYoutubeRequestSchema>

/** Multipart fields of `POST /actors/{name}/audio` (add one reference file). */
export const actorAudioAddFormSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    audio_file: upload(),
  }))()
export type ActorAudioAddForm = z.infer<typeof actorAudioAddFormSchema>

/**
 * A stored reference audio file: body of `POST /actors/{name}/audio` and an item of
 * `GET /actors/{name}/audio`.
 */
export const actorAudioFileSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The `{file_id}` of the download and delete URLs. */
    id: z.string(),
    /** Stored file name, e.g. `reference_01.wav` (the file is fetched by `id`). */
    filename: lenientText(),
    /** Name of the uploaded file. */
    original_name: z.nullable(lenientText()),
    /** Length in seconds (a number or numeric text). */
    duration_seconds: z.nullable(lenientNumber()),
    /** When it was stored, as an ISO 8601 string in UTC (sent in any form). */
    created_at: lenientTimestamp(),
  }))()
export type ActorAudioFile = z.infer<typeof actorAudioFileSchema>

/** Body of `GET /actors/{name}/audio`: a bare array (an entry without its id is skipped). */
export const actorAudioFilesResponseSchema = /* @__PURE__ */ (() =>
  tolerantList(actorAudioFileSchema))()
export type ActorAudioFilesResponse = z.infer<typeof actorAudioFilesResponseSchema>
