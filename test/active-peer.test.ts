/**
 * active-peer-missing: a gateway of the SRX configuration whose address is not in `show security ike
 * active-peer` (table or detail form) of the same device. Silent when the listing was not captured,
 * was filtered, lists the peer, or when no vpn uses the gateway.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const config = (establish: boolean, vpn = true) => [
  'root@srx1> show configuration security | display set',
  'set security ike policy IKE-POL proposals IKE-P',
  'set security ike gateway GW-HQ ike-policy IKE-POL',
  'set security ike gateway GW-HQ address 203.0.113.1',
  'set security ike gateway GW-HQ external-interface ge-0/0/0.0',
  'set security ike gateway GW-HQ local-address 198.51.100.2',
  'set security ike gateway GW-BR ike-policy IKE-POL',
  'set security ike gateway GW-BR address 192.0.2.7',
  'set security ike gateway GW-BR external-interface ge-0/0/0.0',
  ...(vpn ? ['set security ipsec vpn VPN-HQ ike gateway GW-HQ', 'set security ipsec vpn VPN-HQ bind-interface st0.0'] : []),
  ...(vpn && establish ? ['set security ipsec vpn VPN-HQ establish-tunnels immediately'] : []),
  'set security ipsec vpn VPN-BR ike gateway GW-BR',
  'set security ipsec vpn VPN-BR bind-interface st0.1',
]
const table = ['root@srx1> show security ike active-peer', 'Remote Address Port Peer IKE-ID AAA username Assigned IP', '192.0.2.7 500 192.0.2.7 not available 0.0.0.0']
const detail = [
  'root@srx1> show security ike active-peer detail',
  'Peer address: 192.0.2.7, Port: 500,', '  Peer IKE-ID : 192.0.2.7', '  AAA username: not available', '  Assigned network attributes:',
  '    IP Address : 0.0.0.0 , netmask : 0.0.0.0', '  Previous Peer address : 0.0.0.0 , Port : 0', '  Active IKE SA indexes : 4197385',
  '  IKE SA negotiated : 1', '  IPSec tunnels active : 1, IPSec Tunnel IDs : 131073',
]

async function missing(lines: string[]) {
  const doc = await ingestText([...lines, 'root@srx1> '].join('\n'), {file: 'srx1.txt'})
  const result = await diagnose(doc, {at: '2026-12-01T00:00:00Z'})
  return {doc, findings: result.findings.filter((f) => f.ruleId === 'active-peer-missing')}
}

describe('active-peer-missing', () => {
  it('table form: the gateway not listed fires, the listed one does not', async () => {
    const {findings} = await missing([...config(false), ...table])
    expect(findings.map((f) => [f.message.trim(), f.severity])).toEqual([['Gateway GW-HQ (203.0.113.1) is configured but not an active IKE peer', 'warning']])
    expect(findings[0].evidence.map((e) => `${e.field} = ${e.value}`)).toEqual(expect.arrayContaining(['address = 203.0.113.1']))
    expect(findings[0].remediation.map((r) => r.command)).toEqual([
      'show security ike security-associations 203.0.113.1 detail', 'show log kmd | match 203.0.113.1', 'ping 203.0.113.1 source 198.51.100.2',
      'show configuration security ike gateway', 'set security ipsec vpn VPN-HQ establish-tunnels immediately',
    ])
  })

  it('detail form, establish-tunnels immediately: an error', async () => {
    const {doc, findings} = await missing([...config(true), ...detail])
    expect(doc.blocks.find((b) => b.command === 'show security ike active-peer')?.parser).toBe('junos/show-security-ike-active-peer')
    expect(doc.facts.ikeActivePeer.map((p) => [p.remoteAddress, p.ikeSaIndexes, p.ipsecTunnelCount])).toEqual([['192.0.2.7', [4197385], 1]])
    expect(findings.map((f) => f.severity)).toEqual(['error'])
    expect(findings[0].message).toContain('establish-tunnels immediately')
  })

  it('an empty listing (header only) still counts as captured', async () => {
    const {findings} = await missing([...config(false), 'root@srx1> show security ike active-peer', 'Remote Address Port Peer IKE-ID AAA username Assigned IP'])
    expect(findings.map((f) => f.message.split(' ')[1]).sort()).toEqual(['GW-BR', 'GW-HQ'])
  })

  it('silent without the listing, with a filtered listing, or for a gateway no vpn uses', async () => {
    expect((await missing(config(false))).findings).toEqual([])
    expect((await missing([...config(false), 'root@srx1> show security ike active-peer | match 192.0.2', '192.0.2.7 500 192.0.2.7 not available 0.0.0.0'])).findings).toEqual([])
    expect((await missing([...config(false, false), ...table])).findings).toEqual([])
  })

  it('on an SRX (show security ... captured) with the configuration but without the listing, the report asks for it', async () => {
    const sa = ['root@srx1> show security ike security-associations', 'Index State Initiator cookie Responder cookie Mode Remote Address', '4197385 UP 8a2f7b3c4d5e6f70 1b2c3d4e5f607182 IKEv2 192.0.2.7']
    const result = await diagnose(await ingestText([...config(false), ...sa, 'root@srx1> '].join('\n'), {file: 'srx1.txt'}), {at: '2026-12-01T00:00:00Z'})
    expect(result.missing.find((m) => m.command === 'show security ike active-peer')?.rules).toEqual(['active-peer-missing'])
  })
})
