/**
 * Validation messages. The generated schemas carry none (zod/mini has no messages of its own,
 * and strings in every schema would weigh on bundles): each issue is worded from its code and
 * limits when it is reported — by the client, and by the emulator in its 422 details.
 */
import type * as z from 'zod/mini'

const TYPES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
}

const count = (value: unknown, word: string) => `${value} ${word}${Number(value) === 1 ? '' : 's'}`

/** What the value must be, e.g. `a string`, `at most 4`, `one of "a", "b"`. */
function expectation(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return TYPES[issue.expected] ?? issue.expected
    case 'too_small':
      if (issue.origin === 'string') return `at least ${count(issue.minimum, 'character')}`
      if (issue.origin === 'array' || issue.origin === 'set') return undefined
      return issue.inclusive ? `at least ${issue.minimum}` : `greater than ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `at most ${count(issue.maximum, 'character')}`
      if (issue.origin === 'array' || issue.origin === 'set') return undefined
      return issue.inclusive ? `at most ${issue.maximum}` : `less than ${issue.maximum}`
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value))
      return values.length === 1 ? values[0] : `one of ${values.join(', ')}`
    }
    case 'invalid_format':
      return issue.format === 'url' ? 'a URL' : `a valid ${issue.format}`
    case 'invalid_union': {
      const options = issue.errors
        .map((branch) => (branch[0] ? expectation(branch[0]) : undefined))
        .filter((text): text is string => text !== undefined)
      return options.length ? [...new Set(options)].join(' or ') : undefined
    }
    default:
      return undefined
  }
}

/** A readable message for a zod issue: the schema's own message when it has one, else one from its code. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message
  if (issue.code === 'too_small' && (issue.origin === 'array' || issue.origin === 'set')) {
    return `must have at least ${count(issue.minimum, 'item')}`
  }
  if (issue.code === 'too_big' && (issue.origin === 'array' || issue.origin === 'set')) {
    return `must have at most ${count(issue.maximum, 'item')}`
  }
  if (issue.code === 'unrecognized_keys')
    return 'is not a field of this endpoint in the API document'
  const expected = expectation(issue)
  return expected ? `must be ${expected}` : 'is invalid'
}
