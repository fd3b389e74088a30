#!/usr/bin/env node
// The `atelier` command. A workspace links its packages' commands when it installs, before
// anything is built, so the link points at this committed file rather than at the build
// output: before a build the command says what to do instead of failing on a missing file.
import { existsSync } from 'node:fs'

const cli = new URL('../dist/cli.js', import.meta.url)
if (existsSync(cli)) {
  const { run } = await import(cli.href)
  const code = await run()
  // Pending requests (an abandoned poll, a keep-alive socket) must not hold the exit.
  process.stdout.write('', () => process.exit(code))
} else {
  process.stderr.write(
    'atelier: @atelier/cli is not built yet.\n' +
      'From a clone of the repository: node scripts/pnpm.mjs --filter "@atelier/cli..." run build\n',
  )
  process.exitCode = 1
}
