/**
 * IOS proxy identities (traffic selectors) and address helpers, shared by the IOS, IOS-XE and ASA
 * parsers. Addresses are classified by src/reading/address.ts; a masked address ("X.X.X.X",
 * "<peer-ip>") is accepted wherever an address belongs.
 */
import type {TrafficSelector} from '../../model/index.js'
import {isAddressLike, isIpAddress as isIp, isIpv6 as isIp6} from '../../reading/address.js'

/** True for an IPv4 or IPv6 address (no prefix, no mask). */
export function isIpAddress(text: string): boolean {
  return isIp(text)
}

/** "172.22.1.3": four dot-separated groups of 1-3 decimal digits, each at most 255 (leading zeros allowed, as in netmasks). */
export function isIpv4(text: string): boolean {
  // "255.255.255.0", "010.001.001.001"
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  return m !== null && m.slice(1).every((o) => Number(o) <= 255)
}

/** "2001:DB8:1::1" (node:net's reading; "10:15:32" is not one). */
export function isIpv6(text: string): boolean {
  return isIp6(text)
}

/** Dotted netmask to prefix length; null when the mask is not contiguous (wildcard or odd input). */
export function maskToPrefix(mask: string): number | null {
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
 * Parses the value of an IOS ident line: "(172.22.1.3/255.255.255.255/47/0)", for IPv6
 * "(2001:DB8:1::/64/0/0)", masked "(X.X.X.X/255.255.255.255/0/0)". Null when not in that form.
 */
export function parseIosSelector(text: string): TrafficSelector | null {
  // "(172.22.1.3/255.255.255.255/47/0)" -> "172.22.1.3/255.255.255.255/47/0"
  const inner = text.trim().replace(/^\(/, '').replace(/\)$/, '')
  const parts = inner.split('/')
  if (parts.length !== 4) return null
  const [address, mask, prot, port] = parts
  if (!isAddressLike(address) || !/^\d+$/.test(prot) || !/^\d+$/.test(port)) return null
  let prefixLength: number | null
  if (/^\d{1,3}$/.test(mask)) prefixLength = Number(mask)
  else prefixLength = maskToPrefix(mask)
  // a wildcard or masked netmask keeps a null prefix; anything else is not a selector
  if (mask !== '' && prefixLength === null && !isAddressLike(mask)) return null
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
 * "local ident (addr/mask/prot/port): (172.22.1.3/255.255.255.255/0/0)".
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
