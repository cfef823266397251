/** Findings on SRX captures in field styles: the words of the ike-down message. */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

describe('ike-down says in words what the responder cookie shows', () => {
  it('never answered (all-zero cookie) vs answered then failed', async () => {
    const capture = [
      'srx1> show security ike security-associations',
      'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
      '5910227 DOWN   4f7a0e81c2d93b56  0000000000000000  Main           203.0.113.66',
      '5910231 DOWN   9a2cde107b4f8e31  7c1d03f2aa5b9e60  Main           198.51.100.91',
      'srx1>',
    ].join('\n')
    const out = await diagnose(await ingestText(capture, {file: 'srx1.txt'}), {at: '2026-11-23T12:00:00Z'})
    const messages = out.findings.filter((f) => f.ruleId === 'ike-down').map((f) => f.message).sort()
    expect(messages).toEqual([
      'IKE SA to 198.51.100.91 is DOWN: the peer answered, then the exchange failed',
      'IKE SA to 203.0.113.66 is DOWN: the peer never answered (responder cookie all zero)',
    ])
  })
})
