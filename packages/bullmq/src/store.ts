/**
 * What the processor keeps in Redis beside BullMQ's own keys, under the queue's qualified name:
 * - `<queue>:atelier:refs`, a hash from BullMQ job id to the provider job's ref, for jobs that
 *   were submitted and are not over. A removed BullMQ job takes its data with it; this index is
 *   how the removal watcher still finds the remote job to cancel.
 * - `<queue>:atelier:cancel`, a hash from BullMQ job id to a cancel request: `requested`, or
 *   `canceled` once the provider's job was canceled. The worker reads it before the submit,
 *   after it, and before every check.
 */
import type { JobRef } from '@atelier/core'
import type { RedisClient } from 'bullmq'

/** `canceled`: the provider's job is canceled already, only the BullMQ job is left to fail. */
export type CancelRequest = 'requested' | 'canceled'

export class AtelierStore {
  readonly #client: RedisClient
  readonly #refsKey: string
  readonly #cancelKey: string

  constructor(client: RedisClient, queueQualifiedName: string) {
    this.#client = client
    this.#refsKey = `${queueQualifiedName}:atelier:refs`
    this.#cancelKey = `${queueQualifiedName}:atelier:cancel`
  }

  async remember(jobId: string, ref: JobRef): Promise<void> {
    await this.#client.hset(this.#refsKey, { [jobId]: JSON.stringify(ref) })
  }

  /** The job is over: its ref and any cancel request go. */
  async forget(jobId: string): Promise<void> {
    await this.#client.hdel(this.#refsKey, jobId)
    await this.#client.hdel(this.#cancelKey, jobId)
  }

  /**
   * Takes the ref out of the index: of several watchers that saw the same removal, only the one
   * whose delete removed the field gets it and cancels the remote job.
   */
  async claim(jobId: string): Promise<JobRef | undefined> {
    const stored = await this.#client.hget(this.#refsKey, jobId)
    if (stored === null || stored === undefined) return undefined
    const deleted = await this.#client.hdel(this.#refsKey, jobId)
    return deleted === 1 ? (JSON.parse(stored) as JobRef) : undefined
  }

  async requestCancel(jobId: string, state: CancelRequest): Promise<void> {
    await this.#client.hset(this.#cancelKey, { [jobId]: state })
  }

  async cancelRequest(jobId: string): Promise<CancelRequest | undefined> {
    const state = await this.#client.hget(this.#cancelKey, jobId)
    return state === 'requested' || state === 'canceled' ? state : undefined
  }
}
