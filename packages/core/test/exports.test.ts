/**
 * The public surface of `@atelier/core`, pinned. The root entry is what apps and driver
 * authors use; `@atelier/core/driver` is the driver kit. A name added to either (a type or a
 * value) changes the snapshot, so growing the API is a decision someone sees in review.
 */
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const entry = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url))

function exportedNames(file: string): string[] {
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    skipLibCheck: true,
  })
  const checker = program.getTypeChecker()
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort()
}

describe('@atelier/core exports', () => {
  it('the root entry: what apps and driver authors use', () => {
    expect(exportedNames(entry('index.ts'))).toMatchSnapshot()
  })

  it('the driver kit (@atelier/core/driver)', () => {
    expect(exportedNames(entry('kit/index.ts'))).toMatchSnapshot()
  })

  it('the Node entry (@atelier/core/node)', () => {
    expect(exportedNames(entry('node.ts'))).toMatchSnapshot()
  })
})
