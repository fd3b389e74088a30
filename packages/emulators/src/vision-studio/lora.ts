/**
 * Bria's tailored-model (LoRA) management: projects, their datasets, the datasets' images,
 * models trained on a dataset, and training. Ids are integers shared by all resources;
 * unknown ids answer 404 with a `detail` message. Training runs `trainingMs`, then the
 * model is `completed`.
 */

import { HttpError } from '../sidecar/responses'
import type {
  LoraDatasetRecord,
  LoraImageRecord,
  LoraModelRecord,
  LoraProjectRecord,
  VisionStudioContext,
} from './context'

type Body = Record<string, unknown>
type Params = Record<string, unknown>

const nullable = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const id = (value: unknown) => Number(value)

function found<T>(map: Map<number, T>, key: unknown, what: string): T {
  const record = map.get(id(key))
  if (!record) throw new HttpError(404, `${what} ${String(key)} not found`)
  return record
}

function modelView(ctx: VisionStudioContext, model: LoraModelRecord) {
  const { trainingEndsAt, ...view } = model
  if (model.status === 'training' && trainingEndsAt !== undefined && ctx.now() >= trainingEndsAt) {
    model.status = 'completed'
    view.status = 'completed'
  }
  return view
}

function datasetView(ctx: VisionStudioContext, dataset: LoraDatasetRecord, query: Params = {}) {
  const models = [...ctx.state.models.values()].filter((model) => model.dataset_id === dataset.id)
  return {
    ...dataset,
    images_count: [...ctx.state.images.values()].filter((image) => image.dataset_id === dataset.id)
      .length,
    ...(query.include_models ? { models: models.map((model) => modelView(ctx, model)) } : {}),
    ...(query.include_models_ids ? { model_ids: models.map((model) => model.id) } : {}),
  }
}

/** Answers a LoRA management or training endpoint (the `result` of the envelope). */
export function lora(ctx: VisionStudioContext, route: string, params: Params, body: Body): unknown {
  const { state } = ctx
  const next = () => state.nextId++
  switch (route) {
    case 'GET /api/v1/bria-lora/projects':
      return [...state.projects.values()]
    case 'POST /api/v1/bria-lora/projects': {
      const project: LoraProjectRecord = {
        id: next(),
        project_name: String(body.project_name),
        project_description: nullable(body.project_description),
        ip_name: nullable(body.ip_name),
        ip_description: nullable(body.ip_description),
        ip_medium: String(body.ip_medium),
        ip_type: String(body.ip_type),
        created_at: ctx.timestamp(),
      }
      if (project.ip_type === 'defined_character' && project.ip_name === null) {
        throw new HttpError(400, 'ip_name is required for defined_character projects')
      }
      state.projects.set(project.id, project)
      return project
    }
    case 'GET /api/v1/bria-lora/projects/{project_id}':
      return found(state.projects, params.project_id, 'Project')
    case 'PUT /api/v1/bria-lora/projects/{project_id}': {
      const project = found(state.projects, params.project_id, 'Project')
      for (const key of [
        'project_name',
        'project_description',
        'ip_name',
        'ip_description',
      ] as const) {
        if (typeof body[key] === 'string')
          (project as unknown as Record<string, unknown>)[key] = body[key]
      }
      return project
    }
    case 'DELETE /api/v1/bria-lora/projects/{project_id}': {
      const project = found(state.projects, params.project_id, 'Project')
      state.projects.delete(project.id)
      return { message: `Project ${project.id} deleted` }
    }
    case 'GET /api/v1/bria-lora/projects/{project_id}/datasets': {
      const project = found(state.projects, params.project_id, 'Project')
      return [...state.datasets.values()]
        .filter((dataset) => dataset.project_id === project.id)
        .map((dataset) => datasetView(ctx, dataset, params))
    }
    case 'GET /api/v1/bria-lora/projects/{project_id}/models': {
      const project = found(state.projects, params.project_id, 'Project')
      return [...state.models.values()]
        .filter((model) => state.datasets.get(model.dataset_id)?.project_id === project.id)
        .map((model) => modelView(ctx, model))
    }
    case 'GET /api/v1/bria-lora/datasets':
      return [...state.datasets.values()].map((dataset) => datasetView(ctx, dataset))
    case 'POST /api/v1/bria-lora/datasets': {
      const project = found(state.projects, body.project_id, 'Project')
      const dataset: LoraDatasetRecord = {
        id: next(),
        project_id: project.id,
        name: String(body.name),
        caption_prefix: null,
        status: 'draft',
        created_at: ctx.timestamp(),
      }
      state.datasets.set(dataset.id, dataset)
      return datasetView(ctx, dataset)
    }
    case 'GET /api/v1/bria-lora/datasets/{dataset_id}':
      return datasetView(ctx, found(state.datasets, params.dataset_id, 'Dataset'))
    case 'PUT /api/v1/bria-lora/datasets/{dataset_id}': {
      const dataset = found(state.datasets, params.dataset_id, 'Dataset')
      if (typeof body.name === 'string') dataset.name = body.name
      if (body.caption_prefix !== undefined) dataset.caption_prefix = nullable(body.caption_prefix)
      if (typeof body.status === 'string') dataset.status = body.status
      return datasetView(ctx, dataset)
    }
    case 'DELETE /api/v1/bria-lora/datasets/{dataset_id}': {
      const dataset = found(state.datasets, params.dataset_id, 'Dataset')
      state.datasets.delete(dataset.id)
      return { message: `Dataset ${dataset.id} deleted` }
    }
    case 'POST /api/v1/bria-lora/datasets/{dataset_id}/images': {
      const dataset = found(state.datasets, params.dataset_id, 'Dataset')
      if (typeof body.image_url !== 'string' && typeof body.file_path !== 'string') {
        throw new HttpError(400, 'Give image_url or file_path')
      }
      const image: LoraImageRecord = {
        id: next(),
        dataset_id: dataset.id,
        image_name: nullable(body.image_name),
        image_url: nullable(body.image_url),
        file_path: nullable(body.file_path),
        caption: `${dataset.caption_prefix ?? ''}a product photo on a plain background`.trim(),
      }
      state.images.set(image.id, image)
      return image
    }
    case 'GET /api/v1/bria-lora/datasets/{dataset_id}/images': {
      const dataset = found(state.datasets, params.dataset_id, 'Dataset')
      return [...state.images.values()].filter((image) => image.dataset_id === dataset.id)
    }
    case 'GET /api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}':
    case 'DELETE /api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}':
    case 'PUT /api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}/caption': {
      const dataset = found(state.datasets, params.dataset_id, 'Dataset')
      const image = found(state.images, params.image_id, 'Image')
      if (image.dataset_id !== dataset.id) throw new HttpError(404, `Image ${image.id} not found`)
      if (route === 'DELETE /api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}') {
        state.images.delete(image.id)
        return { message: `Image ${image.id} deleted` }
      }
      if (route === 'PUT /api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}/caption') {
        if (body.regenerate_caption === true) image.caption = 'a regenerated caption of the product'
        else if (typeof body.caption === 'string') image.caption = body.caption
      }
      return image
    }
    case 'PUT /api/v1/bria-lora/datasets/{dataset_id}/images/captions': {
      const dataset = found(state.datasets, params.dataset_id, 'Dataset')
      const images = [...state.images.values()].filter((image) => image.dataset_id === dataset.id)
      for (const image of images) image.caption = 'a regenerated caption of the product'
      return { message: 'Captions regenerated', regenerated: images.length }
    }
    case 'GET /api/v1/bria-lora/models':
      return [...state.models.values()].map((model) => modelView(ctx, model))
    case 'POST /api/v1/bria-lora/models': {
      const dataset = found(state.datasets, body.dataset_id, 'Dataset')
      const model: LoraModelRecord = {
        id: next(),
        dataset_id: dataset.id,
        name: String(body.name),
        description: nullable(body.description),
        training_version: String(body.training_version),
        status: 'created',
        created_at: ctx.timestamp(),
      }
      state.models.set(model.id, model)
      return modelView(ctx, model)
    }
    case 'GET /api/v1/bria-lora/models/{model_id}':
      return modelView(ctx, found(state.models, params.model_id, 'Model'))
    case 'PUT /api/v1/bria-lora/models/{model_id}': {
      const model = found(state.models, params.model_id, 'Model')
      if (typeof body.name === 'string') model.name = body.name
      if (body.description !== undefined) model.description = nullable(body.description)
      return modelView(ctx, model)
    }
    case 'DELETE /api/v1/bria-lora/models/{model_id}': {
      const model = found(state.models, params.model_id, 'Model')
      state.models.delete(model.id)
      return { message: `Model ${model.id} deleted` }
    }
    case 'POST /api/v1/bria-lora/models/{model_id}/training/start': {
      const model = found(state.models, params.model_id, 'Model')
      model.status = 'training'
      model.trainingEndsAt = ctx.now() + ctx.timings.trainingMs
      return modelView(ctx, model)
    }
    case 'POST /api/v1/bria-lora/models/{model_id}/training/stop': {
      const model = found(state.models, params.model_id, 'Model')
      const view = modelView(ctx, model)
      if (view.status === 'training') {
        model.status = 'stopped'
        delete model.trainingEndsAt
      }
      return modelView(ctx, model)
    }
    default:
      throw new Error(`the emulator has no LoRA answer for ${route}`)
  }
}
