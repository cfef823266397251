/**
 * Log findings of one device and peer where one is the cause of the other: the responder refused the
 * peer's identity (no IKEv2 profile matched it), so it sent AUTHENTICATION_FAILED. The identity
 * finding leads and the authentication failure is listed under it, not the other way round.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const S = 'IKEv2:(SESSION ID = 57,SA ID = 2)'
const DEBUG = [
  'DC-HUB2#show logging | i IKEv2',
  `*Apr  2 16:40:11.101: ${S}:Received Packet [From 192.0.2.84:500/To 198.51.100.1:500/VRF i0:f0]`,
  `*Apr  2 16:40:11.102: ${S}:Searching policy based on peer's identity 'spoke84.example.net' of type 'FQDN'`,
  '*Apr  2 16:40:11.102: IKEv2:% IKEv2 profile not found',
  `*Apr  2 16:40:11.102: IKEv2-ERROR:(SESSION ID = 57,SA ID = 2):: Failed to locate an item in the database`,
  `*Apr  2 16:40:11.103: ${S}:Sending authentication failure notify`,
  `*Apr  2 16:40:11.103: ${S}:Building packet for encryption.`,
  'Payload contents:',
  ' NOTIFY(AUTHENTICATION_FAILED)',
  `*Apr  2 16:40:11.104: ${S}:Sending Packet [To 192.0.2.84:500/From 198.51.100.1:500/VRF i0:f0]`,
  `*Apr  2 16:40:11.105: IKEv2-ERROR:(SESSION ID = 57,SA ID = 2):: Auth exchange failed`,
  'DC-HUB2#',
]

describe('log findings that explain one another', () => {
  it('the refused identity leads the authentication failure it caused', async () => {
    const doc = await ingestText(DEBUG.join('\n') + '\n', {file: 'hub.txt'})
    const {findings} = await diagnose(doc, {at: '2026-04-02T17:00:00Z'})
    const withPeer = findings.filter((f) => f.message.includes('192.0.2.84'))
    const id = withPeer.find((f) => f.ruleId === 'ike-id-mismatch')
    const auth = withPeer.find((f) => f.ruleId === 'ike-stuck-mm-key-exch')
    expect(id?.relatedTo ?? null).toBeNull()
    expect(auth?.relatedTo).toBe(id?.fingerprint)
    expect(findings.indexOf(id!)).toBeLessThan(findings.indexOf(auth!))
  })

  it('the session-less "IKEv2 profile not found" line is of the session printed just before it', async () => {
    const doc = await ingestText(DEBUG.join('\n') + '\n', {file: 'hub.txt'})
    const {findings} = await diagnose(doc, {at: '2026-04-02T17:00:00Z'})
    const ids = findings.filter((f) => f.ruleId === 'ike-id-mismatch')
    // one identity finding, of the peer; none "of ?"
    expect(ids.map((f) => f.message)).toEqual(['IKE identity of 192.0.2.84 not accepted: IKEv2 profile not found'])
  })

  it('a session-less IKEv2 line a second or more after the session line keeps no peer', async () => {
    const late = DEBUG.map((l) => l.replace('16:40:11.102: IKEv2:%', '16:40:13.500: IKEv2:%'))
    const doc = await ingestText(late.join('\n') + '\n', {file: 'hub.txt'})
    const events = doc.facts.logEvent.filter((f) => f.messageId === 'IKEv2' && f.event === 'id-mismatch')
    expect(events.map((f) => f.peer)).toEqual([null])
  })
})
