/**
 * The document's `format: uri` fields. `z.url()` takes what a URL parser can repair (spaces,
 * non-ASCII characters, a second `#`), and the server may read such a URL otherwise than the
 * caller meant: these are refused, naming the field, so the caller percent-encodes them.
 */
import * as z from 'zod/mini'

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/

export const urlSchema: z.ZodMiniType<string, string> = /* @__PURE__ */ z
  .url()
  .check(
    /* @__PURE__ */ z.refine(
      (value: string) => PRINTABLE_ASCII.test(value) && value.split('#').length <= 2,
      'must be a URL without spaces or non-ASCII characters and with at most one #: percent-encode them',
    ),
  )
