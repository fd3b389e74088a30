/** An image from the sidecar, with the progress it reports while the request runs. */
import { saveMediaFile } from '@atelier/core/node'
import { local } from '@atelier/local'
import { createAtelier } from 'atelier'
import { isMain, sidecar } from './shared'

export async function generateImage(baseUrl: string, path: string): Promise<number[]> {
  const ai = createAtelier({ providers: [local({ baseUrl, progressIntervalMs: 100 })] })
  const steps: number[] = []
  const { images } = await ai.image.generate(
    {
      model: 'local/qwen-image-2512',
      prompt: 'a lighthouse at dusk, oil painting',
      aspectRatio: '16:9',
      providerOptions: { local: { use_lora: true, base_size: 1024 } },
    },
    {
      onProgress: (snapshot) => {
        if (snapshot.state === 'running' && snapshot.progress?.step !== undefined)
          steps.push(snapshot.progress.step)
      },
    },
  )
  await saveMediaFile(images[0]!, path)
  return steps
}

if (isMain(import.meta.url)) {
  const server = await sidecar()
  const steps = await generateImage(server.baseUrl, 'out/lighthouse.png').finally(() =>
    server.close(),
  )
  console.log(`saved out/lighthouse.png; progress steps seen: ${steps.join(', ')}`)
}
