/** Terminal report: a cli-table3 summary, then the details of each root cause and its symptoms. */
import Table from 'cli-table3'
import {type CheckedOutput, missingAsUnchecked, nothingFoundLines} from './nothing-found.js'
import type {Symptom} from '../engine/symptoms.js'
import pc from 'picocolors'
import type {DiagnoseDocument, Finding, Severity} from '../model/index.js'
import {confidenceText, diagnosticText, entityText, evidenceText, occurrencesText, type FindingGroup, groupByRootCause, missingText, platformTag, remediationGroups, summaryLine, timeLine} from './shared.js'

export interface TableOptions {
  /** Colour and table styling; callers pass `shouldColor()` for stdout, false for files. */
  color: boolean
  /** Rows of the summary table (cli-table3 takes ~0.5 ms a row); the rest is counted. Default 200. */
  maxRows?: number
  /** Root causes detailed; the rest is counted. Default 100. */
  maxDetails?: number
  /** The outputs read, per device: when no rule fires, the report says what was checked. */
  checked?: CheckedOutput[]
  /** The symptom of the run (--symptom): the next command suggested is the one that decides it. */
  symptom?: Symptom | null
}

export const DEFAULT_MAX_ROWS = 200
export const DEFAULT_MAX_DETAILS = 100

type Colors = ReturnType<typeof pc.createColors>

// shouldColor lives in color.ts (loading it must not load cli-table3); re-exported for existing callers.
export {shouldColor} from './color.js'

const MESSAGE_WIDTH = 80
/** No separator line between body rows. */
export const COMPACT_CHARS = {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''}

function severityPaint(c: Colors, s: Severity): (text: string) => string {
  if (s === 'critical') return (t) => c.bold(c.red(t))
  if (s === 'error') return c.red
  if (s === 'warning') return c.yellow
  return c.cyan
}

function oneLine(text: string): string {
  // Runs of white space, e.g. the newline and indent in 'proxy\n    10.1.1.0'.
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > MESSAGE_WIDTH ? `${flat.slice(0, MESSAGE_WIDTH - 1)}…` : flat
}

function notShown(n: number, what: string): string {
  return `… ${n} more ${what} not shown here: --format json, sarif or junit --output FILE list them all`
}

function summaryTable(groups: FindingGroup[], c: Colors, color: boolean, maxRows: number): string {
  const style = color ? {head: ['bold'], border: ['grey']} : {head: [], border: []}
  const table = new Table({head: ['Severity', 'Rule', 'Device', 'Entity', 'Message', 'Confidence'], style, chars: COMPACT_CHARS})
  let rows = 0
  let hidden = 0
  for (const group of groups) {
    for (const f of [group.root, ...group.related]) {
      if (rows >= maxRows) {
        hidden++
        continue
      }
      rows++
      const symptom = f !== group.root
      table.push([
        severityPaint(c, f.severity)(f.severity),
        symptom ? `└ ${f.ruleId}` : f.ruleId,
        f.device,
        entityText(f),
        oneLine(f.message),
        f.confidence?.level ?? '',
      ])
    }
  }
  return hidden > 0 ? `${table.toString()}\n${notShown(hidden, 'finding(s)')}` : table.toString()
}

function indent(lines: string[], by = '    '): string[] {
  return lines.map((l) => (l === '' ? l : `${by}${l}`))
}

function findingDetails(f: Finding, c: Colors): string[] {
  const out: string[] = []
  out.push(`${f.title}: ${f.message}`)
  const occurs = occurrencesText(f)
  if (occurs) out.push(occurs)
  const confidence = confidenceText(f)
  if (confidence) out.push(`${c.bold('Confidence:')} ${confidence}`)
  if (f.evidence.length > 0) {
    out.push(c.bold('Evidence:'))
    out.push(...indent(f.evidence.map((e) => evidenceText(e, f.device)), '  '))
  }
  if (f.explanation) out.push(c.bold('Why:'), ...indent([f.explanation], '  '))
  if (f.causes.length > 0) {
    out.push(c.bold('Likely causes (most likely first):'))
    out.push(...indent(f.causes.map((cause, i) => `${i + 1}. ${cause}`), '  '))
  }
  for (const g of remediationGroups(f)) {
    out.push(c.bold(`Remediation (${g.heading}, in order):`))
    g.steps.forEach((s, i) => {
      const mark = s.disruptive ? ` ${c.red('[disruptive]')}` : ''
      out.push(`  ${i + 1}. ${c.green(s.command)}${c.cyan(platformTag(s))}${mark}`, `     ${s.purpose}`)
    })
  }
  if (f.confirm.length > 0) {
    out.push(c.bold('To confirm:'))
    out.push(...indent(f.confirm, '  '))
  }
  return out
}

function detailsSection(groups: FindingGroup[], c: Colors, maxDetails: number): string[] {
  const out: string[] = [c.bold('Details')]
  let n = 0
  for (const group of groups) {
    if (n >= maxDetails) {
      out.push('', notShown(groups.length - maxDetails, 'root cause(s)'))
      break
    }
    n++
    const f = group.root
    out.push('')
    out.push(`[${n}] ${severityPaint(c, f.severity)(f.severity.toUpperCase())} ${f.ruleId}  ${f.device}  ${entityText(f)}`)
    out.push(...indent(findingDetails(f, c)))
    if (group.related.length > 0) {
      out.push(indent([c.bold(`Explained by this root cause (${group.related.length}):`)])[0])
      for (const r of group.related) {
        const level = r.confidence ? ` (confidence ${r.confidence.level})` : ''
        out.push(`      - ${severityPaint(c, r.severity)(r.severity)} ${r.ruleId} ${entityText(r)}: ${r.message}${level}`)
        out.push(...indent(r.evidence.map((e) => evidenceText(e, r.device)), '          '))
      }
    }
  }
  return out
}

function missingSection(doc: DiagnoseDocument, c: Colors): string[] {
  if (doc.missing.length === 0) return []
  const out = ['', c.bold('What to collect next')]
  for (const m of doc.missing) {
    const rules = m.rules.length > 0 ? ` (${m.rules.join(', ')})` : ''
    out.push(`  - ${missingText(m)}${rules}`)
  }
  return out
}

function baselineSection(doc: DiagnoseDocument): string[] {
  if (!doc.baseline) return []
  const out = ['', `Baseline ${doc.baseline.file}: ${doc.suppressed.baseline} known finding(s) suppressed`]
  if (doc.baseline.stale.length > 0) {
    out.push(`  ${doc.baseline.stale.length} baseline entr${doc.baseline.stale.length === 1 ? 'y' : 'ies'} no longer occur:`)
    for (const s of doc.baseline.stale) out.push(`  - ${s.ruleId} ${s.device} ${s.entity}`)
  }
  return out
}

function diagnosticsSection(doc: DiagnoseDocument, c: Colors): string[] {
  const notes = doc.diagnostics.filter((d) => d.level !== 'info')
  if (notes.length === 0) return []
  const out = ['', c.bold('Input notes')]
  for (const d of notes) out.push(`  ${diagnosticText(d)}`)
  return out
}

/**
 * No finding: not a bare "no problem". What was read, what could not be checked (doc.missing: the
 * rules' `requires` not captured) and the next command per device (src/report/nothing-found.ts).
 */
export function nothingFound(doc: DiagnoseDocument, checked: CheckedOutput[], symptom?: Symptom | null): string[] {
  const open = missingAsUnchecked(doc.missing, symptom)
  return ['No findings.', ...nothingFoundLines({checked, notChecked: open})]
}

export function renderTable(doc: DiagnoseDocument, opts: TableOptions): string {
  const c = pc.createColors(opts.color)
  // Array literals, not push(...): a concentrator's report has more lines than a call may take arguments.
  const groups = groupByRootCause(doc.findings)
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS
  const details = detailsSection(groups, c, opts.maxDetails ?? DEFAULT_MAX_DETAILS)
  const head = doc.findings.length > 0 ? [summaryTable(groups, c, opts.color, maxRows), '', ...details] : nothingFound(doc, opts.checked ?? [], opts.symptom)
  const out = [...head, ...missingSection(doc, c), ...baselineSection(doc), ...diagnosticsSection(doc, c), '', summaryLine(doc), c.dim(timeLine(doc))]
  return `${out.join('\n')}\n`
}
