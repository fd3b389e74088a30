/**
 * Malformed provider answers, for the hostile-responses part of the suite. Each
 * `Malformation` turns the honest answer of an emulator (or nothing) into a hostile one:
 * wrong types, missing fields, HTML error pages, empty and huge bodies, invalid base64, broken
 * Server-Sent Events. `corrupting` wraps an emulator's fetch-style handler so that every
 * request a predicate picks gets the hostile answer, and everything else the honest one.
 */

import type { FetchHandler } from '@atelier/testing/msw'

/** What an answer holds when it is honest, which decides the malformations that fit it. */
export type AnswerKind =
  /** A JSON document (submit answers, status, results). */
  | 'json'
  /** A JSON result with base64 media inside. */
  | 'base64-json'
  /** A media file (PNG, WAV, MP4 bytes). */
  | 'media'
  /** A JSON answer whose media are URLs (a `data:` URL is base64 media too). */
  | 'url-json'
  /** Server-Sent Events. */
  | 'sse'

/** The hostile answer and the raw text it carries (what an error should quote). */
export interface HostileAnswer {
  response: Response
  /** The body text as served; '' when empty or not text. */
  raw: string
}

export interface Malformation {
  name: string
  /** Answers this malformation applies to. */
  fits: readonly AnswerKind[]
  /** Whether an error from this answer can quote its body (a cut connection or an empty body cannot). */
  quotable: boolean
  /** Builds the hostile answer from the honest one (`honest()` calls the emulator; call it at most once). */
  answer(honest: () => Promise<Response>): Promise<HostileAnswer>
}

/** Several megabytes: enough to show bounds hold, small enough to build once per run. */
export const HUGE_CHARS = 5 * 1024 * 1024

const HTML_PAGE = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
`

const hugeHtml = `<!DOCTYPE html><html><body><pre>${'The upstream failed. '.repeat(
  Math.ceil(HUGE_CHARS / 21),
)}</pre></body></html>`
const hugeJson = JSON.stringify({ unexpected: 'x'.repeat(HUGE_CHARS) })

function text(body: string, status: number, type: string): HostileAnswer {
  return {
    // '' is sent as an empty body (a stream that ends at once), as a server would send it.
    response: new Response(body, {
      status,
      headers: { 'content-type': type },
    }),
    raw: body,
  }
}

/**
 * Every leaf of a JSON value replaced by a value of another type: strings become numbers,
 * numbers strings, booleans strings, null an object, arrays a string. Objects keep their keys,
 * so a reader looking for `status` finds one, of the wrong type.
 */
export function typeFlipped(value: unknown): unknown {
  if (typeof value === 'string') return 12345
  if (typeof value === 'number') return 'not-a-number'
  if (typeof value === 'boolean') return 'yes'
  if (value === null) return { unexpected: true }
  if (Array.isArray(value)) return 'not-a-list'
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, typeFlipped(inner)]),
    )
  }
  return value
}

async function honestJson(
  honest: () => Promise<Response>,
): Promise<{ value: unknown; raw: string }> {
  const response = await honest()
  const raw = await response.text()
  return { value: JSON.parse(raw), raw }
}

/** Base64 fields (`data`, `audio`, `blurredImage`, ...) replaced by text that is not base64. */
function invalidBase64In(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && value.length >= 64 && /^[A-Za-z0-9+/=\s]+$/.test(value)) {
    return `%%not*base64%%${key}`
  }
  if (Array.isArray(value)) return value.map((inner) => invalidBase64In(inner, key))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [name, invalidBase64In(inner, name)]),
    )
  }
  return value
}

/** Every `http(s)` URL in a JSON value replaced by a `data:` URL whose base64 is broken. */
function urlsAsBrokenDataUrls(value: unknown): unknown {
  if (typeof value === 'string' && /^https?:\/\//.test(value)) {
    return 'data:image/png;base64,iVBORw0KGgo!!this*is*not*base64!!'
  }
  if (Array.isArray(value)) return value.map(urlsAsBrokenDataUrls)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, inner]) => [name, urlsAsBrokenDataUrls(inner)]),
    )
  }
  return value
}

function json(value: unknown, status = 200): HostileAnswer {
  const raw = JSON.stringify(value)
  return text(raw, status, 'application/json')
}

/** An SSE (or any) body that sends `head` and then breaks the connection. */
function cutAfter(head: Uint8Array, status: number, type: string): Response {
  let sent = false
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true
          controller.enqueue(head)
          return
        }
        controller.error(new TypeError('terminated: other side closed'))
      },
    }),
    { status, headers: { 'content-type': type } },
  )
}

const JSON_KINDS = ['json', 'base64-json', 'url-json'] as const

export const MALFORMATIONS: readonly Malformation[] = [
  {
    name: 'wrong types',
    fits: JSON_KINDS,
    quotable: true,
    async answer(honest) {
      return json(typeFlipped((await honestJson(honest)).value))
    },
  },
  {
    name: 'missing fields',
    fits: JSON_KINDS,
    quotable: true,
    answer: async () => json({}),
  },
  {
    name: 'JSON null',
    fits: JSON_KINDS,
    quotable: true,
    answer: async () => json(null),
  },
  {
    name: 'truncated JSON',
    fits: JSON_KINDS,
    quotable: true,
    async answer(honest) {
      const { raw } = await honestJson(honest)
      return text(raw.slice(0, Math.max(1, Math.floor(raw.length / 2))), 200, 'application/json')
    },
  },
  {
    name: 'HTML page with 200',
    fits: [...JSON_KINDS, 'media', 'sse'],
    quotable: true,
    answer: async () => text(HTML_PAGE, 200, 'text/html; charset=utf-8'),
  },
  {
    name: 'HTML page with 502',
    fits: [...JSON_KINDS, 'media', 'sse'],
    quotable: true,
    answer: async () => text(HTML_PAGE, 502, 'text/html; charset=utf-8'),
  },
  {
    name: 'empty body with 200',
    fits: [...JSON_KINDS, 'media', 'sse'],
    quotable: false,
    answer: async () => text('', 200, 'application/json'),
  },
  {
    name: 'empty body with 500',
    fits: [...JSON_KINDS, 'media', 'sse'],
    quotable: false,
    answer: async () => text('', 500, 'application/json'),
  },
  {
    name: 'huge JSON of the wrong shape',
    fits: JSON_KINDS,
    quotable: true,
    answer: async () => text(hugeJson, 200, 'application/json'),
  },
  {
    name: 'huge HTML page with 500',
    fits: [...JSON_KINDS, 'media', 'sse'],
    quotable: true,
    answer: async () => text(hugeHtml, 500, 'text/html'),
  },
  {
    name: 'invalid base64 media',
    fits: ['base64-json'],
    quotable: false,
    async answer(honest) {
      return json(invalidBase64In((await honestJson(honest)).value))
    },
  },
  {
    name: 'data URL with invalid base64',
    fits: ['url-json'],
    quotable: false,
    async answer(honest) {
      return json(urlsAsBrokenDataUrls((await honestJson(honest)).value))
    },
  },
  {
    name: 'body cut off mid-way',
    fits: ['media'],
    quotable: false,
    async answer(honest) {
      const response = await honest()
      const bytes = new Uint8Array(await response.arrayBuffer())
      return {
        response: cutAfter(
          bytes.subarray(0, Math.max(1, bytes.length >> 1)),
          200,
          response.headers.get('content-type') ?? 'application/octet-stream',
        ),
        raw: '',
      }
    },
  },
  {
    name: 'SSE frame with bad JSON',
    fits: ['sse'],
    quotable: true,
    async answer(honest) {
      // Every frame's JSON data is cut in half: a reader that skips what it cannot parse
      // loses the stream's content, so it has to say so.
      const body = (await (await honest()).text()).replace(
        /^(data: ?)([{[].*)$/gm,
        (_, prefix: string, data: string) =>
          `${prefix}${data.slice(0, Math.ceil(data.length / 2))}`,
      )
      return text(body, 200, 'text/event-stream')
    },
  },
  {
    name: 'SSE frames without event names',
    fits: ['sse'],
    quotable: false,
    async answer(honest) {
      const body = (await (await honest()).text()).replace(/^event:.*\r?\n/gm, '')
      return text(body, 200, 'text/event-stream')
    },
  },
  {
    name: 'SSE stream ending mid-frame',
    fits: ['sse'],
    quotable: false,
    async answer(honest) {
      const frames = sseFrames(await (await honest()).text())
      const kept = frames.slice(0, Math.max(1, Math.floor(frames.length / 2)))
      const last = kept.pop() ?? ''
      return text(
        `${kept.join('')}${last.slice(0, Math.ceil(last.length / 2))}`,
        200,
        'text/event-stream',
      )
    },
  },
  {
    name: 'SSE connection reset',
    fits: ['sse'],
    quotable: false,
    async answer(honest) {
      const frames = sseFrames(await (await honest()).text())
      const head = frames.slice(0, Math.max(1, Math.floor(frames.length / 2))).join('')
      return {
        response: cutAfter(new TextEncoder().encode(head), 200, 'text/event-stream'),
        raw: '',
      }
    },
  },
]

/** Splits an SSE body into frames, each with its trailing blank line. */
export function sseFrames(body: string): string[] {
  return body.match(/[\s\S]*?(?:\r?\n\r?\n|$)/g)?.filter((frame) => frame !== '') ?? []
}

/** The malformations that fit an answer kind. */
export function malformationsFor(kind: AnswerKind): Malformation[] {
  return MALFORMATIONS.filter((malformation) => malformation.fits.includes(kind))
}

/** What a corrupted handler served: the hostile answers, in order. */
export interface Corruption {
  /** Hostile answers served so far. */
  served: HostileAnswer[]
}

/**
 * Wraps `honest` so that requests `pick` selects get `malformation`'s answer (built from the
 * honest answer when it needs one). Everything else is answered honestly.
 */
export function corrupting(
  honest: FetchHandler,
  pick: (request: Request, url: URL) => boolean,
  malformation: Malformation,
  served: HostileAnswer[] = [],
): FetchHandler & Corruption {
  const handler = (async (request: Request) => {
    if (!pick(request, new URL(request.url))) return honest(request)
    let asked = false
    const answer = await malformation.answer(async () => {
      if (asked) throw new Error('a malformation may ask for the honest answer once')
      asked = true
      return honest(request)
    })
    served.push(answer)
    return answer.response
  }) as FetchHandler & Corruption
  handler.served = served
  return handler
}
