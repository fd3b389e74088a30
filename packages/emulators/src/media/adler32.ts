/**
 * Adler-32, the checksum that ends every zlib stream (RFC 1950), so a PNG's IDAT data is
 * only valid with it.
 */

const MOD = 65521
// zlib's NMAX: the most bytes that can be summed before `b` could pass 2^32, so the costly
// modulo runs once per block instead of once per byte.
const NMAX = 5552

/**
 * Adler-32 of `bytes`. Pass the result of a previous call as `adler` to continue over data
 * that arrives in pieces.
 *
 * @returns the checksum as an unsigned 32-bit integer.
 */
export function adler32(bytes: Uint8Array, adler = 1): number {
  let a = adler & 0xffff
  let b = (adler >>> 16) & 0xffff
  let index = 0
  while (index < bytes.length) {
    const end = Math.min(index + NMAX, bytes.length)
    for (; index < end; index++) {
      a += bytes[index]!
      b += a
    }
    a %= MOD
    b %= MOD
  }
  return ((b << 16) | a) >>> 0
}
