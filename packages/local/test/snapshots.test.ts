/**
 * Status bodies → snapshots: what a user sees while a video or music job runs, and when the
 * polling engine looks again.
 */
import { type JobRef, ResponseShapeError } from '@atelier/core'
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

const musicRef: JobRef = {
  provider: 'local',
  task: 'music.generate',
  id: 'abc12345',
  data: { kind: 'music' },
}

describe('status words, read with readJobStatus', () => {
  it('reads the documented words in any case, and the shared synonyms', () => {
    expect(running({ status: 'PROCESSING' }).state).toBe('running')
    expect(videoSnapshot({ status: 'Queued' } as never, ref(), client).state).toBe('queued')
    expect(videoSnapshot({ status: 'cancelled' } as never, ref(), client)).toEqual({
      state: 'canceled',
      providerStatus: 'cancelled',
    })
    const done = videoSnapshot({ status: 'done' } as never, ref(), client)
    expect(done).toMatchObject({ state: 'completed', providerStatus: 'done' })
    expect(done).not.toHaveProperty('unrecognisedStatus')
  })

  it('a word the server does not document is running, flagged unrecognised', () => {
    for (const snapshot of [
      videoSnapshot({ status: 'warming_up' } as never, ref(), client),
      musicSnapshot({ status: 'warming_up' } as never, musicRef, client),
    ]) {
      expect(snapshot).toMatchObject({
        state: 'running',
        providerStatus: 'warming_up',
        unrecognisedStatus: true,
      })
    }
  })
})

describe('outputs found where the server puts them', () => {
  it('a video at url when video_url is empty; the documented path when no field names one', () => {
    const at = videoSnapshot(
      { status: 'completed', video_url: null, url: '/files/v.mp4' } as never,
      ref(),
      client,
    ) as { output: { videos: { url?: string }[] } }
    expect(String(at.output.videos[0]!.url)).toBe('http://sidecar.test:4201/files/v.mp4')
    const bare = videoSnapshot({ status: 'completed' } as never, ref(), client) as {
      output: { videos: { url?: string }[] }
    }
    expect(String(bare.output.videos[0]!.url)).toBe(
      'http://sidecar.test:4201/video/download/abc12345',
    )
  })

  it('music files listed in audio_urls when audios is empty', () => {
    const snapshot = musicSnapshot(
      { status: 'completed', audios: null, audio_urls: ['/music/download/ffee0011/0'] } as never,
      musicRef,
      client,
    ) as { state: string; output: { tracks: { url?: string }[] } }
    expect(snapshot.state).toBe('completed')
    expect(String(snapshot.output.tracks[0]!.url)).toBe(
      'http://sidecar.test:4201/music/download/ffee0011/0',
    )
  })

  it('a completed music job naming no file fails with a ResponseShapeError quoting the body', () => {
    const snapshot = musicSnapshot(
      { status: 'completed', audios: [], note: 'stored elsewhere' } as never,
      musicRef,
      client,
    ) as { state: string; error: Error }
    expect(snapshot.state).toBe('failed')
    expect(snapshot.error).toBeInstanceOf(ResponseShapeError)
    expect(snapshot.error.message).toContain('"note":"stored elsewhere"')
  })
})
