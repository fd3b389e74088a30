/** Reading a job's ref back: inline JSON, a file holding it, or `-` for standard input. */
import { readFile } from 'node:fs/promises'
import { UsageError } from './exit-codes'

export async function readRef(
  argument: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<unknown> {
  let text: string
  let from: string
  if (argument === '-') {
    text = await readAll(stdin)
    from = 'standard input'
  } else if (argument.trim().startsWith('{')) {
    text = argument
    from = 'the argument'
  } else {
    from = argument
    try {
      text = await readFile(argument, 'utf8')
    } catch {
      throw new UsageError(
        `${argument}: no such file (give a job ref as JSON, a file, or - for stdin)`,
      )
    }
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`the job ref in ${from} is not JSON: ${(error as Error).message}`)
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  }
  return Buffer.concat(chunks).toString('utf8')
}
