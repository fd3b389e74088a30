/**
 * `aspect_ratio` for every model but Sora 2: the document lists "16:9", "9:16", "1:1" (default
 * "16:9") for the generate endpoint, which "starts a new video, image or music generation
 * task", and its model-family table adds no other values ("you only need to send prompt and,
 * optionally, aspect_ratio"). A task ratio outside the list is sent as the nearest listed one,
 * with an `adjusted-option` warning; text that is not a ratio is refused, naming the field.
 */
import { ValidationError, type Warning } from '@atelier/core'
import { adjustedOption } from '@atelier/core/driver'
import { ASPECT_RATIOS } from '../schemas'
import { PROVIDER_ID } from './gateway'

/** `width / height` of `W:H` with two whole numbers above zero; undefined for anything else. */
function ratioValue(text: string): number | undefined {
  const match = /^(\d+):(\d+)$/.exec(text)
  if (!match) return undefined
  const width = Number(match[1])
  const height = Number(match[2])
  return width > 0 && height > 0 ? width / height : undefined
}

/**
 * The listed ratio closest to `value`, compared on a log scale (2:1 is as far from 1:1 as 1:2).
 * 4:3 lies exactly between 16:9 and 1:1: a tie goes to the earlier of the list (16:9 before 1:1,
 * 9:16 before 1:1), so the picture keeps its orientation.
 */
function nearestListed(value: number): (typeof ASPECT_RATIOS)[number] {
  let best: (typeof ASPECT_RATIOS)[number] = ASPECT_RATIOS[0]
  let distance = Number.POSITIVE_INFINITY
  for (const candidate of ASPECT_RATIOS) {
    const gap = Math.abs(Math.log(ratioValue(candidate)! / value))
    // The margin keeps a tie a tie whatever the last bits of the logarithms.
    if (gap < distance - 1e-9) {
      best = candidate
      distance = gap
    }
  }
  return best
}

/**
 * The `aspect_ratio` to send for a task's `aspectRatio` (undefined when none was given): a
 * listed ratio as it is, any other ratio as the nearest listed one with a warning pushed onto
 * `warnings`. A value that cannot be read as a ratio (`0:9`, `16:0`, `wide`) is a
 * ValidationError at `aspectRatio`, before any request.
 */
export function gatewayAspectRatio(
  aspectRatio: string | undefined,
  warnings: Warning[],
): string | undefined {
  if (aspectRatio === undefined) return undefined
  if ((ASPECT_RATIOS as readonly string[]).includes(aspectRatio)) return aspectRatio
  const value = ratioValue(aspectRatio)
  if (value === undefined) {
    throw new ValidationError(
      [
        {
          path: ['aspectRatio'],
          message: `"${aspectRatio}" is not a width:height ratio; the gateway takes ${ASPECT_RATIOS.join(', ')}`,
          rule: 'invalid_format',
        },
      ],
      { provider: PROVIDER_ID },
    )
  }
  const chosen = nearestListed(value)
  warnings.push(
    adjustedOption(
      'aspectRatio',
      `${aspectRatio} is not offered by the gateway (it takes ${ASPECT_RATIOS.join(', ')}); ${chosen} is the nearest`,
    ),
  )
  return chosen
}
