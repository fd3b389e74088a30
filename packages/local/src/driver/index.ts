export {
  type GpuLease,
  GpuQueue,
  type GpuQueueOptions,
  type GpuQueueStats,
  type SchedulingPolicy,
} from './gpu-queue'
export { type LocalDriver, type LocalDriverOptions, local, PIXEL_ART_MODEL } from './local-driver'
export { progressFromSidecar } from './progress'
