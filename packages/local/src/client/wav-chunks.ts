/**
 * Framing of the sidecar's streamed speech. `/tts/stream` (and `/tts/maya/stream`) do not send
 * one WAV file that grows: they send a run of complete WAV files, one RIFF header per
 * synthesised chunk (sentence), back to back. Played as one file, only the first chunk is heard.
 *
 * `wavChunks` re-frames the byte stream so each chunk it yields is exactly one complete WAV
 * file, ready for a player or a decoder, as soon as its last byte has arrived. Bytes are copied
 * once into the chunk they belong to; nothing else is kept.
 */
import { ResponseShapeError } from '@atelier/core'
import { PROVIDER } from './transport'

const RIFF = [0x52, 0x49, 0x46, 0x46] // "RIFF"
const WAVE = [0x57, 0x41, 0x56, 0x45] // "WAVE"

function startsWith(bytes: Uint8Array, at: number, tag: number[]): boolean {
  return tag.every((byte, index) => bytes[at + index] === byte)
}

/** Where the next WAV file starts after `from`, or -1 (a RIFF header: "RIFF", size, "WAVE"). */
function nextHeader(bytes: Uint8Array, from: number): number {
  for (let at = from; at + 12 <= bytes.length; at++) {
    if (startsWith(bytes, at, RIFF) && startsWith(bytes, at + 8, WAVE)) return at
  }
  return -1
}

/**
 * The length of the WAV file at the start of `bytes`, when its header says (the RIFF size);
 * undefined when the size is a streaming placeholder (0 or 0xFFFFFFFF), so the file ends
 * where the next header starts.
 */
function declaredLength(bytes: Uint8Array): number | undefined {
  const size = new DataView(bytes.buffer, bytes.byteOffset + 4, 4).getUint32(0, true)
  if (size < 4 || size === 0xffffffff) return undefined
  return size + 8
}

/** Splits a stream of back-to-back WAV files into one chunk per complete file. */
export function wavChunks(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let pending = new Uint8Array(0)
  const append = (chunk: Uint8Array) => {
    const joined = new Uint8Array(pending.length + chunk.length)
    joined.set(pending)
    joined.set(chunk, pending.length)
    pending = joined
  }
  const notWav = () =>
    new ResponseShapeError(`${PROVIDER}: the speech stream is not a run of WAV files`, {
      provider: PROVIDER,
      // The answer itself was a 200; its body is what broke the contract.
      status: 200,
    })
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        append(chunk)
        // Four bytes tell a WAV from anything else: fail then, not when the server hangs up.
        if (pending.length >= 4 && !startsWith(pending, 0, RIFF)) throw notWav()
        while (pending.length >= 12) {
          if (!(startsWith(pending, 0, RIFF) && startsWith(pending, 8, WAVE))) throw notWav()
          let end = declaredLength(pending)
          if (end === undefined) {
            const next = nextHeader(pending, 12)
            if (next < 0) return
            end = next
          }
          if (pending.length < end) return
          controller.enqueue(pending.slice(0, end))
          pending = pending.slice(end)
        }
      },
      flush(controller) {
        if (pending.length === 0) return
        if (pending.length < 12 || !startsWith(pending, 0, RIFF)) throw notWav()
        const end = declaredLength(pending)
        if (end !== undefined && pending.length < end) {
          throw new ResponseShapeError(`${PROVIDER}: the speech stream ended inside a WAV file`, {
            provider: PROVIDER,
            status: 200,
          })
        }
        controller.enqueue(pending)
      },
    }),
  )
}
