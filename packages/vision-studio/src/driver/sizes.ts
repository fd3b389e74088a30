/**
 * Sizes and aspect ratios: the task's `size` or `aspectRatio` matched to what an endpoint
 * takes, with an `adjusted-option` warning whenever the match is not exact.
 */
import type { Size, Warning } from '@atelier/core'
import { adjustedOption } from '@atelier/core/driver'

const ratioOf = (text: string): number | undefined => {
  const match = /^(\d+):(\d+)$/.exec(text)
  return match && Number(match[2]) > 0 ? Number(match[1]) / Number(match[2]) : undefined
}

/** The ratio among `allowed` closest to `width / height` (compared on a log scale). */
export function nearestRatio(target: number, allowed: readonly string[]): string {
  let best = allowed[0]!
  let distance = Number.POSITIVE_INFINITY
  for (const candidate of allowed) {
    const value = ratioOf(candidate)
    if (value === undefined) continue
    const gap = Math.abs(Math.log(value / target))
    if (gap < distance) {
      best = candidate
      distance = gap
    }
  }
  return best
}

/**
 * The endpoint's aspect ratio for a task's `size` or `aspectRatio` (undefined when neither
 * is given). Sizes become the nearest ratio, always with a warning (the provider picks the
 * pixels); ratios outside `allowed` become the nearest allowed one, with a warning.
 * `labels` maps a width:height ratio to the value the endpoint names it by, where the API
 * document labels shapes otherwise (GPT Image); warnings then name both.
 */
export function aspectRatioFor(
  input: { size?: Size | undefined; aspectRatio?: string | undefined },
  allowed: readonly string[],
  warnings: Warning[],
  labels: Readonly<Record<string, string>> = {},
): string | undefined {
  const label = (ratio: string) => labels[ratio] ?? ratio
  const sentAs = (ratio: string) =>
    label(ratio) === ratio ? '' : ` (sent as the label ${label(ratio)})`
  if (input.size) {
    const chosen = nearestRatio(input.size.width / input.size.height, allowed)
    warnings.push(
      adjustedOption(
        'size',
        `this endpoint takes an aspect ratio, not pixels: ${input.size.width}x${input.size.height} became ${chosen}${sentAs(chosen)}`,
      ),
    )
    return label(chosen)
  }
  if (input.aspectRatio === undefined) return undefined
  if (allowed.includes(input.aspectRatio)) return label(input.aspectRatio)
  const ratio = ratioOf(input.aspectRatio)!
  const chosen = nearestRatio(ratio, allowed)
  warnings.push(
    adjustedOption(
      'aspectRatio',
      `${input.aspectRatio} is not offered here; ${chosen} is the nearest${sentAs(chosen)}`,
    ),
  )
  return label(chosen)
}

/** The value among `allowed` nearest to `value`, with a warning when it differs. */
export function nearestValue(
  value: number,
  allowed: readonly number[],
  option: string,
  warnings: Warning[],
): number {
  const chosen = allowed.reduce((best, candidate) =>
    Math.abs(candidate - value) < Math.abs(best - value) ? candidate : best,
  )
  if (chosen !== value) {
    warnings.push(
      adjustedOption(
        option,
        `${value} is not offered here; ${chosen} is the nearest (${allowed.join(' or ')})`,
      ),
    )
  }
  return chosen
}

/** A pixel size for `W:H` with the long side `long`, in multiples of 8. */
export function sizeForRatio(ratio: string, long: number): Size {
  const value = ratioOf(ratio) ?? 1
  const width = value >= 1 ? long : Math.round((long * value) / 8) * 8
  const height = value >= 1 ? Math.round(long / value / 8) * 8 : long
  return { width, height }
}

/**
 * Runway writes output sizes as pixel ratios (`1920:1080`), and the API document lists only a
 * few: `shapes` maps each shape to its listed size. Anything else becomes the nearest listed
 * size, with a warning; a `size` that is exactly a listed one is sent without.
 */
export function pixelRatioFor(
  input: { size?: Size | undefined; aspectRatio?: string | undefined },
  shapes: Readonly<Record<string, string>>,
  warnings: Warning[],
): string | undefined {
  const listed = Object.values(shapes)
  if (input.size) {
    const asked = `${input.size.width}:${input.size.height}`
    if (listed.includes(asked)) return asked
    const chosen = nearestRatio(input.size.width / input.size.height, listed)
    warnings.push(
      adjustedOption(
        'size',
        `Runway makes the sizes the document lists: ${input.size.width}x${input.size.height} became ${chosen}`,
      ),
    )
    return chosen
  }
  if (input.aspectRatio === undefined) return undefined
  const mapped = shapes[input.aspectRatio]
  if (mapped) return mapped
  const ratio = ratioOf(input.aspectRatio)!
  const chosen = nearestRatio(ratio, Object.keys(shapes))
  warnings.push(
    adjustedOption(
      'aspectRatio',
      `${input.aspectRatio} is not offered here; ${chosen} (${shapes[chosen]}) is the nearest`,
    ),
  )
  return shapes[chosen]
}
