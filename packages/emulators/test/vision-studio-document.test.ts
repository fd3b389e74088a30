/**
 * `src/vision-studio/document.ts` is what `scripts/extract-vision-studio.ts` reads from seed
 * 003 today: run against the seed beside the repository (skipped only when it is absent), the
 * extractor must give exactly the committed endpoints and components.
 */
import { describe, expect, it } from 'vitest'
import { seedText } from '../../../fixtures/seeds/index'
import { extractVisionStudio } from '../scripts/extract-vision-studio'
import { DOCUMENT_COMPONENTS, DOCUMENT_ENDPOINTS } from '../src/vision-studio/document'

const seed = seedText('003')

describe("the emulator's reading of the Vision Studio document", () => {
  it.skipIf(seed === undefined)('is current: the extractor gives what document.ts holds', () => {
    const document = extractVisionStudio(seed!)
    expect(DOCUMENT_ENDPOINTS).toEqual(document.endpoints)
    expect(DOCUMENT_COMPONENTS).toEqual(document.components)
  })

  it.skipIf(seed === undefined)('reads parameters, bodies and components as written', () => {
    const document = extractVisionStudio(seed!)
    const find = (method: string, path: string) =>
      document.endpoints.find((endpoint) => endpoint.method === method && endpoint.path === path)!
    expect(find('GET', '/api/v1/bria-lora/projects/{project_id}/datasets').params).toEqual([
      {
        name: 'include_models',
        in: 'query',
        type: 'boolean',
        default: false,
        required: false,
        nullable: false,
      },
      {
        name: 'include_models_ids',
        in: 'query',
        type: 'boolean',
        default: false,
        required: false,
        nullable: false,
      },
      { name: 'project_id', in: 'path', type: 'string', required: true, nullable: false },
    ])
    expect(find('POST', '/api/v1/firefly/upload').body).toEqual({
      contentType: 'multipart/form-data',
      schema: {
        type: 'object',
        properties: { file: { type: 'string', format: 'binary' } },
        required: ['file'],
      },
    })
    const enhance = find('POST', '/api/v1/prompt/enhance-prompt')
    expect(enhance).toMatchObject({ tag: 'Prompt Enhancement', title: 'Enhance Prompt' })
    expect(enhance.body?.schema.properties).toEqual({
      prompt: { type: 'string', minLength: 3 },
      temperature: { type: 'number', maximum: 2, minimum: 0, default: 0.7 },
      model_provider: { $ref: '#/components/schemas/LlmProvider', default: 'openai' },
    })
    // Enumerations are named only by type; object tables by their fields' types.
    expect(document.components.LlmProvider).toEqual({ type: 'string' })
    expect(document.components.SizeImagesAsyncModel).toEqual({
      type: 'object',
      properties: { height: { type: 'integer' }, width: { type: 'integer' } },
    })
  })
})
