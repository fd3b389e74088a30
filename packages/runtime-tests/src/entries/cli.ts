/**
 * Entry of the Node, Bun and Deno bundles: runs the scenario against the emulator URL given
 * as the first argument and prints the result as one JSON line after `RESULT_MARKER`.
 */
import { runScenario } from '../scenario'
import { RESULT_MARKER } from './marker'

declare const Deno: { args: string[]; exit(code: number): never } | undefined

const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2)
const exit = (code: number) => (typeof Deno !== 'undefined' ? Deno.exit(code) : process.exit(code))

const baseUrl = args[0]
if (!baseUrl) {
  console.error('usage: <runtime> scenario.mjs <emulator url>')
  exit(2)
} else {
  runScenario(baseUrl).then(
    (result) => {
      console.log(`${RESULT_MARKER}${JSON.stringify(result)}`)
      // Idle keep-alive sockets must not hold the process open.
      exit(0)
    },
    (error: unknown) => {
      console.error(error)
      exit(1)
    },
  )
}
