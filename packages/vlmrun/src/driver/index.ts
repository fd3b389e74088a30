export { textOf, usageOf } from './outputs'
export { type AnalyzeMode, defaultDomain, type VlmRunProviderOptions } from './requests'
export {
  type ExtractInput,
  type ExtractOptions,
  type VlmRunDriver,
  type VlmRunDriverOptions,
  vlmrun,
} from './vlmrun-driver'
