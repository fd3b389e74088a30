/**
 * How the hostile-input tests call one endpoint through a driver's typed client: which path
 * parameters, body and query it takes (as schemas, to generate from), and how to invoke the
 * client method so that its request really leaves (lazy files are read, streams iterated).
 * From that, arbitraries of valid calls and of calls broken in one place.
 */
import fc from 'fast-check'
import {
  HOSTILE_STRINGS,
  invalidArbitrary,
  validArbitrary,
  type ZodSchemaLike,
} from './arbitraries'

/** The arguments of one call, before the method's own layout. */
export interface CallArguments {
  /** Path parameters by the name the endpoint's template gives them. */
  params: Record<string, unknown>
  body?: unknown
  query?: unknown
}

export interface EndpointCall<Client> {
  /** `METHOD /template`, exactly as the driver's endpoints table writes it. */
  endpoint: string
  /** The body (JSON or multipart form) schema; a function when it depends on a parameter (the model). */
  body?: ZodSchemaLike | ((params: Record<string, unknown>) => ZodSchemaLike)
  /** The query schema, when the method takes query options. */
  query?: ZodSchemaLike
  /**
   * The method takes the query's fields as arguments of their own (`forModel(model)`), not the
   * query as one object: only its fields are broken, since no call can pass a query that is not
   * an object.
   */
  queryFields?: boolean
  /**
   * One schema for all parameters (path and query) as an object, when the client validates them
   * together: parameters are then generated from it and broken like a body.
   */
  paramsSchema?: ZodSchemaLike
  /**
   * The schema of single parameters, when the client validates each by its own schema: valid
   * values are generated from it and bad ones broken from it.
   */
  paramSchemas?: Record<string, ZodSchemaLike>
  /** Valid values of a parameter, when not "any path id". */
  paramValues?: Record<string, fc.Arbitrary<unknown>>
  /** Invalid values of a parameter, when not the default list. */
  badParamValues?: Record<string, readonly unknown[]>
  /** Calls the client method and reads what it answers, so the request is sent. */
  invoke(client: Client, args: CallArguments): Promise<unknown>
}

/** A call broken in one place, and the issue path that must name it. */
export interface BrokenCall {
  args: CallArguments
  path: (string | number)[]
  breakage: string
}

/** Names of the `{param}`s of a template, in order. */
export function templateParams(endpoint: string): string[] {
  return [...endpoint.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!)
}

/**
 * A path id as a user or a stored job ref may hold it: ordinary ids, ids with `/`, `?`, `#`,
 * `%`, spaces, NUL, non-Latin text and emoji — each must end up as exactly one path segment.
 */
export const pathIdArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
    fc.constantFrom(
      ...HOSTILE_STRINGS.filter((text) => !['', '.', '..', '%2e%2e'].includes(text)),
      'a/b',
      '../admin',
      'x?delete=1',
      'x#frag',
      '%2F',
      '100%',
      'tâche 1/ä',
      '...',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  )
  .filter((text) => text.length > 0 && !/^(?:\.|%2e){1,2}$/i.test(text))

/**
 * Values no path parameter may take. Numbers are not among them: the core path builder takes
 * finite numbers as ids (`/items/42`); clients whose ids are strings only add them
 * (`BAD_STRING_IDS`).
 */
export const BAD_PATH_IDS: readonly unknown[] = [
  '',
  '.',
  '..',
  '%2e',
  '%2E%2e',
  '.%2E',
  // Lone surrogates: JS strings that no URL can carry (`encodeURIComponent` throws on them).
  '\ud800',
  'a\udfffb',
  null,
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  { id: 'x' },
  ['x'],
]

/** Bad values of parameters a client's schema types as strings. */
export const BAD_STRING_IDS: readonly unknown[] = [...BAD_PATH_IDS, 42, 0]

/** The same bad values for every parameter of `endpoint`. */
export function badValuesForAll(
  endpoint: string,
  values: readonly unknown[],
): Record<string, readonly unknown[]> {
  return Object.fromEntries(templateParams(endpoint).map((name) => [name, values]))
}

function bodySchemaOf<Client>(
  call: EndpointCall<Client>,
  params: Record<string, unknown>,
): ZodSchemaLike | undefined {
  return typeof call.body === 'function' ? call.body(params) : call.body
}

function paramsArbitrary<Client>(
  call: EndpointCall<Client>,
): fc.Arbitrary<Record<string, unknown>> {
  if (call.paramsSchema)
    return validArbitrary(call.paramsSchema) as fc.Arbitrary<Record<string, unknown>>
  const names = templateParams(call.endpoint)
  return fc.record(
    Object.fromEntries(
      names.map((name) => {
        const schema = call.paramSchemas?.[name]
        return [
          name,
          call.paramValues?.[name] ?? (schema ? validArbitrary(schema) : pathIdArbitrary),
        ]
      }),
    ),
  )
}

/** Valid arguments of `call`. */
export function validCall<Client>(call: EndpointCall<Client>): fc.Arbitrary<CallArguments> {
  return paramsArbitrary(call).chain((params) => {
    const body = bodySchemaOf(call, params)
    return fc.record({
      params: fc.constant(params),
      body: body ? validArbitrary(body) : fc.constant(undefined),
      query: call.query ? validArbitrary(call.query) : fc.constant(undefined),
    })
  })
}

/** Arguments of `call` broken in one place: a parameter, the body or the query. */
export function brokenCall<Client>(call: EndpointCall<Client>): fc.Arbitrary<BrokenCall> {
  const names = call.paramsSchema ? [] : templateParams(call.endpoint)
  return validCall(call).chain((valid) => {
    const targets: fc.Arbitrary<BrokenCall>[] = names.map((name) => {
      const schema = call.paramSchemas?.[name]
      if (schema)
        return invalidArbitrary(schema).map((broken) => ({
          args: { ...valid, params: { ...valid.params, [name]: broken.value } },
          path: [name, ...broken.path],
          breakage: `parameter ${name}: ${broken.breakage} (${describe(broken.value)})`,
        }))
      return fc.constantFrom(...(call.badParamValues?.[name] ?? BAD_PATH_IDS)).map((bad) => ({
        args: { ...valid, params: { ...valid.params, [name]: bad } },
        path: [name],
        breakage: `parameter ${name} = ${describe(bad)}`,
      }))
    })
    if (call.paramsSchema)
      targets.push(
        invalidArbitrary(call.paramsSchema).map((broken) => ({
          args: { ...valid, params: broken.value as Record<string, unknown> },
          // Clients read absent (null) parameters as none given: the first path parameter is
          // then the one missing.
          path:
            broken.path.length === 0 && broken.value == null
              ? templateParams(call.endpoint).slice(0, 1)
              : broken.path,
          breakage: `parameters: ${broken.breakage}`,
        })),
      )
    const body = bodySchemaOf(call, valid.params)
    if (body)
      targets.push(
        invalidArbitrary(body).map((broken) => ({
          args: { ...valid, body: broken.value },
          path: broken.path,
          breakage: `body: ${broken.breakage}`,
        })),
      )
    if (call.query)
      targets.push(
        invalidArbitrary(call.query)
          .filter((broken) => !call.queryFields || broken.path.length > 0)
          .map((broken) => ({
            args: { ...valid, query: broken.value },
            path: broken.path,
            breakage: `query: ${broken.breakage}`,
          })),
      )
    if (targets.length === 0) throw new Error(`${call.endpoint} takes nothing that can be broken`)
    return fc.oneof(...targets)
  })
}

/** True when `call` takes arguments at all (a parameter, a body or a query). */
export function takesArguments<Client>(call: EndpointCall<Client>): boolean {
  return (
    templateParams(call.endpoint).length > 0 ||
    call.paramsSchema !== undefined ||
    call.body !== undefined ||
    call.query !== undefined
  )
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/**
 * Checks a recorded request path against the template: same literal segments, and each
 * parameter exactly one segment that decodes to the value given.
 */
export function matchesTemplate(
  pathname: string,
  endpoint: string,
  params: Record<string, unknown>,
  basePath = '',
): boolean {
  const template = endpoint.slice(endpoint.indexOf(' ') + 1)
  if (!pathname.startsWith(basePath)) return false
  const actual = pathname.slice(basePath.length).split('/')
  const expected = template.split('/')
  if (actual.length !== expected.length) return false
  return expected.every((segment, index) => {
    const got = actual[index]!
    const param = /^\{([^}]+)\}$/.exec(segment)?.[1]
    if (param === undefined) return got === segment
    try {
      return decodeURIComponent(got) === String(params[param])
    } catch {
      return false
    }
  })
}

/** Reads a client answer to its end, so lazy files and streams send their request. */
export async function drain(value: unknown): Promise<void> {
  if (value && typeof value === 'object') {
    if (Symbol.asyncIterator in value) {
      for await (const _ of value as AsyncIterable<unknown>) {
        // Reading is what sends the request; the events themselves do not matter here.
      }
      return
    }
    if (value instanceof ReadableStream) {
      await value.cancel()
      return
    }
    const bytes = (value as { bytes?: unknown }).bytes
    if (typeof bytes === 'function' && 'mediaType' in value)
      await (bytes as () => Promise<unknown>).call(value)
  }
}
