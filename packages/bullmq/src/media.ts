/**
 * Outputs as references. A BullMQ job's return value lives in Redis beside every other job, so a
 * finished job keeps where its media is — the provider's URL, or where a sink put the file —
 * never the bytes or their base64.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MediaFile, type TaskName } from '@atelier/core'
import { saveMediaFile } from '@atelier/core/node'

/** Where one output file is: what a finished job's return value holds in place of the file. */
export interface MediaReference {
  mediaType: string
  url: string
  filename?: string
  size?: number
  /** `provider`: the provider's own URL (it may expire); `sink`: a copy the sink made. */
  storedBy: 'provider' | 'sink'
}

/** What a sink is told about the file it stores. */
export interface MediaSinkContext {
  /** The BullMQ job id. */
  jobId: string
  task: TaskName
  /** Where the file sits in the output, e.g. `videos.0`. */
  path: string
  signal?: AbortSignal
}

/**
 * Stores one output file somewhere lasting (a disk, a bucket) and says where. Called for files
 * the provider gave no URL for (bytes inside the answer, a sidecar's inline result), and for
 * every file when `copy` is `'always'`.
 */
export type MediaSink = (
  file: MediaFile,
  context: MediaSinkContext,
) => Promise<{ url: string; size?: number }>

export interface MediaOptions {
  sink?: MediaSink
  /**
   * `'whenInline'` (default): files with a provider URL keep it, the sink takes the others.
   * `'always'`: the sink copies every file, for providers whose URLs expire.
   */
  copy?: 'whenInline' | 'always'
}

/**
 * A sink that streams each file into `directory` (`<jobId>/<path><extension>`) and answers its
 * `file://` URL: for a worker fleet sharing a volume, or tests. Object stores are the same few
 * lines around their upload call.
 */
export function fileSink(directory: string): MediaSink {
  return async (file, context) => {
    const name = `${context.path}${extensionFor(file)}`
    const target = join(directory, safeSegment(context.jobId), safeSegment(name))
    const size = await saveMediaFile(file, target, { signal: context.signal })
    return { url: pathToFileURL(target).href, size }
  }
}

/**
 * The output with every MediaFile replaced by its reference. Other values are kept as they are
 * (text, numbers, warnings); the result is plain JSON.
 */
export async function outputToReferences(
  output: unknown,
  context: Omit<MediaSinkContext, 'path'>,
  options: MediaOptions = {},
): Promise<unknown> {
  const walk = async (value: unknown, path: string[]): Promise<unknown> => {
    if (value instanceof MediaFile) return referenceFor(value, path.join('.'))
    if (Array.isArray(value)) {
      const items: unknown[] = []
      // One file at a time: a video render's outputs are few and each may be large.
      for (const [index, item] of value.entries())
        items.push(await walk(item, [...path, `${index}`]))
      return items
    }
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      throw new TypeError(
        `the output holds raw bytes at ${path.join('.') || 'its root'}: store them with a media sink`,
      )
    }
    if (typeof value === 'object' && value !== null) {
      const entries: [string, unknown][] = []
      for (const [key, item] of Object.entries(value)) {
        entries.push([key, await walk(item, [...path, key])])
      }
      return Object.fromEntries(entries)
    }
    return value
  }

  const referenceFor = async (file: MediaFile, path: string): Promise<MediaReference> => {
    const url = file.url
    const described = {
      mediaType: file.mediaType,
      ...(file.filename ? { filename: file.filename } : {}),
    }
    const copy = options.copy ?? 'whenInline'
    if (url && !url.startsWith('data:') && copy === 'whenInline') {
      return { ...described, url, ...sizeOf(file.size), storedBy: 'provider' }
    }
    if (!options.sink) {
      throw new MissingMediaSinkError(
        `the output file at ${path} has no provider URL to keep: give the processor a media sink (media.sink) to store it`,
      )
    }
    const stored = await options.sink(file, { ...context, path })
    return { ...described, url: stored.url, ...sizeOf(stored.size ?? file.size), storedBy: 'sink' }
  }

  return walk(output, [])
}

/** Thrown when an output file has nowhere to go; a configuration error, never retried. */
export class MissingMediaSinkError extends Error {
  override readonly name = 'MissingMediaSinkError'
}

function sizeOf(size: number | undefined): { size?: number } {
  return size === undefined ? {} : { size }
}

const EXTENSIONS: Record<string, string> = {
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'audio/wav': '.wav',
  'audio/mpeg': '.mp3',
  'audio/flac': '.flac',
  'model/gltf-binary': '.glb',
}

function extensionFor(file: MediaFile): string {
  return EXTENSIONS[file.mediaType] ?? ''
}

/** A job id or output path as one file-name segment: no separators, no `..`. */
function safeSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')
}
