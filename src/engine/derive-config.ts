/**
 * Derivations of the configuration and platform kinds (dropped-packet rows, crypto maps and their
 * entries, certificates): see derive.ts for the IKE and IPsec kinds and derived-fields.ts for the names.
 */
import type {Fact} from '../model/index.js'
import {addressKind} from '../reading/address.js'
import type {DeviceIndex} from './device-index.js'
import {dropEvidenceMap, NO_EVIDENCE, type Derived} from './derive-common.js'

const DAY_MS = 86_400_000

export function deriveDrops(row: Extract<Fact, {kind: 'droppedPackets'}>, ix: DeviceIndex): Derived {
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

export function deriveMap(map: Extract<Fact, {kind: 'cryptoMap'}>, ix: DeviceIndex): Derived {
  const entries = ix.entriesByMap.get(map.name) ?? []
  const drops = ix.dropCount(map.interfaces)
  const values = {
    peer: null,
    hasStaticEntry: entries.some(isStaticEntry),
    hasCompleteStaticEntry: entries.some(isCompleteEntry),
    allDynamic: entries.length > 0 && entries.every((e) => !isStaticEntry(e)),
    interfaceDropCount: drops.count,
  }
  return {values, evidence: dropEvidenceMap('interfaceDropCount', drops.rows)}
}

const CIPHER_RANK: Record<string, number> = {des: 2, '3des': 1}
const INTEGRITY_RANK: Record<string, number> = {md5: 2, sha1: 1}
/** Transform token -> algorithm, for the transform-set contents newer IOS trains print under a map entry. */
const TRANSFORM_CIPHER: Record<string, string> = {'esp-des': 'des', 'esp-3des': '3des'}
const TRANSFORM_INTEGRITY: Record<string, string> = {'esp-md5-hmac': 'md5', 'ah-md5-hmac': 'md5', 'esp-sha-hmac': 'sha1', 'ah-sha-hmac': 'sha1'}

/** weakestOffered() of an entry whose transform-set contents are not printed (shared, never mutated). */
const NONE_OFFERED = Object.freeze({cipher: null, integrity: null})

/** The weakest cipher and integrity offered by an entry's transform sets ("esp-3des esp-sha-hmac"). */
function weakestOffered(transforms: string[]): {cipher: string | null; integrity: string | null} {
  if (transforms.length === 0) return NONE_OFFERED
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

/** `ikeListing`: the device's IKEv1 SA listing was captured whole, so a peer absent from it has no IKE SA even when it lists none. */
export function deriveEntry(e: Extract<Fact, {kind: 'cryptoMapEntry'}>, ix: DeviceIndex, ikeListing = false): Derived {
  const interfaces = e.interfaces.length > 0 ? e.interfaces : (ix.mapsByName.get(e.map)?.interfaces ?? [])
  const drops = ix.dropCount(interfaces)
  const acl = e.aclEntries.map((l) => l.toLowerCase())
  const weakest = weakestOffered(e.transforms)
  const values = {
    peer: e.currentPeer && e.currentPeer !== '0.0.0.0' ? e.currentPeer : (e.peers[0] ?? null),
    isStatic: isStaticEntry(e),
    complete: isCompleteEntry(e),
    mapApplied: interfaces.length > 0,
    peerHasIkeSa: ix.hasIke || ikeListing ? e.peers.some((p) => (ix.ikeByPeer.get(p) ?? []).length > 0) : null,
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

export function deriveCert(c: Extract<Fact, {kind: 'certificate'}>, ix: DeviceIndex, at: number): Derived {
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
    renewal: c.renewDate ? `renew date ${c.renewDate}` : c.source.vendor === 'cisco' && c.role !== 'ca' ? 'no renew date: no auto-enrollment' : 'auto-renewal not judged',
  }
  return {values, evidence: NO_EVIDENCE}
}

/**
 * A Junos gateway of the configuration against `show security ike active-peer` of the same device
 * (`listed`: an unfiltered listing was captured, with peers or empty). activePeerListed is true when a
 * peer address of the gateway is an active peer, false when the listing lacks all of them, null when
 * no complete listing was captured or the gateway has no peer address (a dynamic gateway).
 */
export function deriveGateway(g: Extract<Fact, {kind: 'ikeGateway'}>, ix: DeviceIndex, listed: boolean): Derived {
  const active = ix.facts.ikeActivePeer ?? []
  const addresses = g.peers.filter((p) => addressKind(p) !== null)
  const vpns = (ix.facts.vpnTunnel ?? []).filter((t) => t.gateway === g.name)
  const values = {
    peer: addresses[0] ?? null,
    activePeerListed: !listed || g.origin !== 'junos-gateway' || addresses.length === 0 ? null : addresses.some((p) => active.some((a) => a.remoteAddress === p)),
    // the vpns that use the gateway, when the ipsec configuration was captured too
    gatewayVpns: (ix.facts.vpnTunnel ?? []).length > 0 ? vpns.map((t) => t.name) : null,
    gatewayUnused: (ix.facts.vpnTunnel ?? []).length > 0 ? vpns.length === 0 : null,
    establishImmediately: vpns.some((t) => t.establishTunnels === 'immediately'),
  }
  return {values, evidence: NO_EVIDENCE}
}
