/**
 * Line prefixes of log lines: everything before the message proper. Every form of the catalogue
 * (shared/knowledge/log-messages.md section 0) is peeled off in a loop, since relays stack their own
 * header on top of the device's:
 *
 *   <190>                                   syslog PRI
 *   <30>1 2023-05-04T15:27:30.846+10:00 HOST kmd 8961 KMD_X [sd] text     RFC 5424
 *   2024-10-11T10:15:31.208321-05:00 host / 2024-06-26T01:35:42Z:          ISO stamps (collectors, ASA)
 *   *Mar 1 00:51:05.987: / .Mar 1 ...: / Dec 7 01:02:03.123 UTC: / Jul 14 2023 08:23:43.398 UTC:   IOS
 *   000123: / 3132779:                      IOS sequence numbers
 *   00:51:05: / 1d03h: / 2y10w:             IOS uptime stamps
 *   Dec 07 2026 01:02:03: / Dec 07 2026 01:02:03 hostname : / May 5 17:51:17 dev01:   ASA
 *   Dec 7 10:02:11 fw1 kmd[1402]: / 19:13:59 IKE_...      Junos files
 *   Oct 22 14:02:17 ike_decode_packet:      Junos trace files (no host: the function name is the body's)
 *   (FPC Slot 1, PIC Slot 0) SPC3_PIC0 kmd[4321]:         Junos line cards
 *   RP/0/RP0/CPU0:Dec 7 01:02:03.123 UTC: bgp[1063]:      IOS-XR
 *   Tue Mar 05 2024 10:11:12 -0800:          SRX tunnel events
 *
 * Lines reach this module normalized by src/reading/paste.ts (single spaces, no indentation).
 */

import {isTraceBody} from './junos-trace.js'

export interface Prefix {
  /** The message after every prefix. */
  body: string
  pri: number | null
  host: string | null
  app: string | null
  pid: number | null
  /** RFC 5424 MSGID, or null ("-"). */
  msgid: string | null
  /** RFC 5424 structured data as key="value" pairs. */
  structured: Record<string, string>
  sequence: number | null
  timeRaw: string | null
  /** Parts of the device's own time (the innermost stamp). */
  year: number | null
  month: number | null
  day: number | null
  clock: string | null
  /** "Z", "+10:00", or a zone name ("UTC", "CEST"), null when none. */
  zone: string | null
  unsynced: boolean
  uptime: boolean
  /** The stamp was an SRX tunnel-event stamp ("Tue Mar 05 2024 10:11:12 -0800:"). */
  tunnelEvent: boolean
  /** Something time-like or host-like was peeled off. */
  hadPrefix: boolean
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

// "<190>"
const PRI = /^<(\d{1,3})>/
// "1 2023-05-04T15:27:30.846+10:00 HOST kmd 8961 KMD_PM_SA_ESTABLISHED " (after the PRI)
const RFC5424 = /^1 (\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:?\d\d)? (\S+) (\S+) (\S+) (\S+) /
// "2024-10-11T10:15:31.208321-05:00 " / "2024-06-26T01:35:42Z: "
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:?\d\d)?:? /
// "Tue Mar 05 2024 10:11:12 -0800: " / "Mon Nov 23 2026 09:50:12: "
const EVENT_STAMP = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{4}) (\d\d:\d\d:\d\d)(?: ([+-]\d{4}))?: /
// "*Mar 1 00:51:05.987: " / "Dec 7 01:02:03.123 UTC: " / "Jul 14 2023 08:23:43.398 UTC: " / "Dec 7 10:02:11 fw1" / "Tue Nov 12 10:15:32: "
const BSD = /^([*.]?)(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (?:(\d{4}) )?(\d{1,2}:\d\d:\d\d(?:\.\d+)?)(?: ((?:UTC|GMT)[+-]\d{1,2}(?::\d\d)?|[A-Za-z]{2,5}):|(:?)) /
// "00:51:05: " / "1d03h: " / "2y10w: " (IOS uptime stamps)
const UPTIME = /^([*.]?)(\d{1,3}:\d\d:\d\d(?:\.\d+)?|\d+[ywd]\d+[wdh]):? /
// "000123: " (IOS sequence numbers)
const SEQUENCE = /^(\d{1,10}): /
// "kmd[1402]: " / "iked[88]: " / "bgp[1063]: "
const PROCESS = /^([A-Za-z][\w.-]*)\[(\d+)\]: /
// "(FPC Slot 1, PIC Slot 0) SPC3_PIC0 "
const LINE_CARD = /^\(FPC Slot \d+, PIC Slot \d+\) (?:\S+ )?/
// "RP/0/RP0/CPU0:"
const XR_NODE = /^(?:RP|LC)\/\d+\/[\w/]+:/
// "fw1 kmd[" / "sac-firewall : %ASA" / "dev01: %ASA" / "192.168.100.2 585917: "
const HOST = /^([A-Za-z0-9][\w.:-]*?)(?: ?:)? (?=\S)/
// "key="value"" in RFC 5424 structured data
const SD_PAIR = /([\w.-]+)="((?:[^"\\]|\\.)*)"/g

function empty(body: string): Prefix {
  return {body, pri: null, host: null, app: null, pid: null, msgid: null, structured: {}, sequence: null, timeRaw: null, year: null, month: null, day: null, clock: null, zone: null, unsynced: false, uptime: false, tunnelEvent: false, hadPrefix: false}
}

/** True when the text starts like a message body (not a further prefix). */
function looksLikeBody(s: string): boolean {
  return s.startsWith('%') || s.startsWith('[IKEv') || /^[A-Z][A-Z0-9_]{3,}:/.test(s) || /^(?:ISAKMP|IPSEC|IKEv2|CRYPTO)/.test(s)
}

/** Skips an RFC 5424 structured-data part ("[id k="v" ...][...]" or "-") and collects its pairs. */
function structuredData(rest: string, out: Record<string, string>): string {
  if (rest.startsWith('- ')) return rest.slice(2)
  let s = rest
  while (s.startsWith('[')) {
    let i = 1
    let quoted = false
    for (; i < s.length; i++) {
      const c = s[i]
      if (c === '\\') i++
      else if (c === '"') quoted = !quoted
      else if (c === ']' && !quoted) break
    }
    for (const m of s.slice(0, i).matchAll(SD_PAIR)) out[m[1]] = m[2]
    s = s.slice(i + 1)
  }
  return s.startsWith(' ') ? s.slice(1) : s
}

/** Peels every prefix off a (normalized) log line. */
export function splitPrefix(text: string): Prefix {
  const p = empty(text)
  let s = text
  const pri = PRI.exec(s)
  if (pri) {
    p.pri = Number(pri[1])
    p.hadPrefix = true
    s = s.slice(pri[0].length)
    const r = RFC5424.exec(s)
    if (r) {
      setTime(p, r[0].slice(2, r[0].indexOf(' ', 2)), Number(r[1]), Number(r[2]), Number(r[3]), r[4], r[5] ?? null)
      p.host = r[6] === '-' ? null : r[6]
      p.app = r[7] === '-' ? null : r[7]
      p.pid = /^\d+$/.test(r[8]) ? Number(r[8]) : null
      p.msgid = r[9] === '-' ? null : r[9]
      p.body = structuredData(s.slice(r[0].length), p.structured)
      return p
    }
  }
  for (let guard = 0; guard < 8; guard++) {
    if (looksLikeBody(s)) break
    let m: RegExpExecArray | null
    if ((m = XR_NODE.exec(s))) {
      s = s.slice(m[0].length)
    } else if ((m = ISO.exec(s))) {
      setTime(p, m[0].trim().replace(/:$/, ''), Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5] ?? null)
      s = s.slice(m[0].length)
      if (!m[0].endsWith(': ')) s = takeHost(p, s)
    } else if ((m = EVENT_STAMP.exec(s))) {
      setTime(p, m[0].slice(0, -2), Number(m[3]), MONTHS.indexOf(m[1]) + 1, Number(m[2]), m[4], m[5] ? `${m[5].slice(0, 3)}:${m[5].slice(3)}` : null)
      p.tunnelEvent = true
      s = s.slice(m[0].length)
      break
    } else if ((m = BSD.exec(s))) {
      // "Dec 7 01:02:03.123 UTC: " has a zone and a colon; "Dec 7 10:02:11 fw1 kmd" has neither (a host follows)
      const colon = m[6] !== undefined || m[7] === ':'
      setTime(p, m[0].trim().replace(/:$/, '').replace(/^[*.]/, ''), m[4] ? Number(m[4]) : null, MONTHS.indexOf(m[2]) + 1, Number(m[3]), m[5], m[6] ?? null)
      if (m[1]) p.unsynced = true
      s = s.slice(m[0].length)
      if (!colon) s = takeHost(p, s)
    } else if ((m = SEQUENCE.exec(s))) {
      p.sequence = Number(m[1])
      p.hadPrefix = true
      s = s.slice(m[0].length)
    } else if ((m = UPTIME.exec(s)) && (m[0].includes(':') || /^\d+[ywd]/.test(m[2]))) {
      // "19:13:59 IKE_VPN_DOWN..." (Junos time-only files) and "00:51:05: %..." (IOS uptime)
      p.timeRaw = m[2]
      p.clock = /^\d{1,2}:\d\d:\d\d/.test(m[2]) && !m[0].trimEnd().endsWith(':') ? m[2] : null
      p.uptime = p.clock === null
      if (m[1]) p.unsynced = true
      p.hadPrefix = true
      s = s.slice(m[0].length)
    } else if ((m = LINE_CARD.exec(s))) {
      p.hadPrefix = true
      s = s.slice(m[0].length)
    } else if ((m = PROCESS.exec(s))) {
      p.app = m[1]
      p.pid = Number(m[2])
      p.hadPrefix = true
      s = s.slice(m[0].length)
      break
    } else break
  }
  p.body = s
  return p
}

// "fw_dc1: %ASA-4-..." / "fw_dc1: kmd[12]: ..." (a host: a message follows it), unlike a Junos trace
// function ("ike_decode_packet: Start, ...", isTraceBody), which has no host before it
const HOST_THEN_MESSAGE = /^\S+ (?:%|[A-Za-z][\w.-]*\[\d+\]: )/

function takeHost(p: Prefix, s: string): string {
  if (looksLikeBody(s) || PROCESS.test(s) || LINE_CARD.test(s) || (isTraceBody(s) && !HOST_THEN_MESSAGE.test(s))) return s
  const h = HOST.exec(s)
  if (!h) return s
  // "192.168.100.2 585917: ..." keeps the sequence for the loop; "sac-firewall : %ASA" drops the colon
  p.host ??= h[1]
  return s.slice(h[0].length)
}

function setTime(p: Prefix, raw: string, year: number | null, month: number, day: number, clock: string, zone: string | null): void {
  // The innermost stamp is the device's own: a relay's receive time comes first and is overwritten.
  p.timeRaw = raw
  p.year = year
  p.month = month
  p.day = day
  p.clock = clock
  p.zone = zone
  p.uptime = false
  p.hadPrefix = true
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A zone name that is UTC. */
function isUtc(zone: string): boolean {
  return /^(?:Z|UTC|GMT|UCT)$/i.test(zone) || /^(?:UTC|GMT)?[+-]0{1,2}(?::?00)?$/.test(zone)
}

/** An offset ("+10:00", "UTC+07:30", "-0800") in "+HH:MM" form, or null. */
function offsetOf(zone: string): string | null {
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?$/.exec(zone)
  return m ? `${m[1]}${pad(Number(m[2]))}:${m[3] ?? '00'}` : null
}

export interface ResolvedTime {
  time: string | null
  yearless: boolean
}

/**
 * A partial time dated against a capture clock (ISO): a year-less "--12-07T10:02:11" takes the
 * clock's year (the year before when the date lies after the clock's); a time of day "19:13:59" takes
 * the clock's day (the day before when the time lies after the clock's). Null when the clock has no date.
 */
export function dateAgainstClock(partial: string, captureClock: string): string | null {
  // "2026-12-07T09:14:52.311Z" / "2026-12-07"
  const c = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d:\d\d:\d\d))?/.exec(captureClock)
  if (!c) return null
  if (partial.startsWith('--')) {
    let year = Number(c[1])
    if (partial.slice(2, 7) > `${c[2]}-${c[3]}`) year--
    return `${year}-${partial.slice(2)}`
  }
  // "19:13:59" / "9:13:59.120"
  const t = /^(\d{1,2}):(\d\d:\d\d(?:\.\d+)?)$/.exec(partial)
  if (!t) return null
  const time = `${pad(Number(t[1]))}:${t[2]}`
  let day = Date.UTC(Number(c[1]), Number(c[2]) - 1, Number(c[3]))
  if (c[4] !== undefined && time.slice(0, 8) > c[4]) day -= 86_400_000
  return `${new Date(day).toISOString().slice(0, 10)}T${time}`
}

/**
 * The ISO time of a prefix. A year-less date takes the year of the capture clock (the year before
 * when the date would lie after the clock); without a clock it stays year-less ("--12-07T10:02:11").
 * A time of day alone (Junos files: "19:13:59 IKE_...") takes the clock's day; without a clock the
 * time is null and the line year-less (dated later, when a clock is found: dateLogEvents).
 * UTC and numeric offsets are kept; a named local zone is dropped (local time).
 */
export function resolveTime(p: Prefix, captureClock: string | null): ResolvedTime {
  if (p.month === null || p.day === null) {
    if (p.clock === null) return {time: null, yearless: false}
    const dated = captureClock ? dateAgainstClock(p.clock, captureClock) : null
    return dated ? {time: dated, yearless: false} : {time: null, yearless: true}
  }
  if (p.clock === null) return {time: null, yearless: false}
  const clock = p.clock.replace(/^(\d):/, '0$1:')
  const zone = p.zone === null ? '' : isUtc(p.zone) ? 'Z' : (offsetOf(p.zone) ?? '')
  const partial = `--${pad(p.month)}-${pad(p.day)}T${clock}${zone}`
  if (p.year !== null) return {time: `${p.year}${partial.slice(1)}`, yearless: false}
  const dated = captureClock ? dateAgainstClock(partial, captureClock) : null
  return dated ? {time: dated, yearless: false} : {time: partial, yearless: true}
}

/** Two log times within a second of each other (or both unknown): lines printed for one event. */
export function sameMoment(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b
  // a year-less time ("--11-23T11:52:14.237Z") is compared in any one year
  const at = (t: string) => Date.parse(t.startsWith('--') ? `2000${t.slice(1)}` : t)
  const d = Math.abs(at(a) - at(b))
  return Number.isNaN(d) ? a === b : d <= 1000
}
