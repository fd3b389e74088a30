/**
 * Valid media files of any requested size, and inspectors that read them back. Pure
 * TypeScript on web-standard APIs (Uint8Array, DataView, ReadableStream), so the same
 * code serves fake media from Node, browsers and edge runtimes. Encoders return arrays
 * backed by a plain `ArrayBuffer`, so they can be passed to `Response` or `Blob` as is.
 */

export { adler32 } from './adler32'
export { crc32 } from './crc32'
export { encodeFlac, type FlacOptions } from './flac'
export { encodeGlb, type GlbInfo, type GlbOptions, inspectGlb } from './glb'
export {
  inspectJpeg,
  inspectMp4,
  inspectPng,
  inspectWav,
  type JpegInfo,
  MediaFormatError,
  type MediaKind,
  type Mp4Info,
  type PngInfo,
  type SniffedMediaType,
  sniffMediaType,
  type WavInfo,
} from './inspect'
export { encodeJpeg, type JpegOptions } from './jpeg'
export { encodeMp3, type Mp3Options } from './mp3'
export { encodeMp4, type Mp4Options, type Mp4StreamOptions, mp4Size, streamMp4 } from './mp4'
export { encodePng, type PngOptions } from './png'
export {
  encodeWav,
  WAV_HEADER_BYTES,
  type WavHeaderOptions,
  type WavOptions,
  wavHeader,
} from './wav'
export { writeZip, zipEntries } from './zip'
