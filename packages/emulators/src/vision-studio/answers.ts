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
export function promptResult(route: string, body: Body): Record<string, unknown> {
  const provider = text(body.model_provider, 'openai')
  const temperature = number(body.temperature, 0.7)
  const audience = text(body.audience, 'everyone')
  const location = text(body.location, 'anywhere')
  const subject = text(body.subject, 'the subject')
  const prompts: Record<string, string> = {
    'POST /api/v1/prompt/enhance-prompt': `${text(body.prompt, '')}, professional photography, soft natural light, rich detail, shallow depth of field`,
    'POST /api/v1/prompt/adapt-background-prompt': `Adapt the background for ${audience} in ${location}: local colour palette, familiar landmarks, warm welcoming mood`,
    'POST /api/v1/prompt/generate-background-prompt': `A background for ${audience} in ${location}: wide establishing view, local architecture, golden hour light`,
    'POST /api/v1/prompt/generate-image-prompt': `An image for ${audience} in ${location}: people at ease in a typical street scene, vivid and authentic`,
    'POST /api/v1/prompt/adapt-subject-prompt': `${subject} for ${audience} in ${location}, styled to feel at home there, natural light`,
    'POST /api/v1/prompt/generate-subject-pose-prompt': `${subject} in a three-quarter view, mid-stride, complete and fully visible against a pure white background`,
  }
  if (route === 'POST /api/v1/bria/prompt/enhance-prompt') {
    const base = text(body.prompt, '')
    return {
      prompt_variations: [
        `${base}, highly detailed, cinematic lighting`,
        `${base}, soft pastel tones, studio light`,
      ],
    }
  }
  const prompt = prompts[route]
  if (prompt === undefined) throw new Error(`no prompt answer for ${route}`)
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
export function captionResult(route: string, body: Body): Record<string, unknown> {
  const mode = text(body.mode, 'simple')
  const count = number(body.nbr_tags, 5)
  const possible = Array.isArray(body.possible_tags) ? (body.possible_tags as string[]) : undefined
  const tags = (possible?.length ? possible : TAGS).slice(0, count)
  if (mode.includes('tagging')) return { tags }
  if (route === 'POST /api/v1/caption/video' && mode.startsWith('segment_timestamps')) {
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
  const subject = route === 'POST /api/v1/caption/video' ? 'A short video of a cat' : 'A cat'
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

/**
 * GPT Image's sizes by `aspect_ratio`, as the document labels them, not as the ratios read:
 * "aspect_ratio: The aspect ratio of the image. Options: "1:1" (square) "2:3" (landscape)
 * "3:2" (portrait)" (POST /api/v1/openai/image/generation/generate-image). So `2:3` makes
 * GPT Image's landscape size and `3:2` its portrait one.
 */
const OPENAI_SIZES: Record<string, { width: number; height: number }> = {
  '1:1': { width: 1024, height: 1024 },
  '2:3': { width: 1536, height: 1024 },
  '3:2': { width: 1024, height: 1536 },
}

const EDIT_SIZE = { width: 512, height: 512 }

/** The files an operation makes for `body` (and text, for Gemini). */
export function plan(
  ctx: VisionStudioContext,
  route: string,
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
  switch (route) {
    case 'POST /api/v1/bria/image/generation/generate-image':
    case 'POST /api/v1/bria/image/generation/generate-image-fast':
    case 'POST /api/v1/bria/image/generation/generate-image-hd':
    case 'POST /api/v1/bria-lora/image/generation/generate-image':
    case 'POST /api/v1/bria/image/editing-generation/generate-product-background-by-text':
    case 'POST /api/v1/bria/image/editing-generation/generate-product-background-by-image':
      return { recipes: pictures(results, sizeForRatio(body.aspect_ratio)) }
    case 'POST /api/v1/bria/image/generation/generate-vector-base':
    case 'POST /api/v1/bria/image/generation/generate-vector-fast':
    case 'POST /api/v1/bria-lora/image/generation/generate-vector':
      return {
        recipes: Array.from({ length: results }, (_, index) => ({
          kind: 'svg',
          ...sizeForRatio(body.aspect_ratio),
          seed: seed + index,
        })),
      }
    case 'POST /api/v1/bria/image/generation/generate-variation':
      return { recipes: pictures(results, { width: 1024, height: 1024 }) }
    case 'POST /api/v1/bria/image/editing/get-masks':
      return { recipes: [{ kind: 'zip', masks: 3, ...EDIT_SIZE, seed }] }
    case 'POST /api/v1/bria/image/editing/remove-background':
    case 'POST /api/v1/bria/image/editing/product-cutout':
    case 'POST /api/v1/bria/image/editing/crop-foreground':
    case 'POST /api/v1/bria/image/editing-generation/erase-foreground':
      return { recipes: pictures(1, EDIT_SIZE, true) }
    case 'POST /api/v1/bria/image/editing-generation/erase':
    case 'POST /api/v1/bria/image/editing-generation/inpaint':
    case 'POST /api/v1/bria/image/editing-generation/blur-background':
    case 'POST /api/v1/bria/image/editing-generation/generate-background':
    case 'POST /api/v1/bria/image/editing-generation/generate-product-shadow':
      return { recipes: pictures(1, EDIT_SIZE) }
    case 'POST /api/v1/bria/image/editing-generation/generate-solid-background':
      return { recipes: pictures(1, { width: 2000, height: 2000 }) }
    case 'POST /api/v1/bria/image/editing-generation/expand-image': {
      const canvas = Array.isArray(body.canvas_size) ? (body.canvas_size as number[]) : undefined
      const size =
        canvas && canvas.length >= 2
          ? { width: canvas[0]!, height: canvas[1]! }
          : sizeForRatio(body.aspect_ratio ?? '1:1')
      return { recipes: pictures(1, size) }
    }
    case 'POST /api/v1/bria/image/editing-generation/enhance-image': {
      const side = { '2MP': 1448, '4MP': 2048 }[text(body.resolution, '1MP')] ?? 1024
      return { recipes: pictures(1, { width: side, height: side }) }
    }
    case 'POST /api/v1/bria/image/editing-generation/upscale-image': {
      const factor = number(body.desired_increase, 2)
      return { recipes: pictures(1, { width: 512 * factor, height: 512 * factor }) }
    }
    case 'POST /api/v1/google-vision/image/generation/generate-image':
    case 'POST /api/v1/google-vision/image/generation/generate-with-image-guidance':
    case 'POST /api/v1/google-vision/image/generation/generate-variation':
      return { recipes: pictures(images, sizeForRatio(body.aspect_ratio ?? '1:1')) }
    case 'POST /api/v1/google-vision/image/generation/gemini-generate-image':
      return {
        recipes: pictures(1, { width: 1024, height: 1024 }),
        text: 'Here is the image you asked for.',
      }
    case 'POST /api/v1/google-vision/image/generation/generate-image-sequence':
      return {
        recipes: pictures(2, { width: 1024, height: 1024 }),
        text: 'Step 1: mix the batter. Step 2: bake it golden.',
      }
    case 'POST /api/v1/google-vision/image/editing-generation/inpaint':
    case 'POST /api/v1/google-vision/image/editing-generation/edit-image':
      return { recipes: pictures(1, { width: 1024, height: 1024 }) }
    case 'POST /api/v1/google-vision/image/editing-generation/generate-background':
      return { recipes: pictures(images, { width: 1024, height: 1024 }) }
    case 'POST /api/v1/google-vision/image/editing-generation/expand-image':
      return {
        recipes: pictures(images, {
          width: number(body.target_width, 2500),
          height: number(body.target_height, 2500),
        }),
      }
    case 'POST /api/v1/openai/image/generation/generate-image':
    case 'POST /api/v1/openai/image/editing-generation/edit-image':
      return {
        recipes: pictures(
          images,
          OPENAI_SIZES[text(body.aspect_ratio, '1:1')] ?? OPENAI_SIZES['1:1']!,
        ),
      }
    case 'POST /api/v1/openai/image/editing-generation/inpaint':
      return { recipes: pictures(1, { width: 1024, height: 1024 }) }
    case 'POST /api/v1/firefly/image/generation/generate-image':
    case 'POST /api/v1/firefly/image/generation/generate-variation':
    case 'POST /api/v1/firefly/image/editing-generation/generate-product-background':
    case 'POST /api/v1/firefly/image/editing-generation/expand-image':
    case 'POST /api/v1/firefly/image/editing-generation/inpaint': {
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
    case 'POST /api/v1/runway/image/generation/generate-image':
      return { recipes: pictures(1, pixelRatio(body.aspect_ratio, '1920:1080')) }
    case 'POST /api/v1/google-vision/video/generation/generate-video': {
      const size =
        body.aspect_ratio === '9:16' ? { width: 720, height: 1280 } : { width: 1280, height: 720 }
      return {
        recipes: [{ kind: 'mp4', ...size, durationSeconds: number(body.duration, 5), seed }],
      }
    }
    case 'POST /api/v1/runway/video/generation/generate-video-from-text':
    case 'POST /api/v1/runway/video/generation/generate-video-from-image':
    case 'POST /api/v1/runway/video/generation/generate-video-from-motion':
    case 'POST /api/v1/runway/video/generation/generate-video-from-video': {
      // The documented defaults: 8 s (Veo 3 from text), 10 s (from an image); a performance
      // or source video is taken as 5 s long.
      const defaults: Record<string, number> = {
        'POST /api/v1/runway/video/generation/generate-video-from-text': 8,
        'POST /api/v1/runway/video/generation/generate-video-from-image': 10,
      }
      const duration = defaults[route] ?? 5
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
    case 'POST /api/v1/runway/video/editing-generation/video-upscale':
      return { recipes: [{ kind: 'mp4', width: 2560, height: 1440, durationSeconds: 5, seed }] }
    case 'POST /api/v1/bria/video/editing/remove-background':
      return { recipes: [{ kind: 'mp4', width: 1280, height: 720, durationSeconds: 5, seed }] }
    case 'POST /api/v1/runway/audio/generation/text-to-speech': {
      const words = text(body.prompt, '').split(/\s+/).length
      return { recipes: [{ kind: 'wav', durationSeconds: Math.max(1, Math.round(words / 2.5)) }] }
    }
    default:
      throw new Error(`the emulator does not know what ${route} makes`)
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
