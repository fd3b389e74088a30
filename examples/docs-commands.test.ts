/**
 * Every command the documentation shows is checked, so a reader who copies one gets something
 * that works. The pages are `README.md`, `docs/**` and each package's `README.md`; the rules for
 * their code blocks are in docs/README.md ("Writing docs"):
 *
 * - a TypeScript block (```ts, ```typescript) is type-checked, strict, against the workspace
 *   sources (the root tsconfig's paths) as a module of its own. A fragment states what it takes
 *   for granted in leading `// @assume <declaration>` lines, which are checked as code;
 *   ```ts nocheck <reason> opts a block out (pseudo-code, another runtime), the reason required;
 * - ```ts runnable is also run, with tsx, from the sources; ```ts runnable <emulator> first
 *   starts that emulator (sidecar, canary, onysoft, vlmrun, vision-studio) and gives the block
 *   its `baseUrl` and an `apiKey` the emulator accepts;
 * - in a shell block (```sh, ```bash), every command must name what exists: an npm script, a
 *   file, a bin of the workspace, a test project, a published package. A command that asks for
 *   `--help` is run. Nothing else runs: no install, build, test or demo.
 *
 * Failures name the page and line; the figures go to test-results/docs-commands.json, and the
 * summary of `npm test` prints them.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createCanaryEmulator,
  createSidecarEmulator,
  createVisionStudioEmulator,
  createVlmRunEmulator,
  serve,
  serveOnysoftEmulator,
} from '@atelier/emulators'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import testProjects from '../vitest.workspace'

const repositoryRoot = resolve(fileURLToPath(new URL('..', import.meta.url)))
const resultsFile = join(repositoryRoot, 'test-results', 'docs-commands.json')
const runDirectory = join(repositoryRoot, 'test-results', 'docs-blocks')

export interface CodeBlock {
  /** The page, relative to the repository root. */
  page: string
  /** 1-based line of the block's first line of code (the line after the fence). */
  line: number
  /** The info string's first word, lower case: `ts`, `sh`, ... (empty when none). */
  language: string
  /** The rest of the info string, split in words: `runnable sidecar`, `nocheck <reason>`. */
  meta: string[]
  code: string
}

const TYPESCRIPT = new Set(['ts', 'typescript'])
const SHELL = new Set(['sh', 'bash', 'shell'])
const EMULATORS = ['sidecar', 'canary', 'onysoft', 'vlmrun', 'vision-studio'] as const
type EmulatorName = (typeof EMULATORS)[number]
/** The key a runnable block gets; each emulator is started to accept exactly this one. */
const EMULATOR_API_KEY = 'sk-ony-docs-emulator'

/** The pages whose code is checked: the README, docs/ and each package's README. */
export function documentationPages(root: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) return walk(path)
      return entry.isFile() && entry.name.endsWith('.md') ? [path] : []
    })
  const packages = readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name, 'README.md'))
    .filter((path) => existsSync(path))
  return [join(root, 'README.md'), ...walk(join(root, 'docs')), ...packages].map((path) =>
    relative(root, path),
  )
}

/** The fenced code blocks of a Markdown page (``` or ~~~, of any length, closed by the same). */
export function codeBlocksOf(page: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = []
  let open: { fence: string; block: CodeBlock; lines: string[] } | undefined
  text.split('\n').forEach((line, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(line)
    if (open === undefined) {
      if (!marker) return
      const [language = '', ...meta] = marker[2]!.trim().split(/\s+/).filter(Boolean)
      const block = { page, line: index + 2, language: language.toLowerCase(), meta, code: '' }
      open = { fence: marker[1]!, block, lines: [] }
    } else if (
      marker?.[1]?.startsWith(open.fence[0]!) &&
      marker[1].length >= open.fence.length &&
      marker[2]!.trim() === ''
    ) {
      blocks.push({ ...open.block, code: open.lines.join('\n') })
      open = undefined
    } else {
      open.lines.push(line)
    }
  })
  return blocks
}

export const whereOf = (block: CodeBlock, offset = 0) => `${block.page}:${block.line + offset}`

/** What a TypeScript block's info string asks for, or the problem with it. */
export function typeScriptMode(
  block: CodeBlock,
):
  | { mode: 'check' }
  | { mode: 'nocheck'; reason: string }
  | { mode: 'run'; emulator?: EmulatorName }
  | { mode: 'invalid'; problem: string } {
  const [word, ...rest] = block.meta
  if (word === undefined) return { mode: 'check' }
  if (word === 'nocheck') {
    const reason = rest.join(' ').replace(/^[:—-]\s*/, '')
    return reason
      ? { mode: 'nocheck', reason }
      : { mode: 'invalid', problem: 'ts nocheck needs a reason after it' }
  }
  if (word === 'runnable') {
    const [emulator, ...extra] = rest
    if (emulator === undefined) return { mode: 'run' }
    if ((EMULATORS as readonly string[]).includes(emulator) && extra.length === 0) {
      return { mode: 'run', emulator: emulator as EmulatorName }
    }
    return {
      mode: 'invalid',
      problem: `ts runnable takes one emulator name (${EMULATORS.join(', ')}), got "${rest.join(' ')}"`,
    }
  }
  return { mode: 'invalid', problem: `unknown marker "${word}" (runnable or nocheck <reason>)` }
}

/**
 * The module checked (and run) for a block: `// @assume ` leading lines become their code, and a
 * block run against an emulator gets `baseUrl` and `apiKey` on its first line. Lines stay where
 * they are, so a diagnostic's line is the page's line.
 */
export function moduleSourceOf(block: CodeBlock, emulator?: EmulatorName): string {
  const lines = block.code.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const assumed = /^\s*\/\/\s*@assume\s+(.*)$/.exec(lines[index]!)
    if (assumed) lines[index] = assumed[1]!
    else if (lines[index]!.trim() !== '') break
  }
  if (emulator !== undefined) {
    lines[0] =
      `const baseUrl: string = process.env.DOCS_EMULATOR_URL ?? '', apiKey: string = ${JSON.stringify(EMULATOR_API_KEY)}; ` +
      lines[0]
  }
  return `${lines.join('\n')}\n`
}

/**
 * Type-checks the blocks in one program over the workspace sources, each block a module of its
 * own beside the examples (so bare imports resolve as an example's would). Returns each block's
 * problems as `page:line: message`, by block.
 */
export function typeCheck(
  blocks: readonly { block: CodeBlock; source: string }[],
  root = repositoryRoot,
): Map<CodeBlock, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  })
  if (!config) throw new Error('tsconfig.json could not be read')
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    // A block without imports is still a module: its names never meet another block's.
    moduleDetection: ts.ModuleDetectionKind.Force,
  }
  const folder = join(root, 'examples', '.docs-blocks')
  const files = new Map(
    blocks.map(({ block, source }, index) => [
      join(folder, `${block.page.replace(/[^\w.-]+/g, '_')}-${block.line}-${index}.ts`),
      { block, source },
    ]),
  )
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (path) => files.has(resolve(path)) || fileExists(path)
  host.readFile = (path) => files.get(resolve(path))?.source ?? readFile(path)
  host.getSourceFile = (path, language, onError) => {
    const file = files.get(resolve(path))
    if (file) return ts.createSourceFile(path, file.source, language, true)
    return getSourceFile(path, language, onError)
  }
  // A reader who installed the published packages has their dependencies too (zod with
  // @atelier/vlmrun): a bare import the examples folder lacks resolves from those packages.
  const installedWith = readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name, 'package.json'))
    .filter((path) => existsSync(path) && !JSON.parse(readFileSync(path, 'utf8')).private)
  const cache = ts.createModuleResolutionCache(root, (name) => name, options)
  host.resolveModuleNameLiterals = (literals, containingFile, redirect, compilerOptions) =>
    literals.map(({ text }) => {
      const resolveFrom = (from: string) =>
        ts.resolveModuleName(text, from, compilerOptions, host, cache, redirect)
      let resolved = resolveFrom(containingFile)
      if (!resolved.resolvedModule && files.has(resolve(containingFile)) && !text.startsWith('.')) {
        for (const from of installedWith) {
          resolved = resolveFrom(from)
          if (resolved.resolvedModule) break
        }
      }
      return resolved
    })
  const program = ts.createProgram([...files.keys()], options, host)
  const problems = new Map<CodeBlock, string[]>()
  for (const [path, { block }] of files) {
    const sourceFile = program.getSourceFile(path)!
    problems.set(
      block,
      ts.getPreEmitDiagnostics(program, sourceFile).map((diagnostic) => {
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
        if (diagnostic.file?.fileName !== sourceFile.fileName || diagnostic.start === undefined) {
          return `${whereOf(block)}: ${message}`
        }
        const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
        return `${whereOf(block, line)}: ${message}`
      }),
    )
  }
  return problems
}

/** Starts the named emulator on loopback, accepting `EMULATOR_API_KEY`; `close()` stops it. */
async function startEmulator(name: EmulatorName): Promise<{ url: string; close(): Promise<void> }> {
  const apiKey = EMULATOR_API_KEY
  if (name === 'onysoft') return serveOnysoftEmulator({ apiKey })
  const handler = {
    sidecar: () => createSidecarEmulator().handler,
    canary: () => createCanaryEmulator({ apiKeys: [apiKey] }).handler,
    vlmrun: () => createVlmRunEmulator({ apiKey }).handler,
    'vision-studio': () => createVisionStudioEmulator({ apiKey }).handler,
  }[name]()
  return serve(handler)
}

/**
 * Runs a block as a reader would: a module of its own, under plain Node with tsx resolving the
 * workspace packages to their sources (the root tsconfig's paths). Returns the problem, if any.
 */
export async function runBlock(
  block: CodeBlock,
  emulator: EmulatorName | undefined,
  root = repositoryRoot,
): Promise<string | undefined> {
  mkdirSync(runDirectory, { recursive: true })
  const file = join(runDirectory, `${block.page.replace(/[^\w.-]+/g, '_')}-${block.line}.ts`)
  writeFileSync(file, moduleSourceOf(block, emulator))
  const server = emulator === undefined ? undefined : await startEmulator(emulator)
  try {
    // Asynchronous, so the emulator in this process answers while the block runs.
    const { failure, output } = await new Promise<{ failure?: string; output: string }>((done) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', file],
        {
          cwd: root,
          env: { ...process.env, DOCS_EMULATOR_URL: server?.url ?? '' },
          timeout: 120_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) =>
          done({
            ...(error && { failure: String(error.signal ?? error.code ?? error.message) }),
            output: `${stderr}${stdout}`,
          }),
      ),
    )
    if (failure === undefined) return undefined
    const tail = output.trim().split('\n').slice(-12).join('\n')
    return `${whereOf(block)}: exited with ${failure}:\n${tail}`
  } finally {
    await server?.close()
    rmSync(file, { force: true })
  }
}

/** A command of a shell block, after comments, continuations and `VAR=value` prefixes. */
interface ShellCommand {
  block: CodeBlock
  /** Offset of its line in the block. */
  offset: number
  words: string[]
}

/** The commands of a shell block: one per `&&`, `||`, `;` or `|` part of each line. */
export function shellCommandsOf(block: CodeBlock): ShellCommand[] {
  const commands: ShellCommand[] = []
  const lines = block.code.split('\n')
  for (let offset = 0; offset < lines.length; offset++) {
    let line = lines[offset]!
    const start = offset
    while (line.endsWith('\\') && offset + 1 < lines.length) {
      line = `${line.slice(0, -1)} ${lines[++offset]!}`
    }
    // A `<placeholder>` may hold spaces and quotes: it is one word.
    const text = line.replace(/<[^>]*>/g, '<placeholder>').replace(/(^|\s)#.*$/, '')
    for (const part of text.split(/&&|\|\||;|\|/)) {
      const words = [...part.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
        (match) => match[1] ?? match[2] ?? match[3]!,
      )
      while (words[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift()
      if (words.length > 0) commands.push({ block, offset: start, words })
    }
  }
  return commands
}

/** What the shell checks look up: package.json files, bins, projects, published packages. */
export interface Workspace {
  root: string
  packageJson(folder: string): { scripts?: Record<string, string> } | undefined
  /** Commands `npx` finds: the root's node_modules/.bin and the workspace packages' bins. */
  bins: Set<string>
  /** Vitest project names. */
  projects: Set<string>
  /** Names a user may install: the published workspace packages and their dependencies. */
  installable: Set<string>
  /** Every workspace package's name, private ones included. */
  packages: Set<string>
}

export function workspaceOf(root: string): Workspace {
  const read = (folder: string) => {
    const path = join(folder, 'package.json')
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined
  }
  const packages = readdirSync(join(root, 'packages')).flatMap((name) => {
    const manifest = read(join(root, 'packages', name))
    return manifest ? [manifest] : []
  })
  const bins = new Set(readdirSync(join(root, 'node_modules', '.bin')))
  const installable = new Set<string>()
  for (const manifest of packages) {
    for (const bin of Object.keys(manifest.bin ?? {})) bins.add(bin)
    if (manifest.private) continue
    installable.add(manifest.name)
    for (const field of ['dependencies', 'peerDependencies']) {
      for (const name of Object.keys(manifest[field] ?? {})) installable.add(name)
    }
  }
  return {
    root,
    packageJson: read,
    bins,
    projects: new Set(testProjects.map((project) => project.test?.name as string)),
    installable,
    packages: new Set(packages.map((manifest) => manifest.name as string)),
  }
}

/** A command worth running: cheap, with no effect but its output. */
const asksForHelp = (words: readonly string[]) => words.includes('--help') || words.includes('-h')

/**
 * Checks a shell block's commands in order (a `cd` moves the ones after it). Returns the problems
 * and the commands that are safe to run, with the folder to run them in.
 */
export function checkShellBlock(
  block: CodeBlock,
  workspace: Workspace,
): {
  commands: number
  problems: string[]
  toRun: { where: string; cwd: string; words: string[] }[]
} {
  const problems: string[] = []
  const toRun: { where: string; cwd: string; words: string[] }[] = []
  let cwd = workspace.root
  let clonedInto: string | undefined
  const packedInto = new Set<string>()
  const insideRepository = (path: string) => !relative(workspace.root, path).startsWith('..')
  const commands = shellCommandsOf(block)
  for (const { offset, words } of commands) {
    const where = whereOf(block, offset)
    const fail = (problem: string) => problems.push(`${where}: \`${words.join(' ')}\`: ${problem}`)
    const scriptExists = (name: string | undefined) => {
      const scripts = workspace.packageJson(cwd)?.scripts ?? {}
      if (name === undefined || !(name in scripts)) {
        fail(
          `no script "${name}" in ${relative(workspace.root, join(cwd, 'package.json')) || 'package.json'}`,
        )
        return false
      }
      return true
    }
    const binExists = (name: string | undefined, rest: readonly string[]) => {
      if (name === undefined || !workspace.bins.has(name)) {
        fail(`"${name}" is not a bin of the workspace`)
        return
      }
      const project = rest.indexOf('--project')
      if (name === 'vitest' && project !== -1 && !workspace.projects.has(rest[project + 1]!)) {
        fail(`no vitest project "${rest[project + 1]}"`)
      }
    }
    const fileExists = (path: string | undefined) => {
      if (path === undefined || !existsSync(resolve(cwd, path))) fail(`no file ${path}`)
    }
    const installs = (names: readonly string[]) => {
      const packages = names.filter((name) => !name.startsWith('-'))
      if (packages.length === 0) {
        fail('a bare install: the workspace installs with npm run bootstrap')
      }
      for (const name of packages) {
        if (name.endsWith('.tgz')) {
          // A tarball comes from a `pnpm pack` earlier in the block.
          const folder = dirname(resolve(cwd, name))
          if (!packedInto.has(folder)) fail(`no earlier pack writes to ${dirname(name)}`)
          continue
        }
        const bare = name.replace(/(.)@[^/]*$/, '$1')
        if (!workspace.installable.has(bare)) fail(`${name} is not a published package here`)
      }
    }
    const [program, ...args] = words
    const run = () => toRun.push({ where, cwd, words })
    switch (program) {
      case 'cd': {
        const target = args[0] ?? ''
        cwd = target === clonedInto ? workspace.root : resolve(cwd, target)
        // Out of the repository is the reader's own project: nothing there can be checked.
        if (insideRepository(cwd) && !existsSync(cwd)) fail(`no folder ${target}`)
        break
      }
      case 'git':
        if (args[0] === 'clone' && args.length >= 2) clonedInto = args[2]
        else fail('only `git clone <url> <folder>` is known')
        break
      case 'npm':
      case 'pnpm': {
        const [command, ...rest] = args
        if (command === 'run' || command === 'run-script') {
          if (scriptExists(rest[0]) && asksForHelp(rest)) run()
        } else if (command === 'test' || command === 't' || command === 'start') {
          scriptExists(command === 't' ? 'test' : command)
        } else if (command === 'install' || command === 'i' || command === 'add') {
          installs(rest)
        } else if (command === 'exec' && program === 'pnpm') {
          binExists(rest[0], rest.slice(1))
        } else if (program === 'pnpm' && command !== undefined) {
          // pnpm runs a script by its name alone.
          if (scriptExists(command) && asksForHelp(rest)) run()
        } else {
          fail(`no rule to check \`${program} ${command ?? ''}\``)
        }
        break
      }
      case 'bun':
      case 'yarn':
        if (args[0] === 'add') installs(args.slice(1))
        else fail(`no rule to check \`${program} ${args[0] ?? ''}\``)
        break
      case 'npx':
        binExists(args[0], args.slice(1))
        if (args[0] === 'tsx') fileExists(args[1])
        if (asksForHelp(args)) run()
        break
      case 'node':
      case 'tsx': {
        let index = 0
        while (args[index]?.startsWith('-')) index += args[index] === '--import' ? 2 : 1
        const file = args[index]
        fileExists(file)
        const rest = args.slice(index + 1)
        if (file?.endsWith('scripts/pnpm.mjs')) {
          const more = [...rest]
          while (more[0] === '--filter') {
            const name = more[1]
            if (!name?.startsWith('.') && !workspace.packages.has(name ?? '')) {
              fail(`--filter ${name} names no workspace package`)
            }
            more.splice(0, 2)
          }
          const [command, ...options] = more
          if (command === 'exec') binExists(options[0], options.slice(1))
          else if (command === 'run') scriptExists(options[0])
          else if (command === 'pack') {
            const destination = options[options.indexOf('--pack-destination') + 1]
            packedInto.add(
              resolve(cwd, options.includes('--pack-destination') ? destination! : '.'),
            )
          } else fail(`no rule to check \`pnpm ${command}\``)
        } else if (asksForHelp(rest)) run()
        break
      }
      default:
        fail(`no rule to check \`${program}\``)
    }
  }
  return { commands: commands.length, problems, toRun }
}

/** Runs a command that only prints (a `--help`); the problem, if it failed. */
function runCommand({ where, cwd, words }: { where: string; cwd: string; words: string[] }) {
  const [program, ...args] = words
  const result = spawnSync(program === 'node' ? process.execPath : program!, args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    shell: process.platform === 'win32',
  })
  if (result.status === 0 && `${result.stdout}${result.stderr}`.trim() !== '') return undefined
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(-8)
  return `${where}: \`${words.join(' ')}\` exited with ${result.signal ?? result.status}:\n${output.join('\n')}`
}

// ---------------------------------------------------------------------------------------------
// The checker on pages written here, so it is known to catch what it must.

const sampleBlocks = (page: string, markdown: string) => codeBlocksOf(page, markdown)

const samples = {
  typed: sampleBlocks(
    'sample.md',
    [
      '# Sample', // 1
      '```ts', // 2
      "import { createAtelier } from 'atelier'", // 3
      'const ai = createAtelier({ providers: [] })', // 4
      'const count: string = ai.providers.size', // 5: a number is not a string
      '```', // 6
      '```ts', // 7
      "// @assume import type { Atelier } from 'atelier'", // 8
      '// @assume declare const ai: Atelier', // 9
      "await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'a red panda' })", // 10
      '```', // 11
      '```ts', // 12
      "await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'no ai here' })", // 13
      '```', // 14
    ].join('\n'),
  ),
  runnable: sampleBlocks(
    'runnable.md',
    [
      '```ts runnable sidecar',
      "import { local } from '@atelier/local'",
      "import { createAtelier } from 'atelier'",
      'const ai = createAtelier({ providers: [local({ baseUrl })] })',
      "const { images } = await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'a' })",
      "if (images[0]?.mediaType !== 'image/png') throw new Error(String(images[0]?.mediaType))",
      '```',
      '```ts runnable',
      "throw new Error('this block fails')",
      '```',
      '```ts runnable vlmrun',
      "import { vlmrun } from '@atelier/vlmrun'",
      "import { createAtelier } from 'atelier'",
      'const ai = createAtelier({ providers: [vlmrun({ baseUrl, apiKey })] })',
      "const { text } = await ai.vision.analyze({ model: 'vlmrun/vlm-1', image: 'https://x.test/a.jpg' })",
      "if (!text) throw new Error('no caption')",
      '```',
    ].join('\n'),
  ),
}

// The documentation's blocks, collected when the file loads so each is a test of its own.
const workspace = workspaceOf(repositoryRoot)
const pageBlocks = documentationPages(repositoryRoot).flatMap((page) =>
  codeBlocksOf(page, readFileSync(join(repositoryRoot, page), 'utf8')),
)
const typeScriptBlocks = pageBlocks
  .filter((block) => TYPESCRIPT.has(block.language))
  .map((block) => ({ block, mode: typeScriptMode(block) }))
const checkedBlocks = typeScriptBlocks.filter(({ mode }) => mode.mode !== 'nocheck')
const shellBlocks = pageBlocks.filter((block) => SHELL.has(block.language))

/** One program for the pages' blocks and the samples, built when the first test asks. */
let checked: Map<CodeBlock, string[]> | undefined
const problemsOf = (block: CodeBlock) => {
  checked ??= typeCheck(
    [...checkedBlocks.map(({ block }) => block), ...samples.typed].map((block) => {
      const mode = typeScriptMode(block)
      return {
        block,
        source: moduleSourceOf(block, mode.mode === 'run' ? mode.emulator : undefined),
      }
    }),
  )
  return checked.get(block) ?? []
}
const TYPE_CHECK_TIMEOUT = 240_000

const figures = {
  typeChecked: 0,
  typeFailures: 0,
  run: 0,
  runFailures: 0,
  shellCommands: 0,
  shellFailures: 0,
  commandsRun: 0,
}

describe('the checker', () => {
  it('finds blocks, their language, markers and first line', () => {
    const blocks = codeBlocksOf(
      'page.md',
      ['text', '````ts runnable sidecar', 'a', '```sh', 'b', '```', '````', '~~~', 'c', '~~~'].join(
        '\n',
      ),
    )
    expect(blocks).toEqual([
      {
        page: 'page.md',
        line: 3,
        language: 'ts',
        meta: ['runnable', 'sidecar'],
        code: 'a\n```sh\nb\n```',
      },
      { page: 'page.md', line: 9, language: '', meta: [], code: 'c' },
    ])
    expect(blocks.map(typeScriptMode)).toEqual([
      { mode: 'run', emulator: 'sidecar' },
      { mode: 'check' },
    ])
  })

  it('refuses a nocheck without a reason and an unknown marker', () => {
    const block = (meta: string[]) => ({ page: 'p.md', line: 1, language: 'ts', meta, code: '' })
    expect(typeScriptMode(block(['nocheck']))).toMatchObject({ mode: 'invalid' })
    expect(typeScriptMode(block(['nocheck', 'Deno', 'only']))).toEqual({
      mode: 'nocheck',
      reason: 'Deno only',
    })
    expect(typeScriptMode(block(['runable']))).toMatchObject({ mode: 'invalid' })
    expect(typeScriptMode(block(['runnable', 'sidecars']))).toMatchObject({ mode: 'invalid' })
  })

  it(
    'reports a type error at its page line, accepts what a fragment assumes, refuses what it does not',
    () => {
      const [wrong, assumed, unassumed] = samples.typed
      expect(problemsOf(wrong!)).toEqual([
        "sample.md:5: Type 'number' is not assignable to type 'string'.",
      ])
      expect(problemsOf(assumed!)).toEqual([])
      expect(problemsOf(unassumed!)).toEqual(["sample.md:13: Cannot find name 'ai'."])
    },
    TYPE_CHECK_TIMEOUT,
  )

  it('runs a block against the emulator it names, and reports one that throws', async () => {
    const [passes, throws, keyed] = samples.runnable
    expect(await runBlock(passes!, 'sidecar')).toBeUndefined()
    // The emulator refuses any other key, so this also shows the block got the right one.
    expect(await runBlock(keyed!, 'vlmrun')).toBeUndefined()
    expect(await runBlock(throws!, undefined)).toMatch(
      /^runnable\.md:9: exited with 1:[\s\S]*this block fails/,
    )
  }, 120_000)

  it('checks shell commands against the workspace', () => {
    const [block] = codeBlocksOf(
      'shell.md',
      [
        '```sh',
        'git clone <the URL of it> atelier && cd atelier',
        'npm run bootstrap   # a comment',
        'npm run no-such-script',
        'CI=1 npx vitest run --project reliability',
        'npx vitest run --project nowhere',
        'node scripts/missing.mjs && node scripts/pnpm.mjs run typecheck',
        'npm run emulator -- --help',
        'npm install atelier @atelier/local zod',
        'npm install left-pad',
        'make all',
        'npx tsx examples/nope.ts',
        'node scripts/pnpm.mjs --filter atelier --filter @atelier/nope pack --pack-destination ../packed',
        'cd ../app && npm install ../packed/*.tgz ../elsewhere/*.tgz',
        '```',
      ].join('\n'),
    )
    const result = checkShellBlock(block!, workspace)
    expect(result.commands).toBe(16)
    expect(result.problems).toEqual([
      'shell.md:4: `npm run no-such-script`: no script "no-such-script" in package.json',
      'shell.md:6: `npx vitest run --project nowhere`: no vitest project "nowhere"',
      'shell.md:7: `node scripts/missing.mjs`: no file scripts/missing.mjs',
      'shell.md:10: `npm install left-pad`: left-pad is not a published package here',
      'shell.md:11: `make all`: no rule to check `make`',
      'shell.md:12: `npx tsx examples/nope.ts`: no file examples/nope.ts',
      'shell.md:13: `node scripts/pnpm.mjs --filter atelier --filter @atelier/nope pack --pack-destination ../packed`: --filter @atelier/nope names no workspace package',
      'shell.md:14: `npm install ../packed/*.tgz ../elsewhere/*.tgz`: no earlier pack writes to ../elsewhere',
    ])
    expect(result.toRun.map((command) => command.words.join(' '))).toEqual([
      'npm run emulator -- --help',
    ])
  })
})

for (const { block, mode } of checkedBlocks) {
  describe(`TypeScript block ${whereOf(block)}`, () => {
    it(
      mode.mode === 'run' ? 'type-checks and runs' : 'type-checks',
      async () => {
        if (mode.mode === 'invalid') {
          figures.typeFailures++
          throw new Error(`${whereOf(block)}: ${mode.problem}`)
        }
        figures.typeChecked++
        const problems = problemsOf(block)
        if (problems.length > 0) figures.typeFailures++
        expect(problems, problems.join('\n')).toEqual([])
        if (mode.mode === 'run') {
          figures.run++
          const problem = await runBlock(block, mode.emulator)
          if (problem) figures.runFailures++
          expect(problem).toBeUndefined()
        }
      },
      TYPE_CHECK_TIMEOUT,
    )
  })
}

for (const block of shellBlocks) {
  describe(`shell block ${whereOf(block)}`, () => {
    it('names only what exists, and what it runs succeeds', () => {
      const { commands, problems, toRun } = checkShellBlock(block, workspace)
      figures.shellCommands += commands
      const runProblems = toRun.flatMap((command) => {
        figures.commandsRun++
        return runCommand(command) ?? []
      })
      figures.shellFailures += problems.length + runProblems.length
      expect([...problems, ...runProblems]).toEqual([])
    }, 120_000)
  })
}

afterAll(() => {
  const skipped = typeScriptBlocks.length - checkedBlocks.length
  const line =
    `docs-commands: ${figures.typeChecked} TypeScript blocks type-checked` +
    ` (${figures.typeFailures} failing, ${skipped} nocheck), ${figures.run} run` +
    ` (${figures.runFailures} failing), ${figures.shellCommands} shell commands checked` +
    ` (${figures.commandsRun} run, ${figures.shellFailures} failing)`
  console.log(line)
  mkdirSync(dirname(resultsFile), { recursive: true })
  writeFileSync(resultsFile, `${JSON.stringify({ ...figures, nocheck: skipped }, null, 2)}\n`)
  rmSync(runDirectory, { recursive: true, force: true })
})
