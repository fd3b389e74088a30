/**
 * Server-Sent Events as an async iterable, on eventsource-parser. Abortable: when the signal
 * fires, the body is canceled (closing the connection) and iteration rejects with AbortError.
 * Breaking out of a `for await` also cancels the body.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { abortErrorFrom, raceAbort } from './clock'
import { ConnectionError } from './errors'

export interface ServerSentEvent {
  /** The `event:` field; `message` when the server sent none (as browsers do). */
  event: string
  data: string
  id?: string
}

export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  options: { signal?: AbortSignal; provider?: string } = {},
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const { signal } = options
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const pending: ServerSentEvent[] = []
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      pending.push({
        event: message.event ?? 'message',
        data: message.data,
        ...(message.id !== undefined ? { id: message.id } : {}),
      })
    },
  })
  const onAbort = () => {
    reader.cancel(abortErrorFrom(signal!)).catch(() => {})
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      while (pending.length > 0) yield pending.shift()!
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await raceAbort(reader.read(), signal)
      } catch (error) {
        if (signal?.aborted) throw abortErrorFrom(signal)
        throw new ConnectionError(`${options.provider ?? 'provider'}: the event stream broke off`, {
          provider: options.provider,
          cause: error,
        })
      }
      if (chunk.done) {
        parser.feed(`${decoder.decode()}\n\n`)
        while (pending.length > 0) yield pending.shift()!
        return
      }
      parser.feed(decoder.decode(chunk.value, { stream: true }))
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    reader.cancel().catch(() => {})
  }
}
