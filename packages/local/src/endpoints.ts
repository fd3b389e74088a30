import type * as schemas from './schemas'

/** Name of a schema (or per-model schema map) exported by `./schemas`. */
export type SchemaName = Extract<keyof typeof schemas, `${string}Schema` | `${string}Schemas`>

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** Section of the API document an endpoint belongs to. */
export type EndpointArea =
  | 'health'
  | 'image'
  | 'tts'
  | 'actors'
  | 'maya'
  | 'video'
  | 'vision'
  | 'llm'
  | 'music'

/**
 * What a successful response carries: a JSON body, raw bytes of a media type, a chunked WAV
 * stream, server-sent events, or nothing (204).
 */
export type EndpointResponse =
  | 'json'
  | 'png'
  | 'jpeg'
  | 'wav'
  | 'audio'
  | 'audio-stream'
  | 'mp4'
  | 'sse'
  | 'empty'

/** Content-Type of each response kind (`audio` is `audio/wav`, `audio/flac` or `audio/mpeg`). */
export const RESPONSE_CONTENT_TYPES = {
  json: 'application/json',
  png: 'image/png',
  jpeg: 'image/jpeg',
  wav: 'audio/wav',
  audio: 'audio/*',
  'audio-stream': 'audio/wav',
  mp4: 'video/mp4',
  sse: 'text/event-stream',
  empty: null,
} as const satisfies Record<EndpointResponse, string | null>

export interface EndpointSpec {
  method: HttpMethod
  /** Path with `{param}` placeholders, as in the API document. */
  path: string
  area: EndpointArea
  summary: string
  /**
   * The body: a JSON request schema name, `multipart` (fields in `form`) or `none`. A name ending
   * in `Schemas` is a per-model map keyed by the `{model}` path parameter.
   */
  request: SchemaName | 'multipart' | 'none'
  /** Schema of the multipart form fields, when `request` is `multipart`. */
  form?: SchemaName
  /** Schema of the query string. */
  query?: SchemaName
  response: EndpointResponse
  /** Schema of the JSON body, or of each event's JSON payload for `sse`. */
  responseSchema?: SchemaName
  /** Success status code. */
  status: 200 | 201 | 204
}

/** Every endpoint of the Silly Media API, in the order of its API document. */
export const ENDPOINTS = [
  // Health & status
  {
    method: 'GET',
    path: '/health',
    area: 'health',
    summary: 'API and model status',
    request: 'none',
    response: 'json',
    responseSchema: 'healthResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/models',
    area: 'health',
    summary: 'Available and loaded models by type',
    request: 'none',
    response: 'json',
    responseSchema: 'modelsResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/progress',
    area: 'health',
    summary: 'Image generation progress',
    request: 'none',
    response: 'json',
    responseSchema: 'progressResponseSchema',
    status: 200,
  },
  // Image generation
  {
    method: 'GET',
    path: '/aspect-ratios',
    area: 'image',
    summary: 'Aspect ratio presets with dimensions at 1024',
    request: 'none',
    response: 'json',
    responseSchema: 'aspectRatiosResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/generate/{model}',
    area: 'image',
    summary: 'Generate an image with a model',
    request: 'imageGenerateRequestSchemas',
    response: 'png',
    status: 200,
  },
  {
    method: 'GET',
    path: '/pixelart/progress',
    area: 'image',
    summary: 'Pixel art generation progress',
    request: 'none',
    response: 'json',
    responseSchema: 'progressResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/pixelart/generate',
    area: 'image',
    summary: 'Generate a pixel art icon, sprite or tile',
    request: 'pixelArtGenerateRequestSchema',
    response: 'png',
    status: 200,
  },
  {
    method: 'GET',
    path: '/img2img/models',
    area: 'image',
    summary: 'Available img2img models',
    request: 'none',
    response: 'json',
    responseSchema: 'img2imgModelsResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/img2img/progress',
    area: 'image',
    summary: 'Img2img edit progress',
    request: 'none',
    response: 'json',
    responseSchema: 'progressResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/img2img/edit/{model}',
    area: 'image',
    summary: 'Edit a base64 image with a prompt',
    request: 'img2imgEditRequestSchema',
    response: 'png',
    status: 200,
  },
  {
    method: 'POST',
    path: '/img2img/edit/{model}/upload',
    area: 'image',
    summary: 'Edit an uploaded image with a prompt',
    request: 'multipart',
    form: 'img2imgEditUploadFormSchema',
    response: 'png',
    status: 200,
  },
  // Text-to-speech (XTTS)
  {
    method: 'GET',
    path: '/tts/languages',
    area: 'tts',
    summary: 'Supported TTS languages',
    request: 'none',
    response: 'json',
    responseSchema: 'ttsLanguagesResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/tts/generate',
    area: 'tts',
    summary: "Speech in a stored actor's voice",
    request: 'ttsGenerateRequestSchema',
    response: 'wav',
    status: 200,
  },
  {
    method: 'POST',
    path: '/tts/stream',
    area: 'tts',
    summary: "Streamed speech in a stored actor's voice",
    request: 'ttsStreamRequestSchema',
    response: 'audio-stream',
    status: 200,
  },
  {
    method: 'POST',
    path: '/tts/generate-with-audio',
    area: 'tts',
    summary: 'One-shot speech cloned from uploaded reference audio',
    request: 'multipart',
    form: 'ttsGenerateWithAudioFormSchema',
    response: 'wav',
    status: 200,
  },
  // Actors
  {
    method: 'GET',
    path: '/actors',
    area: 'actors',
    summary: 'List actors',
    request: 'none',
    response: 'json',
    responseSchema: 'actorsListResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/actors',
    area: 'actors',
    summary: 'Create an actor from uploaded audio',
    request: 'multipart',
    form: 'actorCreateFormSchema',
    response: 'json',
    responseSchema: 'actorSchema',
    status: 201,
  },
  {
    method: 'GET',
    path: '/actors/{name}',
    area: 'actors',
    summary: 'Get an actor by name',
    request: 'none',
    response: 'json',
    responseSchema: 'actorSchema',
    status: 200,
  },
  {
    method: 'DELETE',
    path: '/actors/{name}',
    area: 'actors',
    summary: 'Delete an actor and its audio',
    request: 'none',
    response: 'empty',
    status: 204,
  },
  {
    method: 'POST',
    path: '/actors/from-youtube',
    area: 'actors',
    summary: 'Create an actor from a YouTube video',
    request: 'actorFromYoutubeRequestSchema',
    response: 'json',
    responseSchema: 'actorSchema',
    status: 201,
  },
  {
    method: 'POST',
    path: '/actors/{name}/audio',
    area: 'actors',
    summary: 'Add a reference audio file to an actor',
    request: 'multipart',
    form: 'actorAudioAddFormSchema',
    response: 'json',
    responseSchema: 'actorAudioFileSchema',
    status: 201,
  },
  {
    method: 'GET',
    path: '/actors/{name}/audio',
    area: 'actors',
    summary: "List an actor's audio files",
    request: 'none',
    response: 'json',
    responseSchema: 'actorAudioFilesResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/actors/{name}/audio/{file_id}/download',
    area: 'actors',
    summary: "Download one of an actor's audio files",
    request: 'none',
    response: 'wav',
    status: 200,
  },
  {
    method: 'DELETE',
    path: '/actors/{name}/audio/{file_id}',
    area: 'actors',
    summary: "Delete one of an actor's audio files",
    request: 'none',
    response: 'empty',
    status: 204,
  },
  // TTS history
  {
    method: 'GET',
    path: '/tts/history',
    area: 'tts',
    summary: 'TTS history, most recent first',
    request: 'none',
    query: 'ttsHistoryQuerySchema',
    response: 'json',
    responseSchema: 'ttsHistoryResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/tts/history/{entry_id}/audio',
    area: 'tts',
    summary: 'Audio of a TTS history entry',
    request: 'none',
    response: 'wav',
    status: 200,
  },
  {
    method: 'DELETE',
    path: '/tts/history/{entry_id}',
    area: 'tts',
    summary: 'Delete a TTS history entry',
    request: 'none',
    response: 'empty',
    status: 204,
  },
  {
    method: 'DELETE',
    path: '/tts/history',
    area: 'tts',
    summary: 'Clear the TTS history',
    request: 'none',
    response: 'empty',
    status: 204,
  },
  // Maya TTS
  {
    method: 'GET',
    path: '/tts/models',
    area: 'tts',
    summary: 'TTS models and their capabilities',
    request: 'none',
    response: 'json',
    responseSchema: 'ttsModelsResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/tts/maya/generate',
    area: 'maya',
    summary: 'Maya speech from a voice description',
    request: 'mayaGenerateRequestSchema',
    response: 'wav',
    status: 200,
  },
  {
    method: 'POST',
    path: '/tts/maya/stream',
    area: 'maya',
    summary: 'Streamed Maya speech from a voice description',
    request: 'mayaStreamRequestSchema',
    response: 'audio-stream',
    status: 200,
  },
  {
    method: 'GET',
    path: '/tts/maya/emotion-tags',
    area: 'maya',
    summary: 'Maya emotion tags',
    request: 'none',
    response: 'json',
    responseSchema: 'mayaEmotionTagsResponseSchema',
    status: 200,
  },
  // Maya actors
  {
    method: 'GET',
    path: '/tts/maya/actors',
    area: 'maya',
    summary: 'List Maya actors',
    request: 'none',
    response: 'json',
    responseSchema: 'mayaActorsListResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/tts/maya/actors',
    area: 'maya',
    summary: 'Save a Maya voice description preset',
    request: 'multipart',
    form: 'mayaActorCreateFormSchema',
    response: 'json',
    responseSchema: 'mayaActorSchema',
    status: 201,
  },
  {
    method: 'GET',
    path: '/tts/maya/actors/{actor_id}',
    area: 'maya',
    summary: 'Get a Maya actor by id',
    request: 'none',
    response: 'json',
    responseSchema: 'mayaActorSchema',
    status: 200,
  },
  {
    method: 'PUT',
    path: '/tts/maya/actors/{actor_id}',
    area: 'maya',
    summary: 'Update a Maya actor',
    request: 'multipart',
    form: 'mayaActorUpdateFormSchema',
    response: 'json',
    responseSchema: 'mayaActorSchema',
    status: 200,
  },
  {
    method: 'DELETE',
    path: '/tts/maya/actors/{actor_id}',
    area: 'maya',
    summary: 'Delete a Maya actor',
    request: 'none',
    response: 'empty',
    status: 204,
  },
  // Video
  {
    method: 'GET',
    path: '/video/models',
    area: 'video',
    summary: 'Video models',
    request: 'none',
    response: 'json',
    responseSchema: 'videoModelsResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/video/t2v/{model}',
    area: 'video',
    summary: 'Start a text-to-video job',
    request: 'videoT2vRequestSchema',
    response: 'json',
    responseSchema: 'videoJobResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/video/i2v/{model}',
    area: 'video',
    summary: 'Start an image-to-video job',
    request: 'videoI2vRequestSchema',
    response: 'json',
    responseSchema: 'videoJobResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/video/status/{job_id}',
    area: 'video',
    summary: 'Video job status',
    request: 'none',
    response: 'json',
    responseSchema: 'videoStatusResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/video/download/{job_id}',
    area: 'video',
    summary: 'Download a completed video',
    request: 'none',
    response: 'mp4',
    status: 200,
  },
  {
    method: 'GET',
    path: '/video/thumbnail/{job_id}',
    area: 'video',
    summary: 'First frame of a video',
    request: 'none',
    response: 'jpeg',
    status: 200,
  },
  {
    method: 'DELETE',
    path: '/video/{job_id}',
    area: 'video',
    summary: 'Delete a video and its files',
    request: 'none',
    response: 'json',
    responseSchema: 'videoDeleteResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/video/history',
    area: 'video',
    summary: 'Generated videos, paged',
    request: 'none',
    query: 'videoHistoryQuerySchema',
    response: 'json',
    responseSchema: 'videoHistoryResponseSchema',
    status: 200,
  },
  // Vision
  {
    method: 'GET',
    path: '/vision/models',
    area: 'vision',
    summary: 'Vision models',
    request: 'none',
    response: 'json',
    responseSchema: 'visionModelsResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/vision/analyze',
    area: 'vision',
    summary: 'Ask about a base64 image',
    request: 'visionAnalyzeRequestSchema',
    response: 'json',
    responseSchema: 'visionAnalyzeResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/vision/analyze/upload',
    area: 'vision',
    summary: 'Ask about an uploaded image',
    request: 'multipart',
    form: 'visionAnalyzeUploadFormSchema',
    response: 'json',
    responseSchema: 'visionAnalyzeResponseSchema',
    status: 200,
  },
  // LLM
  {
    method: 'GET',
    path: '/llm/models',
    area: 'llm',
    summary: 'LLM models',
    request: 'none',
    response: 'json',
    responseSchema: 'llmModelsResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/llm/generate',
    area: 'llm',
    summary: 'Text completion',
    request: 'llmGenerateRequestSchema',
    response: 'json',
    responseSchema: 'llmGenerateResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/llm/stream',
    area: 'llm',
    summary: 'Streamed text completion (SSE)',
    request: 'llmStreamRequestSchema',
    response: 'sse',
    responseSchema: 'llmStreamEventSchema',
    status: 200,
  },
  // Music
  {
    method: 'GET',
    path: '/music/models',
    area: 'music',
    summary: 'Music models',
    request: 'none',
    response: 'json',
    responseSchema: 'musicModelsResponseSchema',
    status: 200,
  },
  {
    method: 'POST',
    path: '/music/generate',
    area: 'music',
    summary: 'Start a music job',
    request: 'musicGenerateRequestSchema',
    response: 'json',
    responseSchema: 'musicJobResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/music/status/{job_id}',
    area: 'music',
    summary: 'Music job status',
    request: 'none',
    response: 'json',
    responseSchema: 'musicStatusResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/music/progress',
    area: 'music',
    summary: 'Music generation progress',
    request: 'none',
    response: 'json',
    responseSchema: 'musicProgressResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/music/download/{job_id}/{audio_index}',
    area: 'music',
    summary: 'Download one generated variation',
    request: 'none',
    response: 'audio',
    status: 200,
  },
  {
    method: 'DELETE',
    path: '/music/{job_id}',
    area: 'music',
    summary: 'Delete a music job and its files',
    request: 'none',
    response: 'json',
    responseSchema: 'musicDeleteResponseSchema',
    status: 200,
  },
] as const satisfies readonly EndpointSpec[]

export type Endpoint = (typeof ENDPOINTS)[number]
