/**
 * Derivation step: cross-entity values computed once per device and attached to each entity as the
 * fact `derived`, so rule conditions stay plain JSON. Every name is documented in derived-fields.ts.
 * A value is null when the data it needs was not captured, so "unknown" never looks like "no".
 */
import type {Evidence, Fact, IkeSa, IkeStats, IpsecFlow, IpsecSa} from '../model/index.js'
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
  for (const [label, value] of Object.entries(counters)) if (pattern.test(label)) total = (total ?? 0) + value
  return total
}

function deriveIkeSa(sa: IkeSa, ix: DeviceIndex, t: Thresholds): Derived {
  const peer = sa.remoteAddress
  const rows = peer ? (ix.ikeByPeer.get(peer) ?? []) : [sa]
  const pairRows = rows.filter((r) => r.localAddress === sa.localAddress)
  const flows = peer ? (ix.flowsByPeer.get(peer) ?? []).filter((f) => !f.transportParent) : []
  const drops = peer ? ix.dropCount(ix.interfacesByPeer.get(peer) ?? []) : {count: null, rows: []}
  const negotiationFlags = sa.phase2Negotiations.flatMap((n) => n.flags)
  const sameState = rows.filter((r) => r.stateRaw === sa.stateRaw)
  const representative = sameState.find((r) => !r.deleted) ?? sameState[0]
  const values = {
    peer,
    representativeRow: representative === sa || representative === undefined,
    firstOfPair: pairRows[0] === sa,
    peerHasEstablished: rows.some((r) => r.state === 'established' && !r.deleted),
    peerOtherEstablished: rows.some((r) => r !== sa && r.state === 'established' && !r.deleted),
    peerRows: pairRows.length,
    peerIrregularRows: pairRows.filter((r) => r.state !== 'established' && !r.deleted).length,
    waitingForRemove: hasFlag(sa.flags, 'waiting for remove') || hasFlag(negotiationFlags, 'waiting for remove'),
    waitingForDone: hasFlag(sa.flags, 'waiting for done'),
    waitingForPolicyManager: hasFlag(sa.flags, 'waiting for policy manager'),
    phase2Stuck: (sa.phase2InProgress ?? 0) >= 1 && !sa.phase2Negotiations.some((n) => hasFlag(n.flags, 'waiting for done')),
    peerFlowCount: ix.hasFlows ? flows.length : null,
    peerFlowsWithSas: ix.hasFlows ? flows.filter(flowHasSas).length : null,
    peerDropCount: drops.count,
    peerZeroDecaps: flows.some((f) => flowHasSas(f) && (f.encaps ?? 0) >= t.encapsFloor && f.decaps === 0),
    natT: sa.natT === true || sa.localPort === 4500 || sa.remotePort === 4500 || flows.some((f) => f.natT === true || f.remotePort === 4500),
    responderCookieZero: sa.responderCookie !== null && /^(0x)?0+$/i.test(sa.responderCookie.replace(/[^0-9a-fx]/gi, '')),
    ipsecCaptured: ix.hasFlows,
  }
  return {values, evidence: {peerDropCount: dropEvidence(drops.rows)}}
}

export function flowHasSas(flow: IpsecFlow): boolean {
  return (flow.currentOutboundSpi ?? 0) > 0 || flow.saCount > 0
}

function deriveFlow(flow: IpsecFlow, ix: DeviceIndex, t: Thresholds): Derived {
  const drops = flow.interface || flow.localAddress ? {rows: ix.dropsOn(flow.interface, flow.localAddress)} : {rows: []}
  const min = flow.encaps !== null && flow.decaps !== null ? Math.min(flow.encaps, flow.decaps) : null
  const max = flow.encaps !== null && flow.decaps !== null ? Math.max(flow.encaps, flow.decaps) : null
  const sas = ix.sasOfFlow(flow)
  const fresh =
    sas.length > 0 &&
    sas.every((s) => s.lifetimeRemainingSec !== null) &&
    ix.entriesByMap.size > 0 &&
    sas.every((s) => {
      const entry = ix.entryOfFlow(flow)
      return entry?.lifetimeSec != null && entry.lifetimeSec - (s.lifetimeRemainingSec ?? 0) <= t.freshSaSec
    })
  const values = {
    peer: flow.remoteAddress,
    hasSas: flowHasSas(flow),
    peerIkeEstablished: ix.ikeEstablished(flow.remoteAddress),
    interfaceDropCount: ix.hasDrops ? drops.rows.reduce((s, r) => s + r.dropCount, 0) : null,
    sendErrorRatio: ratio(flow.sendErrors, flow.encaps),
    recvErrorRatio: ratio(flow.recvErrors, flow.decaps),
    trafficMin: min,
    trafficMax: max,
    trafficRatio: min !== null && max !== null && max > 0 ? min / max : null,
    pathMtuReduced: flow.pathMtu !== null && flow.mediaMtu !== null && flow.pathMtu < flow.mediaMtu,
    // "#pkts replay failed (rcv)", "#pkts verify failed", "#pkts invalid sa (rcv)", "#pkts decaps failed (rcv)"
    replayFailures: sumCounters(flow.errorCounters, /replay/i),
    verifyFailures: sumCounters(flow.errorCounters, /verify fail|auth.*fail/i),
    invalidSaPackets: sumCounters(flow.errorCounters, /invalid (sa|spi)/i),
    decapsFailures: sumCounters(flow.errorCounters, /decaps failed|decrypt.*fail/i),
    fresh,
  }
  return {values, evidence: {interfaceDropCount: dropEvidence(drops.rows)}}
}

function deriveIpsecSa(sa: IpsecSa, ix: DeviceIndex, seen: Set<string>): Derived {
  const flow = sa.flowId ? ix.flowsById.get(sa.flowId) : undefined
  const siblings = ix.sasByFlow.get(sa.flowId ?? (sa.name ? `name:${sa.name}` : '')) ?? [sa]
  const repKey = `${sa.flowId ?? sa.name ?? sa.id}|${sa.protocol}`
  const representative = !seen.has(repKey)
  seen.add(repKey)
  const entry = flow ? ix.entryOfFlow(flow) : undefined
  const values = {
    peer: sa.remoteAddress ?? flow?.remoteAddress ?? null,
    flowTransportParent: flow?.transportParent ?? false,
    representative,
    otherUnexpiredSoft: siblings.some((s) => s !== sa && s.direction === sa.direction && s.softLifetimeExpired === false),
    secondsLeft: sa.hardLifetimeRemainingSec ?? sa.lifetimeRemainingSec,
    cipher: sa.encryption ?? (sa.ivSizeBytes === 8 ? '64-bit block cipher (8-byte IV)' : null),
    integrity: sa.integrity,
    outboundSaCount: siblings.filter((s) => s.direction === 'outbound' && s.protocol === sa.protocol).length,
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
  const sa = ix.saByConnId.get(row.connId)
  const flow = sa?.flowId ? ix.flowsById.get(sa.flowId) : undefined
  const inbound = flow ? ix.sasOfFlow(flow).find((s) => s.direction === 'inbound' && s.protocol === sa!.protocol) : undefined
  const sibling = inbound?.connId != null ? ix.engineByConnId.get(inbound.connId) : undefined
  const values = {
    peer: flow?.remoteAddress ?? sa?.remoteAddress ?? null,
    direction: sa?.direction ?? null,
    siblingDecrypt: sa?.direction === 'outbound' ? (sibling?.decrypt ?? null) : null,
    flowTransportParent: flow?.transportParent ?? false,
    flowZeroTraffic: flow && flow.encaps !== null && flow.decaps !== null ? flow.encaps === 0 && flow.decaps === 0 : null,
  }
  const evidence: Record<string, Evidence[]> = sibling ? {siblingDecrypt: [evidenceOf(sibling, `Decrypt (conn ${sibling.connId})`, sibling.decrypt ?? '?', sibling.raw['Decrypt']?.line)]} : {}
  return {values, evidence}
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

function deriveEntry(e: Extract<Fact, {kind: 'cryptoMapEntry'}>, ix: DeviceIndex): Derived {
  const interfaces = e.interfaces.length > 0 ? e.interfaces : (ix.mapsByName.get(e.map)?.interfaces ?? [])
  const drops = ix.dropCount(interfaces)
  const acl = e.aclEntries.map((l) => l.toLowerCase())
  const values = {
    peer: e.currentPeer && e.currentPeer !== '0.0.0.0' ? e.currentPeer : (e.peers[0] ?? null),
    isStatic: isStaticEntry(e),
    complete: isCompleteEntry(e),
    mapApplied: interfaces.length > 0,
    peerHasIkeSa: ix.hasIke ? e.peers.some((p) => (ix.ikeByPeer.get(p) ?? []).length > 0) : null,
    currentPeerIsBackup: !!e.currentPeer && e.peers.length > 1 && e.peers.includes(e.currentPeer) && e.currentPeer !== e.peers[0],
    currentPeerUnset: e.currentPeer === '0.0.0.0' && e.peers.length > 0,
    // "access-list 115 permit ip any any", "permit ip 10.1.1.0 0.0.0.255 any"
    // "access-list 115 permit ip any any"
    aclPermitsAnyAny: acl.some((l) => /\bpermit\s+ip\s+any\s+any\b/.test(l)),
    aclPermitsAny: acl.some((l) => /\bpermit\b/.test(l) && /\bany\b/.test(l)),
    // "access-list 115 deny ip any 224.0.0.0 31.255.255.255"
    aclDeniesMulticast: acl.some((l) => /\bdeny\b/.test(l) && /\b22[4-9]\.|\b23\d\./.test(l)),
    interfaceDropCount: drops.count,
    ...weakestOffered(e.transforms),
  }
  return {values, evidence: {interfaceDropCount: dropEvidence(drops.rows)}}
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
  private readonly seen = new Set<string>()

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
