export { type CanaryDriver, type CanaryDriverOptions, canary } from './canary-driver'
export { finishReasonOf, type OutputContext, outputFor, resultKindOf } from './outputs'
export { canaryOptions, type DetectEndpoint } from './requests'
export { elevenLabsModel, LLM_PROVIDERS, resolveUpstream, type Upstream } from './upstream'
