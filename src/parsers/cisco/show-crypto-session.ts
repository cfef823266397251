/**
 * IOS-XE `show crypto session [detail]`: one cryptoSession fact per "Interface:" / "Peer:" session,
 * with its IKE SA lines and IPSEC FLOW entries. In the detail form each flow also prints decrypted /
 * encrypted / drop counters and lifetimes; such flows are emitted as ipsecFlow facts too, so the flow
 * rules apply to them.
 */
import type {CryptoSession, IpsecFlow, SessionFlow, SessionIkeSa, SessionStatus} from '../../model/index.js'
import {normalizeIkeState} from '../../model/states.js'
import {LineAccount, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {IdRegistry, RawFields, hmsToSeconds, scoreLines} from './common.js'
import {addressKind} from '../../reading/address.js'
import {selectorKey} from './ident.js'
import {newFlow} from './ipsec-sa-records.js'
import {isFiltered, addMaskedField, markPartial, newSessionFlow, peerValue, setAddress} from './modern-common.js'
import {rawEntries, rawGet} from '../../model/raw.js'

// "Crypto session current status"
const TITLE = /^Crypto session current status$/i
// "Code: C - IKE Configuration mode, D - Dead Peer Detection"
const CODES_START = /^Codes?: ?[A-Z] - /
// "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation" / "S - SIP VPN"
const CODES_CONT = /^[A-Z] - [A-Za-z]/
// "Interface: Tunnel0"
const INTERFACE_LINE = /^Interface: ?(\S+)$/
// "Session status: UP-ACTIVE"
const STATUS_LINE = /^Session status: ?(\S+)$/i
// "Peer: 10.2.2.2 port 500 fvrf: (none) ivrf: (none)" / "Peer: 198.51.100.7 port 4500"
const PEER_LINE = /^Peer: ?(\S+) port (\d+)(?: fvrf: ?(\S+) ivrf: ?(\S+))?$/i
// "  IKEv2 SA: local 10.1.1.1/500 remote 10.2.2.2/500 Active" / "  IKE SA: local ... Inactive"
const IKE_SA_LINE = /^(IKE|IKEv1|IKEv2) SA: ?local (\S+) remote (\S+) (Active|Inactive)$/i
// "          Capabilities:D connid:1 lifetime:23:47:45"
const CAPABILITIES_LINE = /^Capabilities: ?(\S*) connid: ?(\d+) lifetime: ?(\S+)$/i
// "  IPSEC FLOW: permit 47 host 10.1.1.1 host 10.2.2.2"
const FLOW_LINE = /^IPSEC FLOW: ?(.*)$/i
// "        Active SAs: 2, origin: crypto map"
const ACTIVE_SAS_LINE = /^Active SAs: ?(\d+)(?:, origin: ?(.*))?$/i
// "        Inbound:  #pkts dec'ed 100 drop 0 life (KB/Sec) 4607999/3500"
// "        Outbound: #pkts enc'ed 100 drop 0 life (KB/Sec) KB Vol Rekey Disabled/3500"
const COUNTER_LINE = /^(Inbound|Outbound): ?#pkts (?:dec|enc)'ed (\d+) drop (\d+) life \(KB\/Sec\) ?([^/]*)\/(\d+)$/i
// "Profile: IKEV2-PROF" / "Uptime: 00:12:15" / "      Phase1_id: 10.2.2.2" / "  Session ID: 1" / "Username: jdoe"
const LABEL_LINE = /^(Profile|Uptime|Phase1_id|Desc|Session ID|Username|Group|Assigned address) ?: ?(.*)$/i

interface OpenSession {
  fact: CryptoSession
  fields: RawFields
  start: number
  end: number
  counted: Set<SessionFlow>
  /** Flows read from their "Active SAs:" or counter lines: a filter removed their "IPSEC FLOW:" line. */
  headless: Set<SessionFlow>
  /** Furthest part of the session layout read so far: 0 head lines, 1 IKE SA lines, 2 flow lines. */
  level: number
}

/** Session status through the shared state table (docs/state-mapping.md): UP-* up, DOWN-NEGOTIATING negotiating, DOWN down. */
function statusOf(raw: string): SessionStatus {
  const state = normalizeIkeState(raw)
  if (state === 'established') return 'up'
  if (state === 'negotiating' || state === 'down') return state
  return 'unknown'
}

function newSession(ctx: ParseContext, line: Line, inherit: OpenSession | null): OpenSession {
  const fields = new RawFields()
  const fact: CryptoSession = {
    kind: 'cryptoSession', id: '', source: sourceOf(ctx, line.n, line.n), raw: fields.fields,
    interface: inherit?.fact.interface ?? null, profile: inherit?.fact.profile ?? null, uptime: null,
    status: 'unknown', statusRaw: null, remoteAddress: null, remotePort: null, fvrf: null, ivrf: null,
    phase1Id: null, sessionId: null, ikeState: 'down', ikeSas: [], flows: [], activeSas: null, natT: null,
  }
  if (inherit?.fact.interface) fields.set('Interface', inherit.fact.interface, rawGet(inherit.fields.fields, 'Interface')?.line ?? line.n)
  return {fact, fields, start: line.n, end: line.n, counted: new Set(), headless: new Set(), level: 0}
}

/** The flow as an ipsecFlow fact (detail output only: it has counters). */
function flowFact(s: OpenSession, flow: SessionFlow, ctx: ParseContext, ids: IdRegistry, lastLine: number): IpsecFlow {
  const rec = newFlow(ctx, {n: flow.line, text: ''})
  const f = rec.fact
  const where = `${s.fact.interface ?? '?'}:${s.fact.remoteAddress ?? '?'}`
  f.id = ids.unique(`session-flow:${where}:${selectorKey(flow.localIdent)}->${selectorKey(flow.remoteIdent)}`)
  f.source = sourceOf(ctx, flow.line, lastLine)
  const headless = s.headless.has(flow)
  if (!headless) rec.fields.set('IPSEC FLOW', flow.selector, flow.line)
  f.interface = s.fact.interface
  f.localAddress = s.fact.ikeSas[0]?.localAddress ?? null
  f.remoteAddress = s.fact.remoteAddress
  f.remotePort = s.fact.remotePort
  f.localIdent = flow.localIdent
  f.remoteIdent = flow.remoteIdent
  f.natT = s.fact.natT
  f.saCount = flow.activeSas ?? 0
  f.state = flow.activeSas === null ? 'unknown' : flow.activeSas > 0 ? 'up' : 'down'
  // the session prints one packet count per direction, taken from the SA counters: it is both the
  // encapsulated and the encrypted count (IOS show crypto ipsec sa prints them equal), so flow rules
  // that compare encaps with decaps work on sessions too
  f.decrypt = f.decaps = flow.decrypted
  f.encrypt = f.encaps = flow.encrypted
  if (flow.inDrops !== null) f.errorCounters['Inbound drop'] = flow.inDrops
  if (flow.outDrops !== null) f.errorCounters['Outbound drop'] = flow.outDrops
  if (flow.origin) f.flags.push(`origin ${flow.origin}`)
  const masked = (a: string | null | undefined) => a !== null && a !== undefined && addressKind(a) !== 'ipv4' && addressKind(a) !== 'ipv6'
  if (masked(f.localAddress)) addMaskedField(f, 'localAddress')
  if (masked(f.remoteAddress)) addMaskedField(f, 'remoteAddress')
  if (masked(f.localIdent?.address)) addMaskedField(f, 'localIdent')
  if (masked(f.remoteIdent?.address)) addMaskedField(f, 'remoteIdent')
  for (const [label, v] of rawEntries(s.fields.fields)) {
    if (v.line < flow.line || (v.line === flow.line && !headless) || v.line > lastLine) continue
    // drop the " (2)" suffix the session gave repeated labels: each flow has its own raw map
    rec.fields.set(label.replace(/ \(\d+\)$/, ''), v.value, v.line)
  }
  return f
}

/** A session that stops before its usual last line: no peer, no flow, a flow without its counters. */
function sessionCut(s: OpenSession, detail: boolean): boolean {
  const f = s.fact
  if (s.fields.has('Peer') === false || f.flows.length === 0 || s.headless.size > 0) return true
  if (f.flows.some((flow) => flow.activeSas === null || (detail && flowCut(flow)))) return true
  return detail && f.ikeSas.some((sa) => sa.connId === null)
}

/** A detail flow without its Outbound counter line. */
function flowCut(flow: SessionFlow): boolean {
  return flow.encrypted === null
}

function finish(s: OpenSession, ctx: ParseContext, acct: LineAccount, ids: IdRegistry, detail: boolean): void {
  const f = s.fact
  const filtered = isFiltered(ctx)
  if (filtered || sessionCut(s, detail)) markPartial(f)
  f.source = sourceOf(ctx, s.start, s.end)
  f.id = ids.unique(`session:${f.interface ?? '?'}:${f.remoteAddress ?? '?'}`)
  if (f.ikeSas.some((sa) => sa.active)) f.ikeState = 'established'
  else if (f.status === 'negotiating') f.ikeState = 'negotiating'
  const counts = f.flows.map((fl) => fl.activeSas).filter((n): n is number => n !== null)
  f.activeSas = counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : null
  acct.add(f)
  f.flows.forEach((flow, i) => {
    if (!s.counted.has(flow)) return
    const next = f.flows[i + 1]?.line ?? s.end + 1
    const fact = flowFact(s, flow, ctx, ids, Math.min(next - 1, s.end))
    if (filtered || flowCut(flow) || s.headless.has(flow)) markPartial(fact)
    acct.add(fact)
  })
}

function readCounters(s: OpenSession, flow: SessionFlow, m: RegExpExecArray, line: Line): void {
  const [, dir, packets, drops, kbText, sec] = m
  const kb = kbText.trim()
  const inbound = /^in/i.test(dir)
  s.fields.set(inbound ? "#pkts dec'ed" : "#pkts enc'ed", packets, line)
  s.fields.set(inbound ? 'Inbound drop' : 'Outbound drop', drops, line)
  s.fields.set(inbound ? 'Inbound life (KB/Sec)' : 'Outbound life (KB/Sec)', `${kb}/${sec}`, line)
  if (inbound) {
    flow.decrypted = Number(packets)
    flow.inDrops = Number(drops)
    flow.inLifetimeKb = toInt(kb)
    flow.inLifetimeSec = Number(sec)
  } else {
    flow.encrypted = Number(packets)
    flow.outDrops = Number(drops)
    flow.outLifetimeKb = toInt(kb)
    flow.outLifetimeSec = Number(sec)
  }
  s.counted.add(flow)
}

/** A flow whose "IPSEC FLOW:" line a filter (or a cut) removed: no selector, the values of its own lines. */
function headlessFlow(s: OpenSession, line: Line): SessionFlow {
  const flow = newSessionFlow('', line)
  s.fact.flows.push(flow)
  s.headless.add(flow)
  return flow
}

/** Where a line sits in a session's layout: 0 head (Profile, Peer, Phase1_id ...), 1 IKE SA lines, 2 flow lines. */
function levelOf(t: string): number {
  if (IKE_SA_LINE.test(t) || CAPABILITIES_LINE.test(t)) return 1
  return FLOW_LINE.test(t) || ACTIVE_SAS_LINE.test(t) || COUNTER_LINE.test(t) ? 2 : 0
}

/**
 * Under a filter, whether a line belongs to the next session: a line of an earlier part of the layout
 * than the session already reached, a head label the session holds, an IKE SA of another peer.
 */
function startsNext(s: OpenSession, t: string): boolean {
  if (levelOf(t) < s.level) return true
  const head = LABEL_LINE.exec(t)
  if (head) return s.fields.has(head[1])
  const ike = IKE_SA_LINE.exec(t)
  const remote = ike ? peerValue(ike[3])?.address : undefined
  return remote !== undefined && s.fact.ikeSas.some((sa) => sa.remoteAddress !== remote)
}

/**
 * Applies a line inside a session: the layout level of the line (what levelOf says of it, known from the
 * pattern that read it, so the patterns are not run again), null when it is not a session line.
 */
function readSessionLine(s: OpenSession, line: Line, acct: LineAccount): number | null {
  const t = line.text
  const f = s.fact
  let m: RegExpExecArray | null
  if ((m = IKE_SA_LINE.exec(t))) {
    const local = peerValue(m[2])
    const remote = peerValue(m[3])
    if (!local || !remote) return null
    const sa: SessionIkeSa = {
      version: /v2/i.test(m[1]) ? 2 : 1, localAddress: local.address, localPort: local.port,
      remoteAddress: remote.address, remotePort: remote.port, active: /^active$/i.test(m[4]), stateRaw: m[4],
      capabilities: null, connId: null, lifetimeRemainingSec: null, line: line.n,
    }
    if (local.masked) addMaskedField(f, 'ikeSas.localAddress')
    if (remote.masked) addMaskedField(f, 'ikeSas.remoteAddress')
    f.ikeSas.push(sa)
    s.fields.set(`${m[1]} SA`, `local ${m[2]} remote ${m[3]} ${m[4]}`, line)
    return 1
  }
  if ((m = CAPABILITIES_LINE.exec(t))) {
    // the IKE SA line above it; a filter may have removed it: the values stay raw on the session
    const sa = f.ikeSas.length > 0 ? f.ikeSas[f.ikeSas.length - 1] : null
    if (sa !== null && sa.connId === null) {
      sa.capabilities = m[1] === '' ? null : m[1]
      sa.connId = Number(m[2])
      // "lifetime:0" is printed for inactive SAs
      sa.lifetimeRemainingSec = /^\d+$/.test(m[3]) ? Number(m[3]) : hmsToSeconds(m[3])
    }
    s.fields.set('Capabilities', m[1], line)
    s.fields.set('connid', m[2], line)
    s.fields.set('lifetime', m[3], line)
    return 1
  }
  if ((m = FLOW_LINE.exec(t))) {
    const selector = m[1].trim()
    const flow = newSessionFlow(selector, line)
    f.flows.push(flow)
    s.fields.set('IPSEC FLOW', selector, line)
    if (flow.localIdent === null) acct.warn(`line ${line.n}: IPSEC FLOW ${selector} could not be read as a selector`)
    if ([flow.localIdent, flow.remoteIdent].some((x) => x !== null && addressKind(x.address) === 'masked')) addMaskedField(f, 'flows.selector')
    return 2
  }
  const last = f.flows.length > 0 ? f.flows[f.flows.length - 1] : null
  if ((m = ACTIVE_SAS_LINE.exec(t))) {
    const flow = last !== null && last.activeSas === null ? last : headlessFlow(s, line)
    flow.activeSas = Number(m[1])
    flow.origin = m[2]?.trim() ?? null
    s.fields.set('Active SAs', m[1], line)
    if (flow.origin !== null) s.fields.set('origin', flow.origin, line)
    return 2
  }
  if ((m = COUNTER_LINE.exec(t))) {
    const inbound = /^in/i.test(m[1])
    const flow = last !== null && (inbound ? last.decrypted : last.encrypted) === null ? last : headlessFlow(s, line)
    readCounters(s, flow, m, line)
    return 2
  }
  if ((m = LABEL_LINE.exec(t))) {
    const label = m[1].toLowerCase()
    const value = m[2].trim()
    s.fields.set(m[1], value, line)
    if (label === 'profile') f.profile = value
    else if (label === 'uptime') f.uptime = value
    else if (label === 'phase1_id' && f.phase1Id === null) {
      // "Phase1_id: 198.51.100.2" / "Phase1_id: spoke10.example.net" / "Phase1_id: X.X.X.3"
      f.phase1Id = value
      if (addressKind(value) === 'masked') addMaskedField(f, 'phase1Id')
    }
    else if (label === 'session id') f.sessionId = toInt(value)
    // a head label: none of the patterns above (levelOf's) took the line
    return 0
  }
  return null
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const filtered = isFiltered(ctx)
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  const sessions: OpenSession[] = []
  let open: OpenSession | null = null
  // detail output prints the Codes legend, Phase1_id/Desc, Capabilities and counter lines
  let detail = ctx.args.includes('detail')
  const close = () => {
    if (open) sessions.push(open)
  }
  /** The session a session-head line belongs to: the open one, or a new one when it already has that line. */
  const sessionFor = (label: string, line: Line): OpenSession => {
    // under a filter, a head line after IKE SA or flow lines is the next session's
    if (open === null || open.fields.has(label) || (filtered && open.level > 0)) {
      const prev: OpenSession | null = open
      close()
      open = newSession(ctx, line, prev)
    }
    return open
  }
  for (const line of lines) {
    const t = line.text
    let m: RegExpExecArray | null
    if (t === '') continue
    if (TITLE.test(t)) {
      acct.ignore(line)
    } else if (CODES_START.test(t) || (open === null && CODES_CONT.test(t))) {
      // "Code: C - IKE Configuration mode, D - Dead Peer Detection" and its continuation lines
      detail = true
      acct.ignore(line)
    } else if ((m = INTERFACE_LINE.exec(t))) {
      close()
      open = newSession(ctx, line, null)
      open.fact.interface = m[1]
      open.fields.set('Interface', m[1], line)
      acct.consume(line)
    } else if ((m = STATUS_LINE.exec(t))) {
      // a second "Session status:" under one interface starts the next peer's session
      const s = sessionFor('Session status', line)
      s.fact.statusRaw = m[1]
      s.fact.status = statusOf(m[1])
      if (s.fact.status === 'unknown') acct.warn(`line ${line.n}: Session status ${m[1]} not understood`)
      s.fields.set('Session status', m[1], line)
      s.end = line.n
      acct.consume(line)
    } else if ((m = PEER_LINE.exec(t))) {
      const s = sessionFor('Peer', line)
      const peer = peerValue(m[1], true)
      if (peer) setAddress(s.fact, 'remoteAddress', peer)
      else acct.warn(`line ${line.n}: Peer ${m[1]} is neither an address nor a name`)
      s.fact.remotePort = Number(m[2])
      s.fact.natT = m[2] === '4500'
      s.fact.fvrf = m[3] ?? null
      s.fact.ivrf = m[4] ?? null
      s.fields.set('Peer', m[1], line)
      s.fields.set('port', m[2], line)
      if (m[3] !== undefined) s.fields.set('fvrf', m[3], line)
      if (m[4] !== undefined) s.fields.set('ivrf', m[4], line)
      s.end = line.n
      acct.consume(line)
    } else {
      // a line of the open session; or, its head lines filtered (or cut) away, the first of a session of its own
      let s: OpenSession | null = open !== null && !(filtered && startsNext(open, t)) ? open : null
      let level = s !== null ? readSessionLine(s, line, acct) : null
      if (s === null || level === null) {
        if (open !== null && !filtered) continue
        s = newSession(ctx, line, null)
        level = readSessionLine(s, line, acct)
        if (level === null) continue
        close()
        open = s
      }
      // once known to be the detail output, the line need not be tested
      if (!detail && /^(Phase1_id|Desc|Capabilities|Inbound|Outbound)\b/i.test(t)) detail = true
      s.level = Math.max(s.level, level)
      s.end = line.n
      acct.consume(line)
    }
  }
  close()
  for (const s of sessions) finish(s, ctx, acct, ids, detail)
  return acct.finish()
}

export const showCryptoSession: ParserSpec = {
  id: 'cisco/show-crypto-session',
  vendor: 'cisco',
  command: 'show crypto session',
  aliases: ['show crypto session detail'],
  detect(lines: Line[]): number {
    return scoreLines(lines, [TITLE, STATUS_LINE, IKE_SA_LINE, FLOW_LINE], [PEER_LINE, ACTIVE_SAS_LINE, INTERFACE_LINE])
  },
  parse,
}
