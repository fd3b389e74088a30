/**
 * What each synchronous operation answers, and what each generation makes: prompt texts,
 * captions and tags, and the files of image, video and speech operations, sized the way
 * the request asks (aspect ratio, canvas size, target size, number of results, duration).
 *
 * Pictures the emulator is given by URL or base64 are not fetched or decoded: edits of such
 * an input come out at 512x512 (an upscale at 512 times the factor).
 */
import type { FileRecipe, VisionStudioContext } from './context'

type Body = Record<string, unknown>

const number = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback)
const text = (value: unknown, fallback: string) =>
  typeof value === 'string' && value !== '' ? value : fallback

/** A prompt tool's `result`. */
export function promptResult(method: string, body: Body): Record<string, unknown> {
  const provider = text(body.model_provider, 'openai')
  const temperature = number(body.temperature, 0.7)
  const audience = text(body.audience, 'everyone')
  const location = text(body.location, 'anywhere')
  const subject = text(body.subject, 'the subject')
  const prompts: Record<string, string> = {
    'prompt.enhance': `${text(body.prompt, '')}, professional photography, soft natural light, rich detail, shallow depth of field`,
    'prompt.adaptBackground': `Adapt the background for ${audience} in ${location}: local colour palette, familiar landmarks, warm welcoming mood`,
    'prompt.generateBackground': `A background for ${audience} in ${location}: wide establishing view, local architecture, golden hour light`,
    'prompt.generateImage': `An image for ${audience} in ${location}: people at ease in a typical street scene, vivid and authentic`,
    'prompt.adaptSubject': `${subject} for ${audience} in ${location}, styled to feel at home there, natural light`,
    'prompt.generateSubjectPose': `${subject} in a three-quarter view, mid-stride, complete and fully visible against a pure white background`,
  }
  if (method === 'bria.prompt.enhance') {
    const base = text(body.prompt, '')
    return {
      prompt_variations: [
        `${base}, highly detailed, cinematic lighting`,
        `${base}, soft pastel tones, studio light`,
      ],
    }
  }
  const prompt = prompts[method]
  if (prompt === undefined) throw new Error(`no prompt answer for ${method}`)
  return { prompt, model_provider: provider, temperature }
}

const TAGS = [
  'cat',
  'sofa',
  'living room',
  'window',
  'daylight',
  'cushion',
  'plant',
  'rug',
  'lamp',
  'book',
]

/** A caption tool's `result`: `{caption}`, `{tags}` or `{segments}` by mode. */
export function captionResult(method: string, body: Body): Record<string, unknown> {
  const mode = text(body.mode, 'simple')
  const count = number(body.nbr_tags, 5)
  const possible = Array.isArray(body.possible_tags) ? (body.possible_tags as string[]) : undefined
  const tags = (possible?.length ? possible : TAGS).slice(0, count)
  if (mode.includes('tagging')) return { tags }
  if (method === 'caption.video' && mode.startsWith('segment_timestamps')) {
    const segments = [0, 1, 2].map((index) => ({
      start: index * 4,
      end: index * 4 + 4,
      ...(mode.endsWith('_tags')
        ? { tags: tags.slice(index, index + 2) }
        : mode.endsWith('_descriptive')
          ? { description: `Scene ${index + 1}: the camera moves slowly across the room.` }
          : { caption: `Scene ${index + 1}` }),
    }))
    return { segments }
  }
  const subject = method === 'caption.video' ? 'A short video of a cat' : 'A cat'
  const detail =
    mode === 'simple'
      ? ''
      : ', seen from a low angle in soft window light, with a green plant behind'
  return { caption: `${subject} resting on a grey sofa${detail}.` }
}

/** Width and height for `W:H` at about one megapixel (multiples of 8). */
export function sizeForRatio(
  ratio: unknown,
  area = 1024 * 1024,
): { width: number; height: number } {
  const match = typeof ratio === 'string' ? /^(\d+):(\d+)$/.exec(ratio) : null
  const w = match ? Number(match[1]) : 1
  const h = match ? Number(match[2]) : 1
  const width = Math.round(Math.sqrt((area * w) / h) / 8) * 8
  return { width, height: Math.round((width * h) / w / 8) * 8 }
}

/** `1920:1080` (Runway writes sizes as ratios of pixels) → 1920x1080. */
function pixelRatio(ratio: unknown, fallback: string): { width: number; height: number } {
  const match =
    /^(\d{2,4}):(\d{2,4})$/.exec(typeof ratio === 'string' ? ratio : '') ??
    /^(\d+):(\d+)$/.exec(fallback)!
  return { width: Number(match[1]), height: Number(match[2]) }
}

const OPENAI_SIZES: Record<string, { width: number; height: number }> = {
  '1:1': { width: 1024, height: 1024 },
  '2:3': { width: 1024, height: 1536 },
  '3:2': { width: 1536, height: 1024 },
}

const EDIT_SIZE = { width: 512, height: 512 }

/** The files an operation makes for `body` (and text, for Gemini). */
export function plan(
  ctx: VisionStudioContext,
  method: string,
  body: Body,
): { recipes: FileRecipe[]; text?: string } {
  const seed = typeof body.seed === 'number' ? body.seed : ctx.randomSeed()
  const pictures = (count: number, size: { width: number; height: number }, alpha = false) =>
    Array.from(
      { length: Math.max(1, count) },
      (_, index): FileRecipe => ({
        kind: 'png',
        ...size,
        seed: seed + index,
        ...(alpha ? { alpha: true } : {}),
      }),
    )
  const results = number(body.num_results, 1)
  const images = number(body.number_of_images, 1)
  switch (method) {
    case 'bria.image.generate':
    case 'bria.image.generateFast':
    case 'bria.image.generateHd':
    case 'loRA.image.generate':
    case 'bria.image.generateProductBackgroundByText':
    case 'bria.image.generateProductBackgroundByImage':
      return { recipes: pictures(results, sizeForRatio(body.aspect_ratio)) }
    case 'bria.image.generateVectorBase':
    case 'bria.image.generateVectorFast':
    case 'loRA.image.generateVector':
      return {
        recipes: Array.from({ length: results }, (_, index) => ({
          kind: 'svg',
          ...sizeForRatio(body.aspect_ratio),
          seed: seed + index,
        })),
      }
    case 'bria.image.generateVariation':
      return { recipes: pictures(results, { width: 1024, height: 1024 }) }
    case 'bria.image.getMasks':
      return { recipes: [{ kind: 'zip', masks: 3, ...EDIT_SIZE, seed }] }
    case 'bria.image.removeBackground':
    case 'bria.image.productCutout':
    case 'bria.image.cropForeground':
    case 'bria.image.eraseForeground':
      return { recipes: pictures(1, EDIT_SIZE, true) }
    case 'bria.image.erase':
    case 'bria.image.inpaint':
    case 'bria.image.blurBackground':
    case 'bria.image.generateBackground':
    case 'bria.image.generateProductShadow':
      return { recipes: pictures(1, EDIT_SIZE) }
    case 'bria.image.generateSolidBackground':
      return { recipes: pictures(1, { width: 2000, height: 2000 }) }
    case 'bria.image.expand': {
      const canvas = Array.isArray(body.canvas_size) ? (body.canvas_size as number[]) : undefined
      const size =
        canvas && canvas.length >= 2
          ? { width: canvas[0]!, height: canvas[1]! }
          : sizeForRatio(body.aspect_ratio ?? '1:1')
      return { recipes: pictures(1, size) }
    }
    case 'bria.image.enhance': {
      const side = { '2MP': 1448, '4MP': 2048 }[text(body.resolution, '1MP')] ?? 1024
      return { recipes: pictures(1, { width: side, height: side }) }
    }
    case 'bria.image.upscale': {
      const factor = number(body.desired_increase, 2)
      return { recipes: pictures(1, { width: 512 * factor, height: 512 * factor }) }
    }
    case 'google.image.generate':
    case 'google.image.generateWithImageGuidance':
    case 'google.image.generateVariation':
      return { recipes: pictures(images, sizeForRatio(body.aspect_ratio ?? '1:1')) }
    case 'google.image.geminiGenerate':
      return {
        recipes: pictures(1, { width: 1024, height: 1024 }),
        text: 'Here is the image you asked for.',
      }
    case 'google.image.generateSequence':
      return {
        recipes: pictures(2, { width: 1024, height: 1024 }),
        text: 'Step 1: mix the batter. Step 2: bake it golden.',
      }
    case 'google.image.inpaint':
    case 'google.image.edit':
      return { recipes: pictures(1, { width: 1024, height: 1024 }) }
    case 'google.image.generateBackground':
      return { recipes: pictures(images, { width: 1024, height: 1024 }) }
    case 'google.image.expand':
      return {
        recipes: pictures(images, {
          width: number(body.target_width, 2500),
          height: number(body.target_height, 2500),
        }),
      }
    case 'openai.image.generate':
    case 'openai.image.edit':
      return {
        recipes: pictures(
          images,
          OPENAI_SIZES[text(body.aspect_ratio, '1:1')] ?? OPENAI_SIZES['1:1']!,
        ),
      }
    case 'openai.image.inpaint':
      return { recipes: pictures(1, { width: 1024, height: 1024 }) }
    case 'firefly.image.generate':
    case 'firefly.image.generateVariation':
    case 'firefly.image.generateProductBackground':
    case 'firefly.image.expand':
    case 'firefly.image.inpaint': {
      const size = (body.size ?? {}) as { width?: number; height?: number }
      const seeds = Array.isArray(body.seeds) ? (body.seeds as number[]) : [seed]
      return {
        recipes: seeds.map((one) => ({
          kind: 'png' as const,
          width: size.width ?? 2048,
          height: size.height ?? 2048,
          seed: one,
        })),
      }
    }
    case 'runway.image.generate':
      return { recipes: pictures(1, pixelRatio(body.aspect_ratio, '1920:1080')) }
    case 'google.video.generate': {
      const size =
        body.aspect_ratio === '9:16' ? { width: 720, height: 1280 } : { width: 1280, height: 720 }
      return {
        recipes: [{ kind: 'mp4', ...size, durationSeconds: number(body.duration, 5), seed }],
      }
    }
    case 'runway.video.generateFromText':
    case 'runway.video.generateFromImage':
    case 'runway.video.generateFromMotion':
    case 'runway.video.generateFromVideo': {
      // The documented defaults: 8 s (Veo 3 from text), 10 s (from an image); a performance
      // or source video is taken as 5 s long.
      const defaults: Record<string, number> = {
        'runway.video.generateFromText': 8,
        'runway.video.generateFromImage': 10,
      }
      const duration = defaults[method] ?? 5
      return {
        recipes: [
          {
            kind: 'mp4',
            ...pixelRatio(body.aspect_ratio, '1280:720'),
            durationSeconds: number(body.duration, duration),
            seed,
          },
        ],
      }
    }
    case 'runway.video.upscale':
      return { recipes: [{ kind: 'mp4', width: 2560, height: 1440, durationSeconds: 5, seed }] }
    case 'bria.video.removeBackground':
      return { recipes: [{ kind: 'mp4', width: 1280, height: 720, durationSeconds: 5, seed }] }
    case 'runway.audio.textToSpeech': {
      const words = text(body.prompt, '').split(/\s+/).length
      return { recipes: [{ kind: 'wav', durationSeconds: Math.max(1, Math.round(words / 2.5)) }] }
    }
    default:
      throw new Error(`the emulator does not know what ${method} makes`)
  }
}

/** A synchronous media `result`: the URLs under the keys of their kind, and the seed. */
export function mediaResult(output: {
  files: { url: string; recipe: FileRecipe }[]
  text?: string
}): Record<string, unknown> {
  const urls = output.files.map((file) => file.url)
  const first = output.files[0]?.recipe
  const seed = first && 'seed' in first ? first.seed : undefined
  const result: Record<string, unknown> = {}
  switch (first?.kind) {
    case 'mp4':
      Object.assign(result, { video_url: urls[0], video_urls: urls })
      break
    case 'wav':
      Object.assign(result, { audio_url: urls[0] })
      break
    case 'zip':
      Object.assign(result, { result_url: urls[0] })
      break
    default:
      Object.assign(result, { image_url: urls[0], image_urls: urls })
  }
  if (seed !== undefined) result.seed = seed
  if (output.text !== undefined) result.text = output.text
  return result
}
