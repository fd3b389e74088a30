/** `ENDPOINTS`: the document's endpoints as rows every atelier driver's table shares. */
import type { EndpointInfo } from '@atelier/core/driver'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { ENDPOINTS, type VisionStudioEndpointRow, visionStudio } from '../src'

const row = (name: string) => ENDPOINTS.find((endpoint) => endpoint.clientMethod === name)!

describe('ENDPOINTS', () => {
  it('has every column of EndpointInfo on every row', () => {
    expectTypeOf<VisionStudioEndpointRow>().toExtend<EndpointInfo>()
    expect(ENDPOINTS).toHaveLength(91)
    for (const endpoint of ENDPOINTS) {
      expect(endpoint.summary, endpoint.name).toMatch(/^\S.*[.!?]$/)
      expect(endpoint.summary).not.toContain('\n')
      expect(endpoint.clientMethod).toBe(endpoint.name)
      expect(endpoint.source).toBe('seed')
    }
  })

  it('names the tasks whose handlers call each endpoint: to submit, follow, cancel or upload', () => {
    expect(row('bria.image.generate').tasks).toEqual(['image.generate'])
    expect(row('bria.status').tasks).toEqual(['image.generate', 'image.edit'])
    expect(row('firefly.cancel').tasks).toEqual(['image.generate', 'image.edit'])
    expect(row('runway.status').tasks).toEqual([
      'image.generate',
      'video.generate',
      'speech.generate',
    ])
    expect(row('firefly.upload').tasks).toEqual(['image.edit'])
    expect(row('google.video.generate').tasks).toEqual(['video.generate'])
    expect(row('loRA.projects.list').tasks).toEqual([])
    expect(row('health').tasks).toEqual([])
    // Every task the driver does is on some row, and no row names a task it does not do.
    const tasks = new Set(ENDPOINTS.flatMap((endpoint) => endpoint.tasks))
    const driver = visionStudio({ baseUrl: 'https://studio.test' })
    expect([...tasks].sort()).toEqual(Object.keys(driver.tasks).sort())
  })
})
