/**
 * Files in and out: a local path given as a task's image or audio becomes a MediaFile (URLs
 * are passed on as they are, for the provider to fetch), and outputs are streamed to disk
 * with `saveMediaFile`, named after `-o` or after the job.
 */
import { readFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { mediaTypeFromPath } from '@atelier/core/driver'
import { saveMediaFile } from '@atelier/core/node'
import { MediaFile, type MediaInput } from 'atelier'
import { UsageError } from './exit-codes'

const EXTENSIONS_BY_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'model/gltf-binary': 'glb',
}

/** A media argument: an `http(s):` or `data:` URL as given, a local file read into a MediaFile. */
export async function mediaArgument(value: string, flag: string): Promise<MediaInput> {
  if (/^(https?|data):/i.test(value)) return value
  let bytes: Uint8Array
  try {
    bytes = await readFile(value)
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)
    throw new UsageError(`${flag} ${value}: ${reason} (give a file path or an http(s) URL)`)
  }
  return MediaFile.fromBytes(bytes, {
    mediaType: mediaTypeFromPath(value) ?? 'application/octet-stream',
    filename: basename(value),
  })
}

/** The file extension for a media type, `bin` when unknown. */
export function extensionFor(mediaType: string): string {
  const bare = mediaType.split(';', 1)[0]!.trim().toLowerCase()
  return EXTENSIONS_BY_TYPE[bare] ?? bare.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin'
}

/**
 * Where each output goes. With `-o panda.png` the first file is `panda.png` and the next ones
 * `panda-2.png`, `panda-3.png`; without it, `<stem>.<ext>` in `outDir` (`<stem>-2.<ext>`, ...).
 */
export function outputPaths(
  files: readonly MediaFile[],
  options: { output?: string; outDir?: string; stem: string },
): string[] {
  return files.map((file, index) => {
    const suffix = index === 0 ? '' : `-${index + 1}`
    if (options.output) {
      const extension = extname(options.output)
      const stem = extension ? options.output.slice(0, -extension.length) : options.output
      return `${stem}${suffix}${extension || `.${extensionFor(file.mediaType)}`}`
    }
    return join(options.outDir ?? '.', `${options.stem}${suffix}.${extensionFor(file.mediaType)}`)
  })
}

export interface SavedFile {
  path: string
  mediaType: string
  bytes: number
}

/** Streams each file to its path; a failed or aborted save leaves no partial file behind. */
export async function saveFiles(
  files: readonly MediaFile[],
  paths: readonly string[],
  signal: AbortSignal,
): Promise<SavedFile[]> {
  const saved: SavedFile[] = []
  for (const [index, file] of files.entries()) {
    const path = paths[index]!
    const bytes = await saveMediaFile(file, path, { signal })
    saved.push({ path, mediaType: file.mediaType, bytes })
  }
  return saved
}
