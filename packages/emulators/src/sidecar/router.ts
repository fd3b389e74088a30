/**
 * Method + path matching for the sidecar emulator. Routes are written the way the API document
 * writes them (`/actors/{name}/audio/{file_id}`); a literal segment always beats a parameter, so
 * `GET /video/history` is never mistaken for a `{job_id}` and `DELETE /tts/history` stays apart
 * from `DELETE /tts/history/{entry_id}`.
 */

export type RouteParams = Record<string, string>

export type RouteHandler = (request: Request, params: RouteParams) => Promise<Response>

export interface Route {
  method: string
  /** Path with `{param}` placeholders, exactly as in the API document. */
  pattern: string
  handle: RouteHandler
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: RouteParams }
  /** The path exists, but not for this method (FastAPI answers 405). */
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' }

type Segment = { literal: string } | { param: string }

interface CompiledRoute {
  route: Route
  segments: Segment[]
  /** Literal segments count more than parameters when two routes match the same path. */
  specificity: number
}

const splitPath = (path: string): string[] => path.split('/').filter((segment) => segment !== '')

function compile(route: Route): CompiledRoute {
  const segments = splitPath(route.pattern).map((segment): Segment => {
    const param = /^\{(\w+)\}$/.exec(segment)
    return param ? { param: param[1]! } : { literal: segment }
  })
  const specificity = segments.reduce(
    (score, segment, index) => score + ('literal' in segment ? 2 ** (segments.length - index) : 0),
    0,
  )
  return { route, segments, specificity }
}

function matchSegments(route: CompiledRoute, parts: string[]): RouteParams | undefined {
  if (route.segments.length !== parts.length) return undefined
  const params: RouteParams = {}
  for (const [index, segment] of route.segments.entries()) {
    const part = parts[index]!
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined
    } else {
      try {
        params[segment.param] = decodeURIComponent(part)
      } catch {
        return undefined
      }
    }
  }
  return params
}

/** A route table: add routes, then `match(method, pathname)`. */
export class Router {
  private readonly compiled: CompiledRoute[] = []

  add(method: string, pattern: string, handle: RouteHandler): this {
    this.compiled.push(compile({ method: method.toUpperCase(), pattern, handle }))
    this.compiled.sort((a, b) => b.specificity - a.specificity)
    return this
  }

  /** Every registered route, in registration-independent order (most specific first). */
  routes(): Route[] {
    return this.compiled.map((compiled) => compiled.route)
  }

  match(method: string, pathname: string): RouteMatch {
    const parts = splitPath(pathname)
    const allowed: string[] = []
    for (const compiled of this.compiled) {
      const params = matchSegments(compiled, parts)
      if (params === undefined) continue
      if (compiled.route.method === method.toUpperCase()) {
        return { kind: 'found', route: compiled.route, params }
      }
      allowed.push(compiled.route.method)
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' }
  }
}
