/** The docs page's endpoint table stays in step with the endpoints table and the driver. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS } from '../src'

const page = readFileSync(
  new URL('../../../docs/providers/vision-studio.md', import.meta.url),
  'utf8',
)
const rows = page.split('\n').filter((line) => line.startsWith('| `') && line.includes('`client.'))

describe('docs/providers/vision-studio.md', () => {
  it('lists every endpoint once, with its client method and function, and the task of every endpoint the driver maps', () => {
    expect(rows).toHaveLength(ENDPOINTS.length)
    for (const endpoint of ENDPOINTS) {
      const row = rows.find(
        (line) => line.split('|')[1]?.trim() === `\`${endpoint.method} ${endpoint.path}\``,
      )
      expect(row, `${endpoint.method} ${endpoint.path}`).toBeDefined()
      expect(row).toContain(`\`client.${endpoint.clientMethod}(`)
      expect(row).toContain(`\`${endpoint.functionName}(transport`)
      const task = row!.split('|').at(-2)!.trim()
      expect(task === '—', `${endpoint.name}: ${task}`).toBe(endpoint.tasks.length === 0)
      for (const name of endpoint.tasks) expect(task, endpoint.name).toContain(`\`${name}\``)
    }
  })
})
