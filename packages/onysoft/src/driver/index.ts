// These live in core now; re-exported so this package's API is unchanged.
export { isPrivateUrl, sniffImageType } from '@atelier/core'
export { type OnysoftDriver, type OnysoftDriverOptions, onysoft } from './onysoft-driver'
export { onysoftOptions, TASK_ALIASES } from './requests'
export { estimatedCostOf, usageOf } from './snapshots'
