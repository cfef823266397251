/** Small helpers shared by the Cisco parsers. */
import type {RawField} from '../../model/index.js'
import {eachCommaPart, internLabel, isSpaceCode, raw} from '../account.js'
import type {Line} from '../types.js'

/** Fact ids made unique with a "#2", "#3" ... suffix in input order (shared by all parsers). */
export {IdRegistry} from '../ids.js'

/** Raw field map that never overwrites: a repeated label gets " (2)", " (3)" ... */
export class RawFields {
  readonly fields: Record<string, RawField> = {}
  /** Number of labels set (each set() adds exactly one key). */
  size = 0

  /** Per repeated label, the suffix number to try next (keys are never removed, so lower ones stay taken). */
  private nextSuffix: Map<string, number> | null = null

  set(label: string, value: string, line: Line | number): void {
    this.setInterned(internLabel(label), value, line)
  }

  /**
   * set() for a label that is already a shared string (a literal in the code or an internLabel
   * result): skips the intern-table lookup, which the hottest lines (one per counter) would pay.
   */
  setInterned(label: string, value: string, line: Line | number): void {
    let key = label
    if (key in this.fields) {
      this.nextSuffix ??= new Map()
      let i = this.nextSuffix.get(label) ?? 2
      for (key = `${label} (${i})`; key in this.fields; key = `${label} (${i})`) i++
      this.nextSuffix.set(label, i + 1)
    }
    this.fields[key] = raw(value, line)
    this.size++
  }

  has(label: string): boolean {
    return label in this.fields
  }
}

export interface LabeledValue {
  label: string
  value: string
}

/**
 * Splits "slot: 0, conn id: 2000, flow_id: SW:1, crypto map: VPN" or "path mtu 1500, ip mtu idb Gi0/1"
 * into label/value pairs. A segment is "label: value" (first ": ") or "label value" (last word is the
 * value). Segments without any value are returned with value "".
 *
 * Scanned by hand with indexOf: it runs on several lines of every SA, and a split regex plus two
 * patterns per segment cost more than the rest of those lines' parsing.
 */
export function splitLabeled(text: string): LabeledValue[] {
  // "." in the patterns stops at U+2028/U+2029; such (garbage) text keeps the patterns' exact reading
  if (text.includes('\u2028') || text.includes('\u2029')) return splitLabeledByPattern(text)
  const out: LabeledValue[] = []
  eachCommaPart(text, (a, b) => {
    out.push(labeledSegment(text, a, b))
    return true
  })
  return out
}

/** One trimmed, non-empty segment text[a, b) of splitLabeled. */
function labeledSegment(text: string, a: number, b: number): LabeledValue {
  // "conn id: 2000" / "flow_id: SW:1": label up to the first colon (a label needs one character)
  const colon = text.charCodeAt(a) === 58 /* : */ ? -1 : text.indexOf(':', a + 1)
  if (colon >= 0 && colon < b) {
    let labelEnd = colon
    while (labelEnd > a && isSpaceCode(text.charCodeAt(labelEnd - 1))) labelEnd--
    let valueStart = colon + 1
    while (valueStart < b && isSpaceCode(text.charCodeAt(valueStart))) valueStart++
    return {label: text.slice(a, labelEnd), value: text.slice(valueStart, b)}
  }
  // "path mtu 1500" / "sibling_flags 80000040" / "ip mtu idb GigabitEthernet0/1": the last word is the value
  let valueStart = b
  while (valueStart > a && !isSpaceCode(text.charCodeAt(valueStart - 1))) valueStart--
  if (valueStart === a) return {label: text.slice(a, b), value: ''}
  let labelEnd = valueStart
  while (labelEnd > a && isSpaceCode(text.charCodeAt(labelEnd - 1))) labelEnd--
  return {label: text.slice(a, labelEnd), value: text.slice(valueStart, b)}
}

/** splitLabeled by regular expressions: the definition the scanner above follows (tests compare the two). */
export function splitLabeledByPattern(text: string): LabeledValue[] {
  const out: LabeledValue[] = []
  for (const seg of text.split(/,\s*/)) {
    const s = seg.trim()
    if (s === '') continue
    // "conn id: 2000" / "flow_id: SW:1"
    const colon = /^([^:]+?):\s*(.*)$/.exec(s)
    if (colon) {
      out.push({label: colon[1].trim(), value: colon[2].trim()})
      continue
    }
    // "path mtu 1500" / "sibling_flags 80000040" / "ip mtu idb GigabitEthernet0/1"
    const spaced = /^(.*\S)\s+(\S+)$/.exec(s)
    if (spaced) out.push({label: spaced[1], value: spaced[2]})
    else out.push({label: s, value: ''})
  }
  return out
}

/** Leading whitespace width (tabs count as 8). */
export function indentOf(text: string): number {
  const m = /^[ \t]*/.exec(text)
  return m ? m[0].replace(/\t/g, '        ').length : 0
}

/** "23:59:42" -> seconds; null when not h:mm:ss. */
export function hmsToSeconds(text: string): number | null {
  // "23:59:42" or "1d02h"? only the colon form is printed by IOS here
  const m = /^(\d+):(\d{2}):(\d{2})$/.exec(text.trim())
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null
}

/** Score helper for detect(): fraction of patterns that occur in the first lines, weighted. */
export function scoreLines(lines: Line[], strong: RegExp[], weak: RegExp[] = [], limit = 400): number {
  let s = 0
  let w = 0
  for (const line of lines.slice(0, limit)) {
    if (strong.some((r) => r.test(line.text))) s++
    else if (weak.some((r) => r.test(line.text))) w++
  }
  if (s > 0) return Math.min(1, 0.7 + 0.1 * s + 0.02 * w)
  if (w > 0) return Math.min(0.5, 0.15 * w)
  return 0
}
