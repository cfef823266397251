/**
 * Finds the other end of each tunnel view among the views of the other devices, best evidence
 * first: endpoints (A.remote = B.local and B.remote = A.local), then, for ends behind NAT, the same
 * IKE cookies, an outbound SPI of one that is an inbound SPI of the other, and finally proxy ids that
 * are exact mirror images. Lookups go through maps, so a hub with thousands of peers stays linear.
 */
import type {TunnelPair} from './schema.js'
import {inboundSpis, isAnySelector, outboundSpis, proxyText, selectorText, type DeviceViews, type TunnelView} from './views.js'

type MatchKind = TunnelPair['matchedBy']

const MATCH_ORDER: MatchKind[] = ['endpoints', 'cookies', 'spis', 'proxy-ids']

// "0xA1B2C3D4E5F60718" -> "a1b2c3d4e5f60718"
const normalizeCookie = (c: string | null) => (c ? c.toLowerCase().replace(/^0x/, '').replace(/[^0-9a-f]/g, '') : '')

function cookiesOf(v: TunnelView): string[] {
  const out = new Set<string>()
  for (const r of [...v.ike, ...v.ikeStats]) {
    const i = normalizeCookie(r.initiatorCookie)
    const rc = normalizeCookie(r.responderCookie)
    // "0000000000000000": the peer never answered, not an identity
    if (i && !/^0+$/.test(i) && rc && !/^0+$/.test(rc)) out.add(`${i}:${rc}`)
  }
  return [...out]
}

function spisOf(v: TunnelView, direction: 'in' | 'out'): number[] {
  const out = new Set<number>()
  for (const f of v.flows) {
    const sas = v.sasByFlow.get(f.id) ?? []
    for (const s of direction === 'in' ? inboundSpis(sas) : outboundSpis(f, sas)) if (s > 0) out.add(s)
  }
  return [...out]
}

/** Proxy keys of the specific (not any/any) flows, and the keys their mirrors would have. */
function proxyKeys(v: TunnelView): {own: string[]; mirrors: string[]} {
  const flows = v.flows.filter((f) => f.localIdent && f.remoteIdent && !(isAnySelector(f.localIdent) && isAnySelector(f.remoteIdent)))
  return {own: flows.map(proxyText), mirrors: flows.map((f) => `${selectorText(f.remoteIdent)} -> ${selectorText(f.localIdent)}`)}
}

class MultiMap<K> {
  private readonly map = new Map<K, TunnelView[]>()
  add(key: K, v: TunnelView): void {
    const list = this.map.get(key)
    if (list) list.push(v)
    else this.map.set(key, [v])
  }
  get(key: K): TunnelView[] {
    return this.map.get(key) ?? []
  }
}

/** Pairs the views of different devices; returns the pairs (A = device name first) and the leftovers. */
export function matchViews(devices: DeviceViews[]): {pairs: Array<[TunnelView, TunnelView, MatchKind]>; single: TunnelView[]} {
  const all = devices.flatMap((d) => d.views)
  const byEndpoints = new MultiMap<string>()
  for (const v of all) if (v.local) byEndpoints.add(`${v.local}|${v.remote}`, v)
  const candidates: Array<[TunnelView, TunnelView, MatchKind]> = []
  for (const x of all) {
    if (!x.local) continue
    for (const y of byEndpoints.get(`${x.remote}|${x.local}`)) if (y.device !== x.device) candidates.push([x, y, 'endpoints'])
  }
  const endpointPaired = new Set(candidates.flatMap(([x, y]) => [x, y]))
  const rest = all.filter((v) => !endpointPaired.has(v))
  const byCookie = new MultiMap<string>()
  const byInSpi = new MultiMap<number>()
  const byProxy = new MultiMap<string>()
  const keys = new Map<TunnelView, {own: string[]; mirrors: string[]}>()
  for (const v of rest) {
    for (const c of cookiesOf(v)) byCookie.add(c, v)
    for (const s of spisOf(v, 'in')) byInSpi.add(s, v)
    const k = proxyKeys(v)
    keys.set(v, k)
    for (const key of new Set(k.own)) byProxy.add(key, v)
  }
  for (const x of rest) {
    const other = (y: TunnelView) => y !== x && y.device !== x.device
    for (const c of cookiesOf(x)) for (const y of byCookie.get(c)) if (other(y)) candidates.push([x, y, 'cookies'])
    for (const s of spisOf(x, 'out')) for (const y of byInSpi.get(s)) if (other(y)) candidates.push([x, y, 'spis'])
    const k = keys.get(x)!
    if (k.mirrors.length > 0) {
      for (const y of byProxy.get(k.mirrors[0])) {
        const ownY = new Set(keys.get(y)!.own)
        if (other(y) && k.mirrors.every((m) => ownY.has(m))) candidates.push([x, y, 'proxy-ids'])
      }
    }
  }
  candidates.sort((p, q) => MATCH_ORDER.indexOf(p[2]) - MATCH_ORDER.indexOf(q[2]))
  const used = new Set<TunnelView>()
  const pairs: Array<[TunnelView, TunnelView, MatchKind]> = []
  for (const [x, y, kind] of candidates) {
    if (used.has(x) || used.has(y)) continue
    used.add(x)
    used.add(y)
    pairs.push(x.device.localeCompare(y.device) <= 0 ? [x, y, kind] : [y, x, kind])
  }
  pairOneSided(devices, used, pairs)
  return {pairs, single: all.filter((v) => !used.has(v))}
}

/**
 * Ends left over where one device never printed its own address (an SRX table and inactive-tunnel
 * list name only the remote gateway): x (local L, remote R) pairs with y (local unknown, remote L) when
 * y shows the tunnel's state (IKE SAs or flows, not only configuration), y's device prints no address
 * of its own or R among them, no other device owns R, and neither has another such candidate.
 */
function pairOneSided(devices: DeviceViews[], used: Set<TunnelView>, pairs: Array<[TunnelView, TunnelView, MatchKind]>): void {
  const localsOf = new Map(devices.map((d) => [d.device, d.locals]))
  const open = devices.flatMap((d) => d.views).filter((v) => !used.has(v))
  const unknownLocal = new MultiMap<string>()
  for (const v of open) if (v.local === null && (v.ike.length > 0 || v.flows.length > 0)) unknownLocal.add(v.remote, v)
  const owner = new Map<string, string>()
  for (const d of devices) for (const l of d.locals) owner.set(l, d.device)
  const found = new MultiMap<TunnelView>()
  for (const x of open) {
    if (x.local === null) continue
    for (const y of unknownLocal.get(x.local)) {
      const locals = localsOf.get(y.device)!
      const ownerOfR = owner.get(x.remote)
      if (y.device !== x.device && (locals.size === 0 || locals.has(x.remote)) && (ownerOfR === undefined || ownerOfR === y.device)) found.add(x, y)
    }
  }
  const claims = new Map<TunnelView, number>()
  const pending: Array<[TunnelView, TunnelView]> = []
  for (const x of open) {
    const ys = found.get(x)
    if (ys.length !== 1) continue
    pending.push([x, ys[0]])
    claims.set(ys[0], (claims.get(ys[0]) ?? 0) + 1)
  }
  for (const [x, y] of pending) {
    if (claims.get(y) !== 1) continue
    used.add(x)
    used.add(y)
    pairs.push(x.device.localeCompare(y.device) <= 0 ? [x, y, 'endpoints'] : [y, x, 'endpoints'])
  }
}
