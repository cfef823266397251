/**
 * Legacy ES-PIC (J-series, M-series) tunnel interfaces: `interfaces es-0/3/0 unit 0` with its tunnel
 * source and destination, and `family inet ipsec-sa NAME` binding a `security ipsec
 * security-association` to the unit. Read as a route-based vpnTunnel named by that SA (the name
 * ES-PIC `show ipsec security-associations` prints), from local `source` to the peer at
 * `destination`; the peer also names the gateway, as the ES-PIC IKE policy is named by its peer.
 */
import type {VpnTunnel} from '../../../model/index.js'
import type {LineAccount} from '../../account.js'
import {IdRegistry, markMasked, RawFields} from '../../cisco/common.js'
import type {Base, Obj, Statement} from './build.js'

/**
 * Statements of an es interface unit go to one object per unit:
 *   set interfaces es-0/3/0 unit 0 tunnel source 198.51.100.80
 *   interfaces es-0/3/0 unit 0 family inet ipsec-sa sa-annex   (curly, as a full path)
 * False for any other statement.
 */
export function esUnit(p: string[], s: Statement, objs: Map<string, Obj>, acc: LineAccount): boolean {
  // "es-0/3/0" (an ES-PIC interface; "es-1/0/0" on an M-series)
  if (p[0] !== 'interfaces' || !/^es-\d+\/\d+\/\d+$/.test(p[1] ?? '') || p[2] !== 'unit' || p[3] === undefined) return false
  if (s.inactive) {
    acc.ignore(s.line)
    return true
  }
  const name = `${p[1]}.${p[3]}`
  const key = `interfaces ${name}`
  const o = objs.get(key) ?? {area: 'interfaces', section: 'es', type: 'es-unit', name, rest: []}
  objs.set(key, o)
  o.rest.push({words: p.slice(4), line: s.line})
  return true
}

export function esTunnelOf(o: Obj, ids: IdRegistry, b: Base, f: RawFields, acc: LineAccount): VpnTunnel {
  const v: VpnTunnel = {kind: 'vpnTunnel', id: ids.unique(`es-tunnel:${o.name}`), ...b, raw: f.fields, name: o.name, routeBased: true, gateway: null, ipsecPolicy: null,
    bindInterface: o.name, tunnelSource: null, tunnelDestination: null, tunnelAddress: null, proxyIds: [], establishTunnels: null, shutdown: null}
  let sa: string | null = null
  for (const {words: w, line} of o.rest) {
    // a line cut before its value sets nothing
    if (w[0] === 'tunnel' && (w[1] === 'source' || w[1] === 'destination')) {
      if (w[2] === undefined) continue
      if (w[1] === 'source') v.tunnelSource = w[2]
      else v.tunnelDestination = v.gateway = w[2]
      f.set(`tunnel ${w[1]}`, w[2], line)
    } else if (w[0] === 'family' && w[1] === 'inet' && (w[2] === 'ipsec-sa' || w[2] === 'address')) {
      if (w[3] === undefined) continue
      // "address 10.250.44.1/30": the unit's own address, without its prefix length (as IOS tunnelAddress)
      if (w[2] === 'address') v.tunnelAddress = w[3].replace(/\/\d+$/, '')
      else sa = w[3]
      f.set(w[2], w[3], line)
    } else if (w[0] === 'disable') (v.shutdown = true, f.set('disable', '', line))
    // "description ...", "tunnel allow-fragmentation", "family inet mtu 1400": kept as printed
    else if (w.length > 0) f.set(w.length > 1 ? w.slice(0, -1).join(' ') : w[0], w.length > 1 ? w[w.length - 1] : '', line)
    else acc.ignore(line)
  }
  // the SA's name is what ES-PIC `show ipsec security-associations` prints; the unit stays bindInterface
  if (sa !== null) v.name = sa
  markMasked(v, 'tunnelDestination', 'tunnelSource', 'tunnelAddress', 'gateway')
  return v
}
