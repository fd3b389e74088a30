#!/usr/bin/env node
// Browser bundle sizes of what users import, built from the packages' dist (run after
// `npm run build`): esbuild, platform browser, minified, then gzip -9. Prints a markdown
// table, writes bench-results/bundle.json, and checks that importing one driver pulls in no
// other driver. With --enforce, exits non-zero when a budget is exceeded.
//
// Budgets: `atelier` + `@atelier/local` ≤ 20 KB gzip; every other driver ≤ 8 KB gzip on top
// of core, where "core" is `atelier` plus the parts of `@atelier/core` every HTTP driver runs on
// (HttpClient, MediaFile, the SSE reader): an app pays for those once, whichever drivers it uses.
// Each row also says how much of it is zod (the bundle built again with zod left external), so
// the table shows what atelier's own code weighs.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const enforce = process.argv.includes('--enforce')
const esbuild = await import('esbuild')
const KB = 1024

const drivers = [
  { pkg: '@atelier/local', factory: 'local' },
  { pkg: '@atelier/canary', factory: 'canary' },
  { pkg: '@atelier/onysoft', factory: 'onysoft' },
  { pkg: '@atelier/vlmrun', factory: 'vlmrun' },
  { pkg: '@atelier/vision-studio', factory: 'visionStudio' },
].filter((driver) =>
  existsSync(join(root, 'packages', driver.pkg.slice('@atelier/'.length), 'dist')),
)

const work = mkdtempSync(join(tmpdir(), 'atelier-size-'))
async function measure(name, source, { withoutZod = false } = {}) {
  const entry = join(work, `${name.replace(/[^a-z0-9]/gi, '_')}.mjs`)
  writeFileSync(entry, source)
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    absWorkingDir: join(root, 'examples'), // resolves workspace packages like an app would
    nodePaths: [join(root, 'examples', 'node_modules'), join(root, 'node_modules')],
    logLevel: 'silent',
    ...(withoutZod ? { external: ['zod', 'zod/*'] } : {}),
  })
  const code = result.outputFiles[0].contents
  const inputs = Object.keys(result.metafile.inputs)
  const gzip = gzipSync(code, { level: 9 }).byteLength
  if (withoutZod) return { gzip }
  const own = await measure(name, source, { withoutZod: true })
  return { min: code.byteLength, gzip, zod: gzip - own.gzip, inputs }
}

const CORE_RUNTIME = `import { createAtelier } from 'atelier'
import { HttpClient, MediaFile, readServerSentEvents } from '@atelier/core'
const core = [createAtelier, HttpClient, MediaFile, readServerSentEvents]`
const facade = await measure(
  'facade',
  `import { createAtelier } from 'atelier'\nglobalThis.x = createAtelier`,
)
const base = await measure('base', `${CORE_RUNTIME}\nglobalThis.x = core`)
const rows = []
let failures = 0
for (const driver of drivers) {
  const size = await measure(
    driver.pkg,
    `${CORE_RUNTIME}\nimport { ${driver.factory} } from '${driver.pkg}'\nglobalThis.x = [core, ${driver.factory}]`,
  )
  const others = drivers
    .filter((other) => other !== driver)
    .map((other) => `packages/${other.pkg.slice('@atelier/'.length)}/`)
  const leaks = size.inputs.filter((input) => others.some((other) => input.includes(other)))
  const isLocal = driver.pkg === '@atelier/local'
  const measured = isLocal ? size.gzip : size.gzip - base.gzip
  const budget = isLocal ? 20 * KB : 8 * KB
  const within = measured <= budget
  if (!within || leaks.length) failures++
  rows.push({
    bundle: isLocal ? 'atelier + @atelier/local' : `${driver.pkg} (on top of core)`,
    minified: size.min,
    gzip: size.gzip,
    zod: size.zod,
    measured,
    budget,
    within,
    pullsOtherDrivers: leaks.length > 0,
  })
}
rmSync(work, { recursive: true, force: true })

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
console.log(
  `| bundle | minified | gzip | of which zod | counted against budget | budget | within | other drivers pulled in |`,
)
console.log(`|---|---|---|---|---|---|---|---|`)
console.log(
  `| atelier alone (createAtelier) | ${kb(facade.min)} | ${kb(facade.gzip)} | ${kb(facade.zod)} | — | — | — | — |`,
)
console.log(
  `| core: atelier + HttpClient, MediaFile, SSE reader | ${kb(base.min)} | ${kb(base.gzip)} | ${kb(base.zod)} | — | — | — | — |`,
)
for (const row of rows) {
  console.log(
    `| ${row.bundle} | ${kb(row.minified)} | ${kb(row.gzip)} | ${kb(row.zod)} | ${kb(row.measured)} | ${kb(row.budget)} | ${row.within ? 'yes' : 'NO'} | ${row.pullsOtherDrivers ? 'YES' : 'none'} |`,
  )
}
mkdirSync(join(root, 'bench-results'), { recursive: true })
writeFileSync(
  join(root, 'bench-results', 'bundle.json'),
  `${JSON.stringify({ facade: strip(facade), base: strip(base), rows }, null, 2)}\n`,
)
function strip({ inputs, ...figures }) {
  return figures
}
if (failures) {
  console.log(`\nbundle: ${failures} bundle(s) over budget or pulling in another driver`)
  if (enforce) process.exit(1)
}
