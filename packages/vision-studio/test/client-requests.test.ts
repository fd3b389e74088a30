/**
 * Client requests held against the API document (seed 003) where the document's paths and
 * bodies say one thing twice: ids in both, the one route without credentials.
 */
import { ValidationError } from '@atelier/core'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { VisionStudioClient } from '../src/client'
import { API_KEY, BASE, recordingServer } from './support/msw'

const { server, requests } = recordingServer()

const client = () => new VisionStudioClient({ baseUrl: BASE, apiKey: API_KEY, retry: { limit: 0 } })

describe('LoRA updates (the id in the path and in the body)', () => {
  it('refuses a body id that differs from the path id, naming the field, before any request', async () => {
    const error = await client()
      .loRA.projects.update(4, { project_id: 1004, project_name: 'Shoes' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]).toMatchObject({ path: ['project_id'] })
    expect((error as Error).message).toMatch(/project_id.*1004.*4/)
    expect(await requests()).toHaveLength(0)
  })

  it('sends a body whose id is the path id', async () => {
    server.use(
      http.put(`${BASE}/api/v1/bria-lora/datasets/7`, () =>
        HttpResponse.json({ status: 'success', result: { id: 7 } }),
      ),
    )
    await client()
      .loRA.datasets.update(7, { dataset_id: 7, caption_prefix: 'a photo of' })
      .catch(() => undefined)
    const [sent] = await requests()
    expect(sent!.url.pathname).toBe('/api/v1/bria-lora/datasets/7')
    expect(sent!.json).toEqual({ dataset_id: 7, caption_prefix: 'a photo of' })
  })
})

describe('credentials', () => {
  // The document lists `GET /health` as the one route without the API key header.
  it('sends no API key to GET /health, and the key everywhere else', async () => {
    server.use(
      http.get(`${BASE}/health`, () => HttpResponse.json({ status: 'success', result: null })),
    )
    await client().health()
    const [health] = await requests()
    expect(health!.url.pathname).toBe('/health')
    expect(health!.headers.get('x-api-key')).toBeNull()

    server.use(
      http.get(`${BASE}/api/v1/bria-lora/projects`, () =>
        HttpResponse.json({ status: 'success', result: [] }),
      ),
    )
    await client()
      .loRA.projects.list()
      .catch(() => undefined)
    const [, list] = await requests()
    expect(list!.headers.get('x-api-key')).toBe(API_KEY)
  })
})

describe('URL fields', () => {
  // The document's `format: uri` fields: a URL a server reads as meant, or a typed refusal.
  it.each([
    'https://m.test/a photo.png',
    'https://m.test/café.png',
    'https://m.test/a.png#one#two',
  ])('refuses %s naming the field, before any request', async (url) => {
    const error = await client()
      .openai.image.edit({ prompt: 'a hat', image_url: url })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('image_url')
    expect(await requests()).toHaveLength(0)
  })
})
