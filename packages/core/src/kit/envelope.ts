/**
 * The `{success, data}` envelope some gateways wrap every answer in. `success: false` is an
 * error whatever the HTTP status said; a body without the envelope is read as it is.
 */
import { ProviderError } from '../errors'
import { describeCommonError } from '../http/response-errors'
import { redactBody } from '../redact'

export interface EnvelopeOptions {
  provider: string
  /** The HTTP status the body came with. */
  status: number
  /** The request id header, when the provider sends one. */
  requestId?: string
  /** Secrets to keep out of the error's message and body. */
  secrets?: readonly string[]
}

/** The envelope's `data` (`{}` when it has none), or the whole body when it is not enveloped. */
export function readEnvelope(body: unknown, options: EnvelopeOptions): unknown {
  if (typeof body !== 'object' || body === null) return body
  const record = body as Record<string, unknown>
  if (typeof record.success !== 'boolean') return body
  if (!record.success) throw envelopeError(record, options)
  return 'data' in record ? record.data : {}
}

/** The ProviderError for a `success: false` answer: its message, code and request id, redacted. */
export function envelopeError(body: unknown, options: EnvelopeOptions): ProviderError {
  const secrets = options.secrets ?? []
  const described = describeCommonError(body)
  const message = described.message ? redactBody(described.message, secrets) : 'no reason given'
  const requestId = described.requestId ?? options.requestId
  return new ProviderError(
    `${options.provider} answered success: false (HTTP ${options.status}): ${message}`,
    {
      provider: options.provider,
      status: options.status,
      body: redactBody(JSON.stringify(body), secrets),
      ...(described.providerCode ? { providerCode: described.providerCode } : {}),
      ...(requestId ? { requestId } : {}),
    },
  )
}
