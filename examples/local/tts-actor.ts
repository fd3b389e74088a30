/** Speech in a cloned voice: create an XTTS actor from a reference clip, then speak as it. */
import { saveMediaFile } from '@atelier/core/node'
import { encodeWav } from '@atelier/emulators'
import { local } from '@atelier/local'
import { createActor, listActors } from '@atelier/local/client'
import { createAtelier } from 'atelier'
import { isMain, sidecar } from './shared'

export async function speakAsActor(baseUrl: string, path: string): Promise<number> {
  const driver = local({ baseUrl })
  // Actors are sidecar state, not a cross-provider task: manage them with the client's
  // functions, through the driver's transport (one HTTP client, hooks and retries for both).
  const clip = new Blob([encodeWav({ durationSeconds: 4 })], { type: 'audio/wav' })
  const actors = await listActors(driver.transport)
  if (!JSON.stringify(actors).includes('"narrator"')) {
    await createActor(driver.transport, {
      name: 'narrator',
      language: 'en',
      audio_files: [clip],
    } as never)
  }
  const ai = createAtelier({ providers: [driver] })
  const { audio } = await ai.speech.generate({
    model: 'local/xtts-v2',
    voice: 'narrator',
    text: 'Every piece of work is a job: submit it, watch it, cancel it, resume it.',
    language: 'en',
  })
  return saveMediaFile(audio, path)
}

if (isMain(import.meta.url)) {
  const server = await sidecar()
  const bytes = await speakAsActor(server.baseUrl, 'out/narrator.wav').finally(() => server.close())
  console.log(`saved out/narrator.wav (${bytes} bytes)`)
}
