/** The VLM Run emulator: `createVlmRunEmulator()`; run it with `serve(emulator.handler)`. */

export { fakeFromJsonSchema } from './answers'
export {
  createVlmRunEmulator,
  type EmulatedPrediction,
  VLMRUN_EMULATOR_HEADER,
  VLMRUN_INJECTED_FAILURE,
  type VlmRunCallbackRecord,
  type VlmRunEmulator,
  type VlmRunEmulatorOptions,
  type VlmRunFailNextOptions,
  type VlmRunRequestRecord,
  type VlmRunState,
} from './emulator'
