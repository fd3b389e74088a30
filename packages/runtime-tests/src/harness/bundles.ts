/**
 * One ESM bundle of the scenario per kind of runtime, built by esbuild from the BUILT
 * packages (`dist`, as an app would install them), never from their TypeScript sources.
 */
import { statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { build, type Metafile } from 'esbuild'

export type BundleName = 'node' | 'deno' | 'workerd' | 'browser'

export interface Bundle {
  name: BundleName
  file: string
  bytes: number
}

interface BundleTarget {
  name: BundleName
  entry: string
  platform: 'node' | 'neutral' | 'browser'
  conditions?: string[]
  mainFields?: string[]
}

const TARGETS: BundleTarget[] = [
  // Node 20, Node 22 and Bun.
  { name: 'node', entry: 'src/entries/cli.ts', platform: 'node' },
  // Deno: no Node resolution conditions, so nothing Node-only can slip in.
  {
    name: 'deno',
    entry: 'src/entries/cli.ts',
    platform: 'neutral',
    conditions: ['deno', 'import', 'default'],
    mainFields: ['module', 'main'],
  },
  {
    name: 'workerd',
    entry: 'src/entries/worker.ts',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
  },
  { name: 'browser', entry: 'src/entries/browser.ts', platform: 'browser' },
]

/** The workspace packages the scenario uses; their code must come from `dist`. */
const WORKSPACE_PACKAGES = ['atelier', 'core', 'local']

export async function buildBundles(packageDir: string, outDir: string): Promise<Bundle[]> {
  const bundles: Bundle[] = []
  for (const target of TARGETS) {
    const file = join(outDir, `scenario.${target.name}.mjs`)
    const result = await build({
      absWorkingDir: packageDir,
      entryPoints: [target.entry],
      outfile: file,
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: target.platform,
      ...(target.conditions ? { conditions: target.conditions } : {}),
      ...(target.mainFields ? { mainFields: target.mainFields } : {}),
      // The root tsconfig maps workspace packages to their sources; bundles must use `dist`.
      tsconfigRaw: {},
      metafile: true,
      logLevel: 'silent',
    })
    checkInputs(target.name, result.metafile, packageDir)
    bundles.push({ name: target.name, file, bytes: statSync(file).size })
  }
  return bundles
}

/** Throws unless every workspace package in the bundle was read from its `dist`. */
function checkInputs(name: BundleName, metafile: Metafile, packageDir: string): void {
  const root = join(packageDir, '..', '..')
  const inputs = Object.keys(metafile.inputs).map((input) =>
    relative(root, join(packageDir, input)).split(sep).join('/'),
  )
  for (const pkg of WORKSPACE_PACKAGES) {
    const fromPackage = inputs.filter((input) => input.startsWith(`packages/${pkg}/`))
    if (fromPackage.length === 0) {
      throw new Error(`the ${name} bundle has no code from packages/${pkg}`)
    }
    const notBuilt = fromPackage.filter((input) => !input.startsWith(`packages/${pkg}/dist/`))
    if (notBuilt.length > 0) {
      throw new Error(`the ${name} bundle read sources instead of dist: ${notBuilt.join(', ')}`)
    }
  }
}
