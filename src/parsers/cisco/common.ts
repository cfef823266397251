/** Small helpers shared by the Cisco parsers. */
import type {RawValues} from '../../model/index.js'
import {newRaw, rawAppend} from '../../model/raw.js'
import {isMaskedAddress} from '../../reading/address.js'
import {labelPairs} from '../../reading/labels.js'
import type {Line} from '../types.js'

/** Fact ids made unique with a "#2", "#3" ... suffix in input order (shared by all parsers). */
export {IdRegistry} from '../ids.js'

/** Printed values that never overwrite: a repeated label gets " (2)", " (3)" ... */
export class RawFields {
  readonly fields: RawValues = newRaw()
  /** Number of labels set (each set() adds exactly one label). */
  size = 0
  /** Labels set so far, and per label as printed the suffix number its next repeat gets. */
  private readonly keys = new Set<string>()
  /** Made at the first repeated label: most records repeat none. */
  private nextSuffix: Map<string, number> | null = null

  set(label: string, value: string, line: Line | number): void {
    let key = label
    if (this.keys.has(key)) {
      const next = (this.nextSuffix ??= new Map())
      let i = next.get(label) ?? 2
      while (this.keys.has(`${label} (${i})`)) i++
      key = `${label} (${i})`
      next.set(label, i + 1)
    }
    this.keys.add(key)
    rawAppend(this.fields, key, value, typeof line === 'number' ? line : line.n)
    this.size++
  }

  has(label: string): boolean {
    return this.keys.has(label)
  }
}

export interface LabeledValue {
  label: string
  value: string
}

/**
 * Splits "slot: 0, conn id: 2000, flow_id: SW:1, crypto map: VPN" or "path mtu 1500, ip mtu idb Gi0/1"
 * into label/value pairs. A segment is "label: value" (first ":") or "label value" (last word is the
 * value). Segments without any value are returned with value "".
 */
export function splitLabeled(text: string): LabeledValue[] {
  const out: LabeledValue[] = []
  for (const seg of text.split(', ')) {
    const s = seg.trim()
    if (s === '') continue
    // "conn id: 2000", "flow_id: SW:1": the one label scanner (src/reading/labels.ts)
    const pairs = labelPairs(s)
    if (pairs.length > 0 && s.startsWith(pairs[0].label)) {
      out.push(...pairs)
      continue
    }
    // "path mtu 1500" / "sibling_flags 80000040" / "ip mtu idb GigabitEthernet0/1"
    const space = s.lastIndexOf(' ')
    out.push(space < 0 ? {label: s, value: ''} : {label: s.slice(0, space), value: s.slice(space + 1)})
  }
  return out
}

/** "23:59:42" -> seconds; null when not h:mm:ss. */
export function hmsToSeconds(text: string): number | null {
  const m = /^(\d+):(\d{2}):(\d{2})$/.exec(text.trim())
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null
}

/**
 * Sets `fact.masked` to the fields (of those named) whose value is an author's mask ("X.X.X.X",
 * "<peer-ip>"): a string field holding a mask, a list holding one, or a selector ({address}) whose
 * address is one.
 * Leaves `masked` absent when none is masked.
 */
export function markMasked(fact: object & {masked?: string[]}, ...fields: string[]): void {
  const record = fact as Record<string, unknown>
  // nearly every fact holds no mask: the set is made only for one that does
  let masked: Set<string> | null = null
  for (const field of fields) if (holdsMask(record[field])) (masked ??= new Set(fact.masked ?? [])).add(field)
  if (masked !== null) fact.masked = [...masked]
}

/** A string that is a mask, a list holding one ("peers"), or a selector whose address is one. */
function holdsMask(v: unknown): boolean {
  if (typeof v === 'string') return isMaskedAddress(v)
  if (Array.isArray(v)) return v.some((t) => typeof t === 'string' && isMaskedAddress(t))
  return v !== null && typeof v === 'object' && 'address' in v && typeof v.address === 'string' && isMaskedAddress(v.address)
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
