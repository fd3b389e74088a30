/**
 * One layout for every driver package, so whoever reads or writes the sixth finds things
 * where the first five keep them: `client/`, `schemas/`, `driver/` (one file per task family,
 * `<id>-driver.ts` calling `defineDriver`, `index.ts`), and `endpoints.ts`, whose rows mean
 * the same everywhere (`EndpointInfo`) and agree with the handlers about which tasks call what.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { canary } from '@atelier/canary'
import { type Driver, isTaskName, type TaskName } from '@atelier/core'
import type { EndpointInfo } from '@atelier/core/driver'
import { local } from '@atelier/local'
import { onysoft } from '@atelier/onysoft'
import { visionStudio } from '@atelier/vision-studio'
import { vlmrun } from '@atelier/vlmrun'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS as CANARY } from '../../canary/src/endpoints'
import { ENDPOINTS as LOCAL } from '../../local/src/endpoints'
import { ENDPOINTS as ONYSOFT } from '../../onysoft/src/endpoints'
import { ENDPOINTS as VISION_STUDIO } from '../../vision-studio/src/endpoints'
import { ENDPOINTS as VLMRUN } from '../../vlmrun/src/endpoints'

const packages = fileURLToPath(new URL('../..', import.meta.url))

const DRIVERS: { dir: string; driver: Driver; endpoints: readonly EndpointInfo[] }[] = [
  { dir: 'local', driver: local({ baseUrl: 'http://127.0.0.1:4201' }), endpoints: LOCAL },
  {
    dir: 'canary',
    driver: canary({ apiKey: 'clk_test', baseUrl: 'https://canary.example.com' }),
    endpoints: CANARY,
  },
  { dir: 'onysoft', driver: onysoft({ apiKey: 'key' }), endpoints: ONYSOFT },
  { dir: 'vlmrun', driver: vlmrun({ apiKey: 'key' }), endpoints: VLMRUN },
  {
    dir: 'vision-studio',
    driver: visionStudio({ apiKey: 'key', baseUrl: 'https://studio.example.com' }),
    endpoints: VISION_STUDIO,
  },
]

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*\.ts$/

describe('driver package layout', () => {
  for (const { dir, driver, endpoints } of DRIVERS) {
    describe(dir, () => {
      const src = join(packages, dir, 'src')

      it('has client/, schemas/, driver/ and endpoints.ts, files named in kebab-case', () => {
        for (const folder of ['client', 'schemas', 'driver']) {
          expect(existsSync(join(src, folder)), `${dir}/src/${folder}/`).toBe(true)
        }
        expect(existsSync(join(src, 'endpoints.ts'))).toBe(true)
        expect(existsSync(join(src, 'driver', 'index.ts'))).toBe(true)
        expect(existsSync(join(src, 'driver', `${driver.id}-driver.ts`))).toBe(true)
        const names = ['client', 'schemas', 'driver'].flatMap((folder) =>
          readdirSync(join(src, folder)).filter((name) => name.endsWith('.ts')),
        )
        expect(names.filter((name) => !KEBAB.test(name))).toEqual([])
      })

      it('lists every endpoint as EndpointInfo', () => {
        expect(endpoints.length).toBeGreaterThan(0)
        for (const row of endpoints) {
          expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).toContain(row.method)
          expect(row.path).toMatch(/^\//)
          expect(row.summary.length).toBeGreaterThan(0)
          expect(row.clientMethod.length).toBeGreaterThan(0)
          expect(row.tasks.filter((task) => !isTaskName(task))).toEqual([])
        }
      })

      it('agrees with the handlers: each task calls an endpoint, each listed task has a handler', () => {
        const handled = Object.keys(driver.tasks).sort()
        const called = [...new Set(endpoints.flatMap((row) => row.tasks as TaskName[]))].sort()
        expect(called).toEqual(handled)
      })
    })
  }
})
