/**
 * Both ends, one cause (issue 14): the initiator's silence and the responder's logged reason are
 * joined in one pair finding (pair-responder-logs-cause), with the log's cause first, evidence from
 * both captures and each side's remediation in its own syntax; the one-sided pair findings stay silent.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles, ingestText, mergeDocuments} from '../src/ingest/index.js'
import type {ParseDocument} from '../src/model/index.js'

const ROOT = join(import.meta.dirname, '..')
const run = (doc: ParseDocument) => diagnose(doc, {now: () => new Date('2026-12-07T12:00:00Z')})

const IOS_PHASE2 = readFileSync(join(ROOT, 'examples', 'cisco-phase2-missing', 'DC-R3.txt'), 'utf8')
// the SRX end of DC-R3's tunnel (192.0.2.44), with IKE up toward 192.0.2.1 and its kmd line refusing the selectors
const SRX_TS = [
  'admin@srx-b> show security ike security-associations',
  'Index State Initiator cookie Responder cookie Mode Remote Address',
  '5808540 UP 9b2bbe80a1a1e84c 7a1c4c8f3e2d1b0a Main 192.0.2.1',
  'admin@srx-b> show log kmd | last 50',
  'Nov 23 11:39:50 srx-b kmd[1402]: IPSec negotiation failed with error: Peer proposed traffic-selectors are not in configured range. IKE Version: 1, VPN: vpn-dc Gateway: gw-dc, Local: 192.0.2.44/500, Remote: 192.0.2.1/500, Local IKE-ID: 192.0.2.44, Remote IKE-ID: 192.0.2.1, VR-ID: 0, Role: Responder',
]

describe('pair-responder-logs-cause', () => {
  it('IOS initiator in MM_NO_STATE, ASA responder with no SA logging 713257: one pair finding with the values, both files cited', async () => {
    const out = await run(await ingestFiles([join(ROOT, 'examples', 'log-pair-ios-asa-group-mismatch')]))
    const pairs = out.findings.filter((f) => f.ruleId.startsWith('pair-'))
    expect(pairs.map((f) => [f.ruleId, f.device, f.severity])).toEqual([['pair-responder-logs-cause', 'BR-R1', 'error']])
    const f = pairs[0]
    expect(f.message).toBe('tunnel asa-dc (203.0.113.9) <-> BR-R1 (198.51.100.20): BR-R1 only sees MM_NO_STATE; asa-dc, the responder, logs why it refuses (phase 1, proposal-mismatch): Group: received Group 2, configured Group 14')
    expect(f.evidence.map((e) => [e.file.replace(/.*\//, ''), e.line, e.field])).toEqual([['BR-R1.txt', 5, 'state'], ['asa-dc.txt', 9, 'ASA-5-713257']])
    expect(f.causes[0]).toMatch(/^IKE proposal mismatch \(Group: received Group 2, configured Group 14\), named by the log of asa-dc, the peer \(ASA-5-713257 at .*asa-dc\.txt:9, 2 times\)$/)
    // each side its own syntax: the ASA is asked for its 7130-7132 lines and its IKEv1 policies
    const steps = (device: string) => f.remediation.filter((r) => r.device === device).map((r) => r.command)
    expect(steps('BR-R1')).toEqual(['show logging | include CRYPTO', 'show crypto isakmp policy', 'show running-config | include crypto isakmp key|crypto map', 'show crypto ipsec transform-set', 'show crypto map', 'clear crypto isakmp 1004'])
    expect(steps('asa-dc')).toEqual(['show logging | include 7130|7131|7132', 'show running-config crypto ikev1', 'show running-config tunnel-group 198.51.100.20', 'show running-config crypto map', 'clear crypto ikev1 sa 198.51.100.20'])
    expect(f.remediation.find((r) => r.device === 'asa-dc')!.purpose).toMatch(/^On the responder side: /)
  })

  it('phase 2: IOS QM_IDLE without IPsec SA, the SRX end logs the traffic selectors it refuses: joined on the pair of the two ends', async () => {
    const doc = mergeDocuments([await ingestText(IOS_PHASE2, {file: 'dc-r3.txt'}), await ingestText(SRX_TS.join('\n'), {file: 'srx-b.txt'})])
    const out = await run(doc)
    const f = out.findings.find((x) => x.ruleId === 'pair-responder-logs-cause')!
    expect(f.device).toBe('DC-R3')
    expect(f.entity.label).toBe('tunnel DC-R3 (192.0.2.1) <-> srx-b (192.0.2.44)')
    expect(f.message).toBe('tunnel DC-R3 (192.0.2.1) <-> srx-b (192.0.2.44): DC-R3 only sees phase 1 up (QM_IDLE), no IPsec SA; srx-b, the responder, logs why it refuses (phase 2, ts-mismatch): Peer proposed traffic-selectors are not in configured range')
    expect(f.causes[0]).toMatch(/^Proxy identities \/ traffic selectors are not mirror images, named by the log of srx-b, the peer \("IPSec negotiation failed with error: Peer pro\.\.\." at srx-b\.txt:5\)$/)
    expect(f.remediation.filter((r) => r.device === 'srx-b').map((r) => r.command)).toEqual(['show log kmd | match 192.0.2.1', 'show configuration security ike', 'show configuration security ipsec', 'clear security ike security-associations 192.0.2.1'])
  })

  it('silent when the responder later logs the negotiation up, when the initiator is established, or when the log names another address', async () => {
    const ios = await ingestText(IOS_PHASE2, {file: 'dc-r3.txt'})
    const upAfter = [...SRX_TS, 'Nov 23 11:39:59 srx-b kmd[1402]: KMD_PM_SA_ESTABLISHED: Local gateway: 192.0.2.44, Remote gateway: 192.0.2.1, Local ID: ipv4_subnet(any:0,[0..7]=10.50.0.0/24), Remote ID: ipv4_subnet(any:0,[0..7]=172.16.0.0/16), Direction: inbound, SPI: 0x2d5bf1c2, AUX-SPI: 0, Mode: Tunnel, Type: dynamic']
    const other = SRX_TS.map((l) => l.replace('Remote: 192.0.2.1/500', 'Remote: 192.0.2.99/500'))
    for (const srx of [upAfter, other]) {
      const out = await run(mergeDocuments([ios, await ingestText(srx.join('\n'), {file: 'srx-b.txt'})]))
      expect(out.findings.map((f) => f.ruleId)).not.toContain('pair-responder-logs-cause')
    }
    // the ASA's reason, but the IOS end is established with it: nothing unanswered to explain
    const br = readFileSync(join(ROOT, 'examples', 'log-pair-ios-asa-group-mismatch', 'BR-R1.txt'), 'utf8').replace(/MM_NO_STATE {7}1004/, 'QM_IDLE           1004')
    const asa = readFileSync(join(ROOT, 'examples', 'log-pair-ios-asa-group-mismatch', 'asa-dc.txt'), 'utf8')
    const out = await run(mergeDocuments([await ingestText(br, {file: 'BR-R1.txt'}), await ingestText(asa, {file: 'asa-dc.txt'})]))
    expect(out.findings.map((f) => f.ruleId)).not.toContain('pair-responder-logs-cause')
  })
})
