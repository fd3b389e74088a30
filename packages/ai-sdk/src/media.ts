/**
 * Files between the two SDKs. An AI SDK file (bytes or base64 with a media type, or a URL)
 * becomes an atelier media input; atelier's output files become what the spec returns: bytes
 * for images and audio, and for a video its URL when it has one, so a large file is not
 * downloaded only to be handed over.
 */
import type { Experimental_VideoModelV3VideoData as VideoData } from '@ai-sdk/provider'
import { MediaFile, type MediaInput } from '@atelier/core'

/** A file as the spec passes one in (`ImageModelV3File`, `VideoModelV3File`). */
export type SpecFile =
  | { type: 'file'; mediaType: string; data: string | Uint8Array }
  | { type: 'url'; url: string; mediaType?: string }

/** An AI SDK file as an atelier media input. */
export function mediaInputOf(file: SpecFile): MediaInput {
  if (file.type === 'url') return file.url
  return typeof file.data === 'string'
    ? MediaFile.fromBase64(file.data, { mediaType: file.mediaType })
    : MediaFile.fromBytes(file.data, { mediaType: file.mediaType })
}

/** Bytes or base64 text (as transcription and speech take audio) as an atelier media input. */
export function mediaInputOfData(data: Uint8Array | string, mediaType: string): MediaInput {
  return typeof data === 'string'
    ? MediaFile.fromBase64(data, { mediaType })
    : MediaFile.fromBytes(data, { mediaType })
}

/** How a video output is handed over: its URL when it has one (`url`), or always as bytes. */
export type VideoDelivery = 'url' | 'bytes'

/** A video output as the spec's video data. */
export async function videoDataOf(
  file: MediaFile,
  delivery: VideoDelivery,
  signal: AbortSignal | undefined,
): Promise<VideoData> {
  const url = file.url
  if (delivery === 'url' && url !== undefined && /^https?:/i.test(url)) {
    return { type: 'url', url, mediaType: file.mediaType }
  }
  const data = await file.bytes(signal ? { signal } : {})
  return { type: 'binary', data, mediaType: file.mediaType }
}
