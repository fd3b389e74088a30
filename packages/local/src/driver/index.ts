export {
  type GpuLease,
  GpuQueue,
  type GpuQueueOptions,
  type GpuQueueStats,
  type GpuTicket,
  type SchedulingPolicy,
} from './gpu-queue'
export { type LocalDriver, type LocalDriverOptions, type LocalTasks, local } from './local-driver'
export { PIXEL_ART_MODEL } from './models'
export { progressFromSidecar } from './progress'
