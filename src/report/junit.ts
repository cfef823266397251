/**
 * `--format junit`: JUnit XML as Jenkins (junit plugin) and GitLab (artifacts:reports:junit) read it.
 * <testsuites> / a <testsuite> per device / a <testcase> per rule and entity checked. A finding at or
 * above the gate threshold is a <failure> carrying evidence and remediation; findings below it pass
 * with their text in <system-out>; data that was missing for a check is a <skipped> case.
 */
import {create} from 'xmlbuilder2'
import type {XMLBuilder} from 'xmlbuilder2/lib/interfaces.js'
import type {DiagnoseDocument, Finding, Severity} from '../model/index.js'
import {SEVERITY_RANK} from '../model/constants.js'
import {confidenceText, deviceTime, evidenceText, missingText, remediationGroups, sortFindings} from './shared.js'

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
  const confidence = confidenceText(f)
  const lines = [`${f.title}: ${f.message}`, ...(confidence ? [`Confidence: ${confidence}`] : []), '', 'Evidence:', ...f.evidence.map((e) => `  ${evidenceText(e, f.device)}`), '', f.explanation]
  if (f.causes.length > 0) lines.push('', 'Likely causes:', ...f.causes.map((c, i) => `  ${i + 1}. ${c}`))
  for (const g of remediationGroups(f)) {
    lines.push('', `Remediation (${g.heading}):`)
    g.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s.command}${s.disruptive ? ' [disruptive]' : ''}: ${s.purpose}`))
  }
  if (f.confirm.length > 0) lines.push('', 'To confirm:', ...f.confirm.map((c) => `  ${c}`))
  if (f.relatedTo) lines.push('', `Explained by root-cause finding ${f.relatedTo}`)
  return lines.join('\n')
}

/** The device's cases from checks, findings and missing data, in insertion order (see collectCases). */
function deviceCases(device: string, checks: CheckedPair[], findings: Finding[], missing: DiagnoseDocument['missing'], limit: number): Map<string, Case> {
  // (rule, entity) pairs that get a finding or a skip: their check cases are kept one by one.
  const special = new Map<string, Set<string>>()
  const mark = (ruleId: string, entityId: string) => {
    let ids = special.get(ruleId)
    if (!ids) special.set(ruleId, (ids = new Set()))
    ids.add(entityId)
  }
  for (const f of findings) for (const e of f.occurrences && f.occurrences.entities.length > 0 ? f.occurrences.entities : [f.entity]) mark(f.ruleId, e.id)
  for (const m of missing) mark('missing-data', m.command)
  // Passing checks, deduplicated per rule (a check repeated for the same entity is one case).
  const passingByRule = new Map<string, Set<string>>()
  let passing = 0
  for (const c of checks) {
    if (special.get(c.ruleId)?.has(c.entity.id)) continue
    let ids = passingByRule.get(c.ruleId)
    if (!ids) passingByRule.set(c.ruleId, (ids = new Set()))
    if (!ids.has(c.entity.id)) {
      ids.add(c.entity.id)
      passing++
    }
  }
  // Few passing checks: each is a case. Many (a concentrator): one case per rule counts them, after
  // every other case, in the order the rules first appear among the passing checks.
  const collapse = passing > limit
  const cases = new Map<string, Case>()
  for (const c of checks) {
    if (collapse && !special.get(c.ruleId)?.has(c.entity.id)) continue
    cases.set(caseKey(device, c.ruleId, c.entity.id), {ruleId: c.ruleId, entityId: c.entity.id, entityLabel: c.entity.label, findings: []})
  }
  for (const f of findings) {
    // An aggregated (posture) finding stands for every entity it lists: each of their cases fails.
    const entities = f.occurrences && f.occurrences.entities.length > 0 ? f.occurrences.entities : [f.entity]
    for (const entity of entities) {
      const key = caseKey(f.device, f.ruleId, entity.id)
      const existing = cases.get(key) ?? {ruleId: f.ruleId, entityId: entity.id, entityLabel: entity.label, findings: []}
      existing.findings.push(f)
      cases.set(key, existing)
    }
  }
  for (const m of missing) {
    cases.set(caseKey(m.device, 'missing-data', m.command), {
      ruleId: 'missing-data',
      entityId: m.command,
      entityLabel: m.command,
      findings: [],
      skipped: `not checked: ${missingText(m)}${m.rules.length > 0 ? ` (${m.rules.join(', ')})` : ''}`,
    })
  }
  if (collapse) {
    for (const [ruleId, ids] of passingByRule) {
      if (ids.size > 0) cases.set(`${ruleId}\u0000passed`, {ruleId, entityId: '*', entityLabel: `${ids.size} entities passed`, findings: []})
    }
  }
  return cases
}

/**
 * Cases per device: one per rule/entity pair checked (passing unless a finding fails it), one per
 * finding entity not among the checks, one skipped case per missing command. Above `maxPassingCases`
 * passing cases on a device, the passing ones are counted per rule instead.
 */
function collectCases(doc: DiagnoseDocument, opts: JunitOptions): Map<string, Map<string, Case>> {
  const devices: string[] = []
  const checksOf = new Map<string, CheckedPair[]>()
  const findingsOf = new Map<string, Finding[]>()
  const missingOf = new Map<string, DiagnoseDocument['missing']>()
  const listIn = <T>(map: Map<string, T[]>, device: string): T[] => {
    if (!checksOf.has(device) && !findingsOf.has(device) && !missingOf.has(device)) devices.push(device)
    let list = map.get(device)
    if (!list) map.set(device, (list = []))
    return list
  }
  for (const d of opts.devices ?? []) listIn(checksOf, d)
  for (const c of opts.checks ?? []) listIn(checksOf, c.device).push(c)
  for (const f of sortFindings(doc.findings)) listIn(findingsOf, f.device).push(f)
  for (const m of doc.missing) listIn(missingOf, m.device).push(m)
  const limit = opts.maxPassingCases ?? 1000
  const byDevice = new Map<string, Map<string, Case>>()
  for (const device of devices) {
    byDevice.set(device, deviceCases(device, checksOf.get(device) ?? [], findingsOf.get(device) ?? [], missingOf.get(device) ?? [], limit))
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
  for (const f of failing) tc.ele('failure', {message: `${f.severity}: ${f.message}${f.confidence ? ` (confidence ${f.confidence.level})` : ''}`, type: f.severity}).txt(failureText(f))
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
