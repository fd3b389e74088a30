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

export interface EndpointSpec {
  method: HttpMethod
  /** Path with `{param}` placeholders. */
  path: string
  area: EndpointArea
  summary: string
  /** JSON body schema, or `none`. */
  request: SchemaName | 'none'
  response: EndpointResponse
  /** Schema of the answer's `data` (or, for queued endpoints, of the result they produce). */
  responseSchema: SchemaName
  /** The client method that calls it. */
  clientMethod: string
}

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
  },
] as const satisfies readonly EndpointSpec[]

export type Endpoint = (typeof ENDPOINTS)[number]
