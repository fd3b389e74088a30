/**
 * `GET /v1/video/list`, the gateway's list of generated videos, as functions of a transport.
 * No task calls it: it is here for direct use (`@atelier/onysoft/client`).
 */
import { checkBody, type RequestContext } from '@atelier/core/driver'
import {
  type VideoListItem,
  type VideoListQuery,
  videoListQuerySchema,
  videoListResponseSchema,
} from '../schemas'
import { type OnysoftTransport, PROVIDER } from './transport'

/** One page of `GET /v1/video/list`, normalised. */
export interface VideoListPage {
  videos: VideoListItem[]
  /** The page returned (the request's when the answer does not say). */
  page: number
  limit: number
  /** Videos in all pages, when the gateway reports it. */
  total?: number
  totalPages?: number
}

/**
 * `GET /v1/video/list`: generated videos, a page at a time (`page` from 1, default 1;
 * `limit` 1-100, default 20). Out-of-range values fail before the request.
 */
export async function listVideos(
  transport: OnysoftTransport,
  query: VideoListQuery = {},
  context: RequestContext = {},
): Promise<VideoListPage> {
  const { page, limit } = checkBody(videoListQuerySchema, query, {
    provider: PROVIDER,
    what: 'GET /v1/video/list',
  })
  const { data } = await transport.envelope(
    {
      method: 'GET',
      path: '/v1/video/list',
      query: { page, limit },
      kind: 'read',
      schema: videoListResponseSchema,
    },
    context,
  )
  if (Array.isArray(data)) return { videos: data, page, limit }
  const paging = { ...data.pagination, ...pick(data) }
  return {
    videos: data.videos ?? data.items ?? data.data ?? [],
    page: paging.page ?? page,
    limit: paging.limit ?? limit,
    ...(paging.total != null ? { total: paging.total } : {}),
    ...(paging.total_pages != null ? { totalPages: paging.total_pages } : {}),
  }
}

/**
 * Every page of the video list in turn, `limit` (default 100, the maximum) videos a request,
 * until a short or empty page.
 */
export async function* listAllVideos(
  transport: OnysoftTransport,
  options: { limit?: number } = {},
  context: RequestContext = {},
): AsyncGenerator<VideoListItem, void, undefined> {
  const limit = options.limit ?? 100
  for (let page = 1; ; page++) {
    const result = await listVideos(transport, { page, limit }, context)
    yield* result.videos
    const done =
      result.videos.length < limit || (result.totalPages !== undefined && page >= result.totalPages)
    if (done) return
  }
}

/** The flat paging fields of a list answer, without undefined/null values. */
function pick(data: {
  page?: number | null
  limit?: number | null
  total?: number | null
  total_pages?: number | null
}) {
  const out: { page?: number; limit?: number; total?: number; total_pages?: number } = {}
  for (const key of ['page', 'limit', 'total', 'total_pages'] as const) {
    const value = data[key]
    if (value != null) out[key] = value
  }
  return out
}
