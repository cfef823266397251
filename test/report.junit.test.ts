import {XMLParser, XMLValidator} from 'fast-xml-parser'
import {describe, expect, it} from 'vitest'
import {renderJunit} from '../src/report/junit.js'
import {CERT, INFO, PAIR, POSTURE, ROOT, sampleDoc, SYMPTOM} from './fixtures/ci/sample-docs.js'

const parser = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase', 'failure', 'property'].includes(name)})

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true)
  return parser.parse(xml)
}

describe('JUnit report', () => {
  it('is well-formed XML with the testsuites/testsuite/testcase structure Jenkins and GitLab read', () => {
    const xml = renderJunit(sampleDoc(), {devices: ['R1', 'srx1', 'R2']})
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    const root = parse(xml).testsuites
    expect(root['@name']).toBe('ipsec-doctor')
    expect(root.testsuite.map((s: any) => s['@name'])).toEqual(['R1', 'R2', 'srx1'])
    const [r1, r2, srx] = root.testsuite
    // R1: root cause + symptom fail (default threshold error), missing data is skipped
    expect(r1.testcase.map((c: any) => c['@name'])).toEqual([
      'ike-stuck-mm-no-state: peer 10.0.0.2',
      'ipsec-phase2-not-established: flow 10.1.1.0/24 -> 10.2.2.0/24',
      'missing-data: show crypto ipsec sa',
    ])
    expect(r1['@tests']).toBe('3')
    expect(r1['@failures']).toBe('2')
    expect(r1['@skipped']).toBe('1')
    expect(r1['@errors']).toBe('0')
    expect(r1.testcase[0]['@classname']).toBe('ipsec-doctor.R1.ike-stuck-mm-no-state')
    expect(r1.testcase[0]['@file']).toBe('captures/r1.txt')
    expect(r1.testcase[0]['@line']).toBe('10')
    expect(r1.testcase[2].skipped['@message']).toContain('run `show crypto ipsec sa` on R1')
    // a device with no finding still has a passing suite
    expect(r2['@tests']).toBe('1')
    expect(r2['@failures']).toBe('0')
    expect(r2.testcase[0].failure).toBeUndefined()
    // srx1: a warning and an info pass under the default threshold, their text kept in system-out
    expect(srx['@failures']).toBe('0')
    expect(srx.testcase[0]['system-out']).toContain('[warning] Certificate expires soon')
    expect(root['@tests']).toBe('6')
    expect(root['@failures']).toBe('2')
  })

  it('puts evidence, causes and the vendor remediation into the failure', () => {
    const root = parse(renderJunit(sampleDoc([ROOT]))).testsuites
    const failure = root.testsuite[0].testcase[0].failure[0]
    expect(failure['@type']).toBe('error')
    expect(failure['@message']).toBe('error: IKE phase 1 with 10.0.0.2 never got past MM_NO_STATE (confidence medium)')
    const text: string = failure['#text']
    expect(text).toContain('captures/r1.txt:12  state = MM_NO_STATE')
    expect(text).toContain('1. UDP 500 blocked on the path')
    expect(text).toContain('Remediation (cisco):\n  1. show crypto isakmp sa: Watch whether the state moves\n  2. clear crypto isakmp 1004 [disruptive]: Restart the negotiation')
    expect(text).not.toContain('show security ike security-associations')
  })

  it('follows the gate threshold: --fail-on warning fails the warning, never fails nothing', () => {
    const warn = parse(renderJunit(sampleDoc([CERT, INFO]), {failOn: 'warning'})).testsuites
    expect(warn['@failures']).toBe('1')
    const never = parse(renderJunit(sampleDoc([ROOT, CERT]), {failOn: 'never'})).testsuites
    expect(never['@failures']).toBe('0')
  })

  it('lists every checked rule/entity pair, passing ones without failure', () => {
    const checks = [
      {device: 'R1', ruleId: 'ike-stuck-mm-no-state', entity: {kind: 'ikeSa', id: 'ike:10.0.0.2:1004', label: 'peer 10.0.0.2'}},
      {device: 'R1', ruleId: 'ike-stuck-mm-no-state', entity: {kind: 'ikeSa', id: 'ike:10.0.0.9:1', label: 'peer 10.0.0.9'}},
      {device: 'R1', ruleId: 'crypto-weak-encryption', entity: {kind: 'ipsecSa', id: 'sa:1', label: 'SA 0x1'}},
    ]
    const suite = parse(renderJunit(sampleDoc([ROOT], {missing: []}), {checks})).testsuites.testsuite[0]
    expect(suite.testcase.map((c: any) => [c['@name'], c.failure ? 'fail' : 'pass'])).toEqual([
      ['crypto-weak-encryption: SA 0x1', 'pass'],
      ['ike-stuck-mm-no-state: peer 10.0.0.2', 'fail'],
      ['ike-stuck-mm-no-state: peer 10.0.0.9', 'pass'],
    ])
  })

  it('escapes markup in capture text', () => {
    const nasty = {...SYMPTOM, relatedTo: null, message: 'proxy <any> & "all" ]]> here', evidence: [{file: 'a&b.txt', line: 1, field: '<f>', value: ']]>'}]}
    const xml = renderJunit(sampleDoc([nasty]))
    const failure = parse(xml).testsuites.testsuite[0].testcase[0].failure[0]
    // the parser decodes entities: the text survives the round trip unchanged
    expect(failure['@message']).toBe('error: proxy <any> & "all" ]]> here (confidence high)')
    expect(xml).toContain('a&amp;b.txt:1  &lt;f&gt; = ]]&gt;')
  })

  it('counts passing checks per rule on a device with very many entities', () => {
    const checks = Array.from({length: 30}, (_, i) => ({device: 'R1', ruleId: i % 2 ? 'rule-b' : 'rule-a', entity: {kind: 'ikeSa', id: `ike:${i}`, label: `peer ${i}`}}))
    checks.push({device: 'R1', ruleId: 'ike-stuck-mm-no-state', entity: {kind: 'ikeSa', id: 'ike:10.0.0.2:1004', label: 'peer 10.0.0.2'}})
    const suite = parse(renderJunit(sampleDoc([ROOT], {missing: []}), {checks, maxPassingCases: 10})).testsuites.testsuite[0]
    expect(suite.testcase.map((c: any) => [c['@name'], c.failure ? 'fail' : 'pass'])).toEqual([
      ['ike-stuck-mm-no-state: peer 10.0.0.2', 'fail'],
      ['rule-a: 15 entities passed', 'pass'],
      ['rule-b: 15 entities passed', 'pass'],
    ])
    expect(suite['@tests']).toBe('3')
  })

  it('a two-device failure carries the steps of both devices', () => {
    const text: string = parse(renderJunit(sampleDoc([PAIR]))).testsuites.testsuite[0].testcase[0].failure[0]['#text']
    expect(text).toContain('Remediation (cisco on BR-R7):\n  1. show crypto isakmp sa: State on the router')
    expect(text).toContain('Remediation (junos on srx-hub):\n  1. show security ike security-associations 203.0.113.7 detail: State on the SRX')
  })

  it('stamps each suite with the instant its device was judged at', () => {
    const doc = sampleDoc([ROOT, CERT], {
      time: {at: '2024-03-01T10:00:00.000Z', source: 'capture', devices: [{device: 'srx1', at: '2024-03-02T08:00:00.000Z', source: 'flag'}]},
    })
    const suites = parse(renderJunit(doc)).testsuites.testsuite
    const byName = Object.fromEntries(suites.map((s: any) => [s['@name'], s]))
    expect(byName.R1['@timestamp']).toBe('2024-03-01T10:00:00.000')
    expect(byName.R1.properties.property[0]['@value']).toBe('judged at 2024-03-01T10:00:00.000Z (capture clock)')
    expect(byName.srx1['@timestamp']).toBe('2024-03-02T08:00:00.000')
    expect(byName.srx1.properties.property[0]['@value']).toBe('judged at 2024-03-02T08:00:00.000Z (--at)')
  })

  it('an aggregated finding fails the case of each entity it lists', () => {
    const checks = ['sa:1', 'sa:2', 'sa:3', 'sa:9'].map((id) => ({device: 'R1', ruleId: 'crypto-weak-integrity', entity: {kind: 'ipsecSa', id, label: `SA ${id}`}}))
    const suite = parse(renderJunit(sampleDoc([POSTURE], {missing: []}), {checks, failOn: 'info'})).testsuites.testsuite[0]
    expect(suite.testcase.map((c: any) => [c['@name'], c.failure ? 'fail' : 'pass'])).toEqual([
      ['crypto-weak-integrity: SA sa:1', 'fail'],
      ['crypto-weak-integrity: SA sa:2', 'fail'],
      ['crypto-weak-integrity: SA sa:3', 'fail'],
      ['crypto-weak-integrity: SA sa:9', 'pass'],
    ])
  })

  it('states the confidence in the failure message and text, and in the text of passing findings', () => {
    const root = parse(renderJunit(sampleDoc([ROOT, INFO]), {failOn: 'error'})).testsuites
    const cases = root.testsuite.flatMap((s: any) => s.testcase)
    const failure = cases.find((c: any) => c.failure)!.failure[0]
    expect(failure['@message']).toMatch(/\(confidence medium\)$/)
    expect(failure['#text']).toContain('IKE phase 1 with 10.0.0.2 never got past MM_NO_STATE\nConfidence: medium (single snapshot: the state may be passing); settle it with: show crypto isakmp sa\n')
    const passing = cases.find((c: any) => c['system-out'])
    expect(String(passing['system-out'])).toContain('Confidence: high (the capture shows it)')
  })
})
