/**
 * Builders of network objects, access lists, NAT rules and crypto maps of a Cisco configuration
 * (split out of build.ts).
 */
import type {AccessList, CryptoMap, CryptoMapEntry, Fact, IpsecProposal, NatRule, NetObject} from '../../../model/index.js'
import type {Line} from '../../types.js'
import {sourceOf} from '../../types.js'
import {IdRegistry, markMasked, RawFields} from '../common.js'
import {dhGroupOf, maskBits} from '../../config/normalize.js'
import {aclEntry} from './acl.js'
import type {CiscoConfigReader, Section} from './reader.js'
import {base} from './build-base.js'
import {bindingShown} from './binding.js'
import {addressKind} from '../../../reading/address.js'
import {toInt} from '../../../reading/numbers.js'

/** Twice-NAT rules met so far per reader and interface pair: a rule is named by its order, not its capture line. */
const natOrder = new WeakMap<CiscoConfigReader, Map<string, number>>()

export function objectOf(r: CiscoConfigReader, s: Section, ids: IdRegistry): NetObject {
  const o: NetObject = {kind: 'netObject', id: ids.unique(`object:${s.name}`), ...base(r, s, s.fields), name: s.name, objectType: s.head[0] === 'object' ? 'network' : 'network-group', prefixes: []}
  for (const {words, line} of s.subs) {
    const w = words[0] === 'network-object' ? words.slice(1) : words
    // "subnet 10.1.1.0 255.255.255.0" / "network-object 10.1.1.0 255.255.255.0" / "host 10.1.1.5" / "network-object object X"
    if (w[0] === undefined) continue
    if ((w[0] === 'subnet' || addressKind(w[0]) !== null) && w.length >= 2) {
      const [a, mask] = w[0] === 'subnet' ? [w[1], w[2]] : [w[0], w[1]]
      // "subnet 10.1.1.0" cut before its mask
      if (mask === undefined) {
        o.prefixes.push(a)
        s.fields.set('subnet', a, line)
        continue
      }
      const bits = mask ? maskBits(mask) : null
      o.prefixes.push(bits === null ? `${a} ${mask}` : `${a}/${bits}`)
      s.fields.set('subnet', `${a} ${mask}`, line)
    } else if (w[0] === 'host' && w[1]) (o.prefixes.push(`${w[1]}/32`), s.fields.set('host', w[1], line))
    else if ((w[0] === 'object' || words[0] === 'group-object') && w[1]) o.prefixes.push(words[0] === 'group-object' ? words[1] : w[1])
    else if (words[0] === 'nat') {
      // object NAT: "nat (inside,outside) dynamic interface"
      const n = natOf(r, ['nat', words[1], 'source', ...words.slice(2, 3), s.name, ...words.slice(3)], line, ids, s.name)
      if (n) r.acc.add(n)
    }
  }
  return o
}

export function aclOf(r: CiscoConfigReader, acls: Map<string, AccessList>, name: string, aclType: string | null, line: number): AccessList {
  let acl = acls.get(name)
  if (!acl) {
    const f = new RawFields()
    f.set('access-list', name, line)
    acl = {kind: 'accessList', id: `acl:${name}`, source: sourceOf(r.ctx, line, line), raw: f.fields, name, aclType, entries: []}
    acls.set(name, acl)
  }
  return acl
}

/** "access-list 101 permit ip ..." / ASA "access-list X extended permit ip ..." / "access-list X remark ...". */
export function aclLine(r: CiscoConfigReader, words: string[], line: Line, acls: Map<string, AccessList>): void {
  const name = words[1]
  if (name === undefined) return r.acc.reject(line, 'access-list without a name')
  let rest = words.slice(2)
  const num = toInt(name)
  let type: string | null = /^\d+$/.test(name) ? (num !== null && (num < 100 || (num >= 1300 && num < 2000)) ? 'standard' : 'extended') : null
  if (rest[0] === 'extended' || rest[0] === 'standard') (type = rest[0], rest = rest.slice(1))
  if (rest[0] === 'line' && /^\d+$/.test(rest[1] ?? '')) rest = rest.slice(2)
  const acl = aclOf(r, acls, name, type, line.n)
  acl.source.endLine = Math.max(acl.source.endLine, line.n)
  if (rest[0] === 'remark') return
  const e = aclEntry(rest, line.n, words.join(' '), r.asa, type === 'standard')
  if (e) acl.entries.push(e)
  else r.acc.reject(line, 'access-list entry not understood')
}

/** ASA twice NAT / IOS "ip nat inside source ..." lines. */
export function natOf(r: CiscoConfigReader, words: string[], line: Line, ids: IdRegistry, objectName: string | null): NatRule | null {
  const t = words.join(' ')
  const f = new RawFields()
  f.set('nat', t, line)
  const n: NatRule = {kind: 'natRule', id: '', source: sourceOf(r.ctx, line.n, line.n), raw: f.fields, name: '', exemption: false, realInterface: null, mappedInterface: null,
    realSource: null, mappedSource: null, realDestination: null, mappedDestination: null, accessList: null, text: t}
  let m: RegExpExecArray | null
  // "nat (inside,outside) [1] source static LAN LAN destination static REMOTE REMOTE no-proxy-arp route-lookup"
  if ((m = /^nat \(([^,)]+),([^)]+)\)(?: (?:after-auto|after-object))?(?: \d+)? source (static|dynamic) (\S+) (\S+)(?: destination static (\S+) (\S+))?/.exec(t))) {
    n.realInterface = m[1]
    n.mappedInterface = m[2]
    n.realSource = m[4]
    n.mappedSource = m[5]
    n.realDestination = m[6] ?? null
    n.mappedDestination = m[7] ?? null
    n.exemption = m[3] === 'static' && m[4] === m[5] && (m[6] === undefined || m[6] === m[7])
    if (objectName) n.name = `object ${objectName} nat (${m[1]},${m[2]})`
    else {
      // the n-th twice-NAT rule of this interface pair (line numbers move with blank lines and notes)
      const seen = natOrder.get(r) ?? new Map<string, number>()
      natOrder.set(r, seen)
      const k = (seen.get(`${m[1]},${m[2]}`) ?? 0) + 1
      seen.set(`${m[1]},${m[2]}`, k)
      n.name = `nat (${m[1]},${m[2]}) #${k}`
    }
  } else if ((m = /^ip nat inside source (list|route-map) (\S+)(?: interface (\S+)| pool (\S+))?/.exec(t))) {
    n.accessList = m[2]
    n.mappedInterface = m[3] ?? m[4] ?? null
    n.name = `ip nat inside source ${m[1]} ${m[2]}`
  } else if ((m = /^ip nat inside source static (\S+) (\S+)/.exec(t))) {
    n.realSource = `${m[1]}/32`
    n.mappedSource = `${m[2]}/32`
    n.name = `ip nat inside source static ${m[1]}`
  } else {
    if (!/^ip nat (?:pool|outside|translation)/.test(t)) r.acc.reject(line, 'NAT rule not understood')
    return null
  }
  n.id = ids.unique(`nat:${n.name}`)
  return n
}

export function cryptoMaps(r: CiscoConfigReader, ids: IdRegistry, mapIfs: Map<string, string[]>, addrOfIf: Map<string, string>, acls: Map<string, AccessList>, facts: Fact[],
  g: {saSec: {v: number; line: Line} | null; saKb: {v: number; line: Line} | null; filtered: boolean; mapIfLines: Map<string, number>}): Fact[] {
  const out: Fact[] = []
  const proposals = new Map(facts.filter((x): x is IpsecProposal => x.kind === 'ipsecProposal').map((p) => [p.name, p]))
  const entries = r.sections.filter((s) => s.type === 'map-entry')
  const names = [...new Set([...entries.filter((e) => !e.isTemplate).map((e) => e.map as string), ...mapIfs.keys()])]
  for (const s of entries) {
    const f = s.fields
    f.set('Crypto Map', `${s.map} ${s.seq}${s.head[4] ? ` ${s.head.slice(4).join(' ')}` : ''}`, s.start)
    const e: CryptoMapEntry = {kind: 'cryptoMapEntry', id: ids.unique(`${s.isTemplate ? 'dynmap' : 'mapentry'}:${s.map}:${s.seq}`), ...base(r, s, f), map: s.map as string, seq: s.seq as number,
      type: s.head[4] ?? (s.isTemplate ? null : 'ipsec-isakmp'), isTemplate: !!s.isTemplate, dynamicTemplate: s.head[5] === 'dynamic' ? (s.head[6] ?? null) : null, peers: [], accessList: null, aclEntries: [],
      currentPeer: null, lifetimeKb: null, lifetimeSec: null, pfs: g.filtered ? null : false, dhGroup: null, transformSets: [], transforms: [], interfaces: s.isTemplate ? [] : (mapIfs.get(s.map as string) ?? [])}
    for (const {words, line} of s.subs) {
      const t = words.join(' ')
      let m: RegExpExecArray | null
      // "set peer 198.51.100.2 [default]" / ASA "set peer 198.51.100.2 198.51.100.3"
      if ((m = /^set peer (.+)$/.exec(t))) (e.peers.push(...m[1].split(' ').filter((w) => w !== 'default')), f.set('Peer', m[1], line))
      else if ((m = /^set (?:ikev1 )?(?:transform-set|ikev2 ipsec-proposal) (.+)$/.exec(t))) (e.transformSets.push(...m[1].split(' ')), f.set('Transform sets', m[1], line))
      else if ((m = /^set pfs ?(.*)$/.exec(t))) (e.pfs = true, e.dhGroup = dhGroupOf(m[1] || (r.asa ? 'group2' : 'group1')), f.set('PFS', m[1] || '(default group)', line))
      else if ((m = /^match address (\S+)$/.exec(t))) (e.accessList = m[1], f.set('match address', m[1], line))
      else if ((m = /^set security-association lifetime (seconds|kilobytes) (\d+)$/.exec(t))) {
        if (m[1] === 'seconds') e.lifetimeSec = toInt(m[2])
        else e.lifetimeKb = toInt(m[2])
        f.set(`lifetime ${m[1]}`, m[2], line)
      } else if (words[0] === 'set') f.set(words.slice(0, 2).join(' '), words.slice(2).join(' '), line)
      else if (words[0] === 'description' || words[0] === 'reverse-route' || words[0] === 'qos') f.set(words[0], words.slice(1).join(' '), line)
      // "no set nat-t-disable" (from "no crypto map VPN 10 set nat-t-disable"): the setting is off
      else if (words[0] === 'no' && words[1] === 'set' && words[2]) f.set(words.slice(1).join(' '), 'no', line)
      else r.acc.reject(line, 'unknown line in a crypto map entry')
    }
    if (!g.filtered && !e.isTemplate) {
      // an entry without its own lifetime has the global one ("crypto ipsec security-association
      // lifetime seconds 28800"), cited at that line, or else the platform default
      if (e.lifetimeSec === null && g.saSec) f.set('lifetime seconds', String(g.saSec.v), g.saSec.line)
      if (e.lifetimeKb === null && g.saKb) f.set('lifetime kilobytes', String(g.saKb.v), g.saKb.line)
      e.lifetimeSec ??= g.saSec?.v ?? (r.asa ? 28800 : 3600)
      e.lifetimeKb ??= g.saKb?.v ?? 4608000
    }
    const acl = e.accessList ? acls.get(e.accessList) : undefined
    if (acl) e.aclEntries = acl.entries.map((x) => x.text)
    for (const ts of e.transformSets) {
      const p = proposals.get(ts)
      if (p) e.transforms.push([...p.encryption, ...p.integrity].join(' '))
    }
    markMasked(e, 'peers')
    out.push(e)
  }
  for (const name of names) {
    const mine = entries.filter((e) => e.map === name && !e.isTemplate)
    const ifs = mapIfs.get(name) ?? []
    const f = new RawFields()
    f.set('Crypto Map', name, mine[0]?.start ?? r.lines[0]?.line.n ?? 1)
    f.set('Interfaces using crypto map', ifs.length ? ifs.join(' ') : '(none)', g.mapIfLines.get(name) ?? mine[0]?.start ?? 1)
    const local = ifs.map((i) => addrOfIf.get(i)).find((a) => a)
    if (local) f.set('local address', local, mine[0]?.start ?? 1)
    const start = Math.min(...mine.map((e) => e.start), ...(mine.length ? [] : [1]))
    const end = Math.max(...mine.map((e) => e.end), start)
    const m: CryptoMap = {kind: 'cryptoMap', id: ids.unique(`map:${name}`), source: sourceOf(r.ctx, start, end), raw: f.fields, name, interfaces: ifs, entryCount: mine.length}
    // no binding in a capture that could not have printed one: where the map is applied is unknown
    if (ifs.length === 0 && !bindingShown(r, name)) m.partial = true
    out.push(m)
  }
  return out
}

