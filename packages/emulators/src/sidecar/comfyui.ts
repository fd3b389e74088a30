/**
 * The ComfyUI-compatible routes at the root (routers/comfyui.py @ 596c338d,
 * comfyui/workflow_parser.py and comfyui/node_info.py @ 7a80ef00): `POST /prompt`,
 * `GET|POST /queue`, `GET|POST /history`, `GET /history/{prompt_id}`, `GET /view`,
 * `GET /system_stats`, `GET /object_info[/{node_class}]`, `GET /embeddings`. The WebSocket
 * (`/ws`) is not emulated.
 *
 * A workflow is read the way the server reads it: the first KSampler (or KSamplerAdvanced, or
 * anything named like a sampler) gives steps (9), cfg (0.0) and seed; its `positive`/`negative`
 * inputs lead to CLIPTextEncode texts; an EmptyLatentImage gives the size (1024²); the
 * SaveImage/PreviewImage node's id keys the outputs (`"output"` without one). The result must
 * pass `GenerateRequest` (steps 1-100, sides 64-2048, prompt up to 4096 characters), else 400
 * `{"detail": {"error": "Failed to parse workflow: ...", "node_errors": {}}}`.
 *
 * Each prompt runs on `z-image-turbo` in the background (`processing` as soon as it starts, then
 * waiting for the GPU, one step per `imageStepMs`) without touching `/progress`, and saves
 * `ComfyUI_00001_.png`, ... (a global counter) for `/view`. `GET /history/{id}` is `{}` until
 * the prompt finished. Deviation: `/system_stats` describes an emulated GPU.
 */
import { encodePng } from '../media'
import type { ComfyJob, SidecarContext } from './context'
import { EmulatorResetError } from './context'
import { parseRequest } from './fastapi'
import { optional, PyFloat, required, str, validateModel, validationErrorText } from './pydantic'
import { HttpError, json, media, UncaughtError } from './responses'
import type { Router } from './router'
import {
  GenerateRequest,
  type GenerateRequestValue,
  optionalDictBody,
  resolveGenerateRequest,
} from './schemas'

type Node = { class_type?: unknown; inputs?: Record<string, unknown> }
type Workflow = Record<string, unknown>

const SAMPLERS = [
  'euler',
  'euler_ancestral',
  'heun',
  'dpm_2',
  'dpm_2_ancestral',
  'lms',
  'dpm_fast',
  'dpm_adaptive',
  'dpmpp_2s_ancestral',
  'dpmpp_sde',
  'dpmpp_2m',
  'ddim',
  'uni_pc',
]

/** `NODE_INFO`. The KSampler seed's maximum is 2⁶⁴-1, beyond a JavaScript number: a BigInt. */
export const NODE_INFO: Record<string, unknown> = {
  CheckpointLoaderSimple: {
    input: { required: { ckpt_name: [['z-image-turbo.safetensors']] } },
    input_order: { required: ['ckpt_name'] },
    output: ['MODEL', 'CLIP', 'VAE'],
    output_is_list: [false, false, false],
    output_name: ['MODEL', 'CLIP', 'VAE'],
    name: 'CheckpointLoaderSimple',
    display_name: 'Load Checkpoint',
    category: 'loaders',
    output_node: false,
  },
  KSampler: {
    input: {
      required: {
        model: ['MODEL'],
        seed: ['INT', { default: 0, min: 0, max: 0xffffffffffffffffn }],
        steps: ['INT', { default: 9, min: 1, max: 100 }],
        cfg: [
          'FLOAT',
          { default: new PyFloat(0), min: new PyFloat(0), max: new PyFloat(100), step: 0.1 },
        ],
        sampler_name: [SAMPLERS],
        scheduler: [['normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform']],
        positive: ['CONDITIONING'],
        negative: ['CONDITIONING'],
        latent_image: ['LATENT'],
        denoise: [
          'FLOAT',
          { default: new PyFloat(1), min: new PyFloat(0), max: new PyFloat(1), step: 0.01 },
        ],
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
  },
  CLIPTextEncode: {
    input: {
      required: { text: ['STRING', { multiline: true, dynamicPrompts: true }], clip: ['CLIP'] },
    },
    input_order: { required: ['text', 'clip'] },
    output: ['CONDITIONING'],
    output_is_list: [false],
    output_name: ['CONDITIONING'],
    name: 'CLIPTextEncode',
    display_name: 'CLIP Text Encode (Prompt)',
    category: 'conditioning',
    output_node: false,
  },
  EmptyLatentImage: {
    input: {
      required: {
        width: ['INT', { default: 1024, min: 16, max: 16384, step: 8 }],
        height: ['INT', { default: 1024, min: 16, max: 16384, step: 8 }],
        batch_size: ['INT', { default: 1, min: 1, max: 4096 }],
      },
    },
    input_order: { required: ['width', 'height', 'batch_size'] },
    output: ['LATENT'],
    output_is_list: [false],
    output_name: ['LATENT'],
    name: 'EmptyLatentImage',
    display_name: 'Empty Latent Image',
    category: 'latent',
    output_node: false,
  },
  VAEDecode: {
    input: { required: { samples: ['LATENT'], vae: ['VAE'] } },
    input_order: { required: ['samples', 'vae'] },
    output: ['IMAGE'],
    output_is_list: [false],
    output_name: ['IMAGE'],
    name: 'VAEDecode',
    display_name: 'VAE Decode',
    category: 'latent',
    output_node: false,
  },
  SaveImage: {
    input: {
      required: { images: ['IMAGE'], filename_prefix: ['STRING', { default: 'ComfyUI' }] },
    },
    input_order: { required: ['images', 'filename_prefix'] },
    output: [],
    output_is_list: [],
    output_name: [],
    name: 'SaveImage',
    display_name: 'Save Image',
    category: 'image',
    output_node: true,
  },
  PreviewImage: {
    input: { required: { images: ['IMAGE'] } },
    input_order: { required: ['images'] },
    output: [],
    output_is_list: [],
    output_name: [],
    name: 'PreviewImage',
    display_name: 'Preview Image',
    category: 'image',
    output_node: true,
  },
}

const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const classType = (node: Node): string =>
  typeof node.class_type === 'string' ? node.class_type : ''

const input = (node: Node, key: string): unknown =>
  isNode(node.inputs) ? (node.inputs as Record<string, unknown>)[key] : undefined

const nodesOfType = (workflow: Workflow, type: string): [string, Node][] =>
  Object.entries(workflow).filter(
    (entry): entry is [string, Node] => isNode(entry[1]) && entry[1].class_type === type,
  )

const resolveRef = (workflow: Workflow, ref: unknown): Node | undefined => {
  if (Array.isArray(ref) && ref.length >= 2) {
    const target = workflow[String(ref[0])]
    return isNode(target) ? target : undefined
  }
  return undefined
}

const pyTypeName = (value: unknown): string =>
  value === null || value === undefined
    ? 'NoneType'
    : Array.isArray(value)
      ? 'list'
      : typeof value === 'object'
        ? 'dict'
        : typeof value

/** Python's `int()` of a workflow value (a float truncates, a numeric string parses). */
function pyInt(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value)
  throw new Error(
    typeof value === 'string'
      ? `invalid literal for int() with base 10: '${value}'`
      : `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`,
  )
}

function pyFloat(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value)
  }
  throw new Error(`could not convert string to float: '${String(value)}'`)
}

function followText(workflow: Workflow, node: Node, name: string): string {
  const ref = input(node, name)
  if (ref === undefined || ref === null) return ''
  if (typeof ref === 'string') return ref
  const target = resolveRef(workflow, ref)
  if (!target) return ''
  const type = classType(target)
  if (type === 'CLIPTextEncode') {
    const text = input(target, 'text')
    return typeof text === 'string' ? text : ''
  }
  if (type.includes('CLIPTextEncode')) {
    for (const key of ['text', 'text_g', 'text_l']) {
      const text = input(target, key)
      if (typeof text === 'string' && text) return text
    }
  }
  for (const key of ['conditioning_1', 'conditioning', 'positive']) {
    const sub = input(target, key)
    if (sub === undefined || sub === null) continue
    const subNode = resolveRef(workflow, sub)
    if (subNode && classType(subNode).includes('CLIPTextEncode')) {
      const text = input(subNode, 'text')
      if (typeof text === 'string' && text) return text
    }
  }
  return ''
}

/** `parse_workflow`: the generation request and the output node id, or the error text. */
export function parseWorkflow(workflow: Workflow): {
  request: Record<string, unknown>
  saveNodeId: string
} {
  let samplers = nodesOfType(workflow, 'KSampler')
  if (samplers.length === 0) samplers = nodesOfType(workflow, 'KSamplerAdvanced')
  if (samplers.length === 0) {
    samplers = Object.entries(workflow).filter(
      (entry): entry is [string, Node] =>
        isNode(entry[1]) && classType(entry[1]).toLowerCase().includes('sampler'),
    )
  }
  let steps = 9
  let cfg = 0
  let seed: number | null = null
  let positive = ''
  let negative = ''
  let width = 1024
  let height = 1024
  const sampler = samplers[0]?.[1]
  if (sampler) {
    const rawSteps = input(sampler, 'steps')
    steps = rawSteps === undefined ? 9 : pyInt(rawSteps)
    const rawCfg = input(sampler, 'cfg')
    cfg = rawCfg === undefined ? 0 : pyFloat(rawCfg)
    const rawSeed = input(sampler, 'seed')
    seed = typeof rawSeed === 'number' ? Math.trunc(rawSeed) : null
    positive = followText(workflow, sampler, 'positive')
    negative = followText(workflow, sampler, 'negative')
    const ref = input(sampler, 'latent_image')
    const target = ref ? resolveRef(workflow, ref) : undefined
    const latent =
      target && target.class_type === 'EmptyLatentImage'
        ? target
        : nodesOfType(workflow, 'EmptyLatentImage')[0]?.[1]
    if (latent) {
      const w = input(latent, 'width')
      const h = input(latent, 'height')
      width = w === undefined ? 1024 : pyInt(w)
      height = h === undefined ? 1024 : pyInt(h)
    }
  } else {
    for (const [, node] of nodesOfType(workflow, 'CLIPTextEncode')) {
      const text = input(node, 'text')
      if (typeof text === 'string' && text && !positive) positive = text
    }
  }
  if (!positive) positive = 'a beautiful image'
  const save =
    nodesOfType(workflow, 'SaveImage')[0]?.[0] ?? nodesOfType(workflow, 'PreviewImage')[0]?.[0]
  return {
    request: {
      prompt: positive,
      negative_prompt: negative,
      num_inference_steps: steps,
      cfg_scale: cfg,
      seed: seed && seed >= 0 ? seed : null,
      width,
      height,
    },
    saveNodeId: save ?? 'output',
  }
}

const promptError = (error: string) => new HttpError(400, { detail: { error, node_errors: {} } })

const historyEntry = (job: ComfyJob) => ({
  prompt: [0, job.promptId, job.workflow, {}, [job.saveNodeId]],
  outputs: job.outputs,
  status: {
    status_str: job.status === 'completed' ? 'success' : 'error',
    completed: true,
    messages: job.error ? [['execution_error', { message: job.error }]] : [],
  },
})

/** `request["delete"]` iterated as Python would: a list's items, a string's characters. */
function deletions(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'string') return [...value]
  if (value !== null && typeof value === 'object') return Object.keys(value)
  throw new UncaughtError(`'${typeof value}' object is not iterable`)
}

export function registerComfyRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings } = ctx

  const remaining = () =>
    [...state.comfyJobs.values()].filter(
      (job) => job.status === 'queued' || job.status === 'processing',
    ).length

  const run = (
    job: ComfyJob,
    request: GenerateRequestValue & { width: number; height: number },
  ) => {
    ctx.background(() => {
      // Dropped before its task started: the server's task dies on the missing key.
      if (state.comfyJobs.get(job.promptId) !== job) return
      job.status = 'processing'
      const end = gpu.begin()
      gpu
        .use('z-image-turbo', `POST /prompt ${job.promptId}`, () =>
          gpu.steps(job.totalSteps, timings.imageStepMs, (step) => {
            job.currentStep = step
          }),
        )
        .then(
          () => {
            state.comfyCounter += 1
            const filename = `ComfyUI_${String(state.comfyCounter).padStart(5, '0')}_.png`
            state.comfyFiles.set(filename, {
              width: request.width,
              height: request.height,
              seed: request.seed ?? ctx.randomSeed(),
            })
            job.status = 'completed'
            job.currentStep = job.totalSteps
            job.outputs = {
              [job.saveNodeId]: { images: [{ filename, subfolder: '', type: 'output' }] },
            }
          },
          (error: unknown) => {
            if (error instanceof EmulatorResetError) return
            job.status = 'failed'
            job.error = error instanceof Error ? error.message : String(error)
          },
        )
        .finally(end)
    })
  }

  router.add('POST', '/prompt', async (request) => {
    let payload: unknown
    try {
      payload = JSON.parse(await request.text())
    } catch {
      throw promptError('Request body must be valid JSON')
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw promptError('Request body must be a JSON object')
    }
    const workflow = (payload as Record<string, unknown>).prompt
    if (!isNode(workflow) || Object.keys(workflow).length === 0) {
      throw promptError("Missing or invalid 'prompt' field")
    }
    let parsed: ReturnType<typeof parseWorkflow>
    try {
      parsed = parseWorkflow(workflow as Workflow)
    } catch (error) {
      throw promptError(
        `Failed to parse workflow: ${error instanceof Error ? error.message : error}`,
      )
    }
    const built = validateModel<GenerateRequestValue>(GenerateRequest, parsed.request)
    if (!built.ok) {
      throw promptError(
        `Failed to parse workflow: ${validationErrorText('GenerateRequest', built.errors)}`,
      )
    }
    const generate = resolveGenerateRequest(built.value)
    const job: ComfyJob = {
      promptId: ctx.newId(12),
      status: 'queued',
      workflow,
      saveNodeId: parsed.saveNodeId,
      outputs: {},
      error: null,
      totalSteps: generate.num_inference_steps || 9,
      currentStep: 0,
    }
    state.comfyJobs.set(job.promptId, job)
    run(job, generate)
    return json({ prompt_id: job.promptId, number: remaining() - 1 })
  })

  router.add('GET', '/queue', async () => {
    const entry = (job: ComfyJob) => [0, job.promptId, job.workflow, {}, [job.saveNodeId]]
    const jobs = [...state.comfyJobs.values()]
    return json({
      queue_running: jobs.filter((job) => job.status === 'processing').map(entry),
      queue_pending: jobs.filter((job) => job.status === 'queued').map(entry),
    })
  })

  const clearing =
    (finished: boolean) => async (request: Request, params: Record<string, string>) => {
      const { body } = await parseRequest(request, params, { bodyField: optionalDictBody })
      const order = body as Record<string, unknown> | null
      if (order?.clear) {
        for (const [id, job] of state.comfyJobs) {
          const done = job.status === 'completed' || job.status === 'failed'
          if (finished ? done : job.status === 'queued') state.comfyJobs.delete(id)
        }
      }
      if (order && 'delete' in order) {
        for (const id of deletions(order.delete)) {
          if (typeof id === 'object' && id !== null)
            throw new UncaughtError("unhashable type: 'list'")
          state.comfyJobs.delete(String(id))
        }
      }
      return json({})
    }

  router.add('POST', '/queue', clearing(false))

  router.add('GET', '/history', async () => {
    const body: Record<string, unknown> = {}
    for (const [id, job] of state.comfyJobs) {
      if (job.status === 'completed' || job.status === 'failed') body[id] = historyEntry(job)
    }
    return json(body)
  })

  router.add('GET', '/history/{prompt_id}', async (_request, { prompt_id = '' }) => {
    const job = state.comfyJobs.get(prompt_id)
    if (!job || job.status === 'queued' || job.status === 'processing') return json({})
    return json({ [prompt_id]: historyEntry(job) })
  })

  router.add('POST', '/history', clearing(true))

  router.add('GET', '/view', async (request, params) => {
    const { query } = await parseRequest(request, params, {
      query: {
        filename: required(str()),
        subfolder: optional(str(), ''),
        type: optional(str(), 'output'),
      },
    })
    const basename = (path: string) => path.split('/').at(-1) ?? ''
    const filename = basename(query.filename as string)
    const subfolder = query.subfolder ? basename(query.subfolder as string) : ''
    const file = subfolder ? undefined : state.comfyFiles.get(filename)
    if (!file) throw new HttpError(404, 'File not found')
    return media(encodePng(file), 'image/png')
  })

  router.add('GET', '/system_stats', async () => {
    const total = 25_757_220_864
    return json({
      system: {
        os: 'linux',
        python_version: '3.12.3',
        embedded_python: false,
        comfyui_version: '0.0.1',
      },
      devices: [
        {
          name: 'NVIDIA GeForce RTX 4090 (emulated)',
          type: 'cuda',
          index: 0,
          vram_total: total,
          vram_free: total - 2_000_000_000,
          torch_vram_total: total,
          torch_vram_free: total - 2_000_000_000,
        },
      ],
    })
  })

  router.add('GET', '/object_info', async () => json(NODE_INFO))

  router.add('GET', '/object_info/{node_class}', async (_request, { node_class = '' }) => {
    if (!(node_class in NODE_INFO)) throw new HttpError(404, `Node class not found: ${node_class}`)
    return json({ [node_class]: NODE_INFO[node_class] })
  })

  router.add('GET', '/embeddings', async () => json([]))
}
