/**
 * Line accounting shared by all parsers: each line is consumed into a fact, ignored as decoration,
 * or, if the parser never claimed it, reported as unparsed. Nothing can be silently dropped.
 */
import type {Fact, RawField, UnparsedLine} from '../model/index.js'
import type {Line, ParseResult} from './types.js'

const BLANK = /^\s*$/

export class LineAccount {
  private readonly state = new Map<number, 'consumed' | 'ignored' | {reason: string}>()
  readonly facts: Fact[] = []
  readonly warnings: string[] = []

  constructor(private readonly lines: Line[]) {}

  consume(line: Line): void {
    this.state.set(line.n, 'consumed')
  }

  ignore(line: Line): void {
    if (!this.state.has(line.n)) this.state.set(line.n, 'ignored')
  }

  /** Mark a line as seen but not understood, with a reason that ends up in the block account. */
  reject(line: Line, reason: string): void {
    this.state.set(line.n, {reason})
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
    for (const line of this.lines) {
      const st = this.state.get(line.n)
      if (st === 'consumed') consumed++
      else if (st === 'ignored' || (st === undefined && BLANK.test(line.text))) ignored++
      else unparsed.push(st === undefined ? {line: line.n, text: line.text} : {line: line.n, text: line.text, reason: st.reason})
    }
    return {facts: this.facts, unparsed, warnings: this.warnings, consumed, ignored}
  }
}

/** A raw vendor value with the line it came from. */
export function raw(value: string, line: Line | number): RawField {
  return {value, line: typeof line === 'number' ? line : line.n}
}

/** Parses a decimal integer, tolerating thousands separators; null when absent or not a number. */
export function toInt(text: string | undefined | null): number | null {
  if (text === undefined || text === null) return null
  const t = text.replace(/,/g, '').trim()
  if (!/^-?\d+$/.test(t)) return null
  const v = Number(t)
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

/** Splits lines on collapsed/any whitespace. */
export function cols(text: string): string[] {
  return text.trim().split(/\s+/)
}
