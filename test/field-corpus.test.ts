/**
 * Field corpus: captures written in the styles engineers actually paste (docs: field-captures.md),
 * each with hand-written expectations (test/fixtures/field/<name>.expect.json). Every capture goes
 * through the full ingest pipeline; each expected fact must be found (subset match on its fields,
 * same kind, same device) and the number of unparsed lines must be the expected one.
 * `npm run field` prints the same comparison as a score.
 */
import {describe, expect, it} from 'vitest'
import {listCaptures, loadExpectation, scoreCapture} from '../scripts/field-score.js'

const names = listCaptures()

describe('field corpus', () => {
  it('has at least 40 captures', () => {
    expect(names.length).toBeGreaterThanOrEqual(40)
  })

  for (const name of names) {
    const exp = loadExpectation(name)
    it(`${name}: ${exp.description}`, async () => {
      const score = await scoreCapture(name)
      expect({misses: score.misses, unparsedLines: score.unparsed === exp.unparsed ? [] : score.unparsedLines}).toEqual({misses: [], unparsedLines: []})
    })
  }
})
