/**
 * Where the examples find a sidecar: `ATELIER_LOCAL_URL` when set (your GPU box), else an
 * embedded emulator started for the example (fake media, no GPU).
 */
import { createSidecarEmulator, serve } from '@atelier/emulators'

export async function sidecar(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const url = process.env.ATELIER_LOCAL_URL
  if (url) return { baseUrl: url, close: async () => {} }
  const server = await serve(createSidecarEmulator().handler)
  return { baseUrl: server.url, close: () => server.close() }
}

/** True when this file is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === new URL(`file://${process.argv[1]}`).href
}
