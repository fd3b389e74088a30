/**
 * A tiny seeded pseudo-random generator (mulberry32). The media encoders draw colours and
 * shapes from it so the same seed always gives byte-identical files, which keeps emulator
 * fixtures and snapshot tests stable.
 */

/**
 * Returns a generator of floats in `[0, 1)` determined entirely by `seed`. Not suitable for
 * anything security related; it only has to look varied.
 */
export function seededRandom(seed: number): () => number {
  // Math.imul keeps the arithmetic in 32-bit integers, as the algorithm requires.
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
