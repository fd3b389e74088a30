/**
 * `@atelier/onysoft/client`: direct calls to the Onysoft AI Gateway. Every endpoint is a
 * function taking an `OnysoftTransport` first (`createTask`, `getTaskStatus`, `listVideos`,
 * `listModels`), so a bundle carries only the endpoints it calls; `OnysoftClient` wraps them
 * all as methods, on its own connection or on an existing one (`new OnysoftClient(driver.transport)`).
 */
export { OnysoftClient, type OnysoftClientOptions } from './client'
export * from './functions'
export { GenerationApi, ModelsApi, VideoApi } from './method-groups'
