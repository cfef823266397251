/**
 * Loads parser modules on demand. Importing every parser costs a run tens of milliseconds, and a
 * capture of typed commands needs a few: ingest loads the parsers of each block before dispatching it
 * (src/ingest/dispatch.ts prepare), then dispatch, which stays synchronous, takes them from here.
 */
import {CATALOGUE} from './catalogue.js'
import type {CatalogueEntry, ParserSpec} from './types.js'

const entries = new Map(CATALOGUE.map((e) => [e.id, e]))
const loaded = new Map<string, ParserSpec>()

function entryOf(id: string): CatalogueEntry {
  const e = entries.get(id)
  if (!e) throw new Error(`no parser "${id}" in src/parsers/catalogue.ts (npm run catalogue writes it)`)
  return e
}

/** Loads the parsers named (or all of them) unless loaded already; a later loadedParser(id) returns them. */
export async function loadParsers(ids: readonly string[] | 'all'): Promise<void> {
  const wanted = ids === 'all' ? CATALOGUE : ids.map(entryOf)
  const missing = wanted.filter((e) => !loaded.has(e.id))
  if (missing.length === 0) return
  const specs = await Promise.all(missing.map((e) => e.load()))
  specs.forEach((spec, i) => {
    // a stale catalogue would give one parser's command to another's code
    if (spec.id !== missing[i].id) throw new Error(`catalogue entry ${missing[i].id} loads parser ${spec.id}: run npm run catalogue`)
    loaded.set(spec.id, spec)
  })
}

/** A parser loadParsers loaded; throws, naming the parser, when it was not. */
export function loadedParser(id: string): ParserSpec {
  const spec = loaded.get(id)
  if (!spec) throw new Error(`parser ${id} is not loaded: await loadParsers(['${id}']) (src/parsers/load.ts) before dispatching its block`)
  return spec
}

/** Whether every parser is loaded (content detection can run). */
export function allParsersLoaded(): boolean {
  return loaded.size === CATALOGUE.length
}

/** Every parser, in catalogue order, for content detection; all must be loaded (loadParsers('all')). */
export function allLoadedParsers(): ParserSpec[] {
  return CATALOGUE.map((e) => loadedParser(e.id))
}
