/**
 * A refused input (HTTP 400/422) reaches `ValidationError.issues` whatever framework wrote the
 * body: FastAPI's `detail` list, Laravel's `errors` map, a list of `{field, message}`, a plain
 * `{message}` / `{error}`, or text. Field names come through where the body has them, and the
 * field messages stay in the error's message beside a generic summary.
 */
import { ProviderError, ValidationError } from '@atelier/core'
import { errorFromResponse } from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'

const SECRET = 'sk-test-secret-4422'

async function refusal(body: unknown, status = 422, contentType = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const error = await errorFromResponse(
    new Response(text, { status, headers: { 'content-type': contentType } }),
    { provider: 'acme', secrets: [SECRET] },
  )
  expect(error).toBeInstanceOf(ValidationError)
  return error as ValidationError
}

describe('422 bodies → ValidationError.issues', () => {
  it('FastAPI: each detail item is an issue at its location, without the body prefix', async () => {
    const error = await refusal({
      detail: [
        { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
        { loc: ['body', 'size', 'width'], msg: 'Input should be > 0', type: 'greater_than' },
      ],
    })
    expect(error.issues).toEqual([
      { path: ['prompt'], message: 'Field required', rule: 'missing' },
      { path: ['size', 'width'], message: 'Input should be > 0', rule: 'greater_than' },
    ])
    expect(error.field).toBe('prompt')
    expect(error.status).toBe(422)
  })

  it('Laravel: every message of every field is an issue, and the message keeps them beside the summary', async () => {
    const error = await refusal({
      message: 'The given data was invalid.',
      errors: {
        prompt: ['The prompt field is required.'],
        'image_urls.0': ['The image_urls.0 must be a valid URL.', 'The image_urls.0 is too long.'],
      },
    })
    expect(error.issues).toEqual([
      { path: ['prompt'], message: 'The prompt field is required.', rule: 'invalid' },
      {
        path: ['image_urls', 0],
        message: 'The image_urls.0 must be a valid URL.',
        rule: 'invalid',
      },
      { path: ['image_urls', 0], message: 'The image_urls.0 is too long.', rule: 'invalid' },
    ])
    expect(error.field).toBe('prompt')
    expect(error.message).toContain('The given data was invalid.')
    expect(error.message).toContain('prompt: The prompt field is required.')
    expect(error.message).toContain('image_urls.0: The image_urls.0 is too long.')
  })

  it('Laravel errors inside a {success: false, error} envelope, one text per field', async () => {
    const error = await refusal({
      success: false,
      error: { message: 'Validation failed', errors: { voice: 'The selected voice is invalid.' } },
    })
    expect(error.issues).toEqual([
      { path: ['voice'], message: 'The selected voice is invalid.', rule: 'invalid' },
    ])
    expect(error.message).toContain('Validation failed')
    expect(error.message).toContain('voice: The selected voice is invalid.')
  })

  it('a list of {field, message, code} is read as issues with their codes', async () => {
    const error = await refusal({
      errors: [
        { field: 'duration', message: 'must be 5 or 10', code: 'invalid_value' },
        { param: 'model', msg: 'unknown model' },
      ],
    })
    expect(error.issues).toEqual([
      { path: ['duration'], message: 'must be 5 or 10', rule: 'invalid_value' },
      { path: ['model'], message: 'unknown model', rule: 'invalid' },
    ])
  })

  it('plain {message} and {error} bodies are one issue on the whole input', async () => {
    const fromMessage = await refusal({ message: 'prompt is too long' })
    expect(fromMessage.issues).toEqual([
      { path: [], message: 'prompt is too long', rule: 'http_422' },
    ])
    const fromError = await refusal(
      { error: 'This voice is not within the range of allowed options' },
      400,
    )
    expect(fromError.issues).toEqual([
      {
        path: [],
        message: 'This voice is not within the range of allowed options',
        rule: 'http_400',
      },
    ])
    expect(fromError.message).toContain('not within the range of allowed options')
  })

  it('a text body is its own detail; an HTML page is not quoted as one', async () => {
    const text = await refusal(
      'Unprocessable: aspect_ratio must be 16:9, 9:16 or 1:1\n',
      422,
      'text/plain',
    )
    expect(text.issues).toEqual([
      {
        path: [],
        message: 'Unprocessable: aspect_ratio must be 16:9, 9:16 or 1:1',
        rule: 'http_422',
      },
    ])
    expect(text.message).toContain('aspect_ratio must be 16:9')
    const page = await refusal('<html><body><h1>422</h1></body></html>', 422, 'text/html')
    expect(page.issues[0]!.message).toBe('rejected with HTTP 422')
  })

  it('a secret the server echoes in a field message is redacted there too', async () => {
    const laravel = await refusal({
      message: 'The given data was invalid.',
      errors: { api_key: [`The key ${SECRET} is not allowed here.`] },
    })
    const fastApi = await refusal({
      detail: [{ loc: ['body', 'api_key'], msg: `${SECRET} is not allowed here`, type: 'value' }],
    })
    for (const error of [laravel, fastApi]) {
      expect(error.issues[0]!.path).toEqual(['api_key'])
      expect(JSON.stringify(error.issues)).not.toContain(SECRET)
      expect(error.message).not.toContain(SECRET)
    }
  })

  it('other statuses keep their typed errors', async () => {
    const error = await errorFromResponse(
      new Response(JSON.stringify({ message: 'upstream down', errors: { x: ['y'] } }), {
        status: 502,
      }),
      { provider: 'acme', secrets: [] },
    )
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).not.toBeInstanceOf(ValidationError)
    expect(error.message).toContain('upstream down')
  })
})
