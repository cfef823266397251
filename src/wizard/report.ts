/**
 * The end of a session: ranked findings with evidence, causes and each device's remediation, the
 * commands that confirm the fix, and the session saved as Markdown and JSON (the JSON replays with
 * `troubleshoot --answers`).
 */
import {writeFileSync} from 'node:fs'
import type {Finding, RemediationStep, Vendor} from '../model/index.js'
import {SCHEMA_VERSION} from '../model/constants.js'
import {nothingFoundLines} from '../report/nothing-found.js'
import {confidenceText} from '../report/shared.js'
import type {DecisionGraph} from './graph.js'
import {describeCommand, normalizeCommand} from './graph.js'
import type {Printer} from './io.js'
import type {AnswersFile} from './scripted.js'
import type {SessionState, Side} from './session.js'

const VENDOR_LABEL: Record<Vendor, string> = {cisco: 'Cisco', junos: 'Junos'}
const MAX_EVIDENCE = 4

function sideOf(state: SessionState, device: string): Side | undefined {
  return state.sides.find((s) => s.name === device)
}

/** Remediation steps grouped by the device they run on, each in that device's vendor syntax. */
export function remediationByDevice(finding: Finding): {device: string; vendor: Vendor; steps: RemediationStep[]}[] {
  const groups = new Map<string, {device: string; vendor: Vendor; steps: RemediationStep[]}>()
  for (const step of finding.remediation) {
    const device = step.device ?? finding.device
    if (!step.device && step.vendor !== finding.vendor) continue
    const group = groups.get(device) ?? {device, vendor: step.vendor, steps: []}
    group.steps.push(step)
    groups.set(device, group)
  }
  return [...groups.values()]
}

export interface ConfirmStep {
  device: string
  command: string
  expect: string | null
}

/** Commands to run after the fix: the finding's own confirm commands, then the captured outputs again. */
export function confirmSteps(state: SessionState, graph: DecisionGraph): ConfirmStep[] {
  const healthy = new Map<string, string | null>()
  const keyOf = (device: string, command: string) => `${device}\u0000${normalizeCommand(command)}`
  const recapture: ConfirmStep[] = []
  const recaptured = new Set<string>()
  for (const c of state.captures) {
    const side = sideOf(state, c.device)
    // A capture may hold several commands (a whole session log): each is worth running again.
    for (const command of [c.command, ...c.commandsSeen]) {
      const known = side ? describeCommand(graph, command, side.platform.id) : undefined
      if (known?.key === 'clock') continue
      const own = (known?.key && side && graph.commands[known.key].platforms[side.platform.id]) || command
      const id = `${c.device}\u0000${known?.key ?? normalizeCommand(command)}`
      if (recaptured.has(id)) continue
      recaptured.add(id)
      healthy.set(keyOf(c.device, own), known?.healthy ?? null)
      recapture.push({device: c.device, command: own, expect: known?.healthy ?? null})
    }
  }
  const steps: ConfirmStep[] = []
  const seen = new Set<string>()
  const add = (s: ConfirmStep) => {
    const key = keyOf(s.device, s.command)
    if (seen.has(key)) return
    seen.add(key)
    steps.push({...s, expect: s.expect ?? healthy.get(key) ?? null})
  }
  for (const r of state.ranked.filter((x) => x.relevant)) for (const command of r.finding.confirm) add({device: r.finding.device, command, expect: null})
  for (const s of recapture) add(s)
  return steps
}

/**
 * When no rule fired: never a bare "no problem". What was checked (the outputs given), what could
 * not be (the outputs skipped or still wanted), and the next command to run on each device; the same
 * wording as `diagnose` (src/report/nothing-found.ts).
 */
export function nothingFound(state: SessionState): string[] {
  return nothingFoundLines({
    checked: state.captures.map((c) => ({device: c.device, command: c.command})),
    notChecked: state.notChecked,
    scope: 'symptom',
  })
}

export function printReport(out: Printer, state: SessionState, graph: DecisionGraph): void {
  out.line()
  out.line(out.bold(`Findings for "${state.symptom.label}", most likely first`))
  const timeSource = {capture: "the capture's clock", flag: '--at', now: 'the current time: no clock in the captures'}
  if (state.diagnosis) out.line(out.dim(`Dates and lifetimes judged at ${state.diagnosis.time.at} (${timeSource[state.diagnosis.time.source]}).`))
  if (state.diagnoseError) out.line(out.red(`The rules could not run: ${state.diagnoseError}`))
  if (state.captures.length === 0) out.line('No output was given, so nothing could be checked.')
  else if (state.ranked.length === 0) for (const l of nothingFound(state)) out.line(l)
  const colour = {critical: out.red, error: out.red, warning: out.yellow, info: out.cyan}
  const relevant = state.ranked.filter((r) => r.relevant)
  const others = state.ranked.filter((r) => !r.relevant)
  if (relevant.length === 0 && others.length > 0) out.line(`Nothing found that explains "${state.symptom.label}".`)
  relevant.forEach((r, i) => {
    const f = r.finding
    out.line()
    out.line(`${out.bold(`${i + 1}.`)} ${colour[f.severity](f.severity.toUpperCase())} ${out.bold(f.ruleId)} on ${f.device}: ${f.entity.label}`)
    out.line(`   ${f.message}`)
    const confidence = confidenceText(f)
    if (confidence) out.line(`   Confidence: ${confidence}`)
    for (const e of f.evidence.slice(0, MAX_EVIDENCE)) out.line(out.dim(`   ${e.file}:${e.line}  ${e.field} = ${e.value}`))
    if (r.causes.length > 0) out.line(`   Likely causes: ${r.causes.map((c, n) => `${n + 1}) ${c}`).join('; ')}`)
    for (const group of remediationByDevice(f)) {
      const side = sideOf(state, group.device)
      out.line(`   Fix on ${group.device} (${side?.platform.label ?? VENDOR_LABEL[group.vendor]}):`)
      group.steps.forEach((s, n) => out.line(`     ${n + 1}. ${out.cyan(s.command)}  ${out.dim(s.purpose)}${s.disruptive ? out.yellow('  [drops traffic]') : ''}`))
    }
    if (r.related.length > 0) out.line(out.dim(`   Also explained by this: ${r.related.map((x) => `${x.ruleId} (${x.device})`).join(', ')}`))
    if (r.reasons.length > 2) out.line(out.dim(`   Ranked by: ${r.reasons.join('; ')}`))
  })
  if (others.length > 0) {
    out.line()
    out.line(out.bold('Other findings, not tied to this symptom') + out.dim(' (ipsec-doctor diagnose shows their details):'))
    others.forEach((r, i) => {
      const f = r.finding
      out.line(`${relevant.length + i + 1}. ${colour[f.severity](f.severity.toUpperCase())} ${f.ruleId} on ${f.device}: ${f.message}`)
    })
  }
  const confirm = confirmSteps(state, graph)
  if (confirm.length > 0) {
    out.line()
    out.line(out.bold('After the fix, confirm it with:'))
    for (const c of confirm) out.line(`  on ${c.device}: ${out.cyan(c.command)}${c.expect ? out.dim(`  (expect ${c.expect})`) : ''}`)
  }
  if (state.notChecked.length > 0) {
    out.line()
    out.line(out.bold('Not checked for lack of data:'))
    for (const n of state.notChecked) {
      const enables = n.rules.length > 0 ? ` would enable ${n.rules.join(', ')}` : ''
      out.line(`  ${n.device}: ${n.command}${n.skipped ? ' (skipped)' : ''}${enables}`)
    }
  }
}

/** The answers file that replays this session (captures inline). */
export function answersOf(state: SessionState): AnswersFile {
  const [local, remote] = state.sides
  return {
    symptom: state.symptom.id,
    local: {name: local.name, platform: local.platform.id},
    remote: remote ? {name: remote.name, platform: remote.platform.id} : null,
    captures: state.captures.map((c) => ({device: c.device, command: c.command, text: c.text})),
    facts: {...state.facts},
  }
}

export function sessionJson(state: SessionState, createdAt: string): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'ipsec-doctor-troubleshoot-session',
    createdAt,
    answers: answersOf(state),
    symptom: {id: state.symptom.id, label: state.symptom.label},
    devices: state.sides.map((s) => ({role: s.role, name: s.name, platform: s.platform.id, vendor: s.platform.vendor})),
    captures: state.captures.map((c) => ({device: c.device, command: c.command, source: c.source, path: c.path, summary: c.summary, commandsSeen: c.commandsSeen})),
    skipped: state.skipped,
    facts: state.facts,
    ranked: state.ranked.map((r) => ({score: r.score, reasons: r.reasons, causes: r.causes, finding: r.finding, related: r.related.map((f) => ({fingerprint: f.fingerprint, ruleId: f.ruleId, device: f.device, severity: f.severity, confidence: f.confidence}))})),
    missing: state.diagnosis?.missing ?? [],
    diagnoseError: state.diagnoseError,
  }
}

function fence(text: string): string {
  // Runs of backticks inside the capture, e.g. the "```" in a pasted note, need a longer fence.
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const ticks = '`'.repeat(longest + 1)
  // Drops the one trailing newline of "...ACTIVE\n" so the fence closes on the next line.
  return `${ticks}text\n${text.replace(/\n$/, '')}\n${ticks}`
}

export function sessionMarkdown(state: SessionState, graph: DecisionGraph, createdAt: string): string {
  const md: string[] = ['# ipsec-doctor troubleshooting session', '', `- Date: ${createdAt}`, `- Symptom: ${state.symptom.label}`]
  for (const s of state.sides) md.push(`- ${s.role === 'local' ? 'Local' : 'Remote'} device: ${s.name} (${s.platform.label})`)
  const facts = Object.entries(state.facts)
  if (facts.length > 0) {
    md.push('', '## Answers', '')
    for (const [id, answer] of facts) md.push(`- ${graph.questions.find((q) => q.id === id)?.text ?? id} **${answer}**`)
  }
  md.push('', '## Findings (most likely first)', '')
  if (state.ranked.length === 0) md.push(state.captures.length === 0 ? 'No output was given.' : nothingFound(state).join('  \n'))
  const relevant = state.ranked.filter((r) => r.relevant)
  const others = state.ranked.filter((r) => !r.relevant)
  relevant.forEach((r, i) => {
    const f = r.finding
    md.push(`### ${i + 1}. ${f.severity.toUpperCase()} \`${f.ruleId}\` on ${f.device}: ${f.entity.label}`, '', f.message, '')
    if (f.evidence.length > 0) {
      md.push('Evidence:', '')
      for (const e of f.evidence) md.push(`- \`${e.file}:${e.line}\` ${e.field} = \`${e.value}\``)
      md.push('')
    }
    if (r.causes.length > 0) {
      md.push('Likely causes:', '')
      r.causes.forEach((c, n) => md.push(`${n + 1}. ${c}`))
      md.push('')
    }
    for (const group of remediationByDevice(f)) {
      md.push(`Fix on ${group.device} (${VENDOR_LABEL[group.vendor]}):`, '')
      group.steps.forEach((s, n) => md.push(`${n + 1}. \`${s.command}\`: ${s.purpose}${s.disruptive ? ' (drops traffic)' : ''}`))
      md.push('')
    }
    if (r.related.length > 0) md.push(`Also explained by this: ${r.related.map((x) => `\`${x.ruleId}\` (${x.device})`).join(', ')}`, '')
  })
  if (others.length > 0) {
    md.push('### Other findings, not tied to this symptom', '')
    others.forEach((r, i) => md.push(`${relevant.length + i + 1}. ${r.finding.severity.toUpperCase()} \`${r.finding.ruleId}\` on ${r.finding.device}: ${r.finding.message}`))
    md.push('')
  }
  const confirm = confirmSteps(state, graph)
  if (confirm.length > 0) {
    md.push('## Confirm the fix', '')
    for (const c of confirm) md.push(`- on ${c.device}: \`${c.command}\`${c.expect ? `: expect ${c.expect}` : ''}`)
    md.push('')
  }
  md.push('## Captures', '')
  for (const c of state.captures) md.push(`### ${c.device}: \`${c.command}\``, '', `Understood: ${c.summary}`, '', fence(c.text), '')
  for (const s of state.skipped) md.push(`- Skipped on ${s.device}: \`${s.command}\``)
  // Trailing blank lines ("...\n\n\n") end as one newline.
  return md.join('\n').replace(/\n+$/, '\n')
}

export function saveSession(state: SessionState, graph: DecisionGraph, paths: {markdown?: string; json?: string}, createdAt: string): string[] {
  const written: string[] = []
  if (paths.markdown) {
    writeFileSync(paths.markdown, sessionMarkdown(state, graph, createdAt))
    written.push(paths.markdown)
  }
  if (paths.json) {
    writeFileSync(paths.json, JSON.stringify(sessionJson(state, createdAt), null, 2) + '\n')
    written.push(paths.json)
  }
  return written
}
