/**
 * The CommonJS build, as a `require` user gets it: `@atelier/core` requires ky and p-retry,
 * which are ES modules only, so this is what `engines.node >= 20.19` promises. Runs the built
 * `dist` in a child Node process (`npm test` builds first), and expects no warning on stderr.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const examples = `${root}examples`

const SCRIPT = `
const { HttpClient } = require('@atelier/core/driver')
const { createAtelier } = require('atelier')
const { local } = require('@atelier/local')
const { SillyMediaClient } = require('@atelier/local/client')
const seen = []
const client = new HttpClient({
  provider: 'cjs',
  baseUrl: 'http://api.test',
  retry: { limit: 1, minDelayMs: 1 },
  fetch: async (url, init) => {
    seen.push({ url, method: init.method, key: init.headers['idempotency-key'] })
    if (seen.length === 1) return new Response('busy', { status: 503 })
    return Response.json({ id: 'job-1' })
  },
})
client.json({ method: 'POST', path: '/jobs', json: { prompt: 'x' }, kind: 'submit' }).then((answer) => {
  const driver = local({ baseUrl: 'http://127.0.0.1:4201' })
  console.log(JSON.stringify({
    answer,
    seen,
    facade: typeof createAtelier({ providers: [driver] }).image.generate,
    client: typeof new SillyMediaClient(driver.transport).image.generate,
  }))
})
`

describe('the CommonJS build', () => {
  it('loads with require, sends through ky and retries on p-retry, without warnings', async () => {
    expect(
      existsSync(`${root}packages/core/dist/driver.cjs`),
      'packages/core/dist is missing: run `npm run build` first',
    ).toBe(true)
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-e', SCRIPT], {
      cwd: examples,
    })
    expect(stderr).toBe('')
    const result = JSON.parse(stdout)
    expect(result.answer).toEqual({ id: 'job-1' })
    // A 503 on a submit is retried, with the same idempotency key.
    expect(result.seen).toHaveLength(2)
    expect(result.seen[0]).toMatchObject({ url: 'http://api.test/jobs', method: 'POST' })
    expect(result.seen[1].key).toBe(result.seen[0].key)
    expect(result.seen[0].key).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(result.facade).toBe('function')
    expect(result.client).toBe('function')
  })
})
