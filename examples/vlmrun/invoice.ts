/**
 * VLM Run reads images into structured JSON. A photo captioned through the facade; an invoice
 * read into the fields of a JSON Schema; and the same invoice as a batch prediction — a job
 * whose ref is stored and resumed as another process would, then polled to its end.
 *
 * Against the emulator (started here, fake answers):  npx tsx examples/vlmrun/invoice.ts
 * Against VLM Run: set VLMRUN_API_KEY (and VLMRUN_URL for another deployment) first.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createVlmRunEmulator, serve } from '@atelier/emulators'
import { vlmrun } from '@atelier/vlmrun'
import { type AtelierOptions, createAtelier, type JobRef } from 'atelier'

export interface Service {
  baseUrl: string
  apiKey: string
  close(): Promise<void>
}

/** VLM Run when VLMRUN_API_KEY is set, else a VLM Run emulator on loopback. */
export async function service(): Promise<Service> {
  const apiKey = process.env.VLMRUN_API_KEY
  if (apiKey) {
    const baseUrl = process.env.VLMRUN_URL ?? 'https://api.vlm.run'
    return { baseUrl, apiKey, close: async () => {} }
  }
  const server = await serve(createVlmRunEmulator().handler)
  return { baseUrl: server.url, apiKey: 'vlm-emulator-key', close: () => server.close() }
}

/** The fields to read; VLM Run answers JSON that follows it, and the driver checks it does. */
export const invoiceSchema = {
  type: 'object',
  properties: {
    invoice_id: { type: 'string' },
    total: { type: 'number' },
    currency: { type: 'string' },
  },
  required: ['invoice_id', 'total'],
}

export interface Read {
  caption: string
  invoice: unknown
  /** The batch prediction's states, as polling saw them. */
  batchStates: string[]
  batchInvoice: unknown
}

export async function readInvoice(
  { baseUrl, apiKey }: Service,
  options: {
    log?: (line: string) => void
    /** How often to read a batch prediction; the driver's own (1 s, backing off) suits real ones. */
    polling?: AtelierOptions['polling']
  } = {},
): Promise<Read> {
  const log = options.log ?? console.log
  const polling = options.polling ?? {}
  const ai = createAtelier({ providers: [vlmrun({ baseUrl, apiKey })], polling })
  const photo = 'https://images.pexels.com/photos/1029613/pexels-photo-1029613.jpeg'
  const invoiceImage = 'https://docs.example.com/invoice-2041.jpg'

  // A caption: the default mode, in VLM Run's `image.caption` domain.
  const { text: caption } = await ai.vision.analyze({ model: 'vlmrun/vlm-1', image: photo })
  log(`caption: ${caption}`)

  // Structured extraction: `object` is the parsed JSON (`unknown`; `driver.extract` with a zod
  // schema types it, see the provider page).
  const { object: invoice } = await ai.vision.analyze({
    model: 'vlmrun/vlm-1',
    image: invoiceImage,
    mode: 'extract',
    domain: 'document.invoice',
    schema: invoiceSchema,
  })
  log(`invoice: ${JSON.stringify(invoice)}`)

  // A batch prediction is a job: store its ref, resume it anywhere, poll it to the end.
  const job = await ai.vision.submit({
    model: 'vlmrun/vlm-1',
    image: invoiceImage,
    mode: 'extract',
    domain: 'document.invoice',
    schema: invoiceSchema,
    providerOptions: { vlmrun: { batch: true } },
  })
  const saved = JSON.stringify(job)
  const elsewhere = createAtelier({ providers: [vlmrun({ baseUrl, apiKey })], polling })
  const resumed = elsewhere.jobs.resume(JSON.parse(saved) as JobRef<'vision.analyze'>)
  const batchStates: string[] = []
  for await (const snapshot of resumed.updates()) {
    batchStates.push(snapshot.state)
    log(`batch prediction ${resumed.id}: ${snapshot.state}`)
  }
  const { object: batchInvoice } = await resumed.wait()
  return { caption, invoice, batchStates, batchInvoice }
}

/** True when this file is the script node was started with (not imported by a test). */
function isMain(): boolean {
  const script = process.argv[1]
  return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url)
}

if (isMain()) {
  const running = await service()
  try {
    await readInvoice(running)
  } finally {
    await running.close()
  }
}
