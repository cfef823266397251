/**
 * Builders of the facts for who the device talks IKE to and how it protects a tunnel (split out of
 * build.ts): IKE gateways (IKEv2 profiles, keyrings, isakmp profiles/keys, ASA tunnel-groups), IPsec
 * profiles and tunnel interfaces.
 */
import {toInt} from '../../../reading/numbers.js'
import type {IkeGateway, IpsecPolicy, VpnTunnel} from '../../../model/index.js'
import type {Line} from '../../types.js'
import {IdRegistry, markMasked, RawFields} from '../common.js'
import {dhGroupOf} from '../../config/normalize.js'
import type {CiscoConfigReader, Section} from './reader.js'
import {base} from './build-base.js'
import {addressKind} from '../../../reading/address.js'

export function gateway(r: CiscoConfigReader, ids: IdRegistry, s: {start: number; end: number}, f: RawFields, name: string, origin: IkeGateway['origin'], extra: Partial<IkeGateway>): IkeGateway {
  const g: IkeGateway = {kind: 'ikeGateway', id: ids.unique(`gateway:${origin}:${name}`), ...base(r, s, f), name, origin, peers: [], ikePolicy: null, keyring: null, versions: [],
    pskSet: null, localIdentity: null, remoteIdentity: null, localAddress: null, externalInterface: null, dpd: null, dpdInterval: null, lifetimeSec: null, natTraversal: null, ...extra}
  markMasked(g, 'name', 'peers', 'localAddress')
  return g
}

/** "address 10.0.0.1", "fqdn vpn.example.com", "email a@b", "key-id X", "dn" -> identity. */
function identity(words: string[]): {type: string; value: string | null} {
  const type = words[0] === 'email' ? 'user-fqdn' : words[0] === 'hostname' ? 'fqdn' : words[0]
  const value = words[1] === 'domain' ? (words[2] ?? null) : (words[1] ?? null)
  return {type, value}
}

export function gatewayOf(r: CiscoConfigReader, s: Section, ids: IdRegistry, dpdGlobal: {interval: number | null; line: Line; text: string} | null, idGlobal: {type: string} | null, enabled: Set<1 | 2>): IkeGateway {
  const f = s.fields
  const origin: IkeGateway['origin'] = s.type === 'ikev2-profile' ? 'ikev2-profile' : s.type === 'ikev2-keyring-peer' ? 'ikev2-keyring' : s.type === 'tunnel-group' ? 'tunnel-group' : s.type === 'keyring' ? 'isakmp-key' : 'isakmp-profile'
  const g = gateway(r, ids, s, f, s.name, origin, {versions: s.type.startsWith('ikev2') ? [2] : s.type === 'tunnel-group' ? [] : [1]})
  const versions = new Set(g.versions)
  if (s.type === 'tunnel-group' && /^[\d.:]+$|^[xX<]/.test(s.name)) g.peers.push(s.name)
  for (const {words, line} of s.subs) {
    const t = words.join(' ')
    let m: RegExpExecArray | null
    // "address 198.51.100.2 [255.255.255.255]" (IKEv2 keyring peer)
    if (words[0] === 'address' && words[1]) (g.peers.push(words[1]), f.set('address', words[1], line))
    // "match identity remote address 198.51.100.2 255.255.255.255" / "match identity address 198.51.100.2"
    else if ((m = /^match identity (?:remote )?(address|fqdn|email|key-id) (?:domain )?(\S+)/.exec(t))) {
      f.set('match identity remote', words.slice(3).join(' '), line)
      if (m[1] === 'address') g.peers.push(m[2])
      g.remoteIdentity ??= identity([m[1], m[2]])
    }
    // "identity local address 203.0.113.1" / "self-identity fqdn" / "identity address 1.1.1.1" (keyring peer)
    else if ((m = /^(?:identity local|self-identity) (.+)$/.exec(t))) (g.localIdentity = identity(m[1].split(' ')), f.set('identity local', m[1], line))
    else if (words[0] === 'identity' && words[1]) (g.remoteIdentity = identity(words.slice(1)), f.set('identity', words.slice(1).join(' '), line))
    // "pre-shared-key [local|remote] <key>", "ikev1 pre-shared-key *****", "ikev2 remote-authentication pre-shared-key *****",
    // "authentication remote pre-share key <key>", "pre-shared-key address 1.2.3.4 key <key>" (keyring): the key is never kept
    else if (/(?:^|\s)pre-shared-key(?:\s|$)|^authentication (?:remote|local) pre-share key /.test(t)) {
      g.pskSet = true
      if (words[0] === 'ikev1') versions.add(1)
      if (words[0] === 'ikev2') versions.add(2)
      if ((m = /^pre-shared-key address (\S+)/.exec(t))) (g.peers.push(m[1]), f.set('pre-shared-key address', m[1], line))
      else f.set(words.slice(0, words.indexOf(words.find((w) => w.startsWith('pre-share')) ?? words[0]) + 1).join(' '), '(set)', line)
    } else if ((m = /^authentication (remote|local) (\S+)/.exec(t))) f.set(`authentication ${m[1]}`, m[2], line)
    // "pki trustpoint TP-CORP-CA" / "pki trustpoint TP-CORP-CA sign" / "pki trustpoint TP-CORP-CA verify"
    else if ((m = /^pki trustpoint (\S+)(?: (sign|verify))?$/.exec(t))) (g.trustpoints = [...(g.trustpoints ?? []), m[1]], f.set('pki trustpoint', m[2] ? `${m[1]} ${m[2]}` : m[1], line))
    else if (words[0] === 'keyring') (g.keyring = words[words.length - 1], f.set('keyring', g.keyring, line))
    // "dpd 10 5 on-demand" / "keepalive 10 retry 2" / ASA "isakmp keepalive threshold 10 retry 2" / "isakmp keepalive disable"
    else if ((m = /^(?:dpd|keepalive|isakmp keepalive threshold) (\d+)/.exec(t))) (g.dpd = true, g.dpdInterval = toInt(m[1]), f.set(words[0] === 'isakmp' ? 'isakmp keepalive' : words[0], words.slice(words[0] === 'isakmp' ? 2 : 1).join(' '), line))
    else if (t === 'isakmp keepalive disable') (g.dpd = false, f.set('isakmp keepalive', 'disable', line))
    else if (words[0] === 'lifetime' && words[1]) (g.lifetimeSec = toInt(words[words.length - 1]), f.set('lifetime', words.slice(1).join(' '), line))
    // "match address local 203.0.113.1" / "match address local interface Gi0/0"
    else if ((m = /^match address local (\S+)$/.exec(t))) (g.localAddress = m[1], f.set('match address local', m[1], line))
    else if (words[0] === 'match' || words[0] === 'description' || words[0] === 'peer-id-validate' || words[0] === 'nat' || words[0] === 'hostname' || /^ikev[12]$/.test(words[0])) f.set(words[0], words.slice(1).join(' '), line)
    else r.acc.reject(line, `unknown line in ${s.head.slice(0, 3).join(' ')}`)
  }
  if (s.type === 'tunnel-group' && versions.size === 0) for (const v of enabled) versions.add(v)
  g.versions = [...versions].sort()
  if (g.dpd === null && dpdGlobal && !g.versions.includes(2)) (g.dpd = true, g.dpdInterval = dpdGlobal.interval, f.set('crypto isakmp keepalive', dpdGlobal.text, dpdGlobal.line))
  if (s.type === 'tunnel-group' && g.dpd === null && !r.filtered) g.dpd = true // ASA keepalives are on by default for L2L
  if (!g.localIdentity && idGlobal) g.localIdentity = {type: idGlobal.type, value: null}
  markMasked(g, 'name', 'peers', 'localAddress')
  return g
}

export function ipsecProfileOf(r: CiscoConfigReader, s: Section, ids: IdRegistry): IpsecPolicy {
  const f = s.fields
  const p: IpsecPolicy = {kind: 'ipsecPolicy', id: ids.unique(`ipsec-profile:${s.name}`), ...base(r, s, f), name: s.name, proposals: [], transforms: [], pfs: r.filtered ? null : false,
    pfsGroup: null, ikeProfile: null, lifetimeSec: null, lifetimeKb: null}
  for (const {words, line} of s.subs) {
    const t = words.join(' ')
    let m: RegExpExecArray | null
    // "set transform-set TS1 TS2" / ASA "set ikev2 ipsec-proposal P" / "set ikev1 transform-set TS"
    if ((m = /^set (?:ikev1 )?(?:transform-set|ikev2 ipsec-proposal) (.+)$/.exec(t))) (p.proposals.push(...m[1].split(' ')), f.set(t.slice(0, t.length - m[1].length - 1), m[1], line))
    else if ((m = /^set pfs ?(.*)$/.exec(t))) (p.pfs = true, p.pfsGroup = dhGroupOf(m[1] || (r.asa ? 'group2' : 'group1')), f.set('set pfs', m[1], line))
    else if ((m = /^set (ikev2|isakmp)-profile (\S+)$/.exec(t))) (p.ikeProfile = m[2], f.set(`set ${m[1]}-profile`, m[2], line))
    else if ((m = /^set security-association lifetime (seconds|kilobytes) (\d+)$/.exec(t))) {
      if (m[1] === 'seconds') p.lifetimeSec = toInt(m[2])
      else p.lifetimeKb = toInt(m[2])
      f.set(`lifetime ${m[1]}`, m[2], line)
    } else if (words[0] === 'set') f.set(words.slice(0, 2).join(' '), words.slice(2).join(' '), line)
    else if (words[0] === 'description') f.set('description', words.slice(1).join(' '), line)
    else r.acc.reject(line, 'unknown line in crypto ipsec profile')
  }
  return p
}

export function tunnelOf(r: CiscoConfigReader, s: Section, ids: IdRegistry, addrOfIf: Map<string, string>): VpnTunnel {
  const f = s.fields
  const v: VpnTunnel = {kind: 'vpnTunnel', id: ids.unique(`tunnel:${s.name}`), ...base(r, s, f), name: s.name, routeBased: true, gateway: null, ipsecPolicy: null,
    bindInterface: s.name, tunnelSource: null, tunnelDestination: null, tunnelAddress: addrOfIf.get(s.name) ?? null, proxyIds: [], establishTunnels: null, shutdown: false}
  for (const {words, line} of s.subs) {
    const t = words.join(' ')
    let m: RegExpExecArray | null
    // "tunnel source GigabitEthernet0/0" / ASA "tunnel source interface outside"
    if ((m = /^tunnel source (?:interface )?(\S+)$/.exec(t))) (v.tunnelSource = m[1], f.set('tunnel source', m[1], line))
    else if ((m = /^tunnel destination (\S+)$/.exec(t))) (v.tunnelDestination = m[1], f.set('tunnel destination', m[1], line))
    else if ((m = /^tunnel protection ipsec profile (\S+)/.exec(t))) (v.ipsecPolicy = m[1], f.set('tunnel protection ipsec profile', m[1], line))
    else if (words[0] === 'tunnel' && words[1] === 'mode') f.set('tunnel mode', words.slice(2).join(' '), line)
    else if (t === 'shutdown') (v.shutdown = true, f.set('shutdown', '', line))
  }
  const local = v.tunnelSource ? (addrOfIf.get(v.tunnelSource) ?? (addressKind(v.tunnelSource) !== null ? v.tunnelSource : null)) : null
  if (local) f.set('local address', local, s.start)
  markMasked(v, 'tunnelDestination', 'tunnelSource', 'tunnelAddress')
  return v
}

