/**
 * Configuration of both ends: pairs the configured tunnel ends of two devices (peer address = the
 * other's local address, else one peer address, else the only tunnel of each) and compares them.
 * Side A is the device whose name sorts first; findings are reported on A.
 */
import type {Evidence, IkeProposal, IpsecProposal} from '../../model/index.js'
import type {DeviceFacts} from '../device-index.js'
import {type EntitySource, type SourcedEntity} from '../sources.js'
import type {ConfigPair} from './schema.js'
import {configEnds, ev, type ConfigEnd} from './views.js'
import {newRaw, rawGet} from '../../model/raw.js'

const meet = <T>(a: T[], b: T[]) => a.length === 0 || b.length === 0 || a.some((x) => b.includes(x))

function ikeOk(a: IkeProposal, b: IkeProposal): boolean {
  return meet(a.encryption, b.encryption) && meet(a.integrity, b.integrity) && meet(a.dhGroups, b.dhGroups) && (a.authentication === null || b.authentication === null || a.authentication === b.authentication)
}
function ipsecOk(a: IpsecProposal, b: IpsecProposal): boolean {
  return meet(a.encryption, b.encryption) && meet(a.integrity, b.integrity) && (a.protocol === null || b.protocol === null || a.protocol === b.protocol)
}

/** Attributes that differ between the two closest proposals: "encryption: R1 aes-256, srx1 3des". */
function diffs<T extends IkeProposal | IpsecProposal>(a: T[], b: T[], A: string, B: string, attrs: (keyof T)[]): string[] {
  let best: string[] | null = null
  for (const x of a) {
    for (const y of b) {
      const d = attrs.filter((k) => {
        const u = x[k] as unknown
        const v = y[k] as unknown
        return Array.isArray(u) && Array.isArray(v) ? !meet(u, v) : u !== null && v !== null && u !== v
      }).map((k) => `${String(k)}: ${A} ${fmt(x[k])} (${x.name}), ${B} ${fmt(y[k])} (${y.name})`)
      if (best === null || d.length < best.length) best = d
    }
  }
  return best ?? []
}
const fmt = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? `group${x}` : x)).join(' ') : String(v))

const mirror = (s: string) => s.split(' -> ').reverse().join(' -> ')

function compare(a: ConfigEnd, b: ConfigEnd, matchedBy: ConfigPair['matchedBy'], stuck: {state: string; evidence: Evidence} | null): SourcedEntity {
  const A = a.device
  const B = b.device
  const ikeKnown = a.ike.length > 0 && b.ike.length > 0
  const ikeNoCommon = ikeKnown && !a.ike.some((x) => b.ike.some((y) => ikeOk(x, y)))
  const ipsecKnown = a.ipsec.length > 0 && b.ipsec.length > 0
  const ipsecNoCommon = ipsecKnown && !a.ipsec.some((x) => b.ipsec.some((y) => ipsecOk(x, y)))
  const pfsMismatch = a.pfs !== null && b.pfs !== null && (a.pfs !== b.pfs || (a.pfs && a.pfsGroup !== null && b.pfsGroup !== null && a.pfsGroup !== b.pfsGroup))
  const pfsText = (e: ConfigEnd) => (e.pfs ? `PFS group${e.pfsGroup ?? '?'}` : 'no PFS')
  const policyA = !a.routeBased || a.hasProxyIds
  const policyB = !b.routeBased || b.hasProxyIds
  const routeVsPolicy = (a.routeBased && !a.hasProxyIds && !b.routeBased && b.selectors.some((s) => !s.startsWith('0.0.0.0/0 -> 0.0.0.0/0'))) ||
    (b.routeBased && !b.hasProxyIds && !a.routeBased && a.selectors.some((s) => !s.startsWith('0.0.0.0/0 -> 0.0.0.0/0')))
  const selectorsNotMirrored = !routeVsPolicy && policyA && policyB && a.selectors.length > 0 && b.selectors.length > 0 &&
    (a.selectors.some((s) => !b.selectors.includes(mirror(s))) || b.selectors.some((s) => !a.selectors.includes(mirror(s))))
  const peerBad = (x: ConfigEnd, y: ConfigEnd) => x.peer !== null && y.local !== null && x.peer !== y.local
  const peerMismatch = peerBad(a, b) || peerBad(b, a)
  const peerDetail = peerBad(a, b) ? `${A} peers with ${a.peer}, ${B}'s local address is ${b.local}` : peerBad(b, a) ? `${B} peers with ${b.peer}, ${A}'s local address is ${a.local}` : null
  const dpdA = a.gateway?.dpd ?? null
  const dpdB = b.gateway?.dpd ?? null
  const dpdOneSide = dpdA !== null && dpdB !== null && dpdA !== dpdB
  const lifetimeMismatch = a.lifetimeSec !== null && b.lifetimeSec !== null && a.lifetimeSec !== b.lifetimeSec
  const vA = a.gateway?.versions ?? []
  const vB = b.gateway?.versions ?? []
  const versionMismatch = vA.length > 0 && vB.length > 0 && !meet(vA, vB)
  const idBad = (x: ConfigEnd, y: ConfigEnd) => {
    const local = x.gateway?.localIdentity?.type
    const remote = y.gateway?.remoteIdentity?.type
    return local !== undefined && remote !== undefined && local !== remote ? `${x.device} sends a ${local} identity, ${y.device} expects ${remote}` : null
  }
  const identityDetail = idBad(a, b) ?? idBad(b, a)
  const ikeEv = (e: ConfigEnd) => e.ike.slice(0, 3).map((p) => ev(p, rawGet(p.raw, 'encryption') ? 'encryption' : 'encryption-algorithm', `${p.encryption.join(' ')} ${p.integrity.join(' ')} group${p.dhGroups.join('/')}`))
  const ipsecEv = (e: ConfigEnd) => e.ipsec.slice(0, 3).map((p) => ev(p, p.raw.labels[0], `${p.encryption.join(' ')} ${p.integrity.join(' ')}`.trim()))
  const gwEv = (e: ConfigEnd, labels: string[]) => (e.gateway ? labels.filter((l) => rawGet(e.gateway!.raw, l)).map((l) => ev(e.gateway!, l)) : [])
  const entity: ConfigPair = {
    kind: 'configPair', id: `config-pair:${A}:${a.label}:${B}:${b.label}`, source: {...a.anchor.source}, raw: newRaw(),
    entityLabel: `${A} ${a.label} <-> ${B} ${b.label}`, deviceA: A, deviceB: B, vendorA: a.vendor, vendorB: b.vendor, tunnelA: a.label, tunnelB: b.label, matchedBy,
    ikeNoCommon, ikeDiffs: ikeNoCommon ? diffs(a.ike, b.ike, A, B, ['encryption', 'integrity', 'dhGroups', 'authentication']) : [],
    ipsecNoCommon, ipsecDiffs: ipsecNoCommon ? diffs(a.ipsec, b.ipsec, A, B, ['encryption', 'integrity', 'protocol']) : [],
    pfsMismatch, pfsDetail: pfsMismatch ? `${A} ${pfsText(a)}, ${B} ${pfsText(b)}` : null,
    selectorsNotMirrored, selectorsA: a.selectors, selectorsB: b.selectors,
    routeVsPolicy, routeBasedDevice: routeVsPolicy ? (a.routeBased && !a.hasProxyIds ? A : B) : null,
    peerMismatch, peerDetail, dpdOneSide, dpdDevice: dpdOneSide ? (dpdA ? A : B) : null,
    lifetimeMismatch, lifetimeDetail: lifetimeMismatch ? `${A} ${a.lifetimeSec} s, ${B} ${b.lifetimeSec} s` : null,
    versionMismatch, versionDetail: versionMismatch ? `${A} IKEv${vA.join('/')}, ${B} IKEv${vB.join('/')}` : null,
    identityMismatch: identityDetail !== null, identityDetail,
    phase1Stuck: stuck !== null, stuckState: stuck?.state ?? null,
  }
  const evidence: Record<string, Evidence[]> = {
    ikeEvidence: [...ikeEv(a), ...ikeEv(b)], ipsecEvidence: [...ipsecEv(a), ...ipsecEv(b)], pfsEvidence: [...a.ev.pfs, ...b.ev.pfs],
    selectorEvidence: [...a.ev.selectors, ...b.ev.selectors], peerEvidence: [...a.ev.peer, ...b.ev.peer], lifetimeEvidence: [...a.ev.lifetime, ...b.ev.lifetime],
    dpdEvidence: [...gwEv(a, ['dpd', 'isakmp keepalive', 'crypto isakmp keepalive', 'keepalive', 'dead-peer-detection interval']), ...gwEv(b, ['dpd', 'isakmp keepalive', 'crypto isakmp keepalive', 'keepalive', 'dead-peer-detection interval'])],
    versionEvidence: [...gwEv(a, ['version', 'ikev1 pre-shared-key', 'ikev2 remote-authentication pre-shared-key']), ...gwEv(b, ['version', 'ikev1 pre-shared-key', 'ikev2 remote-authentication pre-shared-key'])],
    identityEvidence: [...gwEv(a, ['identity local', 'local-identity', 'match identity remote', 'remote-identity']), ...gwEv(b, ['identity local', 'local-identity', 'match identity remote', 'remote-identity'])],
    stuckEvidence: stuck ? [stuck.evidence] : [],
  }
  evidence.transformEvidence = [...(ipsecNoCommon ? evidence.ipsecEvidence : []), ...(pfsMismatch ? evidence.pfsEvidence : [])]
  const noCommonText = `No phase 2 proposal of ${A} (${a.label}) matches ${B} (${b.label}): ${entity.ipsecDiffs.length > 0 ? entity.ipsecDiffs.join(', ') : '(none)'}`
  const pfsText2 = `PFS differs between the ends of ${entity.entityLabel}: ${entity.pfsDetail ?? '?'}`
  const phase2Mismatch = ipsecNoCommon ? (pfsMismatch ? `${noCommonText}; PFS differs too: ${entity.pfsDetail ?? '?'}` : noCommonText) : pfsText2
  const lifetimeDiffers = `Phase 2 lifetimes differ on ${entity.entityLabel}: ${entity.lifetimeDetail ?? '?'}`
  const place = (x: ConfigEnd, y: ConfigEnd) => {
    const p: Record<string, string> = {side: `${x.device} side`}
    if (x.peer) p.peer = x.peer
    const m = /^crypto map (\S+) (\d+)$/.exec(x.label)
    if (m) (p.map = m[1], p.seq = m[2])
    if (x.anchor.kind === 'cryptoMapEntry' && x.anchor.accessList) p.acl = x.anchor.accessList
    if (x.anchor.kind === 'cryptoMapEntry' && x.anchor.transformSets[0]) p['transform-set'] = x.anchor.transformSets[0]
    if (x.anchor.kind === 'vpnTunnel' && x.vendor === 'junos') p.vpn = x.anchor.name
    if (x.gateway && x.vendor === 'junos') p.gateway = x.gateway.name
    const sel = y.selectors.find((s) => !s.startsWith('0.0.0.0/0'))
    if (sel && /^[\d.]+\/\d+ -> [\d.]+\/\d+$/.test(sel)) [p['remote-net'], p['local-net']] = sel.split(' -> ')
    return p
  }
  return {
    entity: entity as unknown as SourcedEntity['entity'], derived: {values: {peer: a.peer, otherPeer: b.peer, ...messageParts(entity), phase2Mismatch, lifetimeDiffers}, evidence}, device: A, vendor: a.vendor,
    sides: [{device: A, vendor: a.vendor, placeholders: place(a, b)}, {device: B, vendor: b.vendor, placeholders: place(b, a)}],
  }
}

const listText = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : '(none)')

/** Message parts of rules that run on configPair beside other kinds (pair-proxy-id-mismatch, ike-proposal-mismatch). */
function messageParts(e: ConfigPair): Record<string, string> {
  return {
    // "Selectors of R1 crypto map VPN 10 <-> srx1 vpn VPN-R1: not mirror images: R1 10.1.0.0/16 -> 10.2.0.0/16, srx1 10.2.0.0/24 -> 10.1.0.0/16"
    proxyIdSubject: `Selectors of ${e.entityLabel}`,
    proxyIdDetail: `not mirror images: ${e.deviceA} ${listText(e.selectorsA)}, ${e.deviceB} ${listText(e.selectorsB)}`,
    // "Phase 1 proposals of R1 (crypto map VPN 10) and srx1 (vpn VPN-R1) do not match: none of R1's is accepted by srx1: encryption: ..."
    proposalSubject: `of ${e.deviceA} (${e.tunnelA}) and ${e.deviceB} (${e.tunnelB})`,
    proposalDetail: `none of ${e.deviceA}'s is accepted by ${e.deviceB}: ${listText(e.ikeDiffs)}`,
  }
}

/** An IKE SA of `device` toward `peer` that is stuck negotiating (state captured beside the configuration). */
function stuckToward(facts: DeviceFacts, peer: string | null): {state: string; evidence: Evidence} | null {
  if (!peer) return null
  const sa = (facts.ikeSa ?? []).find((s) => s.remoteAddress === peer && (s.state === 'negotiating' || s.state === 'failed'))
  return sa ? {state: sa.stateRaw ?? sa.state, evidence: ev(sa, sa.raw.labels.find((k) => /state/i.test(k)) ?? 'state', sa.stateRaw ?? sa.state)} : null
}

export function configPairEntities(byDevice: Map<string, DeviceFacts>): SourcedEntity[] {
  const devices = [...byDevice.keys()].sort()
  const ends = new Map(devices.map((d) => {
    const facts = byDevice.get(d)!
    const vendor = Object.values(facts).flat()[0]?.source.vendor ?? 'cisco'
    return [d, configEnds(d, vendor, facts)]
  }))
  const out: SourcedEntity[] = []
  for (let i = 0; i < devices.length; i++) {
    for (let j = i + 1; j < devices.length; j++) {
      const as = ends.get(devices[i])!
      const bs = ends.get(devices[j])!
      if (as.length === 0 || bs.length === 0) continue
      const used = new Set<unknown>()
      for (const a of as) {
        let b = bs.find((x) => !used.has(x) && a.peer !== null && x.peer !== null && a.peer === x.local && x.peer === a.local)
        let by: ConfigPair['matchedBy'] = 'addresses'
        if (!b) {
          b = bs.find((x) => !used.has(x) && ((a.peer !== null && a.peer === x.local) || (x.peer !== null && x.peer === a.local)))
          by = 'peer'
        }
        if (!b && as.length === 1 && bs.length === 1) (b = bs[0], by = 'only-tunnels')
        if (!b) continue
        used.add(b)
        const stuck = stuckToward(byDevice.get(a.device)!, a.peer) ?? stuckToward(byDevice.get(b.device)!, b.peer)
        out.push(compare(a, b, by, stuck))
      }
    }
  }
  return out
}

export const configPairSource: EntitySource = (byDevice) => configPairEntities(byDevice)
