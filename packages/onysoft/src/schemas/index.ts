/**
 * The wire schemas. Every module-level schema is built in a call annotated `@__PURE__` (most
 * often an arrow function called at once), so a bundler can drop the ones an app never reads: a
 * `zod` call is otherwise kept as a possible side effect, and an app running only the driver's
 * tasks would carry the schemas of endpoints no task calls (the video list).
 */
export * from './common'
export * from './generate'
export * from './models'
export * from './tasks'
