/**
 * `@atelier/testing`: test your app's media features without a provider, a GPU or a key.
 *
 * - `createFakeDriver` — a scriptable driver (states, delays, failures) to plug into `createAtelier`.
 * - `createManualClock` — move time by hand and assert polling schedules.
 * - `@atelier/testing/msw` — mount any provider fake into msw.
 */
export {
  createFakeDriver,
  type FakeDriver,
  type FakeDriverCall,
  type FakeDriverOptions,
  type FakeJob,
  FakeJobStore,
  type FakeStep,
  fakeOutput,
} from './fake-driver'
export { fakeMedia } from './fake-media'
export { createManualClock, flushMicrotasks, type ManualClock } from './manual-clock'
