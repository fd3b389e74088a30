/**
 * A Bria product shot: a packshot placed in a scene described in words (Bria's "product
 * background by text"), two variations, saved to disk. The driver runs it as an asynchronous
 * Bria request (`sync: false`) followed on Bria's status route.
 *
 *   npx tsx packages/vision-studio/examples/bria-product-shot.ts   (from the repository's root)
 */
import { mkdir } from 'node:fs/promises'
import { saveMediaFile } from '@atelier/core/node'
import { createAtelier } from 'atelier'
import { visionStudio } from '../src'
import { isMain, studio } from './shared'

export async function briaProductShot(
  baseUrl: string,
  apiKey: string,
  outDir: string,
): Promise<{ files: string[]; bytes: number[] }> {
  const ai = createAtelier({
    providers: [visionStudio({ baseUrl, apiKey })],
    polling: { minIntervalMs: 50, initialIntervalMs: 100 },
  })
  const shot = await ai.image.edit({
    model: 'vision-studio/bria/product',
    operation: 'replace-background',
    image: 'https://images.pexels.com/photos/3766180/pexels-photo-3766180.jpeg',
    prompt: 'on a white marble kitchen counter, soft morning light, lemons in the background',
    n: 2,
    size: { width: 1200, height: 1200 },
    // Bria's own options, under the driver's id: passed through and checked with its schema.
    providerOptions: {
      'vision-studio': { placement_type: 'automatic', optimize_description: true },
    },
  })
  for (const warning of shot.warnings) console.warn('warning:', JSON.stringify(warning))
  await mkdir(outDir, { recursive: true })
  const files: string[] = []
  const bytes: number[] = []
  for (const [index, image] of shot.images.entries()) {
    const path = `${outDir}/product-shot-${index + 1}.png`
    bytes.push(await saveMediaFile(image, path))
    files.push(path)
  }
  return { files, bytes }
}

if (isMain(import.meta.url)) {
  const service = await studio()
  try {
    const { files } = await briaProductShot(service.baseUrl, service.apiKey, 'out')
    console.log(`saved ${files.join(', ')}`)
  } finally {
    await service.close()
  }
}
