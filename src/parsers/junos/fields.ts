/** Small text helpers shared by the Junos parsers: "Label: value, Label: value" lines, endpoints, lifetimes. */
import type {IkeSa, RawField} from '../../model/index.js'
import {internLabel, isDigitCode, isDigitRun, isSpaceCode} from '../account.js'
import type {Line} from '../types.js'
import {fieldSpans, squashLabel} from './field-scan.js'

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

/** Spans of the line being split, reused (splitFields does not call itself). */
const SPANS: number[] = []

/**
 * Splits "Role: Initiator, State: Matured" into labelled values. A new field starts after ", " when
 * the next words end in ":"; a value may hold colons ("Local: 4.4.4.5:500") and commas without a label
 * after them ("C=us, O=x"). Returns [] when the text has no "label:" at its start. The scanning is in
 * field-scan.ts (hot parsers read the spans directly, without these objects).
 */
export function splitFields(text: string): LabeledValue[] {
  const count = fieldSpans(text, SPANS)
  const out: LabeledValue[] = []
  for (let i = 0; i < count * 4; i += 4) {
    out.push({label: squashLabel(text.slice(SPANS[i], SPANS[i + 1])), value: text.slice(SPANS[i + 2], SPANS[i + 3])})
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

/** What carries a local and a remote endpoint: an IKE SA or one of its phase 2 negotiations. */
export type EndpointPair = Pick<IkeSa, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>

/** Puts an endpoint into the local or remote address and port of `target`. */
export function putEndpoint(target: EndpointPair, side: 'local' | 'remote', e: Endpoint): void {
  if (side === 'local') {
    target.localAddress = e.address
    target.localPort = e.port
  } else {
    target.remoteAddress = e.address
    target.remotePort = e.port
  }
}

/**
 * Address with optional port as Junos prints it: "4.4.4.5:500", "4.4.4.5", "[2001:db8::1]:4500",
 * "2001:db8::1:500". A bare IPv6 address cannot tell its port apart: pass `ipv6Port: true` where the
 * output always appends a port (IKE SA detail), false where it never does (IKE statistics).
 */
export function parseEndpoint(text: string, ipv6Port = true): Endpoint {
  const t = text.trim()
  // "192.0.2.1:500": the usual form, no patterns needed
  const plain = ipv4WithPort(t)
  if (plain !== null) return plain
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

/**
 * "192.0.2.1:500" / "10.1.0.1": the common IPv4 form read by hand, same result as the v4 pattern in
 * parseEndpoint; null when the text is anything else (parseEndpoint then runs its patterns).
 */
function ipv4WithPort(t: string): Endpoint | null {
  let i = 0
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (t.charCodeAt(i) !== 46) return null
      i++
    }
    const start = i
    while (i < t.length && i - start < 4 && isDigitCode(t.charCodeAt(i))) i++
    if (i === start || i - start > 3) return null
  }
  if (i === t.length) return {address: t, port: null}
  if (t.charCodeAt(i) !== 58) return null
  const portStart = i + 1
  if (t.length - portStart > 5 || !isDigitRun(t, portStart, t.length)) return null
  return {address: t.slice(0, i), port: Number(t.slice(portStart))}
}

// "28 created, 26 deleted" (after squash)
const CREATED_DELETED = /^(\d+)\s+created,\s*(\d+)\s+deleted$/i

/** Value of text[start, end) when it is 1 to 15 digits (always a safe integer), else -1. */
export function smallNumber(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1
  let n = 0
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (!isDigitCode(c)) return -1
    n = n * 10 + c - 48
  }
  return n
}

/**
 * "IPsec security associations: 28 created, 26 deleted" -> ipsecSasCreated 28, ipsecSasDeleted 26;
 * false (and nothing set) when the value is not in that form.
 */
export function readCreatedDeleted(value: string, target: {ipsecSasCreated: number | null; ipsecSasDeleted: number | null}): boolean {
  // as printed, single-spaced: read by hand, no squash or pattern
  const created = value.indexOf(' created, ')
  if (created > 0 && value.endsWith(' deleted')) {
    const c = smallNumber(value, 0, created)
    const d = smallNumber(value, created + 10, value.length - 8)
    if (c >= 0 && d >= 0) {
      target.ipsecSasCreated = c
      target.ipsecSasDeleted = d
      return true
    }
  }
  const m = CREATED_DELETED.exec(squash(value))
  if (!m) return false
  target.ipsecSasCreated = Number(m[1])
  target.ipsecSasDeleted = Number(m[2])
  return true
}

export interface Expiry {
  expired: boolean
  seconds: number | null
  kilobytes: number | null
}

/** "Expired", "Expires in 22979 seconds", "Expires in 4608000 kilobytes"; null when neither. */
export function parseExpiry(text: string): Expiry | null {
  // "Expires in 25379 seconds", the form printed for nearly every SA: read without squash and patterns
  if (text.length > 19 && text.length < 35 && text.startsWith('Expires in ') && text.endsWith(' seconds')) {
    let n = 0
    for (let i = 11; i < text.length - 8 && n >= 0; i++) {
      const c = text.charCodeAt(i)
      n = isDigitCode(c) ? n * 10 + c - 48 : -1
    }
    if (n >= 0) return {expired: false, seconds: n, kilobytes: null}
  }
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
  putInternedRaw(raw, internLabel(label), value, line)
}

/** putRaw for a label that already is the shared copy from internLabel (as LabelTable labels are). */
export function putInternedRaw(raw: Record<string, RawField>, label: string, value: string, line: Line): void {
  let key = label
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

/**
 * Returns a maker of empty raw-field maps for a fact kind that collects many labels. The maps are
 * plain objects to every reader (prototype Object.prototype, same constructor, keys and JSON as `{}`).
 * Why not `{}`: V8 gives objects built by `new` room inside the object for the fields earlier ones
 * received, so a map of 10-20 labels does not re-allocate a growing side array every few labels
 * (half the cost of filling the map). One maker per fact kind, so each is sized for its own labels.
 */
export function rawMapMaker(): () => Record<string, RawField> {
  function RawFields(): void {}
  RawFields.prototype = Object.prototype
  const RawFieldsMap = RawFields as unknown as new () => Record<string, RawField>
  return () => new RawFieldsMap()
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
