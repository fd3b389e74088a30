/**
 * `text.generate` → `POST /api/llm/complete`: a completion job on the queue like any other,
 * or, streamed, the same request with `stream: true` whose `chunk` events are read from
 * `/api/llm/queue/stream` as the upstream writes them.
 */
import {
  ConnectionError,
  type DriverContext,
  JobCanceledError,
  JobFailedError,
  type TextStreamPart,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { callHook, describeCommonError, requestContextOf } from '@atelier/core/driver'
import { generateCompletion } from '../client/llm'
import { cancelQueueJob, streamQueueEvents } from '../client/queue'
import { completeRequestSchema } from '../schemas'
import { finishReasonOf, textOutput, tokenUsageOf } from './outputs'
import { type QueueJobs, queued, readQueueStatus } from './queue-job'
import {
  type BuiltBody,
  canaryOptions,
  checkedBody,
  fail,
  fieldsOf,
  optionsSchema,
  PROVIDER_ID,
  warnDropped,
  withoutUndefined,
} from './shared'
import { resolveUpstream } from './upstream'

const { stream: _stream, ...completeFields } = completeRequestSchema.shape
/**
 * `providerOptions.canary` of `text.generate`: any body field (`tag`, ...) and `provider`.
 * Not `stream`: whether the answer streams is the call's choice (`stream` or not).
 */
export const textOptionsSchema = optionsSchema(completeFields)

/** The body of `POST /api/llm/complete`: `system` and `prompt` become messages. */
export function completeBody(
  input: ValidTaskInput<'text.generate'>,
  options: Readonly<Record<string, unknown>>,
  stream: boolean,
  warnings: Warning[],
): BuiltBody {
  const upstream = resolveUpstream('text.generate', input.model, options.provider)
  if (upstream.model === undefined)
    fail('text.generate needs a model id, e.g. canary/openai/gpt-4o-mini')
  const messages = [
    ...(input.system !== undefined ? [{ role: 'system' as const, content: input.system }] : []),
    ...(input.messages ?? [{ role: 'user' as const, content: input.prompt ?? '' }]),
  ]
  warnDropped(input, warnings, {
    topP: 'complete takes no top_p',
    stop: 'complete takes no stop sequences',
    thinking: 'complete has no thinking switch',
  })
  const body = withoutUndefined({
    provider: upstream.provider,
    model: upstream.model,
    messages,
    temperature: input.temperature,
    maxTokens: input.maxTokens,
    responseFormat:
      input.responseFormat !== undefined
        ? { type: input.responseFormat === 'json' ? 'json_object' : 'text' }
        : undefined,
    stream: stream ? true : undefined,
  })
  const fields = fieldsOf(body, {
    model: 'model',
    messages: input.messages !== undefined ? 'messages' : 'prompt',
    temperature: 'temperature',
    maxTokens: 'maxTokens',
    responseFormat: 'responseFormat',
  })
  return { body, fields }
}

export function textHandlers(jobs: QueueJobs) {
  const { transport } = jobs

  /** Sends the completion request; `stream` asks for `chunk` events on the queue stream. */
  async function complete(
    input: ValidTaskInput<'text.generate'>,
    stream: boolean,
    warnings: Warning[],
    context: DriverContext,
  ) {
    const options = canaryOptions(input, textOptionsSchema)
    const body = checkedBody(
      completeRequestSchema,
      'POST /api/llm/complete',
      completeBody(input, options, stream, warnings),
      options,
    )
    return generateCompletion(transport, body, context)
  }

  async function* stream(
    input: ValidTaskInput<'text.generate'>,
    context: DriverContext,
  ): AsyncGenerator<TextStreamPart, void, undefined> {
    const warnings: Warning[] = []
    const { queueId } = await complete(input, true, warnings, context)
    for (const warning of warnings)
      callHook(context.hooks, 'onWarning', {
        provider: PROVIDER_ID,
        task: 'text.generate',
        warning,
      })
    let ended = false
    let finishReason: string | null | undefined
    try {
      for await (const event of streamQueueEvents(transport, { queueId }, context)) {
        if (event.type === 'chunk') {
          if (event.data.delta) yield { type: 'text-delta', text: event.data.delta }
          if (event.data.finishReason) finishReason = event.data.finishReason
        } else if (event.type === 'done' || event.type === 'error') {
          ended = true
          const status =
            event.type === 'error' ? 'failed' : readQueueStatus(event.data.status).state
          if (status === 'failed') {
            const { message } = describeCommonError({
              error: event.data.error ?? event.data.message,
            })
            throw new JobFailedError(
              `CanaryLLM completion ${queueId} failed: ${message ? transport.http.redact(message) : 'no reason given'}`,
              { provider: PROVIDER_ID, jobId: queueId },
            )
          }
          if (status === 'canceled') {
            throw new JobCanceledError(`CanaryLLM completion ${queueId} was cancelled`, {
              provider: PROVIDER_ID,
              jobId: queueId,
            })
          }
          const usage = tokenUsageOf(event.data.usage)
          yield {
            type: 'finish',
            finishReason: finishReasonOf(finishReason),
            ...(usage ? { usage } : {}),
          }
          return
        }
      }
      if (finishReason !== undefined) {
        ended = true
        yield { type: 'finish', finishReason: finishReasonOf(finishReason) }
        return
      }
      throw new ConnectionError(
        `canary: the event stream of ${queueId} ended before the completion did`,
        { provider: PROVIDER_ID },
      )
    } finally {
      // Stopped early (break, abort, broken stream): nobody will read the rest, so stop paying for it.
      if (!ended) {
        // Not with the call's signal: an abort is one of the reasons to cancel.
        cancelQueueJob(
          transport,
          { queueId },
          requestContextOf(context, { signal: undefined }),
        ).catch(() => {})
      }
    }
  }

  return {
    'text.generate': {
      ...jobs.handler('text.generate', {
        providerOptions: textOptionsSchema,
        async submit(input, context) {
          const warnings: Warning[] = []
          const answer = await complete(input, false, warnings, context)
          return queued(answer, input.model, warnings)
        },
        output: (ref, context) =>
          jobs.readResult(ref, 'completion', context, (result) =>
            textOutput(result, { queueId: ref.id }),
          ),
      }),
      stream,
    },
  }
}
