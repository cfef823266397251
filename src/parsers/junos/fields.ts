/**
 * The one "Label: value" scanner of the Junos parsers, and the small value readers they share
 * (endpoints, lifetimes, created/deleted counts, flags). Lines arrive canonical (src/reading/paste.ts):
 * single-spaced and without indentation, so "Input  bytes  :  5412" reads "Input bytes : 5412".
 */
import type {IkeSa, RawValues} from '../../model/index.js'
import {addressPort, isIpv6} from '../../reading/address.js'
import {labelPairs, type LabeledValue} from '../../reading/labels.js'
import type {Line} from '../types.js'
import {rawAppend, rawHas} from '../../model/raw.js'

export type {LabeledValue}

/**
 * The labelled values of a line that starts with "Label:" ("Role: Initiator, State: Matured",
 * "Local: 4.4.4.5:500, Remote: ..."), read by the one label scanner (src/reading/labels.ts);
 * [] when the line does not start with a label.
 */
export function splitFields(text: string): LabeledValue[] {
  const pairs = labelPairs(text)
  return pairs.length > 0 && text.startsWith(pairs[0].label) ? pairs : []
}

/**
 * The labelled values of a line from its first "Label:" on, for lines that start with a word or a
 * comma of their own: ", VPN Monitoring: UP" (a continuation), "Multi-sa, Configured SAs# 1,
 * Negotiated SAs#: 1". The text before the first label is dropped.
 */
export function splitFieldsAnywhere(text: string): LabeledValue[] {
  return labelPairs(text)
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
 * Address with optional port as Junos prints it: "4.4.4.5:500", "4.4.4.5", "X.X.X.X:500",
 * "[2001:db8::1]:4500", "2001:db8::1:500". A bare IPv6 address cannot tell its port apart: pass
 * `ipv6Port: true` where the output always appends a port (IKE SA detail), false where it never does.
 */
export function parseEndpoint(text: string, ipv6Port = true): Endpoint {
  const e = addressPort(text)
  if (e.port !== null || !ipv6Port || e.kind !== 'ipv6') return {address: e.address, port: e.port}
  // "2001:db8:10::2:4500": the last group is the port when what is left is still an address
  const m = /^(.*):(\d{1,5})$/.exec(e.address)
  if (m && isIpv6(m[1]) && Number(m[2]) <= 65535) return {address: m[1], port: Number(m[2])}
  return {address: e.address, port: null}
}

/**
 * "IPsec security associations: 28 created, 26 deleted" -> ipsecSasCreated 28, ipsecSasDeleted 26;
 * false (and nothing set) when the value is not in that form.
 */
export function readCreatedDeleted(value: string, target: {ipsecSasCreated: number | null; ipsecSasDeleted: number | null}): boolean {
  // "28 created, 26 deleted"
  const m = /^(\d+) created, ?(\d+) deleted$/i.exec(value)
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
  // "Expired"
  if (/^expired$/i.test(text)) return {expired: true, seconds: 0, kilobytes: null}
  // "Expires in 187 seconds" / "Expires in 120 secs" / "Expires in 4608000 kilobytes"
  const m = /^expires in (\d+) (seconds?|secs?|s|kilobytes?|kb|kbytes)$/i.exec(text)
  if (!m) return null
  const n = Number(m[1])
  return /^k/i.test(m[2]) ? {expired: false, seconds: null, kilobytes: n} : {expired: false, seconds: n, kilobytes: null}
}

/** Adds raw[label] = value@line, suffixing " #2", " #3" when the label is already taken. */
export function putRaw(raw: RawValues, label: string, value: string, line: Line): void {
  let key = label
  for (let i = 2; rawHas(raw, key); i++) key = `${label} #${i}`
  rawAppend(raw, key, value, line.n)
}

/** Flags list "Caller notification sent, Waiting for done" -> lower-cased items. */
export function splitFlags(text: string): string[] {
  return text
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '' && f !== 'none')
}

/** First `limit` non-blank lines, for detect(). */
export function head(lines: Line[], limit = 40): Line[] {
  return lines.filter((l) => l.text !== '').slice(0, limit)
}
