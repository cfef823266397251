/**
 * A phase 1 failure followed, for the same peer or tunnel, by a phase 2 negotiation is history: phase 2
 * runs only once phase 1 has succeeded. SRX tunnel events of a filtered detail output name no peer;
 * they are compared with the other events of their tunnel.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const events = (lines: string[]) => [
  'netops@fw2> show security ipsec security-associations vpn-name VPN-X detail | match "Identity|events|times"',
  '  Local Identity: ipv4(0.0.0.0-255.255.255.255)',
  '  Remote Identity: ipv4(0.0.0.0-255.255.255.255)',
  '  Tunnel events:',
  ...lines,
  'netops@fw2> ',
].join('\n') + '\n'

const ID_FAILED = "    Sat Dec 05 2026 21:06:24 +0100: Peer's IKE-ID validation failed during negotiation (3 times)"
const TS_LATER = '    Sun Dec 06 2026 23:47:02 +0100: Negotiation failed with error code TS_UNACCEPTABLE received from peer (96 times)'
const TS_EARLIER = '    Fri Dec 04 2026 10:00:00 +0100: Negotiation failed with error code TS_UNACCEPTABLE received from peer (2 times)'

async function ruleIds(text: string): Promise<string[]> {
  const doc = await ingestText(text, {file: 'fw2.txt'})
  const {findings} = await diagnose(doc, {at: '2026-12-07T09:00:00Z'})
  return findings.map((f) => f.ruleId)
}

describe('a phase 1 failure followed by a phase 2 negotiation', () => {
  it('is not reported: the tunnel got past phase 1 later', async () => {
    expect(await ruleIds(events([TS_LATER, ID_FAILED]))).not.toContain('ike-id-mismatch')
  })

  it('is reported when it is the latest thing the tunnel logged', async () => {
    expect(await ruleIds(events([ID_FAILED, TS_EARLIER]))).toContain('ike-id-mismatch')
  })
})
