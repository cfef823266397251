/**
 * Junos prints no main-mode state: an IKE SA that is down while kmd logs "Authentication failed" for
 * its peer is the Junos flavour of ike-stuck-mm-key-exch (log-messages.md JUN-03), not a bare "down".
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const SHOW = [
  'root@fw-hq> show security ike security-associations',
  'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
  '6931278 DOWN   7c1f0a9e3b2d4411  e4a09c57d1f2b380  Main           198.51.100.20',
]
const KMD = (at: string, peer: string) =>
  `Dec  7 ${at}  fw-hq kmd[2214]: IKE negotiation failed with error: Authentication failed. IKE Version: 1, VPN: VPN-PARTNER Gateway: GW-PARTNER, Local: 203.0.113.10/500, Remote: ${peer}/500, Local IKE-ID: 203.0.113.10, Remote IKE-ID: ${peer}, VR-ID: 0, Role: Responder`

async function rules(lines: string[]): Promise<string[]> {
  const doc = await ingestText(lines.join('\n') + '\n', {file: 'fw-hq.txt'})
  const {findings} = await diagnose(doc, {at: '2026-12-07T15:00:00Z'})
  return findings.filter((f) => f.severity === 'error' || f.severity === 'critical').map((f) => f.ruleId)
}

describe('an SRX IKE SA down', () => {
  it('with kmd logging Authentication failed for its peer is ike-stuck-mm-key-exch', async () => {
    expect(await rules([...SHOW, 'root@fw-hq> show log kmd | last 3', KMD('14:02:11', '198.51.100.20'), KMD('14:02:31', '198.51.100.20')])).toEqual(['ike-stuck-mm-key-exch'])
  })
  it('without such a log line stays ike-down', async () => {
    expect(await rules(SHOW)).toEqual(['ike-down'])
  })
  it('with the failure logged for another peer stays ike-down', async () => {
    expect(await rules([...SHOW, 'root@fw-hq> show log kmd | last 3', KMD('14:02:11', '198.51.100.99')])).toContain('ike-down')
  })
})
