/**
 * Junos kmd / iked trace lines (`set services ipsec-vpn traceoptions` on MX services, `set security
 * ike traceoptions` on SRX), read with `show log <tracefile>`: a date and time, then the trace
 * function's name or kmd's free text, with neither host nor process name:
 *   "Oct 22 14:02:17 ike_decode_packet: Start, SA = { 4f0c2a9b 7e13d5a8 - 61d9e0b4 2c7a8f35}, nego = 0"
 *   "Oct 22 14:02:17 Phase-2 [responder] failed with error(No proposal chosen) for local=... remote=..."
 * Most of them prove nothing (a function entered, a packet decoded): log lines without an event. The
 * phase failures are JUN-02 / JUN-08 of shared/knowledge/log-messages.md in trace words.
 */
import {classified, ev, runTable, type Classified, type Pattern} from './event.js'
import type {Prefix} from './prefix.js'
import {byReason} from './junos.js'

// "ike_decode_packet: ", "ipsec_select_sa_cb: ", "iked_pm_ike_spd_notify_received: " (a C function name)
const TRACE_FUNCTION = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)+): /
// "Phase-2 [responder] failed with error(No proposal chosen) for ...", "Phase-1 [initiator] done for ..."
const TRACE_PHASE = /^Phase-[12] \[(?:initiator|responder)\] /

/** True when a body (after the stamp) starts like a trace line: a function name, or kmd's phase line. */
export function isTraceBody(body: string): boolean {
  return TRACE_FUNCTION.test(body) || TRACE_PHASE.test(body)
}

/** True for a dated trace line: a month-and-day stamp, no host, no process, then a trace body. */
export function isJunosTrace(body: string, p: Prefix): boolean {
  return p.month !== null && p.host === null && p.app === null && !p.tunnelEvent && isTraceBody(body)
}

// "failed with error(No proposal chosen) for local=ipv4_subnet(any:0,[0..7]=10.1.0.0/16) remote=ipv4_subnet(any:0,[0..7]=10.50.0.0/16)"
// (the proxies may be missing on a cut line: "failed with error(No proposal chosen)")
const PHASE_FAILED = /^Phase-([12]) \[(?:initiator|responder)\] failed with error\(([^)]+)\)(?: for local=(\S+) remote=(\S+))?/
// "[198.51.100.2 <-> 192.0.2.50]" (local, then remote; an author may mask either: "[x.x.x.x <-> 192.0.2.50]")
const ENDS = /\[([^\s\]]+) <-> ([^\s\]]+)\]/
// "p1_local=ipv4(udp:500,[0..3]=192.0.2.44) p1_remote=ipv4(udp:500,[0..3]=198.51.100.150)"
const P1_ENDS = /\b(?:p1_)?local=ipv[46]\(udp:\d+,\[[\d.]+\]=([^)\s]+)\) (?:p1_)?remote=ipv[46]\(udp:\d+,\[[\d.]+\]=([^)\s]+)\)/

const PATTERNS: Pattern[] = [
  {re: PHASE_FAILED, apply: (m, c) => {
    c.reason = m[2]
    byReason(m[2], c, m[1] === '1' ? 1 : 2)
    c.localProxy = m[3] ?? null
    c.remoteProxy = m[4] ?? null
  }},
  {re: /^Phase-([12]) \[(?:initiator|responder)\] done/, apply: (m, c) => ev(c, 'sa-established', m[1] === '1' ? 1 : 2)},
  // "ipsec_select_sa_cb: [198.51.100.2 <-> 192.0.2.50] no matching transform in ipsec-policy pol-p2-sites":
  // trace wording the catalogue does not hold, so no event (the Phase-2 failure line of the same second
  // is the proof); its reason and ends are kept
  {re: /no matching transform in ipsec-policy \S+/, apply: (m, c) => { c.reason = m[0] }},
]

/** Reads a trace body: the function name is the message id; the ends when printed. */
export function readJunosTrace(body: string): Classified {
  const c = classified('junos-syslog', TRACE_FUNCTION.exec(body)?.[1] ?? null, null)
  runTable(PATTERNS, body, c)
  const ends = ENDS.exec(body) ?? P1_ENDS.exec(body)
  if (ends) {
    c.localAddress ??= ends[1]
    c.peer ??= ends[2]
  }
  return c
}

// "SA = { 4f0c2a9b 7e13d5a8 - 61d9e0b4 2c7a8f35}" (the IKE SA's cookies, printed by most trace functions)
const COOKIES = /SA = \{ ?([0-9A-Fa-f]{8} [0-9A-Fa-f]{8} - [0-9A-Fa-f]{8} [0-9A-Fa-f]{8}) ?\}/

/**
 * Trace lines name the ends once per negotiation ("[local <-> remote]"); the other lines of it do not.
 * A line that names none takes the ends of its IKE SA (same cookies), or else those named by the trace
 * lines of the same second, when they name only one peer.
 */
export class TraceEnds {
  private readonly bySa = new Map<string, [string | null, string]>()
  private readonly bySecond = new Map<string, [string | null, string] | null>()

  /** Notes the ends a trace line names (before reading, over all lines: a later line may name them). */
  learn(body: string, time: string | null, c: Classified): void {
    if (c.peer === null) return
    const ends: [string | null, string] = [c.localAddress, c.peer]
    const sa = COOKIES.exec(body)?.[1]
    if (sa !== undefined) this.bySa.set(sa, ends)
    if (time === null) return
    const seen = this.bySecond.get(time)
    this.bySecond.set(time, seen === undefined || (seen !== null && seen[1] === c.peer) ? ends : null)
  }

  /** Fills the ends of a trace line that names no peer. */
  fill(body: string, time: string | null, c: Classified): void {
    if (c.peer !== null) return
    const sa = COOKIES.exec(body)?.[1]
    const ends = (sa !== undefined ? this.bySa.get(sa) : undefined) ?? (time !== null ? this.bySecond.get(time) : undefined)
    if (!ends) return
    c.localAddress ??= ends[0]
    c.peer = ends[1]
  }
}
