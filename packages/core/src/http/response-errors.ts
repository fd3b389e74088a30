/**
 * Turning a provider's error answer into a typed error. Knows the common body shapes
 * (FastAPI's `detail`, `{error: {message, code}}`, `{message}`, `{success:false, error}`);
 * a driver can supply `describeError` for anything else.
 */
import {
  type AtelierError,
  ProviderError,
  RateLimitError,
  ValidationError,
  type ValidationIssue,
} from '../errors'
import { redact, redactBody } from '../redact'
import { retryAfterMs } from './retry-after'

/** What a driver can say about an error body it knows. Every field is optional. */
export interface ErrorDescription {
  message?: string
  providerCode?: string
  requestId?: string
  issues?: ValidationIssue[]
}

export type DescribeError = (body: unknown, status: number) => ErrorDescription | undefined

/** Upper bound on the error body read from the network; the rest is discarded unread. */
const MAX_ERROR_BODY_BYTES = 64 * 1024

/** Reads at most `maxBytes` of a body as text and cancels the rest (a hostile 1 GB error page costs 64 KiB). */
export async function readTextBounded(
  response: Response,
  maxBytes = MAX_ERROR_BODY_BYTES,
): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let received = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      const room = maxBytes - received
      received += value.byteLength
      text += decoder.decode(value.byteLength > room ? value.subarray(0, room) : value, {
        stream: true,
      })
      if (received >= maxBytes) {
        // Not awaited: some bodies (msw's mocked ones among them) settle their cancel only
        // when fully read, and the rest of a hostile page must never hold the error back.
        reader.cancel().catch(() => {})
        break
      }
    }
  } catch {
    // A body cut short still yields what arrived; the status is what matters.
  }
  return text + decoder.decode()
}

export function parseJsonOrUndefined(text: string): unknown {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined
  try {
    return JSON.parse(trimmed)
  } catch {
    return undefined
  }
}

/** Builds the typed error for a non-2xx response. Never throws. */
export async function errorFromResponse(
  response: Response,
  options: {
    provider: string
    secrets: readonly string[]
    describeError?: DescribeError
    now?: number
  },
): Promise<AtelierError> {
  const text = await readTextBounded(response)
  const parsed = parseJsonOrUndefined(text)
  const described = {
    ...describeCommonError(parsed),
    ...(options.describeError?.(parsed, response.status) ?? {}),
  }
  const status = response.status
  const requestId =
    described.requestId ??
    response.headers.get('x-request-id') ??
    response.headers.get('request-id') ??
    undefined
  const body = redactBody(text, options.secrets)
  const detail = described.message ? redact(described.message, options.secrets) : undefined
  const base = {
    provider: options.provider,
    body,
    status,
    providerCode: described.providerCode,
    requestId,
  }
  if (status === 400 || status === 422) {
    const issues = described.issues?.length
      ? described.issues
      : [
          {
            path: [],
            message: detail ?? `rejected with HTTP ${status}`,
            rule: described.providerCode ?? `http_${status}`,
          },
        ]
    return new ValidationError(issues, {
      ...base,
      message: `${options.provider} rejected the input (HTTP ${status}): ${detail ?? issuesText(issues)}`,
    })
  }
  const message = `${options.provider} answered HTTP ${status}${detail ? `: ${detail}` : ''}`
  if (status === 429) {
    return new RateLimitError(message, {
      ...base,
      retryAfterMs: retryAfterMs(response.headers, options.now),
    })
  }
  return new ProviderError(message, base)
}

function issuesText(issues: ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ')
}

/** Recognises the error shapes most JSON APIs use. */
export function describeCommonError(body: unknown): ErrorDescription {
  if (typeof body !== 'object' || body === null) return {}
  const record = body as Record<string, unknown>
  const out: ErrorDescription = {}
  const detail = record.detail
  if (typeof detail === 'string') out.message = detail
  else if (Array.isArray(detail)) {
    out.issues = detail.flatMap(fastApiIssue)
    out.message = out.issues
      .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
      .join('; ')
  } else if (typeof detail === 'object' && detail !== null) {
    const inner = describeCommonError({ error: detail })
    Object.assign(out, inner)
  }
  const error = record.error
  if (typeof error === 'string') out.message ??= error
  else if (typeof error === 'object' && error !== null) {
    const inner = error as Record<string, unknown>
    if (typeof inner.message === 'string') out.message ??= inner.message
    if (typeof inner.code === 'string' || typeof inner.code === 'number')
      out.providerCode ??= String(inner.code)
    if (typeof inner.type === 'string') out.providerCode ??= inner.type
  }
  if (typeof record.message === 'string') out.message ??= record.message
  if (typeof record.code === 'string' || typeof record.code === 'number')
    out.providerCode ??= String(record.code)
  if (typeof record.error_code === 'string') out.providerCode ??= record.error_code
  if (typeof record.request_id === 'string') out.requestId = record.request_id
  if (typeof record.requestId === 'string') out.requestId = record.requestId
  return out
}

/** FastAPI / pydantic: `{loc: ['body', 'size', 'width'], msg, type}` → path `size.width`. */
function fastApiIssue(item: unknown): ValidationIssue[] {
  if (typeof item !== 'object' || item === null) return []
  const record = item as Record<string, unknown>
  const location = Array.isArray(record.loc) ? record.loc : []
  const path = location
    .filter((part): part is string | number => typeof part === 'string' || typeof part === 'number')
    .filter(
      (part, index) => !(index === 0 && (part === 'body' || part === 'query' || part === 'path')),
    )
  return [
    {
      path,
      message: typeof record.msg === 'string' ? record.msg : 'invalid',
      rule: typeof record.type === 'string' ? record.type : 'invalid',
    },
  ]
}
