/**
 * A Redis for the durable bench: `ATELIER_REDIS_URL` when one runs (CI starts one), otherwise
 * a `redis-server` of the bench's own on a free loopback port, without persistence, stopped
 * at the end. Debian's package: `apt-get install redis-server`.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

export interface BenchRedis {
  connection: { host: string; port: number }
  close(): Promise<void>
}

export async function startRedis(): Promise<BenchRedis> {
  const given = process.env.ATELIER_REDIS_URL
  if (given) {
    const url = new URL(given)
    return {
      connection: { host: url.hostname, port: Number(url.port || 6379) },
      close: async () => {},
    }
  }
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', `${port}`, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    let output = ''
    child.once('error', (error) =>
      reject(
        new Error(`redis-server could not start (apt-get install redis-server): ${error.message}`),
      ),
    )
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)))
  })
  child.stdout?.resume()
  return {
    connection: { host: '127.0.0.1', port },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** `used_memory` from an `INFO` answer, in bytes. */
export function usedMemory(info: string): number {
  const match = /^used_memory:(\d+)/m.exec(info)
  if (!match) throw new Error('INFO has no used_memory line')
  return Number(match[1])
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
