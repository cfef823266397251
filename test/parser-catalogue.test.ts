/**
 * The parser catalogue (src/parsers/catalogue.ts, written by `npm run catalogue`) holds what the
 * registry holds, in its order, and each entry loads its own parser; the loader loads on demand and
 * names a parser used before it was loaded.
 */
import {describe, expect, it, vi} from 'vitest'
import {CATALOGUE} from '../src/parsers/catalogue.js'
import {PARSERS, parserById} from '../src/parsers/registry.js'
import {DETECT_THRESHOLD} from '../src/ingest/dispatch.js'

const metadata = (p: {id: string; vendor: string; command: string; aliases?: string[]; aliasesAreViews?: boolean}) =>
  ({id: p.id, vendor: p.vendor, command: p.command, aliases: p.aliases ?? null, aliasesAreViews: p.aliasesAreViews ?? null})

describe('parser catalogue', () => {
  it('holds the registry\'s parsers in its order, with the same metadata (else: npm run catalogue)', () => {
    // the order matters: among equal content scores dispatch takes the earlier parser
    expect(CATALOGUE.map(metadata)).toEqual(PARSERS.map(metadata))
  })

  it('each entry loads the registry\'s parser of its id', async () => {
    for (const entry of CATALOGUE) expect(await entry.load(), entry.id).toBe(parserById(entry.id))
  })

  it('no parser detects a body of blank lines, so blocks without content load no parser (dispatch.parsersFor)', () => {
    const blanks = [{n: 1, text: ''}, {n: 2, text: '   '}, {n: 3, text: '\t'}]
    for (const p of PARSERS) {
      expect(p.detect([]), p.id).toBeLessThan(DETECT_THRESHOLD)
      expect(p.detect(blanks), p.id).toBeLessThan(DETECT_THRESHOLD)
    }
  })
})

describe('parser loader', () => {
  /** A fresh loader module, nothing loaded yet (other tests of this file may have loaded parsers). */
  async function freshLoader() {
    vi.resetModules()
    return import('../src/parsers/load.js')
  }

  it('loadedParser names a parser that was not loaded; loadParsers loads the ones named only', async () => {
    const {loadParsers, loadedParser} = await freshLoader()
    expect(() => loadedParser('cisco/show-clock')).toThrow(/parser cisco\/show-clock is not loaded/)
    await loadParsers(['cisco/show-clock'])
    expect(loadedParser('cisco/show-clock').id).toBe('cisco/show-clock')
    expect(() => loadedParser('junos/show-system-uptime')).toThrow(/junos\/show-system-uptime/)
  })

  it('loadParsers(\'all\') loads every parser; an unknown id is an error naming it', async () => {
    const {loadParsers, loadedParser, allLoadedParsers} = await freshLoader()
    expect(() => allLoadedParsers()).toThrow(/is not loaded/)
    await loadParsers('all')
    expect(allLoadedParsers().map((p) => p.id)).toEqual(PARSERS.map((p) => p.id))
    expect(loadedParser('junos/show-system-uptime').command).toBe('show system uptime')
    await expect(loadParsers(['cisco/no-such-parser'])).rejects.toThrow(/no parser "cisco\/no-such-parser"/)
  })
})
