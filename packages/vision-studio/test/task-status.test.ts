/**
 * Task status bodies read with `readStatus`: each provider's documented words in any case, the
 * shared synonyms, an unknown word flagged, and output URLs found outside the documented field.
 */
import { describe, expect, it } from 'vitest'
import { taskStatusOf } from '../src/client/tasks'

describe('task statuses', () => {
  it('reads the documented words in any case, and the synonyms', () => {
    expect(taskStatusOf('bria', { status: 'in_progress' }).state).toBe('running')
    expect(taskStatusOf('bria', { status: 'UNKNOWN' }).state).toBe('queued')
    expect(
      taskStatusOf('firefly', { status: 'SUCCEEDED', result: { url: 'https://f.test/a.png' } }),
    ).toMatchObject({ state: 'completed', urls: ['https://f.test/a.png'] })
    expect(taskStatusOf('runway', { status: 'throttled' }).state).toBe('queued')
    expect(taskStatusOf('runway', { status: 'done', output: ['https://r.test/v.mp4'] }).state).toBe(
      'completed',
    )
    expect(taskStatusOf('runway', { status: 'RUNNING', progress: '0.4' }).progress).toBe(0.4)
  })

  it('a word no provider documents is running, flagged unrecognised, on every route', () => {
    for (const route of ['bria', 'firefly', 'runway'] as const) {
      expect(taskStatusOf(route, { status: 'DEFROSTING' })).toMatchObject({
        state: 'running',
        providerStatus: 'DEFROSTING',
        unrecognisedStatus: true,
      })
    }
  })

  it('finds output URLs outside the documented field', () => {
    expect(
      taskStatusOf('bria', {
        status: 'COMPLETED',
        result: null,
        image_url: 'https://b.test/i.png',
      }),
    ).toMatchObject({ state: 'completed', urls: ['https://b.test/i.png'] })
    expect(
      taskStatusOf('runway', { status: 'SUCCEEDED', output: [], video_url: 'https://r.test/v.mp4' })
        .urls,
    ).toEqual(['https://r.test/v.mp4'])
  })
})
