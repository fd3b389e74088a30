import type { TaskName } from '@atelier/core'
import type { EndpointInfo } from '@atelier/core/driver'
import type * as schemas from './schemas'

/** Name of a schema exported by `./schemas`. */
export type SchemaName = Extract<keyof typeof schemas, `${string}Schema`>

export type HttpMethod = 'GET' | 'POST' | 'DELETE'

/** Section of the API an endpoint belongs to. */
export type EndpointArea = 'generation' | 'completion' | 'queue' | 'vision' | 'training'

/**
 * How an endpoint answers: at once with the queued job (`queued`, result later through the
 * queue), with JSON (`json`), with Server-Sent Events (`sse`), or with JSON carrying base64
 * media that is read as it streams (`result`).
 */
export type EndpointResponse = 'queued' | 'json' | 'sse' | 'result'

/**
 * One endpoint: the columns every driver's table has (`EndpointInfo`: method, path, summary,
 * client method, the tasks whose handlers call it, where its rules come from) and this
 * package's own (area, request schema, how it answers, response schema).
 */
export interface EndpointSpec extends EndpointInfo {
  method: HttpMethod
  area: EndpointArea
  /** JSON body schema, or `none`. */
  request: SchemaName | 'none'
  response: EndpointResponse
  /** Schema of the answer's `data` (or, for queued endpoints, of the result they produce). */
  responseSchema: SchemaName
}

/** Every task of the driver: each is a queue job, so each polls, watches and cancels on the queue. */
const QUEUE_TASKS = [
  'image.generate',
  'video.generate',
  'speech.generate',
  'soundEffect.generate',
  'music.generate',
  'dialogue.generate',
  'transcription.create',
  'vision.detect',
  'text.generate',
] as const satisfies readonly TaskName[]

/** Every endpoint of the CanaryLLM API document and of the queue protocol, in document order. */
export const ENDPOINTS = [
  {
    method: 'POST',
    path: '/api/llm/generate-image',
    area: 'generation',
    summary: 'Generate images (openai, gemini, vertex, xai, ollama)',
    request: 'imageGenerateRequestSchema',
    response: 'queued',
    responseSchema: 'imageResultSchema',
    clientMethod: 'llm.generateImage',
    tasks: ['image.generate'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/generate-video',
    area: 'generation',
    summary: 'Generate videos (gemini, vertex, xai; xAI image to video)',
    request: 'videoGenerateRequestSchema',
    response: 'queued',
    responseSchema: 'videoResultSchema',
    clientMethod: 'llm.generateVideo',
    tasks: ['video.generate'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/generate-audio',
    area: 'generation',
    summary: 'Text to speech (elevenlabs, mlxaudio)',
    request: 'speechGenerateRequestSchema',
    response: 'queued',
    responseSchema: 'speechResultSchema',
    clientMethod: 'llm.generateAudio',
    tasks: ['speech.generate'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/generate-sound-effect',
    area: 'generation',
    summary: 'Sound effects (ElevenLabs)',
    request: 'soundEffectGenerateRequestSchema',
    response: 'queued',
    responseSchema: 'soundEffectResultSchema',
    clientMethod: 'llm.generateSoundEffect',
    tasks: ['soundEffect.generate'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/generate-music',
    area: 'generation',
    summary: 'Music (ElevenLabs)',
    request: 'musicGenerateRequestSchema',
    response: 'queued',
    responseSchema: 'musicResultSchema',
    clientMethod: 'llm.generateMusic',
    tasks: ['music.generate'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/generate-dialogue',
    area: 'generation',
    summary: 'Multi-speaker dialogue (ElevenLabs eleven_v3)',
    request: 'dialogueGenerateRequestSchema',
    response: 'queued',
    responseSchema: 'dialogueResultSchema',
    clientMethod: 'llm.generateDialogue',
    tasks: ['dialogue.generate'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/transcribe',
    area: 'generation',
    summary: 'Speech to text (elevenlabs, mlxaudio)',
    request: 'transcribeRequestSchema',
    response: 'queued',
    responseSchema: 'transcriptionResultSchema',
    clientMethod: 'llm.transcribe',
    tasks: ['transcription.create'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/complete',
    area: 'completion',
    summary: 'LLM completion, optionally streamed through the queue',
    request: 'completeRequestSchema',
    response: 'queued',
    responseSchema: 'completionResultSchema',
    clientMethod: 'llm.complete',
    tasks: ['text.generate'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/queue/status',
    area: 'queue',
    summary: 'Job status and queue position',
    request: 'queueRequestSchema',
    response: 'json',
    responseSchema: 'queueStatusResponseSchema',
    clientMethod: 'queue.status',
    tasks: QUEUE_TASKS,
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/queue/result',
    area: 'queue',
    summary: 'Job result (202 while not finished)',
    request: 'queueRequestSchema',
    response: 'result',
    responseSchema: 'queuePendingResultSchema',
    clientMethod: 'queue.result',
    tasks: QUEUE_TASKS,
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/queue/stream',
    area: 'queue',
    summary: 'Job events as Server-Sent Events (start, chunk, done)',
    request: 'queueRequestSchema',
    response: 'sse',
    responseSchema: 'streamChunkSchema',
    clientMethod: 'queue.stream',
    tasks: QUEUE_TASKS,
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/llm/queue/cancel',
    area: 'queue',
    summary: 'Cancel a queued or processing job',
    request: 'queueRequestSchema',
    response: 'json',
    responseSchema: 'queueCancelResponseSchema',
    clientMethod: 'queue.cancel',
    tasks: QUEUE_TASKS,
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/vision/detect',
    area: 'vision',
    summary: 'Object detection (YOLO or a custom model)',
    request: 'detectRequestSchema',
    response: 'queued',
    responseSchema: 'detectionResultSchema',
    clientMethod: 'vision.detect',
    tasks: ['vision.detect'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/vision/detect/zero-shot',
    area: 'vision',
    summary: 'Zero-shot detection (Florence-2, text prompt)',
    request: 'zeroShotDetectRequestSchema',
    response: 'queued',
    responseSchema: 'detectionResultSchema',
    clientMethod: 'vision.detectZeroShot',
    tasks: ['vision.detect'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/vision/detect/faces',
    area: 'vision',
    summary: 'Face detection, optional blur',
    request: 'faceDetectRequestSchema',
    response: 'queued',
    responseSchema: 'detectionResultSchema',
    clientMethod: 'vision.detectFaces',
    tasks: ['vision.detect'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/vision/detect/web',
    area: 'vision',
    summary: 'Reverse image search (gcvision or tineye)',
    request: 'webDetectRequestSchema',
    response: 'queued',
    responseSchema: 'webDetectionResultSchema',
    clientMethod: 'vision.detectWeb',
    tasks: ['vision.detect'],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/vision/train',
    area: 'training',
    summary: 'Start training a custom model',
    request: 'trainRequestSchema',
    response: 'json',
    responseSchema: 'trainResponseSchema',
    clientMethod: 'vision.train',
    tasks: [],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/vision/auto-label',
    area: 'training',
    summary: 'Auto-label images into a YOLO dataset zip (Florence-2)',
    request: 'autoLabelRequestSchema',
    response: 'json',
    responseSchema: 'autoLabelResponseSchema',
    clientMethod: 'vision.autoLabel',
    tasks: [],
    source: 'seed',
  },
  {
    method: 'POST',
    path: '/api/vision/auto-train',
    area: 'training',
    summary: 'Auto-label and train in one step (10+ images)',
    request: 'autoTrainRequestSchema',
    response: 'json',
    responseSchema: 'autoTrainResponseSchema',
    clientMethod: 'vision.autoTrain',
    tasks: [],
    source: 'seed',
  },
  {
    method: 'GET',
    path: '/api/vision/train/{jobId}',
    area: 'training',
    summary: 'Training status and metrics',
    request: 'none',
    response: 'json',
    responseSchema: 'trainStatusResponseSchema',
    clientMethod: 'vision.trainStatus',
    tasks: [],
    source: 'seed',
  },
  {
    method: 'GET',
    path: '/api/vision/models',
    area: 'training',
    summary: 'List built-in and custom models',
    request: 'none',
    response: 'json',
    responseSchema: 'visionModelsResponseSchema',
    clientMethod: 'vision.models',
    tasks: [],
    listsModels: true,
    source: 'seed',
  },
  {
    method: 'DELETE',
    path: '/api/vision/models/{modelId}',
    area: 'training',
    summary: 'Delete a custom model',
    request: 'none',
    response: 'json',
    responseSchema: 'deleteModelResponseSchema',
    clientMethod: 'vision.deleteModel',
    tasks: [],
    source: 'seed',
  },
] as const satisfies readonly EndpointSpec[]

export type Endpoint = (typeof ENDPOINTS)[number]
