/**
 * Causes labelled with the state they explain ("MM_WAIT_MSG5/6: ...") come first when the entity is
 * in that state (src/engine/findings.ts causesForState): an ASA stuck in MM_WAIT_MSG6 waits for the
 * peer's authentication, not for its first answer.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {causesForState} from '../src/engine/causes.js'
import {ingestText} from '../src/ingest/index.js'

const causes = ['MM_WAIT_MSG2: no answer', 'MM_WAIT_MSG3/4: fragments or UDP 4500', 'MM_WAIT_MSG5/6: key or identity', 'Something else']

describe('causes ranked by the state', () => {
  it('puts the causes labelled with the state first, the others in their order', () => {
    expect(causesForState(causes, 'MM_WAIT_MSG6')).toEqual(['MM_WAIT_MSG5/6: key or identity', 'MM_WAIT_MSG2: no answer', 'MM_WAIT_MSG3/4: fragments or UDP 4500', 'Something else'])
    expect(causesForState(causes, 'MM_WAIT_MSG3')).toEqual(['MM_WAIT_MSG3/4: fragments or UDP 4500', 'MM_WAIT_MSG2: no answer', 'MM_WAIT_MSG5/6: key or identity', 'Something else'])
    expect(causesForState(causes, 'MM_WAIT_MSG2')).toEqual(causes)
  })

  it('leaves them as written for a state no label names, or no state', () => {
    expect(causesForState(causes, 'MM_ACTIVE')).toEqual(causes)
    expect(causesForState(causes, undefined)).toEqual(causes)
    // "MM_WAIT_MSG5/6" does not name MM_WAIT_MSG56 or MM_WAIT_MSG
    expect(causesForState(causes, 'MM_WAIT_MSG56')).toEqual(causes)
  })

  it('an ASA in MM_WAIT_MSG6: the key or identity cause leads the finding', async () => {
    const text = [
      'fw01# show crypto ikev1 sa',
      '',
      'IKEv1 SAs:',
      '',
      '   Active SA: 1',
      '    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)',
      'Total IKE SA: 1',
      '',
      '1   IKE Peer: 198.51.100.77',
      '    Type    : L2L             Role    : initiator',
      '    Rekey   : no              State   : MM_WAIT_MSG6',
    ].join('\n')
    const out = await diagnose(await ingestText(text, {file: 'fw01.txt'}), {at: '2026-11-23T12:00:00Z'})
    const wait = out.findings.find((f) => f.ruleId === 'ike-stuck-mm-wait')!
    expect(wait.causes[0]).toMatch(/^MM_WAIT_MSG5\/6: pre-shared key or identity mismatch/)
  })
})
