/**
 * What the interface and route parsers of both vendors share: which interfaces are tunnels, and a
 * destination printed as "a.b.c.d/len" or "a.b.c.d mask" brought to "a.b.c.d/len".
 */
import {addressKind} from '../../reading/address.js'
import {maskToPrefix} from '../cisco/ident.js'

export {isTunnelInterface} from '../../reading/interface-name.js'

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
