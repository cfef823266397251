/** Focused tests for the Junos seed parsers and their helpers (golden fixtures cover whole outputs). */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Fact, type IkeSa, type IpsecSa} from '../src/model/index.js'
import {junosDhGroup, junosEncryption, junosIntegrity} from '../src/parsers/junos/algorithms.js'
import {parseJunosDate} from '../src/parsers/junos/dates.js'
import {parseEndpoint, parseExpiry, splitFields} from '../src/parsers/junos/fields.js'
import {junosParsers} from '../src/parsers/junos/index.js'
import {parserById} from '../src/parsers/registry.js'
import type {ParseContext, ParseResult} from '../src/parsers/types.js'
import {FIXTURES, toLines} from './helpers/golden.js'
import {rawGet} from '../src/model/raw.js'

const MINE = [
  'junos/show-ike-security-associations',
  'junos/show-ipsec-security-associations',
  'junos/show-services-ipsec-vpn-ike-statistics',
  'junos/show-ipsec-certificates',
  'junos/show-ipsec-redundancy',
  'junos/show-system-uptime',
  'junos/show-version',
  'junos/show-chassis-cluster-status',
]

function run(id: string, text: string, extra: Partial<ParseContext> = {}): ParseResult {
  const p = parserById(id)
  if (!p) throw new Error(`no parser ${id}`)
  const ctx: ParseContext = {file: 't.txt', device: 'dut', vendor: 'junos', command: p.command, args: [], pipe: null, node: null, ...extra}
  return p.parse(toLines(text), ctx)
}

function fixture(id: string, name: string): string {
  return readFileSync(join(FIXTURES, 'junos', id.slice('junos/'.length), `${name}.txt`), 'utf8')
}

describe('parseJunosDate', () => {
  it.each([
    ['2003 Mar 1st, 01:20:42 GMT', '2003-03-01T01:20:42Z'],
    ['2003 Mar 31st, 01:50:42 GMT', '2003-03-31T01:50:42Z'],
    ['2025 Dec 2nd, 09:00:00 GMT', '2025-12-02T09:00:00Z'],
    ['2026 Dec 3rd, 08:59:59 GMT', '2026-12-03T08:59:59Z'],
    ['2024 Feb 22nd, 12:00:00 GMT', '2024-02-22T12:00:00Z'],
    ['2026 Nov 11th, 12:00:00 GMT', '2026-11-11T12:00:00Z'],
    ['2026-11-23 17:02:11 UTC', '2026-11-23T17:02:11Z'],
    ['2003-03-12 11:09:37 PST', '2003-03-12T19:09:37Z'],
    ['2026 Nov 23rd, 18:00:00 CET', '2026-11-23T17:00:00Z'],
    ['2026-01-01 00:30:00 CET', '2025-12-31T23:30:00Z'],
    ['01- 6-2023 10:33 UTC', '2023-01-06T10:33:00Z'],
    ['Mar  1 01:20:42 2003 GMT', '2003-03-01T01:20:42Z'],
  ])('%s -> %s', (text, iso) => {
    const d = parseJunosDate(text)
    expect(d?.iso).toBe(iso)
    expect(d?.assumedUtc).toBe(false)
  })

  it('reads an unknown zone as UTC and says so', () => {
    expect(parseJunosDate('2026-11-23 18:02:11 XYZT')).toEqual({iso: '2026-11-23T18:02:11Z', zone: 'XYZT', assumedUtc: true})
  })

  it('rejects impossible dates and prose', () => {
    expect(parseJunosDate('2027 Feb 30th, 18:00:00 GMT')).toBeNull()
    expect(parseJunosDate('2026 Foo 3rd, 18:00:00 GMT')).toBeNull()
    expect(parseJunosDate('2026-13-01 00:00:00 UTC')).toBeNull()
    expect(parseJunosDate('yesterday afternoon')).toBeNull()
  })
})

describe('Junos algorithm names', () => {
  it.each([
    ['des-cbc', 'des'], ['3des-cbc', '3des'], ['aes-128-cbc', 'aes-128-cbc'], ['aes256-cbc', 'aes-256-cbc'],
    ['aes-192-cbc', 'aes-192-cbc'], ['aes-gcm-128', 'aes-128-gcm'], ['aes-256-gcm', 'aes-256-gcm'],
    ['aes-cbc (256 bits)', 'aes-256-cbc'], ['None', 'none'], ['blowfish', null],
  ])('encryption %s -> %s', (name, expected) => {
    expect(junosEncryption(name)).toBe(expected)
  })

  it.each([
    ['hmac-md5-96', 'md5'], ['hmac-sha1-96', 'sha1'], ['hmac-sha-256-128', 'sha256'], ['hmac-sha-384-192', 'sha384'],
    ['hmac-sha-512-256', 'sha512'], ['md5', 'md5'], ['sha1', 'sha1'], ['sha-256', 'sha256'], ['hmac-sha-256', 'sha256'],
    ['hmac-md5', 'md5'], ['None', 'none'], ['crc32', null],
  ])('integrity %s -> %s', (name, expected) => {
    expect(junosIntegrity(name)).toBe(expected)
  })

  it('an AEAD (GCM) SA has integrity null, as on Cisco; "None" beside a CBC cipher stays "none"', () => {
    const id = 'junos/show-security-ipsec-security-associations'
    const text = fixture(id, 'detail')
    const sas = (out: ParseResult) => out.facts.filter((f): f is IpsecSa => f.kind === 'ipsecSa')
    const gcm = sas(run(id, text)).filter((sa) => sa.encryption === 'aes-128-gcm')
    expect(gcm).toHaveLength(2)
    for (const sa of gcm) {
      expect(sa.integrity).toBeNull()
      expect(rawGet(sa.raw, 'Authentication')?.value).toBe('None')
    }
    // the same SAs with a CBC cipher: "Authentication: None" really means no integrity
    const cbc = sas(run(id, text.replaceAll('Encryption: aes-gcm (128 bits)', 'Encryption: aes-cbc (128 bits)'))).filter((sa) => rawGet(sa.raw, 'Authentication')?.value === 'None')
    expect(cbc.map((sa) => [sa.encryption, sa.integrity])).toEqual([['aes-128-cbc', 'none'], ['aes-128-cbc', 'none']])
  })

  it('reads DH groups', () => {
    expect(junosDhGroup('group14')).toBe(14)
    expect(junosDhGroup('Group 2')).toBe(2)
    expect(junosDhGroup('none')).toBeNull()
  })
})

describe('field helpers', () => {
  it('splits labelled fields but keeps colons and DN commas inside values', () => {
    expect(splitFields('Local: 4.4.4.5:500, Remote: 4.4.4.4:500')).toEqual([
      {label: 'Local', value: '4.4.4.5:500'},
      {label: 'Remote', value: '4.4.4.4:500'},
    ])
    expect(splitFields('Issuer: C=FI, O=Company-ABC, CN=Company ABC class 2')).toEqual([
      {label: 'Issuer', value: 'C=FI, O=Company-ABC, CN=Company ABC class 2'},
    ])
    expect(splitFields('Backup interface : es-1/1/0, State: Standby')).toEqual([
      {label: 'Backup interface', value: 'es-1/1/0'},
      {label: 'State', value: 'Standby'},
    ])
    expect(splitFields('no label here')).toEqual([])
  })

  it('parses endpoints with and without ports', () => {
    expect(parseEndpoint('4.4.4.5:500')).toEqual({address: '4.4.4.5', port: 500})
    expect(parseEndpoint('11.1.0.2')).toEqual({address: '11.1.0.2', port: null})
    expect(parseEndpoint('2001:db8:10::2:4500')).toEqual({address: '2001:db8:10::2', port: 4500})
    expect(parseEndpoint('[2001:db8::1]:500')).toEqual({address: '2001:db8::1', port: 500})
    expect(parseEndpoint('2001:db8:ffff::9', false)).toEqual({address: '2001:db8:ffff::9', port: null})
    // The last group cannot be a port when that leaves a dangling single colon
    expect(parseEndpoint('2001:db8:ffff::9')).toEqual({address: '2001:db8:ffff::9', port: null})
  })

  it('parses lifetimes in seconds, kilobytes and Expired', () => {
    expect(parseExpiry('Expires in 22979 seconds')).toEqual({expired: false, seconds: 22979, kilobytes: null})
    expect(parseExpiry('Expires in 4608000 kilobytes')).toEqual({expired: false, seconds: null, kilobytes: 4608000})
    expect(parseExpiry('Expired')).toEqual({expired: true, seconds: 0, kilobytes: null})
    expect(parseExpiry('soon')).toBeNull()
  })
})

describe('show ipsec security-associations', () => {
  it('takes the remaining kilobytes from the hard lifetime and keeps the soft one in raw', () => {
    const r = run('junos/show-ipsec-security-associations', [
      'Security association: sa-kb, Interface family: Up',
      'Direction: inbound, SPI: 100, AUX-SPI: 0, State: Installed',
      'Soft lifetime: Expires in 3000 kilobytes',
      'Hard lifetime: Expires in 3600 kilobytes',
    ].join('\n'))
    const sa = r.facts.find((f) => f.kind === 'ipsecSa') as IpsecSa
    expect(sa.lifetimeRemainingKb).toBe(3600)
    expect(sa.hardLifetimeRemainingSec).toBeNull()
    expect(sa.softLifetimeExpired).toBe(false)
    expect(rawGet(sa.raw, 'Soft lifetime')).toEqual({value: 'Expires in 3000 kilobytes', line: 3})
  })

  it('reports an unknown line inside an SA block with its line number', () => {
    const r = run('junos/show-ipsec-security-associations', [
      'Security association: sa-x, Interface family: Up',
      '',
      'Direction: outbound, SPI: 7, State: Installed',
      'Bogus counter line without a label',
      'Mode: tunnel, Type: dynamic',
    ].join('\n'))
    expect(r.unparsed).toEqual([{line: 4, text: 'Bogus counter line without a label'}])
    expect(r.consumed).toBe(3)
    const sa = r.facts.find((f) => f.kind === 'ipsecSa') as IpsecSa
    expect(sa.mode).toBe('tunnel')
  })

  it('gives repeated SA ids a suffix instead of a collision', () => {
    const r = run('junos/show-ipsec-security-associations', [
      'Security association: sa-dup',
      'Direction: inbound, SPI: 5, State: Installed',
      'Direction: inbound, SPI: 5, State: Installed',
    ].join('\n'))
    expect(r.facts.map((f) => f.id)).toEqual(['flow:sa-dup', 'sa:sa-dup:inbound:5', 'sa:sa-dup:inbound:5#2'])
  })
})

describe('show ike security-associations', () => {
  it('warns about a block cut before its State line', () => {
    const r = run('junos/show-ike-security-associations', 'IKE peer 192.0.2.1\n  Initiator cookie: 00000000000000aa, Responder cookie: 0000000000000000')
    expect(r.facts).toHaveLength(1)
    expect((r.facts[0] as IkeSa).stateRaw).toBeNull()
    expect(r.warnings[0]).toMatch(/no State line/)
  })

  it('marks NAT-T only when a port is 4500', () => {
    const sas = run('junos/show-ike-security-associations', fixture('junos/show-ike-security-associations', 'detail-several-peers')).facts as IkeSa[]
    expect(sas.map((s) => s.natT)).toEqual([true, false, false])
  })

  it('keeps "waiting for remove" on the SA and on its phase 2 negotiation', () => {
    const sas = run('junos/show-ike-security-associations', fixture('junos/show-ike-security-associations', 'detail-several-peers')).facts as IkeSa[]
    const failed = sas[1]
    expect(failed.stateRaw).toBe('Not matured')
    expect(failed.state).toBe('negotiating')
    expect(failed.flags).toContain('waiting for remove')
    expect(failed.phase2Negotiations[0].flags).toEqual(['waiting for remove'])
    expect(rawGet(failed.raw, 'Phase 2 #1 Flags')).toEqual({value: 'Waiting for remove', line: 43})
  })
})

describe('show system uptime', () => {
  it('uses the node named in the context for a cluster capture', () => {
    const r = run('junos/show-system-uptime', fixture('junos/show-system-uptime', 'cluster'), {node: 'node1'})
    expect(r.facts).toHaveLength(1)
    expect(r.facts[0]).toMatchObject({id: 'time:node1', time: '2026-11-23T17:04:30Z'})
    expect(rawGet(r.facts[0].raw, 'node0 Current time')?.value).toBe('2026-11-23 17:02:11 UTC')
  })
})

describe('all Junos seed parsers', () => {
  it('are registered under their ids', () => {
    expect(junosParsers.map((p) => p.id)).toEqual(MINE)
  })

  it('never throw on odd input and account for every line', () => {
    const junk = ['', '   ', 'IKE peer', 'Security association:', 'Direction: sideways, SPI: x', 'Flags:', ':::', 'Current time:', 'ID Serial Subject', '9 zz', 'Primary interface:, State:', '\u0000\u00ff']
    for (const id of MINE) {
      const r = run(id, junk.join('\n'))
      expect(r.consumed + r.ignored + r.unparsed.length, id).toBe(junk.length)
      for (const f of r.facts) expect(() => Fact.parse(f), id).not.toThrow()
    }
  })

  it('detect() prefers the right parser on each reference sample', () => {
    const samples: Record<string, string> = {
      'junos/show-ike-security-associations': 'reference-detail',
      'junos/show-ipsec-security-associations': 'reference-detail-esp',
      'junos/show-services-ipsec-vpn-ike-statistics': 'reference',
      'junos/show-ipsec-certificates': 'reference-detail',
      'junos/show-ipsec-redundancy': 'reference-security-associations',
      'junos/show-system-uptime': 'single',
      'junos/show-version': 'srx340',
      'junos/show-chassis-cluster-status': 'srx345-21',
    }
    for (const [id, name] of Object.entries(samples)) {
      const lines = toLines(fixture(id, name))
      const scores = junosParsers.map((p) => ({id: p.id, score: p.detect(lines)}))
      const best = scores.reduce((a, b) => (b.score > a.score ? b : a))
      expect(best.id, JSON.stringify(scores)).toBe(id)
      expect(best.score).toBeGreaterThanOrEqual(0.8)
    }
  })

  it('detect() gives nothing to an empty or unrelated block', () => {
    for (const p of junosParsers) {
      expect(p.detect([])).toBe(0)
      expect(p.detect(toLines('interface GigabitEthernet0/1\n ip address 10.0.0.1 255.255.255.0'))).toBe(0)
    }
  })
})
