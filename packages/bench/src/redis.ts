/**
 * Redis for the durable bench: the same server the BullMQ tests use (`fixtures/redis-server.ts`),
 * and the reading of its memory figure.
 */
export { startRedis } from '../../../fixtures/redis-server'

/** `used_memory` from an `INFO` answer, in bytes. */
export function usedMemory(info: string): number {
  const match = /^used_memory:(\d+)/m.exec(info)
  if (!match) throw new Error('INFO has no used_memory line')
  return Number(match[1])
}
