/**
 * Facts from the sections of a Cisco configuration (reader.ts). Settings a running-config hides
 * because they are defaults are filled with the platform default, the raw value then reads
 * "(default)"; a `| include` capture (filtered) gets no defaults and every fact is partial.
 */
import {toInt} from '../../../reading/numbers.js'
import type {AccessList, Fact, IkePolicy, IkeProposal, IpsecProposal} from '../../../model/index.js'
import type {Line, ParseResult} from '../../types.js'
import {IdRegistry, RawFields} from '../common.js'
import {authOf, encryptionOf, integrityOf} from '../../config/normalize.js'
import {aclEntry} from './acl.js'
import {addressKind} from '../../../reading/address.js'
import {settleLines} from '../../config/settle.js'
import type {CiscoConfigReader, Section} from './reader.js'

import {base} from './build-base.js'
import {gateway, gatewayOf, ipsecProfileOf, tunnelOf} from './build-gateway.js'
import {aclLine, aclOf, cryptoMaps, natOf, objectOf} from './build-maps.js'
import {ciphers, transformsOf} from './transforms.js'
import {bindingShown} from './binding.js'
import {isakmpPeerOf} from './build-peer.js'
import {rawSet} from '../../../model/raw.js'

/** Kept here for the parsers that import it from build.js. */
export {transformsOf} from './transforms.js'

type Sub = {words: string[]; line: Line}

/** Raw label of the line that opens a section (cited so the line counts as read into the fact). */
const HEAD_LABEL: Partial<Record<Section['type'], string>> = {
  'ike-policy': 'policy', 'ikev2-policy': 'policy', 'ikev2-proposal': 'proposal', 'ikev2-keyring-peer': 'peer', 'ikev2-profile': 'profile',
  'isakmp-profile': 'profile', keyring: 'keyring', 'transform-set': 'transform-set', 'ipsec-proposal': 'ipsec-proposal', 'ipsec-profile': 'profile',
  interface: 'interface', acl: 'access-list', object: 'object', 'tunnel-group': 'tunnel-group', 'isakmp-peer': 'peer',
}


/** Defaults a running-config leaves out (Cisco command references of `crypto isakmp policy` / `crypto ikev1 policy`). */
const IKEV1_DEFAULTS = {
  ios: {encryption: 'des', integrity: 'sha1', authentication: 'rsa-sig', group: 1, lifetime: 86400},
  asa: {encryption: '3des', integrity: 'sha1', authentication: 'pre-share', group: 2, lifetime: 86400},
}

// lines only the whole ASA configuration prints: "ASA Version 9.8(4)32", ": Saved", "hostname fw-edge-01"
const ASA_WHOLE_CONFIG = /^(?:ASA Version |: Saved|hostname )/

// the line ASA prints last in a record: "lifetime 86400" / "lifetime seconds 86400" ends a crypto ikev1 or
// ikev2 policy, "protocol esp integrity sha-256 sha-1" an ikev2 ipsec-proposal
const ASA_RECORD_END: [RegExp, Section['type'][]][] = [[/^lifetime (?:seconds )?\d+$/, ['ike-policy', 'ikev2-policy']], [/^protocol esp integrity \S/, ['ipsec-proposal']]]
// a one-line ASA record nothing continues: "crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac",
// "tunnel-group 198.51.100.2 type ipsec-l2l", "crypto map VPN interface outside", "crypto ikev1 enable outside"
const ASA_ONE_LINE_RECORD = /^(?:crypto ipsec ikev1 transform-set \S+ \S|tunnel-group \S+ type \S+$|crypto map \S+ interface \S+$|crypto ikev[12] enable \S+$)/

/**
 * An ASA `show running-config <section>` view (the typed command names a section, no line of the
 * whole configuration is there) prints no closing line: it ends whole when its last line is the one
 * ASA prints last in that record, or a one-line record.
 */
function asaViewEndsWhole(r: CiscoConfigReader, last: Line): boolean {
  if (!r.asa || r.ctx.command === 'show running-config' || r.allLines.some((l) => ASA_WHOLE_CONFIG.test(l.text))) return false
  if (ASA_ONE_LINE_RECORD.test(last.text)) return true
  const s = r.sections.find((x) => x.start < last.n && x.end >= last.n)
  return !!s && ASA_RECORD_END.some(([re, types]) => types.includes(s.type) && re.test(last.text))
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
  // the line of a map's first binding to an interface, cited by the map's "Interfaces using crypto map"
  const mapIfLines = new Map<string, number>()
  const addMapIf = (map: string, ifName: string, line: Line) => {
    mapIfs.set(map, [...(mapIfs.get(map) ?? []), ifName])
    if (!mapIfLines.has(map)) mapIfLines.set(map, line.n)
  }

  // one-liners first: they hold globals the sections read
  for (const {words, line} of r.lines) {
    const t = words.join(' ')
    let m: RegExpExecArray | null
    // "crypto isakmp keepalive 10 3 periodic"
    if ((m = /^crypto isakmp keepalive (\d+)/.exec(t))) dpdGlobal = {on: true, interval: toInt(m[1]), line, text: words.slice(3).join(' ')}
    // "crypto isakmp identity hostname"
    else if ((m = /^crypto isakmp identity (\S+)/.exec(t))) identityGlobal = {type: m[1] === 'hostname' ? 'fqdn' : m[1], line}
    // "crypto ipsec security-association lifetime seconds 28800"
    else if ((m = /^crypto ipsec security-association lifetime (seconds|kilobytes) (\d+)$/.exec(t))) {
      const v = toInt(m[2])
      if (v === null) r.acc.reject(line, 'lifetime not a number')
      else if (m[1] === 'seconds') saSec = {v, line}
      else saKb = {v, line}
    }
    // "crypto ikev1 enable outside" / "crypto isakmp enable outside"
    else if ((m = /^crypto (ikev1|isakmp|ikev2) enable \S+/.exec(t))) enabled.add(m[1] === 'ikev2' ? 2 : 1)
    // ASA "crypto map VPN interface outside"
    else if ((m = /^crypto map (\S+) interface (\S+)$/.exec(t))) addMapIf(m[1], m[2], line)
    // "crypto map VPN" under an interface the include filter left out
    else if ((m = /^\(orphan\) crypto map (\S+)$/.exec(t)) || (m = /^crypto map (\S+)$/.exec(t))) addMapIf(m[1], '(filtered)', line)
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
      } else if (words[0] === 'crypto' && words[1] === 'map' && words[2]) addMapIf(words[2], s.name, line)
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
  for (const acl of acls.values()) acl.entries.forEach((e, i) => rawSet(acl.raw, `entry ${i + 1}`, e.text, e.line))
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
          // "hash" cut before its value gives no integrity rather than a default
          integrity: hash ? (hash.words[1] !== undefined ? [integrityOf(hash.words[1])] : []) : filtered ? [] : [d.integrity], prf: [],
          dhGroups: group ? group.words.slice(1).map((g) => toInt(g)).filter((g): g is number => g !== null) : filtered ? [] : [d.group],
          authentication: auth ? (auth.words[1] !== undefined ? authOf(auth.words[1]) : null) : filtered ? null : d.authentication,
          lifetimeSec: life ? toInt(life.words[life.words.length - 1]) : filtered ? null : d.lifetime}
        if (filtered) fact.partial = true
        facts.push(fact)
        break
      }
      case 'ikev2-policy':
      case 'ikev2-proposal': {
        const proposals = sub('proposal').flatMap((x) => x.words.slice(1))
        if (s.type === 'ikev2-policy' && (!r.asa || proposals.length > 0)) {
          for (const x of sub('proposal')) f.set('proposal', x.words.slice(1).join(' '), x.line)
          const local = s.subs.filter((x) => x.words[0] === 'match' && x.words[1] === 'address' && x.words[2] === 'local' && x.words[3] !== undefined).map((x) => x.words[3])
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
        const groups = list('group').map((g) => toInt(g)).filter((g): g is number => g !== null)
        const life = sub('lifetime')[0]
        if (life) f.set('lifetime', life.words.slice(1).join(' '), life.line)
        const fact: IkeProposal = {kind: 'ikeProposal', id: ids.unique(`ike-proposal:v2:${s.name}`), ...base(r, s, f), name: s.name, version: 2, isDefault: s.name === 'default',
          encryption: enc.map((e) => encryptionOf(e)), integrity: integ.map(integrityOf), prf: prf.map(integrityOf), dhGroups: groups,
          authentication: null, lifetimeSec: life ? toInt(life.words[life.words.length - 1]) : null}
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
        // a "mode" line cut before its value sets nothing
        const mode = sub('mode').find((x) => x.words[1] !== undefined)
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
      case 'isakmp-peer':
        facts.push(isakmpPeerOf(r, s, ids))
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
    // "crypto isakmp key <key> address 198.51.100.2 [255.255.255.255] [no-xauth]", with the key's type
    // ("key 6 <encrypted> address ...", "key 0 <clear> address ...") and over IPv6 ("address ipv6
    // 2001:db8::2/128"): the key is never kept
    const m = /^crypto isakmp key (?:[067] )?\S+ address (?:ipv6 )?([^\s/]+)/.exec(t)
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
      facts.push(gateway(r, ids, {start: line.n, end: line.n}, f, words[1], 'tunnel-group', {peers: words[1] && addressKind(words[1]) !== null ? [words[1]] : [], versions: [...enabled].sort()}))
    }
    if (words[0] === 'nat' || (words[0] === 'ip' && words[1] === 'nat')) {
      const n = natOf(r, words, line, ids, null)
      if (n) facts.push(n)
    }
  }
  facts.push(...cryptoMaps(r, ids, mapIfs, addrOfIf, acls, facts, {saSec, saKb, filtered, mapIfLines}))
  // section heads are cited by the facts they open
  for (const s of r.sections) {
    const head = HEAD_LABEL[s.type]
    const fact = facts.find((f) => f.source.startLine === s.start && f.source.endLine >= s.start)
    if (head && fact && !fact.raw.lines.includes(s.start)) rawSet(fact.raw, head, s.name, s.start)
  }
  // a capture cut inside a record: the output does not end with a line that closes it ("!", "end",
  // ": end") nor with a one-line record; the records holding its last line may lack what followed.
  // An ASA view (`show running-config crypto`, `... crypto map`, `... tunnel-group P`) prints no
  // closing line at all: there the line a record ends with says it (asaViewEndsWhole)
  const last = [...r.allLines].reverse().find((l) => l.text !== '')
  const closed = !last || asaViewEndsWhole(r, last) || /^(?:!.*|end|:.*)$/.test(last.text) || /^(?:crypto isakmp key |nat |ip nat )/.test(last.text)
  for (const f of facts) {
    // a map with no binding where the filter keeps binding lines ("| include crypto map") is whole:
    // it is not applied (a binding under an interface the filter left out reads "(filtered)", partial)
    if (filtered) {
      if (!(f.kind === 'cryptoMap' && !f.partial && f.interfaces.length === 0 && bindingShown(r, f.name))) f.partial = true
    } else if (!closed && last && f.kind !== 'natRule' && f.source.startLine <= last.n && f.source.endLine >= last.n) f.partial = true
    r.acc.add(f)
  }
  settleLines(r.acc, r.allLines, [...facts, ...r.acc.facts])
  return r.acc.finish()
}

