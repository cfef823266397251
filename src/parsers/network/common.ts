/**
 * What the interface and route parsers of both vendors share: which interfaces are tunnels, and a
 * destination printed as "a.b.c.d/len" or "a.b.c.d mask" brought to "a.b.c.d/len".
 */
import type {Vendor} from '../../model/index.js'
import {addressKind} from '../../reading/address.js'
import {maskToPrefix} from '../cisco/ident.js'

// "Tunnel100", "Tunnel0.5", "Virtual-Access2", "Virtual-Template1" (IOS, IOS-XE, ASA VTI)
const CISCO_TUNNEL = /^(?:Tunnel|Tu\d|Virtual-Access|Vi\d|Virtual-Template|Vt\d)/i
// "st0", "st0.1", "es-0/0/0", "ip-0/0/0.0", "gr-0/0/0", "ms-1/0/0.1", "sp-0/0/0.16383" (Junos)
const JUNOS_TUNNEL = /^(?:st\d|es-|ip-|gr-|ms-|sp-)/i

/** A tunnel interface: IOS Tunnel*, Virtual-Access*, Virtual-Template*; Junos st0*, es-*, ip-*, gr-*, ms-*, sp-*. */
export function isTunnelInterface(name: string, vendor: Vendor): boolean {
  return vendor === 'cisco' ? CISCO_TUNNEL.test(name) : JUNOS_TUNNEL.test(name)
}

/**
 * "10.10.0.0/16" -> "10.10.0.0/16"; ("10.60.0.0", "255.255.255.0") -> "10.60.0.0/24"; ("10.60.0.0",
 * 24) -> "10.60.0.0/24"; a masked address ("X.X.X.3/16") is kept as printed. Null when the text is
 * not an address with a length.
 */
export function toPrefix(text: string, mask: string | number | null = null): string | null {
  const slash = text.indexOf('/')
  if (slash >= 0) {
    const len = text.slice(slash + 1)
    // "16" in "10.10.0.0/16", "64" in "2001:db8:60::/64"
    return addressKind(text.slice(0, slash)) !== null && /^\d{1,3}$/.test(len) && Number(len) <= 128 ? text : null
  }
  if (addressKind(text) === null) return null
  if (typeof mask === 'number') return `${text}/${mask}`
  if (mask === null) return null
  const len = maskToPrefix(mask)
  return len === null ? null : `${text}/${len}`
}
