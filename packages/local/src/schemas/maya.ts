import * as z from 'zod/mini'
import {
  lenientNumber,
  lenientText,
  lenientTimestamp,
  numberIn,
  text,
  tolerantList,
} from './common'

/** Inline emotion tags Maya understands, as listed by `GET /tts/maya/emotion-tags`. */
export const MAYA_EMOTION_TAGS = [
  '<laugh>',
  '<laugh_harder>',
  '<sigh>',
  '<chuckle>',
  '<gasp>',
  '<angry>',
  '<excited>',
  '<whisper>',
  '<cry>',
  '<scream>',
  '<sing>',
  '<snort>',
  '<exhale>',
  '<gulp>',
  '<giggle>',
  '<sarcastic>',
  '<curious>',
] as const
export type MayaEmotionTag = (typeof MAYA_EMOTION_TAGS)[number]

/** Ranges of the Maya endpoints. Maya speaks English only. */
export const MAYA_LIMITS = {
  text: { min: 1, max: 10_000 },
  voiceDescription: { min: 1, max: 500 },
  temperature: { min: 0, max: 1 },
  speed: { min: 0.5, max: 2 },
} as const
/** Defaults of `POST /tts/maya/generate` and `/tts/maya/stream`. */
export const MAYA_DEFAULTS = { temperature: 0.7, speed: 1 } as const

const voiceDescription = () => text(MAYA_LIMITS.voiceDescription.max)

/** Request body of `POST /tts/maya/generate` and `POST /tts/maya/stream`. */
export const mayaGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** English text, 1-10000 characters; may contain emotion tags such as `<laugh>`. */
    text: text(MAYA_LIMITS.text.max),
    /** Natural-language description of the voice, 1-500 characters. */
    voice_description: voiceDescription(),
    /** Sampling temperature, 0.0-1.0; server default 0.7. */
    temperature: z.optional(numberIn(MAYA_LIMITS.temperature.min, MAYA_LIMITS.temperature.max)),
    /** Playback speed, 0.5-2.0; server default 1.0. */
    speed: z.optional(numberIn(MAYA_LIMITS.speed.min, MAYA_LIMITS.speed.max)),
  }))()
export type MayaGenerateRequest = z.input<typeof mayaGenerateRequestSchema>
export type MayaGenerateRequestParsed = z.output<typeof mayaGenerateRequestSchema>

/** Request body of `POST /tts/maya/stream`: the same as `POST /tts/maya/generate`. */
export const mayaStreamRequestSchema = mayaGenerateRequestSchema
export type MayaStreamRequest = MayaGenerateRequest

/** Body of `GET /tts/maya/emotion-tags`. */
export const mayaEmotionTagsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Tags including their angle brackets, e.g. `<laugh>` (an entry that is not text is skipped). */
    tags: tolerantList(z.string()),
    /** Usage hint. */
    usage: lenientText(),
  }))()
export type MayaEmotionTagsResponse = z.infer<typeof mayaEmotionTagsResponseSchema>

/**
 * A Maya actor (saved voice description): body of `POST /tts/maya/actors`,
 * `GET|PUT /tts/maya/actors/{actor_id}`, and an item of `GET /tts/maya/actors`. Strict on its
 * `id` and on `voice_description` (what speaking as the actor sends); the rest may be missing or
 * `null`, and timestamps in any form are read as ISO strings in UTC.
 */
export const mayaActorSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The `{actor_id}` of the actor's URLs. */
    id: z.string(),
    name: lenientText(),
    /** The voice: sent as `voice_description` when speaking as this actor. */
    voice_description: z.string(),
    /** When it was created, as an ISO 8601 string in UTC (sent in any form). */
    created_at: lenientTimestamp(),
    /** When it was last changed, as an ISO 8601 string in UTC (sent in any form). */
    updated_at: lenientTimestamp(),
  }))()
export type MayaActor = z.infer<typeof mayaActorSchema>

/** Body of `GET /tts/maya/actors` (an entry without its id or voice is skipped). */
export const mayaActorsListResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    actors: tolerantList(mayaActorSchema),
    total: lenientNumber(),
  }))()
export type MayaActorsListResponse = z.infer<typeof mayaActorsListResponseSchema>

/** Multipart fields of `POST /tts/maya/actors`. */
export const mayaActorCreateFormSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Unique name (a duplicate is a 400). */
    name: text(),
    /** 1-500 characters, as for `/tts/maya/generate`. */
    voice_description: voiceDescription(),
  }))()
export type MayaActorCreateForm = z.infer<typeof mayaActorCreateFormSchema>

/** Multipart fields of `PUT /tts/maya/actors/{actor_id}`; omitted fields stay unchanged. */
export const mayaActorUpdateFormSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: z.optional(text()),
    /** 1-500 characters. */
    voice_description: z.optional(voiceDescription()),
  }))()
export type MayaActorUpdateForm = z.infer<typeof mayaActorUpdateFormSchema>
