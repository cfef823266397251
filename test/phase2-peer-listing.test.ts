/** Phase 1 up and the peer's own phase 2 listing empty ("show crypto ipsec sa peer X" on an ASA): phase 2 is not established. */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const IKE = `fw1# show crypto ikev1 sa

IKEv1 SAs:

   Active SA: 1
    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)
Total IKE SA: 1

1   IKE Peer: 198.51.100.7
    Type    : L2L             Role    : responder
    Rekey   : no              State   : MM_ACTIVE
`

async function ruleIds(listing: string): Promise<string[]> {
  const doc = await ingestText(`${IKE}${listing}`, {file: 'fw1.txt'})
  const out = await diagnose(doc, {at: '2026-12-07T00:00:00Z'})
  return out.findings.map((f) => f.ruleId)
}

describe('phase 2 listing of one peer', () => {
  it('an empty listing of the peer whose phase 1 is up: phase 2 not established', async () => {
    expect(await ruleIds('fw1# show crypto ipsec sa peer 198.51.100.7\nThere are no ipsec sas for peer 198.51.100.7\n')).toContain('ipsec-phase2-not-established')
  })

  it('an empty listing of another peer says nothing of this one', async () => {
    expect(await ruleIds('fw1# show crypto ipsec sa peer 198.51.100.99\nThere are no ipsec sas for peer 198.51.100.99\n')).not.toContain('ipsec-phase2-not-established')
  })

  it('a listing of the peer that holds its SAs: silent', async () => {
    const sas = readFileSync('test/fixtures/cisco/asa-show-crypto-ipsec-sa/asa9-l2l-two-peers.txt', 'utf8')
    const peer = /current_peer: ?(\S+)/.exec(sas)![1]
    const ike = `${IKE.replaceAll('198.51.100.7', peer)}`
    const doc = await ingestText(`${ike}fw1# show crypto ipsec sa peer ${peer}\n${sas}`, {file: 'fw1.txt'})
    const out = await diagnose(doc, {at: '2026-12-07T00:00:00Z'})
    expect(doc.facts.ipsecFlow.length).toBeGreaterThan(0)
    expect(out.findings.map((f) => f.ruleId)).not.toContain('ipsec-phase2-not-established')
  })
})

describe('what to collect next on an ASA', () => {
  it('does not ask for show crypto isakmp sa when show crypto ikev1 sa (the same parser) was captured', async () => {
    const doc = await ingestText(`${IKE}fw1# show crypto ipsec sa peer 198.51.100.7\nThere are no ipsec sas for peer 198.51.100.7\n`, {file: 'fw1.txt'})
    const out = await diagnose(doc, {at: '2026-12-07T00:00:00Z'})
    const asked = out.missing.map((m) => m.command)
    expect(asked).not.toContain('show crypto isakmp sa')
    expect(asked).toContain('show crypto ikev2 sa')
  })
})
