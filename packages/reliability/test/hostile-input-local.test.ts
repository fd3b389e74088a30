/**
 * Hostile input, Silly Media client (`@atelier/local`): every endpoint of its table, called
 * through `SillyMediaClient` with generated arguments against a fetch that records requests.
 * Valid arguments pass validation and send exactly one request to the endpoint (each id one
 * path segment); arguments broken in one place raise a ValidationError naming the field and
 * send nothing. See `src/client-properties.ts`.
 */

import { ValidationError } from '@atelier/core'
import * as local from '@atelier/local'
import { ENDPOINTS, imageGenerateRequestSchemaFor, type LorasQuery } from '@atelier/local'
import { SillyMediaClient } from '@atelier/local/client'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ZodSchemaLike } from '../src/arbitraries'
import {
  BAD_STRING_IDS,
  badValuesForAll,
  type CallArguments,
  type EndpointCall,
} from '../src/client-calls'
import { describeClientProperties } from '../src/client-properties'
import { recordFigures } from '../src/figures'
import { createRecordingFetch } from '../src/recording-fetch'

/**
 * Fixed so every run is the same and a failure replays: fast-check prints the seed (and the
 * shrunk path) when a property fails; `HOSTILE_INPUT_SEED=<n>` runs another sequence.
 */
const SEED = Number(process.env.HOSTILE_INPUT_SEED ?? 20_261_121)

let fuzzCases = 0
afterAll(() => recordFigures('hostile-input-local', { fuzzCases }))

// Input files given as URLs are downloaded with the global fetch: served by the same recorder.
beforeAll(() => vi.stubGlobal('fetch', network.fetch))
afterAll(() => vi.unstubAllGlobals())

const network = createRecordingFetch()
const client = new SillyMediaClient({
  baseUrl: 'http://sidecar.hostile.test:4201',
  fetch: network.fetch,
  retry: { limit: 0 },
})

type Invoke = (client: SillyMediaClient, args: CallArguments) => Promise<unknown>
const p = (args: CallArguments, name: string) => args.params[name] as string
const body = <T>(args: CallArguments) => args.body as T

/** How each endpoint is called: the client method, with the arguments in its own order. */
const INVOKE: Record<string, Invoke> = {
  'GET /health': async (c) => c.health(),
  'GET /models': async (c) => c.models(),
  'GET /progress': async (c) => c.progress.image(),
  'GET /aspect-ratios': async (c) => c.image.aspectRatios(),
  'POST /generate/{model}': async (c, a) => c.image.generate(p(a, 'model'), body(a)),
  'GET /pixelart/progress': async (c) => c.progress.pixelArt(),
  'POST /pixelart/generate': async (c, a) => c.pixelArt.generate(body(a)),
  'GET /img2img/models': async (c) => c.img2img.models(),
  'GET /img2img/progress': async (c) => c.progress.img2img(),
  'POST /img2img/edit/{model}': async (c, a) => c.img2img.edit(p(a, 'model'), body(a)),
  'POST /img2img/edit/{model}/upload': async (c, a) => c.img2img.editUpload(p(a, 'model'), body(a)),
  'GET /tts/languages': async (c) => c.tts.languages(),
  'POST /tts/generate': async (c, a) => c.tts.generate(body(a)),
  'POST /tts/stream': async (c, a) => c.tts.stream(body(a)),
  'POST /tts/generate-with-audio': async (c, a) => c.tts.generateWithAudio(body(a)),
  'GET /actors': async (c) => c.actors.list(),
  'POST /actors': async (c, a) => c.actors.create(body(a)),
  'GET /actors/{name}': async (c, a) => c.actors.get(p(a, 'name')),
  'DELETE /actors/{name}': async (c, a) => c.actors.delete(p(a, 'name')),
  'POST /actors/from-youtube': async (c, a) => c.actors.fromYoutube(body(a)),
  'POST /actors/{name}/audio': async (c, a) => c.actors.audio.add(p(a, 'name'), body(a)),
  'GET /actors/{name}/audio': async (c, a) => c.actors.audio.list(p(a, 'name')),
  'GET /actors/{name}/audio/{file_id}/download': async (c, a) =>
    c.actors.audio.download(p(a, 'name'), p(a, 'file_id')),
  'DELETE /actors/{name}/audio/{file_id}': async (c, a) =>
    c.actors.audio.delete(p(a, 'name'), p(a, 'file_id')),
  'GET /tts/history': async (c, a) => c.tts.history.list(a.query as never),
  'GET /tts/history/{entry_id}/audio': async (c, a) => c.tts.history.audio(p(a, 'entry_id')),
  'DELETE /tts/history/{entry_id}': async (c, a) => c.tts.history.delete(p(a, 'entry_id')),
  'DELETE /tts/history': async (c) => c.tts.history.clear(),
  'GET /tts/models': async (c) => c.tts.models(),
  'POST /tts/maya/generate': async (c, a) => c.maya.generate(body(a)),
  'POST /tts/maya/stream': async (c, a) => c.maya.stream(body(a)),
  'GET /tts/maya/emotion-tags': async (c) => c.maya.emotionTags(),
  'GET /tts/maya/actors': async (c) => c.maya.actors.list(),
  'POST /tts/maya/actors': async (c, a) => c.maya.actors.create(body(a)),
  'GET /tts/maya/actors/{actor_id}': async (c, a) => c.maya.actors.get(p(a, 'actor_id')),
  'PUT /tts/maya/actors/{actor_id}': async (c, a) =>
    c.maya.actors.update(p(a, 'actor_id'), body(a)),
  'DELETE /tts/maya/actors/{actor_id}': async (c, a) => c.maya.actors.delete(p(a, 'actor_id')),
  'GET /video/models': async (c) => c.video.models(),
  'POST /video/t2v/{model}': async (c, a) => c.video.textToVideo(p(a, 'model'), body(a)),
  'POST /video/i2v/{model}': async (c, a) => c.video.imageToVideo(p(a, 'model'), body(a)),
  'GET /video/status/{job_id}': async (c, a) => c.video.status(p(a, 'job_id')),
  'GET /video/download/{job_id}': async (c, a) => c.video.download(p(a, 'job_id')),
  'GET /video/thumbnail/{job_id}': async (c, a) => c.video.thumbnail(p(a, 'job_id')),
  'DELETE /video/{job_id}': async (c, a) => c.video.delete(p(a, 'job_id')),
  'GET /video/history': async (c, a) => c.video.history(a.query as never),
  'GET /vision/models': async (c) => c.vision.models(),
  'POST /vision/analyze': async (c, a) => c.vision.analyze(body(a)),
  'POST /vision/analyze/upload': async (c, a) => c.vision.analyzeUpload(body(a)),
  'GET /llm/models': async (c) => c.llm.models(),
  'POST /llm/generate': async (c, a) => c.llm.generate(body(a)),
  'POST /llm/stream': async (c, a) => c.llm.stream(body(a)),
  'GET /music/models': async (c) => c.music.models(),
  'POST /music/generate': async (c, a) => c.music.generate(body(a)),
  'GET /music/status/{job_id}': async (c, a) => c.music.status(p(a, 'job_id')),
  'GET /music/progress': async (c) => c.progress.music(),
  'GET /music/download/{job_id}/{audio_index}': async (c, a) =>
    c.music.download(p(a, 'job_id'), a.params.audio_index as number),
  'DELETE /music/{job_id}': async (c, a) => c.music.delete(p(a, 'job_id')),
  // Routes of the current server that the API document predates.
  'GET /loras': async (c, a) => {
    // The query's one field is an argument of its own: `forModel(model)`, else `list()`.
    const { model } = a.query as LorasQuery
    return model === undefined ? c.loras.list() : c.loras.forModel(model)
  },
  'GET /sprite/progress': async (c) => c.sprite.progress(),
  'POST /sprite/generate': async (c, a) => c.sprite.generate(body(a)),
  'GET /model3d/models': async (c) => c.model3d.models(),
  'POST /model3d/generate': async (c, a) => c.model3d.generate(body(a), a.query as never),
  'GET /model3d/ref/{model_id}': async (c, a) => c.model3d.reference(p(a, 'model_id')),
  'GET /model3d/download/{model_id}': async (c, a) => c.model3d.download(p(a, 'model_id')),
  'GET /model3d/list': async (c, a) => c.model3d.list(a.query as never),
  'POST /prompt': async (c, a) => c.comfy.prompt(body(a)),
  'GET /queue': async (c) => c.comfy.queue(),
  'POST /queue': async (c, a) => c.comfy.clearQueue(body(a)),
  'GET /history': async (c) => c.comfy.history(),
  'POST /history': async (c, a) => c.comfy.clearHistory(body(a)),
  'GET /history/{prompt_id}': async (c, a) => c.comfy.historyEntry(p(a, 'prompt_id')),
  'GET /view': async (c, a) => c.comfy.view(a.query as never),
  'GET /system_stats': async (c) => c.comfy.systemStats(),
  'GET /object_info': async (c) => c.comfy.objectInfo(),
  'GET /object_info/{node_class}': async (c, a) => c.comfy.nodeInfo(p(a, 'node_class')),
  'GET /embeddings': async (c) => c.comfy.embeddings(),
}

const schemaNamed = (name: string | undefined): ZodSchemaLike | undefined =>
  name === undefined || name === 'none' || name === 'multipart'
    ? undefined
    : ((local as unknown as Record<string, ZodSchemaLike>)[name] ??
      (() => {
        throw new Error(`@atelier/local exports no schema ${name}`)
      })())

/** Model ids the per-model schemas know, and ids they do not. */
const imageModel = fc.oneof(
  fc.constantFrom(...Object.keys(local.imageGenerateRequestSchemas)),
  fc.constantFrom('some-new-model', 'vendor/model:tag'),
)

// An endpoint without an entry in INVOKE (or an entry for no endpoint) fails the coverage test.
const calls: EndpointCall<SillyMediaClient>[] = Object.entries(INVOKE).map(([key, invoke]) => {
  const endpoint = ENDPOINTS.find((entry) => `${entry.method} ${entry.path}` === key)
  if (!endpoint) return { endpoint: key, invoke }
  const spec = endpoint as { request: string; form?: string; query?: string }
  const call: EndpointCall<SillyMediaClient> = {
    endpoint: key,
    invoke,
    badParamValues: badValuesForAll(key, BAD_STRING_IDS),
    ...(spec.query ? { query: schemaNamed(spec.query) } : {}),
  }
  if (spec.request === 'imageGenerateRequestSchemas') {
    // One body schema per model: the model picks its ranges and defaults.
    call.body = (params) =>
      imageGenerateRequestSchemaFor(String(params.model)) as unknown as ZodSchemaLike
    call.paramValues = { model: imageModel }
  } else {
    const schema = schemaNamed(spec.request === 'multipart' ? spec.form : spec.request)
    if (schema) call.body = schema
  }
  // 3D model ids are letters and digits only (the server drops every other character), checked
  // by their own schema: generated from it and broken from it.
  if (key.startsWith('GET /model3d/') && key.endsWith('/{model_id}'))
    call.paramSchemas = { model_id: local.model3dIdSchema as unknown as ZodSchemaLike }
  if (key === 'GET /loras') call.queryFields = true
  if (key === 'GET /music/download/{job_id}/{audio_index}') {
    call.paramValues = { audio_index: fc.integer({ min: 0, max: 3 }) }
    call.badParamValues = {
      ...call.badParamValues,
      audio_index: [-1, 4, 1.5, Number.NaN, '1', null, undefined],
    }
  }
  return call
})

describeClientProperties({
  provider: 'local',
  endpoints: ENDPOINTS,
  calls,
  client,
  network,
  seed: SEED,
  validRuns: 25,
  invalidRuns: 60,
  count: () => {
    fuzzCases++
  },
})

describe('found by the properties above, pinned as examples', () => {
  it('an id with a lone surrogate is a ValidationError naming it, not a URIError', async () => {
    network.reset()
    const error = await client.video.status('job-\ud800').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('job_id')
    expect(network.calls).toEqual([])
  })
})
