/**
 * The Vision Studio emulator for this package's tests and examples. It lives in
 * `@atelier/emulators` (`packages/emulators/src/vision-studio`); imported by path until that
 * package's index exports it.
 */

export { serve } from '@atelier/emulators'
export {
  createVisionStudioEmulator,
  type VisionStudioEmulator,
  type VisionStudioEmulatorOptions,
} from '../../../emulators/src/vision-studio'
