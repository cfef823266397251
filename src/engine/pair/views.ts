/**
 * One device's view of each tunnel, keyed by the remote endpoint: its IKE SA rows and statistics,
 * IPsec flows with their SAs, crypto map entries and crypto sessions toward that peer. Pairing
 * (match.ts) compares two such views of different devices.
 */
import type {
  CryptoMapEntry,
  CryptoSession,
  Evidence,
  Fact,
  IkeSa,
  IkeStats,
  IpsecFlow,
  IpsecSa,
  TrafficSelector,
  Vendor,
} from '../../model/index.js'
import type {DeviceFacts} from '../device-index.js'
import {rawGet} from '../../model/raw.js'
import {isIpAddress} from '../../reading/address.js'

export interface TunnelView {
  device: string
  vendor: Vendor
  /** Local crypto endpoint (null when only configuration names the peer). */
  local: string | null
  remote: string
  ike: IkeSa[]
  ikeStats: IkeStats[]
  flows: IpsecFlow[]
  sasByFlow: Map<string, IpsecSa[]>
  entries: CryptoMapEntry[]
  sessions: CryptoSession[]
  /** The device printed IKE output (SA listing, sessions or statistics) / IPsec SA output at all (else "unknown", not "missing"). */
  ikeCaptured: boolean
  /**
   * The device printed an IKE SA listing (IKE SA rows or crypto sessions). Only then can "no row
   * toward this peer" mean "no IKE SA": IKE statistics alone are not the SA listing.
   */
  ikeSaCaptured: boolean
  ipsecCaptured: boolean
  captureMs: number | null
}

export interface DeviceViews {
  device: string
  vendor: Vendor
  views: TunnelView[]
  /** Every local endpoint address of the device. */
  locals: Set<string>
}

function emptyView(device: string, vendor: Vendor, remote: string, ikeCaptured: boolean, ikeSaCaptured: boolean, ipsecCaptured: boolean, captureMs: number | null): TunnelView {
  return {device, vendor, local: null, remote, ike: [], ikeStats: [], flows: [], sasByFlow: new Map(), entries: [], sessions: [], ikeCaptured, ikeSaCaptured, ipsecCaptured, captureMs}
}

/** Groups a device's facts by remote endpoint. */
export function viewsOf(device: string, facts: DeviceFacts, captureMs: number | null): DeviceViews | null {
  const first = Object.values(facts).find((l) => (l as Fact[]).length > 0) as Fact[] | undefined
  if (!first) return null
  const vendor = first[0].source.vendor
  const ikeSaCaptured = (facts.ikeSa?.length ?? 0) > 0 || (facts.cryptoSession?.length ?? 0) > 0
  const ikeCaptured = ikeSaCaptured || (facts.ikeStats?.length ?? 0) > 0
  const ipsecCaptured = (facts.ipsecFlow?.length ?? 0) > 0
  const byRemote = new Map<string, TunnelView>()
  const locals = new Set<string>()
  const view = (remote: string, local: string | null | undefined) => {
    let v = byRemote.get(remote)
    if (!v) {
      v = emptyView(device, vendor, remote, ikeCaptured, ikeSaCaptured, ipsecCaptured, captureMs)
      byRemote.set(remote, v)
    }
    if (local && !v.local) v.local = local
    if (local) locals.add(local)
    return v
  }
  for (const sa of facts.ikeSa ?? []) if (sa.remoteAddress) view(sa.remoteAddress, sa.localAddress).ike.push(sa)
  for (const st of facts.ikeStats ?? []) if (st.remoteAddress) view(st.remoteAddress, st.localAddress).ikeStats.push(st)
  for (const s of facts.cryptoSession ?? []) if (s.remoteAddress) view(s.remoteAddress, s.ikeSas[0]?.localAddress).sessions.push(s)
  const sas = new Map<string, IpsecSa[]>()
  for (const sa of facts.ipsecSa ?? []) {
    const key = sa.flowId ?? (sa.name ? `name:${sa.name}` : null)
    if (!key) continue
    const list = sas.get(key) ?? []
    list.push(sa)
    sas.set(key, list)
  }
  for (const f of facts.ipsecFlow ?? []) {
    if (!f.remoteAddress || f.transportParent) continue
    const v = view(f.remoteAddress, f.localAddress)
    v.flows.push(f)
    v.sasByFlow.set(f.id, sas.get(f.id) ?? (f.name ? (sas.get(`name:${f.name}`) ?? []) : []))
  }
  for (const e of facts.cryptoMapEntry ?? []) {
    if (e.isTemplate) continue
    const peer = e.currentPeer && e.currentPeer !== '0.0.0.0' ? e.currentPeer : e.peers[0]
    if (peer) view(peer, null).entries.push(e)
  }
  // An SRX IKE table prints no local address; a kmd/iked line about the same peer does ("IKE negotiation
  // failed ... Local: 192.0.2.44/500, Remote: 198.51.100.150/500", "p1_local=...=192.0.2.44)"). Only views
  // the show output opened take it: a log line alone opens none.
  for (const e of facts.logEvent ?? []) {
    const v = e.peer && e.localAddress ? byRemote.get(e.peer) : undefined
    if (v && !v.local && isIpAddress(e.localAddress as string)) {
      v.local = e.localAddress
      locals.add(e.localAddress as string)
    }
  }
  // A view known only from configuration or from a table without local addresses (ASA IKEv1) takes
  // the device's crypto endpoint when it has exactly one.
  if (locals.size === 1) for (const v of byRemote.values()) v.local ??= [...locals][0]
  return {device, vendor, views: [...byRemote.values()], locals}
}

/** "10.1.0.0/24" (with protocol and port when not "any"). */
export function selectorText(s: TrafficSelector | null): string {
  if (!s) return '?'
  const base = s.prefixLength !== null ? `${s.address}/${s.prefixLength}` : s.address
  const proto = s.protocol ? ` proto ${s.protocol}` : ''
  const port = s.port ? ` port ${s.port}` : ''
  return `${base}${proto}${port}`
}

export function proxyText(f: IpsecFlow): string {
  return `${selectorText(f.localIdent)} -> ${selectorText(f.remoteIdent)}`
}

function sameSelector(a: TrafficSelector | null, b: TrafficSelector | null): boolean {
  if (!a || !b) return false
  return a.address === b.address && (a.prefixLength ?? 32) === (b.prefixLength ?? 32) && (a.protocol ?? 0) === (b.protocol ?? 0) && (a.port ?? 0) === (b.port ?? 0)
}

/** B's flow is the mirror of A's: B.local = A.remote and B.remote = A.local, exactly. */
export function mirrored(a: IpsecFlow, b: IpsecFlow): boolean {
  return sameSelector(a.localIdent, b.remoteIdent) && sameSelector(a.remoteIdent, b.localIdent)
}

export function isAnySelector(s: TrafficSelector | null): boolean {
  return !!s && s.address === '0.0.0.0' && (s.prefixLength ?? 0) === 0
}

/** SAs still far enough from expiry to be compared (rekey race). */
export function comparableSas(sas: IpsecSa[], nearExpirySec: number): IpsecSa[] {
  return sas.filter((s) => s.protocol !== 'pcp' && (s.lifetimeRemainingSec === null || s.lifetimeRemainingSec >= nearExpirySec))
}

export function spiHex(spi: number): string {
  return `0x${spi.toString(16).toUpperCase().padStart(8, '0')}`
}

/** Outbound SPIs of a flow: the SAs listed, plus the IOS "current outbound spi". */
export function outboundSpis(flow: IpsecFlow, sas: IpsecSa[]): number[] {
  const out = new Set(sas.filter((s) => s.direction === 'outbound').map((s) => s.spi))
  if (flow.currentOutboundSpi) out.add(flow.currentOutboundSpi)
  return [...out]
}

export function inboundSpis(sas: IpsecSa[]): number[] {
  return [...new Set(sas.filter((s) => s.direction === 'inbound').map((s) => s.spi))]
}

/** Evidence line from a fact: the first raw label that was printed, else the fact's first line. */
export function evidence(f: Fact, labels: string | string[], value?: string | number | null): Evidence {
  const list = Array.isArray(labels) ? labels : [labels]
  const key = list.find((l) => rawGet(f.raw, l))
  const raw = key ? rawGet(f.raw, key) : undefined
  return {
    file: f.source.file,
    line: raw?.line ?? f.source.startLine,
    field: key ?? list[0],
    value: value !== undefined && value !== null ? String(value) : (raw?.value ?? '?'),
    device: f.source.device,
  }
}

/** A printed cookie that is not all zeros (a half-open SA prints 0000000000000000 for the responder). */
const liveCookie = (c: string | null) => !!c && /[1-9a-f]/i.test(c)

/**
 * What shows that phase 1 toward this peer stands although no IKE SA row is listed for it: a live
 * IKE statistics block (Junos "IKE peer" with both cookies set), or IPsec SAs installed toward the
 * peer (an end that rebooted or cleared its SAs holds none).
 */
export function phase1Evidence(v: TunnelView): boolean {
  if (v.ikeStats.some((s) => liveCookie(s.initiatorCookie) && liveCookie(s.responderCookie))) return true
  return v.flows.some((f) => (f.currentOutboundSpi ?? 0) > 0 || (v.sasByFlow.get(f.id) ?? []).some((s) => s.state === 'installed' || s.state === 'active'))
}

/**
 * Best IKE state of a view: established beats negotiating beats the rest. "missing" only when the
 * device printed an IKE SA listing, none of its rows is toward this peer and nothing else shows that
 * phase 1 stands; without the listing (IKE statistics only, IPsec SAs only) the state is unknown.
 */
export function bestIke(v: TunnelView): {state: string; raw: string | null; row: IkeSa | null} {
  if (!v.ikeSaCaptured) return {state: 'unknown-output', raw: null, row: null}
  const live = v.ike.filter((r) => !r.deleted)
  const rank = ['established', 'negotiating', 'failed', 'down', 'deleting', 'unknown']
  const sorted = [...live].sort((a, b) => rank.indexOf(a.state) - rank.indexOf(b.state))
  if (sorted.length > 0) return {state: sorted[0].state, raw: sorted[0].stateRaw, row: sorted[0]}
  const session = v.sessions[0]
  if (session) return {state: session.ikeState, raw: session.statusRaw, row: null}
  if (phase1Evidence(v)) return {state: 'unknown-output', raw: null, row: null}
  return {state: 'missing', raw: null, row: null}
}
