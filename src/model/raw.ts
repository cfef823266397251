/**
 * The printed values of a fact (schema version 2): labels, values and lines in parallel arrays.
 * Every read and write of `fact.raw` goes through these functions, so the layout lives in one place.
 *
 *   {labels: ['state', 'conn-id'], values: ['MM_ACTIVE', '1004'], lines: [12, 12]}
 *
 * No zod here: parsers import this on the hot path.
 */
import type {RawField, RawValues} from './common.js'

/** An empty set of printed values. */
export function newRaw(): RawValues {
  return {labels: [], values: [], lines: []}
}

/**
 * The same printed values in lists of their length, for a parser that keeps many facts: a list grown
 * by push from empty keeps room for 17 entries, and a capture's facts keep their lists.
 */
export function rawTrimmed(raw: RawValues): RawValues {
  const out = {labels: raw.labels.slice(), values: raw.values.slice(), lines: raw.lines.slice()}
  return raw.notes === undefined ? out : {...out, notes: raw.notes}
}

/** Index of `label`, or -1. */
function indexOf(raw: RawValues, label: string): number {
  return raw.labels.indexOf(label)
}

/** The printed value of `label` with its line (and the author's note of that line), or undefined. */
export function rawGet(raw: RawValues, label: string): RawField | undefined {
  const i = indexOf(raw, label)
  if (i < 0) return undefined
  const note = raw.notes?.[label]
  return note === undefined ? {value: raw.values[i], line: raw.lines[i]} : {value: raw.values[i], line: raw.lines[i], note}
}

/** The printed text of `label`, or undefined. */
export function rawValue(raw: RawValues, label: string): string | undefined {
  const i = indexOf(raw, label)
  return i < 0 ? undefined : raw.values[i]
}

export function rawHas(raw: RawValues, label: string): boolean {
  return indexOf(raw, label) >= 0
}

/** Sets `label` (replacing its value and line when it is already there). */
export function rawSet(raw: RawValues, label: string, value: string, line: number | {n: number}): void {
  const i = indexOf(raw, label)
  const n = typeof line === 'number' ? line : line.n
  if (i >= 0) {
    raw.values[i] = value
    raw.lines[i] = n
    return
  }
  rawAppend(raw, label, value, n)
}

/** Adds `label` without looking for it first: the caller knows it is new (a parser's hot path). */
export function rawAppend(raw: RawValues, label: string, value: string, line: number): void {
  raw.labels.push(label)
  raw.values.push(value)
  raw.lines.push(line)
}

/** Keeps the author's note of the line of `label`'s value. */
export function rawNote(raw: RawValues, label: string, note: string): void {
  ;(raw.notes ??= {})[label] = note
}

/** [label, {value, line, note?}] in reading order. */
export function rawEntries(raw: RawValues): [string, RawField][] {
  return raw.labels.map((label, i) => {
    const note = raw.notes?.[label]
    return [label, note === undefined ? {value: raw.values[i], line: raw.lines[i]} : {value: raw.values[i], line: raw.lines[i], note}]
  })
}

/** Printed values from a {label: {value, line, note?}} map (literals in parsers and tests). */
export function rawFromFields(fields: Record<string, RawField>): RawValues {
  const raw = newRaw()
  for (const [label, f] of Object.entries(fields)) {
    rawAppend(raw, label, f.value, f.line)
    if (f.note !== undefined) rawNote(raw, label, f.note)
  }
  return raw
}

/** The labels whose value was read from `line`. */
export function rawLabelsAt(raw: RawValues, line: number): string[] {
  return raw.labels.filter((_, i) => raw.lines[i] === line)
}
