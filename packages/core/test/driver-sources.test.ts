/**
 * What the contract promises about every driver package's sources, checked on their syntax
 * trees: no casts that hide a task's types (`as never`, `as ValidTaskInput<...>`), no `switch`
 * over task names (handlers are a typed map), and no waiting of their own (timers, sleeps) —
 * the engine in core does all polling and pacing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TASK_NAMES } from '@atelier/core'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const DRIVERS = ['local', 'canary', 'onysoft', 'vlmrun', 'vision-studio']
const TASKS = new Set<string>(TASK_NAMES)
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate'])

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourcesOf(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Every offence in one file, as `file:line what`. */
function offences(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source))
    found.push(`${relative(root, file)}:${line + 1} ${what}`)
  }
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node)) {
      const type = node.type.getText(source)
      if (type === 'never' || type.startsWith('ValidTaskInput')) report(node, `as ${type}`)
    }
    if (ts.isSwitchStatement(node)) {
      const overTasks = node.caseBlock.clauses.some(
        (clause) =>
          ts.isCaseClause(clause) &&
          ts.isStringLiteralLike(clause.expression) &&
          TASKS.has(clause.expression.text),
      )
      if (overTasks) report(node, 'switch over task names')
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression
      if (ts.isIdentifier(callee) && TIMERS.has(callee.text)) report(node, `${callee.text}()`)
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'sleep') {
        report(node, '.sleep()')
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('driver sources', () => {
  for (const driver of DRIVERS) {
    it(`${driver}: no task casts, no switch over tasks, no timers or sleeps`, () => {
      const files = sourcesOf(join(root, 'packages', driver, 'src'))
      expect(files.length).toBeGreaterThan(0)
      expect(files.flatMap(offences)).toEqual([])
    })
  }

  it('catches each kind of offence (the check itself can fail)', () => {
    const probe = join(root, 'packages/core/test/fixtures/offending-driver.ts.txt')
    expect(offences(probe).map((line) => line.replace(/^.*:(\d+) /, '$1 '))).toEqual([
      '3 switch over task names',
      '5 as ValidTaskInput<"image.generate">',
      '8 as never',
      '10 setTimeout()',
      '11 .sleep()',
    ])
  })
})
