/**
 * Health & status: `GET /health`, `GET /models`, `GET /progress`, `GET /loras`
 * (main.py @ 08be65be). They report the emulator's real state: the model in VRAM (none during a
 * swap), the registered models per type, the shared image progress object, and the installed
 * LoRAs per family (`loras.py` @ 08be65be; none unless `options.loras` installs some).
 */
import type { ModelType } from './catalog'
import type { LoraFile, SidecarContext } from './context'
import { parseRequest } from './fastapi'
import { progressBody } from './gpu'
import { optional, PyFloat, str } from './pydantic'
import { HttpError, json } from './responses'
import type { Router } from './router'

/** `get_loaded_models()`: the model in VRAM, if any. */
export const loadedModels = (ctx: SidecarContext): string[] =>
  ctx.state.loadedModel === null ? [] : [ctx.state.loadedModel]

/** `{available, loaded}` of one model type. */
export function availability(ctx: SidecarContext, type: ModelType) {
  return {
    available: ctx.registry.available(type),
    loaded: loadedModels(ctx).filter((id) => ctx.registry.has(type, id)),
  }
}

/** The legacy LoRA family, whose files live directly in the LoRA folder. */
export const LEGACY_LORA_FAMILY = 'z-image'

/** `list_loras(family)`: each installed LoRA with its sidecar metadata (sorted by file name). */
export function listLoras(ctx: SidecarContext, family: string) {
  const files: LoraFile[] = [...(ctx.loras[family] ?? [])].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )
  return files.map((file) => ({
    name: file.name,
    size_mb: new PyFloat(file.sizeMb ?? 162.3),
    display_name: file.displayName ?? file.name,
    description: file.description ?? '',
    default_scale: file.defaultScale ?? new PyFloat(1),
    recommended: file.recommended ?? '',
    source: file.source ?? '',
    modes: file.modes ?? ['generate', 'edit'],
    trigger_words: file.triggerWords ?? [],
  }))
}

/** `resolve_path`: throws the server's `ValueError` text for a LoRA that is not installed. */
export function assertLoraInstalled(ctx: SidecarContext, family: string, name: string): void {
  const available = (ctx.loras[family] ?? []).map((file) => file.name).sort()
  if (!available.includes(name)) {
    const list = `[${available.map((item) => `'${item}'`).join(', ')}]`
    throw new LoraNotFound(`LoRA '${name}' not found for ${family}. Available: ${list}`)
  }
}

/** The `ValueError` of an unknown LoRA; each route maps it to its own status. */
export class LoraNotFound extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LoraNotFound'
  }
}

export function registerModelRoutes(router: Router, ctx: SidecarContext): void {
  const { state, registry } = ctx

  router.add('GET', '/health', async () =>
    json({
      status: 'healthy',
      models_loaded: loadedModels(ctx),
      available_image_models: registry.available('image'),
      available_audio_models: registry.available('audio'),
      available_video_models: registry.available('video'),
      available_vision_models: registry.available('vision'),
      available_img2img_models: registry.available('img2img'),
      available_llm_models: registry.available('llm'),
      available_music_models: registry.available('music'),
      available_model3d_models: registry.available('model3d'),
    }),
  )

  router.add('GET', '/models', async () =>
    json({
      image: availability(ctx, 'image'),
      audio: availability(ctx, 'audio'),
      video: availability(ctx, 'video'),
      vision: availability(ctx, 'vision'),
      img2img: availability(ctx, 'img2img'),
      llm: availability(ctx, 'llm'),
      music: availability(ctx, 'music'),
      model3d: availability(ctx, 'model3d'),
    }),
  )

  router.add('GET', '/progress', async () => json(progressBody(state, 'image')))

  router.add('GET', '/loras', async (request, params) => {
    const { query } = await parseRequest(request, params, {
      query: { model: optional(str(), null, true) },
    })
    const families = new Map<string, string[]>()
    for (const model of registry.models) {
      if (!model.loraFamily) continue
      families.set(model.loraFamily, [...(families.get(model.loraFamily) ?? []), model.id])
    }
    const model = query.model as string | null
    if (model !== null) {
      const info = registry.get(model)
      if (!info) throw new HttpError(404, `Model '${model}' not found`)
      const family = info.loraFamily ?? null
      return json({
        model,
        family,
        supported: family !== null,
        loras: family ? listLoras(ctx, family) : [],
        compatible_models: family ? [...(families.get(family) ?? [])].sort() : [],
      })
    }
    const sortedFamilies = [...families.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return json({
      loras: listLoras(ctx, LEGACY_LORA_FAMILY),
      compatible_models: [...(families.get(LEGACY_LORA_FAMILY) ?? [])].sort(),
      families: Object.fromEntries(
        sortedFamilies.map(([family, models]) => [
          family,
          { models: [...models].sort(), loras: listLoras(ctx, family) },
        ]),
      ),
    })
  })
}
