/**
 * Bundle size: runs `scripts/check-bundle-size.mjs` (esbuild for the browser, minified, gzip -9,
 * from the packages' dist), which prints a markdown table and writes bench-results/bundle.json;
 * its table and figures are copied into the report.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export async function benchBundle(): Promise<{ figures: unknown; table: string }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['scripts/check-bundle-size.mjs'],
    { cwd: ROOT },
  )
  const table = stdout
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n')
  const figures = JSON.parse(await readFile(`${ROOT}bench-results/bundle.json`, 'utf8')) as unknown
  return { figures, table }
}
