/**
 * Video jobs (HunyuanVideo): start a text-to-video or image-to-video job, poll its status,
 * then download the MP4 and its thumbnail. Jobs live on the server until deleted.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.video` offers the same calls as
 * methods.
 */
import type { MediaFile } from '@atelier/core'
import { pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type VideoDeleteResponse,
  type VideoHistoryQuery,
  type VideoHistoryResponse,
  type VideoI2vRequest,
  type VideoJobResponse,
  type VideoModelId,
  type VideoModelsResponse,
  type VideoStatusResponse,
  type VideoT2vRequest,
  videoDeleteResponseSchema,
  videoHistoryQuerySchema,
  videoHistoryResponseSchema,
  videoI2vRequestSchema,
  videoJobResponseSchema,
  videoModelsResponseSchema,
  videoStatusResponseSchema,
  videoT2vRequestSchema,
} from '../schemas'
import { type Connection, type Transport, transportOf } from './transport'
import { type Base64ImageInput, withBase64Files } from './uploads'

/** Body of `startImageToVideo`: `image` may be base64 text or a file to encode. */
export type VideoImageToVideoBody = Omit<VideoI2vRequest, 'image'> & { image: Base64ImageInput }

/** `GET /video/models`: video models with whether they are loaded, T2V/I2V support and VRAM needs. */
export function listVideoModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<VideoModelsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/video/models', kind: 'read', schema: videoModelsResponseSchema },
    context,
  )
}

/**
 * `POST /video/t2v/{model}`: starts a text-to-video job and resolves at once with
 * `{job_id, status: "queued", estimated_time_seconds}`; poll `getVideoStatus(job_id)`
 * (generation takes about 60-90 s on an RTX 4090).
 *
 * Only the fields given are sent, so the server's own defaults apply (`VIDEO_DEFAULTS`:
 * `480p`, `16:9`, 45 frames, 6 steps, guidance 1.0, seed -1, 24 fps, audio on); ranges of
 * the current server: prompt 1-2000 characters, 9-241 frames (`ltx-2.5` snaps to 8k+1;
 * servers from before LTX-2.5 take 25-85 and say so with a 422), 1-100 steps, guidance 1-15,
 * 12-30 fps. An `image` field is rejected here (use `startImageToVideo`). A `submit` call: never
 * re-sent once the server may have queued the job.
 */
export async function startTextToVideo(
  connection: Connection,
  model: VideoModelId | (string & {}),
  body: VideoT2vRequest,
  context: RequestContext = {},
): Promise<VideoJobResponse> {
  const transport = transportOf(connection)
  const { model: id } = transport.params('POST /video/t2v/{model}', { model })
  const json = transport.validate(videoT2vRequestSchema, body, `POST /video/t2v/${id}`)
  return transport.json(
    {
      method: 'POST',
      path: pathOf`/video/t2v/${id}`,
      json,
      kind: 'submit',
      schema: videoJobResponseSchema,
    },
    context,
  )
}

/**
 * `POST /video/i2v/{model}`: starts an image-to-video job animating `image` as `prompt` says,
 * and resolves at once with the queued job. As documented, the image travels as base64 in a
 * JSON body (there is no multipart variant): pass base64 text (no `data:` prefix) or a
 * `Blob`, bytes or `MediaFile`, encoded once the rest of the body has passed validation. The
 * server scales the image so its shorter side matches the resolution (480 or 720).
 *
 * Same parameters and ranges as `startTextToVideo`, nothing filled in. A `submit` call.
 */
export async function startImageToVideo(
  connection: Connection,
  model: VideoModelId | (string & {}),
  body: VideoImageToVideoBody,
  context: RequestContext = {},
): Promise<VideoJobResponse> {
  const transport = transportOf(connection)
  const { model: id } = transport.params('POST /video/i2v/{model}', { model })
  const json = await withBase64Files(
    transport,
    videoI2vRequestSchema,
    body,
    ['image'],
    `POST /video/i2v/${id}`,
    context.signal,
  )
  return transport.json(
    {
      method: 'POST',
      path: pathOf`/video/i2v/${id}`,
      json,
      kind: 'submit',
      schema: videoJobResponseSchema,
    },
    context,
  )
}

/**
 * `GET /video/status/{job_id}`: the job's `status` (`queued`, `processing`, `completed`,
 * `failed`), `progress` as a 0-1 fraction, steps, elapsed seconds, and once completed the
 * relative `video_url`/`thumbnail_url`; `error` says why a job failed. A `read` call, retried
 * on transient faults.
 */
export async function getVideoStatus(
  connection: Connection,
  jobId: string,
  context: RequestContext = {},
): Promise<VideoStatusResponse> {
  const transport = transportOf(connection)
  const { job_id } = transport.params('GET /video/status/{job_id}', { job_id: jobId })
  return transport.json(
    {
      method: 'GET',
      path: pathOf`/video/status/${job_id}`,
      kind: 'read',
      schema: videoStatusResponseSchema,
    },
    context,
  )
}

/**
 * `GET /video/download/{job_id}`: the finished video as a lazy `MediaFile` (`video/mp4`).
 * Nothing is fetched until it is read; `stream()` streams the response body as it arrives, so
 * a long video can go to disk without sitting in memory. A video that is missing or not ready
 * surfaces as a `ProviderError` (404) on the first read; an invalid id throws a
 * `ValidationError` at once.
 */
export function downloadVideo(
  connection: Connection,
  jobId: string,
  context: RequestContext = {},
): MediaFile {
  const transport = transportOf(connection)
  const { job_id } = transport.params('GET /video/download/{job_id}', { job_id: jobId })
  return transport.lazyMedia(pathOf`/video/download/${job_id}`, 'video/mp4', context)
}

/**
 * `GET /video/thumbnail/{job_id}`: the video's first frame as a lazy `MediaFile`
 * (`image/jpeg`), fetched only when read. An invalid id throws a `ValidationError` at once.
 */
export function downloadVideoThumbnail(
  connection: Connection,
  jobId: string,
  context: RequestContext = {},
): MediaFile {
  const transport = transportOf(connection)
  const { job_id } = transport.params('GET /video/thumbnail/{job_id}', { job_id: jobId })
  return transport.lazyMedia(pathOf`/video/thumbnail/${job_id}`, 'image/jpeg', context)
}

/**
 * A finished job's file by the URL its status gave (`video_url`, or `thumbnail_url` with
 * `image/jpeg`), as a lazy `MediaFile`: what the server hands back is where the file is.
 */
export function videoFileAt(
  connection: Connection,
  url: string,
  mediaType = 'video/mp4',
  context: RequestContext = {},
): MediaFile {
  const field = mediaType.startsWith('image/') ? 'thumbnail_url' : 'video_url'
  return transportOf(connection).fileAt(url, mediaType, field, context)
}

/**
 * `DELETE /video/{job_id}`: deletes a finished video and its files; resolves with
 * `{status: "deleted", job_id}` (200, unlike the 204 deletes elsewhere). The server deletes
 * only finished videos: a job still queued or rendering answers 404 and goes on (there is no
 * way to stop it). Idempotent, retried like a read.
 */
export async function deleteVideo(
  connection: Connection,
  jobId: string,
  context: RequestContext = {},
): Promise<VideoDeleteResponse> {
  const transport = transportOf(connection)
  const { job_id } = transport.params('DELETE /video/{job_id}', { job_id: jobId })
  return transport.json(
    {
      method: 'DELETE',
      path: pathOf`/video/${job_id}`,
      kind: 'cancel',
      schema: videoDeleteResponseSchema,
    },
    context,
  )
}

/**
 * `GET /video/history`: generated videos, a page at a time: `limit` (default 50, >= 1) and
 * `offset` (default 0) page through `total`. Items carry the job id as `id`.
 */
export async function listVideoHistory(
  connection: Connection,
  query: VideoHistoryQuery = {},
  context: RequestContext = {},
): Promise<VideoHistoryResponse> {
  const transport = transportOf(connection)
  const { limit, offset } = transport.validate(videoHistoryQuerySchema, query, 'GET /video/history')
  return transport.json(
    {
      method: 'GET',
      path: '/video/history',
      query: { limit, offset },
      kind: 'read',
      schema: videoHistoryResponseSchema,
    },
    context,
  )
}

/** `/video/*`. */
export class VideoApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /video/models`: the video models (see `listVideoModels`). */
  models(context: RequestContext = {}): Promise<VideoModelsResponse> {
    return listVideoModels(this.#transport, context)
  }

  /** `POST /video/t2v/{model}`: starts a text-to-video job (see `startTextToVideo`). */
  textToVideo(
    model: VideoModelId | (string & {}),
    body: VideoT2vRequest,
    context: RequestContext = {},
  ): Promise<VideoJobResponse> {
    return startTextToVideo(this.#transport, model, body, context)
  }

  /** `POST /video/i2v/{model}`: starts an image-to-video job (see `startImageToVideo`). */
  imageToVideo(
    model: VideoModelId | (string & {}),
    body: VideoImageToVideoBody,
    context: RequestContext = {},
  ): Promise<VideoJobResponse> {
    return startImageToVideo(this.#transport, model, body, context)
  }

  /** `GET /video/status/{job_id}`: a job's status (see `getVideoStatus`). */
  status(jobId: string, context: RequestContext = {}): Promise<VideoStatusResponse> {
    return getVideoStatus(this.#transport, jobId, context)
  }

  /** `GET /video/download/{job_id}`: a lazy MP4 (see `downloadVideo`). */
  download(jobId: string, context: RequestContext = {}): MediaFile {
    return downloadVideo(this.#transport, jobId, context)
  }

  /** `GET /video/thumbnail/{job_id}`: a lazy JPEG of the first frame (see `downloadVideoThumbnail`). */
  thumbnail(jobId: string, context: RequestContext = {}): MediaFile {
    return downloadVideoThumbnail(this.#transport, jobId, context)
  }

  /** A finished job's file by the URL its status gave (see `videoFileAt`). */
  file(url: string, mediaType = 'video/mp4', context: RequestContext = {}): MediaFile {
    return videoFileAt(this.#transport, url, mediaType, context)
  }

  /** `DELETE /video/{job_id}`: a finished video and its files (see `deleteVideo`). */
  delete(jobId: string, context: RequestContext = {}): Promise<VideoDeleteResponse> {
    return deleteVideo(this.#transport, jobId, context)
  }

  /** `GET /video/history`: generated videos, a page at a time (see `listVideoHistory`). */
  history(
    query: VideoHistoryQuery = {},
    context: RequestContext = {},
  ): Promise<VideoHistoryResponse> {
    return listVideoHistory(this.#transport, query, context)
  }
}
