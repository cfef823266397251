/** Measuring helpers of `npm run bench`: timed child processes with peak RSS, medians, formatting. */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

export const ROOT = join(import.meta.dirname, '..')
const GNU_TIME = '/usr/bin/time'

export interface ProcessRun {
  ms: number
  /** User + system CPU time, ms (null without GNU time): steadier than wall time on a busy machine. */
  cpuMs: number | null
  maxRssMb: number | null
  status: number | null
  stderr: string
}

/**
 * Runs `node <args>` with stdout discarded; peak RSS and CPU time come from GNU time when it is
 * installed (`/usr/bin/time -f '%M %U %S'`), else they are not reported.
 */
export function runNode(args: string[], rssFile: string): ProcessRun {
  const hasTime = existsSync(GNU_TIME)
  const command = hasTime ? GNU_TIME : process.execPath
  const argv = hasTime ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args] : args
  const started = performance.now()
  const r = spawnSync(command, argv, {cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, timeout: 300_000})
  const ms = performance.now() - started
  let maxRssMb: number | null = null
  let cpuMs: number | null = null
  if (hasTime && existsSync(rssFile)) {
    // "45132 0.31 0.04" (the last line: "Command exited with non-zero status 1" may come first)
    const [kb, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number)
    maxRssMb = Number.isFinite(kb) ? kb / 1024 : null
    cpuMs = Number.isFinite(user) && Number.isFinite(sys) ? (user + sys) * 1000 : null
    rmSync(rssFile, {force: true})
  }
  return {ms, cpuMs, maxRssMb, status: r.status, stderr: r.stderr}
}

export interface RepeatedRun {
  /** Median wall time of the runs, ms. */
  ms: number
  /** Median of the runs' peak RSS, MB (null without GNU time). */
  rssMb: number | null
  /** Median CPU time of the runs (user + system), ms (null without GNU time). */
  cpuMs: number | null
  /** Exit status of the first run. */
  status: number | null
  stderr: string
}

/** Runs `node <args>` `times` times (after one unmeasured run that fills the file cache). */
export function runNodeRepeated(times: number, args: string[], rssFile: string): RepeatedRun {
  runNode(args, rssFile)
  const runs = Array.from({length: times}, () => runNode(args, rssFile))
  const rss = runs.map((r) => r.maxRssMb).filter((v): v is number => v !== null)
  const cpu = runs.map((r) => r.cpuMs).filter((v): v is number => v !== null)
  return {ms: median(runs.map((r) => r.ms)), rssMb: rss.length > 0 ? median(rss) : null, cpuMs: cpu.length > 0 ? median(cpu) : null, status: runs[0].status, stderr: runs[0].stderr}
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs `fn` `times` times and returns the median CPU time (user + system, all threads) in ms. */
export async function cpuRuns(times: number, fn: () => unknown): Promise<number> {
  const out: number[] = []
  for (let i = 0; i < times; i++) {
    const before = process.cpuUsage()
    await fn()
    const used = process.cpuUsage(before)
    out.push((used.user + used.system) / 1000)
  }
  return median(out)
}

/** Runs `fn` `times` times and returns every duration in ms. */
export async function timeRuns(times: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await fn()
    out.push(performance.now() - started)
  }
  return out
}

export function fmt(n: number | null, digits = 0): string {
  if (n === null || !Number.isFinite(n)) return 'n/a'
  return n.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits})
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED'
}

/** A markdown table from a header and rows. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
