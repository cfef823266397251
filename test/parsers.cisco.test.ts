/** Focused tests of the tricky parts of the Cisco seed parsers (the golden fixtures cover whole outputs). */
import {describe, expect, it} from 'vitest'
import type {Fact, FactOf, FactKind} from '../src/model/index.js'
import {toSpi} from '../src/reading/numbers.js'
import {normalizeCipher, normalizeEngineAlgorithm, normalizeHash, normalizeTransform} from '../src/parsers/cisco/algorithms.js'
import {maskToPrefix, parseIdentLine, parseIosSelector} from '../src/parsers/cisco/ident.js'
import {parseCounterLine} from '../src/parsers/cisco/ipsec-sa-records.js'
import {parseTransformSets} from '../src/parsers/cisco/map-entry.js'
import {asaShowCryptoIpsecSa} from '../src/parsers/cisco/asa-show-crypto-ipsec-sa.js'
import {showClock} from '../src/parsers/cisco/show-clock.js'
import {showCryptoEngineConnectionsActive} from '../src/parsers/cisco/show-crypto-engine-connections-active.js'
import {showCryptoIpsecSa} from '../src/parsers/cisco/show-crypto-ipsec-sa.js'
import {showCryptoIsakmpSa} from '../src/parsers/cisco/show-crypto-isakmp-sa.js'
import {showCryptoMap} from '../src/parsers/cisco/show-crypto-map.js'
import {showCryptoPkiCertificates} from '../src/parsers/cisco/show-crypto-pki-certificates.js'
import {parseCertDate, parseClock} from '../src/parsers/cisco/time.js'
import type {Line, ParseContext, ParserSpec} from '../src/parsers/types.js'
import {pastedLines} from '../src/reading/paste.js'
import {rawGet} from '../src/model/raw.js'

/** Lines as ingest hands them to a parser (src/reading/paste.ts). */
function lines(text: string): Line[] {
  return pastedLines(text)
}

function run(parser: ParserSpec, text: string, extra: Partial<ParseContext> = {}) {
  const ctx: ParseContext = {file: 'x.txt', device: 'r1', vendor: 'cisco', command: parser.command, args: [], pipe: null, node: null, ...extra}
  return parser.parse(lines(text), ctx)
}

function factsOf<K extends FactKind>(facts: Fact[], kind: K): FactOf<K>[] {
  return facts.filter((f) => f.kind === kind) as FactOf<K>[]
}

describe('SPI forms', () => {
  it('reads bare hex, 0x hex with decimal, and zero the same way', () => {
    expect(toSpi('EB99FB6C', true)).toBe(3952737132)
    expect(toSpi('0xEB99FB6C(3952737132)', true)).toBe(3952737132)
    expect(toSpi('0x0(0)', true)).toBe(0)
    expect(toSpi('0', true)).toBe(0)
  })

  it('takes the hex where a hand edit left the decimal disagreeing with it', () => {
    expect(toSpi('0x8C4E1F2A(2354978602)', true)).toBe(0x8c4e1f2a)
    expect(toSpi('0x8C4E1F2A (2354978602)', true)).toBe(0x8c4e1f2a)
  })

  it('gives the flow and its outbound SA the same SPI whichever form the train prints', () => {
    const old = run(showCryptoIpsecSa, 'current outbound spi: EB99FB6C\noutbound esp sas:\nspi: 0xEB99FB6C(3952737132)')
    const flow = factsOf(old.facts, 'ipsecFlow')[0]
    const sa = factsOf(old.facts, 'ipsecSa')[0]
    expect(flow.currentOutboundSpi).toBe(3952737132)
    expect(sa.spi).toBe(flow.currentOutboundSpi)
    expect(sa.id).toBe('sa:outbound:esp:0xEB99FB6C')
    expect(sa.flowId).toBe(flow.id)
  })
})

describe('ISAKMP states', () => {
  it('normalizes states, marks deleted rows and aggressive mode', () => {
    const r = run(
      showCryptoIsakmpSa,
      [
        'dst             src             state          conn-id status',
        '10.0.0.2        10.0.0.1        QM_IDLE           1004 ACTIVE',
        '10.0.0.2        10.0.0.1        MM_NO_STATE       1003 ACTIVE (deleted)',
        '10.0.0.3        10.0.0.1        AG_INIT_EXCH         0 ACTIVE',
      ].join('\n'),
    )
    const sas = factsOf(r.facts, 'ikeSa')
    expect(sas.map((s) => [s.state, s.deleted, s.mode])).toEqual([
      ['established', false, null],
      ['negotiating', true, 'main'],
      ['negotiating', true, 'aggressive'],
    ])
    expect(sas[1].statusRaw).toBe('ACTIVE (deleted)')
    expect(rawGet(sas[1].raw, 'state')).toEqual({value: 'MM_NO_STATE', line: 3})
  })

  it('reads the slot column only when the header has it', () => {
    const withSlot = factsOf(run(showCryptoIsakmpSa, 'dst src state conn-id slot\n1.1.1.1 2.2.2.2 QM_IDLE 5 0').facts, 'ikeSa')[0]
    expect(rawGet(withSlot.raw, 'slot')?.value).toBe('0')
    expect(withSlot.statusRaw).toBeNull()
    const noSlot = run(showCryptoIsakmpSa, 'dst src state conn-id status\n1.1.1.1 2.2.2.2 QM_IDLE 5 0')
    expect(noSlot.facts).toHaveLength(0)
    expect(noSlot.unparsed).toEqual([{line: 2, text: '1.1.1.1 2.2.2.2 QM_IDLE 5 0', reason: 'not an ISAKMP SA row'}])
  })

  it('joins a row wrapped after its IPv6 addresses', () => {
    const r = run(showCryptoIsakmpSa, '2001:db8::1 2001:db8::2\n   QM_IDLE 1001 ACTIVE')
    const sa = factsOf(r.facts, 'ikeSa')[0]
    expect(sa.remoteAddress).toBe('2001:db8::1')
    expect(sa.source).toMatchObject({startLine: 1, endLine: 2})
    expect(r.consumed).toBe(2)
  })

  it('reads the older detail table whose first column is f_vrf/i_vrf', () => {
    const r = run(
      showCryptoIsakmpSa,
      [
        'f_vrf/i_vrf Conn-id Local           Remote          Encr Hash Auth DH Lifetime Capabilities',
        '            1       10.0.0.1        10.0.0.2        3des sha  psk  2  23:59:21',
        'RED/BLUE    2       10.0.0.1        10.0.0.3        aes  md5  rsig 5  00:01:00 DN',
      ].join('\n'),
    )
    const sas = factsOf(r.facts, 'ikeSa')
    expect(sas.map((s) => [s.connId, s.remoteAddress, s.encryption, s.integrity, s.dhGroup, s.lifetimeRemainingSec, s.natT])).toEqual([
      [1, '10.0.0.2', '3des', 'sha1', 2, 86361, false],
      [2, '10.0.0.3', 'aes-128-cbc', 'md5', 5, 60, true],
    ])
    expect(rawGet(sas[1].raw, 'f_vrf/i_vrf')).toEqual({value: 'RED/BLUE', line: 3})
    expect(r.unparsed).toEqual([])
  })

  it('reports a dangling address line with its number', () => {
    const r = run(showCryptoIsakmpSa, 'dst src state conn-id status\n10.0.0.1\n\nnonsense')
    expect(r.unparsed.map((u) => u.line)).toEqual([2, 4])
  })
})

describe('ipsec sa counters and flows', () => {
  it('ASA: an SPI after a new "interface:" line, before any flow or section, is reported, not a crash', () => {
    // found by the mutation property test: the section of the previous interface used to carry over
    const text = [
      'interface: outside',
      '    Crypto map tag: CMAP, seq num: 10, local addr: 203.0.113.1',
      '      current_peer: 198.51.100.77',
      '    inbound esp sas:',
      'interface: inside',
      '      spi: 0x1A2B3C4D (439041101)',
    ].join('\n')
    const out = run(asaShowCryptoIpsecSa, text)
    expect(factsOf(out.facts, 'ipsecSa')).toEqual([])
    expect(out.unparsed).toEqual([{line: 6, text: '      spi: 0x1A2B3C4D (439041101)', reason: 'SPI without an inbound/outbound section'}])
  })

  it('accepts both "#pkts verify 0" and "#pkts verify: 0" and the doubled "##" label', () => {
    expect(parseCounterLine('#pkts decaps: 1156, #pkts decrypt: 1156, #pkts verify 1156')).toEqual([
      {label: '#pkts decaps', value: '1156'},
      {label: '#pkts decrypt', value: '1156'},
      {label: '#pkts verify', value: '1156'},
    ])
    expect(parseCounterLine('##pkts replay failed (rcv): 7')).toEqual([{label: '#pkts replay failed (rcv)', value: '7'}])
    expect(parseCounterLine('#pkts encaps: many')).toBeNull()
  })

  it('starts a new flow when a flow field repeats in filtered output', () => {
    const r = run(showCryptoIpsecSa, 'current_peer 1.1.1.1 port 4500\n#pkts encaps: 5\ncurrent_peer 2.2.2.2 port 500\n#pkts encaps: 0', {
      pipe: '| include peer|encaps',
    })
    const flows = factsOf(r.facts, 'ipsecFlow')
    expect(flows.map((f) => [f.remoteAddress, f.encaps, f.natT])).toEqual([
      ['1.1.1.1', 5, true],
      ['2.2.2.2', 0, false],
    ])
  })

  it('marks transport_parent flows and reads every MTU form', () => {
    const r = run(
      showCryptoIpsecSa,
      'local  ident (addr/mask/prot/port): (1.1.1.1/255.255.255.255/47/0)\nPERMIT, flags={origin_is_acl,transport_parent,}\nplaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb Gi0/1',
    )
    const flow = factsOf(r.facts, 'ipsecFlow')[0]
    expect(flow.transportParent).toBe(true)
    expect([flow.plaintextMtu, flow.pathMtu, flow.ipMtu, flow.mediaMtu]).toEqual([1438, 1500, 1500, null])
    expect(rawGet(flow.raw, 'ip mtu idb')).toEqual({value: 'Gi0/1', line: 3})
  })

  it('keeps extra SA fields of newer trains as raw values', () => {
    const r = run(showCryptoIpsecSa, 'inbound esp sas:\nspi: 0x10(16)\nike_cookies: 9263635C CA4B4E99 C14E908E 8EE2D79C')
    expect(rawGet(factsOf(r.facts, 'ipsecSa')[0].raw, 'ike_cookies')).toEqual({value: '9263635C CA4B4E99 C14E908E 8EE2D79C', line: 3})
  })

  it('accounts a "no SAs" notice as decoration, not as a flow', () => {
    const r = run(showCryptoIpsecSa, 'There are no ipsec sas')
    expect(r.facts).toEqual([])
    expect([r.ignored, r.unparsed.length]).toEqual([1, 0])
  })

  it('leaves unknown lines unparsed with their numbers instead of throwing', () => {
    const r = run(showCryptoIpsecSa, 'interface: Gi0/1\n???\ninbound esp sas:\nspi: 0x10(16)\nweird line')
    expect(r.unparsed).toEqual([
      {line: 2, text: '???', reason: 'not a line of show crypto ipsec sa'},
      {line: 5, text: 'weird line', reason: 'unknown line in an SA block'},
    ])
  })
})

describe('dates and clock', () => {
  it('converts certificate dates and flags non-UTC zones', () => {
    expect(parseCertDate('17:02:11 UTC Mar 1 2025')).toMatchObject({iso: '2025-03-01T17:02:11Z', zoneKnown: true})
    expect(parseCertDate('17:02:11 CET Mar  1 2025')).toMatchObject({iso: '2025-03-01T17:02:11Z', zoneKnown: false})
    expect(parseCertDate('17:02:11 UTC Feb 30 2025')).toBeNull()
  })

  it('applies zone offsets to show clock and keeps the authority marker', () => {
    expect(parseClock('.17:02:11.123 CET Mon Nov 23 2026')).toMatchObject({iso: '2026-11-23T16:02:11.123Z', marker: '.', zoneKnown: true})
    expect(parseClock('*01:00:00.000 EST Fri Jan 1 2027')).toMatchObject({iso: '2027-01-01T06:00:00.000Z', marker: '*'})
    const r = run(showClock, '*17:02:11.123 XYZ Mon Nov 23 2026')
    expect(factsOf(r.facts, 'captureTime')[0]).toMatchObject({time: '2026-11-23T17:02:11.123Z', assumedUtc: true, timezone: 'XYZ'})
    expect(r.warnings).toHaveLength(2)
  })

  it('warns about a certificate block cut before its end date', () => {
    const r = run(showCryptoPkiCertificates, 'Certificate\n  Status: Available\n  Certificate Serial Number (hex): 0A')
    expect(factsOf(r.facts, 'certificate')[0].id).toBe('cert:0A')
    expect(r.warnings[0]).toContain('no end date')
  })
})

describe('algorithms and selectors', () => {
  it('normalizes transforms, engine algorithms and IKE words', () => {
    expect(normalizeTransform('esp-3des esp-sha-hmac ,')).toEqual({encryption: '3des', integrity: 'sha1'})
    expect(normalizeTransform('esp-aes 256 esp-sha256-hmac')).toEqual({encryption: 'aes-256-cbc', integrity: 'sha256'})
    expect(normalizeTransform('esp-gcm 256')).toEqual({encryption: 'aes-256-gcm', integrity: null})
    expect(normalizeTransform('esp-aes')).toEqual({encryption: 'aes-128-cbc', integrity: 'none'})
    expect(normalizeTransform('ah-md5-hmac')).toEqual({encryption: 'none', integrity: 'md5'})
    expect(normalizeTransform('esp-null esp-sha-hmac')).toEqual({encryption: 'null', integrity: 'sha1'})
    expect(normalizeEngineAlgorithm('HMAC_SHA+3DES_56_C')).toEqual({encryption: '3des', integrity: 'sha1'})
    expect(normalizeEngineAlgorithm('HMAC_MD5+DES_56_CB')).toEqual({encryption: 'des', integrity: 'md5'})
    expect(normalizeCipher('esp-256-aes')).toBe('aes-256-cbc')
    expect(normalizeHash('sha')).toBe('sha1')
  })

  it('reads IPv4 masks and IPv6 prefix lengths in idents', () => {
    expect(maskToPrefix('255.255.255.0')).toBe(24)
    expect(maskToPrefix('0.0.0.255')).toBeNull()
    expect(parseIosSelector('(2001:DB8:1::/64/6/443)')).toEqual({address: '2001:DB8:1::', prefixLength: 64, protocol: 6, port: 443})
    expect(parseIdentLine('   remote ident (addr/mask/prot/port): (10.2.2.0/255.255.255.0/0/0)')?.selector).toEqual({
      address: '10.2.2.0',
      prefixLength: 24,
      protocol: 0,
      port: 0,
    })
  })

  it('reads transform sets with and without their contents', () => {
    expect(parseTransformSets('{ A, B, }')).toEqual({names: ['A', 'B'], transforms: []})
    expect(parseTransformSets('{ A:  { esp-aes esp-sha-hmac  } , }')).toEqual({names: ['A'], transforms: ['esp-aes esp-sha-hmac']})
  })
})

describe('maps, engine and detection', () => {
  it('copies map interfaces into entries and keeps maps without entries', () => {
    const r = run(showCryptoMap, 'Interfaces using crypto map EMPTY:\n\nCrypto Map "M" 10 ipsec-isakmp\nPeer = 1.1.1.1\nInterfaces using crypto map M:\nGi0/1')
    expect(factsOf(r.facts, 'cryptoMap').map((m) => [m.id, m.entryCount, m.interfaces])).toEqual([
      ['map:EMPTY', 0, []],
      ['map:M', 1, ['Gi0/1']],
    ])
    expect(factsOf(r.facts, 'cryptoMapEntry')[0].interfaces).toEqual(['Gi0/1'])
  })

  it('tells IKE rows of the old engine layout by their missing interface', () => {
    const r = run(showCryptoEngineConnectionsActive, '1 set HMAC_SHA+3DES_56_C 0 0\n2088 Fa0/1 172.22.1.3 set HMAC_SHA+3DES_56_C 0 5')
    expect(factsOf(r.facts, 'engineConnection').map((e) => e.interface)).toEqual([null, 'Fa0/1'])
  })

  it('scores its own output above the others', () => {
    const ipsec = lines('interface: Gi0/1\n    #pkts encaps: 1, #pkts encrypt: 1\n     current outbound spi: 0x0(0)')
    const isakmp = lines('dst src state conn-id slot\n1.1.1.1 2.2.2.2 QM_IDLE 1 0')
    expect(showCryptoIpsecSa.detect(ipsec)).toBeGreaterThan(showCryptoIsakmpSa.detect(ipsec))
    expect(showCryptoIsakmpSa.detect(isakmp)).toBeGreaterThan(showCryptoIpsecSa.detect(isakmp))
    expect(showClock.detect(lines('*17:02:11.123 UTC Mon Nov 23 2026'))).toBeGreaterThan(0.5)
    expect(showClock.detect(isakmp)).toBe(0)
  })
})
