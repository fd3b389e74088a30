/** Building blocks of the VLM Run wire schemas. */

import {
  openEnum,
  type ReadStatus,
  readStatus,
  type StatusState,
  nonEmptyText as text,
} from '@atelier/core/driver'

// Shared with every driver (from core), under this package's names.
export { openEnum, text }

/** The domains of `POST /v1/image/generate` (every value of the document's enum). */
export const DOMAINS = [
  'aerospace.remote-sensing',
  'document.ocr',
  'document.generative',
  'document.invoice',
  'document.markdown',
  'document.presentation',
  'document.receipt',
  'document.resume',
  'document.utility-bill',
  'image.caption',
  'retail.product-catalog',
  'retail.ecommerce-product-caption',
  'video.tv-news',
  'video.caption',
  'video.commentary',
] as const
export type Domain = (typeof DOMAINS)[number]

/** Prediction statuses. `paused` is not terminal: the prediction resumes. */
export const PREDICTION_STATUSES = [
  'enqueued',
  'pending',
  'running',
  'completed',
  'failed',
  'paused',
] as const
export type PredictionStatus = (typeof PREDICTION_STATUSES)[number]

/**
 * What each documented status means. `enqueued`, `pending` and `paused` are waiting (paused is
 * not terminal: the prediction resumes); other spellings and the shared synonyms are read by
 * `readStatus`.
 */
export const PREDICTION_STATUS_STATES: Readonly<Record<PredictionStatus, StatusState>> = {
  enqueued: 'queued',
  pending: 'queued',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  paused: 'queued',
}

/** A prediction's status word read into a state: the documented words first, then the synonyms. */
export function readPredictionStatus(status: unknown): ReadStatus {
  return readStatus(status, PREDICTION_STATUS_STATES)
}

/** The only model the document allows. */
export const MODELS = ['vlm-1'] as const

const HTTP_URL = /^https?:\/\/[^\s/?#]+\S*$/i
const DATA_URI = /^data:[\w.+-]+\/[\w.+-]+(?:;[\w.+-]+=[^;,]+)*;base64,[A-Za-z0-9+/=\s_-]+$/
const BASE64 = /^[A-Za-z0-9+/\s_-]+={0,2}\s*$/

/** True for an absolute `http:`/`https:` URL. */
export const isHttpUrl = (value: string): boolean => HTTP_URL.test(value)
/** True for a base64 `data:` URI. */
export const isBase64DataUri = (value: string): boolean =>
  value.startsWith('data:') && DATA_URI.test(value)
/** True for bare base64 text (standard or URL-safe alphabet). */
export const isBase64Text = (value: string): boolean => value.length > 0 && BASE64.test(value)
