/**
 * Pairing: when the facts hold several devices, find each tunnel's other end and build one
 * `tunnelPair` entity per tunnel. Ends are matched by endpoints (local/remote crypto endpoint,
 * current_peer, Junos Local/Remote and gateways), then, for ends behind NAT, by IKE cookies, by SPIs
 * and by mirrored proxy ids. A tunnel whose peer address belongs to a captured device that shows no
 * trace of it becomes an unmatched pair.
 */
import type {Evidence} from '../../model/index.js'
import type {DeviceFacts} from '../device-index.js'
import type {FindingSide} from '../findings.js'
import type {ExtraEntity} from './entity.js'
import {compareLifetimes, compareProxies, compareSpis, compareTraffic, compareTransforms, entryToward, type SpiResult} from './compare.js'
import {stuckVerdict} from './stuck.js'
import {joinLogReasons, NO_LOG_REASON} from './log-reason.js'
import {PAIR_LIMITS} from './limits.js'
import type {TunnelPair} from './schema.js'
import {flowChanges, type EarlierCaptures} from './deltas.js'
import {matchViews} from './match.js'
import {bestIke, evidence, inboundSpis, outboundSpis, proxyText, spiHex, viewsOf, type DeviceViews, type TunnelView} from './views.js'
import {newRaw} from '../../model/raw.js'

export interface PairOptions {
  /** Capture time (ms) per device when the capture holds one. */
  captureMs: (device: string) => number | null
  encapsFloor: number
  /** Earlier captures (--before): same-interval counters for partial loss. */
  before?: EarlierCaptures
}

type MatchKind = TunnelPair['matchedBy']

function ikeEvidence(v: TunnelView): Evidence[] {
  const rows = v.ike.filter((r) => !r.deleted).slice(0, 2)
  if (rows.length > 0) return rows.map((r) => evidence(r, ['state', 'State', 'Status'], r.stateRaw))
  if (v.sessions[0]) return [evidence(v.sessions[0], ['Session status', 'status'], v.sessions[0].statusRaw)]
  return []
}

function presence(v: TunnelView): {text: string; evidence: Evidence[]} {
  const ike = bestIke(v)
  if (ike.row) return {text: `an IKE SA (${ike.raw ?? ike.state})`, evidence: ikeEvidence(v)}
  if (v.flows.length > 0) return {text: `${v.flows.length} IPsec flow(s)`, evidence: v.flows.slice(0, 3).map((f) => evidence(f, ['current_peer', 'remote crypto endpt.', 'Remote Gateway'], v.remote))}
  const e = v.entries[0]
  if (e) return {text: `crypto map ${e.map} ${e.seq}`, evidence: [evidence(e, ['Peer', 'Current peer'], v.remote)]}
  if (v.sessions[0]) return {text: 'a crypto session', evidence: ikeEvidence(v)}
  return {text: 'IKE statistics', evidence: v.ikeStats.map((s) => evidence(s, ['IKE peer', 'Remote'], v.remote))}
}

function sidePlaceholders(v: TunnelView, other: TunnelView | null, role: string): Record<string, string> {
  const out: Record<string, string> = {side: role}
  const set = (k: string, val: unknown) => {
    if ((typeof val === 'string' && val) || typeof val === 'number') out[k] ??= String(val)
  }
  set('peer', other?.local ?? v.remote)
  set('local-address', v.local)
  const row = v.ike.find((r) => !r.deleted && r.connId !== null)
  set('conn-id', row?.connId)
  const flow = v.flows[0]
  set('sa-name', flow?.name)
  const entry = other ? entryToward(v, other) : v.entries[0]
  set('map', flow?.cryptoMap ?? entry?.map)
  set('seq', entry?.seq)
  set('acl', entry?.accessList)
  set('transform-set', entry?.transformSets[0])
  set('interface', flow?.interface)
  return out
}


/** A list for a message, as findings.ts prints one: "a, b", or "(none)". */
const listText = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : '(none)')
/**
 * Whether a device that has no view toward the present side surely has no IKE SA for it: the present
 * side's own address is known (so no view of the device points at it), or the device has no
 * established IKE SA at all. An SRX table prints no local address: a branch with an established SA
 * toward an address we cannot tie to the SRX is not "missing" it.
 */
function surelyMissing(dev: DeviceViews, present: TunnelView): boolean {
  return present.local !== null || !dev.views.some((v) => v.ike.some((s) => !s.deleted && s.state === 'established'))
}

/**
 * The IKE state of one end. No view: "missing" only when the device printed an IKE SA listing that
 * surely has nothing toward the other end. A view: its best IKE state (unknown when its IKE SA listing
 * was not captured or phase 1 shows otherwise, see bestIke).
 */
function nullState(v: TunnelView | null, surelyNoIkeSa: boolean): {state: TunnelPair['ikeStateA']; raw: string | null} {
  if (!v) return {state: surelyNoIkeSa ? 'missing' : null, raw: null}
  const b = bestIke(v)
  if (b.state === 'unknown-output') return {state: null, raw: null}
  return {state: b.state as TunnelPair['ikeStateA'], raw: b.raw}
}

/** Builds the pair entity for two matched views, or for one view whose peer device shows nothing. */
function buildPair(a: TunnelView | null, b: TunnelView | null, matchedBy: MatchKind, ctx: {devB?: DeviceViews; devA?: DeviceViews; opts: PairOptions; all: DeviceViews[]; changes?: ReturnType<typeof flowChanges>}): ExtraEntity {
  const deviceA = a?.device ?? ctx.devA!.device
  const deviceB = b?.device ?? ctx.devB!.device
  const vendorA = a?.vendor ?? ctx.devA!.vendor
  const vendorB = b?.vendor ?? ctx.devB!.vendor
  const present = a ?? b!
  const addressA = a?.local ?? (b ? b.remote : null)
  const addressB = b?.local ?? (a ? a.remote : null)
  const ikeA = nullState(a, !a && !!ctx.devA && ctx.devA.views.some((v) => v.ikeSaCaptured) && surelyMissing(ctx.devA, present))
  const ikeB = nullState(b, !b && !!ctx.devB && ctx.devB.views.some((v) => v.ikeSaCaptured) && surelyMissing(ctx.devB, present))
  const stuck = stuckVerdict(deviceA, ikeA, deviceB, ikeB, addressA, addressB, a, b)
  const proxy = a && b ? compareProxies(a, b) : null
  const spi = a && b && proxy ? compareSpis(a, b, proxy.pairs) : oneSidedSas(a, b, ctx)
  const transform = a && b && proxy ? compareTransforms(a, b, proxy.pairs) : null
  const lifetime = a && b ? compareLifetimes(a, b) : null
  const traffic = a && b && proxy ? compareTraffic(a, b, proxy.pairs, ctx.opts.encapsFloor, ctx.changes) : null
  const msA = ctx.opts.captureMs(deviceA)
  const msB = ctx.opts.captureMs(deviceB)
  const gap = msA !== null && msB !== null ? Math.round(Math.abs(msA - msB) / 1000) : null
  const unmatched = !a || !b
  const pres = unmatched ? presence(present) : null
  const stale = spi?.staleDevices ?? []
  const focusDevice = (stale.length === 1 ? stale[0] : null) ?? stuck.device ?? (unmatched ? present.device : null) ?? deviceA
  const focusIsA = focusDevice === deviceA
  const otherDevice = focusIsA ? deviceB : deviceA
  const focusView = focusIsA ? a : b
  const otherView = focusIsA ? b : a
  const label = `tunnel ${deviceA} (${addressA ?? '?'}) <-> ${deviceB} (${addressB ?? '?'})`
  const pair: TunnelPair = {
    kind: 'tunnelPair',
    id: `pair:${deviceA}|${addressA ?? '?'}<->${deviceB}|${addressB ?? '?'}`,
    source: {...(focusView ?? present).ike[0]?.source ?? firstSource(focusView ?? present), device: focusDevice, vendor: focusIsA ? vendorA : vendorB},
    raw: newRaw(),
    entityLabel: label,
    deviceA, deviceB, vendorA, vendorB, addressA, addressB, matchedBy, focusDevice, otherDevice,
    unmatched,
    presentDevice: unmatched ? present.device : null,
    missingDevice: unmatched ? (a ? deviceB : deviceA) : null,
    presentAs: pres?.text ?? null,
    ikeStateA: ikeA.state, ikeStateB: ikeB.state, ikeStateRawA: ikeA.raw, ikeStateRawB: ikeB.raw,
    oneSideStuck: stuck.device !== null,
    stuckDevice: stuck.device, stuckState: stuck.state, stuckPeerDevice: stuck.device ? (stuck.device === deviceA ? deviceB : deviceA) : null, otherSideState: stuck.otherState, stuckPointsAt: stuck.pointsAt, stuckReason: stuck.reason,
    flowsA: a ? (a.ipsecCaptured ? a.flows.length : null) : null,
    flowsB: b ? (b.ipsecCaptured ? b.flows.length : null) : null,
    proxyMismatch: proxy?.mirrorOk === false,
    proxyMirrorOk: proxy?.mirrorOk ?? null,
    unmirroredA: (proxy?.unmirroredA ?? []).map(proxyText),
    unmirroredB: (proxy?.unmirroredB ?? []).map(proxyText),
    routeBasedMix: proxy?.routeBasedMix ?? false,
    spiMismatch: spi?.mirrorOk === false,
    spiMirrorOk: spi?.mirrorOk ?? null,
    staleDevice: stale.length > 0 ? stale.join(' and ') : null,
    spiDetail: spi?.detail ?? null,
    outboundSpisA: (spi?.outA ?? []).map(spiHex), inboundSpisA: (spi?.inA ?? []).map(spiHex),
    outboundSpisB: (spi?.outB ?? []).map(spiHex), inboundSpisB: (spi?.inB ?? []).map(spiHex),
    transformMismatch: (transform?.diffs.length ?? 0) > 0,
    transformDiffs: transform?.diffs ?? [],
    pfsA: transform?.pfsA ?? null, pfsB: transform?.pfsB ?? null, dhGroupA: transform?.dhA ?? null, dhGroupB: transform?.dhB ?? null,
    lifetimeMismatch: lifetime?.mismatch ?? false,
    lifetimeA: lifetime?.textA ?? null, lifetimeB: lifetime?.textB ?? null, lifetimeShorterDevice: lifetime?.shorter ?? null,
    encapsA: traffic?.encapsA ?? null, decapsA: traffic?.decapsA ?? null, encapsB: traffic?.encapsB ?? null, decapsB: traffic?.decapsB ?? null,
    trafficIssue: traffic?.issue ?? null, trafficFrom: traffic?.from ?? null, trafficTo: traffic?.to ?? null,
    trafficSent: traffic?.sent ?? null, trafficReceived: traffic?.received ?? null, trafficDetail: traffic?.detail ?? null,
    captureGapSec: gap,
    capturesClose: gap === null || gap <= PAIR_LIMITS.maxCaptureGapSec,
    ...NO_LOG_REASON,
  }
  const ikeEv = [
    ...(a && a.ike.length + a.sessions.length > 0 ? ikeEvidence(a) : absence(ctx.all, deviceA, addressB)),
    ...(b && b.ike.length + b.sessions.length > 0 ? ikeEvidence(b) : absence(ctx.all, deviceB, addressA)),
  ]
  const q = (v: string | null) => v ?? '?'
  const derived = {
    values: {
      peer: focusIsA ? addressB : addressA,
      // the message of pair-proxy-id-mismatch, which also runs on log events and configuration pairs
      proxyIdSubject: pair.entityLabel,
      proxyIdDetail: `proxy ids do not mirror; without a mirror on ${deviceB}: ${listText(pair.unmirroredA)}; without a mirror on ${deviceA}: ${listText(pair.unmirroredB)}`,
      // messages of the rules that also read the configuration pair and the log (pair-transform-mismatch, pair-lifetime-mismatch)
      phase2Mismatch: `${label}: phase 2 parameters differ, ${pair.transformDiffs.length > 0 ? pair.transformDiffs.join(', ') : '(none)'}`,
      lifetimeDiffers: `${label}: SA lifetimes differ (${deviceA} ${q(pair.lifetimeA)}, ${deviceB} ${q(pair.lifetimeB)}); ${q(pair.lifetimeShorterDevice)} always rekeys first`,
    },
    evidence: {
      presenceEvidence: pres?.evidence ?? [],
      ikeEvidence: ikeEv,
      proxyEvidence: proxy?.evidence ?? [],
      spiEvidence: spi?.evidence ?? [],
      transformEvidence: transform?.evidence ?? [],
      lifetimeEvidence: lifetime?.evidence ?? [],
      trafficEvidence: traffic?.evidence ?? [],
    } as Record<string, Evidence[]>,
  }
  const role = (d: string) => (d === stuck.device ? 'stuck side' : stale.includes(d) ? 'stale side' : unmatched && d !== present.device ? 'side without the tunnel' : `${d} side`)
  const sides: FindingSide[] = []
  const addSide = (v: TunnelView | null, device: string, vendor: typeof vendorA, other: TunnelView | null, fallbackRemote: string | null) => {
    const placeholders = v ? sidePlaceholders(v, other, role(device)) : {side: role(device), ...(fallbackRemote ? {peer: fallbackRemote} : {})}
    sides.push({device, vendor, placeholders})
  }
  addSide(focusView, focusDevice, focusIsA ? vendorA : vendorB, otherView, focusIsA ? addressB : addressA)
  addSide(otherView, otherDevice, focusIsA ? vendorB : vendorA, focusView, focusIsA ? addressA : addressB)
  return {entity: pair as unknown as ExtraEntity['entity'], derived, device: focusDevice, vendor: focusIsA ? vendorA : vendorB, sides}
}

/**
 * One side holds SAs toward the other while the other side printed IPsec SA output without a single
 * flow toward it: "A holds SAs for the mirrored pair and B holds none" (pair-spi-mismatch).
 */
function oneSidedSas(a: TunnelView | null, b: TunnelView | null, ctx: {devA?: DeviceViews; devB?: DeviceViews}): SpiResult | null {
  const captured = (v: TunnelView | null, dev?: DeviceViews) => (v ? v.ipsecCaptured : !!dev && dev.views.some((x) => x.ipsecCaptured))
  for (const [x, y, devY] of [[a, b, ctx.devB], [b, a, ctx.devA]] as const) {
    if (!x || (y && y.flows.length > 0) || !captured(y, devY)) continue
    const withSas = x.flows.filter((f) => (f.currentOutboundSpi ?? 0) > 0 || (x.sasByFlow.get(f.id) ?? []).length > 0)
    if (withSas.length === 0) continue
    const other = y?.device ?? devY!.device
    const sas = withSas.flatMap((f) => x.sasByFlow.get(f.id) ?? [])
    const out = withSas.flatMap((f) => outboundSpis(f, x.sasByFlow.get(f.id) ?? []))
    return {
      mirrorOk: false,
      staleDevices: [x.device],
      detail: `${x.device} holds SAs toward ${other} (outbound SPI ${out.map(spiHex).join(', ') || '?'}) and ${other} holds none for this tunnel`,
      evidence: [
        ...withSas.slice(0, 2).map((f) => evidence(f, ['current outbound spi', 'current_peer'], f.currentOutboundSpi ? spiHex(f.currentOutboundSpi) : undefined)),
        ...sas.filter((s) => s.direction === 'inbound').slice(0, 2).map((s) => evidence(s, ['spi', 'SPI'], `${spiHex(s.spi)} (inbound)`)),
      ],
      outA: x === a ? out : [],
      inA: x === a ? inboundSpis(sas) : [],
      outB: x === b ? out : [],
      inB: x === b ? inboundSpis(sas) : [],
    }
  }
  return null
}

/** "No IKE SA toward X" cited at the device's IKE output, when it printed one. */
function absence(all: DeviceViews[], device: string, toward: string | null): Evidence[] {
  const row = all.find((d) => d.device === device)?.views.flatMap((v) => [...v.ike, ...v.sessions])[0]
  if (!row) return []
  return [{file: row.source.file, line: row.source.startLine, field: `IKE SA toward ${toward ?? '?'} (${row.source.command})`, value: 'none', device}]
}

function firstSource(v: TunnelView) {
  const f = v.ike[0] ?? v.flows[0] ?? v.entries[0] ?? v.sessions[0] ?? v.ikeStats[0]
  return f.source
}

/** The pair entities of a multi-device fact set (empty with fewer than two devices). */
export function pairEntities(byDevice: Map<string, DeviceFacts>, opts: PairOptions): ExtraEntity[] {
  if (byDevice.size < 2) return []
  const devices: DeviceViews[] = []
  for (const [device, facts] of byDevice) {
    const v = viewsOf(device, facts, opts.captureMs(device))
    if (v && v.views.length > 0) devices.push(v)
  }
  if (devices.length === 0) return []
  const {pairs, single} = matchViews(devices)
  const changes = flowChanges(opts.before, opts.captureMs)
  const out: ExtraEntity[] = pairs.map(([a, b, kind]) => buildPair(a, b, kind, {opts, all: devices, changes}))
  const owner = new Map<string, DeviceViews>()
  for (const d of devices) for (const l of d.locals) owner.set(l, d)
  for (const v of single) {
    const peerDevice = owner.get(v.remote)
    if (!peerDevice || peerDevice.device === v.device) continue
    const captured = peerDevice.views.some((x) => x.ikeCaptured || x.ipsecCaptured)
    if (!captured) continue
    const holder = devices.find((d) => d.device === v.device)!
    const vIsA = v.device.localeCompare(peerDevice.device) <= 0
    out.push(vIsA ? buildPair(v, null, 'none', {devB: peerDevice, opts, all: devices}) : buildPair(null, v, 'none', {devA: peerDevice, devB: holder, opts, all: devices}))
  }
  // the responder's log naming why the initiator's negotiation goes unanswered (a pair even when the responder holds nothing)
  return joinLogReasons(out, byDevice, devices, (v, responder, back) => {
    const holder = devices.find((d) => d.device === v.device)!
    const vIsA = v.device.localeCompare(responder.device) <= 0
    if (back) return vIsA ? buildPair(v, back, 'log', {opts, all: devices, changes}) : buildPair(back, v, 'log', {opts, all: devices, changes})
    return vIsA ? buildPair(v, null, 'none', {devB: responder, opts, all: devices}) : buildPair(null, v, 'none', {devA: responder, devB: holder, opts, all: devices})
  })
}
