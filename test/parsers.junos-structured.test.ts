/**
 * Junos `| display json` / `| display xml` captures: the same SAs as text give the same normalized facts
 * (everything but `raw` and `source`), cluster XML sets the node, malformed documents never throw, and
 * the line account of a structured capture covers every line.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Fact} from '../src/model/index.js'
import {parserById} from '../src/parsers/registry.js'
import type {ParseContext, ParseResult} from '../src/parsers/types.js'
import {FIXTURES, toLines} from './helpers/golden.js'
import {rawGet} from '../src/model/raw.js'

function run(parserId: string, text: string, pipe: string | null, node: string | null = null): ParseResult {
  const parser = parserById(parserId)
  if (!parser) throw new Error(`no parser ${parserId}`)
  const ctx: ParseContext = {file: 'cap.txt', device: 'srx', vendor: 'junos', command: parser.command, args: [], pipe, node}
  return parser.parse(toLines(text.replace(/\n$/, '')), ctx)
}

function fixture(command: string, name: string): string {
  return readFileSync(join(FIXTURES, 'junos', command, `${name}.txt`), 'utf8')
}

/** Facts without provenance and vendor labels: what must not depend on the capture format. */
function normalized(result: ParseResult): unknown[] {
  return result.facts.map((f) => {
    const {source: _source, raw: _raw, ...rest} = f as Fact & Record<string, unknown>
    return rest
  })
}

const PAIRS = [
  {command: 'show-security-ike-security-associations', text: 'table-state-first'},
  {command: 'show-security-ipsec-security-associations', text: 'table-lsys'},
]

describe('Junos structured captures give the facts of the text capture', () => {
  for (const {command, text} of PAIRS) {
    for (const format of ['json', 'xml'] as const) {
      it(`${command}: ${format} = text`, () => {
        const id = `junos/${command}`
        const fromText = run(id, fixture(command, text), null)
        const fromStructured = run(id, fixture(command, `${format}-brief`), `| display ${format}`)
        expect(fromText.facts.length).toBeGreaterThan(0)
        expect(normalized(fromStructured)).toEqual(normalized(fromText))
        expect(fromStructured.unparsed).toEqual([])
        for (const f of fromStructured.facts) Fact.parse(f)
      })
    }
  }

  it('detail XML fills the detail fields the text detail gives (the capture carries no SA counts)', () => {
    const command = 'show-security-ike-security-associations'
    const id = `junos/${command}`
    const fromText = normalized(run(id, fixture(command, 'detail-ikev2'), null)) as Array<Record<string, unknown>>
    const fromXml = normalized(run(id, fixture(command, 'xml-detail'), '| display xml')) as Array<Record<string, unknown>>
    const withoutCounts = (f: Record<string, unknown>) => ({...f, ipsecSasCreated: null, ipsecSasDeleted: null, phase2InProgress: null})
    expect(fromXml).toHaveLength(1)
    expect(fromXml[0].encryption).toBe('aes-256-cbc')
    expect(fromXml.map(withoutCounts)).toEqual(fromText.map(withoutCounts))
  })

  it('every line of a structured capture is consumed or ignored, and facts point at their record lines', () => {
    const text = fixture('show-security-ike-security-associations', 'xml-brief')
    const result = run('junos/show-security-ike-security-associations', text, '| display xml')
    const lineCount = toLines(text.replace(/\n$/, '')).length
    expect(result.consumed + result.ignored).toBe(lineCount)
    const lines = text.split('\n')
    for (const f of result.facts) {
      if (f.kind !== 'ikeSa') continue
      expect(lines[f.source.startLine - 1].trim()).toBe('<ike-security-associations>')
      expect(lines[f.source.endLine - 1].trim()).toBe('</ike-security-associations>')
      expect(lines[rawGet(f.raw, 'ike-sa-remote-address')!.line - 1]).toContain(f.remoteAddress!)
    }
  })
})

const CLUSTER_XML = `<rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R0/junos">
    <multi-routing-engine-results>
        <multi-routing-engine-item>
            <re-name>node0</re-name>
            <ike-security-associations-information xmlns="http://xml.juniper.net/junos/21.4R0/junos-kmd" junos:style="brief">
                <ike-security-associations>
                    <ike-sa-index>1011</ike-sa-index>
                    <ike-sa-remote-address>192.0.2.2</ike-sa-remote-address>
                    <ike-sa-state>UP</ike-sa-state>
                    <ike-sa-initiator-cookie>aca1b7cf4e6f3b5c</ike-sa-initiator-cookie>
                    <ike-sa-responder-cookie>0c1e7bd8b7a6c5d4</ike-sa-responder-cookie>
                    <ike-sa-exchange-type>IKEv2</ike-sa-exchange-type>
                </ike-security-associations>
            </ike-security-associations-information>
        </multi-routing-engine-item>
        <multi-routing-engine-item>
            <re-name>node1</re-name>
            <ike-security-associations-information xmlns="http://xml.juniper.net/junos/21.4R0/junos-kmd" junos:style="brief">
            </ike-security-associations-information>
        </multi-routing-engine-item>
    </multi-routing-engine-results>
</rpc-reply>`

describe('Junos structured captures: robustness', () => {
  it('chassis-cluster XML sets the node of each record', () => {
    const result = run('junos/show-security-ike-security-associations', CLUSTER_XML, '| display xml')
    expect(result.facts).toHaveLength(1)
    const sa = result.facts[0]
    expect(sa.kind).toBe('ikeSa')
    if (sa.kind !== 'ikeSa') return
    expect(sa.node).toBe('node0')
    expect(sa.id).toBe('ike:node0:192.0.2.2:1011')
    expect(sa.source.startLine).toBe(6)
  })

  it('a truncated JSON capture keeps the records before the cut and marks the one it ends in partial', () => {
    const text = fixture('show-security-ike-security-associations', 'json-brief').split('\n').slice(0, 30).join('\n')
    const result = run('junos/show-security-ike-security-associations', text, '| display json')
    expect(result.unparsed).toEqual([])
    expect(result.facts.length).toBeGreaterThan(0)
    const last = result.facts.at(-1) as {partial?: boolean}
    expect(last.partial).toBe(true)
    for (const f of result.facts.slice(0, -1) as {partial?: boolean}[]) expect(f.partial).toBeUndefined()
  })

  it('a truncated XML capture keeps the records before the cut and marks the one it ends in partial', () => {
    const text = fixture('show-security-ike-security-associations', 'xml-brief').split('\n').slice(0, 13).join('\n')
    const result = run('junos/show-security-ike-security-associations', text, '| display xml')
    expect(result.unparsed).toEqual([])
    expect(result.facts).toHaveLength(2)
    expect((result.facts[0] as {partial?: boolean}).partial).toBeUndefined()
    expect((result.facts[1] as {partial?: boolean}).partial).toBe(true)
  })

  it('a malformed JSON capture (not merely cut) gives a warning and unparsed lines, not an exception', () => {
    const text = fixture('show-security-ike-security-associations', 'json-brief').replace('"data"', 'data')
    const result = run('junos/show-security-ike-security-associations', text, '| display json')
    expect(result.facts).toEqual([])
    expect(result.warnings.join(' ')).toMatch(/JSON capture could not be read/)
    expect(result.unparsed.length).toBeGreaterThan(20)
  })

  it('a data element outside any record is reported as unparsed', () => {
    const text = fixture('show-security-ipsec-security-associations', 'xml-brief').replace(
      '<total-ipsec-sas>2</total-ipsec-sas>',
      '<total-ipsec-sas>2</total-ipsec-sas>\n        <sa-unexpected-counter>7</sa-unexpected-counter>',
    )
    const result = run('junos/show-security-ipsec-security-associations', text, '| display xml')
    expect(result.unparsed).toHaveLength(1)
    expect(result.unparsed[0].text).toContain('sa-unexpected-counter')
    expect(result.facts.filter((f) => f.kind === 'ipsecSa')).toHaveLength(4)
  })

  it('a command without a structured reader leaves its lines unparsed with a warning', () => {
    const result = run('junos/show-security-ipsec-statistics', '<rpc-reply>\n</rpc-reply>', '| display xml')
    // statistics has no structured reader: the text parser sees XML it cannot read
    expect(result.facts).toEqual([])
    expect(result.unparsed.length).toBe(2)
  })
})

const DETECT_CASES: Array<[string, string]> = [
  ['show-security-ike-security-associations', 'table-state-first'],
  ['show-security-ike-security-associations', 'table-remote-first'],
  ['show-security-ike-security-associations', 'detail-ikev2'],
  ['show-security-ipsec-security-associations', 'table-lsys'],
  ['show-security-ipsec-security-associations', 'detail'],
  ['show-security-ipsec-statistics', 'device-wide'],
  ['show-security-ike-statistics', 'device-wide'],
  ['show-security-ipsec-inactive-tunnels', 'table'],
  ['show-security-pki-local-certificate', 'brief'],
  ['show-security-pki-ca-certificate', 'profiles'],
  ['show-services-ipsec-vpn-ike-security-associations', 'brief'],
  ['show-services-ipsec-vpn-ipsec-security-associations', 'detail'],
]

describe('headless detection of the current-platform Junos outputs', () => {
  const ids = [...new Set(DETECT_CASES.map(([c]) => `junos/${c}`))]
  for (const [command, name] of DETECT_CASES) {
    it(`${command}/${name} scores highest for its own parser among these`, () => {
      const lines = toLines(fixture(command, name).replace(/\n$/, ''))
      const own = parserById(`junos/${command}`)!.detect(lines)
      expect(own).toBeGreaterThanOrEqual(0.6)
      for (const other of ids.filter((i) => i !== `junos/${command}`)) expect(parserById(other)!.detect(lines), other).toBeLessThan(own)
    })
  }
})
