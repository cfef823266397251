import {createRequire} from 'node:module'
import {readFileSync} from 'node:fs'
import Ajv04 from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {artifactUri, buildSarif, FINGERPRINT_KEY, renderSarif} from '../src/report/sarif.js'
import {CERT, INFO, ROOT, sampleDoc, SYMPTOM} from './fixtures/ci/sample-docs.js'

// The official SARIF 2.1.0 schema (OASIS, as published to schemastore) shipped by @microsoft/jest-sarif.
const require = createRequire(import.meta.url)
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'))

function validator() {
  // The official schema's `language` pattern has a stray "]" that is only legal without the u flag.
  const ajv = new Ajv04({allErrors: true, strict: false, unicodeRegExp: false})
  addFormats(ajv)
  return ajv.compile(schema)
}

describe('SARIF report', () => {
  const validate = validator()

  it('uses the official schema file (not a hand-written one)', () => {
    expect(schema.title).toMatch(/Static Analysis Results Format \(SARIF\) Version 2\.1\.0/)
    expect(Object.keys(schema.definitions).length).toBeGreaterThan(50)
  })

  it('is valid against the SARIF 2.1.0 schema, with findings, without findings and with odd paths', () => {
    for (const doc of [
      sampleDoc(),
      sampleDoc([]),
      sampleDoc([{...ROOT, location: {file: '/abs/dir with space/r1.txt', startLine: 3, endLine: 3}}]),
      sampleDoc([{...INFO, evidence: [], location: {file: '-', startLine: 1, endLine: 1}}]),
    ]) {
      const log = JSON.parse(renderSarif(doc))
      const ok = validate(log)
      expect(validate.errors ?? []).toEqual([])
      expect(ok).toBe(true)
    }
  })

  it('the validator does reject a broken log', () => {
    const log = buildSarif(sampleDoc()) as any
    log.runs[0].results[0].level = 'fatal'
    expect(validate(log)).toBe(false)
    const noVersion = buildSarif(sampleDoc()) as any
    delete noVersion.version
    expect(validate(noVersion)).toBe(false)
  })

  it('lists each rule once with its metadata and help text, results point at the rule by index', () => {
    const log = buildSarif(sampleDoc()) as any
    const run = log.runs[0]
    const rules = run.tool.driver.rules
    expect(rules.map((r: any) => r.id)).toEqual(['cert-expiring-soon', 'ike-stuck-mm-no-state', 'ipsec-no-traffic', 'ipsec-phase2-not-established'])
    const ike = rules[1]
    expect(ike.name).toBe('IkeStuckMmNoState')
    expect(ike.shortDescription.text).toBe('Phase 1 stuck in MM_NO_STATE')
    expect(ike.help.text).toContain('1. UDP 500 blocked on the path')
    expect(ike.help.text).toContain('Remediation (cisco):\n1. show crypto isakmp sa: Watch whether the state moves\n2. clear crypto isakmp 1004 [disruptive]')
    expect(ike.help.text).toContain('Remediation (junos):')
    expect(ike.help.markdown).toContain('`clear crypto isakmp 1004` [disruptive]')
    expect(ike.defaultConfiguration.level).toBe('warning') // baseSeverity
    for (const r of run.results) expect(rules[r.ruleIndex].id).toBe(r.ruleId)
  })

  it('maps severities to SARIF levels', () => {
    const run = (buildSarif(sampleDoc()) as any).runs[0]
    const levels = Object.fromEntries(run.results.map((r: any) => [r.ruleId, r.level]))
    expect(levels).toEqual({'ike-stuck-mm-no-state': 'error', 'ipsec-phase2-not-established': 'error', 'cert-expiring-soon': 'warning', 'ipsec-no-traffic': 'note'})
    const crit = (buildSarif(sampleDoc([{...ROOT, severity: 'critical'}])) as any).runs[0].results[0]
    expect(crit.level).toBe('error')
    expect(crit.properties.severity).toBe('critical')
  })

  it('locates results at the capture file and lines, evidence as related locations', () => {
    const result = (buildSarif(sampleDoc([ROOT])) as any).runs[0].results[0]
    expect(result.locations[0].physicalLocation).toEqual({artifactLocation: {uri: 'captures/r1.txt'}, region: {startLine: 10, endLine: 12}})
    expect(result.relatedLocations[0].physicalLocation.region).toEqual({startLine: 12, endLine: 12})
    expect(result.relatedLocations[0].message.text).toBe('captures/r1.txt:12  state = MM_NO_STATE')
    expect(result.message.text).toBe('R1 peer 10.0.0.2: IKE phase 1 with 10.0.0.2 never got past MM_NO_STATE. Confidence medium: single snapshot: the state may be passing; settle it with: show crypto isakmp sa. First step: show crypto isakmp sa')
  })

  it('fingerprints come from finding.fingerprint and stay stable when counters and order change', () => {
    const a = (buildSarif(sampleDoc([ROOT, CERT])) as any).runs[0].results
    const moved = {...ROOT, evidence: [{...ROOT.evidence[0], value: 'MM_SA_SETUP', line: 99}], message: 'changed'}
    const b = (buildSarif(sampleDoc([CERT, moved])) as any).runs[0].results
    const fp = (rs: any[]) => Object.fromEntries(rs.map((r) => [r.ruleId, r.partialFingerprints[FINGERPRINT_KEY]]))
    expect(fp(a)).toEqual({'ike-stuck-mm-no-state': 'fp-root-r1', 'cert-expiring-soon': 'fp-cert-srx'})
    expect(fp(b)).toEqual(fp(a))
    expect((buildSarif(sampleDoc([SYMPTOM])) as any).runs[0].results[0].properties.explainedBy).toBe('fp-root-r1')
  })

  it('turns paths into URIs: relative stays relative, absolute becomes file:, stdin is named', () => {
    expect(artifactUri('captures/r1.txt')).toBe('captures/r1.txt')
    expect(artifactUri('captures\\r 1.txt')).toBe('captures/r%201.txt')
    expect(artifactUri('/tmp/a b.txt')).toBe('file:///tmp/a%20b.txt')
    expect(artifactUri('-')).toBe('stdin')
    expect(artifactUri('<stdin>')).toBe('stdin')
  })

  it('reports input diagnostics as tool notifications', () => {
    const inv = (buildSarif(sampleDoc()) as any).runs[0].invocations[0]
    expect(inv.toolExecutionNotifications).toEqual([
      {level: 'warning', message: {text: 'output looks truncated'}, locations: [{physicalLocation: {artifactLocation: {uri: 'captures/r1.txt'}, region: {startLine: 60, endLine: 60}}}]},
    ])
    expect(inv.properties).toEqual({judgedAt: '2024-03-01T10:00:00.000Z', timeSource: 'capture'})
  })

  it('carries the confidence as result properties, and in the message when the capture does not settle it', () => {
    const sarif = buildSarif(sampleDoc())
    const results = sarif.runs[0].results
    const root = results.find((r) => r.ruleId === 'ike-stuck-mm-no-state')!
    expect(root.properties).toMatchObject({confidence: 'medium', confidenceReason: 'single snapshot: the state may be passing', settle: 'show crypto isakmp sa'})
    expect(root.message.text).toContain('Confidence medium: single snapshot: the state may be passing; settle it with: show crypto isakmp sa.')
    const sure = results.find((r) => r.ruleId === 'ipsec-phase2-not-established')!
    expect(sure.properties).toMatchObject({confidence: 'high', confidenceReason: 'the capture shows it'})
    expect(sure.properties).not.toHaveProperty('settle')
    expect(sure.message.text).not.toContain('Confidence')
  })
})
