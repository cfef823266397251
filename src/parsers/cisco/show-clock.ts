/**
 * `show clock` (IOS, IOS-XE, ASA): "*17:02:11.123 UTC Mon Nov 23 2026" -> captureTime.
 * A leading "*" (clock never set) or "." (set but not synchronized) makes the time not
 * authoritative: the fact is still produced, with a warning. Known zone offsets are applied; for
 * any other zone the wall time is taken as UTC (assumedUtc true).
 */
import type {CaptureTime} from '../../model/index.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {RawFields} from './common.js'
import {parseClock} from './time.js'

// "*17:02:11.123 UTC Mon Nov 23 2026"
const CLOCK_LINE = /^[*.]?\d{1,2}:\d{2}:\d{2}(\.\d+)?\s+[A-Za-z]{1,6}\s+([A-Za-z]{3}\s+)?[A-Za-z]{3}\s+\d{1,2}\s+\d{4}\s*$/

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  let done = false
  let fact: CaptureTime | null = null
  const details: {label: string; value: string; line: Line}[] = []
  const f = new RawFields()
  for (const line of lines) {
    if (/^\s*$/.test(line.text)) {
      acc.ignore(line)
      continue
    }
    // "Time source is NTP" / "Summer time starts 02:00:00 CET Sun Mar 29 2026" (show clock detail)
    const extra = /^\s*(Time source is|Summer time starts|Summer time ends)\s+(.+?)\s*$/.exec(line.text)
    if (extra) {
      details.push({label: extra[1] === 'Time source is' ? 'Time source' : extra[1], value: extra[2], line})
      continue
    }
    const reading = parseClock(line.text)
    if (!reading) {
      acc.reject(line, 'not a show clock line')
      continue
    }
    if (done) {
      acc.reject(line, 'second clock reading in one block')
      continue
    }
    done = true
    f.set('clock', line.text.trim(), line)
    if (reading.zone) f.set('timezone', reading.zone, line)
    if (reading.marker === '*') acc.warn(`line ${line.n}: clock starts with "*": the time was never set (not authoritative)`)
    if (reading.marker === '.') acc.warn(`line ${line.n}: clock starts with ".": the time is not synchronized (not authoritative)`)
    if (!reading.zoneKnown) acc.warn(`line ${line.n}: time zone ${reading.zone} has no known offset; the time was taken as UTC`)
    fact = {
      kind: 'captureTime', id: 'clock', source: sourceOf(ctx, line.n, line.n), raw: f.fields, time: reading.iso,
      timezone: reading.zone, assumedUtc: !reading.zoneKnown,
    }
    acc.add(fact)
    acc.consume(line)
  }
  for (const d of details) {
    if (!fact) {
      acc.reject(d.line, 'clock detail line without a clock reading')
      continue
    }
    f.set(d.label, d.value, d.line)
    fact.source.endLine = Math.max(fact.source.endLine, d.line.n)
    fact.source.startLine = Math.min(fact.source.startLine, d.line.n)
    acc.consume(d.line)
  }
  return acc.finish()
}

export const showClock: ParserSpec = {
  id: 'cisco/show-clock',
  vendor: 'cisco',
  command: 'show clock',
  detect: (lines) => {
    // one to three non-blank lines, the first a clock line; stop counting after the fourth
    const text: Line[] = []
    for (const l of lines) {
      if (/^\s*$/.test(l.text)) continue
      text.push(l)
      if (text.length > 3) return 0
    }
    return text.length > 0 && CLOCK_LINE.test(text[0].text) ? 0.9 : 0
  },
  parse,
}
