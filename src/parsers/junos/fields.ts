/** Small text helpers shared by the Junos parsers: "Label: value, Label: value" lines, endpoints, lifetimes. */
import type {RawField} from '../../model/index.js'
import {internLabel, isSpaceCode} from '../account.js'
import type {Line} from '../types.js'

export interface LabeledValue {
  /** Label with whitespace collapsed, as printed otherwise ("Input bytes", "Interface family"). */
  label: string
  value: string
}

/** Collapses runs of whitespace and trims. */
export function squash(text: string): string {
  const t = text.trim()
  // most labels are already single-spaced: replace only when a tab or a run of blanks is present
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (c === 32 ? isSpaceCode(t.charCodeAt(i + 1)) : isSpaceCode(c)) {
      // "  Input  bytes  " -> "Input bytes"
      return t.replace(/\s+/g, ' ')
    }
  }
  return t
}

// "Direction: inbound, SPI: 2908734119" -> split before "SPI:"; labels are words, dashes, spaces
const FIELD_BREAK = /,\s+(?=[A-Za-z][A-Za-z0-9 ()/-]{0,40}?\s*:(?:\s|$))/
// line terminators, which "." in a pattern would not cross: "\u2028"
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/

/**
 * "Authentication      : md5" / "State: Matured" / "Soft lifetime:Expired" -> label (before the first
 * colon, trailing blanks dropped) and the text after the colon and its blanks; null unless the text
 * starts with a letter and has a colon. Same result as /^([A-Za-z][^:]*?)\s*:\s*(.*)$/, without a match
 * array per field.
 */
function labeledPart(p: string): {label: string; rest: string} | null {
  const c = p.charCodeAt(0)
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return null
  const colon = p.indexOf(':')
  if (colon < 0) return null
  let end = colon
  while (end > 1 && isSpaceCode(p.charCodeAt(end - 1))) end--
  let start = colon + 1
  while (start < p.length && isSpaceCode(p.charCodeAt(start))) start++
  const rest = p.slice(start)
  return LINE_TERMINATOR.test(rest) ? null : {label: p.slice(0, end), rest}
}

/**
 * Splits "Role: Initiator, State: Matured" into labelled values. A new field starts after ", " when
 * the next words end in ":"; a value may hold colons ("Local: 4.4.4.5:500") and commas without a label
 * after them ("C=us, O=x"). Returns [] when the text has no "label:" at its start.
 */
export function splitFields(text: string): LabeledValue[] {
  const t = text.trim()
  const parts = t.includes(',') ? t.split(FIELD_BREAK) : [t]
  const out: LabeledValue[] = []
  for (const part of parts) {
    const m = labeledPart(part.trim())
    if (!m) return []
    out.push({label: squash(m.label), value: m.rest.trim()})
  }
  return out
}

/** splitFields as a map keyed by lower-cased label. */
export function fieldMap(text: string): Map<string, LabeledValue> {
  return new Map(splitFields(text).map((f) => [f.label.toLowerCase(), f]))
}

export interface Endpoint {
  address: string
  port: number | null
}

/**
 * Address with optional port as Junos prints it: "4.4.4.5:500", "4.4.4.5", "[2001:db8::1]:4500",
 * "2001:db8::1:500". A bare IPv6 address cannot tell its port apart: pass `ipv6Port: true` where the
 * output always appends a port (IKE SA detail), false where it never does (IKE statistics).
 */
export function parseEndpoint(text: string, ipv6Port = true): Endpoint {
  const t = text.trim()
  // "[2001:db8::1]:500"
  const bracket = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(t)
  if (bracket) return {address: bracket[1], port: bracket[2] ? Number(bracket[2]) : null}
  // "4.4.4.5:500" / "4.4.4.5"
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(t)
  if (v4) return {address: v4[1], port: v4[2] ? Number(v4[2]) : null}
  // "2001:db8:1::1:500": address, then the port after the last colon
  const v6 = /^([0-9a-f:.]*:[0-9a-f:.]*):(\d{1,5})$/i.exec(t)
  // A single trailing colon ("2001:db8:ffff:" from "2001:db8:ffff::9") means the last group was not a port
  const validAddress = v6 !== null && (!v6[1].endsWith(':') || v6[1].endsWith('::'))
  if (ipv6Port && v6 && validAddress && Number(v6[2]) <= 65535) return {address: v6[1], port: Number(v6[2])}
  return {address: t, port: null}
}

export interface Expiry {
  expired: boolean
  seconds: number | null
  kilobytes: number | null
}

/** "Expired", "Expires in 22979 seconds", "Expires in 4608000 kilobytes"; null when neither. */
export function parseExpiry(text: string): Expiry | null {
  const t = squash(text)
  // "Expired"
  if (/^expired$/i.test(t)) return {expired: true, seconds: 0, kilobytes: null}
  // "Expires in 187 seconds" / "Expires in 120 secs" / "Expires in 4608000 kilobytes"
  const m = /^expires in (\d+) (seconds?|secs?|s|kilobytes?|kb|kbytes)$/i.exec(t)
  if (!m) return null
  const n = Number(m[1])
  return /^k/i.test(m[2]) ? {expired: false, seconds: null, kilobytes: n} : {expired: false, seconds: n, kilobytes: null}
}

/** Adds raw[label] = value@line, suffixing " #2", " #3" when the label is already taken. */
export function putRaw(raw: Record<string, RawField>, label: string, value: string, line: Line): void {
  let key = internLabel(label)
  if (key in raw) {
    // resume the " #N" search where it stopped last time for this map and label (keys are never removed)
    let next = NEXT_SUFFIX.get(raw)
    if (next === undefined) NEXT_SUFFIX.set(raw, (next = new Map()))
    let i = next.get(label) ?? 2
    for (key = `${label} #${i}`; key in raw; key = `${label} #${i}`) i++
    next.set(label, i + 1)
  }
  raw[key] = {value, line: line.n}
}

/** Raw map -> label -> next " #N" suffix to try, so a label repeated n times costs O(n), not O(n^2). */
const NEXT_SUFFIX = new WeakMap<Record<string, RawField>, Map<string, number>>()

/** Flags list "Caller notification sent, Waiting for done" -> lower-cased items. */
export function splitFlags(text: string): string[] {
  return text
    .split(',')
    .map((f) => squash(f).toLowerCase())
    .filter((f) => f !== '' && f !== 'none')
}

/** First `limit` non-blank lines, for detect(). */
export function head(lines: Line[], limit = 40): Line[] {
  const out: Line[] = []
  for (const l of lines) {
    if (l.text.trim() === '') continue
    out.push(l)
    if (out.length >= limit) break
  }
  return out
}
