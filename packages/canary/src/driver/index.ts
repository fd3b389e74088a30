export {
  type CanaryDriver,
  type CanaryDriverOptions,
  type CanaryTask,
  type CanaryTaskHandlers,
  canary,
} from './canary-driver'
export { finishReasonOf, type OutputContext, outputFor, resultKindOf } from './outputs'
export { canaryOptions } from './shared'
export { elevenLabsModel, LLM_PROVIDERS, resolveUpstream, type Upstream } from './upstream'
export type { DetectEndpoint } from './vision'
