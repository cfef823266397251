/**
 * The one address classifier: real addresses are decided by `node:net`, masked ones (what an author
 * wrote in place of an address before publishing) by their shape.
 */
import {isIP, isIPv4, isIPv6} from 'node:net'
import {DOTTED_MASK, PLACEHOLDER} from './address-pattern.js'

export type AddressKind = 'ipv4' | 'ipv6' | 'masked'

/**
 * What authors put where an address was: "X.X.X.X", "x.x.x.x", "a.b.c.d", "203.0.X.X",
 * "xxx.xxx.xxx.xxx", "<peer-ip>", "<Customer_IP>", "<VPN_GW_PUBLIC_IP1>", "[REDACTED]", "{peer}"
 * (shapes shared with the log catalogues' address token, address-pattern.ts).
 */
// four dot-separated groups, each digits or a run of x/X/* or a single letter, at least one not digits
// (regex-safety: built once from the fixed, bounded mask pieces of address-pattern.ts, no input text)
const MASKED_DOTTED = new RegExp(`^${DOTTED_MASK}$`)
// "<peer-ip>", "<Customer_IP>", "[REDACTED]", "{remote-gw}" (regex-safety: as above)
const MASKED_PLACEHOLDER = new RegExp(`^(?:${PLACEHOLDER})$`)

export function isMaskedAddress(text: string): boolean {
  if (MASKED_DOTTED.test(text)) return !/^[\d.]+$/.test(text)
  return MASKED_PLACEHOLDER.test(text)
}

/** "ipv4", "ipv6", "masked", or null for anything else ("10:15:32", "QM_IDLE", a prefix). */
export function addressKind(text: string): AddressKind | null {
  // every address and every mask holds a dot or a colon, or is a bracketed placeholder: most words
  // of a capture ("QM_IDLE", "1004", "aes256") are told apart here, before node:net's patterns
  if (!text.includes('.') && !text.includes(':') && !/^[<[{]/.test(text)) return null
  const v = isIP(text)
  if (v === 4) return 'ipv4'
  if (v === 6) return 'ipv6'
  return isMaskedAddress(text) ? 'masked' : null
}

/** A real IPv4 or IPv6 address, no prefix or port. */
export function isIpAddress(text: string): boolean {
  return isIP(text) !== 0
}

export {isIPv4 as isIpv4, isIPv6 as isIpv6}

/** An address or a masked address: what may stand in an address column. */
export function isAddressLike(text: string): boolean {
  return addressKind(text) !== null
}

export interface AddressPort {
  address: string
  port: number | null
  kind: AddressKind | null
}

/**
 * An address with an optional port, in every form the vendors print: "192.0.2.1", "192.0.2.1:4500",
 * "192.0.2.1/500", "[2001:db8::1]:500", "2001:db8::1/4500", "2001:db8::1" (an IPv6 address is never
 * split at its own colons), and masked forms ("X.X.X.X:500", "<peer-ip>/4500").
 */
export function addressPort(text: string): AddressPort {
  const t = text.trim()
  const whole = addressKind(t)
  if (whole) return {address: t, port: null, kind: whole}
  // "[2001:db8::1]:500"
  const bracket = /^\[([^\]]+)\]:(\d{1,5})$/.exec(t)
  if (bracket) return {address: bracket[1], port: Number(bracket[2]), kind: addressKind(bracket[1])}
  for (const sep of ['/', ':']) {
    const i = t.lastIndexOf(sep)
    if (i <= 0) continue
    const port = t.slice(i + 1)
    const head = t.slice(0, i)
    const kind = addressKind(head)
    if (kind && /^\d{1,5}$/.test(port) && Number(port) <= 65535) return {address: head, port: Number(port), kind}
  }
  return {address: t, port: null, kind: null}
}
