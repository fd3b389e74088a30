/**
 * The Silly Media sidecar's response readers against the tolerance property
 * (`fixtures/tolerance.ts`), from the API document's own example (seed 001) where it prints one:
 * the queued job of the video and music submits, the video and music status bodies read into
 * snapshots, the progress polls, the LLM and vision answers, the delete answer, health and the
 * model lists, actors and their audio files, Maya actors and tags, the TTS lists and history, the
 * video history and the aspect-ratio presets. The routes the document does not have (LoRAs, 3D
 * models, the ComfyUI routes) start from answers shaped as the server code builds them
 * (dearlordlt/silly-media, `src/silly_media`). Strict only where the code needs it: the job id of
 * a submit, the status of a status body, where the files are, the text of an answer, the ids of a
 * list's items.
 */
import type { JobRef } from '@atelier/core'
import {
  actorAudioFileSchema,
  actorAudioFilesResponseSchema,
  actorSchema,
  actorsListResponseSchema,
  aspectRatiosResponseSchema,
  comfyEmbeddingsResponseSchema,
  comfyEmptyResponseSchema,
  comfyHistoryResponseSchema,
  comfyObjectInfoResponseSchema,
  comfyPromptResponseSchema,
  comfyQueueResponseSchema,
  comfySystemStatsResponseSchema,
  deletedJobResponseSchema,
  healthResponseSchema,
  jobCreatedResponseSchema,
  llmGenerateResponseSchema,
  lorasResponseSchema,
  mayaActorSchema,
  mayaActorsListResponseSchema,
  mayaEmotionTagsResponseSchema,
  model3dListResponseSchema,
  model3dModelsResponseSchema,
  modelAvailabilitySchema,
  modelLorasResponseSchema,
  modelsResponseSchema,
  musicModelsResponseSchema,
  musicStatusResponseSchema,
  progressResponseSchema,
  ttsHistoryResponseSchema,
  ttsLanguagesResponseSchema,
  ttsModelsResponseSchema,
  videoHistoryResponseSchema,
  videoModelsResponseSchema,
  videoStatusResponseSchema,
  visionAnalyzeResponseSchema,
} from '@atelier/local'
import { SillyMediaClient } from '@atelier/local/client'
import { afterAll, describe, it } from 'vitest'
import { exampleNamed, seedExamples } from '../../../fixtures/seeds/index'
import {
  checkTolerance,
  type Parsed,
  parserOf as parser,
  type SafeParser,
  type ToleranceCase,
} from '../../../fixtures/tolerance'
import { musicSnapshot, videoSnapshot } from '../../local/src/driver/snapshots'
import { recordFigures } from '../src/figures'

const RUNS = 200
let toleranceCases = 0
afterAll(() => recordFigures('tolerant-readers-local', { toleranceCases }))

const examples = seedExamples('001')
/** The response body of the seed example `name` (a fresh copy: the property mutates it). */
const bodyOf = (name: string) => structuredClone(exampleNamed(examples, name).response!.body)

const client = new SillyMediaClient({ baseUrl: 'http://sidecar.test:4201' })
const ref = (task: 'video.generate' | 'music.generate'): JobRef => ({
  provider: 'local',
  task,
  id: 'abc12345',
  data: { kind: task === 'video.generate' ? 'video' : 'music' },
})

/**
 * A status body read as the driver reads it: parsed, then made into a snapshot, which must be in
 * the state the sample's status names (a completed job stays completed, with its files).
 */
const statusReader =
  (schema: SafeParser, snapshot: (body: never) => { state: string }, state: string) =>
  (answer: unknown): Parsed => {
    const parsed = parser(schema)(answer)
    if (!parsed.success) return parsed
    try {
      const read = snapshot(parsed.data as never)
      if (read.state !== state) {
        return { success: false, error: `read as ${read.state}: ${JSON.stringify(read)}` }
      }
      return parsed
    } catch (error) {
      return { success: false, error }
    }
  }

const videoStatus = (state: string) =>
  statusReader(
    videoStatusResponseSchema,
    (body) => videoSnapshot(body, ref('video.generate'), client),
    state,
  )
const musicStatus = (state: string) =>
  statusReader(
    musicStatusResponseSchema,
    (body) => musicSnapshot(body, ref('music.generate'), client),
    state,
  )

const cases: ToleranceCase[] = [
  {
    name: 'local video submit (POST /video/t2v/{model})',
    sample: bodyOf('39-'),
    parse: parser(jobCreatedResponseSchema),
    required: ['job_id'],
  },
  {
    name: 'local music submit (POST /music/generate)',
    sample: bodyOf('55-'),
    parse: parser(jobCreatedResponseSchema),
    required: ['job_id'],
  },
  {
    name: 'local video status, processing',
    sample: bodyOf('41-'),
    parse: videoStatus('running'),
    required: ['status'],
  },
  {
    name: 'local video status, completed',
    sample: bodyOf('42-'),
    parse: videoStatus('completed'),
    required: ['status'],
  },
  {
    name: 'local video status, failed',
    sample: bodyOf('43-'),
    parse: videoStatus('failed'),
    required: ['status'],
  },
  {
    name: 'local music status, processing',
    sample: bodyOf('56-'),
    parse: musicStatus('running'),
    required: ['status'],
  },
  {
    name: 'local music status, completed',
    sample: bodyOf('57-'),
    parse: musicStatus('completed'),
    required: ['status', 'audios', 'audios.*.download_url'],
  },
  {
    name: 'local progress (GET /progress)',
    sample: bodyOf('03-'),
    parse: parser(progressResponseSchema),
    required: [],
  },
  {
    name: 'local LLM answer (POST /llm/generate)',
    sample: bodyOf('52-'),
    parse: parser(llmGenerateResponseSchema),
    required: ['text'],
  },
  {
    name: 'local vision answer (POST /vision/analyze)',
    sample: bodyOf('47-'),
    parse: parser(visionAnalyzeResponseSchema),
    required: ['response'],
  },
  {
    name: 'local delete answer (DELETE /video/{job_id})',
    sample: bodyOf('44-'),
    parse: parser(deletedJobResponseSchema),
    required: [],
  },
]

/*
 * The routes the document does not have: answers as the server code builds them (each place a
 * copy of its own: the property changes one place at a time). A LoRA with
 * its sidecar file (`loras.py` passes the JSON on) and one without (the server's defaults).
 */
const LORA = {
  name: 'pixel-style',
  size_mb: 162.3,
  display_name: 'Pixel style',
  description: 'Crisp pixel art look',
  default_scale: 0.8,
  recommended: 'scale 0.6-0.9',
  source: 'https://example.test/pixel-style',
  modes: ['generate', 'edit'],
  trigger_words: ['pixel art'],
}
const BARE_LORA = {
  name: 'bare',
  size_mb: 10.5,
  display_name: 'bare',
  description: '',
  default_scale: 1.0,
  recommended: '',
  source: '',
  modes: ['generate', 'edit'],
  trigger_words: [],
}
/** The ComfyUI workflow of the server's docs/api.md, as `/queue` and `/history` echo it. */
const WORKFLOW = {
  '3': {
    class_type: 'KSampler',
    inputs: { seed: 42, steps: 9, cfg: 0, model: ['4', 0], positive: ['6', 0] },
  },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a red panda', clip: ['4', 1] } },
  '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'ComfyUI' } },
}
const PROMPT_ID = 'c56ac5b67e97'
const queueItem = (id: string) => [0, id, structuredClone(WORKFLOW), {}, ['9']]
const KSAMPLER_INFO = {
  input: {
    required: {
      model: ['MODEL'],
      seed: ['INT', { default: 0, min: 0, max: 2 ** 64 }],
      steps: ['INT', { default: 9, min: 1, max: 100 }],
      sampler_name: [['euler', 'euler_ancestral']],
    },
  },
  input_order: { required: ['model', 'seed', 'steps', 'sampler_name'] },
  output: ['LATENT'],
  output_is_list: [false],
  output_name: ['LATENT'],
  name: 'KSampler',
  display_name: 'KSampler',
  category: 'sampling',
  output_node: false,
}

/**
 * The dotted paths of every leaf of `sample` under `prefix`: the parts of an answer that are
 * passed on as the server sent them (a workflow echoed back, a node's input specs), so a number
 * there sent as text comes back as text. The property compares them for presence only.
 */
function opaqueLeaves(sample: unknown, prefix: string): string[] {
  const root = prefix.split('.').reduce<unknown>((value, key) => {
    return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  }, sample)
  const walk = (value: unknown, path: string): string[] =>
    value && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) => walk(child, `${path}.${key}`))
      : [path]
  return walk(root, prefix)
}

const ACTOR_TIMES = ['created_at', 'updated_at']
/*
 * In an object keyed by id (presets by ratio, LoRA families, history by prompt id, node types by
 * name) every key is an entry: one that is not an entry's shape is skipped like a bad list item,
 * not kept as an unknown key, so those cases do not ask for unknown keys back.
 */
const KEYED_BY_ID = { keepsUnknownKeys: false }
const listed = (list: string, fields: string[]) => fields.map((field) => `${list}.*.${field}`)

cases.push(
  {
    name: 'local health (GET /health)',
    sample: bodyOf('01-'),
    parse: parser(healthResponseSchema),
    required: [],
  },
  {
    name: 'local models (GET /models)',
    sample: bodyOf('02-'),
    parse: parser(modelsResponseSchema),
    required: ['*.available'],
  },
  {
    name: 'local model availability (GET /vision/models, /img2img/models, /llm/models)',
    sample: bodyOf('17-'),
    parse: parser(modelAvailabilitySchema),
    required: ['available'],
  },
  {
    name: 'local aspect ratios (GET /aspect-ratios)',
    sample: bodyOf('05-'),
    parse: parser(aspectRatiosResponseSchema),
    required: ['*.dimensions_at_1024'],
    ...KEYED_BY_ID,
  },
  {
    name: 'local video models (GET /video/models)',
    sample: bodyOf('38-'),
    parse: parser(videoModelsResponseSchema),
    required: ['models', 'models.*.id'],
  },
  {
    name: 'local music models (GET /music/models)',
    sample: bodyOf('54-'),
    parse: parser(musicModelsResponseSchema),
    required: ['models', 'models.*.id'],
  },
  {
    name: 'local TTS models (GET /tts/models)',
    sample: bodyOf('31-'),
    parse: parser(ttsModelsResponseSchema),
    required: ['models', 'models.*.id'],
  },
  {
    name: 'local TTS languages (GET /tts/languages)',
    sample: bodyOf('21-'),
    parse: parser(ttsLanguagesResponseSchema),
    required: ['languages', 'languages.*.code'],
  },
  {
    name: 'local TTS history (GET /tts/history)',
    sample: bodyOf('30-'),
    parse: parser(ttsHistoryResponseSchema),
    required: ['entries', 'entries.*.id'],
    timestamps: ['entries.*.created_at'],
  },
  {
    name: 'local video history (GET /video/history)',
    sample: bodyOf('45-'),
    parse: parser(videoHistoryResponseSchema),
    required: ['videos', 'videos.*.id'],
    timestamps: ['videos.*.created_at'],
  },
  {
    name: 'local actors (GET /actors)',
    sample: bodyOf('23-'),
    parse: parser(actorsListResponseSchema),
    required: ['actors', 'actors.*.id', 'actors.*.name'],
    timestamps: listed('actors', ACTOR_TIMES),
  },
  {
    name: 'local actor (GET /actors/{name}, POST /actors, POST /actors/from-youtube)',
    sample: bodyOf('25-'),
    parse: parser(actorSchema),
    required: ['id', 'name'],
    timestamps: ACTOR_TIMES,
  },
  {
    name: 'local actor audio file (POST /actors/{name}/audio)',
    sample: bodyOf('28-'),
    parse: parser(actorAudioFileSchema),
    required: ['id'],
    timestamps: ['created_at'],
  },
  {
    name: 'local actor audio files (GET /actors/{name}/audio)',
    sample: bodyOf('29-'),
    parse: parser(actorAudioFilesResponseSchema),
    required: ['*.id'],
    timestamps: ['*.created_at'],
  },
  {
    name: 'local Maya emotion tags (GET /tts/maya/emotion-tags)',
    sample: bodyOf('33-'),
    parse: parser(mayaEmotionTagsResponseSchema),
    required: ['tags'],
  },
  {
    name: 'local Maya actors (GET /tts/maya/actors)',
    sample: bodyOf('34-'),
    parse: parser(mayaActorsListResponseSchema),
    required: ['actors', 'actors.*.id', 'actors.*.voice_description'],
    timestamps: listed('actors', ACTOR_TIMES),
  },
  {
    name: 'local Maya actor (GET|PUT /tts/maya/actors/{actor_id}, POST /tts/maya/actors)',
    sample: bodyOf('37-'),
    parse: parser(mayaActorSchema),
    required: ['id', 'voice_description'],
    timestamps: ACTOR_TIMES,
  },
  {
    name: 'local LoRAs (GET /loras)',
    sample: {
      loras: [structuredClone(LORA)],
      compatible_models: ['z-image', 'z-image-turbo'],
      families: {
        'qwen-image': { models: ['qwen-image-2.1'], loras: [structuredClone(BARE_LORA)] },
        'z-image': { models: ['z-image', 'z-image-turbo'], loras: [structuredClone(LORA)] },
      },
    },
    parse: parser(lorasResponseSchema),
    required: ['loras', 'loras.*.name', 'families.*.loras.*.name'],
    ...KEYED_BY_ID,
  },
  {
    name: "local a model's LoRAs (GET /loras?model=)",
    sample: {
      model: 'qwen-image-2.1',
      family: 'qwen-image',
      supported: true,
      loras: [structuredClone(BARE_LORA), structuredClone(LORA)],
      compatible_models: ['qwen-image-2.1'],
    },
    parse: parser(modelLorasResponseSchema),
    required: ['loras', 'loras.*.name'],
  },
  {
    name: 'local 3D models (GET /model3d/models)',
    sample: {
      models: [
        {
          id: 'hunyuan3d-2',
          name: 'Hunyuan3D-2',
          loaded: false,
          supports_texture: true,
          estimated_vram_gb: 21.0,
        },
      ],
    },
    parse: parser(model3dModelsResponseSchema),
    required: ['models', 'models.*.id'],
  },
  {
    name: 'local generated 3D models (GET /model3d/list)',
    sample: {
      models: [
        {
          id: 'a1b2c3d4',
          url: '/model3d/download/a1b2c3d4',
          size_bytes: 812_344,
          ref_url: '/model3d/ref/a1b2c3d4',
        },
        { id: '0f0e0d0c', url: '/model3d/download/0f0e0d0c', size_bytes: 500_000 },
      ],
    },
    parse: parser(model3dListResponseSchema),
    required: ['models', 'models.*.id', 'models.*.url'],
  },
  {
    name: 'local ComfyUI prompt (POST /prompt)',
    sample: { prompt_id: PROMPT_ID, number: 3, node_errors: {} },
    parse: parser(comfyPromptResponseSchema),
    required: ['prompt_id'],
  },
  (() => {
    const sample = { queue_running: [queueItem(PROMPT_ID)], queue_pending: [queueItem('0a1b2c')] }
    return {
      name: 'local ComfyUI queue (GET /queue)',
      sample,
      parse: parser(comfyQueueResponseSchema),
      required: ['queue_running', 'queue_pending', 'queue_running.*.1', 'queue_pending.*.1'],
      transformed: [
        ...opaqueLeaves(sample, 'queue_running.0.2'),
        ...opaqueLeaves(sample, 'queue_pending.0.2'),
      ],
    }
  })(),
  (() => {
    const sample = {
      [PROMPT_ID]: {
        prompt: queueItem(PROMPT_ID),
        outputs: {
          '9': { images: [{ filename: 'ComfyUI_00001_.png', subfolder: '', type: 'output' }] },
        },
        status: { status_str: 'success', completed: true, messages: [] },
      },
      '0a1b2c3d4e5f': {
        prompt: queueItem('0a1b2c3d4e5f'),
        outputs: {},
        status: {
          status_str: 'error',
          completed: true,
          messages: [['execution_error', { message: 'CUDA out of memory' }]],
        },
      },
    }
    return {
      name: 'local ComfyUI history (GET /history, GET /history/{prompt_id})',
      sample,
      parse: parser(comfyHistoryResponseSchema),
      ...KEYED_BY_ID,
      required: ['*.outputs', '*.outputs.*.images.*.filename', '*.status.status_str'],
      transformed: [
        ...opaqueLeaves(sample, `${PROMPT_ID}.prompt.2`),
        ...opaqueLeaves(sample, '0a1b2c3d4e5f.prompt.2'),
        ...opaqueLeaves(sample, '0a1b2c3d4e5f.status.messages'),
      ],
    }
  })(),
  {
    name: 'local ComfyUI cleared queue or history (POST /queue, POST /history)',
    sample: {},
    parse: parser(comfyEmptyResponseSchema),
    required: [],
  },
  {
    name: 'local ComfyUI system stats (GET /system_stats)',
    sample: {
      system: {
        os: 'linux',
        python_version: '3.10.12',
        embedded_python: false,
        comfyui_version: '0.0.1',
      },
      devices: [
        {
          name: 'NVIDIA GeForce RTX 4090',
          type: 'cuda',
          index: 0,
          vram_total: 25249579008,
          vram_free: 2948268032,
          torch_vram_total: 25249579008,
          torch_vram_free: 2948268032,
        },
      ],
    },
    parse: parser(comfySystemStatsResponseSchema),
    required: [],
  },
  (() => {
    const sample = { KSampler: KSAMPLER_INFO }
    return {
      name: 'local ComfyUI node types (GET /object_info)',
      sample,
      parse: parser(comfyObjectInfoResponseSchema),
      ...KEYED_BY_ID,
      required: ['*.name'],
      transformed: opaqueLeaves(sample, 'KSampler.input.required'),
    }
  })(),
  {
    name: 'local ComfyUI embeddings (GET /embeddings)',
    sample: ['easynegative'],
    parse: parser(comfyEmbeddingsResponseSchema),
    required: [],
  },
)

describe('sidecar readers take any plausible answer (tolerance property)', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      toleranceCases += checkTolerance(testCase, RUNS)
    })
  }
})
