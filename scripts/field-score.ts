/**
 * Field corpus yardstick: reads every capture of test/fixtures/field/ through the full ingest
 * pipeline and compares the facts with the hand-written expectations (<name>.expect.json).
 *
 *   npx tsx scripts/field-score.ts      (npm run field)
 *
 * Prints the captures fully accounted (no unparsed line) / total, the key values found / expected,
 * and the misses of each capture. The matching rules are shared with test/field-corpus.test.ts.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {ingestFiles} from '../src/ingest/index.js'
import type {ParseDocument} from '../src/model/index.js'

export const FIELD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/field')

export interface ExpectedFact {
  kind: string
  device: string
  fields: Record<string, unknown>
}

export interface Expectation {
  description: string
  classes: string[]
  facts: ExpectedFact[]
  unparsed: number
}

export interface CaptureScore {
  name: string
  expected: number
  found: number
  unparsed: number
  expectedUnparsed: number
  unparsedLines: string[]
  misses: string[]
}

/** Capture names (without .txt) that have an expectation file. */
export function listCaptures(dir = FIELD_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expect.json'))
    .map((f) => f.slice(0, -'.expect.json'.length))
    .sort()
}

export function loadExpectation(name: string, dir = FIELD_DIR): Expectation {
  return JSON.parse(readFileSync(join(dir, `${name}.expect.json`), 'utf8')) as Expectation
}

/**
 * Deep subset match: every key of an expected object must match in the actual object; every element
 * of an expected array must match some element of the actual array; scalars compare strictly.
 */
export function matches(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false
    return expected.every((e) => actual.some((a) => matches(e, a)))
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false
    const a = actual as Record<string, unknown>
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) => matches(v, a[k]))
  }
  return expected === actual
}

function allFacts(doc: ParseDocument): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  for (const list of Object.values(doc.facts)) out.push(...(list as unknown as Record<string, unknown>[]))
  return out
}

const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v))

/** Scores one document against one expectation: per expected fact, the best candidate of that kind on that device. */
export function scoreDocument(name: string, doc: ParseDocument, exp: Expectation): CaptureScore {
  const facts = allFacts(doc)
  let expected = 0
  let found = 0
  const misses: string[] = []
  exp.facts.forEach((ef, i) => {
    const keys = Object.keys(ef.fields)
    expected += keys.length
    const candidates = facts.filter(
      (f) => f.kind === ef.kind && String((f.source as {device: string}).device).toLowerCase() === ef.device.toLowerCase(),
    )
    let best: Record<string, unknown> | null = null
    let bestHits = -1
    for (const c of candidates) {
      const hits = keys.filter((k) => matches(ef.fields[k], c[k])).length
      if (hits > bestHits) {
        best = c
        bestHits = hits
      }
    }
    const label = `#${i + 1} ${ef.kind}@${ef.device}`
    if (best === null) {
      const kinds = [...new Set(facts.map((f) => `${f.kind}@${(f.source as {device: string}).device}`))].join(', ') || 'none'
      misses.push(`${label}: no ${ef.kind} fact on device ${ef.device} (facts: ${kinds})`)
      return
    }
    found += bestHits
    for (const k of keys) {
      if (!matches(ef.fields[k], best[k])) misses.push(`${label} ${k}: expected ${show(ef.fields[k])}, got ${show(best[k])}`)
    }
  })
  const unparsedLines = doc.blocks.flatMap((b) => b.unparsed.map((u) => `${b.file.split('/').pop()}:${u.line}: ${u.text}`))
  const unparsed = doc.summary.unparsedLines
  if (unparsed !== exp.unparsed) misses.push(`unparsed lines: expected ${exp.unparsed}, got ${unparsed}`)
  return {name, expected, found, unparsed, expectedUnparsed: exp.unparsed, unparsedLines, misses}
}

export async function scoreCapture(name: string, dir = FIELD_DIR): Promise<CaptureScore> {
  const exp = loadExpectation(name, dir)
  const doc = await ingestFiles([join(dir, `${name}.txt`)])
  return scoreDocument(name, doc, exp)
}

async function main(): Promise<void> {
  const names = listCaptures()
  const scores: CaptureScore[] = []
  for (const n of names) {
    try {
      scores.push(await scoreCapture(n))
    } catch (error) {
      const exp = loadExpectation(n)
      const expected = exp.facts.reduce((s, f) => s + Object.keys(f.fields).length, 0)
      scores.push({name: n, expected, found: 0, unparsed: -1, expectedUnparsed: exp.unparsed, unparsedLines: [], misses: [`ingest threw: ${String(error)}`]})
    }
  }
  const accounted = scores.filter((s) => s.unparsed === s.expectedUnparsed).length
  const expected = scores.reduce((s, c) => s + c.expected, 0)
  const found = scores.reduce((s, c) => s + c.found, 0)
  const perfect = scores.filter((s) => s.misses.length === 0).length
  const pct = (a: number, b: number) => (b === 0 ? '100.0' : ((100 * a) / b).toFixed(1))
  for (const s of scores) {
    if (s.misses.length === 0 && s.unparsedLines.length === 0) continue
    console.log(`\n${s.name}  (values ${s.found}/${s.expected}, unparsed ${s.unparsed}, expected ${s.expectedUnparsed})`)
    for (const m of s.misses) console.log(`  miss: ${m}`)
    for (const u of s.unparsedLines) console.log(`  unparsed ${u}`)
  }
  console.log('')
  console.log(`captures fully accounted: ${accounted}/${scores.length} (${pct(accounted, scores.length)}%)`)
  console.log(`key values found: ${found}/${expected} (${pct(found, expected)}%)`)
  console.log(`captures fully passing: ${perfect}/${scores.length}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error)
    process.exit(2)
  })
}
