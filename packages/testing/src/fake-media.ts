/**
 * Tiny, well-formed media for fake outputs: a 1×1 PNG, a short silent WAV, an MP4 made of
 * its `ftyp` header and an empty media box, and a binary glTF holding an empty scene. Enough
 * for an app under test to store, sniff or forward a file; not meant to be played or shown.
 * (The emulators make full-size files.)
 */
import { MediaFile } from '@atelier/core'

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

function wavBytes(sampleRate = 8_000, seconds = 0.1): Uint8Array {
  const dataBytes = Math.round(sampleRate * seconds) * 2
  const bytes = new Uint8Array(44 + dataBytes)
  const view = new DataView(bytes.buffer)
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index++) bytes[offset + index] = text.charCodeAt(index)
  }
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  return bytes
}

function mp4Bytes(): Uint8Array {
  // ftyp (24 bytes: isom, minor 512, compatible isom+mp42) + an empty mdat (8 bytes).
  const bytes = new Uint8Array(32)
  const view = new DataView(bytes.buffer)
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index++) bytes[offset + index] = text.charCodeAt(index)
  }
  view.setUint32(0, 24)
  ascii(4, 'ftypisom')
  view.setUint32(12, 512)
  ascii(16, 'isommp42')
  view.setUint32(24, 8)
  ascii(28, 'mdat')
  return bytes
}

/**
 * A binary glTF 2.0 file: the 12-byte header (`glTF`, version 2, total length, all uint32
 * little-endian) and one JSON chunk (length, `JSON`, the document padded with spaces to a
 * multiple of 4 bytes). The document is an empty scene: valid glTF, no mesh, no buffers.
 */
function glbBytes(): Uint8Array {
  let json = JSON.stringify({ asset: { version: '2.0' }, scene: 0, scenes: [{}] })
  json = json.padEnd(Math.ceil(json.length / 4) * 4, ' ')
  const bytes = new Uint8Array(12 + 8 + json.length)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, 0x46546c67, true) // 'glTF'
  view.setUint32(4, 2, true)
  view.setUint32(8, bytes.length, true)
  view.setUint32(12, json.length, true)
  view.setUint32(16, 0x4e4f534a, true) // 'JSON'
  bytes.set(new TextEncoder().encode(json), 20)
  return bytes
}

export const fakeMedia = {
  png: () => MediaFile.fromBase64(PNG_1X1, { mediaType: 'image/png', filename: 'fake.png' }),
  wav: () => MediaFile.fromBytes(wavBytes(), { mediaType: 'audio/wav', filename: 'fake.wav' }),
  mp4: () => MediaFile.fromBytes(mp4Bytes(), { mediaType: 'video/mp4', filename: 'fake.mp4' }),
  glb: () =>
    MediaFile.fromBytes(glbBytes(), { mediaType: 'model/gltf-binary', filename: 'fake.glb' }),
}
