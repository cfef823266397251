/**
 * "IKE negotiation failed with error: Timed out" names ike-one-way-traffic (log-messages.md JUN-01):
 * for an SRX IKE SA that is down, and on its own when no show output lists the peer. An IOS debug that
 * retransmits MM_NO_STATE with no answer names ike-stuck-mm-no-state (IOS-D04).
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const SHOW = [
  'root@fw-dc> show security ike security-associations',
  'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
  '5512904 DOWN   a41f0c9e3b2d7710  0000000000000000  Main           198.51.100.44',
]
const KMD = (peer: string) =>
  `Dec  7 09:12:44  fw-dc kmd[1870]: IKE negotiation failed with error: Timed out. IKE Version: 1, VPN: VPN-BR4 Gateway: GW-BR4, Local: 203.0.113.20/500, Remote: ${peer}/500, Local IKE-ID: 203.0.113.20, Remote IKE-ID: Not-Available, VR-ID: 0, Role: Initiator`

async function findings(lines: string[], at = '2026-12-07T10:00:00Z') {
  const doc = await ingestText(lines.join('\n') + '\n', {file: 'cap.txt'})
  return (await diagnose(doc, {at})).findings.filter((f) => f.severity === 'error' || f.severity === 'critical')
}

describe('no answer from the peer', () => {
  it('an SRX IKE SA down with Timed out logged for its peer is ike-one-way-traffic, on the SA', async () => {
    const f = await findings([...SHOW, 'root@fw-dc> show log kmd | last 5', KMD('198.51.100.44')])
    expect(f.map((x) => [x.ruleId, x.entity.kind])).toEqual([['ike-one-way-traffic', 'ikeSa']])
    expect(f[0].message).toBe('IKE to 198.51.100.44: is DOWN and the device log shows no answer from the peer')
  })
  it('the SA down with nothing logged stays ike-down', async () => {
    expect((await findings(SHOW)).map((x) => x.ruleId)).toEqual(['ike-down'])
  })
  it('the log line alone is ike-one-way-traffic on the log line', async () => {
    const f = await findings(['root@fw-dc> show log kmd | last 5', KMD('198.51.100.44')])
    expect(f.map((x) => [x.ruleId, x.entity.kind])).toEqual([['ike-one-way-traffic', 'logEvent']])
  })
  it('an IOS debug retransmitting MM_NO_STATE alone is ike-stuck-mm-no-state, an error', async () => {
    const debug = [
      'R1#show logging',
      '*Dec  7 09:12:01.100: ISAKMP:(0): beginning Main Mode exchange',
      '*Dec  7 09:12:01.101: ISAKMP:(0): sending packet to 198.51.100.44 my_port 500 peer_port 500 (I) MM_NO_STATE',
      '*Dec  7 09:12:11.101: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE...',
      '*Dec  7 09:12:11.101: ISAKMP (0): incrementing error counter on sa, attempt 1 of 5: retransmit phase 1',
      '*Dec  7 09:12:11.101: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE',
      '*Dec  7 09:12:11.101: ISAKMP:(0): sending packet to 198.51.100.44 my_port 500 peer_port 500 (I) MM_NO_STATE',
    ]
    const f = await findings(debug)
    expect(f.map((x) => [x.ruleId, x.entity.kind, x.severity])).toEqual([['ike-stuck-mm-no-state', 'logEvent', 'error']])
  })
})
