/**
 * Allocation-light reading of "Label: value, Label: value" lines for the parsers that see one such line
 * per output line (hundreds of thousands in a hub capture).
 *
 * `fieldSpans` finds where each label and value starts and ends without regex, split or trim copies;
 * `scanFields` turns the spans into one value string per field plus a shared, per-parser `LabelInfo` for
 * the label (found again by comparing the printed spelling in place, so a repeated label costs neither
 * a substring nor a hash lookup). Both give exactly what `splitFields` in fields.ts returns.
 */
import {internLabel, isSpaceCode} from '../account.js'

/** "A".."Z", "a".."z". */
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** Characters a label may hold after its first letter when it follows ", ": letters, digits, " ()/-". */
function isLabelChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 32 || c === 40 || c === 41 || c === 47 || c === 45
}

/**
 * Where the next field starts when the comma at `comma` separates two fields, else -1. Same test as
 * the pattern `,\s+(?=[A-Za-z][A-Za-z0-9 ()/-]{0,40}?\s*:(?:\s|$))` on the text trimmed to `end`:
 * "Direction: inbound, SPI: 2296688773" breaks before "SPI"; "Issuer: C=FI, O=Company" does not
 * break (no colon after "O=Company").
 */
function fieldBreak(text: string, comma: number, end: number): number {
  let w = comma + 1
  while (w < end && isSpaceCode(text.charCodeAt(w))) w++
  if (w === comma + 1 || w >= end || !isLetter(text.charCodeAt(w))) return -1
  // the label is at most 41 characters of the class, then any blanks, then ":" and a blank or the end;
  // a blank other than " " is only allowed after the last label character
  let oddBlank = false
  for (let i = w + 1; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === 58) return i + 1 === end || isSpaceCode(text.charCodeAt(i + 1)) ? w : -1
    if (isSpaceCode(c)) {
      if (c !== 32) oddBlank = true
    } else if (oddBlank || !isLabelChar(c) || i - w > 40) return -1
  }
  return -1
}

/**
 * Checks the field in text[start, end) ("Label  : value") and stores label start/end and value
 * start/end at spans[at..at+3]; false when the part does not start with a letter, has no colon, or
 * its value crosses a line terminator.
 */
function fieldSpan(text: string, start: number, end: number, spans: number[], at: number): boolean {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--
  if (start >= end || !isLetter(text.charCodeAt(start))) return false
  const colon = text.indexOf(':', start)
  if (colon < 0 || colon >= end) return false
  let labelEnd = colon
  while (labelEnd > start + 1 && isSpaceCode(text.charCodeAt(labelEnd - 1))) labelEnd--
  let valueStart = colon + 1
  while (valueStart < end && isSpaceCode(text.charCodeAt(valueStart))) valueStart++
  for (let i = valueStart; i < end; i++) {
    const c = text.charCodeAt(i)
    // "\n", "\r", U+2028, U+2029 (c | 1 folds the last two): a value never spans lines
    if (c <= 13 ? c === 10 || c === 13 : (c | 1) === 0x2029) return false
  }
  spans[at] = start
  spans[at + 1] = labelEnd
  spans[at + 2] = valueStart
  spans[at + 3] = end
  return true
}

/**
 * Finds the fields of "Role: Initiator, State: Matured": four numbers per field in `spans` (label
 * start, label end, value start, value end). Returns the field count, 0 when any part is not a
 * "Label: value" (the whole line is then not a field line, as with splitFields).
 */
export function fieldSpans(text: string, spans: number[]): number {
  let start = 0
  let end = text.length
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--
  let count = 0
  let partStart = start
  let from = start
  for (;;) {
    const comma = text.indexOf(',', from)
    if (comma < 0 || comma >= end) return fieldSpan(text, partStart, end, spans, count * 4) ? count + 1 : 0
    const next = fieldBreak(text, comma, end)
    if (next < 0) {
      from = comma + 1
      continue
    }
    if (!fieldSpan(text, partStart, comma, spans, count * 4)) return 0
    count++
    partStart = from = next
  }
}

/** Collapses the blank runs of a label that starts with a letter and ends with a non-blank. */
export function squashLabel(label: string): string {
  for (let i = 1; i < label.length; i++) {
    const c = label.charCodeAt(i)
    if (c === 32 ? isSpaceCode(label.charCodeAt(i + 1)) : isSpaceCode(c)) {
      // "Input  bytes" -> "Input bytes"
      return label.replace(/\s+/g, ' ')
    }
  }
  return label
}

/** Longest value RepeatedValues keeps: V8 copies shorter slices, so a kept one pins no line text. */
const SHORT_VALUE = 12

/**
 * Short values met under one label, handed out again when a line repeats one ("Installed", "ESP",
 * "0") instead of a fresh copy: fewer strings to allocate and for the collector to move. Gives up on
 * a label whose values rarely repeat (SPIs, byte counts).
 */
class RepeatedValues {
  private readonly kept: string[] = []
  private hits = 0
  private misses = 0
  private useful = true

  /** text[start, end), as a kept equal string when there is one. */
  value(text: string, start: number, end: number): string {
    const length = end - start
    if (!this.useful || length > SHORT_VALUE) return text.slice(start, end)
    const kept = this.kept
    for (let i = 0; i < kept.length; i++) {
      const v = kept[i]
      if (v.length === length && text.startsWith(v, start)) {
        this.hits++
        return v
      }
    }
    const v = text.slice(start, end)
    this.misses++
    if (kept.length < 8) kept.push(v)
    else if (this.misses > 32 && this.misses * 2 > this.hits) this.useful = false
    return v
  }
}

/** A label as shown (blanks collapsed) with what one parser derived from it. */
export interface LabelInfo<T> {
  /** The shared copy from internLabel: putInternedRaw takes it as it is. */
  label: string
  info: T
  /** Values met under this spelling of the label (see scanFields). */
  values: RepeatedValues
}

interface Spelling<T> {
  /** The label exactly as printed, blanks included ("Input  bytes"). */
  printed: string
  entry: LabelInfo<T>
}

/** Spellings remembered per first letter; odd input beyond this is simply not remembered. */
const SPELLINGS_PER_LETTER = 64

/**
 * Labels a parser has met, found again by their printed spelling in the line itself. A parser makes
 * one table with a `derive` function that computes its own data (a field code, a lower-cased key)
 * once per label.
 */
export class LabelTable<T> {
  private readonly byLetter: Array<Array<Spelling<T>>> = []
  constructor(private readonly derive: (label: string) => T) {}

  /** The label printed at text[start, end), which starts with a letter. */
  lookup(text: string, start: number, end: number): LabelInfo<T> {
    const letter = text.charCodeAt(start) & 127
    let list = this.byLetter[letter]
    if (list === undefined) this.byLetter[letter] = list = []
    const length = end - start
    for (let i = 0; i < list.length; i++) {
      const s = list[i]
      if (s.printed.length === length && text.startsWith(s.printed, start)) return s.entry
    }
    const printed = text.slice(start, end)
    const label = internLabel(squashLabel(printed))
    const entry = {label, info: this.derive(label), values: new RepeatedValues()}
    if (list.length < SPELLINGS_PER_LETTER) list.push({printed, entry})
    return entry
  }
}

/** The fields of one line, refilled by scanFields for every line (nothing is kept between lines). */
export class LineFields<T> {
  count = 0
  readonly labels: Array<LabelInfo<T>> = []
  readonly values: string[] = []
  readonly spans: number[] = []
}

/** Reads "Label: value, Label: value" into `out`; returns the field count (0: not a field line). */
export function scanFields<T>(text: string, table: LabelTable<T>, out: LineFields<T>): number {
  const spans = out.spans
  const count = fieldSpans(text, spans)
  for (let i = 0; i < count; i++) {
    const k = i * 4
    const label = table.lookup(text, spans[k], spans[k + 1])
    out.labels[i] = label
    out.values[i] = label.values.value(text, spans[k + 2], spans[k + 3])
  }
  out.count = count
  return count
}
