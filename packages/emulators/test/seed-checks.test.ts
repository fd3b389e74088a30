/**
 * The helpers the seed-example tests share (`fixtures/seeds/checks.ts`, `wire.ts` and
 * `exampleNamed`): each passes what matches and names what does not, so a test built on them
 * can fail.
 */
import { describe, expect, it } from 'vitest'
import { copyProblems, shapeProblems, strictJson } from '../../../fixtures/seeds/checks'
import { checkCopied, exampleNamed, type SeedExample } from '../../../fixtures/seeds/index'
import { recordingFetch } from '../../../fixtures/seeds/wire'

const printedImage = {
  success: true,
  data: { images: [{ data: '<base64_encoded_image>', mimeType: 'image/png' }], n: 1 },
}

describe('shapeProblems', () => {
  it('passes an answer with every key path of the example, of the same type, whatever the values', () => {
    const answer = {
      success: false,
      data: { images: [{ data: 'AAAA', mimeType: 'image/webp', width: 64 }], n: 4, extra: {} },
    }
    expect(shapeProblems(printedImage, answer)).toEqual([])
  })

  it('names a key the answer lacks', () => {
    const answer = { success: true, data: { images: [{ data: 'AAAA' }], n: 1 } }
    expect(shapeProblems(printedImage, answer)).toEqual([
      '$.data.images[0].mimeType: missing from the answer',
    ])
  })

  it('names a value of another JSON type, null and arrays told apart from objects', () => {
    const answer = { success: 'true', data: { images: {}, n: null } }
    expect(shapeProblems(printedImage, answer)).toEqual([
      '$.success: boolean in the example, string in the answer',
      '$.data.images: array in the example, object in the answer',
      '$.data.n: number in the example, null in the answer',
    ])
    expect(shapeProblems({ a: 1 }, [1])).toEqual(['$: object in the example, array in the answer'])
  })

  it('names extra nesting: an object where the example has a plain value, or a value a level down', () => {
    expect(shapeProblems({ video_url: 'https://...' }, { video_url: { url: 'x' } })).toEqual([
      '$.video_url: string in the example, object in the answer',
    ])
    expect(shapeProblems({ task_id: 'id' }, { data: { task_id: 'id' } })).toEqual([
      '$.task_id: missing from the answer',
    ])
  })

  it('needs items in the answer where the example prints some; an empty example list needs none', () => {
    expect(shapeProblems({ words: [{ text: 'a' }] }, { words: [] })).toEqual([
      '$.words: items in the example, none in the answer',
    ])
    expect(shapeProblems({ words: [] }, { words: [] })).toEqual([])
    expect(shapeProblems({ words: [] }, { words: [1, 'two'] })).toEqual([])
  })

  it('by default finds every item of the example in some item of the answer', () => {
    const words = {
      words: [
        { text: 'Hello,', type: 'word', speakerId: 'speaker_0' },
        { text: '(laughter)', type: 'audio_event' },
      ],
    }
    // Items of another kind may sit beside them, in any order.
    const answer = {
      words: [
        { text: '(applause)', type: 'audio_event' },
        { text: 'Hi', type: 'word', speakerId: 'speaker_1', start: 0 },
      ],
    }
    expect(shapeProblems(words, answer)).toEqual([])
    // The example's word has no match: the problems of the closest item are named.
    const withoutSpeakers = {
      words: [{ type: 'audio_event' }, { text: 'Hi', type: 'word', speakerId: 1 }],
    }
    expect(shapeProblems(words, withoutSpeakers)).toEqual([
      '$.words[1].speakerId: string in the example, number in the answer',
    ])
    expect(shapeProblems(words, { words: [{ text: 'Hi', type: 'word' }] })).toEqual([
      '$.words[0].speakerId: missing from the answer',
    ])
  })

  it("holds only the first items with `items: 'first'`", () => {
    const example = { entries: [{ id: 'a', duration_seconds: 1.5 }] }
    const answer = { entries: [{ id: 'b', duration_seconds: 2 }, { id: 3 }] }
    expect(shapeProblems(example, answer, { items: 'first' })).toEqual([])
    expect(shapeProblems(example, { entries: [{ id: 3 }] }, { items: 'first' })).toEqual([
      '$.entries[0].id: string in the example, number in the answer',
      '$.entries[0].duration_seconds: missing from the answer',
    ])
  })

  it('lets a nullable path be null, and only null, and only there', () => {
    const example = { entries: [{ duration_seconds: 1.5 }] }
    const nullable = ['$.entries[0].duration_seconds']
    expect(shapeProblems(example, { entries: [{ duration_seconds: null }] }, { nullable })).toEqual(
      [],
    )
    expect(
      shapeProblems(example, { entries: [{ duration_seconds: '1.5' }] }, { nullable }),
    ).toEqual(['$.entries[0].duration_seconds: number in the example, string in the answer'])
    expect(shapeProblems(example, { entries: [{}] }, { nullable })).toEqual([
      '$.entries[0].duration_seconds: missing from the answer',
    ])
    expect(shapeProblems({ size: 1 }, { size: null }, { nullable })).toEqual([
      '$.size: number in the example, null in the answer',
    ])
  })

  it('takes any value where the example writes its any-placeholder, but the key must be there', () => {
    const example = { id: '<string>', response: '<any>' }
    const options = { anyValue: '<any>' }
    for (const response of [null, 3, 'text', { fields: [] }, [1]]) {
      expect(shapeProblems(example, { id: 'p_1', response }, options)).toEqual([])
    }
    expect(shapeProblems(example, { id: 'p_1' }, options)).toEqual([
      '$.response: missing from the answer',
    ])
    // A placeholder string stands for any string, not for any type.
    expect(shapeProblems(example, { id: 1, response: null }, options)).toEqual([
      '$.id: string in the example, number in the answer',
    ])
    // Without the option the placeholder is a string like any other.
    expect(shapeProblems(example, { id: 'p_1', response: null })).toEqual([
      '$.response: string in the example, null in the answer',
    ])
  })
})

describe('strictJson', () => {
  const text = [
    'Request:',
    '{',
    '"images": ["<base64_image_1>", "<base64_image_2>", ...],',
    '"engine": "tineye" // optional, defaults to "gcvision"',
    '}',
    'after',
  ].join('\n')
  const example: SeedExample = {
    name: '01-loose',
    seed: '000',
    section: 'Example',
    copiedFrom: { request: 2 },
    request: {
      method: 'POST',
      path: '/api/vision/detect/web',
      body: { images: ['<base64_image_1>', '<base64_image_2>'], engine: 'tineye' },
    },
  }

  it('drops a trailing comment and a closing ellipsis, keeping every line where it was', () => {
    const strict = strictJson(text)
    expect(strict.split('\n')).toHaveLength(text.split('\n').length)
    expect(strict.split('\n')[5]).toBe('after')
    expect(checkCopied(example, text)).not.toEqual([])
    expect(checkCopied(example, strict)).toEqual([])
  })

  it('copyProblems: a fixture marked lenientCopy matches the document once made strict, and only then', () => {
    const lenient = { ...example, expect: { lenientCopy: true } }
    expect(copyProblems(lenient, text)).toEqual([])
    expect(copyProblems(example, text)).toEqual(checkCopied(example, text))
    expect(copyProblems(example, text)).not.toEqual([])
    // The mark cannot outlive the looseness: a document printed strict is a problem for it.
    expect(copyProblems(lenient, strictJson(text))).toEqual([
      'expect.lenientCopy: the document as printed already matches; drop the mark',
    ])
    const edited = { ...lenient, request: { ...lenient.request!, body: { engine: 'gcvision' } } }
    expect(copyProblems(edited, text)).toHaveLength(1)
  })

  it('leaves the slashes of a URL as they are', () => {
    expect(strictJson('{"url": "https://example.com/a"}')).toBe('{"url": "https://example.com/a"}')
  })
})

describe('exampleNamed', () => {
  const examples = ['05-aspect-ratios', '50-llm-generate-chat', '51-llm-generate-prompt'].map(
    (name): SeedExample => ({ name, seed: '001', section: 'S', copiedFrom: {} }),
  )

  it('finds a fixture by its whole name or by a prefix only it has', () => {
    expect(exampleNamed(examples, '50-llm-generate-chat').name).toBe('50-llm-generate-chat')
    expect(exampleNamed(examples, '05-').name).toBe('05-aspect-ratios')
  })

  it('fails naming the fixture when none matches, or the candidates when several do', () => {
    expect(() => exampleNamed(examples, '06-')).toThrow('no fixture 001/06-')
    expect(() => exampleNamed(examples, '5')).toThrow(
      '001/5 names 2 fixtures: 50-llm-generate-chat, 51-llm-generate-prompt',
    )
  })
})

describe('recordingFetch', () => {
  it('records method, path with query, headers and body, and answers with the JSON given', async () => {
    const { sent, fetch } = recordingFetch({ status: 202, body: { data: { task_id: 't_1' } } })
    const response = await fetch('https://api.test/v1/video/generate?x=1', {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm' }),
    })
    expect(response.status).toBe(202)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ data: { task_id: 't_1' } })
    await fetch('https://api.test/v1/video/status/t_1')
    expect(
      sent.map(({ method, path, headers, body }) => [
        method,
        path,
        headers.get('authorization'),
        body,
      ]),
    ).toEqual([
      ['POST', '/v1/video/generate?x=1', 'Bearer k', '{"model":"m"}'],
      ['GET', '/v1/video/status/t_1', null, undefined],
    ])
  })
})
