#!/usr/bin/env node
// The `atelier-emulator` command. A workspace links its packages' commands when it installs,
// before anything is built, so the link points at this committed file rather than at the build
// output: the link always exists, and before a build the command says what to do instead of
// the install warning about a missing target.
import { existsSync } from 'node:fs'

const cli = new URL('../dist/cli.js', import.meta.url)
if (existsSync(cli)) {
  const { run } = await import(cli.href)
  await run()
} else {
  process.stderr.write(
    'atelier-emulator: @atelier/emulators is not built yet.\n' +
      'From a clone of the repository, run it from its sources: npm run emulator -- <name>\n' +
      'or build it first: node scripts/pnpm.mjs --filter @atelier/core --filter @atelier/emulators run build\n',
  )
  process.exitCode = 1
}
