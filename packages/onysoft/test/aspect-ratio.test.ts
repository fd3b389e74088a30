/**
 * `aspect_ratio` for every model but Sora 2: the document lists "16:9", "9:16", "1:1" (default
 * "16:9") for the generate endpoint of video, image and music tasks, and its model-family table
 * names no other values. The driver sends a listed ratio as it is, another ratio as the nearest
 * listed one with an `adjusted-option` warning, and refuses what is not a ratio, naming
 * `aspectRatio`, before any request. The client refuses an unlisted `aspect_ratio` naming it.
 */
import { startJob, type Warning } from '@atelier/core'
import { ValidationError } from 'atelier'
import { describe, expect, it } from 'vitest'
import { createOnysoftTransport, createTask, onysoft } from '../src'

/** A `fetch` answering every submit as accepted, recording the bodies sent. */
function fakeGateway() {
  const bodies: Record<string, unknown>[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    bodies.push(JSON.parse(await request.text()) as Record<string, unknown>)
    return Response.json(
      { success: true, data: { task_id: 'task-ratio-1', status: 'pending' } },
      { status: 202 },
    )
  }
  const driver = onysoft({
    apiKey: 'sk-ony-ratio-test',
    baseUrl: 'https://api.onysoft.test',
    fetch,
    checkModelTask: false,
  })
  return { bodies, driver, fetch }
}

const video = (driver: ReturnType<typeof onysoft>, aspectRatio: string, model = 'veo3_fast') =>
  startJob(driver, 'video.generate', { model, prompt: 'a fox in the snow', aspectRatio })
const image = (
  driver: ReturnType<typeof onysoft>,
  aspectRatio: string,
  model = 'flux-2/pro-text-to-image',
) => startJob(driver, 'image.generate', { model, prompt: 'a fox in the snow', aspectRatio })

const adjusted = (warnings: readonly Warning[] | undefined) =>
  (warnings ?? []).filter((warning) => warning.type === 'adjusted-option')

describe('onysoft aspect ratios (video models other than Sora 2)', () => {
  it.each(['16:9', '9:16', '1:1'])(
    'sends the listed %s as it is, without a warning',
    async (ratio) => {
      const { bodies, driver } = fakeGateway()
      const job = await video(driver, ratio)
      expect(bodies[0]?.aspect_ratio).toBe(ratio)
      expect(adjusted(job.ref.warnings)).toEqual([])
    },
  )

  it.each([
    ['21:9', '16:9'],
    ['2:3', '9:16'],
    ['5:4', '1:1'],
    // 4:3 lies exactly between 16:9 and 1:1: the landscape one keeps the orientation.
    ['4:3', '16:9'],
    ['3:4', '9:16'],
  ])(
    'sends %s as the nearest listed ratio, %s, with an adjusted-option warning',
    async (asked, sent) => {
      const { bodies, driver } = fakeGateway()
      const job = await video(driver, asked)
      expect(bodies[0]?.aspect_ratio).toBe(sent)
      expect(adjusted(job.ref.warnings)).toEqual([
        {
          type: 'adjusted-option',
          option: 'aspectRatio',
          details: `${asked} is not offered by the gateway (it takes 16:9, 9:16, 1:1); ${sent} is the nearest`,
        },
      ])
    },
  )

  it.each(['16:0', '0:9', '0:0'])(
    'refuses %s, which is not a ratio, naming aspectRatio, before any request',
    async (ratio) => {
      const { bodies, driver } = fakeGateway()
      const error = await video(driver, ratio).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('aspectRatio')
      expect((error as ValidationError).issues[0]!.rule).toBe('invalid_format')
      expect(bodies).toHaveLength(0)
    },
  )

  it('still maps Sora 2 to landscape or portrait, and refuses a square Sora video', async () => {
    const { bodies, driver } = fakeGateway()
    await video(driver, '9:16', 'sora-2-text-to-video')
    expect(bodies[0]?.aspect_ratio).toBe('portrait')
    const error = await video(driver, '1:1', 'sora-2-text-to-video').catch(
      (caught: unknown) => caught,
    )
    expect((error as ValidationError).field).toBe('aspectRatio')
  })
})

describe('onysoft aspect ratios (image models: the same three)', () => {
  it('sends 3:2 as 16:9 and 2:3 as 9:16, with warnings; 1:1 as it is', async () => {
    const { bodies, driver } = fakeGateway()
    const wide = await image(driver, '3:2')
    const tall = await image(driver, '2:3', 'google/imagen4')
    const square = await image(driver, '1:1', 'seedream/4.5-text-to-image')
    expect(bodies.map((body) => body.aspect_ratio)).toEqual(['16:9', '9:16', '1:1'])
    expect(adjusted(wide.ref.warnings).map((warning) => warning.option)).toEqual(['aspectRatio'])
    expect(adjusted(tall.ref.warnings)).toHaveLength(1)
    expect(adjusted(square.ref.warnings)).toEqual([])
  })

  it('refuses an image ratio with a zero side, naming aspectRatio', async () => {
    const { bodies, driver } = fakeGateway()
    const error = await image(driver, '3:0').catch((caught: unknown) => caught)
    expect((error as ValidationError).field).toBe('aspectRatio')
    expect(bodies).toHaveLength(0)
  })
})

describe('onysoft aspect ratios on the wire (client and provider options)', () => {
  it('the client refuses an unlisted aspect_ratio for a non-Sora model, naming it', async () => {
    const { bodies, fetch } = fakeGateway()
    const transport = createOnysoftTransport({ baseUrl: 'https://api.onysoft.test', fetch })
    for (const model of ['veo3_fast', 'google/imagen4']) {
      const error = await createTask(transport, 'video', {
        model,
        prompt: 'x',
        aspect_ratio: '4:3',
      }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('aspect_ratio')
      expect((error as Error).message).toMatch(/must be one of "16:9", "9:16", "1:1"/)
    }
    expect(bodies).toHaveLength(0)
  })

  it('a provider option aspect_ratio outside the list is refused under its own name', async () => {
    const { bodies, driver } = fakeGateway()
    const error = await startJob(driver, 'video.generate', {
      model: 'kling-2.6/text-to-video',
      prompt: 'x',
      providerOptions: { onysoft: { aspect_ratio: '4:3' } },
    }).catch((caught: unknown) => caught)
    expect((error as ValidationError).field).toBe('providerOptions.onysoft.aspect_ratio')
    expect(bodies).toHaveLength(0)
  })
})
