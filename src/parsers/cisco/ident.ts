/**
 * IOS proxy identities (traffic selectors) and address helpers, shared by the IOS, IOS-XE and ASA
 * parsers.
 */
import type {TrafficSelector} from '../../model/index.js'
import {rememberedByText} from '../account.js'

/** True for an IPv4 or IPv6 address (no prefix). */
export function isIpAddress(text: string): boolean {
  return isIpv4(text) || isIpv6(text)
}

/** "172.22.1.3": four dot-separated groups of 1-3 decimal digits, each at most 255 (scanned by hand). */
export function isIpv4(text: string): boolean {
  let dots = 0
  let digits = 0
  let value = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return false
      value = value * 10 + (c - 48)
    } else if (c === 46 /* . */) {
      if (digits === 0 || value > 255 || ++dots > 3) return false
      digits = 0
      value = 0
    } else return false
  }
  return dots === 3 && digits > 0 && value <= 255
}

export function isIpv6(text: string): boolean {
  // "2001:DB8:1::1", "::", "FE80::A8BB:CCFF:FE01:2C02"
  return /^[0-9a-f:]+$/i.test(text) && text.includes(':') && (text.match(/::/g)?.length ?? 0) <= 1 && text.split(':').length <= 8
}

/**
 * Dotted netmask to prefix length; null when the mask is not contiguous (wildcard or odd input).
 * Remembered per mask: a capture repeats a handful of masks thousands of times.
 */
export const maskToPrefix: (mask: string) => number | null = rememberedByText(computeMaskPrefix)

function computeMaskPrefix(mask: string): number | null {
  if (!isIpv4(mask)) return null
  const bits = mask
    .split('.')
    .map((o) => Number(o).toString(2).padStart(8, '0'))
    .join('')
  // contiguous ones followed by zeros: "11111111111111111111111100000000"
  if (!/^1*0*$/.test(bits)) return null
  return bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')
}

/**
 * Parses the value of an IOS ident line: "(172.22.1.3/255.255.255.255/47/0)" or, for IPv6,
 * "(2001:DB8:1::/64/0/0)". Returns null when the text is not in that form.
 */
export function parseIosSelector(text: string): TrafficSelector | null {
  // a hub's captures repeat their local selectors thousands of times: read each text once, and hand
  // out a new object per call (facts must not share mutable parts)
  const known = selectorOfText(text)
  return known === null ? null : {address: known.address, prefixLength: known.prefixLength, protocol: known.protocol, port: known.port}
}

/** Selector texts read so far (see parseIosSelector). */
const selectorOfText = rememberedByText(readIosSelector)

function readIosSelector(text: string): TrafficSelector | null {
  // "(172.22.1.3/255.255.255.255/47/0)" -> "172.22.1.3/255.255.255.255/47/0"
  const t = text.trim()
  const from = t.startsWith('(') ? 1 : 0
  const inner = t.slice(from, t.length > from && t.endsWith(')') ? t.length - 1 : t.length)
  const parts = inner.split('/')
  if (parts.length !== 4) return null
  const [address, mask, prot, port] = parts
  if (!isIpAddress(address) || !/^\d+$/.test(prot) || !/^\d+$/.test(port)) return null
  let prefixLength: number | null
  if (/^\d{1,3}$/.test(mask)) prefixLength = Number(mask)
  else prefixLength = maskToPrefix(mask)
  if (mask !== '' && prefixLength === null && !isIpv4(mask)) return null
  return {address, prefixLength, protocol: Number(prot), port: Number(port)}
}

export interface IdentLine {
  side: 'local' | 'remote'
  /** Label as printed, e.g. "local ident (addr/mask/prot/port)". */
  label: string
  /** Selector text as printed, e.g. "(10.1.1.0/255.255.255.0/0/0)". */
  value: string
  selector: TrafficSelector | null
}

/**
 * Reads one ident line of `show crypto ipsec sa`:
 * "local  ident (addr/mask/prot/port): (172.22.1.3/255.255.255.255/0/0)".
 */
export function parseIdentLine(text: string): IdentLine | null {
  // "remote ident (addr/mask/prot/port): (172.22.1.4/255.255.255.255/47/0)"
  const m = /^\s*(local|remote)\s+ident\s*(\([^)]*\))?\s*:\s*(\(.*\))\s*$/.exec(text)
  if (!m) return null
  const side = m[1] as 'local' | 'remote'
  return {side, label: `${side} ident ${m[2] ?? ''}`.trim(), value: m[3], selector: parseIosSelector(m[3])}
}

/** Compact readable form of a selector for ids: "10.1.1.0/24/0/0". */
export function selectorKey(sel: TrafficSelector | null): string {
  if (!sel) return '?'
  return `${sel.address}/${sel.prefixLength ?? '?'}/${sel.protocol ?? '?'}/${sel.port ?? '?'}`
}
