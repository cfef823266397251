/**
 * Derivation step: cross-entity values computed once per device and attached to each entity as the
 * fact `derived`, so rule conditions stay plain JSON. Every name is documented in derived-fields.ts.
 * A value is null when the data it needs was not captured, so "unknown" never looks like "no".
 */
import type {EngineConnection, Evidence, Fact, IkeSa, IkeStats, IpsecFlow, IpsecSa, IpsecStats} from '../model/index.js'
import {DeviceIndex, type DeviceFacts} from './device-index.js'
import type {Thresholds} from './thresholds.js'
import {dropEvidenceMap, evidenceOf, NO_EVIDENCE, NONE, type Derived, hasFlag, isZeroCookie, ratio, shareOf, sumCounters} from './derive-common.js'
import {deriveCert, deriveDrops, deriveEntry, deriveGateway, deriveMap} from './derive-config.js'
import {deriveNat} from './derive-nat.js'
import {statsZeroDecaps} from './derive-stats.js'
import {authFailureLogged, deriveLogEvent, noResponseLogged, phase1FailureLogged} from './log-evidence.js'
import {rawGet} from '../model/raw.js'

export type {Derived} from './derive-common.js'

export interface DeriveOptions {
  /** Instant (ms since epoch) time-dependent values are judged against. */
  at: number
  thresholds: Thresholds
  /** What the device's capture holds of phase 2 output (from the document's command blocks). */
  phase2?: Phase2Capture
  /** An unfiltered `show security ike active-peer` of the device was captured (with peers or empty). */
  activePeers?: boolean
  /** An unfiltered IKEv1 SA listing of the device was read whole (with rows, or empty: "There are no IKEv1 SAs"). */
  ikeListing?: boolean
}

/**
 * The phase 2 output of one device as captured: `complete` when an unfiltered listing of every SA
 * was captured (no `| include`, no `peer X` argument), `empty` when such a listing held no SA at all
 * (ASA "There are no ipsec sas", SRX "Total active tunnels: 0": the parsers give no fact for these).
 */
export interface Phase2Capture {
  complete: boolean
  empty: boolean
  /** Peers whose own listing (`show crypto ipsec sa peer X`) was read and held no SA. */
  emptyPeers: Set<string>
}

/** IOS default IPsec SA lifetime: the lower bound of a lifetime when the crypto map is not captured. */
const IOS_DEFAULT_LIFETIME_SEC = 3600

function anyNegotiationHasFlag(sa: IkeSa, text: string): boolean {
  for (const n of sa.phase2Negotiations) if (hasFlag(n.flags, text)) return true
  return false
}

/**
 * One pass over the peer's IKE rows and one over its flows (instead of a filter or some() per value):
 * this runs once per IKE SA, tens of thousands of times on a hub.
 */
function deriveIkeSa(sa: IkeSa, ix: DeviceIndex, t: Thresholds, phase2: Phase2Capture | undefined): Derived {
  const peer = sa.remoteAddress
  const rows = peer ? (ix.ikeByPeer.get(peer) ?? NONE) : [sa]
  let firstOfPair = false
  let peerRows = 0
  let peerIrregularRows = 0
  let peerHasEstablished = false
  let peerOtherEstablished = false
  // The representative of a state is its first row that is not a deleted leftover, else its first row.
  let firstSameState: IkeSa | undefined
  let firstLiveSameState: IkeSa | undefined
  for (const r of rows) {
    const live = !r.deleted
    if (r.state === 'established' && live) {
      peerHasEstablished = true
      if (r !== sa) peerOtherEstablished = true
    }
    if (r.localAddress === sa.localAddress) {
      if (peerRows === 0) firstOfPair = r === sa
      peerRows++
      if (r.state !== 'established' && live) peerIrregularRows++
    }
    if (r.stateRaw === sa.stateRaw) {
      firstSameState ??= r
      if (live) firstLiveSameState ??= r
    }
  }
  const representative = firstLiveSameState ?? firstSameState
  // Flows to the peer, transport-parent placeholders excluded.
  let flowCount = 0
  let flowsWithSas = 0
  // flows a filter cut down to counters that moved ("| i current_peer|encaps|decaps"): their SAs are
  // unknown, not absent (counters at zero still read as no SA, as before)
  let flowsSasUnknown = 0
  let zeroDecaps = false
  let flowNatT = false
  let flowSendErrors: number | null = null
  for (const f of peer ? (ix.flowsByPeer.get(peer) ?? NONE) : NONE) {
    if (f.transportParent) continue
    flowCount++
    if (!flowHasSas(f) && f.partial === true && f.currentOutboundSpi === null && ((f.encaps ?? 0) > 0 || (f.decaps ?? 0) > 0)) flowsSasUnknown++
    else if (!flowHasSas(f) && f.sendErrors !== null) flowSendErrors = (flowSendErrors ?? 0) + f.sendErrors
    if (flowHasSas(f)) {
      flowsWithSas++
      if ((f.encaps ?? 0) >= t.encapsFloor && f.decaps === 0) zeroDecaps = true
    }
    if (f.natT === true || f.remotePort === 4500) flowNatT = true
  }
  if (!zeroDecaps && peer) zeroDecaps = statsZeroDecaps(ix, peer, phase2, t)
  const drops = peer && ix.hasDrops ? ix.dropCount(ix.interfacesByPeer.get(peer) ?? []) : null
  const values = {
    peer,
    representativeRow: representative === sa || representative === undefined,
    firstOfPair,
    peerHasEstablished,
    peerOtherEstablished,
    peerRows,
    peerIrregularRows,
    waitingForRemove: hasFlag(sa.flags, 'waiting for remove') || anyNegotiationHasFlag(sa, 'waiting for remove'),
    onlyPhase2Failed: sa.state === 'established' && !hasFlag(sa.flags, 'waiting for remove') && anyNegotiationHasFlag(sa, 'waiting for remove'),
    waitingForDone: hasFlag(sa.flags, 'waiting for done'),
    waitingForPolicyManager: hasFlag(sa.flags, 'waiting for policy manager'),
    phase2Stuck: (sa.phase2InProgress ?? 0) >= 1 && !anyNegotiationHasFlag(sa, 'waiting for done'),
    peerFlowCount: ix.hasFlows || phase2?.complete ? flowCount : null,
    peerFlowsWithSas: ix.hasFlows && !(flowsWithSas === 0 && flowsSasUnknown > 0) ? flowsWithSas : null,
    peerDropCount: drops ? drops.count : null,
    peerZeroDecaps: zeroDecaps,
    natT: sa.natT === true || sa.localPort === 4500 || sa.remotePort === 4500 || flowNatT,
    responderCookieZero: sa.responderCookie !== null && isZeroCookie(sa.responderCookie),
    responderAnswer: sa.responderCookie === null ? 'responder cookie not printed' : isZeroCookie(sa.responderCookie) ? 'the peer never answered (responder cookie all zero)' : 'the peer answered, then the exchange failed',
    ipsecCaptured: ix.hasFlows,
    phase2Empty: phase2 ? (phase2.empty && !ix.hasFlows) || (peer !== null && phase2.emptyPeers.has(peer) && flowCount === 0) : null,
    peerMissingFromPhase2: phase2?.complete === true && ix.hasFlows && flowCount === 0 && peer !== null,
    peerFlowSendErrors: flowSendErrors,
    peerPhase1FailureLogged: phase1FailureLogged(ix, peer),
    peerAuthFailureLogged: authFailureLogged(ix, peer),
    peerNoResponseLogged: noResponseLogged(ix, peer),
    oneWayState: sa.inPackets === 0 && sa.outPackets !== null ? `${sa.outPackets} packets sent, 0 received` : `is ${sa.stateRaw ?? sa.state} and the device log shows no answer from the peer`,
    noStateState: `is stuck in ${sa.stateRaw ?? 'MM_NO_STATE'}`,
    keyExchState: sa.stateRaw === 'MM_KEY_EXCH' || sa.stateRaw === null ? `is stuck in ${sa.stateRaw ?? 'key exchange'}` : `is ${sa.stateRaw} and the device log shows its authentication failing`,
    phase1: sa.stateRaw ? `is ${sa.stateRaw}` : 'is established',
  }
  return {values, evidence: drops ? dropEvidenceMap('peerDropCount', drops.rows) : NO_EVIDENCE}
}

/**
 * The MTU of the interface the flow leaves by, as the output prints it: older IOS trains (and ASA)
 * `media mtu`, IOS 15.x and IOS-XE `ip mtu` (`ipv6 mtu` for IPv6 endpoints) with `ip mtu idb`. The
 * path mtu starts at the interface's IP MTU, so `ip mtu` is taken when both are printed; a lower path
 * mtu was learned by PMTUD.
 */
function interfaceMtu(flow: IpsecFlow): {value: number | null; label: string | null} {
  if (flow.ipMtu !== null) return {value: flow.ipMtu, label: rawGet(flow.raw, 'ipv6 mtu') && !rawGet(flow.raw, 'ip mtu') ? 'ipv6 mtu' : 'ip mtu'}
  if (flow.mediaMtu !== null) return {value: flow.mediaMtu, label: 'media mtu'}
  return {value: null, label: null}
}

export function flowHasSas(flow: IpsecFlow): boolean {
  return (flow.currentOutboundSpi ?? 0) > 0 || flow.saCount > 0
}

// "#pkts replay failed (rcv)"
const REPLAY_COUNTER = /replay/i
// "#pkts verify failed", "#pkts auth failed"
const VERIFY_COUNTER = /verify fail|auth.*fail/i
// "#pkts invalid sa (rcv)", "#pkts invalid spi"
const INVALID_SA_COUNTER = /invalid (sa|spi)/i
// "#pkts decaps failed (rcv)", "#pkts decrypt failed"
const DECAPS_COUNTER = /decaps failed|decrypt.*fail/i

/** Its SAs were created within freshSaSec: every SA's remaining lifetime is close to the entry's lifetime. */
function isFresh(flow: IpsecFlow, sas: IpsecSa[], ix: DeviceIndex, t: Thresholds): boolean {
  if (sas.length === 0) return false
  for (const s of sas) if (s.lifetimeRemainingSec === null) return false
  if (ix.entriesByMap.size === 0) return false
  const lifetime = ix.entryOfFlow(flow)?.lifetimeSec
  if (lifetime == null) return false
  for (const s of sas) if (!(lifetime - (s.lifetimeRemainingSec ?? 0) <= t.freshSaSec)) return false
  return true
}

/**
 * A lower bound of the SA age: lifetime minus the largest remaining lifetime of the flow's SAs. The
 * lifetime is the crypto map's when captured, else the IOS default 3600 s (a lower bound: shorter
 * lifetimes are rare, and when they are configured the age is overstated by at most the difference).
 */
function saAgeMin(flow: IpsecFlow, sas: IpsecSa[], ix: DeviceIndex): number | null {
  let remaining: number | null = null
  for (const s of sas) if (s.lifetimeRemainingSec !== null) remaining = Math.max(remaining ?? 0, s.lifetimeRemainingSec)
  if (remaining === null) return null
  const lifetime = (ix.entriesByMap.size > 0 ? ix.entryOfFlow(flow)?.lifetimeSec : null) ?? IOS_DEFAULT_LIFETIME_SEC
  return Math.max(0, lifetime - remaining)
}

/** "is QM_IDLE" / "is not in the capture" / "has no SA for this peer". */
function phase1Phrase(ix: DeviceIndex, peer: string | null): string {
  const rows = peer ? ix.ikeByPeer.get(peer) : undefined
  if (rows && rows.length > 0) {
    const live = rows.find((r) => !r.deleted) ?? rows[0]
    return live.stateRaw ? `is ${live.stateRaw}` : `is ${live.state}`
  }
  return (ix.facts.ikeSa?.length ?? 0) > 0 ? 'has no SA for this peer' : 'is not in the capture'
}

function deriveIpsecStats(st: IpsecStats): Derived {
  const sent = st.encryptedPackets === null && st.ahOutPackets === null ? null : (st.encryptedPackets ?? 0) + (st.ahOutPackets ?? 0)
  const received = st.decryptedPackets === null && st.ahInPackets === null ? null : (st.decryptedPackets ?? 0) + (st.ahInPackets ?? 0)
  return {values: {peer: null, sent, received}, evidence: NO_EVIDENCE}
}

function deriveFlow(flow: IpsecFlow, ix: DeviceIndex, t: Thresholds): Derived {
  const dropRows = ix.hasDrops && (flow.interface || flow.localAddress) ? ix.dropsOn(flow.interface, flow.localAddress) : NONE
  const min = flow.encaps !== null && flow.decaps !== null ? Math.min(flow.encaps, flow.decaps) : null
  const max = flow.encaps !== null && flow.decaps !== null ? Math.max(flow.encaps, flow.decaps) : null
  const sas = ix.sasOfFlow(flow)
  // The SA sections (or at least the current outbound SPI line) were printed: "no SA" is then a fact,
  // not a gap in the capture (cut after the counters, or `| include encaps|decaps`).
  const saSectionsCaptured = flow.currentOutboundSpi !== null || flow.saCount > 0 || sas.length > 0
  const ifMtu = interfaceMtu(flow)
  let peerOtherFlowsWithSas = 0
  for (const f of flow.remoteAddress ? (ix.flowsByPeer.get(flow.remoteAddress) ?? NONE) : NONE) if (f !== flow && !f.transportParent && flowHasSas(f)) peerOtherFlowsWithSas++
  const values = {
    peer: flow.remoteAddress,
    hasSas: flowHasSas(flow),
    peerIkeEstablished: ix.ikeEstablished(flow.remoteAddress),
    peerOtherFlowsWithSas,
    interfaceDropCount: ix.hasDrops ? dropRows.reduce((s, r) => s + r.dropCount, 0) : null,
    sendErrorRatio: ratio(flow.sendErrors, flow.encaps),
    recvErrorRatio: ratio(flow.recvErrors, flow.decaps),
    sendErrorShare: shareOf(flow.sendErrors, flow.encaps, 'encapsulated'),
    recvErrorShare: shareOf(flow.recvErrors, flow.decaps, 'decapsulated'),
    trafficMin: min,
    trafficMax: max,
    trafficRatio: min !== null && max !== null && max > 0 ? min / max : null,
    pathMtuReduced: flow.pathMtu !== null && ifMtu.value !== null && flow.pathMtu < ifMtu.value,
    interfaceMtu: ifMtu.value,
    interfaceMtuLabel: ifMtu.label,
    replayFailures: sumCounters(flow.errorCounters, REPLAY_COUNTER),
    verifyFailures: sumCounters(flow.errorCounters, VERIFY_COUNTER),
    invalidSaPackets: sumCounters(flow.errorCounters, INVALID_SA_COUNTER),
    decapsFailures: sumCounters(flow.errorCounters, DECAPS_COUNTER),
    fresh: isFresh(flow, sas, ix, t),
    saSectionsCaptured,
    mayHaveSas: flowHasSas(flow) || !saSectionsCaptured,
    saAgeMinSec: saAgeMin(flow, sas, ix),
    sent: flow.encaps,
    received: flow.decaps,
    phase1: phase1Phrase(ix, flow.remoteAddress),
  }
  return {values, evidence: dropEvidenceMap('interfaceDropCount', dropRows)}
}

/**
 * Protocols already seen per flow (or SA name / id): the first SA of a flow and protocol is its
 * representative. Keyed by the strings the SAs already hold: building a "flow|protocol" key per SA
 * cost more than the rest of the derivation.
 */
export type SeenProtocols = Map<string, unknown[]>

function deriveIpsecSa(sa: IpsecSa, ix: DeviceIndex, seen: SeenProtocols): Derived {
  const flow = sa.flowId ? ix.flowsById.get(sa.flowId) : undefined
  const siblings = ix.sasByFlow.get(sa.flowId ?? (sa.name ? `name:${sa.name}` : '')) ?? [sa]
  const repKey = sa.flowId ?? sa.name ?? sa.id
  let protocols = seen.get(repKey)
  if (!protocols) seen.set(repKey, (protocols = []))
  const representative = !protocols.includes(sa.protocol)
  if (representative) protocols.push(sa.protocol)
  let otherUnexpiredSoft = false
  let outboundSaCount = 0
  for (const s of siblings) {
    if (s !== sa && s.direction === sa.direction && s.softLifetimeExpired === false) otherUnexpiredSoft = true
    if (s.direction === 'outbound' && s.protocol === sa.protocol) outboundSaCount++
  }
  const entry = flow ? ix.entryOfFlow(flow) : undefined
  const values = {
    peer: sa.remoteAddress ?? flow?.remoteAddress ?? null,
    flowTransportParent: flow?.transportParent ?? false,
    representative,
    otherUnexpiredSoft,
    secondsLeft: sa.hardLifetimeRemainingSec ?? sa.lifetimeRemainingSec,
    cipher: sa.encryption ?? (sa.ivSizeBytes === 8 ? '64-bit block cipher (8-byte IV)' : null),
    integrity: sa.integrity,
    outboundSaCount,
    lifetimeKbRatio: entry?.lifetimeKb && sa.lifetimeRemainingKb !== null ? sa.lifetimeRemainingKb / entry.lifetimeKb : null,
  }
  return {values, evidence: NO_EVIDENCE}
}

function deriveIkeStats(st: IkeStats, t: Thresholds): Derived {
  const d = st.dpd
  const dpdValues = d ? [d.requestsReceived, d.requestsSent, d.acksReceived, d.acksSent, d.acksMissed, d.worstAckDelayMs] : []
  const deleteRatio = ratio(st.ipsecSasDeleted, st.ipsecSasCreated)
  const values = {
    peer: st.remoteAddress,
    dpdAllZero: dpdValues.length === 6 && dpdValues.every((v) => v === 0),
    deleteRatio,
    rekeyChurn: (st.ipsecSasCreated ?? 0) >= t.rekeyChurnMinCreated && (deleteRatio ?? 0) >= t.rekeyChurnRatio,
    deletesPerRekey: st.rekeys ? ratio(st.deletesReceived, st.rekeys) : null,
  }
  return {values, evidence: NO_EVIDENCE}
}

function deriveEngineRow(row: Extract<Fact, {kind: 'engineConnection'}>, ix: DeviceIndex): Derived {
  const link = ix.saLinkByConnId.get(row.connId)
  const sa = link ? link.sa : ix.saByConnId.get(row.connId)
  const flow = link?.flow
  const inbound = link?.inbound
  const sibling = inbound?.connId != null ? ix.engineByConnId.get(inbound.connId) : undefined
  const values = {
    peer: flow?.remoteAddress ?? sa?.remoteAddress ?? null,
    direction: sa?.direction ?? null,
    siblingDecrypt: sa?.direction === 'outbound' ? (sibling?.decrypt ?? null) : null,
    flowTransportParent: flow?.transportParent ?? false,
    flowZeroTraffic: flow && flow.encaps !== null && flow.decaps !== null ? flow.encaps === 0 && flow.decaps === 0 : null,
  }
  return {values, evidence: sibling ? (new SiblingDecryptEvidence(sibling) as unknown as Record<string, Evidence[]>) : NO_EVIDENCE}
}

/**
 * The evidence map of an outbound engine row: its one entry is built only when a finding cites it
 * (a hub has tens of thousands of rows and nearly none yields a finding).
 */
class SiblingDecryptEvidence {
  readonly #sibling: EngineConnection
  constructor(sibling: EngineConnection) {
    this.#sibling = sibling
  }
  get siblingDecrypt(): Evidence[] {
    const s = this.#sibling
    return [evidenceOf(s, `Decrypt (conn ${s.connId})`, s.decrypt ?? '?', rawGet(s.raw, 'Decrypt')?.line)]
  }
}

/**
 * Derives facts of one device one at a time, so a caller can drop each result as soon as it has
 * used it (the engine keeps only those of facts that produced a finding). The IPsec SAs must be
 * derived in their list order, each once: the first SA of a flow and protocol is its representative.
 */
export class DeviceDeriver {
  private readonly ix: DeviceIndex
  private readonly seen: SeenProtocols = new Map()

  constructor(
    facts: DeviceFacts,
    private readonly opts: DeriveOptions,
  ) {
    this.ix = new DeviceIndex(facts)
  }

  /**
   * The derivation of one kind, for a loop over that kind's facts; same result as derive(). Without
   * derive()'s switch, each kind's derivation keeps code specialized to that kind's objects: a
   * shared call site was deoptimized ("wrong map") each time the caller moved on to the next kind.
   */
  forKind(kind: string): (fact: Fact) => Derived {
    const ix = this.ix
    const t = this.opts.thresholds
    const other = (fact: Fact) => this.derive(fact)
    switch (kind) {
      case 'ikeSa':
        return (fact) => (fact.kind === 'ikeSa' ? deriveIkeSa(fact, ix, t, this.opts.phase2) : other(fact))
      case 'ipsecFlow':
        return (fact) => (fact.kind === 'ipsecFlow' ? deriveFlow(fact, ix, t) : other(fact))
      case 'ipsecSa':
        return (fact) => (fact.kind === 'ipsecSa' ? deriveIpsecSa(fact, ix, this.seen) : other(fact))
      case 'engineConnection':
        return (fact) => (fact.kind === 'engineConnection' ? deriveEngineRow(fact, ix) : other(fact))
      case 'cryptoMapEntry':
        return (fact) => (fact.kind === 'cryptoMapEntry' ? deriveEntry(fact, ix, this.opts.ikeListing ?? false) : other(fact))
      default:
        return other
    }
  }

  derive(fact: Fact): Derived {
    const ix = this.ix
    const t = this.opts.thresholds
    switch (fact.kind) {
      case 'ikeSa':
        return deriveIkeSa(fact, ix, t, this.opts.phase2)
      case 'ipsecStats':
        return deriveIpsecStats(fact)
      case 'ipsecFlow':
        return deriveFlow(fact, ix, t)
      case 'ipsecSa':
        return deriveIpsecSa(fact, ix, this.seen)
      case 'ikeStats':
        return deriveIkeStats(fact, t)
      case 'engineConnection':
        return deriveEngineRow(fact, ix)
      case 'droppedPackets':
        return deriveDrops(fact, ix)
      case 'cryptoMap':
        return deriveMap(fact, ix)
      case 'cryptoMapEntry':
        return deriveEntry(fact, ix, this.opts.ikeListing ?? false)
      case 'certificate':
        return deriveCert(fact, ix, this.opts.at)
      case 'logEvent':
        return deriveLogEvent(fact, ix)
      case 'natRule':
        return deriveNat(fact, ix)
      case 'ikeGateway':
        return deriveGateway(fact, ix, this.opts.activePeers ?? false)
      default: {
        // Kinds without their own derivation still get the grouping key.
        const peer = (fact as {remoteAddress?: unknown}).remoteAddress
        return {values: {peer: typeof peer === 'string' ? peer : null}, evidence: NO_EVIDENCE}
      }
    }
  }
}

/** Computes `derived` for every fact of one device. */
export function deriveDevice(facts: DeviceFacts, opts: DeriveOptions): Map<Fact, Derived> {
  const deriver = new DeviceDeriver(facts, opts)
  const out = new Map<Fact, Derived>()
  for (const list of Object.values(facts) as Fact[][]) for (const f of list) out.set(f, deriver.derive(f))
  return out
}
