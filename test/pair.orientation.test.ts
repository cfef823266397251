/**
 * Which end is which when an output does not say it (blind field captures, SRX facing IOS):
 *  - IOS `show crypto isakmp sa` on the responder prints the router itself as dst;
 *  - an SRX IKE table prints no local address, its kmd lines do;
 *  - Junos "IKE Phase-2 Failure: ... [spi=..., src_ip=..., dst_ip=...]" names no side.
 * src/engine/orient.ts and src/engine/pair/views.ts read them against the device's known endpoints.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText, mergeDocuments} from '../src/ingest/index.js'

const at = '2026-11-23T12:00:00Z'

// IOS router 198.51.100.150 answered the SRX (192.0.2.44): dst is the router itself
const IOS = [
  'HQ-R1#show crypto isakmp sa',
  'IPv4 Crypto ISAKMP SA',
  'dst             src             state          conn-id status',
  '198.51.100.150  192.0.2.44      QM_IDLE           1187 ACTIVE',
  '',
  'HQ-R1#show crypto ipsec sa peer 192.0.2.44',
  '',
  'interface: GigabitEthernet0/0/0',
  '    Crypto map tag: VPN-MAP, local addr 198.51.100.150',
  '',
  '   protected vrf: (none)',
  '   local  ident (addr/mask/prot/port): (172.20.8.0/255.255.255.0/0/0)',
  '   remote ident (addr/mask/prot/port): (10.44.1.0/255.255.255.0/0/0)',
  '   current_peer 192.0.2.44 port 500',
  '     PERMIT, flags={origin_is_acl,}',
  '    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0',
  '    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0',
  '    #send errors 0, #recv errors 0',
  '',
  '     local crypto endpt.: 198.51.100.150, remote crypto endpt.: 192.0.2.44',
  '     current outbound spi: 0x0(0)',
  '     PFS (Y/N): N, DH group: none',
  '',
  '     inbound esp sas:',
  '',
  '     outbound esp sas:',
  'HQ-R1#',
].join('\n')

const SRX = (log: string) => [
  'sec@srx-site4> show security ike security-associations',
  'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
  '4418207 UP     0b7c3e9a25d14f86  e92d0a5b7c13f468  Main           198.51.100.150',
  '',
  'sec@srx-site4> show security ipsec security-associations',
  '  Total active tunnels: 0     Total Ipsec sas: 0',
  '',
  'sec@srx-site4> show log kmd | match Phase-2',
  log,
  'sec@srx-site4>',
].join('\n')
const BRACKET = 'Nov 23 11:55:20  srx-site4 kmd[1902]: IKE Phase-2 Failure: Peer proposed traffic-selectors are not in configured range [spi=8a3c1f20, src_ip=198.51.100.150, dst_ip=192.0.2.44]'
const LOOKUP = 'Nov 23 11:55:20  srx-site4 kmd[1902]: KMD_PM_P2_POLICY_LOOKUP_FAILURE: Policy lookup for Phase-2 [responder] failed for p1_local=ipv4(udp:500,[0..3]=192.0.2.44) p1_remote=ipv4(udp:500,[0..3]=198.51.100.150) p2_local=ipv4_subnet(any:0,[0..7]=10.44.1.0/24) p2_remote=ipv4_subnet(any:0,[0..7]=172.20.8.0/24)'

describe('IOS isakmp row of a responder', () => {
  it('is read toward the peer its flows name: phase 1 up, phase 2 missing is found on the router alone', async () => {
    const out = await diagnose(await ingestText(IOS, {file: 'hq-r1.txt'}), {at})
    const f = out.findings.find((x) => x.ruleId === 'ipsec-phase2-not-established')
    expect(f?.device).toBe('HQ-R1')
    expect(f?.message).toMatch(/toward 192\.0\.2\.44/)
  })
})

describe('SRX table + kmd log facing that IOS router', () => {
  it('pairs the two ends and joins the responder-side log reason; no end is said to have nothing', async () => {
    const doc = mergeDocuments([await ingestText(SRX(`${BRACKET}\n${LOOKUP}`), {file: 'srx.txt'}), await ingestText(IOS, {file: 'hq-r1.txt'})])
    const out = await diagnose(doc, {at})
    const ids = out.findings.map((f) => f.ruleId)
    expect(ids).toContain('pair-responder-logs-cause')
    expect(ids).not.toContain('pair-unmatched')
    expect(ids).not.toContain('pair-one-side-stuck')
    // the bracket line is read with the SRX's own address (p1_local) as the local end
    const proxy = out.findings.find((f) => f.ruleId === 'pair-proxy-id-mismatch' && f.device === 'srx-site4')
    expect(proxy?.message).toMatch(/with 198\.51\.100\.150 refused/)
  })

  it('keeps the reader\'s direction when nothing says the SRX\'s own address', async () => {
    const out = await diagnose(await ingestText(SRX(BRACKET), {file: 'srx.txt'}), {at})
    const proxy = out.findings.find((f) => f.ruleId === 'pair-proxy-id-mismatch')
    expect(proxy?.message).toMatch(/with 192\.0\.2\.44 refused/)
  })
})
