export {
  type AnalyzeMode,
  DEFAULT_MAX_PENDING_SCHEMAS,
  defaultDomain,
  type SchemaKind,
  textOf,
  usageOf,
  type VlmRunProviderOptions,
  vlmrunProviderOptionsSchema,
} from './vision'
export {
  type ExtractInput,
  type ExtractOptions,
  type VlmRunDriver,
  type VlmRunDriverOptions,
  type VlmRunTasks,
  vlmrun,
} from './vlmrun-driver'
