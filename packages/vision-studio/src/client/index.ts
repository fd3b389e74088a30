/**
 * `@atelier/vision-studio/client`: the complete typed client — `VisionStudioClient` with a
 * method for every endpoint of the API document — and everything it is made of: the transport
 * (`createTransport`, `Transport`), one standalone function per endpoint, tasks and errors.
 *
 * ```ts
 * import { VisionStudioClient, listLoRAProjects } from '@atelier/vision-studio/client'
 *
 * const studio = new VisionStudioClient({ baseUrl, apiKey }) // or on a driver's transport:
 * const shared = new VisionStudioClient(driver.transport)
 * const projects = await listLoRAProjects(shared.transport) // = shared.loRA.projects.list()
 * ```
 */
export { VisionStudioClient } from './client'
export * from './standalone'
