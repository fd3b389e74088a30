/**
 * Vision Studio answers invalid input with FastAPI's 422: `{"detail": [{"loc": ["body",
 * "num_results"], "msg": "...", "type": "less_than_equal"}]}`. Core turns that into a
 * `ValidationError` whose issues have field paths (`num_results`; `body`, `path` and `query`
 * prefixes dropped). `VisionStudioValidationError` also carries the server's `detail` list
 * as it came, for callers that want the pydantic types or the rejected values.
 */
import { ValidationError, type ValidationIssue } from '@atelier/core'

/** One entry of the server's 422 `detail` list. */
export interface ValidationDetail {
  /** Where the bad value is: `["body", "size", "width"]`, `["path", "task_id"]`. */
  loc: (string | number)[]
  msg: string
  /** The pydantic error type: `missing`, `less_than_equal`, `extra_forbidden`, ... */
  type: string
  /** The rejected value, when the server echoes it. */
  input?: unknown
}

/** A `ValidationError` from the server's 422, with its `detail` list. */
export class VisionStudioValidationError extends ValidationError {
  /** The server's `detail` entries, in order (empty when the body had none). */
  readonly detail: ValidationDetail[]

  constructor(
    issues: ValidationIssue[],
    options: {
      detail: ValidationDetail[]
      status?: number
      provider?: string
      body?: string
      message?: string
      cause?: unknown
    },
  ) {
    super(issues, options)
    this.detail = options.detail
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), detail: this.detail }
  }
}

/** The `detail` entries of an error body, or `[]` when it has none (or was cut short). */
export function detailOf(body: string | undefined): ValidationDetail[] {
  if (!body) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return []
  }
  const detail = (parsed as { detail?: unknown } | null)?.detail
  if (!Array.isArray(detail)) return []
  return detail.flatMap((item): ValidationDetail[] => {
    if (typeof item !== 'object' || item === null) return []
    const record = item as Record<string, unknown>
    const loc = Array.isArray(record.loc)
      ? record.loc.filter(
          (part): part is string | number => typeof part === 'string' || typeof part === 'number',
        )
      : []
    return [
      {
        loc,
        msg: typeof record.msg === 'string' ? record.msg : 'invalid',
        type: typeof record.type === 'string' ? record.type : 'invalid',
        ...('input' in record ? { input: record.input } : {}),
      },
    ]
  })
}

/** Rewraps core's ValidationError for a 400/422 answer so it carries the server's `detail`. */
export function withDetail(error: unknown): unknown {
  if (!(error instanceof ValidationError) || error instanceof VisionStudioValidationError)
    return error
  if (error.status === undefined) return error
  const rewrapped = new VisionStudioValidationError(error.issues, {
    detail: detailOf(error.body),
    status: error.status,
    ...(error.provider !== undefined ? { provider: error.provider } : {}),
    ...(error.body !== undefined ? { body: error.body } : {}),
    message: error.message,
    cause: error,
  })
  return rewrapped
}
