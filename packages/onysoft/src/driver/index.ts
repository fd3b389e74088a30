export { isPrivateUrl, sniffImageType } from './media-input'
export { type OnysoftDriver, type OnysoftDriverOptions, onysoft } from './onysoft-driver'
export { onysoftOptions, TASK_ALIASES } from './requests'
export { estimatedCostOf, usageOf } from './snapshots'
