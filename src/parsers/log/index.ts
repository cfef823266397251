/**
 * The log reader: log and debug lines in, `logEvent` facts out (pure). Each line's prefix is peeled
 * off (prefix.ts), its body read by the family that printed it (cisco.ts, asa.ts, junos.ts),
 * continuation lines are joined to their message, and repeats of one message become one fact with a
 * count and first/last time. Every line is accounted: consumed into a fact (lines the catalogue
 * does not know become facts with event "unknown") or ignored (blank lines, "Tunnel events:").
 */
import type {LogEvent, Vendor} from '../../model/index.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {ASA_TAG, isAsa, readAsa} from './asa.js'
import {continuesIdPayload, IOS_TAG, ikev2Twin, isDebugContinuation, isIosDebug, isTaggedIosDebug, readIosDebug, readIosSyslog} from './cisco.js'
import {classified, fallbackPeer, markLogMasks, type Classified} from './event.js'
import {isJunos, JUNOS_TAG, readJunos, readTunnelEvent} from './junos.js'
import {isJunosTrace, readJunosTrace, TraceEnds} from './junos-trace.js'
import {dateAgainstClock, resolveTime, sameMoment, splitPrefix, type Prefix} from './prefix.js'
import {newRaw, rawAppend} from '../../model/raw.js'
import {isAuthorText} from '../../reading/prose.js'
import {wasIndented} from '../../reading/paste.js'

export {dateAgainstClock, splitPrefix, resolveTime} from './prefix.js'
export {readTunnelEvent} from './junos.js'
export {tunnelEventsOf} from './tunnel-events.js'
export {isIkev2PacketLine, isDebugContinuation} from './cisco.js'

export interface LogReadOptions {
  /** ISO time of the capture clock (show clock), for year-less dates. */
  captureClock?: string | null
  /** Use the host named in a line's prefix as the fact's device (syslog exports without a prompt). */
  hostIsDevice?: boolean
}

/** Lines of one message: its first line and the continuation lines joined to it. */
interface Message {
  lines: Line[]
  prefix: Prefix
  text: string
  continues: boolean
  tunnelEvent: boolean
}

/** Events of a phase 2 refused for its traffic selectors (proxy identities). */
const SELECTOR_REFUSALS = new Set(['proxy-id-mismatch', 'ts-mismatch'])

const MAX_LINES = 20
/** Distinct messages kept as their own facts before repeats are folded coarser (bounded memory on floods). */
const MAX_DISTINCT = 2000

/** True when a body starts a message of a known family. */
function startsMessage(body: string, p: Prefix): boolean {
  return IOS_TAG.test(body) || isAsa(body) || isIosDebug(body) || isJunos(body, p.app) || p.tunnelEvent || isJunosTrace(body, p)
}

/** True when the line reads as a log or debug line (used to route lines to the reader). */
export function isLogLine(text: string): boolean {
  const t = text.trim()
  if (t === '') return false
  const p = splitPrefix(t)
  if (startsMessage(p.body, p)) return true
  // "Dec 7 10:02:11 fw1 kmd[1402]: ..." and other stamped, process-tagged lines
  return p.hadPrefix && p.timeRaw !== null && (p.app !== null || p.host !== null)
}

/**
 * Cheap test before isInterleavedLogLine: every tagged log line holds one of these marks ("%CRYPTO-",
 * "%ASA-", "kmd[1402]: ", "KMD_", "IKE_", "<30>1 ", "[IKEv1]"), and every IOS debug line its debug tag
 * ("ISAKMP:(1012):", "IKEv2:(SESSION ID = 12,SA ID = 1):", "IPSEC(validate_proposal_request):").
 * Show output lines rarely do. A Junos trace line holds neither, but starts with a date then a trace
 * function or kmd's phase words ("Oct 22 14:02:17 ike_decode_packet: ", "Oct 22 14:02:17 Phase-2 [").
 * One pattern of alternatives scans the line once (nine `includes` scanned it up to nine times).
 */
const LOG_MARK = /%|\]: |KMD_|IKE_|\[IKEv|ISAKMP|IKEv2|IPSEC\(|^<|^[A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d (?:[a-z]\w*_\w*: |Phase-[12] \[)/

export function mayBeLogLine(text: string): boolean {
  return LOG_MARK.test(text)
}

/**
 * True for a log line that can stand inside another command's output (a console message pasted in a
 * show output): a tagged message (IOS "%FAC-L-MNEMONIC:", ASA "%ASA-5-713257:", Junos "KMD_..."/"IKE_..."
 * or a kmd/iked process prefix), a debug line behind a time stamp, or one whose debug tag no show
 * output prints even without a stamp (a terminal shows debug unstamped unless `service timestamps
 * debug` is set): "ISAKMP:(1001):", "IPSEC(func):", "IKEv2:(SESSION ID = 1,SA ID = 1):", "[IKEv1]:",
 * "IKEv2-PROTO-1:". SRX tunnel-event lines stay with the detail output that prints them, and untagged
 * text without a stamp stays show output.
 *   "*Mar  1 00:51:05.987: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON"
 *   "19:13:59 IKE_VPN_DOWN_ALARM_USER: VPN vpn1 from 203.0.113.9 is down."
 *   "Jun 10 17:36:13 [IKEv1]: IP = 203.0.113.9, Received encrypted packet with no matching SA, dropping"
 *   "Oct 22 14:02:17 ipsec_select_sa_cb: [198.51.100.2 <-> 192.0.2.50] no matching transform in ipsec-policy p2"
 */
export function isInterleavedLogLine(text: string): boolean {
  const p = splitPrefix(text.trim())
  if (p.tunnelEvent) return false
  const b = p.body
  if (IOS_TAG.test(b) || ASA_TAG.test(b) || JUNOS_TAG.test(b) || p.app === 'kmd' || p.app === 'iked' || isJunosTrace(b, p)) return true
  return isTaggedIosDebug(b) || isAsa(b) || (p.timeRaw !== null && isIosDebug(b))
}

/**
 * True when `next` continues the log message `prev` began (the splitter keeps such lines with a console
 * message it set aside from a show output): an IKEv2 packet dump line or an IOS debug second line, with
 * or without indentation, or an indented line under a message its family knows goes on
 * ("%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed" then "  connection id=2, sequence number=1"),
 * or a field of an IOS ID payload dump ("ISAKMP (0:0): ID payload" then "FQDN name : spoke1.example").
 */
export function continuesLogLine(prev: string, next: Line): boolean {
  const t = next.text.trim()
  if (t === '' || isLogLine(t)) return false
  if (isDebugContinuation(t)) return true
  const p = splitPrefix(prev.trim())
  if (continuesIdPayload(p.body, t)) return true
  if (!wasIndented(next)) return false
  // "transform proposal not supported for identity:" then "    {esp-aes 256 esp-sha-hmac }"
  return p.body.endsWith(':') || classify(p.body, p).c.continues
}

// "Tue Mar 05 2024 10:11:12 -0800: No response from peer. Negotiation failed (12 times)"
const WEEKDAY = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) /

/** True for an SRX tunnel-event line (its own stamp, then the event). */
export function isTunnelEventLine(text: string): boolean {
  return WEEKDAY.test(text) && splitPrefix(text.trim()).tunnelEvent
}

function classify(body: string, p: Prefix): {c: Classified; times: number} {
  if (p.tunnelEvent) return readTunnelEvent(body)
  if (isAsa(body)) return {c: readAsa(body)!, times: 1}
  if (isJunosTrace(body, p)) return {c: readJunosTrace(body), times: 1}
  const ios = readIosSyslog(body)
  if (ios) return {c: ios, times: 1}
  if (isIosDebug(body)) return {c: readIosDebug(body), times: 1}
  if (isJunos(body, p.app) || p.msgid) return {c: readJunos(body, p.msgid, p.structured), times: 1}
  return {c: classified('unknown', null, null), times: 1}
}

const VENDOR_OF: Record<string, Vendor | null> = {
  'ios-syslog': 'cisco',
  'ios-debug': 'cisco',
  'asa-syslog': 'cisco',
  'asa-debug': 'cisco',
  'junos-syslog': 'junos',
  'srx-tunnel-event': 'junos',
  unknown: null,
}

/** Reads log lines into logEvent facts. */
export function readLog(lines: Line[], ctx: ParseContext, opts: LogReadOptions = {}): ParseResult {
  const messages: Message[] = []
  const connPeers = new Map<number, string>()
  /** Peers the conn-id 0 lines (an exchange before its SA had an id) name: one alone names them all. */
  const zeroPeers = new Set<string>()
  const traceEnds = new TraceEnds()
  let ignored = 0
  for (const line of lines) {
    const text = line.text.trim()
    if (text === '') {
      ignored++
      continue
    }
    // "Tunnel events:" heads the SRX event list of a detail output
    if (/^Tunnel events:$/.test(text)) {
      ignored++
      continue
    }
    const p = splitPrefix(text)
    const last = messages[messages.length - 1]
    const indented = wasIndented(line)
    // (a message ending in ":" goes on below, indented or not: "... not supported for identity:" then "{esp-aes 256 }")
    if (last && !p.hadPrefix && !startsMessage(p.body, p) && (indented || last.continues || last.text.endsWith(':') || isDebugContinuation(text) || continuesIdPayload(last.text, text))) {
      last.lines.push(line)
      last.text += ` ${text}`
      last.continues = false
      continue
    }
    // an author's text among pasted log lines ("config below (psk removed)", "Kind regards,") is no message
    if (!p.hadPrefix && !startsMessage(p.body, p) && isAuthorText(text, line.original)) {
      ignored++
      continue
    }
    const first = classify(p.body, p)
    // an exchange's conn-id names its peer once, maybe after its first lines: known for all of them
    if (first.c.family === 'ios-debug') {
      const peer = first.c.peer ?? fallbackPeer(p.body)
      if (peer !== null && first.c.connId === 0) zeroPeers.add(peer)
      else if (peer !== null && first.c.connId && !connPeers.has(first.c.connId)) connPeers.set(first.c.connId, peer)
    }
    if (isJunosTrace(p.body, p)) traceEnds.learn(p.body, p.timeRaw, first.c)
    messages.push({lines: [line], prefix: p, text: p.body, continues: first.c.continues, tunnelEvent: p.tunnelEvent})
  }

  const facts: LogEvent[] = []
  const byKey = new Map<string, LogEvent>()
  const ids = new Map<string, number>()
  // conn-id 0 lines before the first that names its peer ("retransmitting phase 1 MM_NO_STATE" pasted
  // without the "sending packet to P" above it) have that peer when the conn-id 0 lines name only one
  let lastDebugPeer: string | null = zeroPeers.size === 1 ? [...zeroPeers][0] : null
  let exchangePeer: string | null = null
  const proxyRefused = new Set<string>()
  /** The IKEv2 debug line of a session read last: its peer and time. */
  let lastIkev2: {peer: string | null; time: string | null} | null = null
  /** The Junos phase 2 selector refusal read last, when it named its peer. */
  let lastRefusal: {peer: string; time: string; process: string} | null = null
  let consumed = 0
  /** The IKEv2 debug message read last, with the fact it went to (its twin under the other tag may follow). */
  let lastTwin: {error: boolean; text: string; connId: number | null; time: string | null; fact: LogEvent} | null = null
  for (const msg of messages) {
    consumed += msg.lines.length
    const p = msg.prefix
    const {c, times} = classify(msg.text, p)
    // IOS debug lines name the peer once per exchange: carry it by conn-id (for conn-id 0, from the last
    // line that named one; for the IPSEC(...) lines of phase 2 validation, from the conn-id line just
    // before them, the quick mode under way, when its peer is known)
    if (c.family === 'ios-debug') {
      if (c.peer) {
        if (c.connId) {
          connPeers.set(c.connId, c.peer)
          exchangePeer = c.peer
        }
        // an IPSEC(...) line that names the quick mode's peer ("(key eng. msg.) INBOUND local= A:0,
        // remote= B:0") names it for the IPSEC(...) lines after it ("proxy identities not supported")
        else if (c.messageId?.startsWith('IPSEC(')) exchangePeer = c.peer
        lastDebugPeer = c.peer
      } else if (c.connId) exchangePeer = c.peer = connPeers.get(c.connId) ?? null
      else if (c.connId === 0) c.peer = lastDebugPeer
      else if (c.messageId?.startsWith('IPSEC(')) c.peer = exchangePeer
      // "phase 2 SA policy not acceptable!" closes any refused quick mode; when the same exchange already
      // said its proxy identities were refused ("proxy identities not supported", "error 32"), the line is
      // that refusal's consequence, not a transform mismatch
      if (c.peer && c.event === 'proxy-id-mismatch') proxyRefused.add(c.peer)
      else if (c.peer && c.event === 'sa-established') proxyRefused.delete(c.peer)
      else if (c.peer && c.event === 'proposal-mismatch' && c.phase === 2 && c.attribute === null && proxyRefused.has(c.peer)) {
        c.event = 'phase2-rejected'
        c.reason = 'phase 2 SA policy not acceptable, after the proxy identities were refused'
      }
    }
    // kmd logs one phase 2 refusal in two lines of one second: "IKE Phase-2: Failed to match ... remote
    // peer ip: P" names the peer, "KMD_VPN_TS_MISMATCH: ... vpn name: V" only the VPN. The second is the
    // same refusal: it takes the peer of the refusal just before it, from the same process at the same time.
    if (c.family === 'junos-syslog' && c.peer === null && SELECTOR_REFUSALS.has(c.event) && lastRefusal !== null &&
      lastRefusal.time === p.timeRaw && lastRefusal.process === `${p.app}[${p.pid}]`) c.peer = lastRefusal.peer
    if (isJunosTrace(msg.text, p)) traceEnds.fill(msg.text, p.timeRaw, c)
    if (c.family !== 'unknown') c.peer ??= fallbackPeer(msg.text)
    lastRefusal = c.family === 'junos-syslog' && c.peer !== null && SELECTOR_REFUSALS.has(c.event) && p.timeRaw !== null
      ? {peer: c.peer, time: p.timeRaw, process: `${p.app}[${p.pid}]`}
      : null
    const {time, yearless} = resolveTime(p, opts.captureClock ?? null)
    // "IKEv2:% IKEv2 profile not found" prints no session: it is the session of the IKEv2 line just
    // before it, printed within the same second (the lines of an IKEv2 exchange follow one another)
    const ikev2 = c.family === 'ios-debug' && c.messageId?.startsWith('IKEv2') === true
    if (ikev2 && c.connId === null && c.peer === null && lastIkev2 !== null && sameMoment(lastIkev2.time, time)) c.peer = lastIkev2.peer
    lastIkev2 = ikev2 && c.connId ? {peer: c.peer, time} : null
    const host = p.host
    const device = opts.hostIsDevice && host ? host : ctx.device
    const body = p.tunnelEvent ? msg.text.replace(/\s*\(\d+ times?\)\s*$/, '') : msg.text
    // A flood (terminal monitor left on, a scan) folds into one fact per message and peer, then per message
    let key = `${device}\u0000${c.family}\u0000${body}`
    if (facts.length >= MAX_DISTINCT && !byKey.has(key)) key = `${device}\u0000${c.family}\u0000${c.messageId}\u0000${c.event}\u0000${facts.length >= 2 * MAX_DISTINCT ? '' : (c.peer ?? '')}`
    const n = msg.lines[0].n
    // the same IKEv2 error under the other tag, on the next line and at the same time: one message
    const twin = c.family === 'ios-debug' ? ikev2Twin(msg.text) : null
    const pair = lastTwin
    lastTwin = null
    if (twin && pair && pair.error !== twin.error && pair.text === twin.text && pair.connId === c.connId && pair.fact.source.device === device && sameMoment(pair.time, time)) {
      if (pair.fact.lines.length < MAX_LINES) pair.fact.lines.push(n)
      pair.fact.source.endLine = Math.max(pair.fact.source.endLine, msg.lines[msg.lines.length - 1].n)
      continue
    }
    const existing = byKey.get(key)
    if (twin) lastTwin = {...twin, connId: c.connId, time, fact: existing ?? (null as unknown as LogEvent)}
    if (existing) {
      const dateless = DATELESS.get(existing)
      if (dateless && p.clock !== null && time === null) dateless.last = p.clock
      existing.count += times
      if (time !== null) {
        if (existing.firstTime === null || time < existing.firstTime) existing.firstTime = time
        if (existing.lastTime === null || time > existing.lastTime) existing.lastTime = time
      }
      if (existing.lines.length < MAX_LINES) existing.lines.push(n)
      continue
    }
    const base = `log:${c.event}:${c.peer ?? '-'}:${c.messageId ?? '-'}`
    const seen = ids.get(base) ?? 0
    ids.set(base, seen + 1)
    const endLine = msg.lines[msg.lines.length - 1].n
    const raw = newRaw()
    rawAppend(raw, 'message', msg.text, n)
    if (p.timeRaw) rawAppend(raw, 'time', p.timeRaw, n)
    if (c.connId !== null) rawAppend(raw, 'conn-id', String(c.connId), n)
    const fact: LogEvent = {
      kind: 'logEvent',
      id: seen === 0 ? base : `${base}#${seen + 1}`,
      source: {file: ctx.file, startLine: n, endLine, command: ctx.command, device, vendor: VENDOR_OF[c.family] ?? ctx.vendor},
      raw,
      family: c.family,
      messageId: c.messageId,
      level: c.level,
      host,
      time,
      timeRaw: p.timeRaw,
      yearless,
      clockUnsynced: p.unsynced,
      sequence: p.sequence,
      event: c.event,
      phase: c.phase,
      peer: c.peer,
      localAddress: c.localAddress,
      remotePort: c.remotePort,
      attribute: c.attribute,
      received: c.received,
      configured: c.configured,
      spi: c.spi,
      localProxy: c.localProxy,
      remoteProxy: c.remoteProxy,
      reason: c.reason,
      tunnelGroup: c.tunnelGroup,
      verified: c.verified,
      count: times,
      firstTime: time,
      lastTime: time,
      lines: [n],
      text: body,
    }
    markLogMasks(fact)
    if (time === null && yearless && p.clock !== null) DATELESS.set(fact, {first: p.clock, last: p.clock})
    byKey.set(key, fact)
    facts.push(fact)
    if (lastTwin) lastTwin.fact = fact
  }
  return {facts, unparsed: [], warnings: [], consumed, ignored}
}

/**
 * Times of day of the lines a fact stands for, when they were printed without a date ("19:13:59
 * IKE_VPN_DOWN_ALARM_USER: ...", Junos files) and no capture clock was known while reading: kept aside
 * until dateLogEvents finds one (the document's `time` stays null meanwhile).
 */
const DATELESS = new WeakMap<LogEvent, {first: string; last: string}>()

/**
 * Dates the year-less and time-only log times of each device against its capture clock (show clock,
 * show system uptime, or --at): year-less dates take its year, times of day its day. Events of devices
 * without a clock stay as they are.
 */
export function dateLogEvents(events: readonly LogEvent[], clockOf: (device: string) => string | null): void {
  for (const e of events) {
    if (!e.yearless) continue
    const at = clockOf(e.source.device)
    if (!at) continue
    const dateless = DATELESS.get(e)
    const fix = (t: string | null) => (t === null ? null : (dateAgainstClock(t, at) ?? t))
    if (dateless) {
      e.time = dateAgainstClock(dateless.first, at)
      e.firstTime = e.time
      e.lastTime = dateAgainstClock(dateless.last, at)
      if (e.time === null) continue
    } else {
      e.time = fix(e.time)
      e.firstTime = fix(e.firstTime)
      e.lastTime = fix(e.lastTime)
      if (e.time?.startsWith('--')) continue
    }
    e.yearless = false
  }
}

/** Share of non-blank lines that read as log lines (content detection of headless pastes). */
export function logLineShare(lines: Line[]): number {
  let content = 0
  let log = 0
  for (const l of lines) {
    if (l.text.trim() === '') continue
    content++
    if (isLogLine(l.text) || l.text.trim() === 'Tunnel events:') log++
    if (content >= 20) break
  }
  return content === 0 ? 0 : log / content
}

function spec(id: string, vendor: Vendor, command: string, aliases: string[]): ParserSpec {
  return {
    id,
    vendor,
    command,
    aliases,
    // Headless pastes of log lines are routed by the splitter itself; detect only claims pure log text.
    detect: (lines) => (logLineShare(lines) >= 0.8 ? 0.9 : 0),
    parse: (lines, ctx) => readLog(lines, ctx),
  }
}

/** Commands that print log lines: `show logging`, `show log <file>`, the debug commands. */
export const logParsers: ParserSpec[] = [
  spec('log/cisco-log', 'cisco', 'show logging', ['debug crypto isakmp', 'debug crypto ipsec', 'debug crypto ikev2', 'debug crypto ikev1', 'terminal monitor log']),
  spec('log/junos-log', 'junos', 'show log', ['monitor start', 'monitor traffic']),
]
