/** IPv4 prefixes as numbers: "10.1.0.0/16", "any" and a bare address (a /32) read, containment tested. */

export type Prefix = {addr: number; bits: number}

/** "10.1.0.0/16", "any", "0.0.0.0/0" -> numeric prefix; null when not an IPv4 prefix. */
export function prefixOf(text: string): Prefix | null {
  if (text === 'any' || text === 'any4') return {addr: 0, bits: 0}
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text)
  if (!m) return null
  const bits = m[5] === undefined ? 32 : Number(m[5])
  if (bits > 32 || [m[1], m[2], m[3], m[4]].some((x) => Number(x) > 255)) return null
  const addr = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0
  return {addr, bits}
}

/** `outer` contains `inner` (every address of inner is in outer). */
export function contains(outer: Prefix, inner: Prefix): boolean {
  if (outer.bits > inner.bits) return false
  if (outer.bits === 0) return true
  const mask = (0xffffffff << (32 - outer.bits)) >>> 0
  return ((outer.addr & mask) >>> 0) === ((inner.addr & mask) >>> 0)
}
