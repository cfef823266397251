/**
 * An author's note at the end of a line never costs the value on that line: the row is read, the
 * note travels with the raw value and the finding's evidence shows it.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'
import {evidenceText} from '../src/report/shared.js'
import {rawGet} from '../src/model/raw.js'

const CAPTURE = [
  'R1#show crypto isakmp sa',
  'IPv4 Crypto ISAKMP SA',
  'dst             src             state          conn-id status',
  '203.0.113.2     198.51.100.1    MM_NO_STATE       1004 ACTIVE   <-- never comes up',
  '',
].join('\n')

describe('annotations', () => {
  it('keep the row, and the note rides on the raw values of that line', async () => {
    const doc = await ingestText(CAPTURE, {file: 'r1.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    const [sa] = doc.facts.ikeSa
    expect(sa.stateRaw).toBe('MM_NO_STATE')
    expect(rawGet(sa.raw, 'state')).toEqual({value: 'MM_NO_STATE', line: 4, note: 'never comes up'})
    expect(rawGet(sa.raw, 'status')?.value).toBe('ACTIVE')
  })

  it('show in the evidence of the finding they sit on', async () => {
    const doc = await ingestText(CAPTURE, {file: 'r1.txt'})
    const result = await diagnose(doc, {at: '2026-12-07T10:00:00Z'})
    const stuck = result.findings.find((f) => f.ruleId === 'ike-stuck-mm-no-state')
    expect(stuck).toBeDefined()
    const state = stuck!.evidence.find((e) => e.field === 'state')!
    expect(state.note).toBe('never comes up')
    expect(evidenceText(state)).toBe('r1.txt:4  state = MM_NO_STATE  (note: never comes up)')
  })
})
