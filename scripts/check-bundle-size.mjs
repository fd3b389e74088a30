#!/usr/bin/env node
// Browser bundle sizes of what users import, built from the packages' dist (run after
// `npm run build`): esbuild, platform browser, minified, then gzip -9. Prints a markdown
// table, writes bench-results/bundle.json, and checks that importing one driver pulls in no
// other driver.
//
// Budgets: `atelier` + `@atelier/local` ≤ 20 KB gzip; every other driver ≤ 8 KB gzip on top
// of core, where "core" is `atelier` plus the parts of `@atelier/core` every HTTP driver runs on
// (HttpClient, MediaFile, the SSE reader): an app pays for those once, whichever drivers it uses.
// Each row also says how much of it is zod (the bundle built again with zod left external), so
// the table shows what atelier's own code weighs.
//
// Ceilings (scripts/bundle-ceilings.json) guard against growth while budgets are not all met:
// each bundle may weigh at most its recorded size plus a little headroom. With --enforce, CI
// fails when a bundle grows past its ceiling or pulls in another driver; budgets are printed.
// After a change that shrinks a bundle (or grows it on purpose), `--record-ceilings` writes
// the new ceilings; a ceiling never exceeds a budget the bundle meets.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const enforce = process.argv.includes('--enforce')
const recordCeilings = process.argv.includes('--record-ceilings')
const ceilingsFile = join(root, 'scripts', 'bundle-ceilings.json')
/** Bytes of gzip a bundle may grow by before its ceiling stops it: 1%, at least 128 bytes. */
const headroom = (bytes) => Math.max(128, Math.ceil(bytes / 100))
const ceilings = existsSync(ceilingsFile) ? JSON.parse(readFileSync(ceilingsFile, 'utf8')) : {}
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
import { MediaFile } from '@atelier/core'
import { HttpClient, readServerSentEvents } from '@atelier/core/driver'
const core = [createAtelier, HttpClient, MediaFile, readServerSentEvents]`
const facade = await measure(
  'facade',
  `import { createAtelier } from 'atelier'\nglobalThis.x = createAtelier`,
)
const base = await measure('base', `${CORE_RUNTIME}\nglobalThis.x = core`)
const rows = []
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
  rows.push({
    id: driver.pkg,
    bundle: isLocal ? 'atelier + @atelier/local' : `${driver.pkg} (on top of core)`,
    minified: size.min,
    gzip: size.gzip,
    zod: size.zod,
    measured,
    budget,
    within,
    ceiling: ceilings[driver.pkg],
    pullsOtherDrivers: leaks.length > 0,
  })
}
rmSync(work, { recursive: true, force: true })
// The core runtime is guarded too: drivers are measured on top of it, so its growth would
// otherwise show only in the local row.
const coreCeiling = ceilings.core
const grew = (measured, ceiling) => ceiling !== undefined && measured > ceiling

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
console.log(
  `| bundle | minified | gzip | of which zod | counted against budget | budget | within | ceiling | other drivers pulled in |`,
)
console.log(`|---|---|---|---|---|---|---|---|---|`)
console.log(
  `| atelier alone (createAtelier) | ${kb(facade.min)} | ${kb(facade.gzip)} | ${kb(facade.zod)} | — | — | — | — | — |`,
)
console.log(
  `| core: atelier + HttpClient, MediaFile, SSE reader | ${kb(base.min)} | ${kb(base.gzip)} | ${kb(base.zod)} | ${kb(base.gzip)} | — | — | ${ceilingCell(base.gzip, coreCeiling)} | — |`,
)
for (const row of rows) {
  console.log(
    `| ${row.bundle} | ${kb(row.minified)} | ${kb(row.gzip)} | ${kb(row.zod)} | ${kb(row.measured)} | ${kb(row.budget)} | ${row.within ? 'yes' : 'NO'} | ${ceilingCell(row.measured, row.ceiling)} | ${row.pullsOtherDrivers ? 'YES' : 'none'} |`,
  )
}
function ceilingCell(measured, ceiling) {
  if (ceiling === undefined) return 'none recorded'
  return `${kb(ceiling)}${grew(measured, ceiling) ? ' GREW PAST' : ''}`
}
mkdirSync(join(root, 'bench-results'), { recursive: true })
writeFileSync(
  join(root, 'bench-results', 'bundle.json'),
  `${JSON.stringify({ facade: strip(facade), base: strip(base), rows }, null, 2)}\n`,
)
function strip({ inputs, ...figures }) {
  return figures
}

const overBudget = rows.filter((row) => !row.within).map((row) => row.id)
const leaking = rows.filter((row) => row.pullsOtherDrivers).map((row) => row.id)
const grown = [
  ...(grew(base.gzip, coreCeiling) ? ['core'] : []),
  ...rows.filter((row) => grew(row.measured, row.ceiling)).map((row) => row.id),
]
console.log(
  `\nbundle: ${rows.length - overBudget.length} of ${rows.length} within budget` +
    (overBudget.length ? ` (over: ${overBudget.join(', ')})` : '') +
    `; grown past ceiling: ${grown.length ? grown.join(', ') : 'none'}` +
    `; pulling in another driver: ${leaking.length ? leaking.join(', ') : 'none'}`,
)
if (recordCeilings) {
  const next = { core: base.gzip + headroom(base.gzip) }
  for (const row of rows) {
    const ceiling = row.measured + headroom(row.measured)
    next[row.id] = row.within ? Math.min(ceiling, row.budget) : ceiling
  }
  writeFileSync(ceilingsFile, `${JSON.stringify(next, null, 2)}\n`)
  console.log(`bundle: ceilings written to scripts/bundle-ceilings.json`)
}
if (enforce && (grown.length || leaking.length)) process.exit(1)
