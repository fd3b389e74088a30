/**
 * The shape of the emulator's reading of the Vision Studio API document (`./document.ts`,
 * written by `scripts/extract-vision-studio.ts`).
 */

/** A JSON Schema, as the document writes it (stripped of titles, descriptions and examples). */
export type JsonSchema = { [keyword: string]: unknown }

export interface DocumentParameter {
  name: string
  in: 'path' | 'query'
  /** The table's type: `string`, `integer`, `boolean`, ... */
  type: string
  /** The table's default, parsed (`False` is `false`); absent when the cell is empty. */
  default?: unknown
  required: boolean
  nullable: boolean
}

export interface DocumentEndpoint {
  method: string
  /** As the document writes it, `{param}` segments included. */
  path: string
  tag: string
  title: string
  /** The first paragraph of the description, for the rules read from its words. */
  summary: string
  /** The `Returns:` sentence of the description, when there is one. */
  returns?: string
  params: DocumentParameter[]
  body?: { contentType: 'application/json' | 'multipart/form-data'; schema: JsonSchema }
}

export interface VisionStudioDocument {
  endpoints: DocumentEndpoint[]
  /** Components named by `#/components/schemas/{name}`, as the `Schemas` section gives them. */
  components: Record<string, JsonSchema>
}
