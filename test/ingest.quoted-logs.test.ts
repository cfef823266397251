/**
 * Log lines an author quoted from the other end land on the capture's device; what they name shows
 * they are the other end's: the device's own address as the peer, or one of its peers as the local end.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const STUCK = [
  'HQ#show crypto isakmp sa',
  'IPv4 Crypto ISAKMP SA',
  'dst             src             state          conn-id status',
  '198.51.100.20   203.0.113.10    MM_KEY_EXCH       1092 ACTIVE',
  'HQ#',
  '',
]

describe('log lines quoted from the other end', () => {
  it("are turned round when they name the device's own address as the peer", async () => {
    const text = [...STUCK, 'The partner sent me this from their side:', '',
      'Mar 11 09:16:03.259 CET: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 203.0.113.10 failed its sanity check or is malformed'].join('\n') + '\n'
    const doc = await ingestText(text, {file: 'hq.txt'})
    expect(doc.facts.logEvent.map((e) => [e.peer, e.localAddress, e.loggedByPeer])).toEqual([['198.51.100.20', '203.0.113.10', true]])
    expect(doc.diagnostics.some((d) => d.message.includes('read as lines the other end printed'))).toBe(true)
    const {findings} = await diagnose(doc, {at: '2026-03-11T09:20:00Z'})
    // one peer, one story: the stuck phase 1 toward the partner, with no finding toward the device's own address
    expect(findings.filter((f) => f.message.includes('203.0.113.10'))).toEqual([])
    expect(findings[0].ruleId).toBe('ike-stuck-mm-key-exch')
  })

  it("are turned round when their local end is one of the device's peers, with the lines of the same exchange", async () => {
    const text = [
      'FW# show crypto ikev1 sa', '', 'IKEv1 SAs:', '', '   Active SA: 2', '',
      '1   IKE Peer: 198.51.100.40', '    Type    : L2L             Role    : initiator', '    Rekey   : no              State   : MM_ACTIVE',
      '2   IKE Peer: 192.0.2.201', '    Type    : L2L             Role    : responder', '    Rekey   : no              State   : MM_ACTIVE',
      'FW# show crypto ipsec sa peer 198.51.100.40', 'There are no ipsec sas', 'FW# ', '',
      'Partner sent us this from their router:', '',
      '> Mar  4 13:02:47.880 UTC: IPSEC(validate_proposal_request): proposal part #1,',
      '>   (key eng. msg.) INBOUND local= 198.51.100.40:0, remote= 203.0.113.77:0,',
      '> Mar  4 13:02:47.880 UTC: IPSEC(ipsec_process_proposal): transform proposal not supported for identity:',
      '>     {esp-aes 256 esp-sha-hmac }',
      '> Mar  4 13:02:47.881 UTC: ISAKMP-ERROR: (1093):phase 2 SA policy not acceptable! (local 198.51.100.40 remote 203.0.113.77)',
    ].join('\n') + '\n'
    const doc = await ingestText(text, {file: 'fw.txt'})
    const named = doc.facts.logEvent.filter((e) => e.peer !== null)
    expect(named.map((e) => [e.peer, e.loggedByPeer])).toEqual(named.map(() => ['198.51.100.40', true]))
    const {findings} = await diagnose(doc, {at: '2024-03-04T14:00:00Z'})
    expect(findings.filter((f) => f.message.includes('203.0.113.77'))).toEqual([])
    expect(findings.find((f) => f.ruleId === 'pair-transform-mismatch')?.message).toContain('198.51.100.40')
  })

  it("leave the device's own lines alone", async () => {
    const text = [...STUCK, 'Mar 11 09:16:03.259 CET: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 198.51.100.20 failed its sanity check or is malformed'].join('\n') + '\n'
    const doc = await ingestText(text, {file: 'hq.txt'})
    expect(doc.facts.logEvent.map((e) => [e.peer, e.loggedByPeer])).toEqual([['198.51.100.20', undefined]])
  })
})
