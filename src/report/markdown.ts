/** `--format markdown`: a compact report for a pull-request comment (GitHub / GitLab flavoured). */
import type {DiagnoseDocument, Finding, Severity} from '../model/index.js'
import {countBySeverity, entityText, evidenceText, occurrencesText, missingText, groupByRootCause, platformTag, remediationGroups, SEVERITIES_HIGH_FIRST, timeLine} from './shared.js'

import {type CheckedOutput, missingAsUnchecked, nothingFoundLines} from './nothing-found.js'
import type {Symptom} from '../engine/symptoms.js'

const ICON: Record<Severity, string> = {critical: '🛑', error: '❌', warning: '⚠️', info: 'ℹ️'}

/** Table cells may not contain raw pipes or newlines. */
function cell(text: string): string {
  // Runs of white space ('a \n  b'), then pipes ('permit ip any | any').
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()
}

const MESSAGE_CELL_WIDTH = 140

/** The table keeps the comment short; the details block has the whole message. */
function short(text: string): string {
  const c = cell(text)
  return c.length > MESSAGE_CELL_WIDTH ? `${c.slice(0, MESSAGE_CELL_WIDTH - 1)}…` : c
}

function fence(lines: string[]): string[] {
  // A capture line could itself hold backticks; a longer fence than any run inside keeps it closed.
  // /`+/ matches the run in 'name ```x```'.
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))))
  const f = '`'.repeat(longest + 1)
  return [f, ...lines, f]
}

function heading(doc: DiagnoseDocument): string {
  const c = countBySeverity(doc.findings)
  const counts = SEVERITIES_HIGH_FIRST.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`)
  const what = counts.length > 0 ? counts.join(', ') : 'no findings'
  return `### ipsec-doctor: ${what} on ${doc.summary.devices} device(s)`
}

function details(f: Finding, related: Finding[]): string[] {
  const out = ['<details>', `<summary>${ICON[f.severity]} <b>${f.ruleId}</b> on ${f.device}: ${cell(entityText(f))}</summary>`, '']
  out.push(`**${f.message}**`, '')
  const c = f.confidence
  // Outside a table: no pipe escapes (a code span would print the backslash).
  const flat = (t: string) => t.replace(/\s+/g, ' ').trim()
  if (c) out.push(`Confidence: **${c.level}** (${flat(c.reason)})${c.settle ? `; settle it with \`${flat(c.settle)}\`` : ''}`, '')
  const occurs = occurrencesText(f)
  if (occurs) out.push(occurs, '')
  out.push(f.explanation, '')
  if (f.evidence.length > 0) out.push(...fence(f.evidence.map((e) => evidenceText(e, f.device))), '')
  if (f.causes.length > 0) out.push('Likely causes:', '', ...f.causes.map((c, i) => `${i + 1}. ${c}`), '')
  for (const g of remediationGroups(f)) {
    out.push(`Remediation (${g.heading}):`, '')
    g.steps.forEach((s, i) => out.push(`${i + 1}. \`${s.command}\`${platformTag(s)}${s.disruptive ? ' **[disruptive]**' : ''}: ${s.purpose}`))
    out.push('')
  }
  if (related.length > 0) {
    out.push(`Explains ${related.length} related finding(s):`, '')
    for (const r of related) out.push(`- ${ICON[r.severity]} \`${r.ruleId}\` ${entityText(r)}: ${r.message}`)
    out.push('')
  }
  out.push('</details>')
  return out
}

export interface MarkdownOptions {
  /** Table rows; a PR comment has a size limit (65,536 characters on GitHub). Default 50. */
  maxRows?: number
  /** Root causes with a folded details block. Default 10. */
  maxDetails?: number
  /** The outputs read, per device: when no rule fires, the report says what was checked. */
  checked?: CheckedOutput[]
  /** The symptom of the run (--symptom): the next command suggested is the one that decides it. */
  symptom?: Symptom | null
}

export function renderMarkdown(doc: DiagnoseDocument, opts: MarkdownOptions = {}): string {
  const maxRows = opts.maxRows ?? 50
  const maxDetails = opts.maxDetails ?? 10
  const out = [heading(doc), '']
  const groups = groupByRootCause(doc.findings)
  if (groups.length > 0) {
    out.push('| | Rule | Device | Entity | Message | Confidence |', '|---|---|---|---|---|---|')
    let rows = 0
    for (const g of groups) {
      for (const f of [g.root, ...g.related]) {
        if (rows++ >= maxRows) continue
        const rule = f === g.root ? `\`${f.ruleId}\`` : `↳ \`${f.ruleId}\``
        out.push(`| ${ICON[f.severity]} ${f.severity} | ${rule} | ${cell(f.device)} | ${cell(entityText(f))} | ${short(f.message)} | ${f.confidence?.level ?? ''} |`)
      }
    }
    if (rows > maxRows) out.push('', `_${rows - maxRows} more finding(s) not listed: see the SARIF, JUnit or JSON report._`)
    out.push('')
    for (const g of groups.slice(0, maxDetails)) out.push(...details(g.root, g.related))
    if (groups.length > maxDetails) out.push('', `_Details of ${groups.length - maxDetails} more root cause(s) not shown._`)
    out.push('')
  } else {
    // Never a bare "no findings": what was read, what could not be checked, what to run next.
    const open = missingAsUnchecked(doc.missing, opts.symptom)
    out.push(nothingFoundLines({checked: opts.checked ?? [], notChecked: open}).join('  \n'), '')
  }
  if (doc.missing.length > 0) {
    out.push('**What to collect next**', '')
    for (const m of doc.missing) out.push(`- ${missingText(m)}`)
    out.push('')
  }
  if (doc.baseline) {
    const stale = doc.baseline.stale.length
    out.push(`Baseline \`${doc.baseline.file}\`: ${doc.suppressed.baseline} known finding(s) suppressed, ${stale} entr${stale === 1 ? 'y' : 'ies'} no longer occur.`, '')
  }
  out.push(`<sub>ipsec-doctor ${doc.tool.version}, ${timeLine(doc)}</sub>`)
  return `${out.join('\n')}\n`
}
