/**
 * The driver kit's helpers, one by one, with the wording every driver now shares.
 */
import {
  JobFailedError,
  type JobRef,
  MediaFile,
  ProviderError,
  ValidationError,
} from '@atelier/core'
import {
  bodyError,
  checkBody,
  envelopeError,
  fetchableUrl,
  isJobGone,
  jsonByteLength,
  mediaUrlOrDataUri,
  providerOptionsOf,
  readEnvelope,
  unlessJobGone,
  withProviderOptions,
} from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'

const caught = (run: () => unknown): unknown => {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('checkBody', () => {
  const schema = z.strictObject({ prompt: z.string(), duration: z.number().check(z.lte(10)) })

  it('returns the parsed body when it fits', () => {
    expect(checkBody(schema, { prompt: 'p', duration: 5 }, { provider: 'x' })).toEqual({
      prompt: 'p',
      duration: 5,
    })
  })

  it('names the caller’s fields: renamed body fields, provider options, one issue per unknown key', () => {
    const error = caught(() =>
      checkBody(
        schema,
        { prompt: 'p', duration: 12, foo: 1, bar: 2 },
        {
          provider: 'x',
          what: 'POST /v1/generate',
          fields: { duration: 'durationSeconds' },
          providerOptionKeys: ['foo'],
        },
      ),
    ) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.provider).toBe('x')
    expect(error.issues).toEqual([
      { path: ['durationSeconds'], message: 'must be <= 10', rule: 'too_big' },
      {
        path: ['providerOptions', 'x', 'foo'],
        message: 'is not a known field',
        rule: 'unrecognized_keys',
      },
      { path: ['bar'], message: 'is not a known field', rule: 'unrecognized_keys' },
    ])
    expect(error.message).toBe(
      'POST /v1/generate: durationSeconds: must be <= 10; providerOptions.x.foo: is not a known field; bar: is not a known field',
    )
  })

  it('words a rule of its own (a size limit) through bodyError', () => {
    const error = bodyError(
      [{ path: ['image'], message: 'is 12 MB; at most 10 MB', rule: 'too_big' }],
      { provider: 'x', fields: { image: 'image' } },
    )
    expect(error.message).toBe('Invalid input: image: is 12 MB; at most 10 MB')
  })

  it('measures JSON in UTF-8 bytes', () => {
    expect(jsonByteLength({ a: 'é' })).toBe(new TextEncoder().encode('{"a":"é"}').byteLength)
    expect(jsonByteLength(undefined)).toBe(0)
  })
})

describe('readEnvelope', () => {
  it('unwraps data, passes a bare body through, and turns success: false into a ProviderError', () => {
    expect(
      readEnvelope({ success: true, data: { id: 1 } }, { provider: 'x', status: 200 }),
    ).toEqual({
      id: 1,
    })
    expect(readEnvelope({ success: true }, { provider: 'x', status: 200 })).toEqual({})
    expect(readEnvelope({ id: 2 }, { provider: 'x', status: 200 })).toEqual({ id: 2 })
    const error = caught(() =>
      readEnvelope(
        {
          success: false,
          error: { code: 'NO_CREDITS', message: 'key sk-secret is out of credits' },
        },
        { provider: 'x', status: 200, secrets: ['sk-secret'], requestId: 'r1' },
      ),
    ) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.status).toBe(200)
    expect(error.providerCode).toBe('NO_CREDITS')
    expect(error.requestId).toBe('r1')
    expect(error.message).not.toContain('sk-secret')
    expect(error.body).not.toContain('sk-secret')
    expect(envelopeError({ success: false }, { provider: 'x', status: 502 }).message).toBe(
      'x answered success: false (HTTP 502): no reason given',
    )
  })
})

describe('unlessJobGone', () => {
  const ref: JobRef = { provider: 'x', task: 'video.generate', id: 'j1' }

  it('turns a 404 or 410 on a status request into a failed snapshot with the answer', async () => {
    const gone = await unlessJobGone(ref, async () => {
      throw new ProviderError('not found', { status: 404, body: '{"detail":"no such task"}' })
    })
    expect(gone.state).toBe('failed')
    const error = (gone as { error: unknown }).error as JobFailedError
    expect(error).toBeInstanceOf(JobFailedError)
    expect(error.jobId).toBe('j1')
    expect(error.body).toBe('{"detail":"no such task"}')
    expect(error.message).toContain('x no longer knows job j1 (HTTP 404)')
  })

  it('lets other faults through, and answers as the observation does', async () => {
    await expect(
      unlessJobGone(ref, async () => {
        throw new ProviderError('down', { status: 503 })
      }),
    ).rejects.toThrow('down')
    await expect(unlessJobGone(ref, async () => ({ state: 'running' as const }))).resolves.toEqual({
      state: 'running',
    })
    expect(isJobGone(new ProviderError('gone', { status: 410 }), [404])).toBe(false)
  })
})

describe('provider options', () => {
  it('reads this provider’s options, checked against a schema when given', () => {
    const input = { providerOptions: { x: { steps: 4 }, y: { other: true } } }
    expect(providerOptionsOf(input, 'x')).toEqual({ steps: 4 })
    expect(providerOptionsOf({}, 'x')).toEqual({})
    const error = caught(() =>
      providerOptionsOf(input, 'x', z.strictObject({ steps: z.number().check(z.lte(2)) })),
    ) as ValidationError
    expect(error.issues).toEqual([
      { path: ['providerOptions', 'x', 'steps'], message: 'must be <= 2', rule: 'too_big' },
    ])
  })

  it('may replace a driver default but not a field set from the caller’s shared input', () => {
    const body = { prompt: 'a cat', steps: 8 }
    expect(
      withProviderOptions(body, { steps: 20 }, { provider: 'x', taskFields: { prompt: 'prompt' } }),
    ).toEqual({ prompt: 'a cat', steps: 20 })
    const error = caught(() =>
      withProviderOptions(
        body,
        { prompt: 'a dog' },
        { provider: 'x', taskFields: { prompt: 'prompt' } },
      ),
    ) as ValidationError
    expect(error.issues).toEqual([
      {
        path: ['providerOptions', 'x', 'prompt'],
        message: 'is set from `prompt`; set that field instead',
        rule: 'overrides_task_field',
      },
    ])
  })
})

describe('media inputs as URLs or data URIs', () => {
  it('passes public URLs and data URIs through and inlines bytes and private URLs', async () => {
    expect(fetchableUrl('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png')
    expect(fetchableUrl('gs://bucket/a.png')).toBe('gs://bucket/a.png')
    expect(fetchableUrl('http://127.0.0.1:4201/a.png')).toBeUndefined()
    expect(await mediaUrlOrDataUri('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2])
    expect(await mediaUrlOrDataUri(png)).toBe('data:image/png;base64,iVBORwEC')
    const local = MediaFile.fromBytes(png, { mediaType: 'application/octet-stream' })
    expect(await mediaUrlOrDataUri(local)).toBe('data:image/png;base64,iVBORwEC')
  })
})
