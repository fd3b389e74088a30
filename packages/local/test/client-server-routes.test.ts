/**
 * The routes the current Silly Media server added after the API document (`source: 'server'` in
 * ENDPOINTS): `GET /loras`, `/sprite/*`, `/model3d/*` and the ComfyUI-compatible root routes.
 * Fixtures follow the server code (dearlordlt/silly-media, src/silly_media) and its newer
 * docs/api.md; every call goes through msw, recording what left the client.
 */
import { MediaFile, ProviderError, ValidationError } from '@atelier/core'
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import {
  comfyHistoryResponseSchema,
  ENDPOINTS,
  generateModel3d,
  generateSprite,
  getComfyHistoryEntry,
  listGeneratedModel3d,
  listLoras,
  listModelLoras,
  type SpriteGenerateRequest,
  submitComfyPrompt,
  viewComfyImage,
} from '../src'
import {
  ascii,
  base64,
  bytes,
  expectRejectedBeforeNetwork,
  json,
  only,
  recordingServer,
} from './support/recording-server'

const BASE = 'http://sidecar.test:4201'

// ---------------------------------------------------------------------------------------------
// Recording server
// ---------------------------------------------------------------------------------------------

const SERVER_ROUTES = ENDPOINTS.filter((endpoint) => endpoint.source === 'server')

/**
 * `sent`: every request that left the client, matched by a handler or not. `hits`: `METHOD
 * /template` of every server route a handler answered, over the whole file.
 */
const { server, sent, hits, route, makeClient } = recordingServer({
  baseUrl: BASE,
  endpoints: SERVER_ROUTES,
})

// ---------------------------------------------------------------------------------------------
// Fixtures (shapes from the server code)
// ---------------------------------------------------------------------------------------------

const PNG = new Uint8Array([0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
/** The 12-byte GLB header (`glTF`, version 2, length) and a little more. */
const GLB = new Uint8Array([...ascii('glTF'), 2, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9])

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
/** A LoRA without a sidecar file: the server's defaults. */
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
const LORAS = {
  loras: [LORA],
  compatible_models: ['z-image', 'z-image-turbo'],
  families: {
    'qwen-image': { models: ['qwen-image-2.1'], loras: [BARE_LORA] },
    'z-image': { models: ['z-image', 'z-image-turbo'], loras: [LORA] },
  },
}
const MODEL_LORAS = {
  model: 'qwen-image-2.1',
  family: 'qwen-image',
  supported: true,
  loras: [BARE_LORA],
  compatible_models: ['qwen-image-2.1'],
}
const NO_LORAS = {
  model: 'ovis-image-7b',
  family: null,
  supported: false,
  loras: [],
  compatible_models: [],
}
const PROGRESS = { active: true, step: 5, total_steps: 9, percent: 56, elapsed: 2.3 }
const MODEL3D_MODELS = {
  models: [
    {
      id: 'hunyuan3d-2',
      name: 'Hunyuan3D-2',
      loaded: false,
      supports_texture: true,
      estimated_vram_gb: 21.0,
    },
  ],
}
const MODEL3D_LIST = {
  models: [
    {
      id: 'a1b2c3d4',
      url: '/model3d/download/a1b2c3d4',
      size_bytes: 812_344,
      ref_url: '/model3d/ref/a1b2c3d4',
    },
    { id: '0f0e0d0c', url: '/model3d/download/0f0e0d0c', size_bytes: 500_000 },
  ],
}
const GLB_HEADERS = {
  'x-model-id': 'a1b2c3d4',
  'x-ref-url': '/model3d/ref/a1b2c3d4',
  'content-disposition': 'attachment; filename="a1b2c3d4.glb"',
}

/** The ComfyUI workflow of the server's docs/api.md. */
const WORKFLOW = {
  '3': {
    class_type: 'KSampler',
    inputs: {
      seed: 42,
      steps: 9,
      cfg: 0,
      sampler_name: 'euler',
      scheduler: 'normal',
      denoise: 1.0,
      model: ['4', 0],
      positive: ['6', 0],
      negative: ['7', 0],
      latent_image: ['5', 0],
    },
  },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'z-image-turbo.safetensors' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 1024, height: 1024, batch_size: 1 } },
  '6': {
    class_type: 'CLIPTextEncode',
    inputs: { text: 'a red panda eating bamboo', clip: ['4', 1] },
  },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: 'ugly, blurry', clip: ['4', 1] } },
  '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
  '9': {
    class_type: 'SaveImage',
    inputs: { images: ['8', 0], filename_prefix: 'ComfyUI' },
    _meta: { title: 'Save Image' },
  },
}
const PROMPT_ID = 'c56ac5b67e97'
const QUEUE_ITEM = [0, PROMPT_ID, WORKFLOW, {}, ['9']]
const OUTPUT_IMAGE = { filename: 'ComfyUI_00001_.png', subfolder: '', type: 'output' }
const HISTORY_DONE = {
  [PROMPT_ID]: {
    prompt: QUEUE_ITEM,
    outputs: { '9': { images: [OUTPUT_IMAGE] } },
    status: { status_str: 'success', completed: true, messages: [] },
  },
}
const HISTORY_FAILED = {
  '0a1b2c3d4e5f': {
    prompt: [0, '0a1b2c3d4e5f', WORKFLOW, {}, ['9']],
    outputs: {},
    status: {
      status_str: 'error',
      completed: true,
      messages: [['execution_error', { message: 'CUDA out of memory' }]],
    },
  },
}
const SYSTEM_STATS = {
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
}
const KSAMPLER_INFO = {
  input: {
    required: {
      model: ['MODEL'],
      // The server sends 0xFFFFFFFFFFFFFFFF; JSON.parse reads it as 2 ** 64.
      seed: ['INT', { default: 0, min: 0, max: 2 ** 64 }],
      steps: ['INT', { default: 9, min: 1, max: 100 }],
      cfg: ['FLOAT', { default: 0.0, min: 0.0, max: 100.0, step: 0.1 }],
      sampler_name: [['euler', 'euler_ancestral']],
      scheduler: [['normal', 'karras']],
      positive: ['CONDITIONING'],
      negative: ['CONDITIONING'],
      latent_image: ['LATENT'],
      denoise: ['FLOAT', { default: 1.0, min: 0.0, max: 1.0, step: 0.01 }],
    },
  },
  input_order: {
    required: [
      'model',
      'seed',
      'steps',
      'cfg',
      'sampler_name',
      'scheduler',
      'positive',
      'negative',
      'latent_image',
      'denoise',
    ],
  },
  output: ['LATENT'],
  output_is_list: [false],
  output_name: ['LATENT'],
  name: 'KSampler',
  display_name: 'KSampler',
  category: 'sampling',
  output_node: false,
}
const SAVE_IMAGE_INFO = {
  input: { required: { images: ['IMAGE'], filename_prefix: ['STRING', { default: 'ComfyUI' }] } },
  input_order: { required: ['images', 'filename_prefix'] },
  output: [],
  output_is_list: [],
  output_name: [],
  name: 'SaveImage',
  display_name: 'Save Image',
  category: 'image',
  output_node: true,
}

// ---------------------------------------------------------------------------------------------
// GET /loras
// ---------------------------------------------------------------------------------------------

describe('GET /loras', () => {
  it('without model: every family, the z-image family at the top level', async () => {
    const calls = route('GET', '/loras', json(LORAS))
    await expect(makeClient().loras.list()).resolves.toEqual(LORAS)
    const call = only(calls, 'GET', '/loras')
    expect(call.url.search).toBe('')
  })

  it('with model: the query is sent and the per-model shape parsed', async () => {
    const calls = route('GET', '/loras', (request) =>
      new URL(request.url).searchParams.get('model') === 'ovis-image-7b'
        ? HttpResponse.json(NO_LORAS)
        : HttpResponse.json(MODEL_LORAS),
    )
    const client = makeClient()
    await expect(client.loras.forModel('qwen-image-2.1')).resolves.toEqual(MODEL_LORAS)
    await expect(listModelLoras(client, 'ovis-image-7b')).resolves.toEqual(NO_LORAS)
    expect(calls.map((call) => call.url.searchParams.get('model'))).toEqual([
      'qwen-image-2.1',
      'ovis-image-7b',
    ])
  })

  it('standalone: listLoras takes the client', async () => {
    const calls = route('GET', '/loras', json(LORAS))
    await expect(listLoras(makeClient())).resolves.toEqual(LORAS)
    only(calls, 'GET', '/loras')
  })

  it('an unknown model is a ProviderError 404 with the detail', async () => {
    route('GET', '/loras', json({ detail: "Model 'nope' not found" }, 404))
    const error = await makeClient()
      .loras.forModel('nope')
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(404)
    expect((error as ProviderError).message).toContain("Model 'nope' not found")
  })
})

// ---------------------------------------------------------------------------------------------
// /sprite
// ---------------------------------------------------------------------------------------------

describe('/sprite', () => {
  it('GET /sprite/progress (generating and idle)', async () => {
    const calls = route('GET', '/sprite/progress', json(PROGRESS))
    const client = makeClient()
    await expect(client.sprite.progress()).resolves.toEqual(PROGRESS)
    server.resetHandlers()
    route('GET', '/sprite/progress', json({ active: false }))
    await expect(client.sprite.progress()).resolves.toEqual({ active: false })
    only(calls, 'GET', '/sprite/progress')
  })

  it('POST /sprite/generate: the docs example sent as given (server defaults apply), PNG back', async () => {
    const calls = route('POST', '/sprite/generate', bytes(PNG, 'image/png'))
    // The server's docs example, less its `num_inference_steps: null` and `cfg_scale: null`,
    // which the server itself refuses (422: an int/float field with a None default).
    const body = {
      prompt:
        'lone survivor in a patched coat, full body, centered, plain neutral background, soft flat lighting, hand-painted realistic',
      aspect_ratio: '3:4',
      output_size: 256,
      negative_prompt: '',
      seed: null,
    } as const
    const sprite = await makeClient().sprite.generate(body)
    expect(sprite).toBeInstanceOf(MediaFile)
    expect(sprite.mediaType).toBe('image/png')
    expect(await sprite.bytes()).toEqual(PNG)
    const call = only(calls, 'POST', '/sprite/generate')
    expect(call.json).toEqual(body)
  })

  it('POST /sprite/generate: every image field of the newest server, loras included', async () => {
    const calls = route('POST', '/sprite/generate', bytes(PNG, 'image/png'))
    const body: SpriteGenerateRequest = {
      prompt: 'rusty hydroponics rack, isometric, plain background',
      model: 'qwen-image-2.1',
      remove_background: false,
      transparent: true,
      width: 768,
      height: 1024,
      seed: 7,
      cfg_scale: 0,
      num_inference_steps: 8,
      use_lora: true,
      upscale: true,
      upscale_factor: 1.5,
      upscale_model: 'sharp',
      loras: [{ name: 'pixel-style', scale: 0.7 }, { name: 'bare' }],
    }
    await generateSprite(makeClient(), body)
    expect(only(calls, 'POST', '/sprite/generate').json).toEqual(body)
  })

  it('POST /sprite/generate: sizes the server resolves itself (width wins over aspect_ratio) are sent as given', async () => {
    const calls = route('POST', '/sprite/generate', bytes(PNG, 'image/png'))
    const body = {
      prompt: 'coin',
      width: 512,
      height: 256,
      aspect_ratio: '1:1',
      base_size: 768,
    } as const
    await makeClient().sprite.generate(body)
    expect(only(calls, 'POST', '/sprite/generate').json).toEqual(body)
  })

  it('POST /sprite/generate: one side alone is a square on the server, and is allowed', async () => {
    const calls = route('POST', '/sprite/generate', bytes(PNG, 'image/png'))
    await makeClient().sprite.generate({ prompt: 'coin', width: 512 })
    expect(only(calls, 'POST', '/sprite/generate').json).toEqual({ prompt: 'coin', width: 512 })
  })

  it('POST /sprite/generate: an unknown model is a ProviderError 404', async () => {
    route('POST', '/sprite/generate', json({ detail: 'Unknown model: nope' }, 404))
    const error = await makeClient()
      .sprite.generate({ prompt: 'coin', model: 'nope' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(404)
  })
})

// ---------------------------------------------------------------------------------------------
// /model3d
// ---------------------------------------------------------------------------------------------

describe('/model3d', () => {
  it('GET /model3d/models', async () => {
    const calls = route('GET', '/model3d/models', json(MODEL3D_MODELS))
    await expect(makeClient().model3d.models()).resolves.toEqual(MODEL3D_MODELS)
    only(calls, 'GET', '/model3d/models')
  })

  it('POST /model3d/generate: text sent as given (server defaults apply), GLB bytes and the header ids back', async () => {
    const calls = route('POST', '/model3d/generate', bytes(GLB, 'model/gltf-binary', GLB_HEADERS))
    const result = await makeClient().model3d.generate({
      text: 'low-poly RuneScape-style female, blonde ponytail',
      target_faces: 6000,
    })
    expect(result.modelId).toBe('a1b2c3d4')
    expect(result.refUrl).toBe('/model3d/ref/a1b2c3d4')
    expect(result.file).toBeInstanceOf(MediaFile)
    expect(result.file.mediaType).toBe('model/gltf-binary')
    expect(result.file.filename).toBe('a1b2c3d4.glb')
    expect(await result.file.bytes()).toEqual(GLB)
    const call = only(calls, 'POST', '/model3d/generate')
    // No backend named: the server picks its default (hunyuan3d-2).
    expect(call.url.searchParams.has('model')).toBe(false)
    expect(call.json).toEqual({
      text: 'low-poly RuneScape-style female, blonde ponytail',
      target_faces: 6000,
    })
  })

  it('POST /model3d/generate: image bytes go as base64; the backend is the ?model= query', async () => {
    const calls = route('POST', '/model3d/generate', bytes(GLB, 'model/gltf-binary', GLB_HEADERS))
    await makeClient().model3d.generate(
      { image: PNG, texture: false, subject: 'object' },
      { model: 'hunyuan3d-2-mini' },
    )
    const call = only(calls, 'POST', '/model3d/generate')
    expect(call.url.searchParams.get('model')).toBe('hunyuan3d-2-mini')
    expect(call.json).toStrictEqual({
      image: base64(PNG),
      texture: false,
      subject: 'object',
    })
  })

  it('POST /model3d/generate: a data: URL or an http(s) URL is sent as given', async () => {
    const calls = route('POST', '/model3d/generate', bytes(GLB, 'model/gltf-binary', GLB_HEADERS))
    const client = makeClient()
    const dataUrl = `data:image/png;base64,${base64(PNG)}`
    await generateModel3d(client, { image: dataUrl })
    await generateModel3d(client, { image: 'https://cdn.test/ref.png' })
    expect(calls.map((call) => (call.json as { image: string }).image)).toEqual([
      dataUrl,
      'https://cdn.test/ref.png',
    ])
  })

  it('POST /model3d/generate: without X-Model-Id the id comes from the file name, else undefined', async () => {
    route(
      'POST',
      '/model3d/generate',
      bytes(GLB, 'model/gltf-binary', {
        'content-disposition': 'attachment; filename="0f0e0d0c.glb"',
      }),
    )
    const named = await makeClient().model3d.generate({ text: 'a chair' })
    expect(named.modelId).toBe('0f0e0d0c')
    expect(named.refUrl).toBeUndefined()
    server.resetHandlers()
    route('POST', '/model3d/generate', bytes(GLB, 'model/gltf-binary'))
    const bare = await makeClient().model3d.generate({ text: 'a chair' })
    expect(bare.modelId).toBeUndefined()
    expect(bare.file.mediaType).toBe('model/gltf-binary')
  })

  it('POST /model3d/generate: an HTML page or an empty body is not a mesh', async () => {
    route(
      'POST',
      '/model3d/generate',
      () =>
        new HttpResponse('<html>proxy error</html>', { headers: { 'content-type': 'text/html' } }),
    )
    await expect(makeClient().model3d.generate({ text: 'a chair' })).rejects.toThrow(/HTML page/)
    server.resetHandlers()
    route('POST', '/model3d/generate', () => new HttpResponse(new Uint8Array(0)))
    await expect(makeClient().model3d.generate({ text: 'a chair' })).rejects.toThrow(/empty body/)
  })

  it('POST /model3d/generate: an unknown backend is a ProviderError 404', async () => {
    route('POST', '/model3d/generate', json({ detail: 'Unknown 3D model: nope' }, 404))
    const error = await makeClient()
      .model3d.generate({ text: 'a chair' }, { model: 'nope' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(404)
  })

  it('GET /model3d/download/{model_id}: a lazy GLB, fetched when read', async () => {
    const calls = route(
      'GET',
      '/model3d/download/:id',
      bytes(GLB, 'model/gltf-binary', {
        'content-disposition': 'attachment; filename="a1b2c3d4.glb"',
      }),
    )
    const file = makeClient().model3d.download('a1b2c3d4')
    expect(calls).toHaveLength(0)
    expect(file.mediaType).toBe('model/gltf-binary')
    expect(file.url).toBe(`${BASE}/model3d/download/a1b2c3d4`)
    expect(await file.bytes()).toEqual(GLB)
    only(calls, 'GET', '/model3d/download/a1b2c3d4')
  })

  it('GET /model3d/ref/{model_id}: the lazy reference PNG', async () => {
    const calls = route('GET', '/model3d/ref/:id', bytes(PNG, 'image/png'))
    const file = makeClient().model3d.reference('a1b2c3d4')
    expect(calls).toHaveLength(0)
    expect(file.mediaType).toBe('image/png')
    expect(await file.bytes()).toEqual(PNG)
    only(calls, 'GET', '/model3d/ref/a1b2c3d4')
  })

  it('GET /model3d/list: the default limit travels, a given one too; ref_url is optional', async () => {
    const calls = route('GET', '/model3d/list', json(MODEL3D_LIST))
    const client = makeClient()
    await expect(client.model3d.list()).resolves.toEqual(MODEL3D_LIST)
    await expect(listGeneratedModel3d(client, { limit: 1 })).resolves.toEqual(MODEL3D_LIST)
    expect(calls.map((call) => call.url.searchParams.get('limit'))).toEqual(['50', '1'])
  })
})

// ---------------------------------------------------------------------------------------------
// ComfyUI-compatible routes
// ---------------------------------------------------------------------------------------------

describe('ComfyUI-compatible routes', () => {
  it('POST /prompt: the workflow and client_id as given, the prompt id back', async () => {
    const calls = route('POST', '/prompt', json({ prompt_id: PROMPT_ID, number: 0 }))
    const body = { prompt: WORKFLOW, client_id: 'my-app' }
    await expect(makeClient().comfy.prompt(body)).resolves.toEqual({
      prompt_id: PROMPT_ID,
      number: 0,
    })
    expect(only(calls, 'POST', '/prompt').json).toEqual(body)
  })

  it('POST /prompt: an unparseable workflow is a ValidationError (400) with the detail', async () => {
    route(
      'POST',
      '/prompt',
      json({ detail: { error: 'Failed to parse workflow: bad width', node_errors: {} } }, 400),
    )
    const error = await submitComfyPrompt(makeClient(), {
      prompt: { '5': { class_type: 'EmptyLatentImage', inputs: { width: 'wide' } } },
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).status).toBe(400)
  })

  it('GET /queue', async () => {
    const queue = { queue_running: [QUEUE_ITEM], queue_pending: [] }
    const calls = route('GET', '/queue', json(queue))
    await expect(makeClient().comfy.queue()).resolves.toEqual(queue)
    only(calls, 'GET', '/queue')
  })

  it('POST /queue: clear, or delete some ids; {} back', async () => {
    const calls = route('POST', '/queue', json({}))
    const client = makeClient()
    await expect(client.comfy.clearQueue({ clear: true })).resolves.toEqual({})
    await expect(client.comfy.clearQueue({ delete: [PROMPT_ID] })).resolves.toEqual({})
    expect(calls.map((call) => call.json)).toEqual([{ clear: true }, { delete: [PROMPT_ID] }])
  })

  it('GET /history: finished and failed prompts', async () => {
    const history = { ...HISTORY_DONE, ...HISTORY_FAILED }
    const calls = route('GET', '/history', json(history))
    await expect(makeClient().comfy.history()).resolves.toEqual(history)
    only(calls, 'GET', '/history')
  })

  it('GET /history/{prompt_id}: {} while running, the entry once finished', async () => {
    let finished = false
    const calls = route('GET', '/history/:id', () =>
      HttpResponse.json(finished ? HISTORY_DONE : {}),
    )
    const client = makeClient()
    await expect(client.comfy.historyEntry(PROMPT_ID)).resolves.toEqual({})
    finished = true
    const done = await getComfyHistoryEntry(client, PROMPT_ID)
    expect(done).toEqual(HISTORY_DONE)
    expect(done[PROMPT_ID]?.outputs['9']?.images?.[0]).toEqual(OUTPUT_IMAGE)
    expect(calls.map((call) => call.url.pathname)).toEqual([
      `/history/${PROMPT_ID}`,
      `/history/${PROMPT_ID}`,
    ])
  })

  it('POST /history: clear, or delete some ids', async () => {
    const calls = route('POST', '/history', json({}))
    const client = makeClient()
    await expect(client.comfy.clearHistory({ clear: true })).resolves.toEqual({})
    await expect(client.comfy.clearHistory({ delete: [PROMPT_ID] })).resolves.toEqual({})
    expect(calls.map((call) => call.json)).toEqual([{ clear: true }, { delete: [PROMPT_ID] }])
  })

  it('GET /view: an output image of the history as a lazy PNG, query with its defaults', async () => {
    const calls = route('GET', '/view', bytes(PNG, 'image/png'))
    const client = makeClient()
    const history = comfyHistoryResponseSchema.parse(HISTORY_DONE)
    const output = history[PROMPT_ID]?.outputs['9']?.images?.[0]
    if (!output) throw new Error('the fixture has an output image')
    const image = client.comfy.view(output)
    expect(calls).toHaveLength(0)
    expect(image.mediaType).toBe('image/png')
    expect(await image.bytes()).toEqual(PNG)
    expect(await viewComfyImage(client, { filename: 'ComfyUI_00002_.png' }).bytes()).toEqual(PNG)
    const temp = { filename: 'ComfyUI_00003_.png', subfolder: null, type: 'temp' }
    expect(await client.comfy.view(temp).bytes()).toEqual(PNG)
    expect(calls.map((call) => Object.fromEntries(call.url.searchParams))).toEqual([
      { filename: 'ComfyUI_00001_.png', subfolder: '', type: 'output' },
      { filename: 'ComfyUI_00002_.png', subfolder: '', type: 'output' },
      { filename: 'ComfyUI_00003_.png', subfolder: '', type: 'temp' },
    ])
  })

  it('GET /view: a missing file is a ProviderError 404 on read', async () => {
    route('GET', '/view', json({ detail: 'File not found' }, 404))
    const image = makeClient().comfy.view({ filename: 'ComfyUI_09999_.png' })
    const error = await image.bytes().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(404)
  })

  it('GET /system_stats: with a CUDA device, and without', async () => {
    const calls = route('GET', '/system_stats', json(SYSTEM_STATS))
    const client = makeClient()
    await expect(client.comfy.systemStats()).resolves.toEqual(SYSTEM_STATS)
    server.resetHandlers()
    const cpu = { ...SYSTEM_STATS, devices: [] }
    route('GET', '/system_stats', json(cpu))
    await expect(client.comfy.systemStats()).resolves.toEqual(cpu)
    only(calls, 'GET', '/system_stats')
  })

  it('GET /object_info', async () => {
    const info = { KSampler: KSAMPLER_INFO, SaveImage: SAVE_IMAGE_INFO }
    const calls = route('GET', '/object_info', json(info))
    await expect(makeClient().comfy.objectInfo()).resolves.toEqual(info)
    only(calls, 'GET', '/object_info')
  })

  it('GET /object_info/{node_class}: one node type; an unknown one is a 404', async () => {
    const calls = route('GET', '/object_info/:node', ({ url }) =>
      url.endsWith('/KSampler')
        ? HttpResponse.json({ KSampler: KSAMPLER_INFO })
        : HttpResponse.json({ detail: 'Node class not found: Nope' }, { status: 404 }),
    )
    const client = makeClient()
    await expect(client.comfy.nodeInfo('KSampler')).resolves.toEqual({ KSampler: KSAMPLER_INFO })
    const error = await client.comfy.nodeInfo('Nope').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(404)
    expect(calls.map((call) => call.url.pathname)).toEqual([
      '/object_info/KSampler',
      '/object_info/Nope',
    ])
  })

  it('GET /embeddings: an empty list', async () => {
    const calls = route('GET', '/embeddings', json([]))
    await expect(makeClient().comfy.embeddings()).resolves.toEqual([])
    only(calls, 'GET', '/embeddings')
  })
})

describe('responses', () => {
  it('keep unknown fields and take null for optional ones', async () => {
    const list = {
      models: [{ id: 'a1b2c3d4', url: '/model3d/download/a1b2c3d4', size_bytes: 1, ref_url: null }],
      cursor: 'next',
    }
    route('GET', '/model3d/list', json(list))
    route(
      'GET',
      '/loras',
      json({ ...MODEL_LORAS, loras: [{ name: 'x', size_mb: 1, modes: null }] }),
    )
    route('POST', '/prompt', json({ prompt_id: PROMPT_ID, number: 3, node_errors: {} }))
    const client = makeClient()
    await expect(client.model3d.list()).resolves.toEqual(list)
    await expect(client.loras.forModel('qwen-image-2.1')).resolves.toMatchObject({
      loras: [{ name: 'x', size_mb: 1, modes: null }],
    })
    await expect(client.comfy.prompt({ prompt: WORKFLOW })).resolves.toEqual({
      prompt_id: PROMPT_ID,
      number: 3,
      node_errors: {},
    })
  })

  it('a listed entry without its id or file is skipped, the others read', async () => {
    const kept = { id: 'a1b2c3d4', url: '/model3d/download/a1b2c3d4', size_bytes: '812344' }
    route('GET', '/model3d/list', json({ models: [{ id: 7 }, { id: 'no-url' }, kept] }))
    await expect(makeClient().model3d.list()).resolves.toEqual({
      models: [{ ...kept, size_bytes: 812_344 }],
    })
  })

  it('a body of the wrong shape is a ResponseShapeError naming the field', async () => {
    route('GET', '/model3d/list', json({ models: { id: 'a1b2c3d4' } }))
    await expect(makeClient().model3d.list()).rejects.toMatchObject({
      name: 'ResponseShapeError',
      message: expect.stringContaining('models'),
    })
    server.resetHandlers()
    route('POST', '/prompt', json({ number: 3 }))
    await expect(makeClient().comfy.prompt({ prompt: WORKFLOW })).rejects.toMatchObject({
      name: 'ResponseShapeError',
      message: expect.stringContaining('prompt_id'),
    })
  })

  it('a history entry keeps its images when the rest is odd, and one without a status is skipped', async () => {
    const [id, entry] = Object.entries(HISTORY_DONE)[0]!
    const odd = {
      [id]: { ...entry, prompt: null, status: { status_str: 'success', completed: 'yes' } },
      unreadable: { outputs: {} },
    }
    route('GET', '/history', json(odd))
    await expect(makeClient().comfy.history()).resolves.toEqual({
      [id]: { ...entry, prompt: null, status: { status_str: 'success' } },
    })
  })
})

describe('coverage', () => {
  it('the tests above called every route the server added since the document, and nothing else', () => {
    const added = new Set(SERVER_ROUTES.map((endpoint) => `${endpoint.method} ${endpoint.path}`))
    expect(added.size).toBe(19)
    expect([...hits].sort()).toEqual([...added].sort())
  })
})

// ---------------------------------------------------------------------------------------------
// Validation before the network
// ---------------------------------------------------------------------------------------------

describe('invalid input fails before any request, naming the field', () => {
  const client = makeClient()
  const remote = MediaFile.fromUrl('http://cdn.test/input.png', { mediaType: 'image/png' })

  const cases: [string, () => Promise<unknown> | unknown, string, string][] = [
    ['loras.forModel: empty model', () => client.loras.forModel(''), 'model', 'GET /loras'],
    [
      'sprite.generate: empty prompt',
      () => client.sprite.generate({ prompt: '' }),
      'prompt',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: output_size below 8',
      () => client.sprite.generate({ prompt: 'coin', output_size: 4 }),
      'output_size',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: output_size above 2048',
      () => client.sprite.generate({ prompt: 'coin', output_size: 4096 }),
      'output_size',
      'POST /sprite/generate',
    ],
    [
      // `int` with a None default on the server: an explicit null is a 422 there.
      'sprite.generate: num_inference_steps null',
      () => client.sprite.generate({ prompt: 'coin', num_inference_steps: null } as never),
      'num_inference_steps',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: upscale_factor of 1 (must be above 1)',
      () => client.sprite.generate({ prompt: 'coin', upscale_factor: 1 }),
      'upscale_factor',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: cfg_scale above 20',
      () => client.sprite.generate({ prompt: 'coin', cfg_scale: 21 }),
      'cfg_scale',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: upscale_factor of 1 (must be more than 1)',
      () => client.sprite.generate({ prompt: 'coin', upscale: true, upscale_factor: 1 }),
      'upscale_factor',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: a LoRA name with a slash',
      () => client.sprite.generate({ prompt: 'coin', loras: [{ name: '../evil' }] }),
      'loras.0.name',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: a LoRA scale above 2',
      () => client.sprite.generate({ prompt: 'coin', loras: [{ name: 'a', scale: 3 }] }),
      'loras.0.scale',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: lora_scale above 2',
      () => client.sprite.generate({ prompt: 'coin', lora: 'pixel-style', lora_scale: 3 }),
      'lora_scale',
      'POST /sprite/generate',
    ],
    [
      'sprite.generate: an unknown field',
      () => client.sprite.generate({ prompt: 'coin', steps: 9 } as never),
      'steps',
      'POST /sprite/generate',
    ],
    [
      'model3d.generate: both text and image',
      () => client.model3d.generate({ text: 'a chair', image: base64(PNG) }),
      'text',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: neither text nor image',
      () => client.model3d.generate({}),
      'text',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: text over 600 characters',
      () => client.model3d.generate({ text: 'x'.repeat(601) }),
      'text',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: image that is neither base64 nor a URL (a remote file is not fetched)',
      () => client.model3d.generate({ image: 'not base64!' }),
      'image',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: a file image is not read when another field is bad',
      () => client.model3d.generate({ image: remote, octree_resolution: 32 }),
      'octree_resolution',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: target_faces below 500',
      () => client.model3d.generate({ text: 'a chair', target_faces: 100 }),
      'target_faces',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: guidance_scale above 15',
      () => client.model3d.generate({ text: 'a chair', guidance_scale: 16 }),
      'guidance_scale',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: an unknown subject',
      () => client.model3d.generate({ text: 'a cat', subject: 'animal' as never }),
      'subject',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: seed below -1',
      () => client.model3d.generate({ text: 'a chair', seed: -2 }),
      'seed',
      'POST /model3d/generate',
    ],
    [
      'model3d.generate: an empty backend',
      () => client.model3d.generate({ text: 'a chair' }, { model: '' }),
      'model',
      'POST /model3d/generate',
    ],
    [
      'model3d.download: an id the server would rewrite',
      () => client.model3d.download('a1b2-c3d4'),
      'model_id',
      'GET /model3d/download/{model_id}',
    ],
    [
      'model3d.reference: an empty id',
      () => client.model3d.reference(''),
      'model_id',
      'GET /model3d/ref/{model_id}',
    ],
    [
      'model3d.list: limit 0',
      () => client.model3d.list({ limit: 0 }),
      'limit',
      'GET /model3d/list',
    ],
    [
      'comfy.prompt: an empty workflow',
      () => client.comfy.prompt({ prompt: {} }),
      'prompt',
      'POST /prompt',
    ],
    [
      'comfy.prompt: a node without class_type',
      () => client.comfy.prompt({ prompt: { '3': { inputs: { steps: 9 } } } as never }),
      'prompt.3.class_type',
      'POST /prompt',
    ],
    [
      'comfy.prompt: ComfyUI extra_data, which this server ignores',
      () => client.comfy.prompt({ prompt: WORKFLOW, extra_data: {} } as never),
      'extra_data',
      'POST /prompt',
    ],
    [
      'comfy.clearQueue: neither clear nor delete',
      () => client.comfy.clearQueue({}),
      'clear',
      'POST /queue',
    ],
    [
      'comfy.clearHistory: delete holding an empty id',
      () => client.comfy.clearHistory({ delete: [''] }),
      'delete.0',
      'POST /history',
    ],
    [
      'comfy.historyEntry: an empty prompt id',
      () => client.comfy.historyEntry(''),
      'prompt_id',
      'GET /history/{prompt_id}',
    ],
    [
      'comfy.view: a file name with a path',
      () => client.comfy.view({ filename: '../secrets.png' }),
      'filename',
      'GET /view',
    ],
    [
      'comfy.view: a subfolder with a path',
      () => client.comfy.view({ filename: 'a.png', subfolder: 'a/b' }),
      'subfolder',
      'GET /view',
    ],
    [
      'comfy.view: no file name',
      () => client.comfy.view({ filename: '' }),
      'filename',
      'GET /view',
    ],
    [
      'comfy.nodeInfo: an empty class',
      () => client.comfy.nodeInfo(''),
      'node_class',
      'GET /object_info/{node_class}',
    ],
  ]

  it.each(cases)('%s', (_name, call, field, what) =>
    expectRejectedBeforeNetwork(call, field, what, sent),
  )
})
