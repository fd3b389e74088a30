/**
 * Status bodies → snapshots: what a user sees while a video or music job runs, and when the
 * polling engine looks again.
 */
import type { JobRef } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { SillyMediaClient } from '../src/client'
import { musicSnapshot, videoSnapshot } from '../src/driver/snapshots'

const client = new SillyMediaClient({ baseUrl: 'http://sidecar.test:4201' })
const ref = (estimatedSeconds?: number): JobRef => ({
  provider: 'local',
  task: 'video.generate',
  id: 'abc12345',
  data: { kind: 'video', ...(estimatedSeconds !== undefined ? { estimatedSeconds } : {}) },
})
const running = (body: Record<string, unknown>, estimate?: number) =>
  videoSnapshot(
    { job_id: 'abc12345', status: 'processing', ...body } as never,
    ref(estimate),
    client,
  ) as { state: string; progress?: Record<string, number>; hints?: { etaMs?: number } }

describe('running snapshots', () => {
  it('a 0 with no step counted is unknown progress, timed by the estimate', () => {
    const snapshot = running({ progress: 0, current_step: 0, elapsed_seconds: 2 }, 9)
    expect(snapshot.state).toBe('running')
    expect(snapshot.progress?.fraction).toBeUndefined()
    expect(snapshot.progress?.etaMs).toBe(7_000)
    expect(snapshot.hints?.etaMs).toBe(7_000)
  })

  it('measured progress is extrapolated, and the estimate caps it near the end', () => {
    // Five of six steps at 5.1 s: extrapolating says ~1 s more, the estimate says 0.1 s.
    const near = running(
      { progress: 5 / 6, current_step: 5, total_steps: 6, elapsed_seconds: 5.124 },
      5.218,
    )
    expect(near.progress).toMatchObject({ step: 5, totalSteps: 6 })
    expect(near.progress?.etaMs).toBe(94)
    // Without an estimate (a ref from before it was kept), the extrapolation stands.
    const alone = running({ progress: 0.5, current_step: 3, total_steps: 6, elapsed_seconds: 4 })
    expect(alone.progress?.etaMs).toBe(4_000)
  })

  it('music files come from the URLs the status gives, not the job id', () => {
    const snapshot = musicSnapshot(
      {
        job_id: 'abc12345',
        status: 'completed',
        audios: [
          { index: 0, seed: 7, sample_rate: 48_000, download_url: '/music/download/ffee0011/0' },
        ],
      } as never,
      { ...ref(), task: 'music.generate', data: { kind: 'music', format: 'flac' } },
      client,
    ) as { state: string; output: { tracks: { url?: string; mediaType: string }[] } }
    expect(snapshot.state).toBe('completed')
    expect(snapshot.output.tracks[0]!.mediaType).toBe('audio/flac')
    expect(String(snapshot.output.tracks[0]!.url)).toBe(
      'http://sidecar.test:4201/music/download/ffee0011/0',
    )
  })
})
