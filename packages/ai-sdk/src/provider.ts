/**
 * `atelierProvider(ai)`: an atelier client (or its drivers) as an AI SDK provider. Each
 * model is addressed as in atelier, `provider/model` (`local/z-image-turbo`,
 * `canary/veo-3.1-generate-preview`). Models declare version 3 of the provider specification
 * by default, which ai 6 and ai 7 both accept (ai 7 reads the video operations from either);
 * `specificationVersion: 'v4'` declares version 4, for ai 7 only.
 */
import { type JSONValue, NoSuchModelError } from '@ai-sdk/provider'
import { checkOptionNames, type Driver, type OptionNames, type TaskName } from '@atelier/core'
import { type Atelier, type AtelierJob, createAtelier } from 'atelier'
import { imageModel } from './image'
import { languageModel } from './language'
import type { VideoDelivery } from './media'
import type { ModelsOf, SpecificationVersion } from './spec'
import { speechModel } from './speech'
import { transcriptionModel } from './transcription'
import { resumeOperation, videoModel } from './video'

export interface AtelierProviderOptions<V extends SpecificationVersion = 'v3'> {
  /** The specification version the models declare. Default `v3` (ai 6 and ai 7); `v4` for ai 7 only. */
  specificationVersion?: V
  /**
   * How a finished video is handed over: `url` (default) returns its URL when it has one, so
   * a large file is not downloaded only to be passed on (the AI SDK downloads it when asked);
   * `bytes` always downloads. A URL the provider serves only with credentials needs `bytes`.
   */
  videoDelivery?: VideoDelivery
}

const PROVIDER_OPTION_NAMES = {
  specificationVersion: true,
  videoDelivery: true,
} as const satisfies OptionNames<AtelierProviderOptions>

/** An AI SDK provider over atelier, plus what the specification has no place for. */
export interface AtelierProvider<V extends SpecificationVersion = 'v3'> {
  readonly specificationVersion: V
  /** The atelier client behind the models. */
  readonly atelier: Atelier
  image(modelId: string): ModelsOf<V>['image']
  imageModel(modelId: string): ModelsOf<V>['image']
  speech(modelId: string): ModelsOf<V>['speech']
  speechModel(modelId: string): ModelsOf<V>['speech']
  transcription(modelId: string): ModelsOf<V>['transcription']
  transcriptionModel(modelId: string): ModelsOf<V>['transcription']
  video(modelId: string): ModelsOf<V>['video']
  videoModel(modelId: string): ModelsOf<V>['video']
  languageModel(modelId: string): ModelsOf<V>['language']
  /** atelier has no embedding task: always throws `NoSuchModelError`. */
  embeddingModel(modelId: string): never
  /** Jobs behind video operations: what the AI SDK cannot do with an `operation`. */
  readonly jobs: {
    /** Cancels the job behind an operation (remotely where the provider can; see `job.cancel()`). */
    cancel(operation: JSONValue): Promise<void>
    /** The atelier job behind an operation, to wait for it, watch its progress or cancel it. */
    resume(operation: JSONValue): AtelierJob<'video.generate'>
  }
}

/**
 * An AI SDK provider over `source`: an atelier client (`createAtelier(...)`), or the drivers to
 * build one from (`[local(), canary({ ... })]`).
 */
export function atelierProvider<V extends SpecificationVersion = 'v3'>(
  source: Atelier | readonly Driver[],
  options: AtelierProviderOptions<V> = {},
): AtelierProvider<V> {
  checkOptionNames('atelierProvider()', options, PROVIDER_OPTION_NAMES)
  const ai: Atelier = isAtelier(source) ? source : createAtelier({ providers: [...source] })
  const version = (options.specificationVersion ?? 'v3') as V
  if (version !== 'v3' && version !== 'v4') {
    throw new TypeError(
      `atelierProvider(): specificationVersion must be "v3" or "v4" (got ${JSON.stringify(version)})`,
    )
  }
  const delivery = options.videoDelivery ?? 'url'

  /** Refuses an id whose provider is not configured or does not do `task`, as the spec asks. */
  const checked = (modelId: string, task: TaskName, modelType: NoSuchModelError['modelType']) => {
    const driverId = modelId.split('/')[0] ?? ''
    const driver = ai.providers.get(driverId)
    if (!driver || !modelId.includes('/') || !driver.capabilities[task]) {
      throw new NoSuchModelError({
        modelId,
        modelType,
        message: !driver
          ? `No atelier provider "${driverId}" for model "${modelId}" (configured: ${[...ai.providers.keys()].join(', ')}); ids are provider/model`
          : `atelier's "${driverId}" driver does not do ${task}, so "${modelId}" is no ${modelType}`,
      })
    }
    return modelId
  }
  const image = (id: string) => imageModel(ai, checked(id, 'image.generate', 'imageModel'), version)
  const speech = (id: string) =>
    speechModel(ai, checked(id, 'speech.generate', 'speechModel'), version)
  const transcription = (id: string) =>
    transcriptionModel(ai, checked(id, 'transcription.create', 'transcriptionModel'), version)
  const video = (id: string) =>
    videoModel(ai, checked(id, 'video.generate', 'videoModel'), version, delivery)
  return {
    specificationVersion: version,
    atelier: ai,
    image,
    imageModel: image,
    speech,
    speechModel: speech,
    transcription,
    transcriptionModel: transcription,
    video,
    videoModel: video,
    languageModel: (id) =>
      languageModel(ai, checked(id, 'text.generate', 'languageModel'), version),
    embeddingModel(modelId) {
      throw new NoSuchModelError({
        modelId,
        modelType: 'embeddingModel',
        message: 'atelier has no embedding task',
      })
    },
    jobs: {
      cancel: (operation) => resumeOperation(ai, operation).cancel(),
      resume: (operation) => resumeOperation(ai, operation),
    },
  } as AtelierProvider<V>
}

function isAtelier(source: Atelier | readonly Driver[]): source is Atelier {
  return !Array.isArray(source) && typeof (source as Atelier).submit === 'function'
}
