/**
 * A `fetch` that records every request it is given and answers each with a fixed error, so a
 * test can count what reached "the network" without a server. The default answer is a 503
 * with a JSON body: a client with retries off turns it into a typed ProviderError at once.
 */

export interface RecordedRequest {
  method: string
  url: URL
}

/** The host of the media URLs the generators use; requests to it are downloads of inputs. */
export const MEDIA_HOST = 'media.example.com'

/** A PNG's first bytes: what the fake media host serves. */
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

export interface RecordingFetch {
  /** Every request to an API, in order (downloads of input media from `MEDIA_HOST` are not). */
  readonly calls: RecordedRequest[]
  /** Downloads of input media (URLs a caller passed as a file), answered with PNG bytes. */
  readonly downloads: RecordedRequest[]
  readonly fetch: typeof fetch
  /** Forgets the recorded requests. */
  reset(): void
}

export function createRecordingFetch(
  respond: (request: RecordedRequest) => Response = () =>
    new Response('{"detail":"recorded, not served"}', {
      status: 503,
      headers: { 'content-type': 'application/json' },
    }),
): RecordingFetch {
  const calls: RecordedRequest[] = []
  const downloads: RecordedRequest[] = []
  const recording = async (input: RequestInfo | URL, init?: RequestInit) => {
    // Read without building a Request: a streamed body would need `duplex`, and nothing here reads it.
    const url = input instanceof Request ? input.url : String(input)
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const request = { method, url: new URL(url) }
    if (request.url.hostname === MEDIA_HOST) {
      downloads.push(request)
      return new Response(PNG_BYTES.slice(), { headers: { 'content-type': 'image/png' } })
    }
    calls.push(request)
    return respond(request)
  }
  return {
    calls,
    downloads,
    fetch: recording as typeof fetch,
    reset() {
      calls.length = 0
      downloads.length = 0
    },
  }
}
