/**
 * Where the examples find Vision Studio: `VISION_STUDIO_URL` and `VISION_STUDIO_API_KEY` when
 * set (the real service), else the emulator from `@atelier/emulators`, started for the example
 * (fake media, no provider called).
 */

export interface Studio {
  baseUrl: string
  apiKey: string
  close(): Promise<void>
}

export async function studio(): Promise<Studio> {
  const baseUrl = process.env.VISION_STUDIO_URL
  if (baseUrl) {
    return { baseUrl, apiKey: process.env.VISION_STUDIO_API_KEY ?? '', close: async () => {} }
  }
  // The emulator ships in @atelier/emulators (read from its sources, beside this package).
  const { createVisionStudioEmulator } = await import('../../emulators/src/vision-studio')
  const { serve } = await import('../../emulators/src/server')
  const server = await serve(createVisionStudioEmulator({ taskRunMs: 3_000 }).handler)
  console.log(`Vision Studio emulator (fake media) on ${server.url}`)
  return { baseUrl: server.url, apiKey: 'emulator-key', close: () => server.close() }
}

/** True when this file is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === new URL(`file://${process.argv[1]}`).href
}
