/**
 * The demo (`npm run demo`) writes files that are what they claim: PNGs of the requested
 * size (the sprite with alpha), RIFF/WAVE audio, an MP4 with an `ftyp` box.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspectMp4, inspectPng, inspectWav } from '@atelier/emulators'
import { expect, it } from 'vitest'
import { runDemo } from './demo'

it('writes an image, a sprite, speech, a video, a thumbnail and music that are what they claim', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'atelier-demo-'))
  try {
    const result = await runDemo({ outDir, log: () => {}, write: () => {} })
    const bytes = async (name: string) => new Uint8Array(await readFile(join(outDir, name)))

    const image = await bytes('image.png')
    expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(inspectPng(image)).toMatchObject({ width: 768, height: 512 })
    expect(inspectPng(await bytes('sprite.png'))).toMatchObject({
      width: 64,
      height: 64,
      hasAlpha: true,
    })

    for (const name of ['speech.wav', 'music.wav']) {
      const wav = await bytes(name)
      expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF')
      expect(new TextDecoder().decode(wav.subarray(8, 12))).toBe('WAVE')
      expect(inspectWav(wav).durationSeconds).toBeGreaterThan(0)
    }

    const video = await bytes('video.mp4')
    expect(new TextDecoder().decode(video.subarray(4, 8))).toBe('ftyp')
    expect(inspectMp4(video).width).toBeGreaterThan(0)

    expect(result.files.map((file) => file.path.slice(outDir.length + 1)).sort()).toEqual(
      [
        'image.png',
        'music.wav',
        'speech.wav',
        'sprite.png',
        'video-thumbnail.jpg',
        'video.mp4',
      ].sort(),
    )
    expect(result.visionAnswer.length).toBeGreaterThan(0)
    expect(result.llmReply.length).toBeGreaterThan(0)
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
})
