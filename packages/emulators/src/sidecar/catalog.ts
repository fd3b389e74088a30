/**
 * The models a Silly Media server registers with its VRAM manager, with what the routes read
 * from them: display names, default steps, VRAM estimates, LoRA families, step rules.
 *
 * The real server registers some models only when their weights or libraries are installed
 * (`z-image-turbo-pm`, `qwen-image-2512`, `ovis-image-7b`, `krea-2-turbo`, `qwen-image-2.1`,
 * `hunyuan-video`, `ltx-2.5`); by default the emulator offers every model of the current code
 * except `z-image-turbo-pm` (a private checkpoint), and `SidecarEmulatorOptions.models` narrows
 * the set, the way a server with fewer models installed would answer.
 *
 * Sources (`dearlordlt/silly-media`, `src/silly_media/`): models/*.py @ 08be65be and 01656f4d,
 * main.py @ 08be65be (registration order, VRAM defaults), video/*.py @ 5910d574,
 * img2img/*.py @ 207fd814, music/ace_step.py @ 14d32362, model3d/*.py @ c2ce6703.
 */

/** The VRAM manager's model types (`ModelType`), as `/health` and `/models` name them. */
export type ModelType =
  | 'image'
  | 'audio'
  | 'video'
  | 'vision'
  | 'img2img'
  | 'llm'
  | 'music'
  | 'model3d'

export const MODEL_TYPES: readonly ModelType[] = [
  'image',
  'audio',
  'video',
  'vision',
  'img2img',
  'llm',
  'music',
  'model3d',
]

export interface CatalogModel {
  id: string
  /** Types it is registered under (Qwen-Image-2.1 is one instance for image and img2img). */
  types: readonly ModelType[]
  /** Python class of the instance (named in some error texts). */
  className: string
  displayName: string
  estimatedVramGb: number
  /** `default_steps` of the instance, if it has one. */
  defaultSteps?: number
  /** `lora_family` (user LoRAs), if any. */
  loraFamily?: string
  /** Largest edit output side (img2img `max_side`). */
  maxSide?: number
  /** Accepts extra `reference_images` in edits. */
  referenceImages?: boolean
  /** Actual denoising steps a generation runs, and what the progress endpoint announces. */
  imageSteps?(steps: number | null, useLora: boolean): { run: number; announced: number }
}

/** Qwen-Image-2.1's `resolve_steps`: turbo snaps to its published schedules. */
function qwen21Steps(steps: number | null, useLora: boolean): number {
  if (!useLora) return steps || 40
  const wanted = steps || 6
  if (wanted >= 8) return 9
  return Math.min(Math.max(wanted, 5), 7)
}

const plainSteps =
  (fallback: number) =>
  (steps: number | null): { run: number; announced: number } => ({
    run: steps || fallback,
    announced: steps || fallback,
  })

/** Every model of the current server code, in registration order. */
export const CATALOG: readonly CatalogModel[] = [
  {
    id: 'z-image',
    types: ['image'],
    className: 'ZImageModel',
    displayName: 'Z-Image',
    estimatedVramGb: 22.0,
    defaultSteps: 30,
    loraFamily: 'z-image',
    imageSteps: plainSteps(30),
  },
  {
    id: 'z-image-turbo',
    types: ['image'],
    className: 'ZImageTurboModel',
    displayName: 'Z-Image Turbo',
    estimatedVramGb: 22.0,
    defaultSteps: 9,
    loraFamily: 'z-image',
    imageSteps: plainSteps(9),
  },
  {
    id: 'z-image-turbo-pm',
    types: ['image'],
    className: 'ZImageTurboPMModel',
    displayName: 'Z-Image Turbo PM',
    estimatedVramGb: 22.0,
    defaultSteps: 9,
    loraFamily: 'z-image',
    imageSteps: plainSteps(9),
  },
  {
    id: 'qwen-image-2512',
    types: ['image'],
    className: 'QwenImage2512Model',
    displayName: 'Qwen Image 2512',
    estimatedVramGb: 15.0,
    defaultSteps: 50,
    // The progress bar announces `steps or default_steps` (50) even when the Turbo-LoRA runs 6.
    imageSteps: (steps, useLora) => ({
      run: steps || (useLora ? 6 : 50),
      announced: steps || 50,
    }),
  },
  {
    id: 'ovis-image-7b',
    types: ['image'],
    className: 'OvisImageModel',
    displayName: 'Ovis Image 7B',
    estimatedVramGb: 20.0,
    defaultSteps: 50,
    imageSteps: plainSteps(50),
  },
  {
    id: 'krea-2-turbo',
    types: ['image'],
    className: 'Krea2TurboModel',
    displayName: 'Krea 2 Turbo',
    estimatedVramGb: 14.0,
    defaultSteps: 8,
    imageSteps: plainSteps(8),
  },
  {
    id: 'qwen-image-2.1',
    types: ['image', 'img2img'],
    className: 'QwenImage21Model',
    displayName: 'Qwen Image 2.1 Uncensored',
    estimatedVramGb: 10.0,
    defaultSteps: 40,
    loraFamily: 'qwen-image-2.1',
    maxSide: 3072,
    referenceImages: true,
    imageSteps: (steps, useLora) => {
      const run = qwen21Steps(steps, useLora)
      return { run, announced: run }
    },
  },
  {
    id: 'xtts-v2',
    types: ['audio'],
    className: 'XTTSv2Model',
    displayName: 'XTTS v2',
    estimatedVramGb: 2.0,
  },
  {
    id: 'demucs',
    types: ['audio'],
    className: 'DemucsModel',
    displayName: 'Demucs',
    estimatedVramGb: 2.0,
  },
  {
    id: 'maya',
    types: ['audio'],
    className: 'MayaModel',
    displayName: 'Maya TTS',
    estimatedVramGb: 16.0,
  },
  {
    id: 'hunyuan-video',
    types: ['video'],
    className: 'HunyuanVideoModel',
    displayName: 'HunyuanVideo 1.5',
    estimatedVramGb: 16.0,
    defaultSteps: 50,
  },
  {
    id: 'ltx-2.5',
    types: ['video'],
    className: 'LTX25VideoModel',
    displayName: 'LTX-2.5 Distilled (GGUF)',
    estimatedVramGb: 20.0,
    defaultSteps: 8,
  },
  {
    id: 'qwen3-vl-8b',
    types: ['vision'],
    className: 'Qwen3VLModel',
    displayName: 'Qwen3-VL 8B',
    estimatedVramGb: 18.0,
  },
  {
    id: 'qwen-image-edit',
    types: ['img2img'],
    className: 'QwenImageEditModel',
    displayName: 'Qwen Image Edit',
    estimatedVramGb: 20.0,
    defaultSteps: 20,
    maxSide: 2048,
  },
  {
    id: 'huihui-qwen3-4b',
    types: ['llm'],
    className: 'HuihuiQwen3Model',
    displayName: 'Huihui Qwen3 4B',
    estimatedVramGb: 10.0,
  },
  {
    id: 'ace-step',
    types: ['music'],
    className: 'AceStepModel',
    displayName: 'ACE-Step 1.5 Turbo (8 steps)',
    estimatedVramGb: 6.0,
    defaultSteps: 8,
  },
  {
    id: 'ace-step-quality',
    types: ['music'],
    className: 'AceStepQualityModel',
    displayName: 'ACE-Step 1.5 Quality (50 steps)',
    estimatedVramGb: 6.0,
    defaultSteps: 50,
  },
  {
    id: 'hunyuan3d-2',
    types: ['model3d'],
    className: 'Hunyuan3DModel',
    displayName: 'Hunyuan3D-2',
    estimatedVramGb: 21.0,
    defaultSteps: 30,
  },
]

/** Models offered unless `options.models` says otherwise. */
export const DEFAULT_MODEL_IDS: readonly string[] = CATALOG.filter(
  (model) => model.id !== 'z-image-turbo-pm',
).map((model) => model.id)

/** `SidecarEmulatorOptions.models`: per type, the ids to offer (from the catalog). */
export type ModelSelection = Partial<Record<ModelType, readonly string[]>>

/** The registered models, in registration order. */
export class Registry {
  readonly models: readonly CatalogModel[]

  constructor(selection: ModelSelection | undefined) {
    if (selection === undefined) {
      this.models = CATALOG.filter((model) => DEFAULT_MODEL_IDS.includes(model.id))
      return
    }
    for (const [type, ids] of Object.entries(selection) as [ModelType, readonly string[]][]) {
      for (const id of ids) {
        const model = CATALOG.find((entry) => entry.id === id)
        if (!model?.types.includes(type)) {
          const known = CATALOG.filter((entry) => entry.types.includes(type)).map(
            (entry) => entry.id,
          )
          throw new RangeError(`models.${type}: unknown model '${id}' (known: ${known.join(', ')})`)
        }
      }
    }
    this.models = CATALOG.filter((model) =>
      model.types.every((type) => {
        const ids = selection[type]
        return ids === undefined ? DEFAULT_MODEL_IDS.includes(model.id) : ids.includes(model.id)
      }),
    )
  }

  /** `vram_manager.get_available_models(type)` (all registered models without a type). */
  available(type?: ModelType): string[] {
    return this.models
      .filter((model) => type === undefined || model.types.includes(type))
      .map((model) => model.id)
  }

  get(id: string): CatalogModel | undefined {
    return this.models.find((model) => model.id === id)
  }

  has(type: ModelType, id: string): boolean {
    return this.get(id)?.types.includes(type) ?? false
  }
}
