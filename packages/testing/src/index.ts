/**
 * `@atelier/testing`: test your app's media features without a provider, a GPU or a key.
 *
 * - `createFakeDriver` — a scriptable driver (states, delays, failures) to plug into `createAtelier`.
 * - `createManualClock` — move time by hand and assert polling schedules.
 * - `@atelier/testing/msw` — mount any provider fake into msw.
 */
export { type FakeDriver, type FakeDriverCall, type FakeDriverOptions, type FakeJob, FakeJobStore, type FakeStep, createFakeDriver, fakeOutput } from './fake-driver'
export { fakeMedia } from './fake-media'
export { type ManualClock, createManualClock, flushMicrotasks } from './manual-clock'
