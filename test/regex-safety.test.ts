/**
 * Every regular expression in src/ (literals, `new RegExp("...")`, `RegExp("...")`) is found by
 * walking the TypeScript syntax tree and checked with recheck for super-linear backtracking, so a
 * new unsafe pattern fails CI.
 *
 * Verdict (deterministic, from recheck): exponential backtracking fails; polynomial of degree 3 or
 * more fails; quadratic passes, because parsers see lines of at most MAX_LINE characters (ingest
 * must cap longer lines), where a quadratic pattern costs a few milliseconds at worst. A pattern
 * recheck cannot decide in time is run on generic attack strings up to MAX_LINE characters and
 * fails if one takes over BUDGET_MS.
 *
 * Patterns that already failed when this gate was added are listed in
 * test/regex-safety.baseline.json (by source and flags) and reported on every run as debt; any
 * other failing pattern fails the test. Delete an entry once its pattern is fixed
 * (REGEX_SAFETY_BASELINE=1 rewrites the baseline from the current failures and stores the verdicts
 * of new patterns in the cache).
 *
 * recheck's pure-JS backend needs 0.3-3 s per pattern, so its diagnostics are kept in
 * test/regex-safety.cache.json (keyed by recheck version, flags and source). Patterns not in the
 * cache are checked live; REGEX_SAFETY_UPDATE=1 rewrites the cache from live checks of every pattern.
 *
 * A RegExp built at run time cannot be checked statically: it must escape its input (a call to a
 * function named *escape*) or carry a `regex-safety:` comment saying why it is safe.
 */
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {ADDRESS_OR_MASK, SPI_OR_MASK} from '../src/reading/address-pattern.js'

// recheck's synchronous API would start a worker that looks for a native binary; the pure-JS
// backend needs nothing outside the package.
process.env.RECHECK_SYNC_BACKEND = 'pure'
const {checkSync} = await import('recheck')
type Diagnostics = ReturnType<typeof checkSync>

const ROOT = join(import.meta.dirname, '..')
const SRC = join(ROOT, 'src')

export interface FoundRegex {
  file: string
  line: number
  source: string | null
  flags: string
  /** Text of the expression when the pattern is built at run time. */
  dynamic: string | null
  justified: boolean
}

function tsFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...tsFiles(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

function literalText(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text
  return null
}

/** Finds the regular expressions of one source text. */
export function findRegexes(text: string, file: string): FoundRegex[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const lines = text.split('\n')
  const found: FoundRegex[] = []
  const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const raw = node.getText(sf)
      const slash = raw.lastIndexOf('/')
      found.push({file, line: lineOf(node), source: raw.slice(1, slash), flags: raw.slice(slash + 1), dynamic: null, justified: true})
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [patternArg, flagsArg] = node.arguments ?? []
      const line = lineOf(node)
      const source = literalText(patternArg)
      if (source !== null) {
        found.push({file, line, source, flags: literalText(flagsArg) ?? '', dynamic: null, justified: true})
      } else {
        const argText = patternArg ? patternArg.getText(sf) : ''
        const nearby = lines.slice(Math.max(0, line - 3), line).join('\n')
        const justified = /escape/i.test(argText) || /regex-safety:/.test(nearby)
        found.push({file, line, source: null, flags: literalText(flagsArg) ?? '', dynamic: argText, justified})
      }
    } else if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'addressPattern') {
      // addressPattern`IKE message from (${ADDR}) failed` (src/reading/address-pattern.ts): the raw
      // template with each token's source in place; a place holding anything but a token is dynamic
      const t = node.template
      const line = lineOf(node)
      const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t.rawText ?? ''] : [t.head.rawText ?? '', ...t.templateSpans.flatMap((s) => [TOKENS[s.expression.getText(sf)] ?? null, s.literal.rawText ?? ''])]
      if (parts.every((x) => x !== null)) found.push({file, line, source: parts.join(''), flags: '', dynamic: null, justified: true})
      else found.push({file, line, source: null, flags: '', dynamic: t.getText(sf), justified: false})
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

/** The tokens an addressPattern template may hold, by the names the log catalogues use. */
const TOKENS: Record<string, string> = {ADDR: ADDRESS_OR_MASK, SPI: SPI_OR_MASK, ADDRESS_OR_MASK, SPI_OR_MASK}

function allRegexes(): FoundRegex[] {
  return tsFiles(SRC).flatMap((path) => findRegexes(readFileSync(path, 'utf8'), relative(ROOT, path)))
}

const RECHECK_VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8')).version as string
const CACHE_FILE = join(ROOT, 'test', 'regex-safety.cache.json')
const UPDATE = process.env.REGEX_SAFETY_UPDATE === '1'
const BASELINE_FILE = join(ROOT, 'test', 'regex-safety.baseline.json')
const BUDGET_MS = 500
const MAX_LINE = 4096

/** What the verdict needs from recheck's diagnostics (attack pumps, not the whole report). */
interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown'
  complexity: string
  exponential: boolean
  pumps: Array<{prefix: string; pump: string}> | null
  suffix: string
}

function toVerdict(d: Diagnostics): Verdict {
  if (d.status === 'vulnerable') {
    return {
      status: 'vulnerable',
      complexity: d.complexity.summary,
      exponential: d.complexity.type === 'exponential',
      pumps: d.attack.pumps.map(({prefix, pump}) => ({prefix, pump})), // kept for the report
      suffix: d.attack.suffix,
    }
  }
  if (d.status === 'unknown') return {status: 'unknown', complexity: d.error.kind, exponential: false, pumps: null, suffix: ''}
  return {status: 'safe', complexity: d.complexity.summary, exponential: false, pumps: null, suffix: ''}
}

/** "3rd degree polynomial" -> 3 */
function degreeOf(v: Verdict): number {
  const m = /^(\d+)(?:st|nd|rd|th) degree/.exec(v.complexity)
  return m ? Number(m[1]) : 0
}

/** Why a pattern fails the gate, or null when it passes. */
function problemOf(r: FoundRegex, v: Verdict): string | null {
  if (v.status === 'safe') return null
  if (v.exponential) return `backtracks exponentially (${v.complexity})`
  if (v.status === 'vulnerable') return degreeOf(v) >= 3 ? `is ${v.complexity}` : null
  const slow = slowPattern(r, v)
  return slow && `is undecided by recheck and ${slow}`
}

function cacheKey(source: string, flags: string): string {
  return `${RECHECK_VERSION} /${source}/${flags}`
}

const cache: Record<string, Verdict> = existsSync(CACHE_FILE) && !UPDATE ? JSON.parse(readFileSync(CACHE_FILE, 'utf8')) : {}
const checked: Record<string, Verdict> = {}

function verdictOf(source: string, flags: string): Verdict {
  const key = cacheKey(source, flags)
  const known = checked[key] ?? cache[key]
  if (known) return (checked[key] = known)
  return (checked[key] = toVerdict(checkSync(source, flags, {randomSeed: 42, timeout: 1500})))
}

/** Pump lengths tried in turn; small steps first so an exponential pattern is stopped early. */
function lengths(): number[] {
  const out: number[] = []
  for (let n = 8; n <= 64; n += 2) out.push(n)
  for (let n = 128; n <= MAX_LINE; n *= 2) out.push(n)
  out.push(MAX_LINE)
  return out
}

/** Runs `re` on ever longer attack strings; returns the first slow case, or null. */
function slowCase(re: RegExp, build: (n: number) => string): {length: number; ms: number} | null {
  for (const n of lengths()) {
    const input = build(n)
    if (input.length > MAX_LINE + 200) break
    re.lastIndex = 0
    const started = performance.now()
    re.exec(input)
    const ms = performance.now() - started
    if (ms > BUDGET_MS) return {length: input.length, ms: Math.round(ms)}
  }
  return null
}

/** Leading literal text of an anchored pattern: "^\\s*Crypto map tag:\\s*(...)" -> "Crypto map tag:". */
function literalPrefix(source: string): string {
  // "^\s*" at the start, then plain characters up to the first regex operator
  const m = /^\^?(?:\\s[*+])?((?:[A-Za-z0-9 :,_=#%-]|\\[.()/ -])*)/.exec(source)
  return m ? m[1].replace(/\\(.)/g, '$1') : ''
}

const GENERIC_PUMPS = [' ', '\t', 'a', 'A', '0', ':', ',', '.', '-', '/', '_', '(', ')', '"', '=', '#', ' a', 'a:', '0.', ', ', ': ']

function slowPattern(r: FoundRegex, _v: Verdict): string | null {
  const flags = (r.flags ?? '').replace(/[gy]/g, '')
  const re = new RegExp(r.source as string, flags)
  const prefix = literalPrefix(r.source as string)
  for (const pump of GENERIC_PUMPS) {
    for (const build of [(n: number) => prefix + pump.repeat(n) + '\u0000', (n: number) => ' ' + prefix + pump.repeat(n) + '!\n']) {
      const slow = slowCase(re, build)
      if (slow) return `${JSON.stringify(prefix + pump)}... of ${slow.length} characters takes ${slow.ms} ms`
    }
  }
  return null
}

describe('regex safety: the scanner', () => {
  it('finds literals and RegExp constructions, and does not take division for a regex', () => {
    const sample = [
      'const a = 10 / 2 / 5',
      '// "MM_NO_STATE"',
      'const b = /^MM_(\\w+)$/i',
      'const c = new RegExp("^QM_IDLE$", "m")',
      'const d = RegExp(`^x+$`)',
      'const e = new RegExp(prefix + "x")',
      '// regex-safety: the name is a fixed word list',
      'const f = new RegExp(words.join("|"))',
      'const g = new RegExp(escapeRegex(name))',
      'const h = addressPattern`from (${ADDR}) to \\d+`',
      'const i = addressPattern`from (${other})`',
    ].join('\n')
    const found = findRegexes(sample, 'sample.ts')
    expect(found.map((f) => [f.line, f.source, f.flags, f.justified])).toEqual([
      [3, '^MM_(\\w+)$', 'i', true],
      [4, '^QM_IDLE$', 'm', true],
      [5, '^x+$', '', true],
      [6, null, '', false],
      [8, null, '', true],
      [9, null, '', true],
      [10, `from (${ADDRESS_OR_MASK}) to \\d+`, '', true],
      [11, null, '', false],
    ])
  })

  it('recheck reports catastrophic patterns, and the timing check catches what recheck finds', () => {
    const nested = toVerdict(checkSync('^(a+)+$', '', {randomSeed: 42, timeout: 10_000}))
    expect(nested.status).toBe('vulnerable')
    expect(nested.exponential).toBe(true)
    const cubic = toVerdict(checkSync('^\\s*a\\s*(.*?)\\s*(.*?)\\s*$', '', {randomSeed: 42, timeout: 10_000}))
    expect(cubic.status).toBe('vulnerable')
    expect(degreeOf(cubic)).toBeGreaterThanOrEqual(3)
    expect(problemOf({file: 'x.ts', line: 1, source: '^\\s*a\\s*(.*?)\\s*(.*?)\\s*$', flags: '', dynamic: null, justified: true}, cubic)).toMatch(/degree polynomial/)
    const quadratic = toVerdict(checkSync('^\\s*a(.*?)\\s*$', '', {randomSeed: 42, timeout: 10_000}))
    expect(degreeOf(quadratic)).toBe(2)
    expect(problemOf({file: 'x.ts', line: 1, source: '^\\s*a(.*?)\\s*$', flags: '', dynamic: null, justified: true}, quadratic)).toBeNull()
    expect(toVerdict(checkSync('^\\s*(\\S+)\\s+(\\d+)$', '', {randomSeed: 42, timeout: 10_000})).status).toBe('safe')
  })

  it('the generic attack strings catch a slow pattern recheck was not asked about', () => {
    const unknown: Verdict = {status: 'unknown', complexity: 'timeout', exponential: false, pumps: null, suffix: ''}
    expect(slowPattern({file: 'x.ts', line: 1, source: '^\\s*Peer:(\\s*\\w*)*;$', flags: '', dynamic: null, justified: true}, unknown)).toMatch(/takes \d+ ms/)
    expect(slowPattern({file: 'x.ts', line: 1, source: '^\\s*Peer:\\s*(\\S+)$', flags: '', dynamic: null, justified: true}, unknown)).toBeNull()
  })
})

describe('regex safety: every regular expression in src/', () => {
  const regexes = allRegexes()

  it('finds the project regular expressions', () => {
    // the parsers alone hold dozens; an empty result would mean the scan is broken
    expect(regexes.length).toBeGreaterThan(20)
  })

  it('has no run-time RegExp without escaping or a regex-safety comment', () => {
    const unjustified = regexes.filter((r) => !r.justified).map((r) => `${r.file}:${r.line}: new RegExp(${r.dynamic})`)
    expect(unjustified).toEqual([])
  })

  it('has no pattern that backtracks exponentially, cubically or worse (baseline aside)', {timeout: 900_000}, () => {
    const baseline = new Set<string>(existsSync(BASELINE_FILE) ? JSON.parse(readFileSync(BASELINE_FILE, 'utf8')).patterns : [])
    const problems: string[] = []
    const debt: string[] = []
    const failing = new Set<string>()
    let quadratic = 0
    for (const r of regexes) {
      if (r.source === null) continue
      const v = verdictOf(r.source, r.flags)
      if (v.status === 'vulnerable' && degreeOf(v) === 2) quadratic++
      const problem = problemOf(r, v)
      if (!problem) continue
      const key = `/${r.source}/${r.flags}`
      failing.add(key)
      ;(baseline.has(key) ? debt : problems).push(`${r.file}:${r.line}: ${key} ${problem}`)
    }
    if (UPDATE || process.env.REGEX_SAFETY_BASELINE === '1') {
      // `checked` holds a verdict for every pattern now in src/ (from the cache or checked live)
      writeFileSync(CACHE_FILE, JSON.stringify(Object.fromEntries(Object.entries(checked).sort()), null, 1) + '\n')
      writeFileSync(BASELINE_FILE, JSON.stringify({note: 'Regular expressions that failed test/regex-safety.test.ts when the gate was added: fix them and delete the entry.', patterns: [...failing].sort()}, null, 1) + '\n')
    }
    const fixed = [...baseline].filter((k) => !failing.has(k))
    console.info(
      `regex-safety: ${regexes.length} expressions, ${quadratic} quadratic (bounded by the ${MAX_LINE}-character line cap), ${debt.length} known problems in the baseline` +
        (debt.length > 0 ? `:\n  ${debt.join('\n  ')}` : '') +
        (fixed.length > 0 ? `\nbaseline entries no longer needed (delete them): ${fixed.join(', ')}` : ''),
    )
    expect(problems).toEqual([])
  })
})
