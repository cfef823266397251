/** Shared pieces of the delta computations: capture timing, counter deltas with reset detection. */
import type {Evidence, Fact, Vendor} from '../../model/index.js'
import type {ExtraEntity} from '../pair/entity.js'
import {evidence} from '../pair/views.js'
import {newRaw} from '../../model/raw.js'

export interface Capture {
  device: string
  vendor: Vendor
  /** ms since epoch of the capture when it holds a time, else null. */
  ms: number | null
  iso: string | null
  file: string
}

export interface Timing {
  before: Capture
  after: Capture
  intervalSec: number | null
  intervalText: string
}

export function timing(before: Capture, after: Capture): Timing {
  const intervalSec = before.ms !== null && after.ms !== null ? Math.round((after.ms - before.ms) / 1000) : null
  const intervalText = intervalSec !== null ? `over ${intervalSec} s` : 'between the two captures (interval unknown)'
  return {before, after, intervalSec, intervalText}
}

export function timingFields(t: Timing, reset: ResetTracker) {
  return {
    intervalSec: t.intervalSec,
    intervalText: reset.reasons.length > 0 ? `${t.intervalText} (counter reset between captures: t2 values used)` : t.intervalText,
    timeBefore: t.before.iso,
    timeAfter: t.after.iso,
    fileBefore: t.before.file,
    fileAfter: t.after.file,
    counterReset: reset.reasons.length > 0,
    resetNote: reset.reasons.length > 0 ? `counter reset between captures (${reset.reasons.join('; ')}): the t2 values are used as the change` : null,
  }
}

/** Collects why counters restarted; `delta` applies the delta-counter-reset rule. */
export class ResetTracker {
  readonly reasons: string[] = []
  /** Counters restart as a whole (SPI / conn id / cookies changed): every delta is the t2 value. */
  forced = false

  force(reason: string): void {
    this.forced = true
    this.reasons.push(reason)
  }

  delta(label: string, v1: number | null | undefined, v2: number | null | undefined): number | null {
    if (v2 === null || v2 === undefined) return null
    if (v1 === null || v1 === undefined) return null
    if (this.forced) return v2
    if (v2 < v1) {
      this.reasons.push(`${label} went from ${v1} to ${v2}`)
      return v2
    }
    return v2 - v1
  }
}

export function sumOrNull(...xs: Array<number | null | undefined>): number | null {
  if (xs.every((x) => x === null || x === undefined)) return null
  return xs.reduce((s: number, x) => s + (x ?? 0), 0)
}

/** Evidence of a fact at one capture time, tagged t1/t2 in the field label. */
export function at(f: Fact, labels: string | string[], when: 't1' | 't2', value?: string | number | null): Evidence {
  const e = evidence(f, labels, value)
  return {...e, field: `${e.field} (${when})`}
}

export function extra(entity: Record<string, unknown>, after: Fact, device: string, vendor: Vendor, peer: string | null, beforeEvidence: Evidence[], afterEvidence: Evidence[]): ExtraEntity {
  return {
    entity: {...entity, source: {...after.source, device}, raw: newRaw()} as ExtraEntity['entity'],
    derived: {values: {peer}, evidence: {beforeEvidence, afterEvidence}},
    device,
    vendor,
  }
}
