/**
 * 3D: `model3d.generate` on `POST /model3d/generate` (Hunyuan3D-2), a textured GLB from text
 * or an image, answered synchronously (often minutes): an inline job. The server takes the
 * image as base64, a `data:` URL or an http(s) URL it fetches itself.
 */
import type { Model3dGenerateInput, Model3dOutput, TaskHandler, Warning } from '@atelier/core'
import { mediaUrlOrDataUri, unsupportedOption } from '@atelier/core/driver'
import { generateModel3d, getModel3dReference } from '../client/model3d'
import { MODEL3D_MODELS, model3dGenerateRequestSchema } from '../schemas'
import { providerOptionsSchema } from './caller-fields'
import { prepareRequest } from './request'
import type { Runtime } from './runtime'

/** `providerOptions.local` of `model3d.generate`: any field of `/model3d/generate` but the image. */
export const model3dOptionsSchema = providerOptionsSchema(model3dGenerateRequestSchema.shape, [
  'image',
])

export function model3dHandler(runtime: Runtime): TaskHandler<'model3d.generate'> {
  const { transport } = runtime
  return {
    models: MODEL3D_MODELS,
    cancel: 'local',
    resumable: false,
    providerOptions: model3dOptionsSchema,
    async submit(input, context) {
      const call = await prepareRequest(runtime, 'model3d.generate', input, context)
      const { model } = call
      const body = call.merge(model3dBody(input, call.warnings))
      if (input.image !== undefined) {
        // A URL the server can fetch goes as it is; anything else is inlined as a data: URL.
        body.image = await mediaUrlOrDataUri(input.image, {
          ...(context.signal ? { signal: context.signal } : {}),
        })
      }
      const json = call.check(model3dGenerateRequestSchema, body, 'POST /model3d/generate')
      return call.inline<Model3dOutput>(async (request) => {
        const made = await generateModel3d(transport, json, { model }, request)
        return {
          models: [made.file],
          ...(made.modelId !== undefined && made.refUrl !== undefined
            ? { referenceImages: [getModel3dReference(transport, made.modelId)] }
            : {}),
          warnings: [],
          providerMetadata: { modelId: made.modelId ?? null },
        }
      })
    },
  }
}

/**
 * `POST /model3d/generate` body (the image added by the handler). `faceCount` → `target_faces`,
 * `steps` → `num_inference_steps`.
 */
export function model3dBody(
  input: Model3dGenerateInput,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.outputFormat !== undefined && input.outputFormat.toLowerCase() !== 'glb') {
    warnings.push(unsupportedOption('outputFormat', 'the sidecar makes binary glTF (GLB) only'))
  }
  return {
    ...(input.prompt !== undefined ? { text: input.prompt } : {}),
    ...(input.texture !== undefined ? { texture: input.texture } : {}),
    ...(input.faceCount !== undefined ? { target_faces: input.faceCount } : {}),
    ...(input.steps !== undefined ? { num_inference_steps: input.steps } : {}),
    ...(input.guidanceScale !== undefined ? { guidance_scale: input.guidanceScale } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  }
}
