/**
 * Phase 1 up, no phase 2, and a log line (issue 14, end to end from capture text): the finding says
 * which of transform set, proxy ids or PFS failed, with the values the line prints, and cites the line.
 *   IOS: QM_IDLE and a flow without SPI, debug lines refusing the transforms -> ipsec-phase2-not-established
 *   SRX: IKE UP, no IPsec SA, kmd "traffic-selectors are not in configured range" -> ipsec-phase2-not-established
 *   ASA: MM_ACTIVE and "There are no ipsec sas", 713257 phase 2 class Group (PFS) / 713061 proxies -> the log rules
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const ROOT = join(import.meta.dirname, '..')

async function findings(text: string, file: string) {
  const doc = await ingestText(text, {file})
  return (await diagnose(doc, {now: () => new Date('2026-12-07T12:00:00Z')})).findings
}

const IOS_SHOW = readFileSync(join(ROOT, 'examples', 'cisco-phase2-missing', 'DC-R3.txt'), 'utf8').split('\n').slice(0, 40)

const ASA_SHOW = [
  'asa-hq# show clock', '10:20:44.201 UTC Mon Dec 7 2026',
  'asa-hq# show crypto isakmp sa', 'IKEv1 SAs:', 'Active SA: 1', 'Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)', 'Total IKE SA: 1',
  '1 IKE Peer: 203.0.113.9', 'Type : L2L Role : responder', 'Rekey : no State : MM_ACTIVE', 'There are no IKEv2 SAs',
  'asa-hq# show crypto ipsec sa peer 203.0.113.9', 'There are no ipsec sas',
  'asa-hq# show logging | include 7130|7131|7132',
]

describe('phase 1 up, no phase 2: the log names the part that failed', () => {
  it('IOS QM_IDLE without SPI: the transform set, with the transforms the peer offered, citing the debug line', async () => {
    const text = [...IOS_SHOW,
      'DC-R3#show logging',
      '*Nov 23 11:39:58.093: ISAKMP:(1021):Checking IPSec proposal 1',
      '*Nov 23 11:39:58.101: IPSEC(validate_transform_proposal): transform proposal not supported for identity: {esp-3des esp-md5-hmac }',
      '*Nov 23 11:39:58.105: ISAKMP:(1021): IPSec policy invalidated proposal with error 256',
      '*Nov 23 11:39:58.109: ISAKMP:(1021): phase 2 SA policy not acceptable! (local 192.0.2.1 remote 192.0.2.44)',
    ].join('\n')
    const f = (await findings(text, 'dc-r3.txt')).find((x) => x.ruleId === 'ipsec-phase2-not-established' && x.device === 'DC-R3')!
    expect(f.message).toBe('Phase 2 is not established toward 192.0.2.44: no IPsec SA while phase 1 is QM_IDLE')
    expect(f.causes[0]).toBe('Transform set mismatch (transform set: received esp-3des esp-md5-hmac), named by the log (IPSEC(validate_transform_proposal) at dc-r3.txt:43)')
    expect(f.evidence.find((e) => e.line === 43)).toEqual({file: 'dc-r3.txt', line: 43, field: 'IPSEC(validate_transform_proposal)', value: 'IPSEC(validate_transform_proposal): transform proposal not supported for identity: {esp-3des esp-md5-hmac } [device clock not synced]'})
    // the conn-id 1021 lines are the same exchange: attributed to the peer the last of them names
    expect(f.evidence.filter((e) => e.field === 'ISAKMP').map((e) => e.line).sort()).toEqual([44, 45])
  })

  it('SRX IKE UP without IPsec SA: the proxy ids (traffic selectors), citing the kmd line', async () => {
    const text = [
      'admin@srx-edge> show system uptime', 'Current time: 2026-12-07 10:20:00 UTC',
      'admin@srx-edge> show security ike security-associations',
      'Index State Initiator cookie Responder cookie Mode Remote Address',
      '5808540 UP 9b2bbe80a1a1e84c 7a1c4c8f3e2d1b0a IKEv2 203.0.113.9',
      'admin@srx-edge> show security ipsec security-associations', 'Total active tunnels: 0 Total Ipsec sas: 0',
      'admin@srx-edge> show log kmd | last 50',
      'Dec 7 10:19:40 srx-edge kmd[1402]: IPSec negotiation failed with error: Peer proposed traffic-selectors are not in configured range. IKE Version: 2, VPN: vpn-hq Gateway: gw-hq, Local: 198.51.100.1/500, Remote: 203.0.113.9/500, Local IKE-ID: 198.51.100.1, Remote IKE-ID: 203.0.113.9, VR-ID: 0, Role: Responder',
    ].join('\n')
    const f = (await findings(text, 'srx.txt')).find((x) => x.ruleId === 'ipsec-phase2-not-established')!
    expect(f.causes[0]).toBe('Proxy identities / traffic selectors are not mirror images, named by the log ("IPSec negotiation failed with error: Peer pro..." at srx.txt:9)')
    expect(f.evidence.map((e) => [e.line, e.field])).toEqual([[5, 'State'], [9, 'log (junos-syslog)']])
  })

  it('ASA MM_ACTIVE and no IPsec SA: the PFS group with both values (713257 phase 2, class Group)', async () => {
    const text = [...ASA_SHOW, "Dec 07 2026 10:19:58: %ASA-5-713257: Group = 203.0.113.9, IP = 203.0.113.9, Phase 2 failure: Mismatched attribute types for class Group: Rcv'd: Group 5 Cfg'd: Group 14"].join('\n')
    const all = await findings(text, 'asa.txt')
    const f = all.find((x) => x.ruleId === 'pair-transform-mismatch')!
    expect(f.message).toBe('Phase 2 proposals with 203.0.113.9 do not match: PFS group (Group): received Group 5, configured Group 14 (logged 1 time(s))')
    expect(f.evidence[0]).toMatchObject({file: 'asa.txt', line: 15, field: 'message'})
    expect(all.map((x) => x.ruleId)).not.toContain('pair-proxy-id-mismatch')
  })

  it('ASA MM_ACTIVE and no IPsec SA: the proxy ids with the proxies the peer proposed (713061)', async () => {
    const text = [...ASA_SHOW, 'Dec 07 2026 10:19:58: %ASA-3-713061: Group = 203.0.113.9, IP = 203.0.113.9, Rejecting IPSec tunnel: no matching crypto map entry for remote proxy 10.9.0.0/255.255.255.0/0/0 local proxy 10.1.0.0/255.255.255.0/0/0 on interface outside'].join('\n')
    const all = await findings(text, 'asa.txt')
    const f = all.find((x) => x.ruleId === 'pair-proxy-id-mismatch')!
    expect(f.message).toContain('remote proxy 10.9.0.0/255.255.255.0/0/0, local proxy 10.1.0.0/255.255.255.0/0/0')
    expect(f.evidence[0]).toMatchObject({file: 'asa.txt', line: 15, field: 'message'})
    expect(all.map((x) => x.ruleId)).not.toContain('pair-transform-mismatch')
  })
  it('IOS debug refusing the proxies: one proxy-id finding for the peer the key eng. msg names, no transform finding', async () => {
    const text = [...IOS_SHOW,
      'DC-R3#show logging',
      '*Nov 23 11:52:40.201: IPSEC(validate_proposal_request): proposal part #1,',
      '  (key eng. msg.) INBOUND local= 192.0.2.1:0, remote= 192.0.2.44:0,',
      '    local_proxy= 10.1.1.0/255.255.255.0/256/0,',
      '    remote_proxy= 10.2.2.0/255.255.255.0/256/0,',
      '*Nov 23 11:52:40.201: IPSEC(ipsec_process_proposal): proxy identities not supported',
      '*Nov 23 11:52:40.201: ISAKMP:(1021): IPSec policy invalidated proposal with error 32',
      '*Nov 23 11:52:40.201: ISAKMP:(1021): phase 2 SA policy not acceptable! (local 192.0.2.1 remote 192.0.2.44)',
    ].join('\n')
    const all = await findings(text, 'dc-r3.txt')
    const proxy = all.filter((x) => x.ruleId === 'pair-proxy-id-mismatch')
    expect(proxy.map((x) => x.message)).toEqual([expect.stringContaining('Phase 2 with 192.0.2.44 refused')])
    expect(all.map((x) => x.ruleId)).not.toContain('pair-transform-mismatch')
  })
})
