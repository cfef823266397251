/**
 * One configured tunnel end, resolved from the configuration facts of a device: its peer and local
 * address, the phase 1 and phase 2 proposals it offers, PFS, selectors, DPD, IKE versions and
 * identities, each with the evidence lines behind it.
 * Cisco: a crypto map entry (the device's IKE policies apply to every peer) or a tunnel interface with
 * tunnel protection. Junos: a vpn (gateway -> ike policy -> proposals; ipsec policy -> proposals) or
 * an MX rule term.
 */
import type {AccessList, CryptoMap, CryptoMapEntry, Evidence, Fact, IkeGateway, IkePolicy, IkeProposal, IpsecPolicy, IpsecProposal, NetObject, Vendor, VpnTunnel} from '../../model/index.js'
import type {DeviceFacts} from '../device-index.js'
import {ikeSetProposals, ipsecSetProposals} from './proposal-sets.js'
import {rawGet, rawHas, rawValue} from '../../model/raw.js'

export interface ConfigEnd {
  device: string
  vendor: Vendor
  label: string
  anchor: Fact
  peer: string | null
  local: string | null
  ike: IkeProposal[]
  ipsec: IpsecProposal[]
  pfs: boolean | null
  pfsGroup: number | null
  lifetimeSec: number | null
  selectors: string[]
  routeBased: boolean
  hasProxyIds: boolean
  gateway: IkeGateway | null
  ev: {pfs: Evidence[]; selectors: Evidence[]; peer: Evidence[]; lifetime: Evidence[]}
}

export function ev(f: Fact, label: string, value?: string | number | null): Evidence {
  const raw = rawGet(f.raw, label)
  return {file: f.source.file, line: raw?.line ?? f.source.startLine, field: label, value: value !== undefined && value !== null ? String(value) : (raw?.value ?? '?')}
}

const ANY = '0.0.0.0/0'
const norm = (p: string) => (p === 'any' || p === '0.0.0.0/0' ? ANY : p)

/** ACL / object members to prefixes ("object LAN" -> its subnets). */
function members(v: string, objects: Map<string, NetObject>, depth = 0): string[] {
  const m = /^(?:object|object-group) (\S+)$/.exec(v)
  const name = m ? m[1] : objects.has(v) ? v : null
  if (name === null) return [norm(v)]
  const o = objects.get(name)
  if (!o || depth > 3) return [v]
  return o.prefixes.flatMap((p) => members(p, objects, depth + 1))
}

function aclSelectors(acl: AccessList | undefined, objects: Map<string, NetObject>): string[] {
  if (!acl) return []
  return acl.entries.filter((e) => e.action === 'permit').flatMap((e) => members(e.source, objects).flatMap((s) => members(e.destination, objects).map((d) => `${s} -> ${d}`)))
}

/**
 * The phase 1 proposals a Cisco end offers for an IKE version: the configured ones; the built-in
 * default suites (`show crypto isakmp default policy`, IKEv2 proposal "default") only when none is
 * configured, as IOS uses them.
 */
function ciscoIke(all: IkeProposal[], version: 1 | 2): IkeProposal[] {
  const mine = all.filter((p) => p.version === version)
  const configured = mine.filter((p) => !p.isDefault)
  return configured.length > 0 ? configured : mine
}

export function configEnds(device: string, vendor: Vendor, facts: DeviceFacts): ConfigEnd[] {
  const ikeProposals = facts.ikeProposal ?? []
  const ipsecByName = new Map((facts.ipsecProposal ?? []).map((p) => [p.name, p]))
  const ipsecPolicies = new Map((facts.ipsecPolicy ?? []).map((p) => [p.name, p]))
  const ikePolicies = new Map((facts.ikePolicy ?? []).map((p) => [p.name, p]))
  const gateways = facts.ikeGateway ?? []
  const acls = new Map((facts.accessList ?? []).map((a) => [a.name, a]))
  const objects = new Map((facts.netObject ?? []).map((o) => [o.name, o]))
  const maps = new Map<string, CryptoMap>((facts.cryptoMap ?? []).map((m) => [m.name, m]))
  const ends: ConfigEnd[] = []
  const gatewayFor = (peer: string | null) => (peer ? (gateways.find((g) => g.peers.includes(peer) && g.origin !== 'ikev2-keyring') ?? gateways.find((g) => g.peers.includes(peer)) ?? null) : null)
  const proposalsOf = (names: string[]) => names.map((n) => ipsecByName.get(n)).filter((p): p is IpsecProposal => p !== undefined)
  // configured entries only: `show crypto map` state entries carry no proposals of their own
  const entries = (facts.cryptoMapEntry ?? []).filter((e: CryptoMapEntry) => !e.isTemplate && e.source.command.startsWith('show running-config'))
  for (const e of entries) {
    const peer = e.peers[0] ?? null
    const gw = gatewayFor(peer)
    const v2 = gw?.versions.includes(2) && !gw.versions.includes(1)
    const map = maps.get(e.map)
    const acl = e.accessList ? acls.get(e.accessList) : undefined
    ends.push({
      device, vendor, label: `crypto map ${e.map} ${e.seq}`, anchor: e, peer, local: (map ? rawValue(map.raw, 'local address') : undefined) ?? null,
      ike: ciscoIke(ikeProposals, v2 ? 2 : 1), ipsec: proposalsOf(e.transformSets), pfs: e.pfs, pfsGroup: e.dhGroup, lifetimeSec: e.lifetimeSec,
      selectors: aclSelectors(acl, objects), routeBased: false, hasProxyIds: !!acl, gateway: gw,
      ev: {pfs: [ev(e, 'PFS', e.pfs ? `yes${e.dhGroup ? ` group${e.dhGroup}` : ''}` : 'no')], selectors: acl ? acl.entries.map((x) => ({file: acl.source.file, line: x.line, field: 'access-list', value: x.text})) : [ev(e, 'match address', e.accessList ?? 'none')],
        peer: [ev(e, 'Peer', peer), ...(map && rawHas(map.raw, 'local address') ? [ev(map, 'local address')] : [])], lifetime: [ev(e, 'lifetime seconds', e.lifetimeSec)]},
    })
  }
  for (const t of facts.vpnTunnel ?? []) {
    if (vendor === 'cisco') {
      const profile = t.ipsecPolicy ? ipsecPolicies.get(t.ipsecPolicy) : undefined
      const gw = gatewayFor(t.tunnelDestination)
      const v2 = (gw?.versions.includes(2) ?? false) || !!profile?.ikeProfile
      ends.push({
        device, vendor, label: `interface ${t.name}`, anchor: t, peer: t.tunnelDestination, local: rawValue(t.raw, 'local address') ?? null,
        ike: ciscoIke(ikeProposals, v2 ? 2 : 1), ipsec: proposalsOf(profile?.proposals ?? []), pfs: profile?.pfs ?? null, pfsGroup: profile?.pfsGroup ?? null,
        lifetimeSec: profile ? (profile.lifetimeSec ?? 3600) : null, selectors: [`${ANY} -> ${ANY}`], routeBased: true, hasProxyIds: false, gateway: gw,
        ev: {pfs: profile ? [ev(profile, 'set pfs', profile.pfs ? `group${profile.pfsGroup}` : 'no')] : [], selectors: [ev(t, 'tunnel protection ipsec profile')], peer: [ev(t, 'tunnel destination'), ev(t, 'local address')], lifetime: profile ? [ev(profile, 'lifetime seconds', profile.lifetimeSec ?? 3600)] : []},
      })
      continue
    }
    ends.push(junosEnd(device, vendor, t, gateways, ikePolicies, ikeProposals, ipsecPolicies, proposalsOf))
  }
  if (vendor === 'junos' && ends.length === 0) {
    const end = policyOnlyEnd(device, vendor, facts, gateways, proposalsOf)
    if (end) ends.push(end)
  }
  return ends
}

/**
 * A Junos device whose capture holds an IPsec policy but nothing that binds it to a peer (MX `show
 * configuration services ipsec-vpn ipsec | display set` without the rule whose term names the
 * remote-gateway, an SRX `security ipsec` stanza without its vpn):
 *   set services ipsec-vpn ipsec policy ESP-CUST52 perfect-forward-secrecy keys group14
 * The policy is the end toward the peer only when that pairing is sound: the device has exactly one
 * IPsec policy, and exactly one peer, named by its IKE gateways (one address in all) or else by its
 * log lines ("IKE Phase-2: Negotiations failed. Local gateway: 198.51.100.18, Remote gateway:
 * 192.0.2.52": every log event with a peer names the same one). Selectors and phase 1 stay unknown.
 */
function policyOnlyEnd(device: string, vendor: Vendor, facts: DeviceFacts, gateways: IkeGateway[], proposalsOf: (n: string[]) => IpsecProposal[]): ConfigEnd | null {
  const policies = facts.ipsecPolicy ?? []
  if (policies.length !== 1) return null
  const policy = policies[0]
  const gwPeers = [...new Set(gateways.flatMap((g) => g.peers))]
  const logs = (facts.logEvent ?? []).filter((e) => e.peer !== null)
  const logPeers = [...new Set(logs.map((e) => e.peer))]
  let peer: string | null = null
  let local: string | null = null
  let gateway: IkeGateway | null = null
  const peerEv: Evidence[] = []
  if (gwPeers.length === 1) {
    peer = gwPeers[0]
    gateway = gateways.length === 1 ? gateways[0] : null
    const gw = gateways.find((g) => g.peers.includes(peer!))!
    local = gw.localAddress ?? null
    peerEv.push(ev(gw, 'address', peer))
  } else if (gwPeers.length === 0 && logPeers.length === 1) {
    peer = logPeers[0]
    const locals = [...new Set(logs.map((e) => e.localAddress).filter((a): a is string => a !== null))]
    local = locals.length === 1 ? locals[0] : null
    peerEv.push({file: logs[0].source.file, line: logs[0].source.startLine, field: 'log peer', value: `${peer}${local ? `, local ${local}` : ''}`})
  }
  if (peer === null) return null
  const ipsec = [...proposalsOf(policy.proposals), ...ipsecSetProposals(policy)]
  return {
    device, vendor, label: `ipsec policy ${policy.name}`, anchor: policy, peer, local, ike: [], ipsec, pfs: policy.pfs, pfsGroup: policy.pfsGroup,
    lifetimeSec: ipsec[0]?.lifetimeSec ?? null, selectors: [], routeBased: false, hasProxyIds: false, gateway,
    ev: {
      pfs: [ev(policy, 'perfect-forward-secrecy', policy.pfs ? `keys group${policy.pfsGroup}` : 'none')],
      selectors: [],
      peer: peerEv,
      lifetime: ipsec[0] ? [ev(ipsec[0], 'lifetime-seconds', ipsec[0].lifetimeSec)] : [],
    },
  }
}

function junosEnd(device: string, vendor: Vendor, t: VpnTunnel, gateways: IkeGateway[], ikePolicies: Map<string, IkePolicy>, ikeProposals: IkeProposal[],
  ipsecPolicies: Map<string, IpsecPolicy>, proposalsOf: (n: string[]) => IpsecProposal[]): ConfigEnd {
  const gw = gateways.find((g) => g.name === t.gateway) ?? gateways.find((g) => t.gateway !== null && g.peers.includes(t.gateway)) ?? null
  const ikePolicy = gw?.ikePolicy ? ikePolicies.get(gw.ikePolicy) : undefined
  const policy = t.ipsecPolicy ? ipsecPolicies.get(t.ipsecPolicy) : undefined
  // a predefined proposal-set (standard, compatible, ...) stands for its member proposals
  const ipsec = [...proposalsOf(policy?.proposals ?? []), ...(policy ? ipsecSetProposals(policy) : [])]
  const selectors = t.proxyIds.length > 0 ? t.proxyIds.map((p) => `${norm(p.local)} -> ${norm(p.remote)}`) : t.routeBased ? [`${ANY} -> ${ANY}`] : []
  // an ES-PIC es unit names its local end by its tunnel source
  const local = gw?.localAddress ?? (gw?.localIdentity?.type === 'address' ? gw.localIdentity.value : null) ?? t.tunnelSource
  return {
    device, vendor, label: `vpn ${t.name}`, anchor: t, peer: gw?.peers[0] ?? t.tunnelDestination, local,
    ike: ikePolicy ? [...ikeProposals.filter((p) => ikePolicy.proposals.includes(p.name)), ...ikeSetProposals(ikePolicy)] : [], ipsec, pfs: policy?.pfs ?? null, pfsGroup: policy?.pfsGroup ?? null,
    lifetimeSec: ipsec[0]?.lifetimeSec ?? null, selectors, routeBased: t.routeBased, hasProxyIds: t.proxyIds.length > 0, gateway: gw,
    ev: {
      pfs: policy ? [ev(policy, 'perfect-forward-secrecy', policy.pfs ? `keys group${policy.pfsGroup}` : 'none')] : [],
      selectors: t.proxyIds.length > 0 ? t.raw.labels.filter((k) => k.startsWith('proxy-identity') || k.startsWith('traffic-selector')).map((k) => ev(t, k)) : [ev(t, 'bind-interface', t.bindInterface ?? 'none')],
      peer: gw ? [ev(gw, 'address', gw.peers[0]), ...(rawGet(gw.raw, 'local-address') ? [ev(gw, 'local-address')] : rawGet(gw.raw, 'local-identity') ? [ev(gw, 'local-identity')] : [])]
        : rawGet(t.raw, 'tunnel destination') ? [ev(t, 'tunnel destination'), ...(rawGet(t.raw, 'tunnel source') ? [ev(t, 'tunnel source')] : [])] : [],
      lifetime: ipsec[0] ? [ev(ipsec[0], 'lifetime-seconds', ipsec[0].lifetimeSec)] : [],
    },
  }
}
