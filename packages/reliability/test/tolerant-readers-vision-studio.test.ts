/**
 * Vision Studio's response readers against the tolerance property (`fixtures/tolerance.ts`):
 * every schema the client reads an answer with — the envelope; the `result` of each kind of
 * answer (prompt, caption, media, upload, LoRA records and lists, confirmations, cancel, health);
 * the accepted answers of the three providers' asynchronous calls (read into a task); and the
 * three status answers (Bria's `BriaStatusResponse`, Firefly's and Runway's envelope `result`)
 * read into task statuses. Strict only on what the code needs: a status word, a task id, the
 * media URLs an output is read from, a LoRA record's id. (The generated request schemas are
 * writers, not readers.)
 *
 * The document's own 200 examples all answer `"result": null`, so the samples are the answers
 * the emulator gives (its reading of the document's prose), each with every field it sends.
 */
import {
  briaImageGenerateEndpoint,
  briaStatusResponseSchema,
  cancelResultSchema,
  captionResultSchema,
  createTransport,
  envelopeSchema,
  fireflyImageGenerateEndpoint,
  fireflyStatusResultSchema,
  healthResultSchema,
  loraDatasetListSchema,
  loraDatasetSchema,
  loraImageListSchema,
  loraImageSchema,
  loraMessageSchema,
  loraModelListSchema,
  loraModelSchema,
  loraProjectListSchema,
  loraProjectSchema,
  mediaResultSchema,
  mediaUrls,
  promptResultSchema,
  runwayImageGenerateEndpoint,
  runwayTaskResultSchema,
  uploadResultSchema,
  type VisionStudioEndpoint,
} from '@atelier/vision-studio'
import { afterAll, describe, it } from 'vitest'
import {
  checkTolerance,
  type Parsed,
  parserOf as parser,
  type SafeParser,
  type ToleranceCase,
} from '../../../fixtures/tolerance'
import { taskStatusOf } from '../../vision-studio/src/client/tasks'
import { promptsOf } from '../../vision-studio/src/driver/text'
import { captionText } from '../../vision-studio/src/driver/vision'
import { recordFigures } from '../src/figures'

const RUNS = 200
let toleranceCases = 0
afterAll(() => recordFigures('tolerant-readers-vision-studio', { toleranceCases }))

/** Parsed, then `check` on what was read (the driver's next step): a message when it cannot go on. */
const readerThen =
  (schema: SafeParser, check: (data: unknown) => string | undefined) =>
  (answer: unknown): Parsed => {
    const parsed = parser(schema)(answer)
    if (!parsed.success) return parsed
    const problem = check(parsed.data)
    return problem === undefined ? parsed : { success: false, error: problem }
  }

/** A status answer read as the driver reads it: parsed, then a task status in `state` (with URLs when completed). */
const statusReader = (schema: SafeParser, route: 'bria' | 'firefly' | 'runway', state: string) =>
  readerThen(schema, (data) => {
    const status = taskStatusOf(route, data)
    return status.state !== state || (state === 'completed' && status.urls.length === 0)
      ? `read as ${JSON.stringify(status)}`
      : undefined
  })

/** A media result read as the driver reads it: parsed, then its output URLs found. */
const mediaReader = readerThen(mediaResultSchema, (data) =>
  mediaUrls(data).length ? undefined : 'no output URL found',
)

const transport = createTransport({ baseUrl: 'https://studio.test', apiKey: 'vs_test_key' })

/**
 * An accepted answer read as the transport reads it: a task with the provider's id. What is
 * compared is the task's `accepted` record (the answer as kept beside the task).
 */
const acceptedReader =
  (endpoint: VisionStudioEndpoint, taskId: string) =>
  (answer: unknown): Parsed => {
    try {
      const task = transport.task(endpoint, answer, 200)
      return task.taskId === taskId
        ? { success: true, data: task.accepted }
        : { success: false, error: `task id read as ${task.taskId}` }
    } catch (error) {
      return { success: false, error }
    }
  }

const CREATED = '2025-03-14T09:26:53.000Z'

const project = (id: number) => ({
  id,
  project_name: `Mascots ${id}`,
  project_description: 'The brand mascots in their poses',
  ip_name: 'Pip',
  ip_description: 'A small round robot with one antenna',
  ip_medium: 'illustration',
  ip_type: 'defined_character',
  created_at: CREATED,
})
const dataset = (id: number) => ({
  id,
  project_id: 1,
  name: `Poses ${id}`,
  caption_prefix: 'Pip the robot, ',
  status: 'draft',
  created_at: CREATED,
})
const loraImage = (id: number) => ({
  id,
  dataset_id: 3,
  image_name: `pip-${id}.png`,
  image_url: `https://cdn.studio.test/lora/pip-${id}.png`,
  file_path: `/data/lora/3/pip-${id}.png`,
  caption: 'Pip the robot waving',
})
const loraModel = (id: number) => ({
  id,
  dataset_id: 3,
  name: `pip-v${id}`,
  description: 'Pip, light training',
  training_version: 'light',
  status: 'training',
  created_at: CREATED,
})

const cases: ToleranceCase[] = [
  {
    name: 'the envelope',
    sample: { status: 'success', result: { image_url: 'https://cdn.test/a.png' } },
    parse: parser(envelopeSchema),
    required: ['status', 'result', 'result.image_url'],
  },
  {
    name: 'prompt result (prompt tools)',
    sample: {
      prompt: 'a red panda on a branch, professional photography, soft natural light',
      model_provider: 'openai',
      temperature: 0.7,
    },
    parse: readerThen(promptResultSchema, (data) =>
      promptsOf(data).length ? undefined : 'no prompt found',
    ),
    required: ['prompt'],
  },
  {
    name: 'prompt result (Bria enhancer)',
    sample: {
      prompt_variations: [
        'a red panda, highly detailed, cinematic lighting',
        'a red panda, soft pastel tones, studio light',
      ],
    },
    parse: readerThen(promptResultSchema, (data) =>
      promptsOf(data).length === 2 ? undefined : 'the variations were lost',
    ),
    required: ['prompt_variations', 'prompt_variations.*'],
  },
  {
    name: 'caption result (caption and tags)',
    sample: { caption: 'A cat resting on a grey sofa.', tags: ['cat', 'sofa', 'window'] },
    parse: readerThen(captionResultSchema, (data) =>
      captionText(data).text === 'A cat resting on a grey sofa.' ? undefined : 'caption lost',
    ),
    required: ['caption'],
  },
  {
    name: 'caption result (timed segments)',
    sample: {
      segments: [
        { start: 0, end: 4, caption: 'Scene 1' },
        { start: 4, end: 8, caption: 'Scene 2', tags: ['cat', 'sofa'] },
      ],
    },
    parse: readerThen(captionResultSchema, (data) =>
      captionText(data).text.split('\n').length === 2 ? undefined : 'segments lost',
    ),
    required: ['segments', 'segments.*'],
  },
  {
    name: 'media result (images)',
    sample: {
      image_url: 'https://cdn.studio.test/files/a.png',
      image_urls: ['https://cdn.studio.test/files/a.png', 'https://cdn.studio.test/files/b.png'],
      seed: 421_337,
      prompt: 'a red panda',
      refined_prompt: 'a red panda on a mossy branch, soft morning light',
      text: 'Here are two pictures of a red panda.',
    },
    parse: mediaReader,
    // The URLs a result is read from: the list; the single `image_url` repeats its first.
    required: ['image_urls', 'image_urls.*'],
  },
  {
    name: 'media result (video)',
    sample: {
      video_url: 'https://cdn.studio.test/files/v.mp4',
      video_urls: ['https://cdn.studio.test/files/v.mp4'],
      seed: 7,
    },
    parse: mediaReader,
    required: ['video_url'],
  },
  {
    name: 'upload result (Firefly)',
    sample: { images: [{ id: 'upload-7f3a' }] },
    parse: parser(uploadResultSchema),
    required: ['images', 'images.*.id'],
  },
  {
    name: 'bria accepted answer',
    sample: {
      request_id: 'req_9f2c',
      status_url: 'https://studio.test/api/v1/bria/status/req_9f2c',
    },
    parse: acceptedReader(briaImageGenerateEndpoint, 'req_9f2c'),
    required: ['request_id'],
  },
  {
    name: 'firefly accepted answer',
    sample: {
      jobId: 'ff_123',
      statusUrl: 'https://studio.test/api/v1/firefly/status/ff_123',
      cancelUrl: 'https://studio.test/api/v1/firefly/cancel/ff_123',
    },
    parse: acceptedReader(fireflyImageGenerateEndpoint, 'ff_123'),
    required: ['jobId'],
  },
  {
    name: 'runway accepted answer',
    sample: { id: 'rw_456', status: 'PENDING', createdAt: CREATED },
    parse: acceptedReader(runwayImageGenerateEndpoint, 'rw_456'),
    required: ['id'],
    timestamps: ['createdAt'],
  },
  {
    name: 'bria status, completed',
    sample: {
      status: 'COMPLETED',
      request_id: 'req_9f2c',
      // `result` is opaque to the reader (a record the driver only searches for URLs), so the
      // sample holds no number there that the property would send as text.
      result: { image_url: 'https://cdn.bria.test/out.png', prompt: 'a red panda' },
      error: null,
    },
    parse: statusReader(briaStatusResponseSchema, 'bria', 'completed'),
    required: ['status', 'result', 'result.image_url'],
  },
  {
    name: 'bria status, in progress',
    sample: { status: 'IN_PROGRESS', request_id: 'req_9f2c', result: null, error: null },
    parse: statusReader(briaStatusResponseSchema, 'bria', 'running'),
    required: ['status'],
  },
  {
    name: 'firefly status, succeeded',
    sample: {
      jobId: 'ff_123',
      status: 'succeeded',
      progress: 100,
      result: { outputs: [{ image: { url: 'https://ff.test/a.png' } }] },
    },
    parse: statusReader(fireflyStatusResultSchema, 'firefly', 'completed'),
    required: ['status', 'result', 'result.outputs', 'result.outputs.*.image.url'],
  },
  {
    name: 'firefly status, running',
    sample: { jobId: 'ff_123', status: 'running', progress: 40 },
    parse: statusReader(fireflyStatusResultSchema, 'firefly', 'running'),
    required: ['status'],
  },
  {
    name: 'runway task, succeeded',
    sample: {
      id: 'rw_456',
      status: 'SUCCEEDED',
      progress: 1,
      output: ['https://rw.test/v.mp4'],
      createdAt: CREATED,
    },
    parse: statusReader(runwayTaskResultSchema, 'runway', 'completed'),
    required: ['status', 'output', 'output.*'],
    timestamps: ['createdAt'],
  },
  {
    name: 'runway task, running',
    sample: { id: 'rw_456', status: 'RUNNING', progress: 0.4, createdAt: CREATED },
    parse: statusReader(runwayTaskResultSchema, 'runway', 'running'),
    required: ['status'],
    timestamps: ['createdAt'],
  },
  {
    name: 'cancel answer',
    sample: { message: 'Task canceled', task_id: 'ff_123' },
    parse: parser(cancelResultSchema),
    required: [],
  },
  {
    name: 'health answer',
    sample: { status: 'healthy', version: '1.4.0' },
    parse: parser(healthResultSchema),
    required: [],
  },
  {
    name: 'LoRA project',
    sample: project(1),
    parse: parser(loraProjectSchema),
    required: ['id'],
    timestamps: ['created_at'],
  },
  {
    name: 'LoRA project list',
    sample: [project(1), project(2)],
    parse: parser(loraProjectListSchema),
    required: ['*.id'],
    timestamps: ['*.created_at'],
  },
  {
    name: 'LoRA dataset',
    sample: dataset(3),
    parse: parser(loraDatasetSchema),
    required: ['id'],
    timestamps: ['created_at'],
  },
  {
    name: 'LoRA dataset list',
    sample: [dataset(3), dataset(4)],
    parse: parser(loraDatasetListSchema),
    required: ['*.id'],
    timestamps: ['*.created_at'],
  },
  {
    name: 'LoRA image',
    sample: loraImage(7),
    parse: parser(loraImageSchema),
    required: ['id'],
  },
  {
    name: 'LoRA image list',
    sample: [loraImage(7), loraImage(8)],
    parse: parser(loraImageListSchema),
    required: ['*.id'],
  },
  {
    name: 'LoRA model',
    sample: loraModel(5),
    parse: parser(loraModelSchema),
    required: ['id'],
    timestamps: ['created_at'],
  },
  {
    name: 'LoRA model list',
    sample: [loraModel(5), loraModel(6)],
    parse: parser(loraModelListSchema),
    required: ['*.id'],
    timestamps: ['*.created_at'],
  },
  {
    name: 'LoRA confirmation',
    sample: { message: 'Project 1 deleted' },
    parse: parser(loraMessageSchema),
    required: [],
  },
]

describe('Vision Studio readers take any plausible answer (tolerance property)', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      toleranceCases += checkTolerance(testCase, RUNS)
    })
  }
})
