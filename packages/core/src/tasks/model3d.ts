/** `model3d.generate`: text to 3D model and image to 3D model. */
import * as z from 'zod/mini'
import type { MediaFile } from '../media-file'
import {
  baseInputShape,
  mediaInputSchema,
  type OutputBase,
  positiveInt,
  seedSchema,
} from './shared'

/**
 * The file format asked for: an open hint such as `glb` (binary glTF, what most providers
 * answer), `gltf`, `obj`, `fbx`, `usdz` or `ply`. Providers that make only one format warn
 * and answer theirs; the `mediaType` of each output file says what came back.
 */
export const model3dFormatSchema = z.string().check(z.minLength(1))

export const model3dGenerateInputSchema = z
  .strictObject({
    ...baseInputShape,
    /**
     * The object to build, e.g. "a low-poly wooden treasure chest with iron bands". On its
     * own it is text to 3D: providers usually draw a reference image from it first and
     * build the mesh from that image (returned as `referenceImages` where they say so).
     * With `image`, it describes the object for the providers that use both (the rest
     * warn and build from the image alone). Give a prompt, an image, or both.
     */
    prompt: z.optional(z.string().check(z.minLength(1))),
    /**
     * A picture of the object (image to 3D): a URL, a data URL, bytes, a Blob or a
     * MediaFile from an earlier result, such as an `image.generate` output. One object,
     * centred, on a plain or transparent background gives the cleanest mesh; the provider
     * decides how it separates the object from the background.
     */
    image: z.optional(mediaInputSchema),
    /**
     * A seed for reproducible output (non-negative integer): the same seed, input and model
     * give the same mesh on providers that honour it. Text to 3D seeds the reference image
     * and the mesh alike.
     */
    seed: z.optional(seedSchema),
    /**
     * Denoising or sampling steps of the shape model, for models that expose them (1-1000).
     * More steps give finer geometry and take longer; providers clamp to their own range
     * and say so in `warnings`.
     */
    steps: z.optional(positiveInt(1000)),
    /**
     * Classifier-free guidance scale (0-100): how strictly the shape follows the prompt or
     * image. Higher is more literal, lower more varied. Models without one warn.
     */
    guidanceScale: z.optional(z.number().check(z.gte(0), z.lte(100))),
    /**
     * Paint a texture onto the mesh (`true`), or return bare geometry (`false`), which is
     * quicker. Omitted, the provider's default applies (most texture). Providers that only
     * make one kind warn when asked for the other.
     */
    texture: z.optional(z.boolean()),
    /**
     * Target number of faces (triangles) of the mesh, a positive integer. Low counts make
     * low-poly models (a few thousand faces, for games and the web), high counts detailed
     * ones. A target, not a guarantee: providers simplify towards it and may land near it.
     */
    faceCount: z.optional(positiveInt(10_000_000)),
    /**
     * The file format asked for, e.g. `glb`. Open string: providers add formats faster
     * than SDKs ship. Default: the provider's own, usually binary glTF.
     */
    outputFormat: z.optional(model3dFormatSchema),
  })
  .check((context) => {
    const value = context.value
    if (value.prompt === undefined && value.image === undefined) {
      context.issues.push({
        code: 'custom',
        input: value,
        path: ['prompt'],
        message: 'give a prompt, an image or both',
        params: { rule: 'required' },
      })
    }
  })
export type Model3dGenerateInput = z.input<typeof model3dGenerateInputSchema>

export interface Model3dOutput extends OutputBase {
  /**
   * The models, one file each: binary glTF (`model/gltf-binary`, a `.glb` with the mesh
   * and its texture in one file) unless a provider says otherwise in `mediaType`.
   */
  models: MediaFile[]
  /**
   * The image each model was built from, when the provider gives it: the picture it drew
   * from the prompt (text to 3D), or its cleaned-up copy of the input image.
   */
  referenceImages?: MediaFile[]
}
