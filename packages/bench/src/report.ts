/** Statistics and output shared by every benchmark: medians, percentiles, markdown tables, the JSON report. */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export function median(values: number[]): number {
  return percentile(values, 50)
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/** The report file, at the repository root: each suite adds its key; other suites' figures are kept. */
export const REPORT_PATH = fileURLToPath(
  new URL('../../../bench-results/latest.json', import.meta.url),
)

export async function writeReport(
  key: string,
  figures: unknown,
  path = REPORT_PATH,
): Promise<void> {
  let report: Record<string, unknown> = {}
  try {
    report = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  } catch {
    // first suite of the run
  }
  report[key] = figures
  report.generatedAt = new Date().toISOString()
  report.node = process.version
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`)
}
