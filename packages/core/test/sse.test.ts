import { AbortError, ConnectionError } from '@atelier/core'
import { readServerSentEvents, type ServerSentEvent } from '@atelier/core/driver'
import { describe, expect, it, vi } from 'vitest'

const encoder = new TextEncoder()

/** A byte stream that hands out one chunk per pull, with a spy on `cancel`. */
function sourceOf(
  chunks: (string | Uint8Array)[],
  options: { ending?: 'close' | 'hang' | Error } = {},
) {
  const cancel = vi.fn()
  let index = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (index < chunks.length) {
          const chunk = chunks[index++]!
          controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
          return
        }
        const ending = options.ending ?? 'close'
        if (ending === 'close') controller.close()
        else if (ending === 'hang') await new Promise(() => {})
        else controller.error(ending)
      },
      cancel,
    },
    { highWaterMark: 0 },
  )
  return { stream, cancel }
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = []
  for await (const event of readServerSentEvents(stream)) events.push(event)
  return events
}

/** Splits `text` at the given offsets. */
function splitAt(text: string, offsets: number[]): string[] {
  const parts: string[] = []
  let start = 0
  for (const offset of [...offsets, text.length]) {
    parts.push(text.slice(start, offset))
    start = offset
  }
  return parts
}

const STREAM =
  'event: start\r\ndata: {"queueId":"q1"}\r\nid: 1\r\n\r\n' +
  ': keep-alive comment\r\n\r\n' +
  'data: first line\r\ndata: second line\r\n\r\n' +
  'event: chunk\r\ndata: {"delta":"Hel"}\r\nid: 2\r\nretry: 5000\r\n\r\n' +
  'event: done\r\ndata:\r\n\r\n'

const EXPECTED: ServerSentEvent[] = [
  { event: 'start', data: '{"queueId":"q1"}', id: '1' },
  { event: 'message', data: 'first line\nsecond line' },
  { event: 'chunk', data: '{"delta":"Hel"}', id: '2' },
  { event: 'done', data: '' },
]

describe('readServerSentEvents', () => {
  it('reads named events, multi-line data, ids and the default event name', async () => {
    const events = await collect(sourceOf([STREAM]).stream)
    expect(events).toEqual(EXPECTED)
  })

  it('gives the same events however the bytes are split', async () => {
    const middleOfCrLf = STREAM.indexOf('\r\n') + 1
    const splits = [
      [middleOfCrLf],
      [5, middleOfCrLf, 30, 31, 32],
      Array.from({ length: STREAM.length - 1 }, (_, index) => index + 1),
      // Every "\r\n" cut between its two characters.
      [...STREAM.matchAll(/\r\n/g)].map((match) => match.index! + 1),
      [STREAM.indexOf('data: first') + 3, STREAM.indexOf('second') + 2],
    ]
    for (const offsets of splits) {
      const events = await collect(sourceOf(splitAt(STREAM, offsets)).stream)
      expect(events).toEqual(EXPECTED)
    }
  })

  it('handles LF-only and CR-only line endings', async () => {
    expect(await collect(sourceOf(['event: a\ndata: 1\n\n', 'data: 2\n', '\n']).stream)).toEqual([
      { event: 'a', data: '1' },
      { event: 'message', data: '2' },
    ])
    expect(await collect(sourceOf(['event: a\rdata: 1\r\r']).stream)).toEqual([
      { event: 'a', data: '1' },
    ])
  })

  it('decodes UTF-8 split inside a character', async () => {
    const bytes = encoder.encode('data: héllo ✓ 🎨\n\n')
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = await collect(sourceOf([bytes.subarray(0, cut), bytes.subarray(cut)]).stream)
      expect(events).toEqual([{ event: 'message', data: 'héllo ✓ 🎨' }])
    }
  })

  it('delivers a trailing event that has no final blank line', async () => {
    expect(
      await collect(sourceOf(['data: a\n\n', 'event: done\ndata: {"ok":true}']).stream),
    ).toEqual([
      { event: 'message', data: 'a' },
      { event: 'done', data: '{"ok":true}' },
    ])
    expect(await collect(sourceOf(['data: last\n']).stream)).toEqual([
      { event: 'message', data: 'last' },
    ])
    expect(await collect(sourceOf(['data: last\r']).stream)).toEqual([
      { event: 'message', data: 'last' },
    ])
  })

  it('yields nothing for an empty stream', async () => {
    expect(await collect(sourceOf([]).stream)).toEqual([])
  })

  it('yields each event as soon as its bytes arrive', async () => {
    const { stream } = sourceOf(['data: one\n\n'], { ending: 'hang' })
    const iterator = readServerSentEvents(stream)
    await expect(iterator.next()).resolves.toEqual({
      done: false,
      value: { event: 'message', data: 'one' },
    })
    await iterator.return()
  })

  it('rejects with AbortError and cancels the source when aborted during a read', async () => {
    const { stream, cancel } = sourceOf(['data: one\n\n'], { ending: 'hang' })
    const controller = new AbortController()
    const events: ServerSentEvent[] = []
    const reading = (async () => {
      for await (const event of readServerSentEvents(stream, { signal: controller.signal })) {
        events.push(event)
        setTimeout(() => controller.abort(), 10)
      }
    })()
    const error = (await reading.catch((thrown: unknown) => thrown)) as Error
    expect(error).toBeInstanceOf(AbortError)
    expect(error.name).toBe('AbortError')
    expect(events).toEqual([{ event: 'message', data: 'one' }])
    expect(cancel).toHaveBeenCalled()
    expect(cancel.mock.calls[0]![0]).toBeInstanceOf(AbortError)
  })

  it('rejects at once when the signal has already fired', async () => {
    const { stream, cancel } = sourceOf(['data: one\n\n'])
    const iterator = readServerSentEvents(stream, { signal: AbortSignal.abort() })
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortError)
    expect(cancel).toHaveBeenCalled()
  })

  it('turns a source that errors mid-stream into a ConnectionError after the events that arrived', async () => {
    const { stream } = sourceOf(['data: one\n\n', 'data: cut o'], {
      ending: new Error('socket reset'),
    })
    const events: ServerSentEvent[] = []
    const error = await (async () => {
      for await (const event of readServerSentEvents(stream, { provider: 'canary' }))
        events.push(event)
    })().catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as ConnectionError).provider).toBe('canary')
    expect((error as ConnectionError).message).toContain('canary')
    expect(((error as ConnectionError).cause as Error).message).toBe('socket reset')
    expect(events).toEqual([{ event: 'message', data: 'one' }])
  })

  it('cancels the source when the consumer breaks out of for await', async () => {
    const { stream, cancel } = sourceOf(['data: one\n\ndata: two\n\n', 'data: three\n\n'], {
      ending: 'hang',
    })
    const events: ServerSentEvent[] = []
    for await (const event of readServerSentEvents(stream)) {
      events.push(event)
      break
    }
    expect(events).toEqual([{ event: 'message', data: 'one' }])
    await vi.waitFor(() => expect(cancel).toHaveBeenCalledTimes(1))
  })

  it('removes its abort listener when done', async () => {
    const controller = new AbortController()
    const remove = vi.spyOn(controller.signal, 'removeEventListener')
    await collect(sourceOf(['data: x\n\n']).stream)
    for await (const _event of readServerSentEvents(sourceOf(['data: x\n\n']).stream, {
      signal: controller.signal,
    })) {
      // drain
    }
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function))
  })
})
