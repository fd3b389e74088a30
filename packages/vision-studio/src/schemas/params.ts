/**
 * Path parameters. An id is one path segment: the client encodes `/`, `?`, `#` and `%`, and
 * refuses empty and dot segments, so an id from storage cannot change the endpoint called.
 */
import * as z from 'zod/mini'

/** A path id: the document types them as strings; LoRA ids are integers in bodies, so both are taken. */
export type PathSegment = string | number

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i

/** Schema of a `string` path parameter (a non-empty id other than `.`/`..`, or an integer). */
export const pathSegmentSchema: z.ZodMiniType<PathSegment, PathSegment> = /* @__PURE__ */ z.union(
  [
    /* @__PURE__ */ z.string().check(
      /* @__PURE__ */ z.minLength(1, 'must not be empty'),
      /* @__PURE__ */ z.refine((value) => !DOT_SEGMENT.test(value), 'must not be "." or ".."'),
    ),
    /* @__PURE__ */ z.int(),
  ],
  'must be an id (a non-empty string or an integer)',
)

/** Schema of an `integer` path parameter. */
export const pathIntegerSchema: z.ZodMiniType<number, number> = /* @__PURE__ */ z
  .int('must be an integer')
  .check(/* @__PURE__ */ z.gte(0, 'must be at least 0'))
