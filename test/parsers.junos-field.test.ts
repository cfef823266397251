/**
 * Junos parser behaviour found by blind field captures (forum, KB and lab styles): an author's sentence
 * ending in a colon inside an IKE SA block, the "PFS group:" line of recent SRX SA detail, and labels
 * of that detail no list knows (warned, never dropped in silence).
 */
import {describe, expect, it} from 'vitest'
import type {IkeSa, IpsecFlow} from '../src/model/index.js'
import '../src/parsers/junos/index.js'
import {parserById} from '../src/parsers/registry.js'
import type {ParseContext, ParseResult} from '../src/parsers/types.js'
import {toLines} from './helpers/golden.js'

function run(id: string, text: string): ParseResult {
  const p = parserById(id)
  if (!p) throw new Error(`no parser ${id}`)
  const ctx: ParseContext = {file: 't.txt', device: 'dut', vendor: 'junos', command: p.command, args: [], pipe: null, node: null}
  return p.parse(toLines(text), ctx)
}

describe('SRX ike security-associations with an author sentence after the table', () => {
  const text = [
    'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
    '7730150 UP     b7f02c94e51a6d38  2e9c41a0d57f83b6  IKEv2          198.51.100.60',
    'Confirm that the IPsec SAs are installed:',
  ].join('\n')

  it('reads the row, reports the sentence and invents no SA for it', () => {
    const r = run('junos/show-security-ike-security-associations', text)
    const sas = r.facts.filter((f) => f.kind === 'ikeSa') as IkeSa[]
    expect(sas).toHaveLength(1)
    expect(sas[0]).toMatchObject({connId: 7730150, state: 'established', remoteAddress: '198.51.100.60'})
    expect(r.warnings).toEqual([])
    expect(r.unparsed.map((u) => u.line)).toEqual([3])
  })

  it('still opens an SA for a filtered detail line with a known label', () => {
    const r = run('junos/show-security-ike-security-associations', 'Confirm this:\n  Role: Initiator, State: DOWN\n  Local: 192.0.2.33:500, Remote: 203.0.113.66:500')
    const sas = r.facts.filter((f) => f.kind === 'ikeSa') as IkeSa[]
    expect(sas).toHaveLength(1)
    expect(sas[0]).toMatchObject({state: 'down', role: 'initiator', remoteAddress: '203.0.113.66', partial: true})
  })
})

describe('SRX ipsec security-associations detail of recent releases', () => {
  const detail = (pfs: string, extra = '') => [
    '  ID: 67108866 Virtual-system: root, VPN Name: to-cloud-1',
    '  Local Gateway: 192.0.2.9, Remote Gateway: 203.0.113.250',
    '  Traffic Selector Name: ts-any',
    '  TS Type: traffic-selector',
    '  Version: IKEv2',
    `  PFS group: ${pfs}`,
    '  Location: FPC 0, PIC 0, KMD-Instance 0',
    '  Anchorship: Thread 1',
    '  Distribution-Profile: default-profile',
    extra,
    '  Direction: inbound, SPI: 0xc3aa1f07, AUX-SPI: 0',
    '    Hard lifetime: Expires in 1714 seconds',
    '    Mode: Tunnel(0 0), Type: dynamic, State: installed',
    '    Protocol: ESP, Authentication: hmac-sha256-128, Encryption: aes-cbc (256 bits)',
    '    Anti-replay service: counter-based enabled, Replay window size: 64',
    '    Extended-Sequence-Number: Disabled',
    '    tunnel-establishment: establish-tunnels-immediately',
    '    IKE SA Index: 16777219',
  ].join('\n')

  it('reads "PFS group: DH-group-14" into the flow', () => {
    const r = run('junos/show-security-ipsec-security-associations', detail('DH-group-14'))
    const flow = r.facts.find((f) => f.kind === 'ipsecFlow') as IpsecFlow
    expect(flow).toMatchObject({name: 'to-cloud-1', pfs: true, dhGroup: 14})
    expect(r.warnings).toEqual([])
    expect(r.unparsed).toEqual([])
  })

  it('reads "PFS group: N/A" as no PFS', () => {
    const r = run('junos/show-security-ipsec-security-associations', detail('N/A'))
    expect(r.facts.find((f) => f.kind === 'ipsecFlow')).toMatchObject({pfs: false, dhGroup: null})
  })

  it('warns about a label it does not know, with its line, and keeps the value', () => {
    const r = run('junos/show-security-ipsec-security-associations', detail('DH-group-14', '  Quantum Key Source: none'))
    expect(r.warnings).toEqual(['line 10: label "Quantum Key Source" not understood (kept as printed)'])
    expect(r.unparsed).toEqual([])
  })
})

describe('SRX ike security-associations detail of recent releases', () => {
  it('understands "SRG ID:" and "PPK-profile:" (kept as printed) and reads an IPv6 peer', () => {
    const text = [
      'IKE peer 2001:db8:0:1::10, Index 1488301, Gateway Name: gw-v6',
      '  Role: Initiator, State: UP',
      '  Initiator cookie: 9e2c1f0a7b3d4e56, Responder cookie: 0c1d2e3f4a5b6c7d',
      '  Exchange type: IKEv2, Authentication method: Pre-shared-keys',
      '  Local: 2001:db8::1:500, Remote: 2001:db8:0:1::10:500',
      '  SRG ID: 0',
      '  PPK-profile: None',
      '  IPSec security associations: 2 created, 0 deleted',
      '  Phase 2 negotiations in progress: 0',
    ].join('\n')
    const r = run('junos/show-security-ike-security-associations', text)
    expect(r.unparsed).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.facts[0]).toMatchObject({remoteAddress: '2001:db8:0:1::10', localAddress: '2001:db8::1', localPort: 500, version: 2, ipsecSasCreated: 2})
  })
})

describe('SRX ipsec security-associations detail of 12.3X48 / 15.1X49', () => {
  it('understands "Last Tunnel Down Reason:" of an up tunnel without a warning', () => {
    const text = [
      '  ID: 131073 Virtual-system: root, VPN Name: vpn-to-hq',
      '  Local Gateway: 192.0.2.10, Remote Gateway: 198.51.100.10',
      '  Version: IKEv1',
      '  DF-bit: clear, Bind-interface: st0.0',
      '  Port: 500, Nego#: 1, Fail#: 0, Def-Del#: 0 Flag: 0x600a29',
      '  Last Tunnel Down Reason: SA not initiated',
      '    Direction: inbound, SPI: 4a2fb8d0, AUX-SPI: 0',
      '    Hard lifetime: Expires in 3322 seconds',
      '    Mode: Tunnel(0 0), Type: dynamic, State: installed',
      '    Protocol: ESP, Authentication: hmac-sha1-96, Encryption: aes-cbc (128 bits)',
      '    Anti-replay service: counter-based enabled, Replay window size: 64',
    ].join('\n')
    const r = run('junos/show-security-ipsec-security-associations', text)
    expect(r.warnings).toEqual([])
    expect(r.unparsed).toEqual([])
    expect(r.facts.find((f) => f.kind === 'ipsecFlow')).toMatchObject({name: 'vpn-to-hq', remoteAddress: '198.51.100.10', downReason: null})
  })
})

describe('ipsec statistics with several records in one output', () => {
  const section = (name: string, last: string[]) => [
    `PIC: ms-1/0/0, Service set: ${name}`,
    'ESP Statistics:',
    '  Encrypted bytes: 1000',
    '  Decrypted bytes: 900',
    '  Encrypted packets: 10',
    '  Decrypted packets: 9',
    'Errors:',
    '  AH authentication failures: 0, Replay errors: 0',
    ...last,
  ]
  it('MX: one record per service set; the last one is whole when it prints what the one before printed', () => {
    const r = run('junos/show-security-ipsec-statistics', [...section('ss-a', ['  Bad headers: 0, Bad trailers: 0']), ...section('ss-b', ['  Bad headers: 0, Bad trailers: 0'])].join('\n'))
    const stats = r.facts.filter((f) => f.kind === 'ipsecStats')
    expect(stats.map((s) => [s.id, s.partial ?? false])).toEqual([['ipsec-stats:ss-a', false], ['ipsec-stats:ss-b', false]])
    expect(r.unparsed).toEqual([])
  })
  it('marks the last record cut when it lacks a counter the record before printed', () => {
    const r = run('junos/show-security-ipsec-statistics', [...section('ss-a', ['  Bad headers: 0, Bad trailers: 0']), ...section('ss-b', [])].join('\n'))
    expect(r.facts.map((f) => f.partial ?? false)).toEqual([false, true])
  })
})
