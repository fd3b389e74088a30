/**
 * `provider/model` addressing. The part before the first `/` names a registered provider;
 * the rest is the provider's own model id (which may itself contain `/`). When only one
 * registered provider serves a task, the prefix may be left out.
 */
import { type Driver, type TaskName, ValidationError } from '@atelier/core'
import { taskHandler } from '@atelier/core/driver'

export interface ResolvedModel {
  driver: Driver
  /** The provider's own model id. */
  model: string
  /** `provider/model`, for messages and events. */
  address: string
}

export function resolveModel(
  address: string,
  task: TaskName,
  drivers: ReadonlyMap<string, Driver>,
  path: (string | number)[] = ['model'],
): ResolvedModel {
  const slash = address.indexOf('/')
  const prefix = slash > 0 ? address.slice(0, slash) : undefined
  const named = prefix !== undefined ? drivers.get(prefix) : undefined
  if (named) {
    const model = address.slice(slash + 1)
    if (model.length === 0) throw modelError(path, `names provider ${prefix} but no model`)
    return { driver: named, model, address }
  }
  const serving = [...drivers.values()].filter((driver) => taskHandler(driver, task))
  if (serving.length === 1) {
    const driver = serving[0]!
    return { driver, model: address, address: `${driver.id}/${address}` }
  }
  const known = [...drivers.keys()].join(', ') || 'none registered'
  throw modelError(
    path,
    prefix !== undefined && serving.length > 1
      ? `unknown provider ${JSON.stringify(prefix)}; use provider/model with one of: ${known}`
      : `must be provider/model (providers: ${known})`,
  )
}

function modelError(path: (string | number)[], message: string): ValidationError {
  return new ValidationError([{ path, message, rule: 'model_address' }])
}
