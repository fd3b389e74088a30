/**
 * Vision results and custom models: detections placed inside the sent image, web matches in
 * the gcvision or tineye shape, and training runs that progress with time and leave a custom
 * model behind. Deviation: nothing looks at pixels; detections are made up but consistent
 * (labels from the model, the prompt or the trained classes; boxes inside the image).
 */
import { encodePng } from '../media'
import { writeZip, zipEntries } from '../media/zip'
import { decodeBase64, sniffImage } from '../sidecar/input-image'
import type { CustomModel, TrainingJob } from './context'
import { CanaryHttpError, EmbeddedMedia } from './responses'
import type { ResultContext } from './results'

/** Built-in models, as `GET /api/vision/models` lists them. */
export const BUILT_IN_MODELS = [
  { id: 'yolo11n', name: 'YOLO11 nano', type: 'object' },
  { id: 'yolo11s', name: 'YOLO11 small', type: 'object' },
  { id: 'yolo11m', name: 'YOLO11 medium', type: 'object' },
  { id: 'florence-2-base', name: 'Florence-2 base', type: 'zero-shot' },
  { id: 'haarcascade', name: 'Haar cascade', type: 'face' },
  { id: 'mediapipe', name: 'MediaPipe face detection', type: 'face' },
  { id: 'yolo-face', name: 'YOLO face', type: 'face' },
] as const

const COCO_LABELS = ['person', 'bottle', 'cup', 'chair', 'laptop', 'dog']
/** Confidences of the made-up detections, best first; the request's threshold cuts them. */
const CONFIDENCES = [0.94, 0.81, 0.62, 0.41, 0.22, 0.12]

/** Size of a base64 PNG or JPEG, or 400 when it is not one. */
export function imageSizeOf(base64: string, field = 'image'): { width: number; height: number } {
  const image = sniffImage(decodeBase64(base64))
  if (!image) {
    throw new CanaryHttpError(
      400,
      'INVALID_IMAGE',
      `${field} is not a PNG, JPEG, WebP or GIF image`,
      [{ path: field, message: 'is not an image', code: 'invalid_image' }],
    )
  }
  return { width: image.width, height: image.height }
}

/** Labels a detect request looks for. */
function labelsFor(body: Record<string, unknown>, context: ResultContext): string[] {
  if (typeof body.prompt === 'string') {
    return body.prompt
      .split(/[,;]/)
      .map((label) => label.trim().replace(/\s+/g, '-'))
      .filter(Boolean)
  }
  if (body.endpoint === 'faces') return ['face']
  const custom = typeof body.model === 'string' ? context.customClasses(body.model) : undefined
  return custom ?? COCO_LABELS.slice(0, 3)
}

/** `result` of object, zero-shot and face detection. */
export function detectionResult(body: Record<string, unknown>, context: ResultContext): unknown {
  const size = imageSizeOf(String(body.image))
  const faces = body.endpoint === 'faces'
  const threshold = typeof body.confidence === 'number' ? body.confidence : faces ? 0.5 : 0.25
  const labels = labelsFor(body, context)
  const detections: Record<string, unknown>[] = []
  CONFIDENCES.forEach((confidence, index) => {
    if (confidence < threshold) return
    const label = labels[index % labels.length]!
    const width = Math.max(1, Math.round(size.width / 4))
    const height = Math.max(1, Math.round(size.height / 3))
    detections.push({
      label,
      confidence,
      bbox: {
        x: Math.round(((index * 37) % 3) * (size.width / 4)),
        y: Math.round(((index * 17) % 2) * (size.height / 3)),
        width,
        height,
      },
    })
  })
  for (const detection of detections) {
    detection.count = detections.filter((other) => other.label === detection.label).length
  }
  const model =
    typeof body.model === 'string'
      ? body.model
      : typeof body.prompt === 'string'
        ? 'florence-2-base'
        : faces
          ? 'haarcascade'
          : 'yolo11n'
  const seed = Math.floor(context.random() * 2 ** 31)
  return {
    detections,
    model,
    inferenceTimeMs: 32,
    imageSize: size,
    ...(faces && body.blur === true
      ? {
          blurredImage: new EmbeddedMedia(() => encodePng({ ...size, seed })),
          blurredImageMimeType: 'image/png',
        }
      : {}),
  }
}

/** `result` of web detection, in the shape of the engine asked for. */
export function webDetectionResult(body: Record<string, unknown>): unknown {
  const max = typeof body.maxResults === 'number' ? body.maxResults : 10
  const take = <T>(items: T[]) => items.slice(0, max)
  if (body.engine === 'tineye') {
    const pages = [
      {
        url: 'https://wp.example/post',
        domain: 'wp.example',
        crawlDate: '2024-09-11',
        score: 0.97,
      },
      {
        url: 'https://news.example/story',
        domain: 'news.example',
        crawlDate: '2024-10-02',
        score: 0.88,
      },
    ]
    return {
      likelyFromWeb: true,
      totalResults: 2,
      totalBacklinks: 3,
      fullMatchingImages: take([{ url: 'https://wp.example/a.jpg', score: 0.97 }]),
      pagesWithMatchingImages: take(pages),
      partialMatchingImages: [],
      visuallySimilarImages: [],
      webEntities: [],
      bestGuessLabels: [],
      model: 'tineye-search',
      provider: 'tineye',
      inferenceTimeMs: 1840,
    }
  }
  return {
    likelyFromWeb: true,
    fullMatchingImages: take([{ url: 'https://stock.example/a.jpg' }]),
    partialMatchingImages: take([{ url: 'https://blog.example/b.jpg', score: 0.7 }]),
    pagesWithMatchingImages: take([{ url: 'https://stock.example/page', pageTitle: 'Storefront' }]),
    visuallySimilarImages: take([
      { url: 'https://sim.example/c.jpg' },
      { url: 'https://sim.example/d.jpg' },
    ]),
    webEntities: take([
      { description: 'storefront', score: 0.9 },
      { description: 'shop window', score: 0.6 },
    ]),
    bestGuessLabels: ['storefront'],
    model: 'web-detection',
    provider: 'gcvision',
    inferenceTimeMs: 412,
  }
}

const IMAGE_NAME = /\.(?:png|jpe?g|webp|gif|bmp)$/i

/** Train/val/total image counts of a YOLO dataset zip, or 400 when it is not a zip. */
export function datasetStats(datasetB64: string): { train: number; val: number; total: number } {
  const names = zipEntries(decodeBase64(datasetB64))
  if (!names) {
    throw new CanaryHttpError(400, 'INVALID_DATASET', 'datasetB64 is not a ZIP archive', [
      { path: 'datasetB64', message: 'is not a ZIP archive', code: 'invalid_dataset' },
    ])
  }
  const images = names.filter((name) => IMAGE_NAME.test(name))
  const val = images.filter((name) => /(?:^|\/)val(?:id(?:ation)?)?\//.test(name)).length
  const total = images.length
  return val > 0
    ? { train: total - val, val, total }
    : { train: Math.ceil(total * 0.8), val: total - Math.ceil(total * 0.8), total }
}

/** The training profile the document's table gives for a dataset size. */
export function trainingProfile(total: number): {
  profile: string
  augmentation: string
  epochs: number
} {
  if (total < 50) return { profile: 'small-dataset', augmentation: 'aggressive', epochs: 500 }
  if (total < 200) return { profile: 'medium-dataset', augmentation: 'high', epochs: 300 }
  if (total < 1000) return { profile: 'large-dataset', augmentation: 'standard', epochs: 150 }
  return { profile: 'xlarge-dataset', augmentation: 'standard', epochs: 100 }
}

/** The `POST /api/vision/train` answer for a new run. */
export function trainResponse(
  job: TrainingJob,
  profile: ReturnType<typeof trainingProfile>,
): Record<string, unknown> {
  return {
    jobId: job.jobId,
    status: 'pending',
    datasetStats: job.datasetStats,
    trainingProfile: profile.profile,
    augmentation: profile.augmentation,
    effectiveEpochs: job.effectiveEpochs,
    warnings:
      job.datasetStats.total < 10
        ? ['Fewer than 10 images: consider zero-shot detection instead of training']
        : [],
  }
}

/** `GET /api/vision/train/{jobId}`: progress follows time; a completed run names its model. */
export function trainStatus(job: TrainingJob, now: number): Record<string, unknown> {
  const fraction = job.plannedMs <= 0 ? 1 : Math.min(1, (now - job.startedAt) / job.plannedMs)
  const epoch = Math.floor(fraction * job.effectiveEpochs)
  const completed = fraction >= 1
  return {
    jobId: job.jobId,
    status: completed ? 'completed' : epoch === 0 ? 'pending' : 'training',
    progress: Math.round(fraction * 1000) / 1000,
    epoch,
    totalEpochs: job.effectiveEpochs,
    metrics:
      epoch > 0
        ? {
            mAP50: Math.round((0.5 + 0.4 * fraction) * 1000) / 1000,
            mAP50_95: Math.round((0.3 + 0.35 * fraction) * 1000) / 1000,
            precision: Math.round((0.55 + 0.35 * fraction) * 1000) / 1000,
            recall: Math.round((0.5 + 0.38 * fraction) * 1000) / 1000,
          }
        : null,
    modelId: completed ? job.modelId : null,
    recommended_confidence: completed ? 0.35 : null,
    error: null,
  }
}

/** The custom model a finished run leaves. */
export function customModelOf(job: TrainingJob): CustomModel {
  return {
    id: job.modelId,
    classes: job.classes,
    baseModel: job.baseModel,
    createdAt: new Date(job.startedAt + job.plannedMs).toISOString(),
  }
}

/**
 * Auto-label: a YOLO dataset zip (images split 80/20 into train and val, one label file per
 * image with a box per class, `data.yaml`) and its statistics.
 */
export function autoLabel(
  images: string[],
  classes: string[],
  confidence: number,
): { datasetB64: Uint8Array; stats: Record<string, unknown> } {
  const files: { name: string; data: Uint8Array }[] = []
  const perClass: Record<string, number> = Object.fromEntries(classes.map((name) => [name, 0]))
  const trainCount = Math.max(1, Math.ceil(images.length * 0.8))
  let withDetections = 0
  images.forEach((base64, index) => {
    const bytes = decodeBase64(base64)
    const image = sniffImage(bytes)
    if (!image) {
      throw new CanaryHttpError(400, 'INVALID_IMAGE', `images[${index}] is not an image`, [
        { path: `images.${index}`, message: 'is not an image', code: 'invalid_image' },
      ])
    }
    const split = index < trainCount ? 'train' : 'val'
    const extension = image.format === 'JPEG' ? 'jpg' : image.format.toLowerCase()
    // Every fifth image has nothing above the threshold, so both statistics are exercised.
    const found = confidence < 0.9 && index % 5 !== 4 ? classes : []
    if (found.length) withDetections++
    const lines = found.map((name, at) => {
      perClass[name] = (perClass[name] ?? 0) + 1
      const center = 0.2 + (0.6 * (at + 1)) / (found.length + 1)
      return `${at} ${center.toFixed(4)} 0.5000 0.2000 0.3000`
    })
    files.push({ name: `images/${split}/img_${index}.${extension}`, data: bytes })
    files.push({
      name: `labels/${split}/img_${index}.txt`,
      data: new TextEncoder().encode(lines.join('\n')),
    })
  })
  const yaml = `path: .\ntrain: images/train\nval: images/val\nnames:\n${classes.map((name, index) => `  ${index}: ${name}`).join('\n')}\n`
  files.push({ name: 'data.yaml', data: new TextEncoder().encode(yaml) })
  const totalDetections = Object.values(perClass).reduce((sum, count) => sum + count, 0)
  return {
    datasetB64: writeZip(files),
    stats: {
      totalImages: images.length,
      trainImages: trainCount,
      valImages: images.length - trainCount,
      imagesWithDetections: withDetections,
      imagesWithoutDetections: images.length - withDetections,
      detectionsPerClass: perClass,
      totalDetections,
    },
  }
}
