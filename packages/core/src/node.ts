/**
 * Node-only helpers (`@atelier/core/node`). Kept out of the main entry so browser and edge
 * bundles never see `node:fs`.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'
import { abortErrorFrom } from './clock'
import type { MediaFile } from './media-file'

export interface SaveOptions {
  signal?: AbortSignal
  /** Create missing parent folders. Default true. */
  createDirectories?: boolean
}

/**
 * Streams a MediaFile to `path` chunk by chunk — a 2 GB video never sits in memory. Writes to
 * a temporary file beside the target and renames it at the end, so an aborted or failed
 * download never leaves a half-written file under the real name. Resolves with the byte count.
 */
export async function saveMediaFile(
  file: MediaFile,
  path: string,
  options: SaveOptions = {},
): Promise<number> {
  if (options.createDirectories ?? true) await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.${Date.now().toString(36)}.part`
  const source = Readable.fromWeb(
    file.stream({ signal: options.signal }) as NodeWebReadableStream<Uint8Array>,
  )
  try {
    await pipeline(
      source,
      createWriteStream(temporary),
      options.signal ? { signal: options.signal } : {},
    )
    await rename(temporary, path)
    return (await stat(path)).size
  } catch (error) {
    await rm(temporary, { force: true })
    // `pipeline` rejects an aborted save with Node's own AbortError; callers get atelier's.
    if (options.signal?.aborted) throw abortErrorFrom(options.signal)
    throw error
  }
}
