/**
 * ASA `show vpn-sessiondb [detail] l2l [filter ipaddress <peer> | filter name <group>]`: one vpnSession
 * per "Connection :" block, with the "IKEv1:" / "IKEv2:" / "IKE:" and "IPsec:" tunnel sections of the
 * detail form. Several "Label : value" pairs share a line ("Index : 12 IP Addr : 198.51.100.7"); they
 * are found by their known labels. With a peer filter and "There are presently no active sessions",
 * the peer gets a vpnSession with status "absent".
 */
import type {VpnSession, VpnSessionIke, VpnSessionIpsec} from '../../../model/index.js'
import {addressKind} from '../../../reading/address.js'
import {LineAccount, toInt} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {sourceOf} from '../../types.js'
import {RawFields, scoreLines} from '../common.js'
import {isFiltered, addMaskedField, markPartial, readSelector} from '../modern-common.js'

// "Session Type: LAN-to-LAN" / "Session Type: LAN-to-LAN Detailed"
const SESSION_TYPE = /^Session Type: ?(.*)$/i
// "INFO: There are presently no active sessions" / "... no active sessions of the type specified"
const NO_SESSIONS = /^(?:INFO: ?)?There are presently no active sessions\b/i
// "IKEv2:" / "IKEv1:" / "IKE:" / "IPsec:" / "IPsecOverNatT:" / "NAC:"
const SECTION = /^(IKEv1|IKEv2|IKE|IPsec|IPsecOverNatT|IPsecOverTCP|NAC):$/i
/**
 * Known labels of the session and tunnel lines, longest spellings first ("Rekey Int (T)" before
 * "Rekey Int"). "Index : 12 IP Addr : 198.51.100.7" / "Rekey Int (T): 86400 Seconds Rekey Left(T): 86217 Seconds";
 * the NAC section of older releases: "Reval Int (T): 0 Seconds Reval Left(T): 0 Seconds", "Posture Token:"
 */
const LABEL = /(?:^| )(Connection|Index|IP Addr|Protocol|License|Encryption|Hashing|Bytes Tx|Bytes Rx|Pkts Tx Drop|Pkts Rx Drop|Pkts Tx|Pkts Rx|Group Policy|Tunnel Group|Login Time|Duration|Inactivity|VLAN Mapping|VLAN|Audt Sess ID|Security Grp|Tunnel Zone|IKEv1 Tunnels|IKEv2 Tunnels|IKE Tunnels|IPsec Tunnels|IPsecOverNatT Tunnels|Tunnel ID|UDP Src Port|UDP Dst Port|IKE Neg Mode|Auth Mode|Rem Auth Mode|Loc Auth Mode|Rekey Int \(T\)|Rekey Left ?\(T\)|Rekey Int \(D\)|Rekey Left ?\(D\)|PRF|D\/H Group|PFS Group|Filter Name|Local Addr|Remote Addr|Encapsulation|Idle Time Out|Idle TO Left|Conn Time Out|Conn TO Left|Public IP|Assigned IP|Reval Int \(T\)|Reval Left ?\(T\)|SQ Int \(T\)|EoU Age ?\(T\)|Hold Left ?\(T\)|Posture Token|Redirect URL) ?:(?: |$)/g
// "0h:45m:12s" / "1d 2h:03m:04s" / "27d 22h:04m:51s"
const DURATION = /^(?:(\d+)d ?)?(\d+)h:(\d+)m:(\d+)s$/
// "86400 Seconds" / "4608000 K-Bytes" / "30 Minutes"
const AMOUNT = /^(\d+)(?: \S+)?$/

type Section = 'session' | 'ike' | 'ipsec' | 'other'

interface Open {
  fact: VpnSession
  fields: RawFields
  start: number
  end: number
  section: Section
  ike: VpnSessionIke | null
  ipsec: VpnSessionIpsec | null
  /** Last label read, to tell a tunnel section that reached its last line ("Filter Name", "Pkts Rx"). */
  lastLabel: string | null
}

/** The "Label : value" pairs of a line by known label, or null when the line starts with none. */
export function labeledPairs(text: string): {label: string; value: string}[] | null {
  const hits = [...text.matchAll(LABEL)]
  if (hits.length === 0 || hits[0].index !== 0) return null
  return hits.map((h, i) => {
    const from = h.index + h[0].length
    const to = i + 1 < hits.length ? hits[i + 1].index : text.length
    return {label: h[1].replace(/ ?\(/, ' ('), value: text.slice(from, to).trim()}
  })
}

function durationSec(text: string): number | null {
  const m = DURATION.exec(text)
  const sec = m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : null
  return sec !== null && Number.isSafeInteger(sec) ? sec : null
}

function amount(text: string): number | null {
  const m = AMOUNT.exec(text)
  const n = m ? Number(m[1]) : null
  return n !== null && Number.isSafeInteger(n) ? n : null
}

function newIke(version: 1 | 2 | null, line: number): VpnSessionIke {
  return {version, tunnelId: null, localPort: null, remotePort: null, mode: null, authMode: null, remoteAuthMode: null, encryption: null, hashing: null, prf: null, dhGroup: null, rekeyIntervalSec: null, rekeyLeftSec: null, line}
}

function newIpsec(line: number): VpnSessionIpsec {
  return {tunnelId: null, localIdent: null, remoteIdent: null, encryption: null, hashing: null, encapsulation: null, pfsGroup: null, rekeyIntervalSec: null, rekeyLeftSec: null, rekeyIntervalKb: null, rekeyLeftKb: null, idleTimeoutMin: null, idleLeftMin: null, bytesTx: null, bytesRx: null, packetsTx: null, packetsRx: null, line}
}

function newSession(ctx: ParseContext, n: number): Open {
  const fields = new RawFields()
  const fact: VpnSession = {
    kind: 'vpnSession', id: '', source: sourceOf(ctx, n, n), raw: fields.fields, status: 'up', connection: null, index: null,
    remoteAddress: null, protocols: [], encryption: null, hashing: null, groupPolicy: null, tunnelGroup: null, bytesTx: null,
    bytesRx: null, loginTime: null, durationSec: null, ikeTunnelCount: null, ipsecTunnelCount: null, detail: false, ikeTunnels: [],
    ipsecTunnels: [], natT: null,
  }
  return {fact, fields, start: n, end: n, section: 'session', ike: null, ipsec: null, lastLabel: null}
}

/** A session field (outside the tunnel sections). */
function sessionField(s: Open, label: string, value: string): void {
  const f = s.fact
  switch (label) {
    case 'Connection': f.connection = value; break
    case 'Index': f.index = toInt(value); break
    case 'IP Addr': f.remoteAddress = value; break
    case 'Protocol':
      f.protocols = value.split(' ').filter(Boolean)
      if (f.protocols.some((p) => /NatT/i.test(p))) f.natT = true
      break
    case 'Encryption': f.encryption = value; break
    case 'Hashing': f.hashing = value; break
    case 'Group Policy': f.groupPolicy = value; break
    case 'Tunnel Group': f.tunnelGroup = value; break
    case 'Bytes Tx': f.bytesTx ??= toInt(value); break
    case 'Bytes Rx': f.bytesRx ??= toInt(value); break
    case 'Login Time': f.loginTime = value; break
    case 'Duration': f.durationSec = durationSec(value); break
    case 'IKEv1 Tunnels': case 'IKEv2 Tunnels': case 'IKE Tunnels': f.ikeTunnelCount = (f.ikeTunnelCount ?? 0) + (toInt(value) ?? 0); f.detail = true; break
    case 'IPsec Tunnels': case 'IPsecOverNatT Tunnels': f.ipsecTunnelCount = (f.ipsecTunnelCount ?? 0) + (toInt(value) ?? 0); f.detail = true; break
  }
}

function ikeField(t: VpnSessionIke, label: string, value: string): void {
  switch (label) {
    case 'Tunnel ID': t.tunnelId = value; break
    case 'UDP Src Port': t.localPort = toInt(value); break
    case 'UDP Dst Port': t.remotePort = toInt(value); break
    case 'IKE Neg Mode': t.mode = value; break
    case 'Auth Mode': case 'Loc Auth Mode': t.authMode = value; break
    case 'Rem Auth Mode': t.remoteAuthMode = value; break
    case 'Encryption': t.encryption = value; break
    case 'Hashing': t.hashing = value; break
    case 'PRF': t.prf = value; break
    case 'D/H Group': t.dhGroup = toInt(value); break
    case 'Rekey Int (T)': t.rekeyIntervalSec = amount(value); break
    case 'Rekey Left (T)': t.rekeyLeftSec = amount(value); break
  }
}

function ipsecField(t: VpnSessionIpsec, label: string, value: string, s: Open): void {
  switch (label) {
    case 'Tunnel ID': t.tunnelId = value; break
    case 'Local Addr': case 'Remote Addr': {
      const sel = readSelector(value)
      if (sel) {
        if (label === 'Local Addr') t.localIdent = sel.selector
        else t.remoteIdent = sel.selector
        if (sel.masked) addMaskedField(s.fact, 'ipsecTunnels.selector')
      }
      break
    }
    case 'Encryption': t.encryption = value; break
    case 'Hashing': t.hashing = value; break
    case 'Encapsulation':
      t.encapsulation = value
      if (/NAT-?T/i.test(value)) s.fact.natT = true
      break
    case 'PFS Group': t.pfsGroup = toInt(value); break
    case 'Rekey Int (T)': t.rekeyIntervalSec = amount(value); break
    case 'Rekey Left (T)': t.rekeyLeftSec = amount(value); break
    case 'Rekey Int (D)': t.rekeyIntervalKb = amount(value); break
    case 'Rekey Left (D)': t.rekeyLeftKb = amount(value); break
    case 'Idle Time Out': t.idleTimeoutMin = amount(value); break
    case 'Idle TO Left': t.idleLeftMin = amount(value); break
    case 'Bytes Tx': t.bytesTx = toInt(value); break
    case 'Bytes Rx': t.bytesRx = toInt(value); break
    case 'Pkts Tx': t.packetsTx = toInt(value); break
    case 'Pkts Rx': t.packetsRx = toInt(value); break
  }
}

/**
 * A session that stops before its last line: the brief form ends with "Duration" (or later lines), the
 * detail form with the tunnel sections it counted, the last IPsec one with its packet counts.
 */
function cut(s: Open, detail: boolean): boolean {
  const f = s.fact
  if (f.connection === null || f.remoteAddress === null) return true
  if (!s.fields.has('Duration')) return true
  if (!detail && !f.detail) return false
  if (f.ikeTunnelCount === null || f.ipsecTunnelCount === null) return true
  if (f.ikeTunnels.length < f.ikeTunnelCount || f.ipsecTunnels.length < f.ipsecTunnelCount) return true
  if (f.ipsecTunnels.some((t) => t.packetsRx === null) || f.ikeTunnels.some((t) => t.tunnelId === null)) return true
  // the last section ends with its own last line: "Filter Name :" (IKE), "Pkts Tx : n Pkts Rx : n" (IPsec)
  if (s.section === 'ike') return s.lastLabel !== 'Filter Name'
  if (s.section === 'ipsec') return s.lastLabel !== 'Pkts Rx' && s.lastLabel !== 'Pkts Rx Drop'
  return false
}

function finish(s: Open, ctx: ParseContext, acct: LineAccount, ids: IdRegistry, detail: boolean): void {
  const f = s.fact
  f.source = sourceOf(ctx, s.start, s.end)
  f.id = ids.unique(`vpn-session:${f.remoteAddress ?? f.connection ?? '?'}`)
  if (detail) f.detail = true
  if (f.ipsecTunnelCount === 0 && (f.ikeTunnelCount ?? 0) > 0) f.status = 'no-ipsec'
  if (f.ikeTunnels.some((t) => t.remotePort === 4500)) f.natT = true
  for (const field of ['remoteAddress', 'connection', 'tunnelGroup'] as const) {
    const v = f[field]
    if (v !== null && addressKind(v) === 'masked') addMaskedField(f, field)
  }
  if (isFiltered(ctx) || cut(s, detail)) markPartial(f)
  acct.add(f)
}

/** "filter ipaddress 198.51.100.7" in the typed arguments: the peer asked for. */
function filteredPeer(args: string[]): string | null {
  const i = args.findIndex((a) => /^ipaddress$/i.test(a))
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : null
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let detail = ctx.args.some((a) => /^detail$/i.test(a))
  let open: Open | null = null
  const close = () => {
    if (open) finish(open, ctx, acct, ids, detail)
    open = null
  }
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if ((m = SESSION_TYPE.exec(t))) {
      if (/detail/i.test(m[1])) detail = true
      acct.ignore(line)
      continue
    }
    if (NO_SESSIONS.test(t)) {
      const peer = filteredPeer(ctx.args)
      if (peer !== null) {
        const s = newSession(ctx, line.n)
        s.fact.status = 'absent'
        s.fact.remoteAddress = peer
        s.fact.id = ids.unique(`vpn-session:${peer}`)
        s.fields.set('INFO', t, line)
        if (addressKind(peer) === 'masked') addMaskedField(s.fact, 'remoteAddress')
        acct.add(s.fact)
      }
      acct.consume(line)
      continue
    }
    if ((m = SECTION.exec(t))) {
      const s: Open = open ?? newSession(ctx, line.n)
      open = s
      const name = m[1].toLowerCase()
      s.section = name.startsWith('ike') ? 'ike' : name.startsWith('ipsec') ? 'ipsec' : 'other'
      if (s.section === 'ike') s.fact.ikeTunnels.push((s.ike = newIke(name === 'ikev2' ? 2 : name === 'ikev1' || name === 'ike' ? 1 : null, line.n)))
      if (s.section === 'ipsec') s.fact.ipsecTunnels.push((s.ipsec = newIpsec(line.n)))
      s.fields.set(m[1], '', line)
      s.end = line.n
      s.fact.detail = true
      acct.consume(line)
      continue
    }
    const pairs = labeledPairs(t)
    if (pairs === null) continue
    if (pairs[0].label === 'Connection') {
      close()
      open = newSession(ctx, line.n)
    }
    const s: Open = open ?? newSession(ctx, line.n)
    open = s
    // a tunnel section lists its own "Tunnel ID": a second one opens the next tunnel of that kind
    if (pairs[0].label === 'Tunnel ID') {
      if (s.section === 'ike' && s.ike?.tunnelId) s.fact.ikeTunnels.push((s.ike = newIke(s.ike.version, line.n)))
      if (s.section === 'ipsec' && s.ipsec?.tunnelId) s.fact.ipsecTunnels.push((s.ipsec = newIpsec(line.n)))
    }
    for (const {label, value} of pairs) {
      const prefix = s.section === 'ike' ? 'IKE ' : s.section === 'ipsec' ? 'IPsec ' : s.section === 'other' ? 'NAC ' : ''
      s.fields.set(`${prefix}${label}`, value, line)
      if (s.section === 'session') sessionField(s, label, value)
      else if (s.section === 'ike' && s.ike) ikeField(s.ike, label, value)
      else if (s.section === 'ipsec' && s.ipsec) ipsecField(s.ipsec, label, value, s)
    }
    s.lastLabel = pairs[pairs.length - 1].label
    s.end = line.n
    acct.consume(line)
  }
  close()
  return acct.finish()
}

export const asaShowVpnSessiondb: ParserSpec = {
  id: 'cisco/asa-show-vpn-sessiondb',
  vendor: 'cisco',
  command: 'show vpn-sessiondb',
  aliases: ['show vpn-sessiondb l2l', 'show vpn-sessiondb detail l2l'],
  detect(lines: Line[]): number {
    return scoreLines(lines, [/^Session Type: ?LAN-to-LAN/i, /^Connection : \S/, /^Index : \d+ IP Addr : /], [/^Protocol : /, /^Login Time : /, SECTION])
  },
  parse,
}
