/** Shared checks of the bad-input tests: line accounting, CLI runs, stack-trace detection. */
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {expect} from 'vitest'
import type {ParseDocument} from '../../src/model/index.js'

export const ROOT = join(import.meta.dirname, '..', '..')
export const CORPUS = import.meta.dirname

/** Builds dist/ when it is missing (npm test builds first; a lone vitest run may not have). Never deletes it. */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'commands', 'parse.js'))) return
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`)
}

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
  ms: number
}

export function runCli(args: string[], timeoutMs = 60_000): CliRun {
  const started = performance.now()
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0'},
  })
  return {status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started}
}

/** A Node stack frame ("    at parse (file.js:10:5)") or an uncaught error banner. */
export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(text).not.toMatch(/Uncaught|UnhandledPromiseRejection|TypeError|ReferenceError|RangeError/)
}

/**
 * Every line is accounted for exactly once: within each block consumed + ignored + unparsed equals
 * the block's span, unparsed lines lie inside their block, and blocks plus lines ignored outside
 * blocks add up to the lines read.
 */
export function expectEveryLineAccounted(doc: ParseDocument): void {
  let inBlocks = 0
  for (const b of doc.blocks) {
    const span = b.endLine - b.startLine + 1
    expect(b.consumedLines + b.ignoredLines + b.unparsed.length, `${b.file}:${b.startLine}-${b.endLine}`).toBe(span)
    const numbers = b.unparsed.map((u) => u.line)
    expect(new Set(numbers).size).toBe(numbers.length)
    for (const n of numbers) {
      expect(n).toBeGreaterThanOrEqual(b.startLine)
      expect(n).toBeLessThanOrEqual(b.endLine)
    }
    inBlocks += span
  }
  expect(inBlocks + doc.summary.ignoredOutsideBlocks).toBe(doc.summary.lines)
  expect(doc.summary.unparsedLines).toBe(doc.blocks.reduce((n, b) => n + b.unparsed.length, 0))
}

/** A diagnostic that names a line must name it as file:line in its message. */
export function expectFileLineInMessages(doc: ParseDocument): void {
  for (const d of doc.diagnostics) {
    if (d.line !== null) expect(d.message, d.message).toContain(`${d.file}:${d.line}`)
    else expect(d.message, d.message).toContain(d.file)
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
