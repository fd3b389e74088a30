/**
 * The drivers the command talks to: the sidecar always (at its default URL, ATELIER_LOCAL_URL,
 * the config file's, or the embedded emulator's with `--emulator`), and each cloud provider only
 * when it is configured, so a missing key never turns into a request that fails.
 */
import { canary } from '@atelier/canary'
import type { Driver } from '@atelier/core'
import { createSidecarEmulator, serve } from '@atelier/emulators'
import { local } from '@atelier/local'
import { onysoft } from '@atelier/onysoft'
import { visionStudio } from '@atelier/vision-studio'
import { vlmrun } from '@atelier/vlmrun'
import type { ProviderConnection, ProviderId } from './config'

export interface Providers {
  drivers: Driver[]
  /** Where each driver sends its requests (no keys), for messages. */
  endpoints: Partial<Record<ProviderId, string>>
  /** Stops the embedded emulator, when one runs. */
  close(): Promise<void>
}

export interface EmulatorSetting {
  /** Multiplies the sidecar's typical job times (default 0.02: a 50-step video takes 1.5 s). */
  timeScale?: number
}

export async function createProviders(
  connections: Partial<Record<ProviderId, ProviderConnection>>,
  emulator: EmulatorSetting | undefined,
): Promise<Providers> {
  let close = async () => {}
  let localConnection = connections.local ?? {}
  if (emulator) {
    // No GPU and no key: a sidecar emulator in this process, answering with fake media.
    const sidecar = createSidecarEmulator(
      emulator.timeScale !== undefined ? { timeScale: emulator.timeScale } : {},
    )
    const server = await serve(sidecar.handler)
    localConnection = { baseUrl: server.url }
    close = () => server.close()
  }
  const drivers: Driver[] = []
  const endpoints: Providers['endpoints'] = {}
  const localDriver = local(localConnection.baseUrl ? { baseUrl: localConnection.baseUrl } : {})
  drivers.push(localDriver)
  endpoints.local = localConnection.baseUrl ?? 'http://localhost:4201'
  const {
    canary: canaryConnection,
    onysoft: onysoftConnection,
    vlmrun: vlmConnection,
  } = connections
  if (canaryConnection?.baseUrl) {
    drivers.push(canary({ baseUrl: canaryConnection.baseUrl, apiKey: canaryConnection.apiKey }))
    endpoints.canary = canaryConnection.baseUrl
  }
  if (onysoftConnection?.apiKey) {
    drivers.push(onysoft(withBaseUrl(onysoftConnection, { apiKey: onysoftConnection.apiKey })))
    endpoints.onysoft = onysoftConnection.baseUrl ?? 'the Onysoft gateway'
  }
  if (vlmConnection?.apiKey) {
    drivers.push(vlmrun(withBaseUrl(vlmConnection, { apiKey: vlmConnection.apiKey })))
    endpoints.vlmrun = vlmConnection.baseUrl ?? 'VLM Run'
  }
  const studio = connections['vision-studio']
  if (studio?.baseUrl) {
    drivers.push(visionStudio({ baseUrl: studio.baseUrl, apiKey: studio.apiKey }))
    endpoints['vision-studio'] = studio.baseUrl
  }
  return { drivers, endpoints, close: () => close() }
}

/** The options with `baseUrl` only when one is set, so the driver's own default applies otherwise. */
function withBaseUrl<T extends object>(connection: ProviderConnection, options: T): T {
  return connection.baseUrl ? { ...options, baseUrl: connection.baseUrl } : options
}
