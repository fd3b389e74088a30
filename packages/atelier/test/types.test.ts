/**
 * What the facade's types let a caller write, checked by the compiler (`tsc` over the test
 * files): model ids completed from the configured drivers, `providerOptions` typed per provider
 * and task, jobs and resumed jobs typed by their task. The resume block mirrors the snippet in
 * the root README and the package README, and runs against two small drivers.
 */
import type { Driver, JobRef, TaskName, TaskOutput } from 'atelier'
import { createAtelier } from 'atelier'
import { describe, expectTypeOf, it } from 'vitest'
import { studioDrivers } from './support/studio-drivers'

/** The literal ids of a model field (an open `string` and lists left out). */
type KnownIds<Model> = Model extends string ? (string extends Model ? never : Model) : never
type InputOf<Method> = Method extends (input: infer Input, ...rest: never[]) => unknown
  ? Input
  : never
type ModelOf<Method> = InputOf<Method> extends { model: infer Model } ? Model : never
type OptionsOf<Method> = NonNullable<
  InputOf<Method> extends { providerOptions?: infer O } ? O : never
>

/** Code that is only compiled, never run. */
function compileOnly(_code: () => unknown): void {}

describe('facade types', () => {
  const { local, canary } = studioDrivers()
  // Polls as soon as the engine allows: the jobs here finish at their first poll.
  const ai = createAtelier({
    providers: [local, canary],
    polling: { initialIntervalMs: 0, minIntervalMs: 0 },
  })

  it('complete model ids per task from the drivers, and take any other string', async () => {
    expectTypeOf<KnownIds<ModelOf<typeof ai.image.generate>>>().toEqualTypeOf<
      'local/z-image-turbo' | 'local/flux-schnell' | 'canary/nano-banana'
    >()
    expectTypeOf<KnownIds<ModelOf<typeof ai.video.submit>>>().toEqualTypeOf<'local/hunyuan-video'>()
    expectTypeOf<KnownIds<ModelOf<typeof ai.speech.generate>>>().toEqualTypeOf<'canary/eleven-v3'>()
    // No driver here makes music: nothing to complete, any string.
    expectTypeOf<ModelOf<typeof ai.music.generate>>().toEqualTypeOf<string | readonly string[]>()
    // A model the driver does not list yet, and a fallback list.
    const { images } = await ai.image.generate({ model: 'local/sdxl-lightning', prompt: 'a fox' })
    expectTypeOf(images[0]!.mediaType).toBeString()
    await ai.image.generate({ model: ['canary/nano-banana', 'local/z-image-turbo'], prompt: 'x' })
  })

  it('type providerOptions by each provider’s schema for the task', () => {
    type ImageOptions = OptionsOf<typeof ai.image.generate>
    expectTypeOf<ImageOptions['local']>().toEqualTypeOf<
      { steps?: number; use_lora?: boolean } | undefined
    >()
    expectTypeOf<ImageOptions['canary']>().toEqualTypeOf<
      { quality?: 'standard' | 'hd' } | undefined
    >()
    // canary's speech handler declares no schema: any record.
    expectTypeOf<OptionsOf<typeof ai.speech.generate>['canary']>().toEqualTypeOf<
      Record<string, unknown> | undefined
    >()
    expectTypeOf<keyof ImageOptions>().toEqualTypeOf<'local' | 'canary'>()

    compileOnly(() =>
      ai.image.generate({
        model: 'local/z-image-turbo',
        prompt: 'a fox',
        providerOptions: { local: { steps: 8, use_lora: true }, canary: { quality: 'hd' } },
      }),
    )
    compileOnly(() =>
      ai.image.generate({
        model: 'local/z-image-turbo',
        prompt: 'a fox',
        providerOptions: {
          // @ts-expect-error steps is a number
          local: { steps: 'many' },
        },
      }),
    )
    compileOnly(() =>
      ai.image.generate({
        model: 'canary/nano-banana',
        prompt: 'a fox',
        // @ts-expect-error quality is 'standard' or 'hd'
        providerOptions: { canary: { quality: 'ultra' } },
      }),
    )
    compileOnly(() =>
      ai.image.generate({
        model: 'local/z-image-turbo',
        prompt: 'a fox',
        // @ts-expect-error lcoal is not a configured provider
        providerOptions: { lcoal: { steps: 4 } },
      }),
    )
  })

  it('keep a loosely typed driver list working: model is a string, options any record', () => {
    const providers: Driver[] = [local, canary]
    const loose = createAtelier({ providers })
    expectTypeOf<ModelOf<typeof loose.image.generate>>().toEqualTypeOf<string | readonly string[]>()
    expectTypeOf<OptionsOf<typeof loose.image.generate>>().toEqualTypeOf<{
      [provider: string]: Record<string, unknown> | undefined
    }>()
    compileOnly(() =>
      loose.image.generate({
        model: 'anything/at-all',
        prompt: 'x',
        providerOptions: { whoever: { n: 1 } },
      }),
    )
  })

  it('type a job and its ref by the task, and a resumed job by the ref (the README snippet)', async () => {
    const job = await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'waves at night' })
    expectTypeOf(job.ref).toEqualTypeOf<JobRef<'video.generate'>>()
    expectTypeOf(job.toJSON()).toEqualTypeOf<JobRef<'video.generate'>>()
    expectTypeOf(job.task).toEqualTypeOf<'video.generate'>()
    const { videos } = await job.wait({ timeoutMs: 600_000 })
    expectTypeOf(videos[0]!.mediaType).toBeString()

    // Store the ref (plain JSON, no secrets); resume the job in another process.
    const saved = JSON.stringify(job)
    const later = ai.jobs.resume(JSON.parse(saved) as JobRef<'video.generate'>)
    const { videos: again } = await later.wait()
    expectTypeOf(again).toEqualTypeOf<TaskOutput<'video.generate'>['videos']>()

    // In the same process the ref is typed already.
    const same = ai.jobs.resume(job.toJSON())
    expectTypeOf(same.wait()).resolves.toEqualTypeOf<TaskOutput<'video.generate'>>()
    compileOnly(async () => {
      // @ts-expect-error a video job has no images
      const { images } = await same.wait()
      return images
    })

    // A ref of unknown shape: any task's output until narrowed.
    const parsed: unknown = JSON.parse(saved)
    const unknownJob = ai.jobs.resume(parsed)
    expectTypeOf(unknownJob.wait()).resolves.toEqualTypeOf<TaskOutput<TaskName>>()
    const output = await unknownJob.wait()
    if ('videos' in output) expectTypeOf(output).toEqualTypeOf<TaskOutput<'video.generate'>>()
  })
})
