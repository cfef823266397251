/**
 * Baselines: record today's findings by fingerprint so a CI gate fails only on new ones.
 * The fingerprint (rule + device + entity, no counters) comes from the engine, so a finding keeps
 * its place in the baseline while its counters move.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'
import {z} from 'zod'
import {Severity} from '../model/index.js'
import type {DiagnoseDocument, Finding} from '../model/index.js'

export const BASELINE_VERSION = 1

export const BaselineEntry = z
  .object({
    fingerprint: z.string().min(1),
    ruleId: z.string(),
    device: z.string(),
    entity: z.string().describe('Entity label, for people reading the file'),
    severity: Severity,
    message: z.string(),
  })
  .strict()
export type BaselineEntry = z.infer<typeof BaselineEntry>

export const BaselineFile = z
  .object({
    baselineVersion: z.literal(BASELINE_VERSION),
    tool: z.object({name: z.literal('ipsec-doctor'), version: z.string()}),
    /** When the findings were judged (the diagnose document's time), not when the file was written. */
    judgedAt: z.string(),
    findings: z.array(BaselineEntry),
  })
  .strict()
export type BaselineFile = z.infer<typeof BaselineFile>

export class BaselineError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`baseline ${file}: ${problem}`)
    this.name = 'BaselineError'
  }
}

function entryOf(f: Finding): BaselineEntry {
  return {fingerprint: f.fingerprint, ruleId: f.ruleId, device: f.device, entity: f.entity.label, severity: f.severity, message: f.message}
}

/** One entry per fingerprint, sorted, so the file diffs cleanly in a repository. */
export function createBaseline(doc: DiagnoseDocument): BaselineFile {
  const byFingerprint = new Map<string, BaselineEntry>()
  for (const f of doc.findings) if (!byFingerprint.has(f.fingerprint)) byFingerprint.set(f.fingerprint, entryOf(f))
  const findings = [...byFingerprint.values()].sort(
    (a, b) => a.device.localeCompare(b.device) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint),
  )
  return {baselineVersion: BASELINE_VERSION, tool: doc.tool, judgedAt: doc.time.at, findings}
}

export function writeBaseline(file: string, baseline: BaselineFile): void {
  mkdirSync(dirname(resolve(file)), {recursive: true})
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`)
}

export function readBaseline(file: string, shownAs: string = file): BaselineFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new BaselineError(shownAs, `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new BaselineError(shownAs, `not valid JSON: ${(error as Error).message}`)
  }
  const parsed = BaselineFile.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)'
    throw new BaselineError(shownAs, `${path}: ${issue.message} (write a new one with \`ipsec-doctor baseline <inputs> -o ${shownAs}\`)`)
  }
  return parsed.data
}

/**
 * Keeps only findings whose fingerprint the baseline does not hold; records how many were
 * suppressed and which baseline entries did not occur in this run.
 */
export function applyBaseline(doc: DiagnoseDocument, baseline: BaselineFile, shownAs: string): DiagnoseDocument {
  const known = new Set(baseline.findings.map((e) => e.fingerprint))
  const current = new Set(doc.findings.map((f) => f.fingerprint))
  const kept = doc.findings.filter((f) => !known.has(f.fingerprint))
  const stale = baseline.findings
    .filter((e) => !current.has(e.fingerprint))
    .map((e) => ({fingerprint: e.fingerprint, ruleId: e.ruleId, device: e.device, entity: e.entity}))
  const bySeverity: Record<Severity, number> = {critical: 0, error: 0, warning: 0, info: 0}
  for (const f of kept) bySeverity[f.severity]++
  return {
    ...doc,
    findings: kept,
    suppressed: {...doc.suppressed, baseline: doc.suppressed.baseline + (doc.findings.length - kept.length)},
    baseline: {file: shownAs, stale},
    summary: {...doc.summary, bySeverity},
  }
}
