/**
 * A complete driver for an OpenAI-compatible image server: `POST /v1/images/generations` with
 * `{ model, prompt, n, size: "WxH", response_format }`, answered `{ created, data: [...] }`.
 * One task, one request, a completed submission. Retries, typed errors for 4xx/5xx, keeping
 * the key out of errors, splitting a large `n` and checking provider options are core's.
 *
 * The two schemas are plain Standard Schema objects so the example needs nothing but atelier;
 * a real package writes them with zod/mini, whose schemas are Standard Schemas too.
 */
import {
  bearerAuth,
  type ImageOutput,
  MediaFile,
  type StandardSchemaV1,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import {
  adjustedOption,
  assertKeyAllowedHere,
  type BrowserKeyOptions,
  defineDriver,
  HttpClient,
  type PassThroughOptions,
  passThroughOptions,
  providerOptionsOf,
  unsupportedOption,
  withProviderOptions,
} from '@atelier/core/driver'

const ID = 'openai-images'

export interface OpenAIImagesOptions extends PassThroughOptions, BrowserKeyOptions {
  /** The server's origin (and path prefix, if any), e.g. `https://api.openai.com`. */
  baseUrl: string
  /** How many images one request may ask for; core splits a larger `n`. Default 10. */
  maxImagesPerCall?: number
}

const QUALITIES = ['standard', 'hd', 'low', 'medium', 'high', 'auto'] as const
const STYLES = ['vivid', 'natural'] as const

/** `providerOptions['openai-images']`, as the facade types it. */
export interface OpenAIImagesProviderOptions {
  quality?: (typeof QUALITIES)[number]
  style?: (typeof STYLES)[number]
  /** Any other field the server takes (`user`, `background`, ...), sent as given. */
  [field: string]: unknown
}

/** The wire answer: each item has `b64_json` or `url`. */
interface ImagesAnswer {
  created: number
  data: { b64_json?: string; url?: string; revised_prompt?: string }[]
}

/** A Standard Schema from a function listing what is wrong with a value. */
function schemaOf<T>(problems: (value: T) => StandardSchemaV1.Issue[]): StandardSchemaV1<T> {
  const validate = (value: unknown) => {
    const issues = problems(value as T)
    return issues.length > 0 ? { issues } : { value: value as T }
  }
  return { '~standard': { version: 1, vendor: ID, validate } }
}

/** Checked by core before `submit` runs: a bad value never reaches the network. */
const providerOptions = schemaOf<OpenAIImagesProviderOptions>((options) =>
  Object.entries({ quality: QUALITIES, style: STYLES }).flatMap(([key, allowed]) =>
    options[key] === undefined || (allowed as readonly unknown[]).includes(options[key])
      ? []
      : [{ path: [key], message: `must be one of ${allowed.join(', ')}` }],
  ),
)

/** Checked by the HttpClient: a wrong shape is a ResponseShapeError with the body attached. */
const imagesAnswer = schemaOf<ImagesAnswer>((answer) => {
  if (!Array.isArray(answer?.data)) return [{ path: ['data'], message: 'expected an array' }]
  const bad = answer.data.findIndex((item) => !item?.b64_json && !item?.url)
  return bad < 0 ? [] : [{ path: ['data', bad], message: 'expected b64_json or url' }]
})

/** Body fields filled from shared input fields: a provider option may not overwrite them. */
const TASK_FIELDS = { model: 'model', prompt: 'prompt', n: 'n', size: 'size' }

/** Shared fields this API has no way to take: each one given becomes a warning. */
const UNSUPPORTED = ['negativePrompt', 'aspectRatio', 'seed', 'steps', 'guidanceScale'] as const

export function openAIImages(options: OpenAIImagesOptions) {
  assertKeyAllowedHere(ID, options.apiKey, options)
  const http = new HttpClient({
    provider: ID,
    baseUrl: options.baseUrl,
    ...(options.apiKey !== undefined ? { auth: bearerAuth(options.apiKey) } : {}),
    ...passThroughOptions(options),
  })

  function warningsFor(input: ValidTaskInput<'image.generate'>): Warning[] {
    const warnings = UNSUPPORTED.filter((field) => input[field] !== undefined).map((field) =>
      unsupportedOption(field, 'an OpenAI-compatible image server has no such field'),
    )
    if ((input.outputFormat ?? 'png') !== 'png') {
      warnings.push(adjustedOption('outputFormat', 'the server answers PNG'))
    }
    return warnings
  }

  function outputOf(answer: ImagesAnswer): ImageOutput {
    const images = answer.data.map(({ b64_json, url }) =>
      b64_json
        ? MediaFile.fromBase64(b64_json, { mediaType: 'image/png' })
        : // Read on first use; the key goes along only if the URL is on the API's own origin.
          MediaFile.fromUrl(url!, { mediaTypeFromResponse: true, download: http.downloader() }),
    )
    const revisedPrompt = answer.data[0]?.revised_prompt
    return {
      images,
      // Only what reading the answer found: core puts the submit's warnings in front.
      warnings: [],
      ...(revisedPrompt ? { revisedPrompt } : {}),
      providerMetadata: { created: answer.created },
    }
  }

  return defineDriver({
    id: ID,
    tasks: {
      'image.generate': {
        models: ['gpt-image-1', 'dall-e-3', 'dall-e-2'],
        // The request is the job: aborting it is all a cancel can do.
        cancel: 'local',
        resumable: false,
        providerOptions,
        maxOutputsPerCall: options.maxImagesPerCall ?? 10,
        async submit(input, context) {
          const body = withProviderOptions(
            {
              model: input.model,
              prompt: input.prompt,
              n: input.n ?? 1,
              ...(input.size ? { size: `${input.size.width}x${input.size.height}` } : {}),
              response_format: 'b64_json',
            },
            providerOptionsOf(input, ID),
            { provider: ID, taskFields: TASK_FIELDS },
          )
          const answer = await http.json(
            { path: '/v1/images/generations', json: body, kind: 'submit', schema: imagesAnswer },
            context,
          )
          return { type: 'completed', output: outputOf(answer), warnings: warningsFor(input) }
        },
      },
    },
  })
}
