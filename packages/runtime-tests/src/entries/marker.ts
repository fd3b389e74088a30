/** Prefix of the line that carries a runtime's `ScenarioResult` as JSON. */
export const RESULT_MARKER = '@@atelier-scenario-result '
