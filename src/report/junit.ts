/**
 * `--format junit`: JUnit XML as Jenkins (junit plugin) and GitLab (artifacts:reports:junit) read it.
 * <testsuites> / a <testsuite> per device / a <testcase> per rule and entity checked. A finding at or
 * above the gate threshold is a <failure> carrying evidence and remediation; findings below it pass
 * with their text in <system-out>; data that was missing for a check is a <skipped> case.
 */
import {create} from 'xmlbuilder2'
import type {XMLBuilder} from 'xmlbuilder2/lib/interfaces.js'
import type {DiagnoseDocument, Finding, Severity} from '../model/index.js'
import {SEVERITY_RANK} from '../model/index.js'
import {deviceTime, evidenceText, missingText, remediationGroups, sortFindings} from './shared.js'

/** A rule that ran on an entity, whether or not it fired. */
export interface CheckedPair {
  device: string
  ruleId: string
  entity: {kind: string; id: string; label: string}
}

export interface JunitOptions {
  /** Lowest severity reported as <failure>; 'never' makes every case pass. Default error. */
  failOn?: Severity | 'never'
  /** Every rule/entity pair the engine checked, so passing checks show as passing test cases. */
  checks?: CheckedPair[]
  /** Devices of the run, so a device without findings still gets its suite. */
  devices?: string[]
  /**
   * Above this many passing cases on one device (a concentrator), passing checks are counted per rule
   * in one case ("ike-stuck-mm-no-state: 9998 entities passed"). Default 1000.
   */
  maxPassingCases?: number
}

interface Case {
  ruleId: string
  entityId: string
  entityLabel: string
  findings: Finding[]
  skipped?: string
}

function caseKey(device: string, ruleId: string, entityId: string): string {
  return `${device}\u0000${ruleId}\u0000${entityId}`
}

function failureText(f: Finding): string {
  const lines = [`${f.title}: ${f.message}`, '', 'Evidence:', ...f.evidence.map((e) => `  ${evidenceText(e, f.device)}`), '', f.explanation]
  if (f.causes.length > 0) lines.push('', 'Likely causes:', ...f.causes.map((c, i) => `  ${i + 1}. ${c}`))
  for (const g of remediationGroups(f)) {
    lines.push('', `Remediation (${g.heading}):`)
    g.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.command}${s.disruptive ? ' [disruptive]' : ''}: ${s.purpose}`))
  }
  if (f.confirm.length > 0) lines.push('', 'To confirm:', ...f.confirm.map((c) => `  ${c}`))
  if (f.relatedTo) lines.push('', `Explained by root-cause finding ${f.relatedTo}`)
  return lines.join('\n')
}

function collectCases(doc: DiagnoseDocument, opts: JunitOptions): Map<string, Map<string, Case>> {
  const byDevice = new Map<string, Map<string, Case>>()
  const casesOf = (device: string) => {
    let m = byDevice.get(device)
    if (!m) byDevice.set(device, (m = new Map()))
    return m
  }
  for (const d of opts.devices ?? []) casesOf(d)
  for (const c of opts.checks ?? []) {
    casesOf(c.device).set(caseKey(c.device, c.ruleId, c.entity.id), {ruleId: c.ruleId, entityId: c.entity.id, entityLabel: c.entity.label, findings: []})
  }
  for (const f of sortFindings(doc.findings)) {
    const cases = casesOf(f.device)
    // An aggregated (posture) finding stands for every entity it lists: each of their cases fails.
    const entities = f.occurrences && f.occurrences.entities.length > 0 ? f.occurrences.entities : [f.entity]
    for (const entity of entities) {
      const key = caseKey(f.device, f.ruleId, entity.id)
      const existing = cases.get(key) ?? {ruleId: f.ruleId, entityId: entity.id, entityLabel: entity.label, findings: []}
      existing.findings.push(f)
      cases.set(key, existing)
    }
  }
  for (const m of doc.missing) {
    const cases = casesOf(m.device)
    cases.set(caseKey(m.device, 'missing-data', m.command), {
      ruleId: 'missing-data',
      entityId: m.command,
      entityLabel: m.command,
      findings: [],
      skipped: `not checked: ${missingText(m)}${m.rules.length > 0 ? ` (${m.rules.join(', ')})` : ''}`,
    })
  }
  const limit = opts.maxPassingCases ?? 1000
  for (const cases of byDevice.values()) {
    const passing = [...cases.entries()].filter(([, c]) => c.findings.length === 0 && !c.skipped)
    if (passing.length <= limit) continue
    const perRule = new Map<string, number>()
    for (const [key, c] of passing) {
      cases.delete(key)
      perRule.set(c.ruleId, (perRule.get(c.ruleId) ?? 0) + 1)
    }
    for (const [ruleId, n] of perRule) {
      cases.set(`${ruleId}\u0000passed`, {ruleId, entityId: '*', entityLabel: `${n} entities passed`, findings: []})
    }
  }
  return byDevice
}

function fails(f: Finding, failOn: Severity | 'never'): boolean {
  return failOn !== 'never' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]
}

function addCase(suite: XMLBuilder, device: string, c: Case, failOn: Severity | 'never'): {failed: boolean; skipped: boolean} {
  const first = c.findings[0]
  const tc = suite.ele('testcase', {
    classname: `ipsec-doctor.${device}.${c.ruleId}`,
    name: `${c.ruleId}: ${c.entityLabel}`,
    time: '0',
    ...(first ? {file: first.location.file, line: String(first.location.startLine)} : {}),
  })
  if (c.skipped) {
    tc.ele('skipped', {message: c.skipped})
    return {failed: false, skipped: true}
  }
  const failing = c.findings.filter((f) => fails(f, failOn))
  for (const f of failing) tc.ele('failure', {message: `${f.severity}: ${f.message}`, type: f.severity}).txt(failureText(f))
  const passing = c.findings.filter((f) => !fails(f, failOn))
  if (passing.length > 0) tc.ele('system-out').txt(passing.map((f) => `[${f.severity}] ${failureText(f)}`).join('\n\n'))
  return {failed: failing.length > 0, skipped: false}
}

export function renderJunit(doc: DiagnoseDocument, opts: JunitOptions = {}): string {
  const failOn = opts.failOn ?? 'error'
  const root = create({version: '1.0', encoding: 'UTF-8'}).ele('testsuites', {name: 'ipsec-doctor'})
  let tests = 0
  let failures = 0
  let skippedTotal = 0
  const byDevice = collectCases(doc, opts)
  for (const device of [...byDevice.keys()].sort()) {
    const cases = [...byDevice.get(device)!.values()].sort(
      (a, b) => a.ruleId.localeCompare(b.ruleId) || a.entityLabel.localeCompare(b.entityLabel),
    )
    // JUnit timestamps carry no zone: the trailing Z of '2024-03-01T10:00:00.000Z' goes.
    const judged = deviceTime(doc, device)
    const suite = root.ele('testsuite', {name: device, timestamp: judged.at.replace(/Z$/, ''), hostname: device})
    suite.ele('properties').ele('property', {name: 'time', value: judged.text})
    let suiteFailures = 0
    let suiteSkipped = 0
    if (cases.length === 0) cases.push({ruleId: 'all-rules', entityId: device, entityLabel: 'no finding', findings: []})
    for (const c of cases) {
      const r = addCase(suite, device, c, failOn)
      if (r.failed) suiteFailures++
      if (r.skipped) suiteSkipped++
    }
    suite.att({tests: String(cases.length), failures: String(suiteFailures), errors: '0', skipped: String(suiteSkipped), time: '0'})
    tests += cases.length
    failures += suiteFailures
    skippedTotal += suiteSkipped
  }
  root.att({tests: String(tests), failures: String(failures), errors: '0', skipped: String(skippedTotal), time: '0'})
  return `${root.end({prettyPrint: true})}\n`
}
