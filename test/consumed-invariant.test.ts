/**
 * Consumed means understood: over every golden fixture, as clean text and after the field
 * transformations of test/helpers/metamorphic.ts, no line counts as consumed unless one of its values
 * reached a fact. LineAccount.finish warns about any other consumed line; no parser may trigger it.
 */
import {describe, expect, it} from 'vitest'
import {goldenCases} from './helpers/golden.js'
import {cleanText, parseCase, rng, TRANSFORMS} from './helpers/metamorphic.js'

const UNDERSTOOD = /was read, but none of its values reached a fact/

describe('consumed means understood', () => {
  for (const c of goldenCases()) {
    it(`${c.parserId} ${c.name}`, () => {
      const text = cleanText(c)
      const variants = [text, ...Object.values(TRANSFORMS).map((t) => t(text, rng(7)).text)]
      for (const v of variants) {
        const r = parseCase(c, v)
        expect(r.warnings.filter((w) => UNDERSTOOD.test(w))).toEqual([])
        // and the account balances: every line consumed, ignored or reported
        expect(r.consumed + r.ignored + r.unparsed.length).toBe(v.replace(/\n$/, '').split(/\r\n|\n|\r/).length)
      }
    })
  }
})
