/**
 * The Redis the tests run against: `ATELIER_REDIS_URL` when CI started one, otherwise a
 * `redis-server` of our own on a free loopback port, without persistence, stopped afterwards.
 * Each test file takes a queue name of its own, so files never see each other's jobs.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

export interface TestRedis {
  connection: { host: string; port: number }
  close(): Promise<void>
}

export async function startRedis(): Promise<TestRedis> {
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
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await readyOrExit(child)
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

function readyOrExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
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
