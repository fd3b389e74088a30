/**
 * Turning a provider's error answer into a typed error. Knows the common body shapes
 * (FastAPI's `detail`, Laravel's `{message, errors: {field: [msg]}}`, `{error: {message, code}}`,
 * `{message}`, `{success:false, error}`, plain text); a driver can supply `describeError` for
 * anything else. A refused input (400/422) always reaches `ValidationError.issues`, with the
 * field names the body gives.
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
    /** The request answered, so a 404 or 405 can say which route of which base URL it was. */
    request?: { method: string; url: string; baseUrl: string }
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
    // A refusal that is not JSON (a proxy's text, a framework's plain message) is its own detail.
    const plain = parsed === undefined ? plainText(text) : undefined
    const reason = detail ?? (plain ? redact(plain, options.secrets) : undefined)
    const issues = described.issues?.length
      ? described.issues.map((issue) => ({
          ...issue,
          message: redact(issue.message, options.secrets),
        }))
      : [
          {
            path: [],
            message: reason ?? `rejected with HTTP ${status}`,
            rule: described.providerCode ?? `http_${status}`,
          },
        ]
    // The field messages are the point of a 422: kept in the message beside a generic summary
    // ("The given data was invalid."), not replaced by it.
    const fields = described.issues?.length ? issuesText(issues) : undefined
    const summary =
      reason && fields && !reason.includes(fields) ? `${reason} (${fields})` : (reason ?? fields)
    return new ValidationError(issues, {
      ...base,
      message: `${options.provider} rejected the input (HTTP ${status}): ${summary ?? issuesText(issues)}`,
    })
  }
  const message =
    (status === 404 || status === 405) && options.request
      ? redact(missingRouteMessage(options.provider, status, options.request, detail, text), [
          ...options.secrets,
        ])
      : `${options.provider} answered HTTP ${status}${detail ? `: ${detail}` : ''}`
  if (status === 429) {
    return new RateLimitError(message, {
      ...base,
      retryAfterMs: retryAfterMs(response.headers, options.now),
    })
  }
  return new ProviderError(message, base)
}

/**
 * A 404 or 405 names the route and the base URL it was asked of. When the body is a server's
 * generic "Not Found" (no resource named, just no such route), the likely cause is the base
 * URL, so the message says so: `/api` added or missing, another server on that port.
 */
function missingRouteMessage(
  provider: string,
  status: number,
  request: { method: string; url: string; baseUrl: string },
  detail: string | undefined,
  text: string,
): string {
  const onApi = request.url.startsWith(`${request.baseUrl}/`)
  const route = onApi
    ? request.url.slice(request.baseUrl.length).split(/[?#]/, 1)[0]!
    : request.url.split(/[?#]/, 1)[0]!
  const at = onApi ? ` (base URL ${request.baseUrl})` : ''
  const said = detail ? `: ${detail}` : ''
  const generic =
    detail === undefined
      ? !text.trim() ||
        text.trim().startsWith('<') ||
        /^(?:cannot \w+ \/|not found)/i.test(text.trim())
      : /^(?:not found|method not allowed)\.?$|^no (?:such )?route\b|^route not found/i.test(
          detail.trim(),
        )
  let hint = ''
  if (generic && onApi) {
    hint =
      status === 404
        ? `. The server there has no such route: is baseUrl the root of the ${provider} API (no path missing or added), and is it that server on that port?`
        : `. The server there has this path but not for ${request.method}: is baseUrl pointing at the ${provider} API?`
  }
  return `${provider} answered HTTP ${status} on ${request.method} ${route}${at}${said}${hint}`
}

/** Longest plain-text body quoted as an error's detail. */
const MAX_PLAIN_DETAIL_CHARS = 300

/** A plain-text error body as a detail: its first line, bounded; nothing for an empty body or an HTML page. */
function plainText(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.startsWith('<')) return undefined
  const line = trimmed.split(/\r?\n/, 1)[0]!.trim()
  return line.length > MAX_PLAIN_DETAIL_CHARS ? `${line.slice(0, MAX_PLAIN_DETAIL_CHARS)}…` : line
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
  // Laravel (`errors: {field: [msg]}`) and lists of `{field, message}` on the body or its `error`.
  const fieldIssues = fieldErrors(record.errors) ?? fieldErrors(nested(record.error, 'errors'))
  if (fieldIssues?.length && !out.issues?.length) out.issues = fieldIssues
  if (typeof record.message === 'string') out.message ??= record.message
  if (typeof record.code === 'string' || typeof record.code === 'number')
    out.providerCode ??= String(record.code)
  if (typeof record.error_code === 'string') out.providerCode ??= record.error_code
  if (typeof record.request_id === 'string') out.requestId = record.request_id
  if (typeof record.requestId === 'string') out.requestId = record.requestId
  return out
}

function nested(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined
}

/** A field name as a path: Laravel writes nested fields with dots (`images.0.url`). */
function fieldPath(field: string): (string | number)[] {
  return field
    .split('.')
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

/**
 * Field errors in the shapes frameworks use: Laravel's `{field: ['msg', ...]}` (or one text per
 * field), and lists of `{field | path | param | loc, message | msg | detail, code | type}`.
 * Undefined when `errors` is none of them.
 */
function fieldErrors(errors: unknown): ValidationIssue[] | undefined {
  if (Array.isArray(errors)) {
    const issues = errors.flatMap((item): ValidationIssue[] => {
      if (typeof item === 'string') return [{ path: [], message: item, rule: 'invalid' }]
      if (typeof item !== 'object' || item === null) return []
      const record = item as Record<string, unknown>
      if (Array.isArray(record.loc)) return fastApiIssue(item)
      const field = record.field ?? record.path ?? record.param ?? record.property
      const message = record.message ?? record.msg ?? record.detail
      if (typeof message !== 'string') return []
      const rule = record.code ?? record.type ?? record.rule
      return [
        {
          path: typeof field === 'string' ? fieldPath(field) : [],
          message,
          rule: typeof rule === 'string' || typeof rule === 'number' ? String(rule) : 'invalid',
        },
      ]
    })
    return issues.length ? issues : undefined
  }
  if (typeof errors !== 'object' || errors === null) return undefined
  const issues = Object.entries(errors as Record<string, unknown>).flatMap(
    ([field, messages]): ValidationIssue[] =>
      (Array.isArray(messages) ? messages : [messages])
        .filter((message): message is string => typeof message === 'string')
        .map((message) => ({ path: fieldPath(field), message, rule: 'invalid' })),
  )
  return issues.length ? issues : undefined
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
