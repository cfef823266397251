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
