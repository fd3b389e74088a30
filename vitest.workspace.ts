// The one list of test projects. vitest 4 no longer reads this file by itself, so
// vitest.config.ts imports it. Every project resolves workspace packages to their
// TypeScript sources, so tests never depend on a stale build.
import { fileURLToPath } from 'node:url'
import type { TestProjectInlineConfiguration } from 'vitest/config'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Workspace imports mapped to sources; longest specifiers first so subpaths win. */
export const sourceAliases = [
  { find: /^@atelier\/core\/node$/, replacement: source('./packages/core/src/node.ts') },
  { find: /^@atelier\/core\/driver$/, replacement: source('./packages/core/src/kit/index.ts') },
  { find: /^@atelier\/core$/, replacement: source('./packages/core/src/index.ts') },
  { find: /^@atelier\/testing\/msw$/, replacement: source('./packages/testing/src/msw.ts') },
  { find: /^@atelier\/testing$/, replacement: source('./packages/testing/src/index.ts') },
  {
    find: /^@atelier\/local\/client$/,
    replacement: source('./packages/local/src/client/index.ts'),
  },
  { find: /^@atelier\/local$/, replacement: source('./packages/local/src/index.ts') },
  {
    find: /^@atelier\/canary\/client$/,
    replacement: source('./packages/canary/src/client/index.ts'),
  },
  { find: /^@atelier\/canary$/, replacement: source('./packages/canary/src/index.ts') },
  {
    find: /^@atelier\/onysoft\/client$/,
    replacement: source('./packages/onysoft/src/client/index.ts'),
  },
  { find: /^@atelier\/onysoft$/, replacement: source('./packages/onysoft/src/index.ts') },
  {
    find: /^@atelier\/vlmrun\/client$/,
    replacement: source('./packages/vlmrun/src/client/index.ts'),
  },
  { find: /^@atelier\/vlmrun$/, replacement: source('./packages/vlmrun/src/index.ts') },
  {
    find: /^@atelier\/vision-studio\/client$/,
    replacement: source('./packages/vision-studio/src/client/index.ts'),
  },
  {
    find: /^@atelier\/vision-studio$/,
    replacement: source('./packages/vision-studio/src/index.ts'),
  },
  { find: /^@atelier\/emulators$/, replacement: source('./packages/emulators/src/index.ts') },
  { find: /^@atelier\/bullmq$/, replacement: source('./packages/bullmq/src/index.ts') },
  { find: /^@atelier\/ai-sdk$/, replacement: source('./packages/ai-sdk/src/index.ts') },
  { find: /^atelier$/, replacement: source('./packages/atelier/src/index.ts') },
]

const project = (
  name: string,
  root: string,
  include = ['test/**/*.test.ts'],
): TestProjectInlineConfiguration => ({
  resolve: { alias: sourceAliases },
  test: {
    name,
    root: source(root),
    include,
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 20_000,
  },
})

export default [
  project('core', './packages/core'),
  project('atelier', './packages/atelier'),
  project('testing', './packages/testing'),
  project('local', './packages/local'),
  project('canary', './packages/canary'),
  project('onysoft', './packages/onysoft'),
  project('vlmrun', './packages/vlmrun'),
  project('vision-studio', './packages/vision-studio'),
  project('emulators', './packages/emulators'),
  project('reliability', './packages/reliability'),
  // The AI SDK's own functions (ai 6 here, ai 7 in a Node 22 child) over the emulators.
  project('ai-sdk', './packages/ai-sdk'),
  // Runs the built `atelier` bin (built first when dist is missing or stale) against the emulators.
  project('cli', './packages/cli'),
  // BullMQ workers on a real Redis (started by the test setup when none is given) over the emulators.
  project('bullmq', './packages/bullmq'),
  // Examples are runnable documentation: their tests live beside them.
  project('examples', './examples', ['**/*.test.ts']),
] satisfies TestProjectInlineConfiguration[]
