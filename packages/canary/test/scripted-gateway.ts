/**
 * A scripted CanaryLLM gateway for unit tests: a `fetch` answering each path as told, recording
 * what was sent. Answers that no emulator would send (nulls, missing fields, empty bodies) are
 * what the tests using it are about.
 */

export type ScriptedAnswer = { status?: number; body?: unknown; text?: string }
/** Answers by path; a function gets the 0-based count of earlier calls to that path. */
export type Script = Record<string, ScriptedAnswer | ((call: number) => ScriptedAnswer)>

/** A `fetch` that answers each path as `script` says, and the calls it received. */
export function scripted(script: Script) {
  const calls: { path: string; body: unknown }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const path = new URL(request.url).pathname
    const text = await request.text()
    const count = calls.filter((call) => call.path === path).length
    calls.push({ path, body: text ? JSON.parse(text) : undefined })
    const entry = script[path]
    if (!entry) return new Response('{"success":false,"error":"no route"}', { status: 404 })
    const answer = typeof entry === 'function' ? entry(count) : entry
    const body = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body))
    return new Response(answer.status === 204 ? null : body, {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { fetch, calls }
}

/** The gateway's `{success: true, data}` envelope. */
export const envelope = (data: unknown) => ({ success: true, data })
