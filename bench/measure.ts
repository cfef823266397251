/** In-process measurements of `npm run bench`: ingest of one file and diagnose of its document. */
import {statSync} from 'node:fs'
import {diagnose, loadRules} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import type {ParseDocument} from '../src/model/index.js'
import {median} from './lib.js'

export type Rules = Awaited<ReturnType<typeof loadRules>>['rules']

export interface IngestFigures {
  bytes: number
  lines: number
  facts: number
  unparsed: number
  /** Median wall time, ms. */
  ms: number
  /** Median CPU time (user + system, all threads, GC included), ms. */
  cpuMs: number
  mbPerSecond: number
  doc: ParseDocument
}

/** `ingestFiles([file])` `runs` times after one warm-up run; medians of wall and CPU time. */
export async function measureIngest(file: string, runs: number): Promise<IngestFigures> {
  let doc = await ingestFiles([file])
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    doc = await ingestFiles([file])
    wall.push(performance.now() - t)
    const used = process.cpuUsage(c)
    cpu.push((used.user + used.system) / 1000)
  }
  const bytes = statSync(file).size
  const ms = median(wall)
  return {bytes, lines: doc.summary.lines, facts: doc.summary.facts, unparsed: doc.summary.unparsedLines, ms, cpuMs: median(cpu), mbPerSecond: bytes / 1e6 / (ms / 1000), doc}
}

/** `diagnose(doc)` `runs` times; median wall time and the number of findings. */
export async function measureDiagnose(doc: ParseDocument, rules: Rules, at: string, runs: number): Promise<{ms: number; findings: number}> {
  let findings = 0
  const wall: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    findings = (await diagnose(doc, {rules, at})).findings.length
    wall.push(performance.now() - t)
  }
  return {ms: median(wall), findings}
}
