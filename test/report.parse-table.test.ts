import {describe, expect, it} from 'vitest'
import {emptyFacts, ParseDocument} from '../src/model/index.js'
import {renderParseTable} from '../src/report/parse-table.js'
import {newRaw, rawFromFields} from '../src/model/raw.js'

function parseDoc(): ParseDocument {
  const facts = emptyFacts()
  const source = {file: 'r1.txt', startLine: 3, endLine: 6, command: 'show crypto engine connections dropped-packet', device: 'R1', vendor: 'cisco' as const}
  facts.droppedPackets.push({
    kind: 'droppedPackets',
    id: 'drop:Serial0/0:connection not established',
    source,
    raw: rawFromFields({'Drop Count': {value: '17', line: 5}}),
    interface: 'Serial0/0',
    ipAddress: '192.0.2.1',
    dropCount: 17,
    reason: 'connection not established',
  })
  facts.captureTime.push({
    kind: 'captureTime',
    id: 'clock',
    source: {...source, startLine: 1, endLine: 2, command: 'show clock'},
    raw: newRaw(),
    time: '2024-03-01T10:00:00.000Z',
    timezone: 'UTC',
    assumedUtc: false,
  })
  const block = {
    file: 'r1.txt', device: 'R1', vendor: 'cisco' as const, args: [], pipe: null, detectedBy: 'prompt' as const, node: null, warnings: [],
  }
  const doc: ParseDocument = {
    schemaVersion: 2,
    tool: {name: 'ipsec-doctor', version: '0.1.0'},
    inputs: ['r1.txt'],
    devices: [{name: 'R1', vendor: 'cisco', platform: 'ios', files: ['r1.txt'], captureTime: '2024-03-01T10:00:00.000Z'}],
    facts,
    blocks: [
      {...block, startLine: 1, endLine: 2, command: 'show clock', commandRaw: 'sh clock', parser: 'cisco/show-clock', facts: 1, consumedLines: 1, ignoredLines: 1, unparsed: []},
      {
        ...block, startLine: 3, endLine: 7, command: 'show crypto engine connections dropped-packet', commandRaw: 'show crypto engine connections dropped-packet',
        parser: 'cisco/show-crypto-engine-connections-dropped-packet', facts: 1, consumedLines: 2, ignoredLines: 2,
        unparsed: [{line: 7, text: 'Frobnicated packets 3', reason: 'unknown counter'}], warnings: ['header missing'],
      },
    ],
    diagnostics: [{level: 'info', file: 'r1.txt', line: null, message: 'device name from prompt'}],
    summary: {files: 1, lines: 7, blocks: 2, facts: 2, unparsedLines: 1, ignoredOutsideBlocks: 0},
  }
  return ParseDocument.parse(doc)
}

describe('parse table', () => {
  const out = renderParseTable(parseDoc(), {color: false})

  it('lists each block of each device with vendor, command, parser, facts and unparsed count', () => {
    expect(out).toContain('Device R1 (cisco ios, captured 2024-03-01T10:00:00.000Z)')
    const rows = out.split('\n').filter((l) => l.startsWith('│ r1.txt'))
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/│ r1\.txt:1-2\s+│ cisco\s+│ show clock \(sh clock\)\s+│ cisco\/show-clock\s+│ 1\s+│ 0\s+│/)
    expect(rows[1]).toContain('cisco/show-crypto-engine-connections-dropped-packet')
  })

  it('prints unparsed lines with file:line and block warnings', () => {
    expect(out).toContain('Unparsed lines:\n  r1.txt:7  Frobnicated packets 3  (unknown counter)\n  r1.txt:3  warning: header missing')
  })

  it('has a compact table per fact kind that has facts, and the totals', () => {
    expect(out).toContain('droppedPackets (1)')
    expect(out).toContain('captureTime (1)')
    expect(out).not.toContain('ikeSa (')
    const dropRow = out.split('\n').find((l) => l.includes('Serial0/0'))!
    expect(dropRow).toMatch(/│ R1\s+│ Serial0\/0\s+│ connection not established\s+│ 17\s+│ r1\.txt:3-6\s+│/)
    expect(out).not.toContain('device name from prompt') // diagnostics go to stderr, not into the table
    expect(out.trimEnd().split('\n').at(-1)).toBe('1 file(s), 7 line(s), 2 block(s), 2 fact(s), 1 unparsed line(s)')
  })
})
