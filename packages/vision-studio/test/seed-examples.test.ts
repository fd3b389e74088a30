/**
 * The Vision Studio API document's own examples (seed 003, `fixtures/seeds/003/`) through the
 * typed client, with a `fetch` that records what goes on the wire and answers with the example.
 *
 * - Each request example goes through its endpoint's standalone function. Where the document's
 *   schema allows it, the wire request must carry the example's method, path, `x-api-key`,
 *   content type and body. Where the example breaks its schema (the document calls its
 *   examples generated and not accurate), the schema wins: the client must refuse it before
 *   any request with a ValidationError naming exactly the fields the fixture lists.
 * - Each 200 example is read as the document's `{status: "success", result}` envelope (its
 *   `result` is always `null`): the client returns `result` where it expects nothing back, and
 *   refuses it with a typed ResponseShapeError at `result` where it needs the output, and for
 *   an endpoint that starts a task, since `null` holds no task id (see `NULL_RESULT_ACCEPTED`).
 * - Each 422 example becomes a `VisionStudioValidationError` with status 422 and its `detail`.
 */

import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ResponseShapeError, ValidationError } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { extractFixtures } from '../../../fixtures/seeds/003/extract'
import {
  checkCopied,
  type SeedExample,
  seedExamples,
  seedText,
} from '../../../fixtures/seeds/index'
import {
  createTransport,
  DOCUMENT_ENDPOINTS,
  type VisionStudioEndpointEntry,
  VisionStudioValidationError,
} from '../src'
import * as functions from '../src/generated/functions'

const BASE = 'https://studio.test'
const API_KEY = 'vs_seed_key_0003'
const PLACEHOLDER = '<api key>'
const FIXTURES = fileURLToPath(new URL('../../../fixtures/seeds/003/', import.meta.url))

const text = seedText('003')
const examples = seedExamples('003')
const requests = examples.filter((example) => example.request?.body ?? example.request?.form)
const answers = examples.filter((example) => example.response?.status === 200)
const refusals = examples.filter((example) => example.response?.status === 422)

interface Wire {
  method: string
  url: URL
  headers: Headers
  body: string | FormData | undefined
}

/** A transport whose `fetch` records each request and answers with `status` and `body`. */
function recordingTransport(status: number, body: unknown) {
  const sent: Wire[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const type = request.headers.get('content-type') ?? ''
    sent.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: type.startsWith('multipart/form-data')
        ? await request.formData()
        : (await request.text()) || undefined,
    })
    return Response.json(body, { status })
  }
  const transport = createTransport({ baseUrl: BASE, apiKey: API_KEY, fetch, retry: { limit: 0 } })
  return { transport, sent }
}

/** The endpoint an example is for: its section starts with `METHOD /template`. */
function endpointOf(example: SeedExample): VisionStudioEndpointEntry {
  const [method, path] = example.section.split(' ')
  const endpoint = DOCUMENT_ENDPOINTS.find(
    (candidate) => candidate.method === method && candidate.path === path,
  )
  if (!endpoint) throw new Error(`${example.name}: no endpoint for ${example.section}`)
  return endpoint
}

/** The path parameters of a filled path, read against the endpoint's template. */
function pathParams(endpoint: VisionStudioEndpointEntry, path: string): Record<string, string> {
  const names = endpoint.pathParams ?? []
  const pattern = new RegExp(`^${endpoint.path.replace(/\{\w+\}/g, '([^/]+)')}$`)
  const values = path.match(pattern)
  if (!values) throw new Error(`${path} does not match ${endpoint.path}`)
  return Object.fromEntries(
    names.map((name, index) => [name, decodeURIComponent(values[index + 1]!)]),
  )
}

/** A path id as the function takes it: digits as the integer they are (`image_id` is typed so). */
function idValue(value: string): string | number {
  return /^\d+$/.test(value) ? Number(value) : value
}

/**
 * The arguments of the endpoint's standalone function: the one id (or the params object),
 * then the body. A multipart file shown as base64 text is sent as the bytes it encodes.
 */
function argumentsOf(endpoint: VisionStudioEndpointEntry, example: SeedExample): unknown[] {
  const args: unknown[] = []
  const params = pathParams(endpoint, example.request!.path)
  const names = Object.keys(params)
  if (names.length === 1) args.push(idValue(params[names[0]!]!))
  else if (names.length > 1) {
    args.push(Object.fromEntries(names.map((name) => [name, idValue(params[name]!)])))
  }
  if (example.request?.form) {
    args.push(
      Object.fromEntries(
        Object.entries(example.request.form).map(([name, value]) => [
          name,
          endpoint.files?.includes(name) ? new Blob([decodeBase64(value as string)]) : value,
        ]),
      ),
    )
  } else if (example.request?.body !== undefined) args.push(example.request.body)
  return args
}

function decodeBase64(value: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(value), (char) => char.charCodeAt(0))
}

type EndpointFunction = (...args: unknown[]) => Promise<unknown>

function functionOf(endpoint: VisionStudioEndpointEntry): EndpointFunction {
  const found = (functions as Record<string, unknown>)[endpoint.functionName]
  if (typeof found !== 'function') throw new Error(`${endpoint.functionName} is not exported`)
  return found as EndpointFunction
}

/** What the fixture says the client answers with its 200 example. */
function answerKind(example: SeedExample): string {
  return example.expect?.answer as string
}

describe('the fixtures of seed 003', () => {
  it('hold every request, 200 and 422 example of the document', () => {
    expect(requests.length).toBeGreaterThan(0)
    expect(answers.length).toBe(DOCUMENT_ENDPOINTS.length)
    expect(refusals.length).toBeGreaterThan(0)
    if (text === undefined) return
    const labels = text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim())
    expect(requests.length).toBe(labels.filter((line) => line === 'Request body').length)
    expect(answers.length).toBe(labels.filter((line) => line === 'Response 200 OK').length)
    expect(refusals.length).toBe(
      labels.filter((line) => line === 'Response 422 Unprocessable Content').length,
    )
  })

  it('give every request example one fate: sent as is, or refused naming fields', () => {
    for (const example of requests) {
      const fields = example.expect?.refusedFields
      if (fields === undefined) expect(example.reading ?? '').not.toMatch(/breaks its own schema/)
      else {
        expect(Array.isArray(fields) && fields.length > 0, example.name).toBe(true)
        for (const field of fields as string[]) expect(example.reading).toContain(`${field} is `)
      }
    }
  })

  it.skipIf(text === undefined)(
    'are what extract.ts writes from the document, byte for byte',
    () => {
      const written = extractFixtures(text!)
      const committed = readdirSync(FIXTURES).filter((file) => file.endsWith('.json'))
      expect(committed.sort()).toEqual([...written.keys()].sort())
      for (const [file, content] of written) {
        expect(readFileSync(`${FIXTURES}${file}`, 'utf8'), file).toBe(content)
      }
    },
  )

  it.skipIf(text === undefined).each(examples.map((example) => [example.name, example] as const))(
    '%s is a faithful copy of its seed line',
    (_, example) => {
      expect(checkCopied(example, text!)).toEqual([])
    },
  )
})

describe('request examples through the typed client', () => {
  it.each(requests.map((example) => [example.name, example] as const))('%s', async (_, example) => {
    const endpoint = endpointOf(example)
    const { transport, sent } = recordingTransport(200, example.response!.body)
    const call = functionOf(endpoint)(transport, ...argumentsOf(endpoint, example))
    const refused = example.expect?.refusedFields as string[] | undefined
    if (refused) {
      const error = await call.catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      const named = new Set((error as ValidationError).issues.map((issue) => issue.path.join('.')))
      expect([...named].sort()).toEqual([...refused].sort())
      expect(sent).toHaveLength(0)
      return
    }
    await call.catch(() => undefined)
    expect(sent).toHaveLength(1)
    const [wire] = sent
    const request = example.request!
    expect(wire!.method).toBe(request.method)
    expect(`${wire!.url.pathname}${wire!.url.search}`).toBe(request.path)
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      const onWire = wire!.headers.get(name)
      if (name === 'x-api-key') expect(onWire).toBe(value === PLACEHOLDER ? API_KEY : value)
      else expect(onWire?.split(';')[0]).toBe(value)
    }
    if (request.form) {
      const form = wire!.body as FormData
      expect([...form.keys()].sort()).toEqual(Object.keys(request.form).sort())
      for (const [name, value] of Object.entries(request.form)) {
        const part = form.get(name)
        if (endpoint.files?.includes(name)) {
          expect(part).toBeInstanceOf(Blob)
          expect(new Uint8Array(await (part as Blob).arrayBuffer())).toEqual(
            decodeBase64(value as string),
          )
        } else expect(part).toBe(typeof value === 'string' ? value : JSON.stringify(value))
      }
    } else {
      expect(JSON.parse(wire!.body as string)).toEqual(request.body)
    }
  })
})

/**
 * The endpoints whose client result schema takes the `result: null` of the 200 examples: those
 * that answer with nothing to use (deletes, cancels, caption regeneration, health). The document's
 * 200 schema allows `null` for every endpoint; elsewhere the client wants the output it returns
 * (a prompt, a caption, media URLs, a LoRA record, a task status) and refuses `null` with a
 * ResponseShapeError. That is stricter than the document's schema; the list pins where, so a
 * change on either side shows here.
 */
const NULL_RESULT_ACCEPTED = new Set([
  'DELETE /api/v1/firefly/cancel/{task_id}',
  'DELETE /api/v1/runway/cancel/{task_id}',
  'DELETE /api/v1/bria-lora/projects/{project_id}',
  'DELETE /api/v1/bria-lora/datasets/{dataset_id}',
  'DELETE /api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}',
  'PUT /api/v1/bria-lora/datasets/{dataset_id}/images/captions',
  'DELETE /api/v1/bria-lora/models/{model_id}',
  'GET /health',
])

/** The error for an answer whose `result` the client cannot use: typed, naming `result`. */
function expectRefusedResult(
  error: unknown,
  endpoint: VisionStudioEndpointEntry,
  startsTask = false,
): void {
  expect(error).toBeInstanceOf(ResponseShapeError)
  const refusal = error as ResponseShapeError
  expect(refusal.status).toBe(200)
  expect(refusal.message).toContain(`${endpoint.method} ${endpoint.path}`)
  // Issues are named from the body: the envelope's `result` as a whole.
  expect(refusal.issues.map((issue) => issue.path)).toEqual([['result']])
  if (startsTask) {
    expect(refusal.message).toContain('answered without a task id (result: null)')
    expect(refusal.issues[0]!.rule).toBe('missing_task_id')
  }
}

describe('200 examples read by the typed client', () => {
  it.each(answers.map((example) => [example.name, example] as const))('%s', async (_, example) => {
    const endpoint = endpointOf(example)
    const body = example.response!.body as { result?: unknown }
    const { transport } = recordingTransport(200, body)
    const request = example.request!
    // The answer is read the way every call reads it; the request goes out as the example
    // writes it (an example the schema refuses would stop before any answer is read).
    const options = {
      method: endpoint.method,
      path: request.path,
      ...(request.body !== undefined ? { json: request.body } : {}),
    }
    const kind = answerKind(example)
    const reading = transport.send(endpoint, options, {}, kind === 'task-without-id')
    if (kind === 'task-without-id') {
      // No task id to follow: a typed error, never a task with an empty id.
      expectRefusedResult(await reading.catch((caught: unknown) => caught), endpoint, true)
    } else if (kind === 'body') {
      const { value } = await reading
      expect(value).toEqual(body)
    } else if (NULL_RESULT_ACCEPTED.has(`${endpoint.method} ${endpoint.path}`)) {
      const { value, status } = await reading
      expect(status).toBe(200)
      expect(value).toEqual(body.result)
    } else {
      expect(body.result).toBeNull()
      expectRefusedResult(await reading.catch((caught: unknown) => caught), endpoint)
    }
  })
})

describe('422 examples read by the typed client', () => {
  it.each(refusals.map((example) => [example.name, example] as const))('%s', async (_, example) => {
    const endpoint = endpointOf(example)
    const sibling = answers.find((answer) => answer.section === example.section)!
    const body = example.response!.body as { detail: { loc: unknown[] }[] }
    const { transport } = recordingTransport(422, body)
    const error = await transport
      .send(endpoint, { method: endpoint.method, path: sibling.request!.path })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(VisionStudioValidationError)
    const invalid = error as VisionStudioValidationError
    expect(invalid.status).toBe(422)
    expect(invalid.detail).toEqual(
      body.detail.map((entry) => ({
        ...entry,
        loc: entry.loc.filter((part) => typeof part === 'string' || typeof part === 'number'),
      })),
    )
    expect(JSON.parse(invalid.body!)).toEqual(body)
  })
})
