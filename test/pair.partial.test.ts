/**
 * Pairing on partial evidence: an SRX IKE table prints no local address, and a branch whose own
 * address is masked has an established SA toward an address that cannot be tied to the SRX. That is
 * not "no IKE SA on the branch": the pair must not call the branch stuck.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const BRANCH = [
  'BR1#sh cry isa sa',
  'dst             src             state          conn-id status',
  '203.0.113.5     X.X.X.X         QM_IDLE           1004 ACTIVE',
  'BR1#sh crypto ipsec sa | i encaps|decaps',
  '    #pkts encaps: 5, #pkts encrypt: 5, #pkts digest: 5',
  '    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0',
].join('\n')
const SRX = [
  'root@srx1# run show security ike security-associations',
  'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
  '5433461 UP     c76a0d3d3ee1bea6  e5c8f2ef45f0a5a5  Main           X.X.X.X',
  'root@srx1# run show security ipsec security-associations',
  '  Total active tunnels: 0',
].join('\n')

describe('pairs on partial evidence', () => {
  it('do not call a side stuck when its SA toward the other end cannot be told apart', async () => {
    const doc = await ingestText(`${BRANCH}\n${SRX}\n`, {file: 'ticket.txt'})
    const result = await diagnose(doc, {at: '2026-12-07T10:00:00Z'})
    const ids = result.findings.map((f) => f.ruleId)
    expect(ids).not.toContain('pair-one-side-stuck')
    // what the evidence does show still comes out
    expect(ids).toContain('ipsec-zero-decaps')
    expect(ids).toContain('ipsec-phase2-not-established')
  })

  it('still call a side stuck when the other end is known and nothing points at it', async () => {
    const branch = BRANCH.replace('X.X.X.X', '198.51.100.7').replace('QM_IDLE', 'MM_NO_STATE').replace('1004 ACTIVE', '   0 ACTIVE')
    const doc = await ingestText(`${branch}\n${SRX.replace('X.X.X.X', '198.51.100.7')}\n`, {file: 'ticket.txt'})
    const result = await diagnose(doc, {at: '2026-12-07T10:00:00Z'})
    expect(result.findings.map((f) => f.ruleId)).toContain('pair-one-side-stuck')
  })
})
