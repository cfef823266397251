/**
 * NAT rules against the traffic the device encrypts (rule config-nat-catches-protected): NAT runs
 * before the crypto map on IOS and before the VPN lookup on the ASA, so a NAT rule that translates
 * the source of protected traffic makes it miss the crypto ACL (the packet leaves unencrypted or is
 * dropped, the tunnel never comes up for that traffic).
 *
 * Protected traffic: the permit entries of the crypto ACLs of the configured (running-config) crypto
 * map entries, object names resolved through netObject facts. A NAT rule catches a protected pair
 * (local -> remote) when
 *  - ASA twice/object NAT (real interface set): it is not an identity (exemption) rule, its real source
 *    contains the local network and its real destination (any when absent) the remote one, and no
 *    exemption rule of the device covers the pair (NAT order within sections is not modelled: an
 *    exemption rule anywhere counts as exempting);
 *  - IOS `ip nat inside source list <acl>`: the first entry of the NAT ACL matching the pair
 *    (source contains local, destination contains remote) is a permit;
 *  - IOS `ip nat inside source static <local> <global>`: the local host is inside a protected local network.
 * When the crypto ACL itself was not captured, the flows of that map entry stand for it: ASA `show crypto
 * ipsec sa` prints the ACL line ("access-list outside_cryptomap extended permit ip ...") above the flow's
 * local / remote ident, the entry that built the SA.
 * A route-map NAT, an ACL or object not captured, or a prefix that cannot be read gives null (unknown).
 */
import type {AccessList, CryptoMapEntry, Fact, IpsecFlow, NatRule, NetObject} from '../model/index.js'
import {rawGet} from '../model/raw.js'
import type {DeviceIndex} from './device-index.js'
import {evidenceOf, NO_EVIDENCE, type Derived} from './derive-common.js'
import {contains, type Prefix, prefixOf} from './prefixes.js'

/** An ACL / NAT member as prefixes: a prefix, "any", an object or object-group name (resolved). Null when unresolvable. */
function resolve(v: string, objects: Map<string, NetObject>, depth = 0): Prefix[] | null {
  const direct = prefixOf(v)
  if (direct) return [direct]
  const m = /^(?:object|object-group) (\S+)$/.exec(v)
  const o = objects.get(m ? m[1] : v)
  if (!o || depth > 3) return null
  const out: Prefix[] = []
  for (const p of o.prefixes) {
    const r = resolve(p, objects, depth + 1)
    if (!r) return null
    out.push(...r)
  }
  return out
}

interface Protected {
  local: Prefix
  remote: Prefix
  text: string
  entry: CryptoMapEntry
  /** The crypto ACL, or the flow that printed its line when the ACL was not captured. */
  acl: AccessList | IpsecFlow
  line: number
}

const fmt = (p: Prefix) => `${[24, 16, 8, 0].map((s) => (p.addr >>> s) & 255).join('.')}/${p.bits}`

function protectedPairs(ix: DeviceIndex, objects: Map<string, NetObject>, acls: Map<string, AccessList>): Protected[] {
  const out: Protected[] = []
  for (const e of ix.facts.cryptoMapEntry ?? []) {
    if (e.isTemplate || !e.accessList || !e.source.command.startsWith('show running-config')) continue
    const acl = acls.get(e.accessList)
    if (!acl) {
      out.push(...flowPairs(ix, e))
      continue
    }
    for (const x of acl.entries) {
      if (x.action !== 'permit') continue
      const src = resolve(x.source, objects)
      const dst = resolve(x.destination, objects)
      if (!src || !dst) continue
      for (const s of src) for (const d of dst) if (s.bits > 0 || d.bits > 0) out.push({local: s, remote: d, text: `${fmt(s)} -> ${fmt(d)}`, entry: e, acl, line: x.line})
    }
  }
  return out
}

/** Pairs of the flows an ASA printed under the entry's ACL line ("access-list NAME extended permit ip ..."). */
function flowPairs(ix: DeviceIndex, e: CryptoMapEntry): Protected[] {
  const out: Protected[] = []
  for (const f of ix.facts.ipsecFlow ?? []) {
    const printed = rawGet(f.raw, 'access-list')
    if (f.cryptoMap !== e.map || !printed || printed.value.split(' ')[0] !== e.accessList || !f.localIdent || !f.remoteIdent) continue
    const local = prefixOf(`${f.localIdent.address}/${f.localIdent.prefixLength}`)
    const remote = prefixOf(`${f.remoteIdent.address}/${f.remoteIdent.prefixLength}`)
    if (local && remote && (local.bits > 0 || remote.bits > 0)) out.push({local, remote, text: `${fmt(local)} -> ${fmt(remote)}`, entry: e, acl: f, line: printed.line})
  }
  return out
}

const covers = (src: Prefix[], dst: Prefix[], p: Protected) => src.some((s) => contains(s, p.local)) && dst.some((d) => contains(d, p.remote))

/** Whether `nat` translates the protected pair: true / false, null when it cannot be told. */
function catches(nat: NatRule, p: Protected, objects: Map<string, NetObject>, acls: Map<string, AccessList>, exemptions: NatRule[]): boolean | null {
  if (nat.exemption) return false
  if (nat.realInterface !== null) {
    const src = nat.realSource ? resolve(nat.realSource, objects) : null
    const dst = nat.realDestination ? resolve(nat.realDestination, objects) : [{addr: 0, bits: 0}]
    if (!src || !dst) return null
    if (!covers(src, dst, p)) return false
    for (const x of exemptions) {
      const es = x.realSource ? resolve(x.realSource, objects) : null
      const ed = x.realDestination ? resolve(x.realDestination, objects) : [{addr: 0, bits: 0}]
      if (es && ed && covers(es, ed, p)) return false
    }
    return true
  }
  if (nat.accessList !== null) {
    if (/ route-map /.test(nat.name)) return null
    const acl = acls.get(nat.accessList)
    if (!acl) return null
    for (const x of acl.entries) {
      const src = resolve(x.source, objects)
      const dst = resolve(x.destination, objects)
      if (!src || !dst) return null
      if (covers(src, dst, p)) return x.action === 'permit'
    }
    return false
  }
  if (nat.realSource !== null) {
    const src = resolve(nat.realSource, objects)
    return src ? src.some((s) => contains(p.local, s)) : null
  }
  return null
}

export function deriveNat(nat: NatRule, ix: DeviceIndex): Derived {
  const objects = new Map((ix.facts.netObject ?? []).map((o) => [o.name, o]))
  const acls = new Map((ix.facts.accessList ?? []).map((a) => [a.name, a]))
  const exemptions = (ix.facts.natRule ?? []).filter((n) => n.exemption && n !== nat)
  const pairs = protectedPairs(ix, objects, acls)
  let unknown = false
  const hits: Protected[] = []
  for (const p of pairs) {
    const c = catches(nat, p, objects, acls, exemptions)
    if (c === null) unknown = true
    else if (c) hits.push(p)
  }
  const first = hits[0]
  const values = {
    peer: first?.entry.peers[0] ?? null,
    natCatchesProtected: hits.length > 0 ? true : unknown || pairs.length === 0 ? null : false,
    natCaughtTraffic: hits.length > 0 ? [...new Set(hits.map((h) => h.text))].join(', ') : null,
    natCryptoMap: first ? `${first.entry.map} ${first.entry.seq}` : null,
  }
  const cite = (h: Protected) => h.acl.kind === 'accessList'
    ? evidenceOf(h.acl as Fact, `entry (${h.acl.name})`, h.acl.entries.find((x) => x.line === h.line)?.text ?? h.text, h.line)
    : evidenceOf(h.acl as Fact, 'access-list', rawGet(h.acl.raw, 'access-list')?.value ?? h.text, h.line)
  const evidence = first ? {natCaughtTraffic: hits.slice(0, 3).map(cite)} : NO_EVIDENCE
  return {values, evidence}
}
