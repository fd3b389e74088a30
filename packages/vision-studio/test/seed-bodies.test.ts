/**
 * Request bodies held against the API document (seed 003): where the document's labels,
 * required companions or listed values differ from the obvious reading, the driver follows
 * the document, and says so with a warning when it changes what the caller asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { driverFor, FAST_POLLING, type Studio, startJob, startStudio } from './support/studio'

let studio: Studio
beforeEach(async () => {
  studio = await startStudio()
})
afterEach(() => studio.close())

const run = <T extends Parameters<typeof startJob>[1]>(
  task: T,
  input: Parameters<typeof startJob<T>>[2],
) => startJob(driverFor(studio), task, input, { polling: FAST_POLLING })

const bodyAt = (path: string) => studio.received.find((request) => request.path === path)!.json

describe('GPT Image orientation', () => {
  // The document labels `2:3` landscape and `3:2` portrait, the reverse of width:height.
  it('sends the document label for landscape (2:3) when asked for a wide image', async () => {
    const output = await (
      await run('image.generate', {
        model: 'openai/gpt-image-1',
        prompt: 'a fox',
        aspectRatio: '16:9',
      })
    ).wait()
    expect(bodyAt('/api/v1/openai/image/generation/generate-image')).toEqual({
      prompt: 'a fox',
      number_of_images: 1,
      aspect_ratio: '2:3',
    })
    expect(output.warnings).toEqual([
      {
        type: 'adjusted-option',
        option: 'aspectRatio',
        details: '16:9 is not offered here; 3:2 is the nearest (sent as the label 2:3)',
      },
    ])
  })

  it('sends 3:2, the label for portrait, for a 2:3 aspect ratio, without a warning', async () => {
    const output = await (
      await run('image.generate', {
        model: 'openai/gpt-image-1',
        prompt: 'a fox',
        aspectRatio: '2:3',
      })
    ).wait()
    expect(bodyAt('/api/v1/openai/image/generation/generate-image')).toMatchObject({
      aspect_ratio: '3:2',
    })
    expect(output.warnings).toEqual([])
  })

  it('sends 3:2 for a portrait edit of 1024x1536', async () => {
    await (
      await run('image.edit', {
        model: 'openai/gpt-image-1',
        operation: 'edit',
        image: 'https://m.test/a.png',
        prompt: 'a hat',
        size: { width: 1024, height: 1536 },
      })
    ).wait()
    expect(bodyAt('/api/v1/openai/image/editing-generation/edit-image')).toMatchObject({
      aspect_ratio: '3:2',
    })
  })
})

describe('Imagen inpainting', () => {
  const insertPath = '/api/v1/google-vision/image/editing-generation/inpaint'

  // The document: `mask_mode` and `mask_dilation` are "required for 'insert' operation".
  it('sends insert with a mask mode and dilation, which provider options can replace', async () => {
    await (
      await run('image.edit', {
        model: 'google/imagen',
        operation: 'inpaint',
        image: 'https://m.test/a.png',
        prompt: 'a tree on the left',
      })
    ).wait()
    expect(bodyAt(insertPath)).toEqual({
      operation_type: 'insert',
      image_url: 'https://m.test/a.png',
      prompt: 'a tree on the left',
      mask_mode: 'MASK_MODE_BACKGROUND',
      mask_dilation: 0.1,
    })

    studio.received.length = 0
    await (
      await run('image.edit', {
        model: 'google/imagen',
        operation: 'inpaint',
        image: 'https://m.test/a.png',
        prompt: 'a hat',
        providerOptions: {
          'vision-studio': { mask_mode: 'MASK_MODE_FOREGROUND', mask_dilation: 0.3 },
        },
      })
    ).wait()
    expect(bodyAt(insertPath)).toMatchObject({
      mask_mode: 'MASK_MODE_FOREGROUND',
      mask_dilation: 0.3,
    })
  })
})

describe('Bria expansion', () => {
  const expandPath = '/api/v1/bria/image/editing-generation/expand-image'
  const expand = (size: { width: number; height: number }, options?: Record<string, unknown>) =>
    run('image.edit', {
      model: 'bria',
      operation: 'expand',
      image: 'https://m.test/a.png',
      size,
      ...(options ? { providerOptions: { 'vision-studio': options } } : {}),
    }).then((job) => job.wait())

  // The document: canvas mode is "canvas_size with position or padding percentages".
  it('places the image in the middle of the canvas, along the side that grows', async () => {
    await expand({ width: 1600, height: 900 })
    expect(bodyAt(expandPath)).toEqual({
      image: 'https://m.test/a.png',
      canvas_size: [1600, 900],
      position: 'center_horizontal',
      sync: false,
    })
    studio.received.length = 0
    await expand({ width: 900, height: 1600 })
    expect(bodyAt(expandPath)).toMatchObject({ position: 'center_vertical' })
  })

  it('sends the position or the paddings the caller gave instead', async () => {
    await expand({ width: 1024, height: 1024 }, { position: 'upper_left' })
    expect(bodyAt(expandPath)).toMatchObject({ position: 'upper_left' })
    studio.received.length = 0
    await expand({ width: 1024, height: 1024 }, { padding_top: 0.4, padding_bottom: 0.1 })
    const body = bodyAt(expandPath)!
    expect(body).toMatchObject({ padding_top: 0.4, padding_bottom: 0.1 })
    expect(body).not.toHaveProperty('position')
  })
})

describe('Imagen removal', () => {
  // The document: "null prompt for 'remove' operation ... the prompt is always set to empty".
  it('sends no prompt, and warns that the prompt the caller gave is not used', async () => {
    const output = await (
      await run('image.edit', {
        model: 'google/imagen',
        operation: 'erase',
        image: 'https://m.test/a.png',
        prompt: 'the lamp post',
      })
    ).wait()
    expect(bodyAt('/api/v1/google-vision/image/editing-generation/inpaint')).toEqual({
      operation_type: 'remove',
      image_url: 'https://m.test/a.png',
    })
    expect(output.warnings).toEqual([
      {
        type: 'unsupported-option',
        option: 'prompt',
        details:
          'Imagen removal ignores the prompt (the document sends it empty); choose what to remove with removal_mode and segmentation_classes in provider options',
      },
    ])
  })
})

describe('Runway sizes', () => {
  // The document lists 1920:1080 for images and 1280:720 / 720:1280 for video; the portrait
  // 1080:1920 is the listed image size turned. Nothing else goes out.
  it('maps image shapes and sizes to the listed sizes, with a warning', async () => {
    const wide = await (
      await run('image.generate', {
        model: 'runway/gen4_image',
        prompt: 'a fox',
        aspectRatio: '4:3',
      })
    ).wait()
    expect(bodyAt('/api/v1/runway/image/generation/generate-image')).toMatchObject({
      aspect_ratio: '1920:1080',
    })
    expect(wide.warnings).toEqual([
      {
        type: 'adjusted-option',
        option: 'aspectRatio',
        details: '4:3 is not offered here; 16:9 (1920:1080) is the nearest',
      },
    ])
    studio.received.length = 0
    const square = await (
      await run('image.generate', {
        model: 'runway/gen4_image',
        prompt: 'a fox',
        size: { width: 1000, height: 1000 },
      })
    ).wait()
    expect(bodyAt('/api/v1/runway/image/generation/generate-image')).toMatchObject({
      aspect_ratio: '1920:1080',
    })
    expect(square.warnings).toEqual([
      {
        type: 'adjusted-option',
        option: 'size',
        details: 'Runway makes the sizes the document lists: 1000x1000 became 1920:1080',
      },
    ])
  })

  it('maps video shapes to 1280:720 or 720:1280, Veo 3 sizes too', async () => {
    const square = await (
      await run('video.generate', {
        model: 'runway/gen4_turbo',
        prompt: 'waves',
        image: 'https://m.test/a.png',
        aspectRatio: '1:1',
      })
    ).wait()
    expect(studio.received[0]!.json).toMatchObject({ aspect_ratio: '1280:720' })
    expect(square.warnings[0]).toMatchObject({ type: 'adjusted-option', option: 'aspectRatio' })
    studio.received.length = 0
    const veo = await (
      await run('video.generate', {
        model: 'runway/veo3',
        prompt: 'waves',
        size: { width: 700, height: 1300 },
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({ prompt: 'waves', aspect_ratio: '720:1280' })
    expect(veo.warnings).toEqual([
      {
        type: 'adjusted-option',
        option: 'size',
        details: 'Runway makes the sizes the document lists: 700x1300 became 720:1280',
      },
    ])
    studio.received.length = 0
    const exact = await (
      await run('video.generate', {
        model: 'runway/veo3',
        prompt: 'waves',
        size: { width: 1280, height: 720 },
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({ prompt: 'waves', aspect_ratio: '1280:720' })
    expect(exact.warnings).toEqual([])
  })
})

describe('Firefly uploads', () => {
  // The document's upload takes PNG, JPEG or WebP images; bytes carry no type of their own.
  it('sends raw bytes with the image type their first bytes show', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9])
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
    const webp = new TextEncoder().encode('RIFF\x10\0\0\0WEBPVP8 ')
    for (const [bytes, type, name] of [
      [png, 'image/png', 'file.png'],
      [jpeg, 'image/jpeg', 'file.jpg'],
      [webp, 'image/webp', 'file.webp'],
    ] as const) {
      studio.received.length = 0
      await (
        await run('image.edit', {
          model: 'firefly',
          operation: 'inpaint',
          image: bytes,
          mask: 'https://m.test/mask.png',
          prompt: 'a red door',
        })
      ).wait()
      const upload = studio.received.find((request) => request.path === '/api/v1/firefly/upload')!
      const file = upload.form!.get('file') as File
      expect([file.type, file.name]).toEqual([type, name])
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes)
    }
  })
})
