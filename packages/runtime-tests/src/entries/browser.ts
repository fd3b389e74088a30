/** Entry of the Chromium bundle: the page imports it and calls `runScenario(emulatorUrl)`. */
export { runScenario } from '../scenario'
