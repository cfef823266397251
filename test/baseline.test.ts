import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {applyBaseline, BaselineError, createBaseline, readBaseline, writeBaseline} from '../src/baseline/index.js'
import {evaluateGate} from '../src/report/gate.js'
import {CERT, finding, INFO, ROOT, sampleDoc, SYMPTOM} from './fixtures/ci/sample-docs.js'

const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-baseline-'))

describe('baseline', () => {
  it('records each finding once by fingerprint, sorted, and reads back what it wrote', () => {
    const doc = sampleDoc([INFO, ROOT, CERT, {...ROOT, evidence: []}])
    const baseline = createBaseline(doc)
    expect(baseline.findings.map((e) => e.fingerprint)).toEqual(['fp-root-r1', 'fp-cert-srx', 'fp-info-srx'])
    expect(baseline.findings[0]).toEqual({
      fingerprint: 'fp-root-r1', ruleId: 'ike-stuck-mm-no-state', device: 'R1', entity: 'peer 10.0.0.2', severity: 'error',
      message: 'IKE phase 1 with 10.0.0.2 never got past MM_NO_STATE',
    })
    expect(baseline.judgedAt).toBe('2024-03-01T10:00:00.000Z')
    const file = join(dir, 'b.json')
    writeBaseline(file, baseline)
    expect(readBaseline(file)).toEqual(baseline)
  })

  it('reports only new findings, counts the suppressed ones and lists entries that no longer occur', () => {
    const old = createBaseline(sampleDoc([ROOT, CERT, finding({ruleId: 'cert-expired', fingerprint: 'fp-gone', device: 'R2'})]))
    // next run: counters moved on the known ones (same fingerprint), a new symptom appeared, fp-gone was fixed
    const movedRoot = {...ROOT, evidence: [{...ROOT.evidence[0], line: 99}], message: 'different text'}
    const result = applyBaseline(sampleDoc([movedRoot, SYMPTOM, CERT, INFO]), old, '.ipsec-doctor-baseline.json')
    expect(result.findings.map((f) => f.fingerprint)).toEqual(['fp-symptom-r1', 'fp-info-srx'])
    expect(result.suppressed).toEqual({baseline: 2, disabled: 0})
    expect(result.baseline).toEqual({
      file: '.ipsec-doctor-baseline.json',
      stale: [{fingerprint: 'fp-gone', ruleId: 'cert-expired', device: 'R2', entity: 'peer 10.0.0.2'}],
    })
    expect(result.summary.bySeverity).toEqual({critical: 0, error: 1, warning: 0, info: 1})
  })

  it('an up-to-date baseline leaves nothing to fail the gate', () => {
    const doc = sampleDoc()
    const result = applyBaseline(doc, createBaseline(doc), 'b.json')
    expect(result.findings).toEqual([])
    expect(result.baseline?.stale).toEqual([])
    expect(evaluateGate(result.findings, 'info').exitCode).toBe(0)
    expect(evaluateGate(doc.findings, 'info').exitCode).toBe(1)
  })

  it('rejects unreadable, non-JSON and wrong-shape files with the file name', () => {
    const notJson = join(dir, 'x.json')
    writeFileSync(notJson, 'findings: []')
    const wrong = join(dir, 'y.json')
    writeFileSync(wrong, JSON.stringify({baselineVersion: 1, tool: {name: 'ipsec-doctor', version: '1'}, judgedAt: 'x', findings: [{fingerprint: 'a'}]}))
    expect(() => readBaseline(join(dir, 'missing.json'), 'missing.json')).toThrow('baseline missing.json: cannot read (ENOENT)')
    expect(() => readBaseline(notJson, 'x.json')).toThrow(/^baseline x\.json: not valid JSON/)
    expect(() => readBaseline(wrong, 'y.json')).toThrow(/^baseline y\.json: findings\.0\.ruleId: /)
    expect(() => readBaseline(wrong)).toThrow(BaselineError)
  })
})

describe('gate', () => {
  const all = [ROOT, CERT, INFO]
  it('fails at or above --fail-on, never fails with never', () => {
    expect(evaluateGate(all, 'error')).toEqual({exitCode: 1, reasons: ['1 finding(s) at or above error']})
    expect(evaluateGate(all, 'critical')).toEqual({exitCode: 0, reasons: []})
    expect(evaluateGate([CERT, INFO], 'error').exitCode).toBe(0)
    expect(evaluateGate([CERT, INFO], 'warning').exitCode).toBe(1)
    expect(evaluateGate([INFO], 'warning').exitCode).toBe(0)
    expect(evaluateGate([INFO], 'info').exitCode).toBe(1)
    expect(evaluateGate(all, 'never').exitCode).toBe(0)
    expect(evaluateGate([{...ROOT, severity: 'critical'}], 'critical').exitCode).toBe(1)
  })

  it('fails when warnings exceed --max-warnings, whatever the threshold', () => {
    const twoWarnings = [CERT, {...CERT, fingerprint: 'other'}]
    expect(evaluateGate(twoWarnings, 'never', 2).exitCode).toBe(0)
    expect(evaluateGate(twoWarnings, 'never', 1)).toEqual({exitCode: 1, reasons: ['2 warning(s), more than --max-warnings 1']})
    expect(evaluateGate([INFO, INFO], 'never', 0).exitCode).toBe(0)
  })
})
