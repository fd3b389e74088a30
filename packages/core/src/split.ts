/**
 * Splitting `n`: a handler says how many outputs one call can make (`maxOutputsPerCall`), and
 * core asks for more by submitting several calls and joining their outputs, so no driver
 * loops over calls or refuses an `n` its provider could reach in several. The calls are
 * submitted one after another (a failed submit cancels what already started, so nothing
 * abandoned is paid for) and watched as one job: its ref lists the parts, so a split job
 * resumes elsewhere like any other.
 */
import type { Driver, DriverContext, Submission, TaskHandler } from './driver'
import { withWarnings } from './job'
import type { JobRef, JobSnapshot, QueuedSnapshot, RunningSnapshot } from './job-types'
import type { TaskName, TaskOutput, ValidTaskInput } from './tasks'
import type { OutputBase, Usage, Warning } from './tasks/shared'

/** The counts to ask for: `[max, max, ..., rest]`; one count when no split is needed. */
export function splitCounts(n: number | undefined, max: number | undefined): number[] | undefined {
  if (n === undefined || max === undefined || max < 1 || n <= max) return undefined
  const counts: number[] = []
  for (let left = n; left > 0; left -= max) counts.push(Math.min(max, left))
  return counts
}

/** The per-call maximum a handler declares for this input. */
export function maxOutputsFor<T extends TaskName>(
  handler: TaskHandler<T>,
  input: ValidTaskInput<T>,
): number | undefined {
  const max = handler.maxOutputsPerCall
  return typeof max === 'function' ? max(input) : max
}

/**
 * One output from several: array fields every part has are joined in order (`images`,
 * `videos`, `tracks`, `seeds`), warnings are joined, usage is summed, the rest is the first
 * part's, and `providerMetadata.parts` keeps each part's own metadata.
 */
export function joinOutputs<Output>(outputs: readonly Output[]): Output {
  const [first] = outputs
  if (outputs.length < 2 || typeof first !== 'object' || first === null) return first as Output
  const records = outputs as unknown as readonly Record<string, unknown>[]
  const joined: Record<string, unknown> = { ...records[0] }
  for (const key of Object.keys(joined)) {
    if (key === 'warnings' || key === 'usage' || key === 'providerMetadata') continue
    if (!Array.isArray(joined[key])) continue
    if (records.every((record) => Array.isArray(record[key]))) {
      joined[key] = records.flatMap((record) => record[key] as unknown[])
    } else {
      // Only some parts said (e.g. seeds): a partial list would pair values with the wrong outputs.
      delete joined[key]
    }
  }
  joined.warnings = uniqueWarnings(
    records.flatMap((record) => (record as Partial<OutputBase>).warnings ?? []),
  )
  const usage = sumUsage(records.map((record) => (record as Partial<OutputBase>).usage))
  if (usage) joined.usage = usage
  else delete joined.usage
  const metadata = records.map((record) => (record as Partial<OutputBase>).providerMetadata)
  if (metadata.some((entry) => entry !== undefined)) joined.providerMetadata = { parts: metadata }
  return joined as Output
}

/** Each warning once: every part of a split finds the same ones. */
function uniqueWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>()
  return warnings.filter((warning) => {
    const key = JSON.stringify(warning)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function sumUsage(usages: readonly (Usage | undefined)[]): Usage | undefined {
  const present = usages.filter((usage): usage is Usage => usage !== undefined)
  if (present.length === 0) return undefined
  const total: Usage = {}
  for (const usage of present) {
    for (const [key, value] of Object.entries(usage)) {
      if (key === 'estimated') total.estimated = total.estimated || value === true
      else if (typeof value === 'number') {
        const field = key as Exclude<keyof Usage, 'estimated'>
        total[field] = (total[field] ?? 0) + value
      }
    }
  }
  return total
}

/**
 * The submissions of the parts as one. All finished at once: one completed submission. All
 * in flight in this process: one inline job whose progress is the least advanced part's.
 * Otherwise one pending job whose ref lists the parts (with the finished ones' refs too,
 * when they have one, so a resumed job can fetch them again).
 */
export function joinSubmissions<T extends TaskName>(
  provider: string,
  task: T,
  parts: readonly Submission<TaskOutput<T>>[],
  inlineRef: () => JobRef<T>,
): Submission<TaskOutput<T>> {
  // Found at submit and kept in the parts' refs: the joined job carries them once.
  const found = uniqueWarnings(parts.flatMap((part) => part.ref?.warnings ?? []))
  const warnings = found.length > 0 ? { warnings: found } : {}
  if (parts.every((part) => part.type === 'completed')) {
    return {
      type: 'completed',
      output: joinOutputs(parts.map((part) => withWarnings(part.output, found))),
    }
  }
  const refs = parts.map((part) => part.ref)
  const inline = parts.some(
    (part) => part.type === 'inline' || (part.type === 'completed' && !part.ref),
  )
  if (inline) {
    const readers = parts.flatMap((part) =>
      part.type === 'inline' && part.progress ? [part.progress] : [],
    )
    return {
      type: 'inline',
      ref: { ...inlineRef(), ...warnings },
      result: Promise.all(
        parts.map((part) => (part.type === 'completed' ? part.output : partResult(part))),
      ).then(joinOutputs),
      ...(readers.length > 0
        ? {
            progress: {
              async read(context) {
                const readings = await Promise.all(readers.map((reader) => reader.read(context)))
                return leastAdvanced(readings)
              },
            },
          }
        : {}),
    }
  }
  const partRefs = refs as JobRef<T>[]
  return {
    type: 'pending',
    ref: {
      provider,
      task,
      id: partRefs.map((ref) => ref.id).join('+'),
      parts: partRefs,
      ...warnings,
    },
  }
}

function partResult<Output>(part: Submission<Output>): Promise<Output> {
  if (part.type === 'inline') return part.result
  // A pending part in an inline split cannot happen: a driver's task answers one way.
  return Promise.reject(new TypeError('a split job mixed in-flight and remote parts'))
}

/** The reading furthest from done: queued before running, then the lowest fraction. */
function leastAdvanced(
  readings: readonly (QueuedSnapshot | RunningSnapshot | undefined)[],
): QueuedSnapshot | RunningSnapshot | undefined {
  const present = readings.filter(
    (reading): reading is QueuedSnapshot | RunningSnapshot => reading !== undefined,
  )
  const queued = present.find((reading) => reading.state === 'queued')
  if (queued) return queued
  return present.reduce<RunningSnapshot | undefined>((least, reading) => {
    const running = reading as RunningSnapshot
    if (!least) return running
    return (running.progress?.fraction ?? 0) < (least.progress?.fraction ?? 0) ? running : least
  }, undefined)
}

/**
 * The driver a split job is watched through: its task's handler polls every part that has not
 * finished (once each per engine poll), and answers for them together; cancel cancels them all.
 */
export function partsDriver<T extends TaskName>(
  driver: Driver,
  task: T,
  handler: TaskHandler<T>,
): Driver {
  const finished = new Map<string, JobSnapshot<TaskOutput<T>>>()
  const poll = handler.poll?.bind(handler)
  const cancelJob = handler.cancelJob?.bind(handler)
  const cancelUnfinished = async (ref: JobRef, context: DriverContext): Promise<void> => {
    if (!cancelJob) return
    const parts = ((ref.parts ?? []) as JobRef<T>[]).filter((part) => !finished.has(part.id))
    await Promise.all(parts.map((part) => cancelJob(part, context)))
  }
  const joined: TaskHandler<TaskName> = {
    cancel: handler.cancel,
    resumable: handler.resumable,
    submit: () => Promise.reject(new TypeError('a split job is submitted part by part')),
    ...(poll
      ? {
          async poll(ref, context) {
            const parts = (ref.parts ?? []) as JobRef<T>[]
            const snapshots = await Promise.all(
              parts.map(async (part) => {
                const known = finished.get(part.id)
                if (known) return known
                const snapshot = await poll(part, context)
                if (snapshot.state !== 'queued' && snapshot.state !== 'running') {
                  finished.set(part.id, snapshot)
                }
                return snapshot
              }),
            )
            const failed = snapshots.find((snapshot) => snapshot.state === 'failed')
            if (failed) {
              // The job has failed as a whole: stop paying for the parts still running.
              await cancelUnfinished(ref, context).catch(() => {})
              return failed
            }
            if (snapshots.some((snapshot) => snapshot.state === 'canceled')) {
              return { state: 'canceled' }
            }
            if (snapshots.every((snapshot) => snapshot.state === 'completed')) {
              return {
                state: 'completed',
                output: joinOutputs(
                  snapshots.map((snapshot) => (snapshot as { output: TaskOutput<T> }).output),
                ),
              }
            }
            return (
              leastAdvanced(
                snapshots.map((snapshot) =>
                  snapshot.state === 'queued' || snapshot.state === 'running'
                    ? snapshot
                    : undefined,
                ),
              ) ?? { state: 'running' }
            )
          },
        }
      : {}),
    ...(cancelJob ? { cancelJob: cancelUnfinished } : {}),
  }
  return { ...driver, tasks: { [task]: joined } }
}
