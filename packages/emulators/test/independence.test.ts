/**
 * An emulator is an independent witness of the provider it fakes: it must not take its rules
 * (schemas, constants, model lists, types, messages) from the driver it is there to check, or a
 * driver that misreads the API is misread the same way and no test can fail.
 *
 * This reads every source file of the package and refuses, without exception, imports of the
 * five driver packages: every emulator takes its rules from its API document.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const DRIVERS = [
  '@atelier/local',
  '@atelier/canary',
  '@atelier/onysoft',
  '@atelier/vlmrun',
  '@atelier/vision-studio',
] as const

const SOURCE = fileURLToPath(new URL('../src', import.meta.url))

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(c|m)?[jt]sx?$/.test(entry.name) ? [path] : []
  })
}

/** The driver packages a source text imports: `from '...'`, `import('...')`, `require('...')`. */
export function driverImports(text: string): string[] {
  const found = new Set<string>()
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g
  for (const match of text.matchAll(pattern)) {
    const specifier = match[2]!
    for (const driver of DRIVERS) {
      if (specifier === driver || specifier.startsWith(`${driver}/`)) found.add(driver)
    }
  }
  return [...found].sort()
}

const files = sourceFiles(SOURCE).map((path) => ({
  path: relative(SOURCE, path).split('\\').join('/'),
  imports: driverImports(readFileSync(path, 'utf8')),
}))

describe('emulators are independent of the drivers they check', () => {
  it('finds the source files and reads their imports', () => {
    expect(files.length).toBeGreaterThan(40)
    expect(files.some((file) => file.path === 'sidecar/index.ts')).toBe(true)
    expect(driverImports("import { x } from '@atelier/local'")).toEqual(['@atelier/local'])
    expect(driverImports('import type {\n  X,\n} from "@atelier/vlmrun/schemas"')).toEqual([
      '@atelier/vlmrun',
    ])
    expect(driverImports("const m = await import('@atelier/canary')")).toEqual(['@atelier/canary'])
    expect(driverImports("export * from '@atelier/onysoft'")).toEqual(['@atelier/onysoft'])
    expect(driverImports("import '@atelier/vision-studio'")).toEqual(['@atelier/vision-studio'])
    expect(driverImports("import { encodeBase64 } from '@atelier/core'")).toEqual([])
  })

  it('no file imports any driver package', () => {
    const offenders = files.filter((file) => file.imports.length > 0)
    expect(offenders.map((file) => `${file.path}: ${file.imports.join(', ')}`)).toEqual([])
  })

  it('reads the Vision Studio emulator, which once took its rules from its driver', () => {
    const studio = files.filter((file) => file.path.startsWith('vision-studio/'))
    expect(studio.map((file) => file.path)).toEqual(
      expect.arrayContaining(['vision-studio/index.ts', 'vision-studio/document.ts']),
    )
  })
})
