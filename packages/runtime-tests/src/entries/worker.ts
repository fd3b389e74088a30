/**
 * Entry of the workerd bundle: a Worker module whose fetch handler runs the scenario against
 * the emulator URL given as `?emulator=` and answers with the `ScenarioResult` as JSON.
 */
import { runScenario } from '../scenario'

export default {
  async fetch(request: Request): Promise<Response> {
    const baseUrl = new URL(request.url).searchParams.get('emulator')
    if (!baseUrl) return new Response('missing ?emulator=<url>', { status: 400 })
    const result = await runScenario(baseUrl)
    return new Response(JSON.stringify(result), {
      headers: { 'content-type': 'application/json' },
    })
  },
}
