import {describe, expect, it} from 'vitest'
import {DiagnoseDocument} from '../src/model/index.js'
import {renderJson} from '../src/report/json.js'
import {sampleDoc} from './fixtures/ci/sample-docs.js'

describe('JSON report', () => {
  it('prints the diagnose document, valid against the model schema, and round-trips', () => {
    const doc = sampleDoc(undefined, {baseline: {file: 'b.json', stale: [{fingerprint: 'f', ruleId: 'r', device: 'd', entity: 'e'}]}})
    const text = renderJson(doc)
    const parsed = JSON.parse(text)
    expect(DiagnoseDocument.parse(parsed)).toEqual(doc)
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('the schema rejects a finding without evidence file/line', () => {
    const bad = JSON.parse(renderJson(sampleDoc()))
    delete bad.findings[0].evidence[0].line
    expect(DiagnoseDocument.safeParse(bad).success).toBe(false)
  })
})
