/** The vlmrun example, run against the VLM Run emulator as CI's check that it works. */
import { createVlmRunEmulator, serve } from '@atelier/emulators'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readInvoice, type Service } from './invoice'

let running: Service
beforeAll(async () => {
  // Started here rather than by `service()`, so a VLMRUN_API_KEY in the environment is never
  // used; `per-read` moves a batch prediction one status on at each read.
  const server = await serve(createVlmRunEmulator({ lifecycle: 'per-read' }).handler)
  running = { baseUrl: server.url, apiKey: 'vlm-test-key', close: () => server.close() }
})
afterAll(() => running.close())

it('invoice.ts captions a photo, reads an invoice, and resumes a batch prediction', async () => {
  const read = await readInvoice(running, {
    log: () => {},
    polling: { minIntervalMs: 20, initialIntervalMs: 50, maxIntervalMs: 100 },
  })
  expect(read.caption.length).toBeGreaterThan(0)
  expect(read.invoice).toMatchObject({ invoice_id: expect.any(String), total: expect.any(Number) })
  expect(read.batchInvoice).toMatchObject({
    invoice_id: expect.any(String),
    total: expect.any(Number),
  })
  expect(read.batchStates[0]).toBe('queued')
  expect(read.batchStates).toContain('running')
  expect(read.batchStates.at(-1)).toBe('completed')
})
