import {describe, expect, it} from 'vitest'
import {emptyFacts, type ParseDocument} from '../src/model/index.js'
import {enumerateChecks, pairOutputs, renderFormat, type RuleInfo} from '../src/report/outputs.js'
import {sampleDoc} from './fixtures/ci/sample-docs.js'
import {newRaw} from '../src/model/raw.js'

describe('--format/--output pairing', () => {
  it('pairs each --output with the --format before it, in the order typed', () => {
    const argv = ['caps/', '--format', 'junit', '--output', 'r.xml', '--fail-on', 'warning', '--format=sarif', '-o', 'r.sarif', '-f', 'markdown']
    expect(pairOutputs(argv)).toEqual({
      targets: [
        {format: 'junit', file: 'r.xml'},
        {format: 'sarif', file: 'r.sarif'},
        {format: 'markdown', file: null},
      ],
      errors: [],
    })
  })

  it('defaults to the table on stdout; --output alone writes the table; --json is json on stdout', () => {
    expect(pairOutputs(['caps/']).targets).toEqual([{format: 'table', file: null}])
    expect(pairOutputs(['caps/', '--output', 'report.txt']).targets).toEqual([{format: 'table', file: 'report.txt'}])
    expect(pairOutputs(['caps/', '--json', '--format', 'sarif', '--output=x.sarif'])).toEqual({
      targets: [{format: 'json', file: null}, {format: 'sarif', file: 'x.sarif'}],
      errors: [],
    })
  })

  it('reports conflicts as usage errors', () => {
    expect(pairOutputs(['--format', 'json', '--format', 'table']).errors).toEqual([
      'only one format can go to stdout (json, table): give the others an --output FILE',
    ])
    expect(pairOutputs(['--format', 'json', '-o', 'a', '-o', 'b']).errors).toEqual(['--output b has no --format before it without an output'])
    expect(pairOutputs(['--format', 'json', '-o', 'a', '--format', 'sarif', '-o', 'a']).errors).toEqual(['--output a is given twice'])
    expect(pairOutputs(['--format', 'html']).errors).toEqual(['--format html: expected one of table, json, junit, sarif, markdown'])
    expect(pairOutputs(['--format']).errors).toEqual(['--format needs a value'])
  })

  it('stops at -- (the rest are inputs)', () => {
    expect(pairOutputs(['--', '--format', 'json']).targets).toEqual([{format: 'table', file: null}])
  })
})

describe('checked rule/entity pairs', () => {
  const rule = (id: string, entity: string, vendors: RuleInfo['vendors']): RuleInfo => ({
    id, entity, vendors, title: id, severity: 'warning', category: 'x', explanation: '', causes: [], remediation: {},
  })
  const source = (device: string, vendor: 'cisco' | 'junos') => ({file: 'f.txt', startLine: 1, endLine: 1, command: 'show clock', device, vendor})
  const parse = {facts: emptyFacts()} as ParseDocument
  parse.facts.captureTime.push(
    {kind: 'captureTime', id: 'clock', source: source('R1', 'cisco'), raw: newRaw(), time: 't', timezone: null, assumedUtc: false},
    {kind: 'captureTime', id: 'clock', source: source('srx1', 'junos'), raw: newRaw(), time: 't', timezone: null, assumedUtc: false},
  )

  it('pairs each fact with the rules of its kind and vendor, minus the rules disabled on that device', () => {
    const rules = [rule('a', 'captureTime', ['cisco', 'junos']), rule('b', 'captureTime', ['junos']), rule('c', 'ikeSa', ['cisco'])]
    const checks = enumerateChecks(parse, rules, (d) => new Set(d === 'srx1' ? ['a'] : []), (f) => `label ${f.source.device}`)
    expect(checks).toEqual([
      {device: 'R1', ruleId: 'a', entity: {kind: 'captureTime', id: 'clock', label: 'label R1'}},
      {device: 'srx1', ruleId: 'b', entity: {kind: 'captureTime', id: 'clock', label: 'label srx1'}},
    ])
  })
})

describe('renderFormat', () => {
  it('dispatches to each formatter', async () => {
    const doc = sampleDoc()
    const ctx = {color: false, failOn: 'error' as const}
    expect(await renderFormat('json', doc, ctx)).toMatch(/^\{\n {2}"schemaVersion": 2/)
    expect(await renderFormat('junit', doc, ctx)).toMatch(/^<\?xml/)
    expect(JSON.parse(await renderFormat('sarif', doc, ctx)).version).toBe('2.1.0')
    expect(await renderFormat('markdown', doc, ctx)).toMatch(/^### ipsec-doctor/)
    expect(await renderFormat('table', doc, ctx)).toContain('┌')
  })
})
