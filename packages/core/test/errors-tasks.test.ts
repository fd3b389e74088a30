import {
  AbortError,
  AtelierError,
  ConnectionError,
  isAtelierError,
  isTaskName,
  JobCanceledError,
  JobFailedError,
  MediaFile,
  ProviderError,
  RateLimitError,
  ResponseShapeError,
  TASK_NAMES,
  type TaskName,
  TimeoutError,
  UnsupportedError,
  ValidationError,
  type ValidationIssue,
  validateTaskInput,
} from '@atelier/core'
import {
  formatPath,
  MAX_ERROR_BODY_CHARS,
  parseOrThrow,
  REDACTED,
  redact,
  redactBody,
  redactHeaders,
} from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redact('key sk-abc123 then sk-abc123 and tok-9999', ['sk-abc123', 'tok-9999'])).toBe(
      'key [redacted] then [redacted] and [redacted]',
    )
    expect(REDACTED).toBe('[redacted]')
  })

  it('ignores secrets shorter than 4 characters', () => {
    expect(redact('a b abc', ['a', 'abc', ''])).toBe('a b abc')
  })

  it('masks key-like query parameters, whatever their case', () => {
    const url =
      'https://x.test/a?key=AIza1&api_key=k2&API-KEY=k3&apikey=k4&token=t1&access_token=t2&Signature=s1&sig=s2&x=keep'
    const clean = redact(url)
    for (const secret of ['AIza1', 'k2', 'k3', 'k4', 't1', 't2', 's1', 's2'])
      expect(clean).not.toContain(`=${secret}`)
    expect(clean).toContain('x=keep')
    expect(clean).toBe(
      'https://x.test/a?key=[redacted]&api_key=[redacted]&API-KEY=[redacted]&apikey=[redacted]&token=[redacted]&access_token=[redacted]&Signature=[redacted]&sig=[redacted]&x=keep',
    )
  })

  it('leaves parameters that only look similar', () => {
    expect(redact('https://x.test/?monkey=1&keyboard=2&mykey=3')).toBe(
      'https://x.test/?monkey=1&keyboard=2&mykey=3',
    )
  })

  it('stops a masked value at quotes, spaces and fragments', () => {
    expect(redact('"https://x.test/?key=abc" next')).toBe('"https://x.test/?key=[redacted]" next')
    expect(redact('https://x.test/?token=abc#frag')).toBe('https://x.test/?token=[redacted]#frag')
  })
})

describe('redactBody', () => {
  it('keeps a short body whole, redacted', () => {
    expect(redactBody('{"error":"bad key sk-live-1"}', ['sk-live-1'])).toBe(
      '{"error":"bad key [redacted]"}',
    )
  })

  it('cuts a long body to MAX_ERROR_BODY_CHARS and says how much was dropped', () => {
    const body = 'a'.repeat(MAX_ERROR_BODY_CHARS + 1_000)
    const out = redactBody(body)
    expect(out).toBe(`${'a'.repeat(MAX_ERROR_BODY_CHARS)}… [1000 more characters]`)
  })

  it('redacts before cutting, so a secret at the cut never leaks in part', () => {
    const secret = 'sk-secret-boundary-123456'
    const body = `${'x'.repeat(MAX_ERROR_BODY_CHARS - 10)}${secret}${'y'.repeat(100)}`
    const out = redactBody(body, [secret])
    expect(out).not.toContain('sk-secret')
    expect(out.startsWith('x'.repeat(MAX_ERROR_BODY_CHARS - 10) + '[redacted]')).toBe(true)
  })
})

describe('redactHeaders', () => {
  it('masks secret headers in a record, whatever their case, and redacts known secrets elsewhere', () => {
    expect(
      redactHeaders(
        {
          Authorization: 'Bearer sk-1234',
          'X-API-Key': 'k-5678',
          'x-goog-api-key': 'g-0000',
          Cookie: 'session=abc',
          'Proxy-Authorization': 'Basic xyz',
          'X-Echo': 'has sk-1234 inside',
          Accept: 'application/json',
        },
        ['sk-1234'],
      ),
    ).toEqual({
      Authorization: '[redacted]',
      'X-API-Key': '[redacted]',
      'x-goog-api-key': '[redacted]',
      Cookie: '[redacted]',
      'Proxy-Authorization': '[redacted]',
      'X-Echo': 'has [redacted] inside',
      Accept: 'application/json',
    })
  })

  it('reads a Headers object', () => {
    const headers = new Headers({
      authorization: 'Bearer t',
      'set-cookie': 'a=b',
      'content-type': 'text/plain',
    })
    expect(redactHeaders(headers)).toEqual({
      authorization: '[redacted]',
      'set-cookie': '[redacted]',
      'content-type': 'text/plain',
    })
  })
})

describe('error classes', () => {
  const cause = new Error('root cause')
  const cases: [AtelierError, string, string][] = [
    [
      new ValidationError([{ path: ['n'], message: 'too big', rule: 'too_big' }]),
      'validation',
      'ValidationError',
    ],
    [new ProviderError('boom', { status: 500 }), 'provider', 'ProviderError'],
    [
      new RateLimitError('slow down', { status: 429, retryAfterMs: 1_000 }),
      'rate_limit',
      'RateLimitError',
    ],
    [new ResponseShapeError('odd', { status: 200 }), 'response_shape', 'ResponseShapeError'],
    [new ConnectionError('reset'), 'connection', 'ConnectionError'],
    [new JobFailedError('failed'), 'job_failed', 'JobFailedError'],
    [new JobCanceledError('canceled'), 'job_canceled', 'JobCanceledError'],
    [new TimeoutError('late'), 'timeout', 'TimeoutError'],
    [new AbortError(), 'aborted', 'AbortError'],
    [new UnsupportedError('no'), 'unsupported', 'UnsupportedError'],
  ]

  it.each(cases)('%s has code %s and name %s', (error, code, name) => {
    expect(error).toBeInstanceOf(AtelierError)
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe(code)
    expect(error.name).toBe(name)
    expect(isAtelierError(error)).toBe(true)
    expect(error.toJSON()).toMatchObject({ name, code, message: error.message })
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name, code })
    expect(String(error)).toBe(`${name}: ${error.message}`)
  })

  it('keeps the class hierarchy', () => {
    expect(new RateLimitError('x', { status: 429 })).toBeInstanceOf(ProviderError)
    expect(new ResponseShapeError('x', { status: 200 })).toBeInstanceOf(ProviderError)
    expect(new ConnectionError('x')).not.toBeInstanceOf(ProviderError)
  })

  it('carries provider, body and cause, and puts them in toJSON', () => {
    const error = new ProviderError('boom', {
      status: 502,
      provider: 'canary',
      body: '<html>bad gateway</html>',
      providerCode: 'E502',
      requestId: 'req-1',
      cause,
    })
    expect(error.cause).toBe(cause)
    expect(error.toJSON()).toEqual({
      name: 'ProviderError',
      code: 'provider',
      message: 'boom',
      provider: 'canary',
      body: '<html>bad gateway</html>',
      status: 502,
      providerCode: 'E502',
      requestId: 'req-1',
    })
    expect(new ConnectionError('x').toJSON()).toEqual({
      name: 'ConnectionError',
      code: 'connection',
      message: 'x',
    })
    expect('cause' in new ConnectionError('x')).toBe(false)
  })

  it('RateLimitError exposes retryAfterMs', () => {
    const error = new RateLimitError('slow', { status: 429, retryAfterMs: 2_500 })
    expect(error.retryAfterMs).toBe(2_500)
    expect(error.status).toBe(429)
    expect(error.toJSON()).toMatchObject({ retryAfterMs: 2_500, status: 429, code: 'rate_limit' })
  })

  it('job errors carry the job id and provider code', () => {
    const failed = new JobFailedError('nsfw', { jobId: 'j1', providerCode: 'content_policy' })
    expect(failed.jobId).toBe('j1')
    expect(failed.providerCode).toBe('content_policy')
    expect(new JobCanceledError('x', { jobId: 'j2' }).jobId).toBe('j2')
    expect(new TimeoutError('x', { timeoutMs: 5 }).timeoutMs).toBe(5)
  })

  it('AbortError defaults its message and keeps the reason as cause', () => {
    const error = new AbortError(undefined, { cause: 'user left' })
    expect(error.message).toBe('The operation was aborted')
    expect(error.cause).toBe('user left')
  })

  it('ResponseShapeError keeps its issues', () => {
    const issues: ValidationIssue[] = [
      { path: ['data', 0], message: 'expected string', rule: 'invalid_type' },
    ]
    expect(new ResponseShapeError('odd', { status: 200, issues }).issues).toEqual(issues)
    expect(new ResponseShapeError('odd', { status: 200 }).issues).toEqual([])
  })
})

describe('ValidationError', () => {
  it('names the first failing field', () => {
    const error = new ValidationError([
      { path: ['size', 'width'], message: 'too small', rule: 'too_small' },
      { path: ['n'], message: 'too big', rule: 'too_big' },
    ])
    expect(error.field).toBe('size.width')
    expect(error.message).toBe('Invalid input: size.width: too small; n: too big')
    expect(
      new ValidationError([{ path: ['messages', 0, 'role'], message: 'bad', rule: 'x' }]).field,
    ).toBe('messages.0.role')
    expect(new ValidationError([{ path: [], message: 'bad', rule: 'x' }]).field).toBe('(input)')
    expect(new ValidationError([]).field).toBeUndefined()
    expect(new ValidationError([]).message).toBe('Invalid input')
  })

  it('lists at most three issues in its message', () => {
    const issues = ['a', 'b', 'c', 'd', 'e'].map((field) => ({
      path: [field],
      message: 'bad',
      rule: 'x',
    }))
    expect(new ValidationError(issues).message).toBe(
      'Invalid input: a: bad; b: bad; c: bad (and 2 more)',
    )
  })

  it('takes a status and message from a provider answer, and serialises issues', () => {
    const issues = [{ path: ['prompt'], message: 'Field required', rule: 'missing' }]
    const error = new ValidationError(issues, {
      status: 422,
      message: 'local rejected the input',
      provider: 'local',
    })
    expect(error.status).toBe(422)
    expect(error.message).toBe('local rejected the input')
    expect(error.toJSON()).toEqual({
      name: 'ValidationError',
      code: 'validation',
      message: 'local rejected the input',
      provider: 'local',
      status: 422,
      issues,
    })
    expect(new ValidationError(issues).status).toBeUndefined()
  })

  it('formatPath joins with dots', () => {
    expect(formatPath(['a', 0, 'b'])).toBe('a.0.b')
    expect(formatPath([])).toBe('(input)')
  })
})

describe('isAtelierError', () => {
  it('recognises an error from another copy of the package by its shape', () => {
    const foreign = Object.assign(new Error('from elsewhere'), {
      code: 'provider',
      provider: 'x',
      body: undefined,
    })
    expect(isAtelierError(foreign)).toBe(true)
  })

  it('rejects everything else', () => {
    expect(isAtelierError(new Error('plain'))).toBe(false)
    expect(isAtelierError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false)
    expect(isAtelierError({ code: 'provider', provider: 'x', body: '' })).toBe(false)
    expect(isAtelierError(null)).toBe(false)
    expect(isAtelierError('ValidationError')).toBe(false)
    expect(isAtelierError(new DOMException('aborted', 'AbortError'))).toBe(false)
  })
})

describe('parseOrThrow', () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()) })

  it('returns the parsed value', () => {
    expect(parseOrThrow(schema, { name: 'a', tags: [], extra: 1 })).toEqual({ name: 'a', tags: [] })
  })

  it('throws a ValidationError with paths, prefix, provider and a described message', () => {
    let thrown: unknown
    try {
      parseOrThrow(
        schema,
        { name: 1, tags: ['ok', 2] },
        { provider: 'local', what: 'Bad body', pathPrefix: ['body'] },
      )
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ValidationError)
    const error = thrown as ValidationError
    expect(error.provider).toBe('local')
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['body', 'name'],
      ['body', 'tags', 1],
    ])
    expect(error.issues.every((issue) => issue.rule === 'invalid_type')).toBe(true)
    expect(error.message).toBe('Bad body: body.name: expected string; body.tags.1: expected string')
  })
})

const IMAGE = 'https://cdn.example.test/in.png'
const AUDIO = new Uint8Array([0x52, 0x49, 0x46, 0x46])

interface InvalidCase {
  why: string
  input: Record<string, unknown>
  path: (string | number)[]
  rule?: string
}

/** One valid input and the rules each task must enforce, naming the field. */
const TASK_CASES: Record<TaskName, { valid: Record<string, unknown>[]; invalid: InvalidCase[] }> = {
  'image.generate': {
    valid: [
      { model: 'z-image-turbo', prompt: 'a red panda' },
      {
        model: 'm',
        prompt: 'p',
        n: 10,
        size: { width: 1024, height: 768 },
        seed: 0,
        outputFormat: 'webp',
      },
      {
        model: 'm',
        prompt: 'p',
        aspectRatio: '16:9',
        providerOptions: { local: { use_lora: true } },
      },
    ],
    invalid: [
      { why: 'n over 10', input: { model: 'm', prompt: 'p', n: 11 }, path: ['n'], rule: 'too_big' },
      { why: 'n not whole', input: { model: 'm', prompt: 'p', n: 1.5 }, path: ['n'] },
      {
        why: 'size and aspectRatio',
        input: { model: 'm', prompt: 'p', size: { width: 512, height: 512 }, aspectRatio: '1:1' },
        path: ['aspectRatio'],
        rule: 'mutually_exclusive',
      },
      {
        why: 'zero width',
        input: { model: 'm', prompt: 'p', size: { width: 0, height: 512 } },
        path: ['size', 'width'],
        rule: 'too_small',
      },
      {
        why: 'empty prompt',
        input: { model: 'm', prompt: '' },
        path: ['prompt'],
        rule: 'too_small',
      },
      { why: 'no model', input: { prompt: 'p' }, path: ['model'], rule: 'invalid_type' },
      { why: 'empty model', input: { model: '', prompt: 'p' }, path: ['model'], rule: 'too_small' },
      {
        why: 'bad aspect ratio',
        input: { model: 'm', prompt: 'p', aspectRatio: 'wide' },
        path: ['aspectRatio'],
      },
      { why: 'negative seed', input: { model: 'm', prompt: 'p', seed: -1 }, path: ['seed'] },
      {
        why: 'unknown format',
        input: { model: 'm', prompt: 'p', outputFormat: 'bmp' },
        path: ['outputFormat'],
      },
      {
        why: 'provider options not an object',
        input: { model: 'm', prompt: 'p', providerOptions: { local: 5 } },
        path: ['providerOptions', 'local'],
      },
    ],
  },
  'image.edit': {
    valid: [
      { model: 'm', image: IMAGE, prompt: 'make it night' },
      { model: 'm', image: AUDIO, operation: 'upscale', scale: 4 },
      {
        model: 'm',
        image: IMAGE,
        operation: 'inpaint',
        mask: IMAGE,
        prompt: 'a cat',
        strength: 0.5,
      },
    ],
    invalid: [
      {
        why: 'edit without prompt',
        input: { model: 'm', image: IMAGE },
        path: ['prompt'],
        rule: 'required',
      },
      { why: 'no image', input: { model: 'm', prompt: 'p' }, path: ['image'] },
      { why: 'image not media', input: { model: 'm', image: 42, prompt: 'p' }, path: ['image'] },
      {
        why: 'strength above 1',
        input: { model: 'm', image: IMAGE, prompt: 'p', strength: 2 },
        path: ['strength'],
      },
      {
        why: 'unknown operation',
        input: { model: 'm', image: IMAGE, operation: 'blur' },
        path: ['operation'],
      },
    ],
  },
  'video.generate': {
    valid: [
      { model: 'veo-3.1-generate-preview', prompt: 'waves' },
      { model: 'm', image: IMAGE, durationSeconds: 5, resolution: '720p', fps: 24 },
      { model: 'm', video: IMAGE, prompt: 'anime style' },
    ],
    invalid: [
      {
        why: 'no prompt, image or video',
        input: { model: 'm' },
        path: ['prompt'],
        rule: 'required',
      },
      {
        why: 'bad resolution',
        input: { model: 'm', prompt: 'p', resolution: '720' },
        path: ['resolution'],
      },
      {
        why: 'too long',
        input: { model: 'm', prompt: 'p', durationSeconds: 601 },
        path: ['durationSeconds'],
      },
      { why: 'n over 4', input: { model: 'm', prompt: 'p', n: 5 }, path: ['n'], rule: 'too_big' },
    ],
  },
  'model3d.generate': {
    valid: [
      { model: 'hunyuan3d-2', prompt: 'a low-poly wooden treasure chest' },
      { model: 'm', image: IMAGE, texture: false, faceCount: 5_000 },
      {
        model: 'm',
        prompt: 'a teapot',
        image: AUDIO,
        seed: 7,
        steps: 30,
        guidanceScale: 5.5,
        texture: true,
        faceCount: 40_000,
        outputFormat: 'glb',
        providerOptions: { local: { octree_resolution: 256 } },
      },
    ],
    invalid: [
      {
        why: 'no prompt or image',
        input: { model: 'm', texture: true },
        path: ['prompt'],
        rule: 'required',
      },
      {
        why: 'empty prompt',
        input: { model: 'm', prompt: '' },
        path: ['prompt'],
        rule: 'too_small',
      },
      { why: 'image not media', input: { model: 'm', image: 42 }, path: ['image'] },
      {
        why: 'zero faces',
        input: { model: 'm', prompt: 'p', faceCount: 0 },
        path: ['faceCount'],
        rule: 'too_small',
      },
      {
        why: 'fractional faces',
        input: { model: 'm', prompt: 'p', faceCount: 1.5 },
        path: ['faceCount'],
      },
      { why: 'zero steps', input: { model: 'm', prompt: 'p', steps: 0 }, path: ['steps'] },
      {
        why: 'texture not boolean',
        input: { model: 'm', prompt: 'p', texture: 'yes' },
        path: ['texture'],
      },
      { why: 'negative seed', input: { model: 'm', prompt: 'p', seed: -1 }, path: ['seed'] },
      {
        why: 'empty format',
        input: { model: 'm', prompt: 'p', outputFormat: '' },
        path: ['outputFormat'],
      },
    ],
  },
  'speech.generate': {
    valid: [
      { model: 'm', text: 'hello', voice: 'alloy' },
      { model: 'm', text: 'hello', referenceAudio: AUDIO, referenceText: 'hi' },
      { model: 'm', text: 'hello', voiceDescription: 'a warm voice', speed: 1.5, language: 'en' },
    ],
    invalid: [
      { why: 'no text', input: { model: 'm', voice: 'v' }, path: ['text'] },
      {
        why: 'voice and voiceDescription',
        input: { model: 'm', text: 'hi', voice: 'v', voiceDescription: 'd' },
        path: ['voiceDescription'],
        rule: 'mutually_exclusive',
      },
      {
        why: 'voice and referenceAudio',
        input: { model: 'm', text: 'hi', voice: 'v', referenceAudio: IMAGE },
        path: ['referenceAudio'],
        rule: 'mutually_exclusive',
      },
      { why: 'speed above 4', input: { model: 'm', text: 'hi', speed: 5 }, path: ['speed'] },
      { why: 'speed zero', input: { model: 'm', text: 'hi', speed: 0 }, path: ['speed'] },
      {
        why: 'language too short',
        input: { model: 'm', text: 'hi', language: 'e' },
        path: ['language'],
      },
    ],
  },
  'dialogue.generate': {
    valid: [
      {
        model: 'm',
        turns: [
          { text: 'Hi!', voice: 'a' },
          { text: 'Hello.', voice: 'b' },
        ],
      },
    ],
    invalid: [
      { why: 'no turns', input: { model: 'm', turns: [] }, path: ['turns'], rule: 'too_small' },
      {
        why: 'a turn without voice',
        input: { model: 'm', turns: [{ text: 'Hi', voice: 'a' }, { text: 'Yo' }] },
        path: ['turns', 1, 'voice'],
      },
      {
        why: 'a turn with empty text',
        input: { model: 'm', turns: [{ text: '', voice: 'a' }] },
        path: ['turns', 0, 'text'],
        rule: 'too_small',
      },
    ],
  },
  'soundEffect.generate': {
    valid: [
      {
        model: 'm',
        prompt: 'glass shattering',
        durationSeconds: 3,
        promptInfluence: 0.3,
        loop: true,
      },
    ],
    invalid: [
      {
        why: 'zero duration',
        input: { model: 'm', prompt: 'p', durationSeconds: 0 },
        path: ['durationSeconds'],
      },
      {
        why: 'influence above 1',
        input: { model: 'm', prompt: 'p', promptInfluence: 1.1 },
        path: ['promptInfluence'],
      },
      { why: 'no prompt', input: { model: 'm' }, path: ['prompt'] },
    ],
  },
  'music.generate': {
    valid: [
      { model: 'm', prompt: 'lofi beat', bpm: 90, n: 2, instrumental: true, durationSeconds: 120 },
    ],
    invalid: [
      {
        why: 'bpm below 20',
        input: { model: 'm', prompt: 'p', bpm: 10 },
        path: ['bpm'],
        rule: 'too_small',
      },
      { why: 'n over 8', input: { model: 'm', prompt: 'p', n: 9 }, path: ['n'], rule: 'too_big' },
      { why: 'lyrics not text', input: { model: 'm', prompt: 'p', lyrics: 5 }, path: ['lyrics'] },
    ],
  },
  'transcription.create': {
    valid: [
      { model: 'whisper', audio: AUDIO },
      { model: 'm', audio: new Blob([AUDIO]), diarize: true, speakers: 2, timestamps: 'word' },
      { model: 'm', audio: MediaFile.fromBytes(AUDIO, { mediaType: 'audio/wav' }), language: 'de' },
    ],
    invalid: [
      { why: 'audio not media', input: { model: 'm', audio: 42 }, path: ['audio'] },
      { why: 'empty audio URL', input: { model: 'm', audio: '' }, path: ['audio'] },
      { why: 'no speakers', input: { model: 'm', audio: AUDIO, speakers: 0 }, path: ['speakers'] },
      {
        why: 'unknown timestamps',
        input: { model: 'm', audio: AUDIO, timestamps: 'char' },
        path: ['timestamps'],
      },
    ],
  },
  'vision.analyze': {
    valid: [
      { model: 'm', image: IMAGE, prompt: 'what is this?' },
      { model: 'm', images: [IMAGE, AUDIO], mode: 'caption' },
      { model: 'm', image: IMAGE, mode: 'extract', domain: 'document.invoice' },
      { model: 'm', image: IMAGE, mode: 'extract', schema: { type: 'object' } },
    ],
    invalid: [
      { why: 'no source', input: { model: 'm', prompt: 'q' }, path: ['image'], rule: 'required' },
      {
        why: 'image and images',
        input: { model: 'm', image: IMAGE, images: [IMAGE] },
        path: ['images'],
        rule: 'mutually_exclusive',
      },
      {
        why: 'image and video',
        input: { model: 'm', image: IMAGE, video: IMAGE },
        path: ['video'],
        rule: 'mutually_exclusive',
      },
      {
        why: 'question without prompt',
        input: { model: 'm', image: IMAGE, mode: 'question' },
        path: ['prompt'],
        rule: 'required',
      },
      {
        why: 'extract without schema or domain',
        input: { model: 'm', image: IMAGE, mode: 'extract' },
        path: ['schema'],
        rule: 'required',
      },
      {
        why: 'empty images',
        input: { model: 'm', images: [] },
        path: ['images'],
        rule: 'too_small',
      },
    ],
  },
  'vision.detect': {
    valid: [
      { model: 'm', image: IMAGE, mode: 'objects' },
      {
        model: 'm',
        image: IMAGE,
        mode: 'zero-shot',
        labels: ['cat', 'dog'],
        threshold: 0.3,
        maxResults: 10,
      },
    ],
    invalid: [
      {
        why: 'zero-shot without labels',
        input: { model: 'm', image: IMAGE, mode: 'zero-shot' },
        path: ['labels'],
        rule: 'required',
      },
      {
        why: 'empty labels',
        input: { model: 'm', image: IMAGE, mode: 'zero-shot', labels: [] },
        path: ['labels'],
      },
      { why: 'unknown mode', input: { model: 'm', image: IMAGE, mode: 'pose' }, path: ['mode'] },
      {
        why: 'threshold above 1',
        input: { model: 'm', image: IMAGE, mode: 'faces', threshold: 2 },
        path: ['threshold'],
      },
    ],
  },
  'text.generate': {
    valid: [
      { model: 'm', prompt: 'hi' },
      {
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.7,
        maxTokens: 100,
      },
    ],
    invalid: [
      {
        why: 'neither prompt nor messages',
        input: { model: 'm' },
        path: ['messages'],
        rule: 'required',
      },
      {
        why: 'both prompt and messages',
        input: { model: 'm', prompt: 'hi', messages: [{ role: 'user', content: 'hi' }] },
        path: ['prompt'],
        rule: 'mutually_exclusive',
      },
      {
        why: 'unknown role',
        input: {
          model: 'm',
          messages: [
            { role: 'user', content: 'a' },
            { role: 'robot', content: 'b' },
          ],
        },
        path: ['messages', 1, 'role'],
      },
      {
        why: 'temperature above 2',
        input: { model: 'm', prompt: 'p', temperature: 3 },
        path: ['temperature'],
      },
      {
        why: 'no messages',
        input: { model: 'm', messages: [] },
        path: ['messages'],
        rule: 'too_small',
      },
    ],
  },
  'prompt.enhance': {
    valid: [{ model: 'm', prompt: 'a cat', target: 'video' }],
    invalid: [
      {
        why: 'empty prompt',
        input: { model: 'm', prompt: '' },
        path: ['prompt'],
        rule: 'too_small',
      },
      {
        why: 'unknown target',
        input: { model: 'm', prompt: 'p', target: 'audio' },
        path: ['target'],
      },
    ],
  },
}

function validationErrorOf(run: () => unknown): ValidationError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('expected a ValidationError')
}

describe('validateTaskInput', () => {
  it('has cases for every task in TASK_NAMES', () => {
    expect(Object.keys(TASK_CASES).sort()).toEqual([...TASK_NAMES].sort())
    expect(TASK_NAMES).toHaveLength(13)
  })

  describe.each(TASK_NAMES)('%s', (task) => {
    const cases = TASK_CASES[task]

    it('accepts valid input', () => {
      for (const input of cases.valid) {
        const parsed = validateTaskInput(task, input as never) as Record<string, unknown>
        expect(parsed.model).toBe(input.model)
      }
    })

    it.each(cases.invalid)('rejects $why, naming the field', ({ input, path, rule }) => {
      const error = validationErrorOf(() => validateTaskInput(task, input as never))
      const issue = error.issues.find(
        (candidate) => JSON.stringify(candidate.path) === JSON.stringify(path),
      )
      expect(issue, `issues were ${JSON.stringify(error.issues)}`).toBeDefined()
      if (rule) expect(issue!.rule).toBe(rule)
      expect(error.message.startsWith(`Invalid ${task} input: `)).toBe(true)
      expect(error.message).toContain(path.join('.'))
      expect(error.status).toBeUndefined()
    })
  })

  it('reports every broken rule at once', () => {
    const error = validationErrorOf(() =>
      validateTaskInput('image.generate', { model: '', prompt: 'p', n: 0, seed: -1 } as never),
    )
    expect(error.issues.map((issue) => issue.path[0]).sort()).toEqual(['model', 'n', 'seed'])
  })

  it('refuses unknown fields, one issue per field, so a misspelled option is never dropped silently', () => {
    const error = validationErrorOf(() =>
      validateTaskInput('image.generate', {
        model: 'm',
        prompt: 'p',
        negativePromt: 'blur',
        size: { width: 64, height: 64, depth: 3 },
      } as never),
    )
    expect(error.issues).toHaveLength(2)
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: ['negativePromt'], message: 'is not a known field', rule: 'unrecognized_keys' },
        { path: ['size', 'depth'], message: 'is not a known field', rule: 'unrecognized_keys' },
      ]),
    )
  })

  it('rejects an unknown task', () => {
    const error = validationErrorOf(() =>
      validateTaskInput('image.teleport' as TaskName, { model: 'm' } as never),
    )
    expect(error.issues).toEqual([
      { path: ['task'], message: 'unknown task "image.teleport"', rule: 'unknown_task' },
    ])
    expect(isTaskName('image.generate')).toBe(true)
    expect(isTaskName('image.teleport')).toBe(false)
    expect(isTaskName('toString')).toBe(false)
    expect(isTaskName(undefined)).toBe(false)
  })
})
