/**
 * Binary glTF 2.0 (`.glb`) builder: a 12-byte header, a JSON chunk and a BIN chunk holding one
 * mesh — a UV sphere with positions, normals and triangle indices — and one PBR material. The
 * triangle count follows `faces`, so a "low-poly" request gives a smaller file, like the
 * decimated meshes of a real image-to-3D model. Loads in any glTF viewer or Blender.
 */
import { assertInteger, viewOf } from './bytes'
import { seededRandom } from './random'

export interface GlbOptions {
  /** About how many triangles the mesh has (at least 32). Default 1000. */
  faces?: number
  /** Picks the material colour. Default 0. */
  seed?: number
  /** `asset.generator` of the glTF JSON. */
  generator?: string
}

const GLB_MAGIC = 0x46546c67 // "glTF"
const CHUNK_JSON = 0x4e4f534a
const CHUNK_BIN = 0x004e4942
const FLOAT = 5126
const UNSIGNED_SHORT = 5123
const UNSIGNED_INT = 5125
const ARRAY_BUFFER = 34962
const ELEMENT_ARRAY_BUFFER = 34963

const pad4 = (length: number) => (4 - (length % 4)) % 4

/** Builds a valid binary glTF 2.0 file with one sphere mesh. */
export function encodeGlb(options: GlbOptions = {}): Uint8Array<ArrayBuffer> {
  const { faces = 1000, seed = 0, generator = 'atelier emulator' } = options
  assertInteger('faces', faces, 32, 10_000_000)
  // A sphere of `rings` × `segments` (segments = 2 × rings) has 2 × segments × (rings - 1)
  // triangles.
  const rings = Math.max(3, Math.round(Math.sqrt(faces / 4)))
  const segments = rings * 2
  const vertexCount = (rings + 1) * (segments + 1)
  const positions = new Float32Array(vertexCount * 3)
  let vertex = 0
  for (let ring = 0; ring <= rings; ring++) {
    const theta = (ring * Math.PI) / rings
    for (let segment = 0; segment <= segments; segment++) {
      const phi = (segment * 2 * Math.PI) / segments
      positions[vertex++] = Math.sin(theta) * Math.cos(phi)
      positions[vertex++] = Math.cos(theta)
      positions[vertex++] = Math.sin(theta) * Math.sin(phi)
    }
  }
  const indices: number[] = []
  for (let ring = 0; ring < rings; ring++) {
    for (let segment = 0; segment < segments; segment++) {
      const a = ring * (segments + 1) + segment
      const b = a + segments + 1
      if (ring !== 0) indices.push(a, b, a + 1)
      if (ring !== rings - 1) indices.push(a + 1, b, b + 1)
    }
  }
  const wide = vertexCount > 0xffff
  const indexBytes = indices.length * (wide ? 4 : 2)
  const positionBytes = positions.byteLength
  // Unit sphere: the normals equal the positions.
  const normalOffset = positionBytes
  const indexOffset = positionBytes * 2
  const binLength = indexOffset + indexBytes
  const bin = new Uint8Array(binLength + pad4(binLength))
  bin.set(new Uint8Array(positions.buffer), 0)
  bin.set(new Uint8Array(positions.buffer), normalOffset)
  const binView = viewOf(bin)
  indices.forEach((index, position) => {
    if (wide) binView.setUint32(indexOffset + position * 4, index, true)
    else binView.setUint16(indexOffset + position * 2, index, true)
  })

  const random = seededRandom(seed)
  const colour = [random(), random(), random()].map(
    (value) => Math.round((0.3 + value * 0.6) * 1000) / 1000,
  )
  const gltf = {
    asset: { version: '2.0', generator },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name: 'model' }],
    meshes: [
      {
        name: 'model',
        primitives: [{ attributes: { POSITION: 0, NORMAL: 1 }, indices: 2, material: 0 }],
      },
    ],
    materials: [
      {
        name: 'surface',
        pbrMetallicRoughness: {
          baseColorFactor: [...colour, 1],
          metallicFactor: 0,
          roughnessFactor: 0.8,
        },
      },
    ],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: positionBytes, target: ARRAY_BUFFER },
      { buffer: 0, byteOffset: normalOffset, byteLength: positionBytes, target: ARRAY_BUFFER },
      { buffer: 0, byteOffset: indexOffset, byteLength: indexBytes, target: ELEMENT_ARRAY_BUFFER },
    ],
    accessors: [
      {
        bufferView: 0,
        componentType: FLOAT,
        count: vertexCount,
        type: 'VEC3',
        min: [-1, -1, -1],
        max: [1, 1, 1],
      },
      { bufferView: 1, componentType: FLOAT, count: vertexCount, type: 'VEC3' },
      {
        bufferView: 2,
        componentType: wide ? UNSIGNED_INT : UNSIGNED_SHORT,
        count: indices.length,
        type: 'SCALAR',
      },
    ],
  }
  const jsonBytes = new TextEncoder().encode(JSON.stringify(gltf))
  const jsonLength = jsonBytes.length + pad4(jsonBytes.length)
  const total = 12 + 8 + jsonLength + 8 + bin.length
  const out = new Uint8Array(total)
  const view = viewOf(out)
  view.setUint32(0, GLB_MAGIC, true)
  view.setUint32(4, 2, true)
  view.setUint32(8, total, true)
  view.setUint32(12, jsonLength, true)
  view.setUint32(16, CHUNK_JSON, true)
  out.set(jsonBytes, 20)
  out.fill(0x20, 20 + jsonBytes.length, 20 + jsonLength) // JSON is padded with spaces
  view.setUint32(20 + jsonLength, bin.length, true)
  view.setUint32(24 + jsonLength, CHUNK_BIN, true)
  out.set(bin, 28 + jsonLength)
  return out
}

export interface GlbInfo {
  version: number
  /** The parsed JSON chunk. */
  json: Record<string, unknown>
  binBytes: number
  /** Triangles of the first primitive (indices / 3). */
  triangles: number
}

/** Reads a GLB's header and chunks back; throws a `RangeError` if the structure is wrong. */
export function inspectGlb(bytes: Uint8Array): GlbInfo {
  if (bytes.length < 20) throw new RangeError('too short for a GLB')
  const view = viewOf(bytes)
  if (view.getUint32(0, true) !== GLB_MAGIC) throw new RangeError('missing the glTF magic')
  const version = view.getUint32(4, true)
  if (view.getUint32(8, true) !== bytes.length) throw new RangeError('length field does not match')
  const jsonLength = view.getUint32(12, true)
  if (view.getUint32(16, true) !== CHUNK_JSON) throw new RangeError('first chunk is not JSON')
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as Record<
    string,
    unknown
  >
  let binBytes = 0
  if (20 + jsonLength < bytes.length) {
    if (view.getUint32(24 + jsonLength, true) !== CHUNK_BIN)
      throw new RangeError('second chunk is not BIN')
    binBytes = view.getUint32(20 + jsonLength, true)
  }
  const accessors = (json.accessors ?? []) as { count: number; type: string }[]
  const indices = accessors.find((accessor) => accessor.type === 'SCALAR')
  return { version, json, binBytes, triangles: indices ? indices.count / 3 : 0 }
}
