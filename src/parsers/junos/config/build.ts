/**
 * Junos configuration statements (full paths, show-configuration.ts) to facts: `security ike`
 * proposals, policies, gateways; `security ipsec` proposals, policies, vpns; MX `services ipsec-vpn`
 * ike/ipsec proposals and policies and rule terms; legacy ES-PIC `interfaces es-*` tunnel units
 * (es-tunnel.ts). Junos defaults a configuration does not print are
 * filled (IKE lifetime 28800 s, IPsec 3600 s, IKE version v1-only, no DPD, no PFS) with the raw value
 * "(default)". Pre-shared keys are never kept: only that one is set.
 */
import {toInt} from '../../../reading/numbers.js'
import type {Fact, IkeGateway, IkePolicy, IkeProposal, IpsecPolicy, IpsecProposal, Selector, VpnTunnel} from '../../../model/index.js'
import type {LineAccount} from '../../account.js'
import {RawFields, IdRegistry, markMasked} from '../../cisco/common.js'
import {authOf, dhGroupOf, encryptionOf, integrityOf} from '../../config/normalize.js'
import type {Line, ParseContext, ParseResult} from '../../types.js'
import {sourceOf} from '../../types.js'
import {settleLines} from '../../config/settle.js'
import {esTunnelOf, esUnit} from './es-tunnel.js'
import {addressKind} from '../../../reading/address.js'

export interface Statement {
  path: string[]
  line: Line
  inactive: boolean
}

/** Statements of one named object ("security ike gateway GW"): the words after its name. */
export interface Obj {
  area: 'security' | 'services' | 'interfaces'
  section: 'ike' | 'ipsec' | 'rule' | 'es'
  type: string
  name: string
  rest: {words: string[]; line: Line}[]
}

const IDENTITY: Record<string, string> = {inet: 'address', inet6: 'address', hostname: 'fqdn', 'user-at-hostname': 'user-fqdn', 'distinguished-name': 'dn', 'key-id': 'key-id'}

function group(statements: Statement[], acc: LineAccount): Obj[] {
  const objs = new Map<string, Obj>()
  const ruleLines: {rule: string; words: string[]; line: Line}[] = []
  const serviceSets = new Map<string, {rules: string[]; localGateway: {words: string[]; line: Line} | null}>()
  for (const s of statements) {
    const p = s.path
    let i = p.indexOf('security')
    let area: Obj['area'] = 'security'
    if (p[0] === 'services' && p[1] === 'service-set' && p[2] !== undefined && !s.inactive) {
      serviceSetStatement(serviceSets, p, s.line, acc)
      continue
    }
    if (p[0] === 'services' && p[1] === 'ipsec-vpn') (i = 1, area = 'services')
    else if (esUnit(p, s, objs, acc)) continue
    else if (i < 0 || (p[0] !== 'security' && p[0] !== 'logical-systems')) {
      acc.reject(s.line, 'statement outside security ike|ipsec and services ipsec-vpn')
      continue
    }
    const [section, type, name, ...rest] = p.slice(i + 1)
    if (s.inactive) {
      acc.ignore(s.line)
      continue
    }
    // "rule R term T from source-address ..." (MX): the object is the term
    if (area === 'services' && section === 'rule') {
      // "rule R term T then remote-gateway A" / "rule R match-direction input" (the rule's own settings go to every term)
      if (name === 'term' && rest[0]) {
        const key = `rule ${type} ${rest[0]}`
        const o = objs.get(key) ?? {area, section: 'rule', type: 'term', name: `${type}/${rest[0]}`, rest: []}
        objs.set(key, o)
        o.rest.push({words: rest.slice(1), line: s.line})
      } else ruleLines.push({rule: type, words: [name, ...rest].filter(Boolean), line: s.line})
      continue
    }
    if ((section !== 'ike' && section !== 'ipsec') || !name) {
      // traceoptions, respond-bad-spi, vpn-monitor-options ...: not modelled
      acc.ignore(s.line)
      continue
    }
    const key = `${area} ${section} ${type} ${name}`
    const o = objs.get(key) ?? {area, section, type, name, rest: []}
    objs.set(key, o)
    o.rest.push({words: rest, line: s.line})
  }
  // the service set's local gateway is the local address of the tunnels of its rules
  for (const set of serviceSets.values()) {
    if (set.localGateway === null) continue
    for (const rule of set.rules) ruleLines.push({rule, words: set.localGateway.words, line: set.localGateway.line})
  }
  for (const r of ruleLines) {
    const terms = [...objs.values()].filter((o) => o.section === 'rule' && o.name.startsWith(`${r.rule}/`))
    for (const o of terms) o.rest.push({words: r.words, line: r.line})
    if (terms.length === 0) acc.ignore(r.line)
  }
  return [...objs.values()]
}

/**
 * MX "services service-set S ...": the IPsec rules it applies ("ipsec-vpn-rules R") and its local
 * gateway ("ipsec-vpn-options local-gateway A"); its service interfaces and other options are not modelled.
 */
function serviceSetStatement(sets: Map<string, {rules: string[]; localGateway: {words: string[]; line: Line} | null}>, p: string[], line: Line, acc: LineAccount): void {
  const set = sets.get(p[2]) ?? {rules: [], localGateway: null}
  sets.set(p[2], set)
  if (p[3] === 'ipsec-vpn-rules' && p[4] !== undefined) set.rules.push(p[4])
  else if (p[3] === 'ipsec-vpn-options' && p[4] === 'local-gateway' && p[5] !== undefined) set.localGateway = {words: ['local-gateway', p[5]], line}
  else acc.ignore(line)
}

export function buildJunosFacts(statements: Statement[], ctx: ParseContext, acc: LineAccount, cut: boolean, lines: Line[]): ParseResult {
  const ids = new IdRegistry()
  const facts: Fact[] = []
  for (const o of group(statements, acc)) {
    const f = new RawFields()
    const lines = o.rest.map((r) => r.line.n)
    const first = Math.min(...lines)
    const b = {source: sourceOf(ctx, first, Math.max(...lines)), raw: f.fields}
    const get = (key: string) => o.rest.filter((r) => r.words[0] === key)
    const one = (key: string, label = key): string | null => {
      const r = get(key)[0]
      if (!r) return null
      // a line cut before its value sets nothing
      if (r.words[1] === undefined) return null
      const v = r.words.slice(1).join(' ')
      f.set(label, v, r.line)
      return v
    }
    const list = (key: string) => get(key).filter((r) => r.words[1] !== undefined).flatMap((r) => (f.set(key, r.words.slice(1).join(' '), r.line), r.words.slice(1)))
    const dflt = (key: string, value: string): string => one(key) ?? (f.set(key, '(default)', first), value)
    const tag = `${o.area === 'services' ? 'services-' : ''}${o.section}`
    if (o.type === 'proposal' && o.section === 'ike') {
      const enc = one('encryption-algorithm')
      const integ = one('authentication-algorithm')
      const dh = one('dh-group')
      const auth = one('authentication-method')
      const p: IkeProposal = {kind: 'ikeProposal', id: ids.unique(`${tag}-proposal:${o.name}`), ...b, name: o.name, version: null, isDefault: false,
        encryption: enc ? [encryptionOf(enc)] : [], integrity: integ ? [integrityOf(integ)] : [], prf: [],
        dhGroups: dh && dhGroupOf(dh) !== null ? [dhGroupOf(dh) as number] : [], authentication: auth ? authOf(auth) : null,
        lifetimeSec: toInt(dflt('lifetime-seconds', '28800'))}
      one('description')
      facts.push(p)
    } else if (o.type === 'proposal' && o.section === 'ipsec') {
      const enc = one('encryption-algorithm')
      const integ = one('authentication-algorithm')
      const p: IpsecProposal = {kind: 'ipsecProposal', id: ids.unique(`${tag}-proposal:${o.name}`), ...b, name: o.name, protocol: dflt('protocol', 'esp'),
        encryption: enc ? [encryptionOf(enc)] : [], integrity: integ ? [integrityOf(integ)] : [], mode: 'tunnel',
        lifetimeSec: toInt(dflt('lifetime-seconds', '3600')), lifetimeKb: toInt(one('lifetime-kilobytes'))}
      one('description')
      facts.push(p)
    } else if (o.type === 'policy' && o.section === 'ike') {
      const psk = get('pre-shared-key')[0]
      if (psk) f.set('pre-shared-key', '(set)', psk.line)
      const p: IkePolicy = {kind: 'ikePolicy', id: ids.unique(`${tag}-policy:${o.name}`), ...b, name: o.name,
        proposals: [...list('proposals'), ...get('proposal-set').filter((r) => r.words[1] !== undefined).map((r) => (f.set('proposal-set', r.words[1], r.line), `proposal-set ${r.words[1]}`))],
        mode: dflt('mode', 'main'), pskSet: psk ? true : get('certificate').length > 0 ? false : null, matchLocal: []}
      for (const k of ['certificate', 'description', 'local-id', 'remote-id', 'version']) if (get(k)[0]) f.set(k, get(k)[0].words.slice(1).join(' '), get(k)[0].line)
      markMasked(p, 'name')
      facts.push(p)
      // legacy ES-PIC: the policy is named by the peer address (or its mask, "X.X.X.2") and stands for the gateway
      if (addressKind(o.name) === 'ipv4' || (addressKind(o.name) === 'masked' && o.name.includes('.'))) {
        const g = gatewayFact(ids, b, f, o.name, {peers: [o.name], ikePolicy: o.name, versions: [1], pskSet: p.pskSet, dpd: false})
        markMasked(g, 'ikePolicy')
        facts.push(g)
      }
    } else if (o.type === 'policy' && o.section === 'ipsec') {
      const pfs = get('perfect-forward-secrecy')[0]
      if (pfs) f.set('perfect-forward-secrecy', pfs.words.slice(1).join(' '), pfs.line)
      const p: IpsecPolicy = {kind: 'ipsecPolicy', id: ids.unique(`${tag}-policy:${o.name}`), ...b, name: o.name,
        proposals: [...list('proposals'), ...get('proposal-set').filter((r) => r.words[1] !== undefined).map((r) => (f.set('proposal-set', r.words[1], r.line), `proposal-set ${r.words[1]}`))],
        transforms: [], pfs: pfs ? true : false, pfsGroup: pfs ? dhGroupOf(pfs.words[pfs.words.length - 1]) : null, ikeProfile: null, lifetimeSec: null, lifetimeKb: null}
      one('description')
      facts.push(p)
    } else if (o.type === 'gateway') {
      facts.push(gatewayOf(o, ids, b, f, one, list, get, acc))
    } else if (o.type === 'vpn') {
      facts.push(vpnOf(o, ids, b, f, get, acc))
    } else if (o.type === 'term') {
      facts.push(...termOf(o, ids, b, f, get))
    } else if (o.type === 'es-unit') {
      facts.push(esTunnelOf(o, ids, b, f, acc))
    } else for (const r of o.rest) acc.ignore(r.line)
  }
  // `| display set` has no braces to close a record: when the capture ends on a statement, the
  // record holding it may go on below the cut
  const last = [...lines].reverse().find((l) => l.text !== '')
  const openEnd = last !== undefined && /^set /.test(last.text)
  for (const fact of facts) {
    if (cut) fact.partial = true
    else if (openEnd && last && fact.source.startLine <= last.n && fact.source.endLine >= last.n) fact.partial = true
    acc.add(fact)
  }
  settleLines(acc, lines, facts)
  return acc.finish()
}

type Get = (key: string) => {words: string[]; line: Line}[]
export type Base = {source: ReturnType<typeof sourceOf>; raw: RawFields['fields']}

function gatewayFact(ids: IdRegistry, b: Base, f: RawFields, name: string, extra: Partial<IkeGateway>): IkeGateway {
  const g: IkeGateway = {kind: 'ikeGateway', id: ids.unique(`gateway:${name}`), ...b, raw: f.fields, name, origin: 'junos-gateway', peers: [], ikePolicy: null, keyring: null,
    versions: [], pskSet: null, localIdentity: null, remoteIdentity: null, localAddress: null, externalInterface: null, dpd: null, dpdInterval: null, lifetimeSec: null,
    natTraversal: null, ...extra}
  markMasked(g, 'name', 'peers', 'localAddress')
  return g
}

function gatewayOf(o: Obj, ids: IdRegistry, b: Base, f: RawFields, one: (k: string, l?: string) => string | null, list: (k: string) => string[], get: Get, acc: LineAccount): IkeGateway {
  const ident = (key: string) => {
    const r = get(key)[0]
    if (!r) return null
    f.set(key, r.words.slice(1).join(' '), r.line)
    // a line cut before the identity type names none
    return r.words[1] === undefined ? null : {type: IDENTITY[r.words[1]] ?? r.words[1], value: r.words[2] ?? null}
  }
  const dpd = get('dead-peer-detection')
  for (const r of dpd) f.set(`dead-peer-detection${r.words[1] ? ` ${r.words[1]}` : ''}`, r.words.slice(2).join(' '), r.line)
  const interval = dpd.find((r) => r.words[1] === 'interval')
  const version = one('version')
  if (version === null) f.set('version', '(default)', b.source.startLine)
  const noNat = get('no-nat-traversal')[0]
  if (noNat) f.set('no-nat-traversal', '', noNat.line)
  const g = gatewayFact(ids, b, f, o.name, {
    peers: list('address'), ikePolicy: one('ike-policy'), externalInterface: one('external-interface'), localAddress: one('local-address'),
    localIdentity: ident('local-identity'), remoteIdentity: ident('remote-identity'),
    versions: version === 'v2-only' ? [2] : version === 'v1-only' || version === null ? [1] : [1, 2],
    dpd: dpd.length > 0, dpdInterval: interval ? toInt(interval.words[2]) : dpd.length > 0 ? 10 : null, natTraversal: !noNat,
  })
  const known = new Set(['address', 'ike-policy', 'external-interface', 'local-address', 'local-identity', 'remote-identity', 'dead-peer-detection', 'version', 'no-nat-traversal'])
  for (const r of o.rest) {
    if (r.words[0] === undefined || known.has(r.words[0])) continue
    // "dynamic hostname X", "nat-keepalive 5", "general-ikeid", "aaa access-profile X", "description ..."
    if (r.words[0] === 'dynamic' && r.words[1] !== undefined) g.remoteIdentity ??= {type: IDENTITY[r.words[1]] ?? r.words[1], value: r.words[2] ?? null}
    f.set(r.words[0], r.words.slice(1).join(' '), r.line)
  }
  void acc
  return g
}

function vpnOf(o: Obj, ids: IdRegistry, b: Base, f: RawFields, get: Get, acc: LineAccount): VpnTunnel {
  const bind = get('bind-interface')[0]
  if (bind && bind.words[1] !== undefined) f.set('bind-interface', bind.words[1], bind.line)
  let gateway: string | null = null
  let policy: string | null = null
  const proxy: Partial<Selector> = {}
  const selectors = new Map<string, Selector>()
  for (const r of o.rest) {
    const w = r.words
    // "ike gateway GW" / "ike ipsec-policy P" / "ike proxy-identity local 10.1.0.0/16"
    if (w[0] === undefined) continue
    if (w[0] === 'ike' && w[1] === 'gateway') {
      if (w[2] !== undefined) (gateway = w[2], f.set('ike gateway', w[2], r.line))
    } else if (w[0] === 'ike' && w[1] === 'ipsec-policy') {
      if (w[2] !== undefined) (policy = w[2], f.set('ike ipsec-policy', w[2], r.line))
    }
    else if (w[0] === 'ike' && w[1] === 'proxy-identity') {
      // a line cut before its value sets nothing
      if (w[3] === undefined) void 0
      else if (w[2] === 'local') proxy.local = w[3]
      else if (w[2] === 'remote') proxy.remote = w[3]
      else if (w[2] === 'service') proxy.service = w[3]
      f.set(`proxy-identity ${w[2]}`, w.slice(3).join(' '), r.line)
    } else if (w[0] === 'traffic-selector' && w[1]) {
      const ts = selectors.get(w[1]) ?? {local: '0.0.0.0/0', remote: '0.0.0.0/0', service: null, name: w[1]}
      selectors.set(w[1], ts)
      if (w[3] === undefined) void 0
      else if (w[2] === 'local-ip') ts.local = w[3]
      else if (w[2] === 'remote-ip') ts.remote = w[3]
      f.set(`traffic-selector ${w[1]} ${w[2]}`, w.slice(3).join(' '), r.line)
    } else if (w[0] !== 'bind-interface') f.set(w[0], w.slice(1).join(' '), r.line)
  }
  const proxyIds: Selector[] = [...selectors.values()]
  if (proxy.local || proxy.remote) proxyIds.unshift({local: proxy.local ?? '0.0.0.0/0', remote: proxy.remote ?? '0.0.0.0/0', service: proxy.service ?? 'any', name: null})
  const est = get('establish-tunnels')[0]
  void acc
  return {kind: 'vpnTunnel', id: ids.unique(`vpn:${o.name}`), ...b, raw: f.fields, name: o.name, routeBased: bind !== undefined, gateway, ipsecPolicy: policy,
    bindInterface: bind?.words[1] ?? null, tunnelSource: null, tunnelDestination: null, tunnelAddress: null, proxyIds, establishTunnels: est?.words[1] ?? 'on-traffic', shutdown: null}
}

/** MX "rule R term T": from source/destination-address, then remote-gateway and the policies. */
function termOf(o: Obj, ids: IdRegistry, b: Base, f: RawFields, get: Get): Fact[] {
  const addr = (w: string) => get('from').filter((r) => r.words[1] === w && r.words[2] !== undefined).map((r) => (f.set(`from ${w}`, r.words[2], r.line), r.words[2]))
  const then = (w: string) => {
    // a line cut before its value names nothing
    const r = get('then').find((x) => (x.words[1] === w && x.words.length >= 3) || (x.words[1] === 'dynamic' && x.words[2] === w && x.words.length >= 4))
    if (!r) return null
    const v = r.words[r.words.length - 1]
    f.set(`then ${r.words.slice(1, -1).join(' ')}`, v, r.line)
    return v
  }
  const peer = then('remote-gateway')
  // "local-gateway A" of the service set that applies the rule (serviceSetStatement)
  const lg = get('local-gateway')[0]
  const local = lg?.words[1] ?? null
  if (lg && local !== null) f.set('service-set local-gateway', local, lg.line)
  const ike = then('ike-policy')
  const ipsec = then('ipsec-policy')
  for (const r of o.rest) if (r.words[0] === 'match-direction' && r.words[1] !== undefined) f.set('match-direction', r.words[1], r.line)
  const src = addr('source-address')
  const dst = addr('destination-address')
  const proxyIds: Selector[] = src.flatMap((s) => (dst.length ? dst : ['0.0.0.0/0']).map((d) => ({local: s, remote: d, service: 'any', name: null})))
  const v: VpnTunnel = {kind: 'vpnTunnel', id: ids.unique(`term:${o.name}`), ...b, raw: f.fields, name: o.name, routeBased: false, gateway: peer, ipsecPolicy: ipsec, bindInterface: null,
    tunnelSource: local, tunnelDestination: peer, tunnelAddress: null, proxyIds, establishTunnels: null, shutdown: null}
  markMasked(v, 'tunnelDestination', 'gateway')
  const out: Fact[] = [v]
  if (peer) out.push(gatewayFact(ids, b, new RawFields(), o.name, {peers: [peer], ikePolicy: ike, localAddress: local, versions: [], raw: f.fields} as Partial<IkeGateway>))
  return out
}
