/**
 * Line accounting shared by all parsers: each line is consumed into a fact, ignored as decoration,
 * or, if the parser never claimed it, reported as unparsed. Nothing can be silently dropped.
 */
import type {Fact, RawField, UnparsedLine} from '../model/index.js'
import type {Line, ParseResult} from './types.js'

// "   " (blank or whitespace only)
const BLANK = /^\s*$/

/** Per-line state codes; rejection reasons live in a side map. */
const UNSEEN = 0
const CONSUMED = 1
const IGNORED = 2
const REJECTED = 3

export class LineAccount {
  /** State per line number, indexed by `n - base` (or through `sparse`); lines outside the block never count. */
  private readonly state: Uint8Array
  private readonly base: number
  /** Line number -> slot, only when the numbers are too far apart for a dense array. */
  private readonly sparse: Map<number, number> | null = null
  private readonly reasons = new Map<number, string>()
  readonly facts: Fact[] = []
  readonly warnings: string[] = []

  constructor(private readonly lines: Line[]) {
    let min = Infinity
    let max = -Infinity
    // indexed loops here and in finish(): they run once per block, before for-of is optimized, and
    // for-of would allocate an iterator result per line (up to 40% of what some parsers allocate)
    for (let i = 0; i < lines.length; i++) {
      const n = lines[i].n
      if (n < min) min = n
      if (n > max) max = n
    }
    const span = lines.length > 0 ? max - min + 1 : 0
    this.base = lines.length > 0 ? min : 0
    if (span <= 4 * lines.length + 1024) this.state = new Uint8Array(span)
    else {
      this.sparse = new Map()
      for (let i = 0; i < lines.length; i++) if (!this.sparse.has(lines[i].n)) this.sparse.set(lines[i].n, this.sparse.size)
      this.state = new Uint8Array(this.sparse.size)
    }
  }

  private slot(n: number): number {
    if (this.sparse) return this.sparse.get(n) ?? -1
    const i = n - this.base
    return i >= 0 && i < this.state.length ? i : -1
  }

  consume(line: Line): void {
    const i = this.slot(line.n)
    if (i >= 0) this.state[i] = CONSUMED
  }

  ignore(line: Line): void {
    const i = this.slot(line.n)
    if (i >= 0 && this.state[i] === UNSEEN) this.state[i] = IGNORED
  }

  /** Mark a line as seen but not understood, with a reason that ends up in the block account. */
  reject(line: Line, reason: string): void {
    const i = this.slot(line.n)
    if (i < 0) return
    this.state[i] = REJECTED
    this.reasons.set(line.n, reason)
  }

  warn(message: string): void {
    this.warnings.push(message)
  }

  add(fact: Fact): void {
    this.facts.push(fact)
  }

  finish(): ParseResult {
    const unparsed: UnparsedLine[] = []
    let consumed = 0
    let ignored = 0
    const {state, sparse, base, lines} = this
    const cited = citedLines(this.facts)
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      // every line of the block has a slot (the constructor made one per line)
      const st = sparse ? state[sparse.get(line.n) as number] : state[line.n - base]
      if (st === CONSUMED) {
        // consumed means understood: a value of the line reached a fact, or the line is decoration
        if (cited.has(line.n)) consumed++
        else if (isDecoration(line.text)) ignored++
        else {
          consumed++
          this.warnings.push(`line ${line.n}: "${line.text}" was read, but none of its values reached a fact`)
        }
      } else if (st === IGNORED || (st === UNSEEN && BLANK.test(line.text))) ignored++
      else if (st === UNSEEN) unparsed.push({line: line.n, text: line.original ?? line.text})
      else unparsed.push({line: line.n, text: line.original ?? line.text, reason: this.reasons.get(line.n) as string})
    }
    return {facts: this.facts, unparsed, warnings: this.warnings, consumed, ignored}
  }
}

/** Capture lines cited by a printed value ({value, line}) anywhere in the facts. */
function citedLines(facts: readonly Fact[]): Set<number> {
  const cited = new Set<number>()
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x)
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (typeof o.value === 'string' && typeof o.line === 'number') cited.add(o.line)
      else for (const x of Object.values(o)) walk(x)
    }
  }
  for (const f of facts) walk(f.raw)
  return cited
}

// "Traffic statistics:", "inbound esp sas:" (a section header: its values are on the lines below)
const SECTION_HEADER = /^[^:]*:$/
// "{", "}", "],", "</ike-security-associations>", "<ike-security-associations-information>",
// "\"ike-security-associations\" : [" (structure of | display json / xml output)
const STRUCTURE = /^(?:[[\]{},]+|<\/?[\w:.-]+(?: [^<>]*)?>|"[\w:.-]+" ?: ?[[{],?)$/

/** A line that carries no value of its own: a section header or the structure of JSON/XML output. */
export function isDecoration(text: string): boolean {
  return SECTION_HEADER.test(text) || STRUCTURE.test(text)
}

/** True for the characters `\s` matches in a regular expression (so routing agrees with the patterns). */
export function isSpaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true
  if (c < 160) return false
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
}

/** Index of the first character `\s` does not match; `text.length` for a blank line. */
export function firstNonSpace(text: string): number {
  let i = 0
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++
  return i
}

/**
 * First non-blank character of a line ("" when blank). Parsers test it before running the patterns
 * that start with a fixed word, so most lines meet only the one or two patterns that can match.
 */
export function leadChar(text: string): string {
  const i = firstNonSpace(text)
  return i < text.length ? text[i] : ''
}

/**
 * Calls `visit(a, b)` for each comma-separated part text[a, b) of a line, blanks trimmed and empty
 * parts skipped: the parts text.split(/,\s*\/) and trim() would give, without copying them. Stops
 * and returns false as soon as `visit` returns false.
 */
export function eachCommaPart(text: string, visit: (a: number, b: number) => boolean): boolean {
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf(',', start)
    if (end < 0) end = text.length
    let a = start
    let b = end
    while (a < b && isSpaceCode(text.charCodeAt(a))) a++
    while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--
    if (a < b && !visit(a, b)) return false
    start = end + 1
  }
  return true
}

/**
 * `fn` with its result remembered per input text (at most 1,000 texts), for the few values a capture
 * repeats for every SA or row ("Installed", "esp-aes esp-sha-hmac", "{Tunnel, }"): each is read once.
 * `fn` must be pure and not return undefined; a result that is an object is shared by every caller.
 */
export function rememberedByText<R>(fn: (text: string) => R): (text: string) => R {
  const known = new Map<string, R>()
  return (text) => {
    let result = known.get(text)
    if (result === undefined) {
      result = fn(text)
      if (known.size < 1000) known.set(text, result)
    }
    return result
  }
}

/** Canonical copies of raw-field labels (see internLabel); bounded so odd input cannot grow it without end. */
const LABELS = new Map<string, string>()

/**
 * Returns one shared copy of a label. Labels cut out of a line are fresh strings that V8 must look up
 * in its string table on every property test and store; a shared copy makes the raw-field maps of
 * thousands of SAs cheap to fill. The text is unchanged.
 */
export function internLabel(label: string): string {
  const known = LABELS.get(label)
  if (known !== undefined) return known
  if (LABELS.size < 10_000) LABELS.set(label, label)
  return label
}

/** A raw vendor value with the line it came from. */
export function raw(value: string, line: Line | number): RawField {
  return {value, line: typeof line === 'number' ? line : line.n}
}

/** Parses a decimal integer, tolerating thousands separators; null when absent or not a number. */
export function toInt(text: string | undefined | null): number | null {
  if (text === undefined || text === null) return null
  const t = (text.includes(',') ? text.replace(/,/g, '') : text).trim()
  // "-?digits" only, checked by hand: "4608000", "-1"
  let i = t.charCodeAt(0) === 45 ? 1 : 0
  if (i >= t.length) return null
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (c < 48 || c > 57) return null
  }
  const v = Number(t)
  return Number.isSafeInteger(v) ? v : null
}

/** "0".."9" as a character code. */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57
}

/** True for a non-empty run of ASCII digits: what /^\d+$/ accepts, checked by hand for table rows. */
export function isDigits(text: string): boolean {
  return isDigitRun(text, 0, text.length)
}

/** isDigits of text[start, end), without cutting it out. */
export function isDigitRun(text: string, start: number, end: number): boolean {
  if (end <= start) return false
  for (let i = start; i < end; i++) if (!isDigitCode(text.charCodeAt(i))) return false
  return true
}

/** toInt of a text known to be all digits (isDigits): the same number, or null beyond the safe integers. */
export function digitsToInt(digits: string): number | null {
  const v = Number(digits)
  return Number.isSafeInteger(v) ? v : null
}

/** SPI text in any vendor form (0xEB99FB6C, EB99FB6C, 0xEB99FB6C(3952737132), 3952737132) to unsigned int. */
export function toSpi(text: string, hexByDefault: boolean): number | null {
  const t = text.trim()
  // "0x5A48ACC4(1514712260)"
  const paren = /^0x[0-9a-f]+\((\d+)\)$/i.exec(t)
  if (paren) return Number(paren[1]) >>> 0
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return Number.parseInt(t.slice(2), 16) >>> 0
  if (hexByDefault && /^[0-9a-f]{1,8}$/i.test(t)) return Number.parseInt(t, 16) >>> 0
  if (/^\d+$/.test(t)) {
    const v = Number(t)
    return v <= 0xffffffff ? v : null
  }
  return null
}

/**
 * Splits a line into its words, as text.trim().split(/\s+/) would (a blank line gives [""]). Scanned
 * by hand: table parsers call it on every row.
 */
export function cols(text: string): string[] {
  const out: string[] = []
  let i = 0
  const n = text.length
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++
    if (i === n) break
    const start = i
    while (i < n && !isSpaceCode(text.charCodeAt(i))) i++
    out.push(text.slice(start, i))
  }
  if (out.length === 0) out.push('')
  return out
}
