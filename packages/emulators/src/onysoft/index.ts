/**
 * The Onysoft AI Gateway emulator: `createOnysoftEmulator()` (an API handler and a file-host
 * handler on another origin) and `serveOnysoftEmulator()` (both as loopback servers).
 */
export {
  createOnysoftEmulator,
  ONYSOFT_EMULATOR_CDN,
  ONYSOFT_EMULATOR_HEADER,
  ONYSOFT_EMULATOR_MODELS,
  ONYSOFT_INJECTED_TASK_ERROR,
  type OnysoftEmulator,
  type OnysoftFailNextOptions,
} from './emulator'
export { type ServedOnysoftEmulator, serveOnysoftEmulator } from './serve'
export type {
  OnysoftEmulatorOptions,
  OnysoftRequestRecord,
  OnysoftState,
  OnysoftTask,
  OnysoftTimings,
  TaskKind as OnysoftTaskKind,
} from './state'
