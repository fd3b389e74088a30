/** Streaming an LLM reply from the sidecar, token by token, with the option to stop early. */
import { local } from '@atelier/local'
import { createAtelier } from 'atelier'
import { isMain, sidecar } from './shared'

export async function streamReply(
  baseUrl: string,
  onText: (text: string) => void,
  signal?: AbortSignal,
): Promise<string> {
  const ai = createAtelier({ providers: [local({ baseUrl })] })
  let reply = ''
  for await (const part of ai.text.stream(
    {
      model: 'local/huihui-qwen3-4b',
      system: 'You answer in one short paragraph.',
      messages: [{ role: 'user', content: 'Why run image models on your own GPU?' }],
      maxTokens: 200,
    },
    { signal },
  )) {
    if (part.type === 'text-delta') {
      reply += part.text
      onText(part.text)
    }
  }
  return reply
}

if (isMain(import.meta.url)) {
  const server = await sidecar()
  await streamReply(server.baseUrl, (text) => process.stdout.write(text)).finally(() =>
    server.close(),
  )
  process.stdout.write('\n')
}
