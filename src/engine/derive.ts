/**
 * Derivation step: cross-entity values computed once per device and attached to each entity as the
 * fact `derived`, so rule conditions stay plain JSON. Every name is documented in derived-fields.ts.
 * A value is null when the data it needs was not captured, so "unknown" never looks like "no".
 */
import type {EngineConnection, Evidence, Fact, IkeSa, IkeStats, IpsecFlow, IpsecSa} from '../model/index.js'
import {DeviceIndex, type DeviceFacts} from './device-index.js'
import type {Thresholds} from './thresholds.js'

export interface Derived {
  values: Record<string, unknown>
  /** Evidence for derived values that come from other facts, by derived name. */
  evidence: Record<string, Evidence[]>
}

export interface DeriveOptions {
  /** Instant (ms since epoch) time-dependent values are judged against. */
  at: number
  thresholds: Thresholds
}

const DAY_MS = 86_400_000
/** Shared empty evidence map (most entities cite nothing from other facts). */
const NO_EVIDENCE: Record<string, Evidence[]> = Object.freeze({}) as Record<string, Evidence[]>

function ratio(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null) return null
  if (whole === 0) return part > 0 ? 1 : 0
  return part / whole
}

function evidenceOf(fact: Fact, field: string, value: string | number, line?: number): Evidence {
  return {file: fact.source.file, line: line ?? fact.source.startLine, field, value: String(value)}
}

function dropEvidence(rows: Array<Extract<Fact, {kind: 'droppedPackets'}>>): Evidence[] {
  return rows.map((r) => evidenceOf(r, `Drop Count (${r.interface ?? r.ipAddress ?? '?'})`, r.raw['Drop Count']?.value ?? r.dropCount, r.raw['Drop Count']?.line))
}

function hasFlag(flags: string[], text: string): boolean {
  return flags.some((f) => f.includes(text))
}

function sumCounters(counters: Record<string, number>, pattern: RegExp): number | null {
  let total: number | null = null
  // for...in walks the same own keys in the same order as Object.entries, without building pairs.
  for (const label in counters) if (pattern.test(label)) total = (total ?? 0) + counters[label]
  return total
}

/** Shared empty list for lookups that find nothing (never mutated). */
const NONE = Object.freeze([]) as unknown as never[]

/** Evidence of drop rows, or the shared empty map when there are none (collectEvidence skips empty lists). */
function dropEvidenceMap(name: string, rows: Array<Extract<Fact, {kind: 'droppedPackets'}>>): Record<string, Evidence[]> {
  return rows.length > 0 ? {[name]: dropEvidence(rows)} : NO_EVIDENCE
}

/**
 * One pass over the peer's IKE rows and one over its flows (instead of a filter or some() per value):
 * this runs once per IKE SA, tens of thousands of times on a hub.
 */
function deriveIkeSa(sa: IkeSa, ix: DeviceIndex, t: Thresholds): Derived {
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
  let zeroDecaps = false
  let flowNatT = false
  for (const f of peer ? (ix.flowsByPeer.get(peer) ?? NONE) : NONE) {
    if (f.transportParent) continue
    flowCount++
    if (flowHasSas(f)) {
      flowsWithSas++
      if ((f.encaps ?? 0) >= t.encapsFloor && f.decaps === 0) zeroDecaps = true
    }
    if (f.natT === true || f.remotePort === 4500) flowNatT = true
  }
  const drops = peer && ix.hasDrops ? ix.dropCount(ix.interfacesByPeer.get(peer) ?? []) : null
  const values = {
    peer,
    representativeRow: representative === sa || representative === undefined,
    firstOfPair,
    peerHasEstablished,
    peerOtherEstablished,
    peerRows,
    peerIrregularRows,
    waitingForRemove: hasFlag(sa.flags, 'waiting for remove') || sa.phase2Negotiations.some((n) => hasFlag(n.flags, 'waiting for remove')),
    waitingForDone: hasFlag(sa.flags, 'waiting for done'),
    waitingForPolicyManager: hasFlag(sa.flags, 'waiting for policy manager'),
    phase2Stuck: (sa.phase2InProgress ?? 0) >= 1 && !sa.phase2Negotiations.some((n) => hasFlag(n.flags, 'waiting for done')),
    peerFlowCount: ix.hasFlows ? flowCount : null,
    peerFlowsWithSas: ix.hasFlows ? flowsWithSas : null,
    peerDropCount: drops ? drops.count : null,
    peerZeroDecaps: zeroDecaps,
    natT: sa.natT === true || sa.localPort === 4500 || sa.remotePort === 4500 || flowNatT,
    responderCookieZero: sa.responderCookie !== null && ZERO_COOKIE.test(sa.responderCookie.replace(NOT_HEX, '')),
    ipsecCaptured: ix.hasFlows,
  }
  return {values, evidence: drops ? dropEvidenceMap('peerDropCount', drops.rows) : NO_EVIDENCE}
}

// "0x0000000000000000", "0000000000000000"
const ZERO_COOKIE = /^(0x)?0+$/i
// "0x00 00-00" -> characters other than hex digits and x, dropped before the zero check
const NOT_HEX = /[^0-9a-fx]/gi

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

function deriveFlow(flow: IpsecFlow, ix: DeviceIndex, t: Thresholds): Derived {
  const dropRows = ix.hasDrops && (flow.interface || flow.localAddress) ? ix.dropsOn(flow.interface, flow.localAddress) : NONE
  const min = flow.encaps !== null && flow.decaps !== null ? Math.min(flow.encaps, flow.decaps) : null
  const max = flow.encaps !== null && flow.decaps !== null ? Math.max(flow.encaps, flow.decaps) : null
  const values = {
    peer: flow.remoteAddress,
    hasSas: flowHasSas(flow),
    peerIkeEstablished: ix.ikeEstablished(flow.remoteAddress),
    interfaceDropCount: ix.hasDrops ? dropRows.reduce((s, r) => s + r.dropCount, 0) : null,
    sendErrorRatio: ratio(flow.sendErrors, flow.encaps),
    recvErrorRatio: ratio(flow.recvErrors, flow.decaps),
    trafficMin: min,
    trafficMax: max,
    trafficRatio: min !== null && max !== null && max > 0 ? min / max : null,
    pathMtuReduced: flow.pathMtu !== null && flow.mediaMtu !== null && flow.pathMtu < flow.mediaMtu,
    replayFailures: sumCounters(flow.errorCounters, REPLAY_COUNTER),
    verifyFailures: sumCounters(flow.errorCounters, VERIFY_COUNTER),
    invalidSaPackets: sumCounters(flow.errorCounters, INVALID_SA_COUNTER),
    decapsFailures: sumCounters(flow.errorCounters, DECAPS_COUNTER),
    fresh: isFresh(flow, ix.sasOfFlow(flow), ix, t),
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
    return [evidenceOf(s, `Decrypt (conn ${s.connId})`, s.decrypt ?? '?', s.raw['Decrypt']?.line)]
  }
}

function deriveDrops(row: Extract<Fact, {kind: 'droppedPackets'}>, ix: DeviceIndex): Derived {
  const peers = [...(row.interface ? (ix.peersByInterface.get(row.interface) ?? []) : [])]
  const stuck = peers.filter((p) => ix.ikeEstablished(p) === false)
  const maps = row.interface ? (ix.mapsByInterface.get(row.interface) ?? []) : []
  const onlyDynamic =
    maps.length > 0 && maps.every((m) => (ix.entriesByMap.get(m) ?? []).length > 0 && (ix.entriesByMap.get(m) ?? []).every((e) => e.dynamicTemplate !== null || e.isTemplate))
  return {values: {peer: stuck.length === 1 ? stuck[0] : null, stuckPeers: stuck.length, onlyDynamicMap: onlyDynamic}, evidence: NO_EVIDENCE}
}

function isStaticEntry(e: Extract<Fact, {kind: 'cryptoMapEntry'}>): boolean {
  return !e.isTemplate && e.dynamicTemplate === null
}

function isCompleteEntry(e: Extract<Fact, {kind: 'cryptoMapEntry'}>): boolean {
  return isStaticEntry(e) && (e.type ?? 'ipsec-isakmp') === 'ipsec-isakmp' && e.peers.length > 0 && !!e.accessList && e.transformSets.length > 0
}

function deriveMap(map: Extract<Fact, {kind: 'cryptoMap'}>, ix: DeviceIndex): Derived {
  const entries = ix.entriesByMap.get(map.name) ?? []
  const drops = ix.dropCount(map.interfaces)
  const values = {
    peer: null,
    hasStaticEntry: entries.some(isStaticEntry),
    hasCompleteStaticEntry: entries.some(isCompleteEntry),
    allDynamic: entries.length > 0 && entries.every((e) => !isStaticEntry(e)),
    interfaceDropCount: drops.count,
  }
  return {values, evidence: {interfaceDropCount: dropEvidence(drops.rows)}}
}

const CIPHER_RANK: Record<string, number> = {des: 2, '3des': 1}
const INTEGRITY_RANK: Record<string, number> = {md5: 2, sha1: 1}
/** Transform token -> algorithm, for the transform-set contents newer IOS trains print under a map entry. */
const TRANSFORM_CIPHER: Record<string, string> = {'esp-des': 'des', 'esp-3des': '3des'}
const TRANSFORM_INTEGRITY: Record<string, string> = {'esp-md5-hmac': 'md5', 'ah-md5-hmac': 'md5', 'esp-sha-hmac': 'sha1', 'ah-sha-hmac': 'sha1'}

/** The weakest cipher and integrity offered by an entry's transform sets ("esp-3des esp-sha-hmac"). */
function weakestOffered(transforms: string[]): {cipher: string | null; integrity: string | null} {
  let cipher: string | null = null
  let integrity: string | null = null
  for (const token of transforms.flatMap((t) => t.toLowerCase().split(/\s+/))) {
    const c = TRANSFORM_CIPHER[token]
    if (c && (CIPHER_RANK[c] ?? 0) > (cipher ? CIPHER_RANK[cipher] : 0)) cipher = c
    const i = TRANSFORM_INTEGRITY[token]
    if (i && (INTEGRITY_RANK[i] ?? 0) > (integrity ? INTEGRITY_RANK[integrity] : 0)) integrity = i
  }
  return {cipher, integrity}
}

// The ACL patterns are built once here, not per entry (a hub has one entry per peer).
// "access-list 115 permit ip any any"
const ACL_PERMIT_ANY_ANY = /\bpermit\s+ip\s+any\s+any\b/
// "access-list 115 permit ip any any", "permit ip 10.1.1.0 0.0.0.255 any"
const ACL_PERMIT = /\bpermit\b/
// "permit ip 10.1.1.0 0.0.0.255 any"
const ACL_ANY = /\bany\b/
// "access-list 115 deny ip any 224.0.0.0 31.255.255.255"
const ACL_DENY = /\bdeny\b/
// "access-list 115 deny ip any 224.0.0.0 31.255.255.255"
const ACL_MULTICAST = /\b22[4-9]\.|\b23\d\./

function deriveEntry(e: Extract<Fact, {kind: 'cryptoMapEntry'}>, ix: DeviceIndex): Derived {
  const interfaces = e.interfaces.length > 0 ? e.interfaces : (ix.mapsByName.get(e.map)?.interfaces ?? [])
  const drops = ix.dropCount(interfaces)
  const acl = e.aclEntries.map((l) => l.toLowerCase())
  const weakest = weakestOffered(e.transforms)
  const values = {
    peer: e.currentPeer && e.currentPeer !== '0.0.0.0' ? e.currentPeer : (e.peers[0] ?? null),
    isStatic: isStaticEntry(e),
    complete: isCompleteEntry(e),
    mapApplied: interfaces.length > 0,
    peerHasIkeSa: ix.hasIke ? e.peers.some((p) => (ix.ikeByPeer.get(p) ?? []).length > 0) : null,
    currentPeerIsBackup: !!e.currentPeer && e.peers.length > 1 && e.peers.includes(e.currentPeer) && e.currentPeer !== e.peers[0],
    currentPeerUnset: e.currentPeer === '0.0.0.0' && e.peers.length > 0,
    aclPermitsAnyAny: acl.some((l) => ACL_PERMIT_ANY_ANY.test(l)),
    aclPermitsAny: acl.some((l) => ACL_PERMIT.test(l) && ACL_ANY.test(l)),
    aclDeniesMulticast: acl.some((l) => ACL_DENY.test(l) && ACL_MULTICAST.test(l)),
    interfaceDropCount: drops.count,
    cipher: weakest.cipher,
    integrity: weakest.integrity,
  }
  return {values, evidence: dropEvidenceMap('interfaceDropCount', drops.rows)}
}

function deriveCert(c: Extract<Fact, {kind: 'certificate'}>, ix: DeviceIndex, at: number): Derived {
  const to = c.validTo ? Date.parse(c.validTo) : NaN
  const from = c.validFrom ? Date.parse(c.validFrom) : NaN
  const validNow = (x: typeof c) => {
    const f = x.validFrom ? Date.parse(x.validFrom) : NaN
    const e = x.validTo ? Date.parse(x.validTo) : NaN
    return !Number.isNaN(f) && !Number.isNaN(e) && f <= at && at <= e
  }
  const values = {
    peer: null,
    daysToExpiry: Number.isNaN(to) ? null : Math.round(((to - at) / DAY_MS) * 10) / 10,
    daysSinceStart: Number.isNaN(from) ? null : Math.round(((at - from) / DAY_MS) * 10) / 10,
    otherValidSameSubject: c.subject ? (ix.certsBySubject.get(c.subject) ?? []).some((o) => o !== c && validNow(o)) : false,
    noAutoRenew: c.source.vendor === 'cisco' && c.role !== 'ca' && c.renewDate === null,
  }
  return {values, evidence: NO_EVIDENCE}
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

  derive(fact: Fact): Derived {
    const ix = this.ix
    const t = this.opts.thresholds
    switch (fact.kind) {
      case 'ikeSa':
        return deriveIkeSa(fact, ix, t)
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
        return deriveEntry(fact, ix)
      case 'certificate':
        return deriveCert(fact, ix, this.opts.at)
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
