/**
 * Shapes and helpers shared by the derivations (derive.ts, derive-config.ts).
 */
import type {Evidence, Fact} from '../model/index.js'
import {rawGet, rawValue} from '../model/raw.js'

export interface Derived {
  values: Record<string, unknown>
  /** Evidence for derived values that come from other facts, by derived name. */
  evidence: Record<string, Evidence[]>
}

/** Shared empty evidence map (most entities cite nothing from other facts). */
export const NO_EVIDENCE: Record<string, Evidence[]> = Object.freeze({}) as Record<string, Evidence[]>

/** Shared empty list for lookups that find nothing (never mutated). */
export const NONE = Object.freeze([]) as unknown as never[]

export function evidenceOf(fact: Fact, field: string, value: string | number, line?: number): Evidence {
  return {file: fact.source.file, line: line ?? fact.source.startLine, field, value: String(value)}
}

function dropEvidence(rows: Array<Extract<Fact, {kind: 'droppedPackets'}>>): Evidence[] {
  return rows.map((r) => evidenceOf(r, `Drop Count (${r.interface ?? r.ipAddress ?? '?'})`, rawValue(r.raw, 'Drop Count') ?? r.dropCount, rawGet(r.raw, 'Drop Count')?.line))
}

/** Evidence of drop rows, or the shared empty map when there are none (collectEvidence skips empty lists). */
export function dropEvidenceMap(name: string, rows: Array<Extract<Fact, {kind: 'droppedPackets'}>>): Record<string, Evidence[]> {
  return rows.length > 0 ? {[name]: dropEvidence(rows)} : NO_EVIDENCE
}

/** part / whole; a whole of 0 gives 1 when there is a part, else 0; null when either is unknown. */
export function ratio(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null) return null
  if (whole === 0) return part > 0 ? 1 : 0
  return part / whole
}

/**
 * A ratio for a message: "0.5 % of 2800 packets", "all of 3 packets"; with no packet at all "no
 * packet was encapsulated" (`verb`), and "share unknown" when the whole was not printed. ratio()
 * gives 1 for errors over no packet, which read "(1 of the packets)" in a message.
 */
export function shareOf(part: number | null, whole: number | null, verb: string): string {
  if (part === null || whole === null) return 'share of the packets unknown'
  if (whole === 0) return `no packet was ${verb}`
  if (part >= whole) return `${part === whole ? 'as many as' : 'more than'} the ${whole} packets ${verb}`
  const pct = (100 * part) / whole
  // "0.50" -> "0.5"
  const shown = pct < 0.01 ? '< 0.01' : pct < 1 ? pct.toFixed(2).replace(/0$/, '') : String(Math.round(pct * 10) / 10)
  return `${shown} % of ${whole} packets ${verb}`
}

// Loops rather than some() with a closure: these run several times per IKE SA.
export function hasFlag(flags: string[], text: string): boolean {
  for (const f of flags) if (f.includes(text)) return true
  return false
}

/** The sum of the counters whose label matches, or null when none does. */
export function sumCounters(counters: Record<string, number>, pattern: RegExp): number | null {
  let total: number | null = null
  // for...in walks the same own keys in the same order as Object.entries, without building pairs.
  for (const label in counters) if (pattern.test(label)) total = (total ?? 0) + counters[label]
  return total
}

// "0x0000000000000000", "0000000000000000"
const ZERO_COOKIE = /^(0x)?0+$/i
// "0x00 00-00" -> characters other than hex digits and x, dropped before the zero check
const NOT_HEX = /[^0-9a-fx]/gi
// "bd118d3b4ff83ca1": a hex digit other than 0
const NONZERO_HEX = /[1-9a-f]/i

/** The cookie/SPI is all zeros once separators are dropped ("0x0000 0000"). */
export function isZeroCookie(cookie: string): boolean {
  // A hex digit other than 0 survives the clean-up and fails the zero pattern: a real cookie is
  // decided at its first character, without building the cleaned-up copy.
  if (NONZERO_HEX.test(cookie)) return false
  return ZERO_COOKIE.test(cookie.replace(NOT_HEX, ''))
}
