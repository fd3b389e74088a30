/**
 * What a row of a driver package's `ENDPOINTS` table (its `src/endpoints.ts`) means, the same in
 * every driver: one endpoint of the provider's API document (or current server), the client
 * method that calls it, and the tasks the driver maps onto it. Packages add columns of their
 * own (schemas, response kinds); these are the ones every table has and the docs pages list.
 */
import type { TaskName } from '../tasks'

export interface EndpointInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** As the API document writes it, with `{param}` placeholders. */
  path: string
  /** One line: what the endpoint does. */
  summary: string
  /** The client method that calls it, relative to the package's client (e.g. `video.generate`). */
  clientMethod: string
  /**
   * The tasks whose handlers call it (to submit, poll, cancel or download); empty when only the
   * client calls it.
   */
  tasks: readonly TaskName[]
  /**
   * The driver's `listModels` calls it: on the driver's path although no task does, so a
   * bundle of the driver carries it.
   */
  listsModels?: boolean
  /** Where its rules come from: the API document (`seed`) or the current server code (`server`). */
  source?: 'seed' | 'server'
}
