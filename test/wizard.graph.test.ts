/** The decision graph file, the ranking it drives, and the answers-file loader. */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {matchCommand} from '../src/ingest/commands.js'
import type {Finding} from '../src/model/index.js'
import {commandFor, describeCommand, loadGraph, matchesPattern, symptomById} from '../src/wizard/graph.js'
import {rankFindings} from '../src/wizard/ranking.js'
import {loadAnswers} from '../src/wizard/scripted.js'

const graph = loadGraph()
const tmp = () => mkdtempSync(join(tmpdir(), 'wizard-graph-'))

describe('decision graph', () => {
  it('asks first for the output that decides the symptom; the clock only where a date check needs it', () => {
    const first = (symptom: string, platform: string) => symptomById(graph, symptom)!.start.map((k) => commandFor(graph, k, platform)).find((c) => c !== undefined)?.command
    expect(first('one-way', 'cisco-ios')).toBe('show crypto ipsec sa')
    expect(first('one-way', 'cisco-asa')).toBe('show crypto ipsec sa')
    expect(first('one-way', 'junos-srx')).toBe('show security ipsec statistics')
    expect(first('tunnel-down', 'cisco-ios')).toBe('show crypto isakmp sa')
    expect(first('certificate', 'cisco-ios')).toBe('show crypto pki certificates')
    for (const s of graph.symptoms) {
      const clock = s.start.indexOf('clock')
      if (s.id === 'certificate' || s.id === 'everything') expect(clock).toBeGreaterThan(s.start.indexOf('certificates'))
      else expect(clock).toBe(-1)
    }
  })

  it('offers the five symptoms and the six platforms of the issue', () => {
    expect(graph.symptoms.map((s) => s.id)).toEqual(['tunnel-down', 'one-way', 'flapping', 'certificate', 'everything'])
    expect(graph.platforms.map((p) => [p.id, p.vendor])).toEqual([
      ['cisco-ios', 'cisco'],
      ['cisco-ios-xe', 'cisco'],
      ['cisco-asa', 'cisco'],
      ['junos-srx', 'junos'],
      ['junos-mx', 'junos'],
      ['junos-legacy', 'junos'],
    ])
  })

  it('names only commands that a parser of the platform vendor reads', () => {
    const vendorOf = new Map(graph.platforms.map((p) => [p.id, p.vendor]))
    const unread: string[] = []
    for (const [key, spec] of Object.entries(graph.commands)) {
      for (const [platform, command] of Object.entries(spec.platforms)) {
        if (!matchCommand(command, vendorOf.get(platform)!)) unread.push(`${key}/${platform}: ${command}`)
      }
    }
    expect(unread).toEqual([])
  })

  it('gives every platform a phase 1 and a phase 2 command, so each symptom starts somewhere', () => {
    for (const p of graph.platforms) {
      expect(commandFor(graph, 'ike-sa', p.id)).toBeDefined()
      expect(commandFor(graph, 'ipsec-sa', p.id)).toBeDefined()
    }
    expect(commandFor(graph, 'engine-active', 'junos-srx')).toBeUndefined()
  })

  it('finds a command under another spelling of the same output', () => {
    const ids = (c: string) => matchCommand(c, 'cisco')?.parsers.map((p) => p.id) ?? []
    const same = (a: string, b: string) => ids(a).some((id) => ids(b).includes(id))
    expect(describeCommand(graph, 'show crypto ikev2 sa', 'cisco-ios-xe', same)).toMatchObject({key: 'ikev2-sa', command: 'show crypto ikev2 sa detailed'})
    expect(describeCommand(graph, 'show crypto ikev2 sa', 'cisco-ios', same)?.key).toBe('ikev2-sa')
    // The ASA's other name for its IKEv1 table.
    expect(describeCommand(graph, 'show crypto ikev1 sa', 'cisco-asa', same)).toMatchObject({key: 'ike-sa', command: 'show crypto isakmp sa'})
    expect(describeCommand(graph, 'show version', 'cisco-ios', same)).toBeUndefined()
    // Without parsers, only a view word may differ.
    expect(describeCommand(graph, 'show security ike security-associations', 'junos-srx')?.command).toBe('show security ike security-associations detail')
  })

  it('matches rule patterns by prefix, exact id or "*"', () => {
    expect(matchesPattern('ike-stuck-mm-no-state', 'ike-*')).toBe(true)
    expect(matchesPattern('ipsec-zero-decaps', 'ike-*')).toBe(false)
    expect(matchesPattern('cert-expired', '*')).toBe(true)
    expect(matchesPattern('cert-expired', 'cert-expire')).toBe(false)
  })

  it('rejects a broken graph with the file and the JSON path', () => {
    const dir = tmp()
    const bad = structuredClone(graph) as unknown as {symptoms: {start: string[]}[]}
    bad.symptoms[1].start.push('no-such-command')
    writeFileSync(join(dir, 'g.json'), JSON.stringify(bad))
    const at = bad.symptoms[1].start.length - 1
    expect(() => loadGraph(join(dir, 'g.json'))).toThrow(`invalid decision graph ${join(dir, 'g.json')} at symptoms.1.start.${at}: unknown command key "no-such-command"`)
    writeFileSync(join(dir, 'h.json'), '{"platforms": [')
    // Matches "cannot read decision graph /tmp/x/h.json: Unexpected end of JSON input".
    expect(() => loadGraph(join(dir, 'h.json'))).toThrow(/cannot read decision graph .*h\.json/)
  })
})

function finding(ruleId: string, severity: Finding['severity'], causes: string[] = []): Finding {
  return {
    ruleId,
    title: ruleId,
    severity,
    baseSeverity: severity,
    category: ruleId.split('-')[0],
    device: 'R1',
    vendor: 'cisco',
    entity: {kind: 'ikeSa', id: ruleId, label: ruleId},
    message: '',
    explanation: '',
    evidence: [],
    causes,
    remediation: [],
    confirm: [],
    fingerprint: `fp-${ruleId}`,
    relatedTo: null,
    location: {file: 'x', startLine: 1, endLine: 1},
  }
}

describe('ranking', () => {
  const flapping = symptomById(graph, 'flapping')!

  it('puts relevant findings before irrelevant ones of the same severity', () => {
    const ranked = rankFindings([finding('crypto-weak-integrity', 'warning'), finding('dpd-ack-missed', 'warning')], flapping, {}, graph)
    expect(ranked.map((r) => [r.finding.ruleId, r.score, r.relevant])).toEqual([
      ['dpd-ack-missed', 25, true],
      ['crypto-weak-integrity', 20, false],
    ])
  })

  it('lets a yes/no answer reorder findings and causes', () => {
    const findings = [finding('dpd-ack-missed', 'warning', ['the peer is overloaded', 'an unstable path']), finding('lifetime-rekey-churn', 'info', ['DPD flaps', 'lifetime mismatch'])]
    const before = rankFindings(findings, flapping, {}, graph)
    expect(before.map((r) => r.finding.ruleId)).toEqual(['dpd-ack-missed', 'lifetime-rekey-churn'])
    // "Regular interval: yes" weighs lifetime rules (+3) and moves lifetime causes up.
    const after = rankFindings(findings, flapping, {'regular-interval': 'yes'}, graph)
    expect(after.map((r) => [r.finding.ruleId, r.score])).toEqual([
      ['dpd-ack-missed', 25],
      ['lifetime-rekey-churn', 18],
    ])
    expect(after[1].causes).toEqual(['lifetime mismatch', 'DPD flaps'])
    expect(after[1].reasons).toContain('+3: you answered "yes" to "Do the drops happen at a regular interval (for example every hour or every 8 hours)?"')
    // "No" points at the path instead: DPD up, its path cause first.
    const no = rankFindings(findings, flapping, {'regular-interval': 'no'}, graph)
    expect(no[0].score).toBe(27)
    expect(no[0].causes).toEqual(['an unstable path', 'the peer is overloaded'])
    expect(rankFindings(findings, flapping, {'regular-interval': 'unknown'}, graph).map((r) => r.score)).toEqual([25, 15])
  })

  it('folds findings explained by a root cause under it', () => {
    const root = finding('ike-stuck-mm-no-state', 'warning')
    const child = {...finding('ipsec-phase2-not-established', 'error'), relatedTo: root.fingerprint}
    const ranked = rankFindings([child, root], symptomById(graph, 'tunnel-down')!, {}, graph)
    expect(ranked.map((r) => r.finding.ruleId)).toEqual(['ike-stuck-mm-no-state'])
    expect(ranked[0].related.map((f) => f.ruleId)).toEqual(['ipsec-phase2-not-established'])
  })
})

describe('answers file', () => {
  it('reads YAML with yes/no facts (booleans too) and defaults', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'a.yaml'), 'symptom: flapping\nlocal: {name: R1, platform: cisco-ios}\nfacts:\n  regular-interval: true\n  peer-rebooted: no\n')
    const {answers, baseDir} = loadAnswers(join(dir, 'a.yaml'))
    expect(baseDir).toBe(dir)
    expect(answers).toEqual({symptom: 'flapping', local: {name: 'R1', platform: 'cisco-ios'}, captures: [], facts: {'regular-interval': true, 'peer-rebooted': 'no'}})
  })

  it('needs exactly one of file or text per capture', () => {
    const dir = tmp()
    writeFileSync(join(dir, 'a.json'), JSON.stringify({symptom: 'one-way', local: {name: 'R1', platform: 'cisco-ios'}, captures: [{device: 'R1', command: 'show crypto ipsec sa'}]}))
    expect(() => loadAnswers(join(dir, 'a.json'))).toThrow(`invalid answers file ${join(dir, 'a.json')} at captures.0: give exactly one of "file" or "text"`)
  })

  it('names the file it cannot read', () => {
    // Matches "cannot read answers file /nonexistent/answers.yaml: ENOENT: no such file ...".
    expect(() => loadAnswers('/nonexistent/answers.yaml')).toThrow(/cannot read answers file \/nonexistent\/answers\.yaml: ENOENT/)
  })
})
