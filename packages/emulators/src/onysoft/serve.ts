/**
 * The Onysoft emulator as two real loopback servers: the gateway API and, on another port
 * (so another origin), the file host its result URLs point at.
 */
import { serve } from '../server'
import { createOnysoftEmulator, type OnysoftEmulator } from './emulator'
import type { OnysoftEmulatorOptions } from './state'

export interface ServedOnysoftEmulator {
  emulator: OnysoftEmulator
  /** Base URL of the API, e.g. `http://127.0.0.1:41234` (pass it as the driver's `baseUrl`). */
  url: string
  /** Base URL of the file host (another origin). */
  cdnUrl: string
  /** Stops both servers. */
  close(): Promise<void>
}

/** Starts the API and the file host on free loopback ports (or the ones given). */
export async function serveOnysoftEmulator(
  options: OnysoftEmulatorOptions & { host?: string; port?: number; cdnPort?: number } = {},
): Promise<ServedOnysoftEmulator> {
  const { host, port, cdnPort, ...emulatorOptions } = options
  const emulator = createOnysoftEmulator(emulatorOptions)
  const cdn = await serve(emulator.cdnHandler, { ...(host ? { host } : {}), port: cdnPort ?? 0 })
  emulator.cdnBaseUrl = cdn.url
  const api = await serve(emulator.handler, { ...(host ? { host } : {}), port: port ?? 0 })
  return {
    emulator,
    url: api.url,
    cdnUrl: cdn.url,
    close: async () => {
      emulator.reset()
      await Promise.all([api.close(), cdn.close()])
    },
  }
}
