import {describe, expect, it} from 'vitest'
import {Fact} from '../src/model/index.js'
import {PARSERS} from '../src/parsers/registry.js'
import {goldenCases, runGolden} from './helpers/golden.js'

const cases = goldenCases()

describe('golden parser fixtures', () => {
  for (const c of cases) {
    it(`${c.parserId} ${c.name}`, () => {
      const {actual, expected} = runGolden(c)
      expect(expected, `missing ${c.jsonPath}`).not.toBeNull()
      expect(actual).toEqual(expected)
      for (const f of actual.facts) Fact.parse(f)
    })
  }
})

describe('fixture coverage', () => {
  for (const p of PARSERS) {
    it(`${p.id} has an empty-output case and at least 3 other fixtures`, () => {
      const mine = cases.filter((c) => c.parserId === p.id)
      expect(mine.map((c) => c.name)).toContain('empty')
      expect(mine.length).toBeGreaterThanOrEqual(4)
    })
  }
})
