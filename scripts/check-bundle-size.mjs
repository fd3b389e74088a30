#!/usr/bin/env node
// Browser bundle sizes of what users import, built from the packages' dist (run after
// `npm run build`): esbuild, platform browser, minified, every dependency included, then
// gzip -9. Prints a markdown table and writes bench-results/bundle.json.
//
// Budgets (gzip):
// - core runtime — `createAtelier` + HttpClient + MediaFile + the SSE reader, with zod, ky,
//   p-retry and eventsource-parser inside: ≤ 26 KB. An app pays for it once, whichever
//   drivers it uses;
// - each driver's task path (its factory) on top of the core runtime: ≤ 8 KB;
// - `atelier` + `@atelier/local`, whole: ≤ 34 KB;
// - each full typed client entry (`@atelier/<id>/client`): printed, no budget.
// Each row also says how much of it is zod (the bundle built again with zod left external).
//
// Checks, which `--enforce` turns into a failing exit:
// - a bundle over its budget, unless scripts/bundle-ceilings.json records why (`overBudget`)
//   — the account of each kilobyte a budget still misses lives there and in
//   docs/performance.md, not only in a closing note;
// - a bundle grown past its ceiling (its recorded size plus a little headroom), so growth is
//   a decision made in a commit (`--record-ceilings` writes new ceilings and keeps the reasons);
// - a driver's task path that pulls in another driver;
// - a driver's task path that carries an endpoint the driver never calls: the path of every
//   client-only row of the driver's `ENDPOINTS` table (no tasks, not `listsModels`) must be
//   absent from the bundle.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const enforce = process.argv.includes('--enforce')
const recordCeilings = process.argv.includes('--record-ceilings')
const ceilingsFile = join(root, 'scripts', 'bundle-ceilings.json')
/** Bytes of gzip a bundle may grow by before its ceiling stops it: 1%, at least 128 bytes. */
const headroom = (bytes) => Math.max(128, Math.ceil(bytes / 100))
const recorded = existsSync(ceilingsFile) ? JSON.parse(readFileSync(ceilingsFile, 'utf8')) : {}
const esbuild = await import('esbuild')
const KB = 1024
const BUDGET = { core: 26 * KB, driver: 8 * KB, facadeWithLocal: 34 * KB }

const drivers = [
  { pkg: '@atelier/local', factory: 'local', client: 'SillyMediaClient' },
  { pkg: '@atelier/canary', factory: 'canary', client: 'CanaryClient' },
  { pkg: '@atelier/onysoft', factory: 'onysoft', client: 'OnysoftClient' },
  { pkg: '@atelier/vlmrun', factory: 'vlmrun', client: 'VlmRunClient' },
  { pkg: '@atelier/vision-studio', factory: 'visionStudio', client: 'VisionStudioClient' },
].filter((driver) => existsSync(join(packageDir(driver.pkg), 'dist')))

function packageDir(pkg) {
  return join(root, 'packages', pkg.slice('@atelier/'.length))
}

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
  const gzip = gzipSync(code, { level: 9 }).byteLength
  if (withoutZod) return { gzip }
  const own = await measure(name, source, { withoutZod: true })
  return {
    min: code.byteLength,
    gzip,
    zod: gzip - own.gzip,
    inputs: Object.keys(result.metafile.inputs),
    text: result.outputFiles[0].text,
  }
}

/**
 * The endpoints only the full client calls, each with the literal a bundle that carries it
 * contains: the longest fixed piece of its path (`/loras` of `GET /loras`,
 * `/thumbnail` of `/video/{id}/thumbnail`). A piece that a task-path endpoint's path also
 * contains proves nothing and is left out.
 */
async function clientOnlyEndpoints(driver) {
  const module = await import(pathToFileURL(join(packageDir(driver.pkg), 'dist', 'index.js')).href)
  const rows = module.ENDPOINTS ?? []
  const onDriverPath = (row) => row.tasks.length > 0 || row.listsModels === true
  const taskPaths = rows.filter(onDriverPath).map((row) => row.path)
  return rows
    .filter((row) => !onDriverPath(row))
    .map((row) => {
      const pieces = row.path.split(/\{[^}]*\}/).filter((piece) => piece.length > 0)
      const literal = pieces.sort((a, b) => b.length - a.length)[0] ?? row.path
      return { endpoint: `${row.method} ${row.path}`, literal }
    })
    .filter(({ literal }) => literal.length >= 4)
    .filter(({ literal }) => !taskPaths.some((path) => path.includes(literal)))
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

/** Every budgeted row: what it weighs against its budget, its ceiling and its checks. */
const rows = [
  budgeted({
    id: 'core',
    bundle: 'core runtime: createAtelier + HttpClient, MediaFile, SSE reader',
    size: base,
    measured: base.gzip,
    budget: BUDGET.core,
  }),
]
const clients = []
for (const driver of drivers) {
  const size = await measure(
    driver.pkg,
    `${CORE_RUNTIME}\nimport { ${driver.factory} } from '${driver.pkg}'\nglobalThis.x = [core, ${driver.factory}]`,
  )
  const others = drivers
    .filter((other) => other !== driver)
    .map((other) => `packages/${other.pkg.slice('@atelier/'.length)}/`)
  const carried = (await clientOnlyEndpoints(driver)).filter(({ literal }) =>
    size.text.includes(literal),
  )
  rows.push(
    budgeted({
      id: driver.pkg,
      bundle: `${driver.pkg} task path (on top of core)`,
      size,
      measured: size.gzip - base.gzip,
      budget: BUDGET.driver,
      pullsOtherDrivers: size.inputs.some((input) => others.some((other) => input.includes(other))),
      clientOnlyCarried: carried.map(({ endpoint }) => endpoint),
    }),
  )
  if (driver.pkg === '@atelier/local') {
    rows.push(
      budgeted({
        id: 'atelier + @atelier/local',
        bundle: 'atelier + @atelier/local, whole',
        size,
        measured: size.gzip,
        budget: BUDGET.facadeWithLocal,
      }),
    )
  }
  if (existsSync(join(packageDir(driver.pkg), 'dist', 'client.js'))) {
    const client = await measure(
      `${driver.pkg}/client`,
      `import { ${driver.client} } from '${driver.pkg}/client'\nglobalThis.x = ${driver.client}`,
    )
    clients.push({ id: `${driver.pkg}/client`, name: driver.client, ...strip(client) })
  }
}
rmSync(work, { recursive: true, force: true })

function budgeted({ id, bundle, size, measured, budget, ...checks }) {
  const entry = recorded[id]
  const ceiling = typeof entry === 'number' ? entry : entry?.ceiling
  const overBudgetReason = typeof entry === 'object' ? entry.overBudget : undefined
  return {
    id,
    bundle,
    minified: size.min,
    gzip: size.gzip,
    zod: size.zod,
    measured,
    budget,
    within: measured <= budget,
    ceiling,
    grew: ceiling !== undefined && measured > ceiling,
    overBudgetReason,
    pullsOtherDrivers: false,
    clientOnlyCarried: [],
    ...checks,
  }
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
console.log(
  `| bundle | minified | gzip | of which zod | counted against budget | budget | within | ceiling | other drivers pulled in | client-only endpoints carried |`,
)
console.log(`|---|---|---|---|---|---|---|---|---|---|`)
console.log(
  `| atelier alone (createAtelier) | ${kb(facade.min)} | ${kb(facade.gzip)} | ${kb(facade.zod)} | — | — | — | — | — | — |`,
)
for (const row of rows) {
  const within = row.within ? 'yes' : `NO (+${kb(row.measured - row.budget)})`
  const ceiling =
    row.ceiling === undefined ? 'none' : `${kb(row.ceiling)}${row.grew ? ' GREW PAST' : ''}`
  const isDriver = row.id.startsWith('@atelier/')
  console.log(
    `| ${row.bundle} | ${kb(row.minified)} | ${kb(row.gzip)} | ${kb(row.zod)} | ${kb(row.measured)} | ${kb(row.budget)} | ${within} | ${ceiling} | ${isDriver ? (row.pullsOtherDrivers ? 'YES' : 'none') : '—'} | ${isDriver ? row.clientOnlyCarried.length || 'none' : '—'} |`,
  )
}
for (const client of clients) {
  console.log(
    `| full client: ${client.id} (${client.name}, alone) | ${kb(client.min)} | ${kb(client.gzip)} | ${kb(client.zod)} | — | no budget | — | — | — | — |`,
  )
}
mkdirSync(join(root, 'bench-results'), { recursive: true })
writeFileSync(
  join(root, 'bench-results', 'bundle.json'),
  `${JSON.stringify({ facade: strip(facade), base: strip(base), rows, clients }, null, 2)}\n`,
)
function strip({ inputs, text, ...figures }) {
  return figures
}

const overBudget = rows.filter((row) => !row.within)
const unexplained = overBudget.filter((row) => !row.overBudgetReason).map((row) => row.id)
const grown = rows.filter((row) => row.grew).map((row) => row.id)
const leaking = rows.filter((row) => row.pullsOtherDrivers).map((row) => row.id)
const carrying = rows.filter((row) => row.clientOnlyCarried.length > 0)
for (const row of carrying) {
  console.log(
    `\n${row.id} task path carries client-only endpoints: ${row.clientOnlyCarried.join(', ')}`,
  )
}
for (const row of overBudget.filter((row) => row.overBudgetReason)) {
  console.log(
    `\n${row.id} over budget by ${kb(row.measured - row.budget)}: ${row.overBudgetReason}`,
  )
}
console.log(
  `\nbundle: ${rows.length - overBudget.length} of ${rows.length} within budget` +
    (overBudget.length ? ` (over: ${overBudget.map((row) => row.id).join(', ')})` : '') +
    `; over budget without a recorded reason: ${unexplained.length ? unexplained.join(', ') : 'none'}` +
    `; grown past ceiling: ${grown.length ? grown.join(', ') : 'none'}` +
    `; pulling in another driver: ${leaking.length ? leaking.join(', ') : 'none'}` +
    `; carrying client-only endpoints: ${carrying.length ? carrying.map((row) => row.id).join(', ') : 'none'}`,
)
if (recordCeilings) {
  const next = {}
  for (const row of rows) {
    const ceiling = row.within
      ? Math.min(row.measured + headroom(row.measured), row.budget)
      : row.measured + headroom(row.measured)
    next[row.id] = row.overBudgetReason ? { ceiling, overBudget: row.overBudgetReason } : ceiling
  }
  writeFileSync(ceilingsFile, `${JSON.stringify(next, null, 2)}\n`)
  console.log(`bundle: ceilings written to scripts/bundle-ceilings.json (reasons kept)`)
}
if (enforce && (unexplained.length || grown.length || leaking.length || carrying.length)) {
  process.exit(1)
}
