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

  /** 1 for each line of the block a printed value of some fact cites (by slot, like `state`). */
  private citedSlots(): Uint8Array {
    const cited = new Uint8Array(this.state.length)
    for (const f of this.facts) {
      for (const n of f.raw.lines) {
        const i = this.slot(n)
        if (i >= 0) cited[i] = 1
      }
    }
    return cited
  }

  finish(): ParseResult {
    const unparsed: UnparsedLine[] = []
    let consumed = 0
    let ignored = 0
    const {state, sparse, base, lines} = this
    const cited = this.citedSlots()
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      // every line of the block has a slot (the constructor made one per line)
      const slot = sparse ? (sparse.get(line.n) as number) : line.n - base
      const st = state[slot]
      if (st === CONSUMED) {
        // consumed means understood: a value of the line reached a fact, or the line is decoration
        if (cited[slot] === 1) consumed++
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


// "Traffic statistics:", "inbound esp sas:" (a section header: its values are on the lines below)
const SECTION_HEADER = /^[^:]*:$/
// "{", "}", "],", "</ike-security-associations>", "<ike-security-associations-information>",
// "\"ike-security-associations\" : [" (structure of | display json / xml output)
const STRUCTURE = /^(?:[[\]{},]+|<\/?[\w:.-]+(?: [^<>]*)?>|"[\w:.-]+" ?: ?[[{],?)$/

/** A line that carries no value of its own: a section header or the structure of JSON/XML output. */
export function isDecoration(text: string): boolean {
  return SECTION_HEADER.test(text) || STRUCTURE.test(text)
}

/** A raw vendor value with the line it came from. */
export function raw(value: string, line: Line | number): RawField {
  return {value, line: typeof line === 'number' ? line : line.n}
}

/** Kept for the parsers that still import them from here; they live in src/reading/numbers.ts. */
export {toInt, toSpi} from '../reading/numbers.js'
