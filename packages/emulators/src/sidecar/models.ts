/**
 * Health & status: `GET /health`, `GET /models`, `GET /progress`. They report the emulator's
 * real state: the model in VRAM (none during a swap) and the step of a running image call.
 */
import {
  AUDIO_MODELS,
  IMAGE_MODELS,
  IMG2IMG_MODELS,
  LLM_MODELS,
  MUSIC_MODELS,
  VIDEO_MODELS,
  VISION_MODELS,
} from '@atelier/local'
import type { SidecarContext, SidecarState } from './context'
import { progressBody } from './gpu'
import { json } from './responses'
import type { Router } from './router'

/** Every model the emulator serves, by the families of `GET /models`. */
export const MODEL_FAMILIES = {
  image: IMAGE_MODELS,
  audio: AUDIO_MODELS,
  video: VIDEO_MODELS,
  vision: VISION_MODELS,
  img2img: IMG2IMG_MODELS,
  llm: LLM_MODELS,
  music: MUSIC_MODELS,
} as const satisfies Record<string, readonly string[]>

export type ModelFamily = keyof typeof MODEL_FAMILIES

export const isModelOf = (family: ModelFamily, model: string): boolean =>
  (MODEL_FAMILIES[family] as readonly string[]).includes(model)

/** `{available, loaded}` of one family. */
export function availability(state: SidecarState, family: ModelFamily) {
  const available: string[] = [...MODEL_FAMILIES[family]]
  const loaded = state.loadedModel
  return { available, loaded: loaded !== null && available.includes(loaded) ? [loaded] : [] }
}

export function registerModelRoutes(router: Router, ctx: SidecarContext): void {
  const { state } = ctx

  router.add('GET', '/health', async () =>
    json({
      status: 'healthy',
      models_loaded: state.loadedModel === null ? [] : [state.loadedModel],
      available_image_models: [...IMAGE_MODELS],
      available_audio_models: [...AUDIO_MODELS],
      available_video_models: [...VIDEO_MODELS],
      available_vision_models: [...VISION_MODELS],
      available_llm_models: [...LLM_MODELS],
      available_music_models: [...MUSIC_MODELS],
    }),
  )

  router.add('GET', '/models', async () => {
    const body: Record<string, { available: string[]; loaded: string[] }> = {}
    for (const family of Object.keys(MODEL_FAMILIES) as ModelFamily[]) {
      body[family] = availability(state, family)
    }
    return json(body)
  })

  router.add('GET', '/progress', async () => json(progressBody(state, 'image')))
}
