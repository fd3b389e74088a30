/**
 * The pictures the image and video encoders draw. Both are deterministic functions of the
 * size and a seed, and clearly visible when a human opens the file: a diagonal two-colour
 * gradient overlaid with a checkerboard, and a symmetric pixel-art sprite on a transparent
 * background (what an image model's "remove background" output looks like).
 *
 * Painters return packed integers instead of objects so that painting a few million
 * pixels allocates nothing.
 */

import { seededRandom } from './random'

/** Paints one pixel; returns `0xRRGGBB`. */
export type RgbPainter = (x: number, y: number) => number

/** Paints one pixel; returns `0xRRGGBBAA` as an unsigned integer. */
export type RgbaPainter = (x: number, y: number) => number

interface Rgb {
  r: number
  g: number
  b: number
}

function hsv(hue: number, saturation: number, value: number): Rgb {
  const h = (((hue % 1) + 1) % 1) * 6
  const sector = Math.floor(h)
  const f = h - sector
  const p = value * (1 - saturation)
  const q = value * (1 - saturation * f)
  const t = value * (1 - saturation * (1 - f))
  const [r, g, b] =
    sector === 0
      ? [value, t, p]
      : sector === 1
        ? [q, value, p]
        : sector === 2
          ? [p, value, t]
          : sector === 3
            ? [p, q, value]
            : sector === 4
              ? [t, p, value]
              : [value, p, q]
  return { r: r * 255, g: g * 255, b: b * 255 }
}

const clampByte = (value: number): number =>
  value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value)

/**
 * The opaque background picture: a diagonal gradient between two seed-chosen colours,
 * with every other checker cell darkened. Cells are an eighth of the shorter side, so the
 * pattern reads the same at 8x8 and at 4K.
 */
export function gradientPainter(width: number, height: number, seed: number): RgbPainter {
  const random = seededRandom(seed)
  const hue = random()
  const from = hsv(hue, 0.65, 0.95)
  const to = hsv(hue + 0.35 + random() * 0.3, 0.75, 0.55)
  const cell = Math.max(1, Math.floor(Math.min(width, height) / 8))
  const sx = width > 1 ? 0.5 / (width - 1) : 0
  const sy = height > 1 ? 0.5 / (height - 1) : 0
  return (x, y) => {
    const t = x * sx + y * sy
    const shade = ((Math.floor(x / cell) + Math.floor(y / cell)) & 1) === 0 ? 1 : 0.8
    const r = clampByte((from.r + (to.r - from.r) * t) * shade)
    const g = clampByte((from.g + (to.g - from.g) * t) * shade)
    const b = clampByte((from.b + (to.b - from.b) * t) * shade)
    return (r << 16) | (g << 8) | b
  }
}

// The sprite is drawn on a 16x16 grid of cells scaled to the image, like pixel art.
const GRID = 16
const EMPTY = 0
const OUTLINE = 1
const BODY = 2

/**
 * A left-right symmetric sprite (in the spirit of identicons) on a fully transparent
 * background: body cells shaded top to bottom, a dark one-cell outline, and alpha 0
 * everywhere else. The centre cells are always filled so no seed yields an empty image.
 */
export function spritePainter(width: number, height: number, seed: number): RgbaPainter {
  const random = seededRandom(seed)
  const hue = random()
  const cells = new Uint8Array(GRID * GRID)
  // Leave a two-cell margin so the outline never touches the image edge.
  for (let cy = 2; cy < GRID - 2; cy++) {
    for (let cx = 2; cx < GRID / 2; cx++) {
      if (random() < 0.55) {
        cells[cy * GRID + cx] = BODY
        cells[cy * GRID + (GRID - 1 - cx)] = BODY
      }
    }
  }
  for (let cy = 6; cy < 10; cy++) {
    for (let cx = 6; cx < 10; cx++) cells[cy * GRID + cx] = BODY
  }
  for (let cy = 0; cy < GRID; cy++) {
    for (let cx = 0; cx < GRID; cx++) {
      if (cells[cy * GRID + cx] !== EMPTY) continue
      const touches =
        (cx > 0 && cells[cy * GRID + cx - 1] === BODY) ||
        (cx < GRID - 1 && cells[cy * GRID + cx + 1] === BODY) ||
        (cy > 0 && cells[(cy - 1) * GRID + cx] === BODY) ||
        (cy < GRID - 1 && cells[(cy + 1) * GRID + cx] === BODY)
      if (touches) cells[cy * GRID + cx] = OUTLINE
    }
  }
  const rows = new Uint32Array(GRID)
  for (let cy = 0; cy < GRID; cy++) {
    const { r, g, b } = hsv(hue, 0.7, 0.95 - (cy / GRID) * 0.35)
    rows[cy] = ((clampByte(r) << 24) | (clampByte(g) << 16) | (clampByte(b) << 8) | 0xff) >>> 0
  }
  const dark = hsv(hue, 0.6, 0.18)
  const outline =
    ((clampByte(dark.r) << 24) | (clampByte(dark.g) << 16) | (clampByte(dark.b) << 8) | 0xff) >>> 0
  return (x, y) => {
    // Sample each cell at the pixel centre so images smaller than the grid still work.
    const cx = Math.min(GRID - 1, Math.floor(((x + 0.5) * GRID) / width))
    const cy = Math.min(GRID - 1, Math.floor(((y + 0.5) * GRID) / height))
    const kind = cells[cy * GRID + cx]
    return kind === BODY ? rows[cy]! : kind === OUTLINE ? outline : 0
  }
}
