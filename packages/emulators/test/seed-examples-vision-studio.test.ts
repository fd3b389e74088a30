/**
 * The Vision Studio API document's request examples (seed 003, `fixtures/seeds/003/`) sent as
 * raw HTTP to the Vision Studio emulator on loopback. The document's schema judges both sides:
 * an example it allows is answered 200 in the document's envelope (`status: "success"` and a
 * `result`); an example that breaks it (the fixture's `expect.refusedFields`, each rule quoted in
 * its `reading`) is refused with 422 and a `detail` entry whose `loc` names each of those fields,
 * as the typed client names them (`packages/vision-studio/test/seed-examples.test.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SeedExample, seedExamples } from '../../../fixtures/seeds/index'
import { createVisionStudioEmulator, type RunningServer, serve } from '../src'

const API_KEY = 'vs-seed-examples-key'
const PLACEHOLDER = '<api key>'

const requests = seedExamples('003').filter(
  (example) => example.request?.body !== undefined || example.request?.form !== undefined,
)
const allowed = requests.filter((example) => example.expect?.refusedFields === undefined)
const refused = requests.filter((example) => example.expect?.refusedFields !== undefined)

let server: RunningServer
beforeAll(async () => {
  const emulator = createVisionStudioEmulator({ apiKey: API_KEY, syncMs: 0 })
  server = await serve(emulator.handler)
})
afterAll(() => server.close())

/** The example as an HTTP request: its method, path, headers (the key filled in) and body. */
async function send(example: SeedExample): Promise<{ status: number; json: unknown }> {
  const request = example.request!
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    // A multipart content type needs the boundary the form gives it.
    if (name === 'content-type' && request.form) continue
    headers[name] = value === PLACEHOLDER ? API_KEY : value
  }
  let body: BodyInit | undefined
  if (request.form) {
    const form = new FormData()
    for (const [name, value] of Object.entries(request.form)) {
      // The document shows the file part as base64 text: the part holds the bytes it encodes.
      const bytes = Uint8Array.from(atob(value as string), (char) => char.charCodeAt(0))
      form.append(name, new Blob([bytes]), name)
    }
    body = form
  } else if (request.body !== undefined) body = JSON.stringify(request.body)
  const response = await fetch(`${server.url}${request.path}`, {
    method: request.method,
    headers,
    ...(body !== undefined ? { body } : {}),
  })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : undefined }
}

describe('the examples the schema allows', () => {
  it('are some of the document', () => {
    expect(allowed.length).toBeGreaterThan(0)
  })

  it.each(allowed.map((example) => [example.name, example] as const))(
    '%s is answered 200 in the envelope',
    async (_, example) => {
      const { status, json } = await send(example)
      expect(status, JSON.stringify(json)).toBe(200)
      expect(json).toMatchObject({ status: 'success' })
      expect(json).toHaveProperty('result')
    },
  )
})

describe('the examples the schema refuses', () => {
  it('are some of the document', () => {
    expect(refused.length).toBeGreaterThan(0)
  })

  it.each(refused.map((example) => [example.name, example] as const))(
    '%s is refused 422 naming its fields',
    async (_, example) => {
      const { status, json } = await send(example)
      expect(status, JSON.stringify(json)).toBe(422)
      const detail = (json as { detail: { loc: (string | number)[] }[] }).detail
      expect(Array.isArray(detail)).toBe(true)
      // FastAPI's loc starts with where the value was (`body`, `path`), then the field's path,
      // then, for a value that matches no member of a union, the member tried (`url`, `str`).
      const locations = detail.map((entry) => entry.loc.slice(1).map(String))
      for (const field of example.expect!.refusedFields as string[]) {
        const path = field.split('.')
        const named = locations.some((loc) => path.every((part, index) => loc[index] === part))
        expect(named, `${field} in ${JSON.stringify(detail)}`).toBe(true)
      }
    },
  )
})
