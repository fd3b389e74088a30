/**
 * The CanaryLLM wire schemas (zod/mini): request bodies (strict), answers and results (loose).
 *
 * Every module-level schema is built in a closure called at once and marked `@__PURE__`. The
 * built package is one file per entry, so a bundler can drop a schema nobody uses (those of
 * the training endpoints, in an app that only runs the driver's tasks) only when its
 * initializer is marked free of side effects; a bare `z.object(...)` call would be kept.
 */
export * from './audio'
export * from './common'
export * from './completion'
export * from './image'
export * from './queue'
export * from './video'
export * from './vision'
