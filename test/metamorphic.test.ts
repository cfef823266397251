/**
 * Every golden fixture, transformed the way real captures are (field-captures.md), must give the same
 * facts as the clean text: whitespace, notes, Markdown and masking change nothing but the raw text
 * of masked values; a cut keeps the facts before it and marks the cut record partial; a filter leaves
 * no line unparsed and invents no value. Fixed seeds here; `npm run fuzz` runs many more.
 */
import {describe, expect, it} from 'vitest'
import {goldenCases} from './helpers/golden.js'
import {pastedLines} from '../src/reading/paste.js'
import {cleanText, filterLabels, maskedCopy, parseCase, parseLinesOf, printedValues, rng, TRANSFORMS, withoutProvenance} from './helpers/metamorphic.js'

const SEEDS = Number(process.env.FUZZ_RUNS ?? 0) > 0 ? Math.ceil(Number(process.env.FUZZ_RUNS) / 100) : 2
const cases = goldenCases().filter((c) => !/display (?:json|xml)/.test(cleanText(c)) && !c.name.startsWith('empty'))
const dropMasked = (facts: unknown[]) => (facts as Record<string, unknown>[]).map(({masked: _m, ...rest}) => rest)

describe('metamorphic: transformed captures give the same facts', () => {
  for (const c of cases) {
    const text = cleanText(c)
    for (const [name, transform] of Object.entries(TRANSFORMS)) {
      it(`${c.parserId} ${c.name}: ${name}`, () => {
        const clean = parseCase(c, text)
        for (let seed = 1; seed <= SEEDS; seed++) {
          const t = transform(text, rng(seed))
          const got = parseCase(c, t.text)
          let want = withoutProvenance(clean.facts)
          if (t.masks) want = maskedCopy(want, t.masks) as unknown[]
          expect(dropMasked(withoutProvenance(got.facts)), `seed ${seed}`).toEqual(dropMasked(want))
          expect(got.unparsed.length, `seed ${seed}: unparsed ${JSON.stringify(got.unparsed.slice(0, 3))}`).toBe(clean.unparsed.length)
          if (t.masks && t.masks.size > 0) {
            // a fact whose normalized fields hold a mask says which fields are masked
            for (const f of got.facts as Record<string, unknown>[]) {
              const holders = Object.entries(f).filter(([k, v]) => k !== 'raw' && k !== 'id' && k !== 'source' && typeof v === 'string' && /X\.X\.X\.\d+/.test(v)).map(([k]) => k)
              if (holders.length > 0) expect(f.masked, `${String(f.id)} masked fields`).toEqual(expect.arrayContaining(holders))
            }
          }
        }
      })
    }
    it(`${c.parserId} ${c.name}: cut at a random line`, () => {
      const all = text.replace(/\n$/, '').split('\n')
      if (all.length < 3) return
      const clean = parseCase(c, text)
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = rng(seed)
        const keep = 1 + Math.floor(r() * (all.length - 1))
        const got = parseCase(c, all.slice(0, keep).join('\n'))
        expect(got.unparsed.filter((u) => u.line <= keep).length, `cut after line ${keep}: ${JSON.stringify(got.unparsed.slice(0, 3))}`).toBeLessThanOrEqual(clean.unparsed.filter((u) => u.line <= keep).length)
        const before = (clean.facts as {source: {endLine: number}}[]).filter((f) => f.source.endLine <= keep && !clean.facts.some((g) => (g as {source: {startLine: number}}).source.startLine > keep))
        const gotIds = new Set((got.facts as {id: string}[]).map((f) => f.id))
        for (const f of before as {id: string}[]) expect(gotIds.has(f.id), `cut after line ${keep}: fact ${f.id} kept`).toBe(true)
        const spanning = (clean.facts as {id: string; source: {startLine: number; endLine: number}}[]).filter((f) => f.source.startLine <= keep && f.source.endLine > keep)
        for (const f of spanning) {
          const g = (got.facts as {id: string; partial?: boolean}[]).find((x) => x.id === f.id)
          if (g) expect(g.partial, `cut after line ${keep}: ${f.id} marked partial`).toBe(true)
        }
      }
    })
  }
  for (const c of cases) {
    it(`${c.parserId} ${c.name}: filtered through | include of two labels`, () => {
      const text = cleanText(c)
      const clean = parseCase(c, text)
      const known = printedValues(clean.facts)
      const all = pastedLines(text.replace(/\n$/, ''))
      for (let seed = 1; seed <= SEEDS; seed++) {
        const labels = filterLabels(text, rng(seed))
        if (labels.length === 0) return
        const kept = all.filter((l) => labels.some((w) => l.text.includes(w)))
        const got = parseLinesOf(c, kept, `| include ${labels.join('|')}`)
        const cleanUnparsed = new Set(clean.unparsed.map((u) => u.line))
        const label = `| include ${labels.join('|')}`
        expect(got.unparsed.filter((u) => !cleanUnparsed.has(u.line)), `${label}: no line left unparsed`).toEqual([])
        // what survives the filter is read as it was in full output: no value invented or changed
        for (const v of printedValues(got.facts)) expect(known.has(v), `${label}: ${v} as in the full output`).toBe(true)
      }
    })
  }
})
