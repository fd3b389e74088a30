/**
 * How to test an app feature built on atelier with @atelier/testing: a scripted fake
 * provider, a manual clock, and assertions on what the app asked for.
 * (Shown in docs/testing.md; runs in CI.)
 */
import { createFakeDriver, createManualClock } from '@atelier/testing'
import { type Atelier, createAtelier, type MediaFile, ProviderError } from 'atelier'
import { expect, it } from 'vitest'

/** The app code under test: a poster, from the primary provider or else the backup. */
async function renderPoster(
  ai: Atelier,
  prompt: string,
  onProgress: (percent: number) => void,
): Promise<MediaFile> {
  const { images } = await ai.image.generate(
    { model: ['primary/poster-xl', 'backup/poster'], prompt, size: { width: 512, height: 768 } },
    {
      onProgress: (snapshot) => {
        if (snapshot.state === 'running')
          onProgress(Math.round((snapshot.progress?.fraction ?? 0) * 100))
      },
    },
  )
  return images[0]!
}

it('falls back to the backup provider and reports progress', async () => {
  const clock = createManualClock()
  const primary = createFakeDriver({
    id: 'primary',
    submitError: new ProviderError('overloaded', { status: 503 }),
  })
  const backup = createFakeDriver({
    id: 'backup',
    script: [{ state: 'running', progress: { fraction: 0.4 } }, { state: 'completed' }],
  })
  const ai = createAtelier({ providers: [primary, backup], clock })
  const progress: number[] = []

  const poster = renderPoster(ai, 'a jazz night', (percent) => progress.push(percent))
  await clock.runUntil(() => backup.calls.filter((call) => call.method === 'poll').length === 2)

  expect((await poster).mediaType).toBe('image/png')
  expect(progress).toEqual([40])
  expect(primary.calls).toHaveLength(1)
  expect(backup.calls[0]).toMatchObject({
    method: 'submit',
    input: { model: 'poster', prompt: 'a jazz night', size: { width: 512, height: 768 } },
  })
})
