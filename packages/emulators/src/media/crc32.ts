/**
 * CRC-32 as PNG (and zip, gzip, Ethernet) define it: the reflected polynomial 0xEDB88320,
 * initial value and final XOR 0xFFFFFFFF. Table-driven, one byte per step, which is plenty
 * for the few megabytes an emulator writes.
 */

const TABLE = buildTable()

function buildTable(): Uint32Array {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
}

/**
 * CRC-32 of `bytes`. Pass the result of a previous call as `crc` to continue over data that
 * arrives in pieces: `crc32(b, crc32(a))` equals `crc32(concat(a, b))`.
 *
 * @returns the checksum as an unsigned 32-bit integer.
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0
  for (let index = 0; index < bytes.length; index++) {
    c = TABLE[(c ^ bytes[index]!) & 0xff]! ^ (c >>> 8)
  }
  return (c ^ 0xffffffff) >>> 0
}
