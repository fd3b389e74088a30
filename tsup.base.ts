/**
 * The one build setup every published package shares: ESM + CJS + type declarations,
 * source maps, ES2022. A package's tsup.config.ts names only its entry points.
 */
import { defineConfig, type Options } from 'tsup'

export function packageBuild(entry: string[] | Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
    ...overrides,
  })
}
