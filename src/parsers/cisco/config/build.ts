/**
 * Facts from the sections of a Cisco configuration (reader.ts). Settings a running-config hides
 * because they are defaults are filled with the platform default, the raw value then reads
 * "(default)"; a `| include` capture (filtered) gets no defaults and every fact is partial.
 */
import type {AccessList, CryptoMap, CryptoMapEntry, Fact, IkeGateway, IkePolicy, IkeProposal, IpsecPolicy, IpsecProposal, NatRule, NetObject, VpnTunnel} from '../../../model/index.js'
import type {Line, ParseResult} from '../../types.js'
import {sourceOf} from '../../types.js'
import {IdRegistry, markMasked, RawFields} from '../common.js'
import {authOf, dhGroupOf, encryptionOf, integrityOf, maskBits} from '../../config/normalize.js'
import {aclEntry} from './acl.js'
import {settleLines} from '../../config/settle.js'
import type {CiscoConfigReader, Section} from './reader.js'

type Sub = {words: string[]; line: Line}

/** Raw label of the line that opens a section (cited so the line counts as read into the fact). */
const HEAD_LABEL: Partial<Record<Section['type'], string>> = {
  'ike-policy': 'policy', 'ikev2-policy': 'policy', 'ikev2-proposal': 'proposal', 'ikev2-keyring-peer': 'peer', 'ikev2-profile': 'profile',
  'isakmp-profile': 'profile', keyring: 'keyring', 'transform-set': 'transform-set', 'ipsec-proposal': 'ipsec-proposal', 'ipsec-profile': 'profile',
  interface: 'interface', acl: 'access-list', object: 'object', 'tunnel-group': 'tunnel-group',
}

const base = (r: CiscoConfigReader, s: {start: number; end: number}, fields: RawFields) => ({source: sourceOf(r.ctx, s.start, s.end), raw: fields.fields})

/** "aes 256" / "aes-256" / "3des" word lists to normalized ciphers ("encr aes 256" gives ["aes-256"]). */
function ciphers(words: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1]
    if (next && /^(128|192|256)$/.test(next)) {
      out.push(encryptionOf(words[i], next))
      i++
    } else out.push(encryptionOf(words[i]))
  }
  return out
}

/** Transform words of a transform set: "esp-aes 256 esp-sha-hmac" -> encryption/integrity/protocol. */
export function transformsOf(words: string[]): {encryption: string[]; integrity: string[]; protocol: string | null} {
  const encryption: string[] = []
  const integrity: string[] = []
  let protocol: string | null = null
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase()
    if (w.startsWith('ah-')) protocol = 'ah'
    else if (w.startsWith('esp-') && protocol === null) protocol = 'esp'
    if (/hmac$|^esp-none$/.test(w)) integrity.push(integrityOf(w))
    else if (/^esp-/.test(w)) {
      const bits = words[i + 1] && /^(128|192|256)$/.test(words[i + 1]) ? words[++i] : null
      encryption.push(encryptionOf(w, bits))
    } else if (w === 'comp-lzs') continue
  }
  return {encryption, integrity, protocol}
}

/** Defaults a running-config leaves out (Cisco command references of `crypto isakmp policy` / `crypto ikev1 policy`). */
const IKEV1_DEFAULTS = {
  ios: {encryption: 'des', integrity: 'sha1', authentication: 'rsa-sig', group: 1, lifetime: 86400},
  asa: {encryption: '3des', integrity: 'sha1', authentication: 'pre-share', group: 2, lifetime: 86400},
}

export function buildFacts(r: CiscoConfigReader): ParseResult {
  const ids = new IdRegistry()
  const facts: Fact[] = []
  const filtered = r.filtered
  const addrOfIf = new Map<string, string>()
  const mapIfs = new Map<string, string[]>()
  const acls = new Map<string, AccessList>()
  let dpdGlobal: {on: boolean; interval: number | null; line: Line; text: string} | null = null
  let identityGlobal: {type: string; line: Line} | null = null
  let saSec: {v: number; line: Line} | null = null
  let saKb: {v: number; line: Line} | null = null
  const enabled = new Set<1 | 2>()
  const addMapIf = (map: string, ifName: string) => mapIfs.set(map, [...(mapIfs.get(map) ?? []), ifName])

  // one-liners first: they hold globals the sections read
  for (const {words, line} of r.lines) {
    const t = words.join(' ')
    let m: RegExpExecArray | null
    // "crypto isakmp keepalive 10 3 periodic"
    if ((m = /^crypto isakmp keepalive (\d+)/.exec(t))) dpdGlobal = {on: true, interval: Number(m[1]), line, text: words.slice(3).join(' ')}
    // "crypto isakmp identity hostname"
    else if ((m = /^crypto isakmp identity (\S+)/.exec(t))) identityGlobal = {type: m[1] === 'hostname' ? 'fqdn' : m[1], line}
    // "crypto ipsec security-association lifetime seconds 28800"
    else if ((m = /^crypto ipsec security-association lifetime (seconds|kilobytes) (\d+)$/.exec(t))) {
      if (m[1] === 'seconds') saSec = {v: Number(m[2]), line}
      else saKb = {v: Number(m[2]), line}
    }
    // "crypto ikev1 enable outside" / "crypto isakmp enable outside"
    else if ((m = /^crypto (ikev1|isakmp|ikev2) enable \S+/.exec(t))) enabled.add(m[1] === 'ikev2' ? 2 : 1)
    // ASA "crypto map VPN interface outside"
    else if ((m = /^crypto map (\S+) interface (\S+)$/.exec(t))) addMapIf(m[1], m[2])
    // "crypto map VPN" under an interface the include filter left out
    else if ((m = /^\(orphan\) crypto map (\S+)$/.exec(t)) || (m = /^crypto map (\S+)$/.exec(t))) addMapIf(m[1], '(filtered)')
  }

  for (const s of r.sections) {
    if (s.type !== 'interface') continue
    const nameif = s.subs.find((x) => x.words[0] === 'nameif')?.words[1]
    for (const {words, line} of s.subs) {
      // "ip address 203.0.113.1 255.255.255.0 [standby 203.0.113.2]"
      if (words[0] === 'ip' && words[1] === 'address' && words[2] && words[3] !== undefined) {
        addrOfIf.set(s.name, words[2])
        if (nameif) addrOfIf.set(nameif, words[2])
        s.fields.set('ip address', words[2], line)
      } else if (words[0] === 'crypto' && words[1] === 'map' && words[2]) addMapIf(words[2], s.name)
    }
  }
  for (const s of r.sections) {
    const tunnel = s.type === 'interface' && s.subs.some((x) => x.words[0] === 'tunnel' && (x.words[1] === 'protection' || (x.words[1] === 'mode' && x.words[2] === 'ipsec')))
    if (tunnel) facts.push(tunnelOf(r, s, ids, addrOfIf))
  }

  for (const {words, line} of r.lines) if (words[0] === 'access-list') aclLine(r, words, line, acls)
  for (const s of r.sections) {
    if (s.type !== 'acl') continue
    const acl = aclOf(r, acls, s.name, s.head[2] ?? null, s.start)
    acl.source.startLine = Math.min(acl.source.startLine, s.start)
    for (const {words, line} of s.subs) {
      if (words[0] === 'remark' || (words[1] === 'remark' && /^\d+$/.test(words[0]))) continue
      const e = aclEntry(words, line.n, words.join(' '), r.asa, s.head[2] === 'standard')
      if (e) acl.entries.push(e)
      acl.source.endLine = Math.max(acl.source.endLine, line.n)
    }
  }
  for (const acl of acls.values()) acl.entries.forEach((e, i) => (acl.raw[`entry ${i + 1}`] = {value: e.text, line: e.line}))
  facts.push(...acls.values())

  for (const s of r.sections) {
    const f = s.fields
    const sub = (w: string) => s.subs.filter((x) => x.words[0] === w)
    switch (s.type) {
      case 'ike-policy': {
        const enc = s.subs.find((x) => x.words[0] === 'encr' || x.words[0] === 'encryption')
        const hash = sub('hash')[0]
        const auth = sub('authentication')[0]
        const group = sub('group')[0]
        const life = sub('lifetime')[0]
        const d = IKEV1_DEFAULTS[r.asa ? 'asa' : 'ios']
        const dflt = (label: string, x: Sub | undefined, from: number) => {
          if (x) f.set(label, x.words.slice(from).join(' '), x.line)
          else if (!filtered) f.set(label, '(default)', s.start)
        }
        dflt('encryption', enc, 1)
        dflt('hash', hash, 1)
        dflt('authentication', auth, 1)
        dflt('group', group, 1)
        dflt('lifetime', life, life?.words[1] === 'seconds' ? 2 : 1)
        const fact: IkeProposal = {kind: 'ikeProposal', id: ids.unique(`ike-proposal:v1:${s.name}`), ...base(r, s, f), name: s.name, version: 1, isDefault: false,
          encryption: enc ? ciphers(enc.words.slice(1)) : filtered ? [] : [d.encryption],
          integrity: hash ? [integrityOf(hash.words[1])] : filtered ? [] : [d.integrity], prf: [],
          dhGroups: group ? group.words.slice(1).map(Number).filter(Number.isInteger) : filtered ? [] : [d.group],
          authentication: auth ? authOf(auth.words[1]) : filtered ? null : d.authentication,
          lifetimeSec: life ? Number(life.words[life.words.length - 1]) : filtered ? null : d.lifetime}
        if (filtered) fact.partial = true
        facts.push(fact)
        break
      }
      case 'ikev2-policy':
      case 'ikev2-proposal': {
        const proposals = sub('proposal').flatMap((x) => x.words.slice(1))
        if (s.type === 'ikev2-policy' && (!r.asa || proposals.length > 0)) {
          for (const x of sub('proposal')) f.set('proposal', x.words.slice(1).join(' '), x.line)
          const local = s.subs.filter((x) => x.words[0] === 'match' && x.words[1] === 'address' && x.words[2] === 'local').map((x) => x.words[3])
          const fact: IkePolicy = {kind: 'ikePolicy', id: ids.unique(`ikev2-policy:${s.name}`), ...base(r, s, f), name: s.name, proposals, mode: null, pskSet: null, matchLocal: local}
          facts.push(fact)
          break
        }
        const list = (w: string) => sub(w).flatMap((x) => {
          f.set(w, x.words.slice(1).join(' '), x.line)
          return x.words.slice(1)
        })
        const enc = list('encryption')
        const integ = list('integrity')
        const prf = list('prf')
        const groups = list('group').map(Number).filter(Number.isInteger)
        const life = sub('lifetime')[0]
        if (life) f.set('lifetime', life.words.slice(1).join(' '), life.line)
        const fact: IkeProposal = {kind: 'ikeProposal', id: ids.unique(`ike-proposal:v2:${s.name}`), ...base(r, s, f), name: s.name, version: 2, isDefault: s.name === 'default',
          encryption: enc.map((e) => encryptionOf(e)), integrity: integ.map(integrityOf), prf: prf.map(integrityOf), dhGroups: groups,
          authentication: null, lifetimeSec: life ? Number(life.words[life.words.length - 1]) : null}
        facts.push(fact)
        break
      }
      case 'transform-set':
      case 'ipsec-proposal': {
        const words = s.type === 'transform-set' ? s.head.slice(s.head.indexOf(s.name) + 1) : []
        if (words.length) f.set('transforms', words.join(' '), s.start)
        let t = transformsOf(words)
        if (s.type === 'ipsec-proposal') {
          // "protocol esp encryption aes-256 aes-192" / "protocol esp integrity sha-256 sha-1"
          const enc = s.subs.filter((x) => x.words[2] === 'encryption').flatMap((x) => (f.set('protocol esp encryption', x.words.slice(3).join(' '), x.line), x.words.slice(3)))
          const integ = s.subs.filter((x) => x.words[2] === 'integrity').flatMap((x) => (f.set('protocol esp integrity', x.words.slice(3).join(' '), x.line), x.words.slice(3)))
          t = {protocol: 'esp', encryption: enc.map((e) => encryptionOf(e)), integrity: integ.map(integrityOf)}
        }
        const mode = sub('mode')[0]
        if (mode) f.set('mode', mode.words[1], mode.line)
        const fact: IpsecProposal = {kind: 'ipsecProposal', id: ids.unique(`ipsec-proposal:${s.name}`), ...base(r, s, f), name: s.name, protocol: t.protocol,
          encryption: t.encryption, integrity: t.integrity, mode: mode ? mode.words[1] : filtered || r.asa ? null : 'tunnel', lifetimeSec: null, lifetimeKb: null}
        facts.push(fact)
        break
      }
      case 'ipsec-profile':
        facts.push(ipsecProfileOf(r, s, ids))
        break
      case 'ikev2-profile':
      case 'ikev2-keyring-peer':
      case 'isakmp-profile':
      case 'keyring':
      case 'tunnel-group':
        facts.push(gatewayOf(r, s, ids, dpdGlobal, identityGlobal, enabled))
        break
      case 'object':
        facts.push(objectOf(r, s, ids))
        break
      default:
        break
    }
  }
  for (const {words, line} of r.lines) {
    const t = words.join(' ')
    // "crypto isakmp key <key> address 198.51.100.2 [255.255.255.255] [no-xauth]": the key is never kept
    const m = /^crypto isakmp key \S+ address (\S+)/.exec(t)
    if (m) {
      const f = new RawFields()
      f.set('address', m[1], line)
      const g = gateway(r, ids, {start: line.n, end: line.n}, f, m[1], 'isakmp-key', {peers: [m[1]], versions: [1], pskSet: true})
      if (dpdGlobal) (g.dpd = true, g.dpdInterval = dpdGlobal.interval, f.set('crypto isakmp keepalive', dpdGlobal.text, dpdGlobal.line))
      if (identityGlobal) g.localIdentity = {type: identityGlobal.type, value: null}
      facts.push(g)
    }
    // ASA "tunnel-group 198.51.100.2 type ipsec-l2l": the ipsec-attributes section adds the rest
    if (words[0] === 'tunnel-group' && words[2] === 'type' && !r.sections.some((s) => s.type === 'tunnel-group' && s.name === words[1])) {
      const f = new RawFields()
      f.set('type', words[3] ?? '', line)
      facts.push(gateway(r, ids, {start: line.n, end: line.n}, f, words[1], 'tunnel-group', {peers: words[1] && /^[\d.:]+$/.test(words[1]) ? [words[1]] : [], versions: [...enabled].sort()}))
    }
    if (words[0] === 'nat' || (words[0] === 'ip' && words[1] === 'nat')) {
      const n = natOf(r, words, line, ids, null)
      if (n) facts.push(n)
    }
  }
  facts.push(...cryptoMaps(r, ids, mapIfs, addrOfIf, acls, facts, {saSec, saKb, filtered}))
  // section heads are cited by the facts they open
  for (const s of r.sections) {
    const head = HEAD_LABEL[s.type]
    const fact = facts.find((f) => f.source.startLine === s.start && f.source.endLine >= s.start)
    if (head && fact && !Object.values(fact.raw).some((x) => x.line === s.start)) fact.raw[head] = {value: s.name, line: s.start}
  }
  for (const f of facts) {
    if (filtered) f.partial = true
    r.acc.add(f)
  }
  settleLines(r.acc, r.allLines, [...facts, ...r.acc.facts])
  return r.acc.finish()
}

function gateway(r: CiscoConfigReader, ids: IdRegistry, s: {start: number; end: number}, f: RawFields, name: string, origin: IkeGateway['origin'], extra: Partial<IkeGateway>): IkeGateway {
  const g: IkeGateway = {kind: 'ikeGateway', id: ids.unique(`gateway:${origin}:${name}`), ...base(r, s, f), name, origin, peers: [], ikePolicy: null, keyring: null, versions: [],
    pskSet: null, localIdentity: null, remoteIdentity: null, localAddress: null, externalInterface: null, dpd: null, dpdInterval: null, lifetimeSec: null, natTraversal: null, ...extra}
  markMasked(g, 'peers', 'localAddress')
  return g
}

/** "address 10.0.0.1", "fqdn vpn.example.com", "email a@b", "key-id X", "dn" -> identity. */
function identity(words: string[]): {type: string; value: string | null} {
  const type = words[0] === 'email' ? 'user-fqdn' : words[0] === 'hostname' ? 'fqdn' : words[0]
  const value = words[1] === 'domain' ? (words[2] ?? null) : (words[1] ?? null)
  return {type, value}
}

function gatewayOf(r: CiscoConfigReader, s: Section, ids: IdRegistry, dpdGlobal: {interval: number | null; line: Line; text: string} | null, idGlobal: {type: string} | null, enabled: Set<1 | 2>): IkeGateway {
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
    else if (words[0] === 'keyring') (g.keyring = words[words.length - 1], f.set('keyring', g.keyring, line))
    // "dpd 10 5 on-demand" / "keepalive 10 retry 2" / ASA "isakmp keepalive threshold 10 retry 2" / "isakmp keepalive disable"
    else if ((m = /^(?:dpd|keepalive|isakmp keepalive threshold) (\d+)/.exec(t))) (g.dpd = true, g.dpdInterval = Number(m[1]), f.set(words[0] === 'isakmp' ? 'isakmp keepalive' : words[0], words.slice(words[0] === 'isakmp' ? 2 : 1).join(' '), line))
    else if (t === 'isakmp keepalive disable') (g.dpd = false, f.set('isakmp keepalive', 'disable', line))
    else if (words[0] === 'lifetime' && words[1]) (g.lifetimeSec = Number(words[words.length - 1]), f.set('lifetime', words.slice(1).join(' '), line))
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
  markMasked(g, 'peers', 'localAddress')
  return g
}

function ipsecProfileOf(r: CiscoConfigReader, s: Section, ids: IdRegistry): IpsecPolicy {
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
      if (m[1] === 'seconds') p.lifetimeSec = Number(m[2])
      else p.lifetimeKb = Number(m[2])
      f.set(`lifetime ${m[1]}`, m[2], line)
    } else if (words[0] === 'set') f.set(words.slice(0, 2).join(' '), words.slice(2).join(' '), line)
    else if (words[0] === 'description') f.set('description', words.slice(1).join(' '), line)
    else r.acc.reject(line, 'unknown line in crypto ipsec profile')
  }
  return p
}

function tunnelOf(r: CiscoConfigReader, s: Section, ids: IdRegistry, addrOfIf: Map<string, string>): VpnTunnel {
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
  const local = v.tunnelSource ? (addrOfIf.get(v.tunnelSource) ?? (/^[\d.]+$/.test(v.tunnelSource) ? v.tunnelSource : null)) : null
  if (local) f.set('local address', local, s.start)
  markMasked(v, 'tunnelDestination')
  return v
}

function objectOf(r: CiscoConfigReader, s: Section, ids: IdRegistry): NetObject {
  const o: NetObject = {kind: 'netObject', id: ids.unique(`object:${s.name}`), ...base(r, s, s.fields), name: s.name, objectType: s.head[0] === 'object' ? 'network' : 'network-group', prefixes: []}
  for (const {words, line} of s.subs) {
    const w = words[0] === 'network-object' ? words.slice(1) : words
    // "subnet 10.1.1.0 255.255.255.0" / "network-object 10.1.1.0 255.255.255.0" / "host 10.1.1.5" / "network-object object X"
    if ((w[0] === 'subnet' || /^\d/.test(w[0])) && w.length >= 2) {
      const [a, mask] = w[0] === 'subnet' ? [w[1], w[2]] : [w[0], w[1]]
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

function aclOf(r: CiscoConfigReader, acls: Map<string, AccessList>, name: string, aclType: string | null, line: number): AccessList {
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
function aclLine(r: CiscoConfigReader, words: string[], line: Line, acls: Map<string, AccessList>): void {
  const name = words[1]
  let rest = words.slice(2)
  let type: string | null = /^\d+$/.test(name) ? (Number(name) < 100 || (Number(name) >= 1300 && Number(name) < 2000) ? 'standard' : 'extended') : null
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
function natOf(r: CiscoConfigReader, words: string[], line: Line, ids: IdRegistry, objectName: string | null): NatRule | null {
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
    n.name = objectName ? `object ${objectName} nat (${m[1]},${m[2]})` : `nat (${m[1]},${m[2]}) line ${line.n}`
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

function cryptoMaps(r: CiscoConfigReader, ids: IdRegistry, mapIfs: Map<string, string[]>, addrOfIf: Map<string, string>, acls: Map<string, AccessList>, facts: Fact[],
  g: {saSec: {v: number; line: Line} | null; saKb: {v: number; line: Line} | null; filtered: boolean}): Fact[] {
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
        if (m[1] === 'seconds') e.lifetimeSec = Number(m[2])
        else e.lifetimeKb = Number(m[2])
        f.set(`lifetime ${m[1]}`, m[2], line)
      } else if (words[0] === 'set') f.set(words.slice(0, 2).join(' '), words.slice(2).join(' '), line)
      else if (words[0] === 'description' || words[0] === 'reverse-route' || words[0] === 'qos') f.set(words[0], words.slice(1).join(' '), line)
      else r.acc.reject(line, 'unknown line in a crypto map entry')
    }
    if (!g.filtered && !e.isTemplate) {
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
    f.set('Interfaces using crypto map', ifs.length ? ifs.join(' ') : '(none)', mine[0]?.start ?? 1)
    const local = ifs.map((i) => addrOfIf.get(i)).find((a) => a)
    if (local) f.set('local address', local, mine[0]?.start ?? 1)
    const start = Math.min(...mine.map((e) => e.start), ...(mine.length ? [] : [1]))
    const end = Math.max(...mine.map((e) => e.end), start)
    const m: CryptoMap = {kind: 'cryptoMap', id: ids.unique(`map:${name}`), source: sourceOf(r.ctx, start, end), raw: f.fields, name, interfaces: ifs, entryCount: mine.length}
    out.push(m)
  }
  return out
}
