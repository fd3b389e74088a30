/**
 * The emulator's output files. Operations register a recipe (a PNG of 1344x768, an MP4 of
 * 10 s at 1280x720, ...) and hand out a URL on the emulator's own origin; the file is made
 * when it is downloaded, so answers stay fast and nothing is held in memory.
 *
 * `GET /emulator/files/{id}.{ext}` is the emulator's, not the API document's: the real
 * service answers with URLs on its providers' storage.
 */

import { encodeJpeg } from '../media/jpeg'
import { mp4Size, streamMp4 } from '../media/mp4'
import { encodePng } from '../media/png'
import { encodeWav } from '../media/wav'
import { writeZip } from '../media/zip'
import type { FileRecipe } from './context'

export const FILES_PREFIX = '/emulator/files/'

const EXTENSIONS: Record<FileRecipe['kind'], { extension: string; mediaType: string }> = {
  png: { extension: 'png', mediaType: 'image/png' },
  jpeg: { extension: 'jpg', mediaType: 'image/jpeg' },
  svg: { extension: 'svg', mediaType: 'image/svg+xml' },
  mp4: { extension: 'mp4', mediaType: 'video/mp4' },
  wav: { extension: 'wav', mediaType: 'audio/wav' },
  zip: { extension: 'zip', mediaType: 'application/zip' },
}

/** The file name (id and extension) a recipe is served under. */
export function fileName(id: string, recipe: FileRecipe): string {
  return `${id}.${EXTENSIONS[recipe.kind].extension}`
}

/** Answers `GET /emulator/files/{name}` from the recipes, or 404. */
export function serveFile(
  files: Map<string, FileRecipe>,
  name: string,
  headers: Headers,
): Response {
  const id = name.replace(/\.[a-z0-9]+$/i, '')
  const recipe = files.get(id)
  if (!recipe)
    return new Response(JSON.stringify({ detail: 'Not Found' }), { status: 404, headers })
  headers.set('content-type', EXTENSIONS[recipe.kind].mediaType)
  headers.set('content-disposition', `inline; filename="${fileName(id, recipe)}"`)
  if (recipe.kind === 'mp4') {
    const options = {
      width: recipe.width,
      height: recipe.height,
      durationSeconds: recipe.durationSeconds,
      fps: 8,
      seed: recipe.seed,
    }
    headers.set('content-length', String(mp4Size(options)))
    return new Response(streamMp4(options), { status: 200, headers })
  }
  const bytes = encode(recipe)
  headers.set('content-length', String(bytes.byteLength))
  return new Response(bytes, { status: 200, headers })
}

function encode(recipe: Exclude<FileRecipe, { kind: 'mp4' }>): Uint8Array<ArrayBuffer> {
  switch (recipe.kind) {
    case 'png':
      return encodePng(recipe)
    case 'jpeg':
      return encodeJpeg(recipe)
    case 'wav':
      return encodeWav({ durationSeconds: recipe.durationSeconds })
    case 'svg':
      return new TextEncoder().encode(svg(recipe.width, recipe.height, recipe.seed))
    case 'zip':
      return zip(
        Array.from({ length: recipe.masks }, (_, index) => ({
          name: `mask_${index + 1}.png`,
          bytes: encodePng({
            width: recipe.width,
            height: recipe.height,
            seed: recipe.seed + index,
            alpha: true,
          }),
        })),
      )
  }
}

/** A small vector picture: a background and a circle whose colours follow the seed. */
function svg(width: number, height: number, seed: number): string {
  const hue = (seed * 47) % 360
  const radius = Math.round(Math.min(width, height) / 3)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="hsl(${hue},60%,85%)"/><circle cx="${width / 2}" cy="${height / 2}" r="${radius}" fill="hsl(${(hue + 180) % 360},70%,45%)"/></svg>\n`
}

/** A ZIP archive of stored (uncompressed) entries, as Bria's masks come. */
export function zip(entries: { name: string; bytes: Uint8Array }[]): Uint8Array<ArrayBuffer> {
  return writeZip(entries.map((entry) => ({ name: entry.name, data: entry.bytes })))
}
