/**
 * Where `atelier` finds its providers and defaults: flags first, then the environment, then a
 * config file (`--config <file>`, or `atelier.config.json` in the working directory when there
 * is one). The file holds no secret unless you put one there: API keys are best left in the
 * environment.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from './exit-codes'

/** The provider ids the command can create, as `provider/model` addresses name them. */
export const PROVIDER_IDS = ['local', 'canary', 'onysoft', 'vlmrun', 'vision-studio'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

export interface ProviderConnection {
  baseUrl?: string
  apiKey?: string
}

/** The shape of `atelier.config.json`. */
export interface ConfigFile {
  /** Connections per provider, e.g. `{ "local": { "baseUrl": "http://gpu-box:4201" } }`. */
  providers?: Partial<Record<ProviderId, ProviderConnection>>
  /** The model each command uses when `-m` is not given, e.g. `{ "image": "canary/gpt-image-1" }`. */
  models?: Record<string, string>
  /** Folder for outputs written without `-o`. Default: the working directory. */
  outDir?: string
  /** The embedded sidecar emulator of `--emulator`: `timeScale` stretches its job times. */
  emulator?: { timeScale?: number }
}

export const DEFAULT_CONFIG_FILE = 'atelier.config.json'

const TOP_LEVEL_KEYS = ['providers', 'models', 'outDir', 'emulator', '$schema']
const CONNECTION_KEYS = ['baseUrl', 'apiKey']

/** Reads and checks the config file; `{}` when none is named and the default file is absent. */
export function loadConfigFile(path: string | undefined, cwd: string): ConfigFile {
  const file = resolve(cwd, path ?? DEFAULT_CONFIG_FILE)
  if (!existsSync(file)) {
    if (path === undefined) return {}
    throw new UsageError(`config file ${file} does not exist`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`config file ${file} is not JSON: ${(error as Error).message}`)
  }
  return checkConfig(parsed, file)
}

/** Refuses what the command would otherwise ignore without a word: unknown keys, wrong types. */
export function checkConfig(value: unknown, file: string): ConfigFile {
  const fail = (where: string, message: string): never => {
    throw new UsageError(`config file ${file}: ${where} ${message}`)
  }
  if (!isObject(value)) return fail('the top level', 'must be an object')
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      fail(`"${key}"`, `is not a setting (known: ${TOP_LEVEL_KEYS.slice(0, 4).join(', ')})`)
    }
  }
  const { providers, models, outDir, emulator } = value
  if (providers !== undefined) {
    if (!isObject(providers)) fail('"providers"', 'must be an object')
    for (const [id, connection] of Object.entries(providers as object)) {
      if (!(PROVIDER_IDS as readonly string[]).includes(id)) {
        fail(`"providers.${id}"`, `is not a provider (known: ${PROVIDER_IDS.join(', ')})`)
      }
      if (!isObject(connection)) fail(`"providers.${id}"`, 'must be an object')
      for (const [key, setting] of Object.entries(connection as object)) {
        if (!CONNECTION_KEYS.includes(key)) {
          fail(
            `"providers.${id}.${key}"`,
            `is not a setting (known: ${CONNECTION_KEYS.join(', ')})`,
          )
        }
        if (typeof setting !== 'string') fail(`"providers.${id}.${key}"`, 'must be a string')
      }
    }
  }
  if (models !== undefined) {
    if (!isObject(models)) fail('"models"', 'must be an object')
    for (const [command, model] of Object.entries(models as object)) {
      if (typeof model !== 'string') fail(`"models.${command}"`, 'must be a provider/model string')
    }
  }
  if (outDir !== undefined && typeof outDir !== 'string') fail('"outDir"', 'must be a string')
  if (emulator !== undefined) {
    if (!isObject(emulator)) fail('"emulator"', 'must be an object')
    const { timeScale, ...rest } = emulator as Record<string, unknown>
    for (const key of Object.keys(rest))
      fail(`"emulator.${key}"`, 'is not a setting (known: timeScale)')
    if (timeScale !== undefined && !(typeof timeScale === 'number' && timeScale >= 0)) {
      fail('"emulator.timeScale"', 'must be a number >= 0')
    }
  }
  return value as ConfigFile
}

/** The connections in effect: flags over the environment over the config file. */
export function connectionsFrom(
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
  flags: { localUrl?: string },
): Partial<Record<ProviderId, ProviderConnection>> {
  const fromFile = file.providers ?? {}
  const merge = (id: ProviderId, fromEnv: ProviderConnection): ProviderConnection | undefined => {
    const connection = {
      ...fromFile[id],
      ...Object.fromEntries(Object.entries(fromEnv).filter(([, value]) => value)),
    }
    return Object.keys(connection).length > 0 ? connection : undefined
  }
  const connections: Partial<Record<ProviderId, ProviderConnection>> = {}
  // The sidecar is always there: at its default URL when nothing names another.
  connections.local = merge('local', { baseUrl: flags.localUrl ?? env.ATELIER_LOCAL_URL }) ?? {}
  const canary = merge('canary', { baseUrl: env.CANARY_URL, apiKey: env.CANARY_API_KEY })
  if (canary?.baseUrl) connections.canary = canary
  const onysoft = merge('onysoft', { baseUrl: env.ONYSOFT_URL, apiKey: env.ONYSOFT_API_KEY })
  if (onysoft?.apiKey) connections.onysoft = onysoft
  const vlmrun = merge('vlmrun', { baseUrl: env.VLMRUN_URL, apiKey: env.VLMRUN_API_KEY })
  if (vlmrun?.apiKey) connections.vlmrun = vlmrun
  const studio = merge('vision-studio', {
    baseUrl: env.VISION_STUDIO_URL,
    apiKey: env.VISION_STUDIO_API_KEY,
  })
  if (studio?.baseUrl) connections['vision-studio'] = studio
  return connections
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
