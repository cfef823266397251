/**
 * Log lines as evidence (issue 14).
 *
 * 1. `deriveLogEvent`: the derived values of a logEvent fact (is its peer a peer of this device,
 *    did the same negotiation succeed later, what does the show output say about that peer), so the
 *    rules over log events (rules/ike/ike-proposal-mismatch.json ...) stay plain JSON and the traps
 *    of the catalogue stay silent (invalid SPI from non-peers, noise before a success).
 * 2. `applyLogEvidence`: log events as rankers of the causes of findings built from show output.
 *    A stuck MM_KEY_EXCH with "failed its sanity check" lines from that peer gets the pre-shared key
 *    mismatch first, named with the log line, and the log lines in its evidence.
 */
import type {Evidence, Fact, LogEvent, LogEventName} from '../model/index.js'
import type {DeviceFacts} from './device-index.js'
import type {DeviceIndex} from './device-index.js'
import {NO_EVIDENCE, type Derived} from './derive-common.js'
import type {RankedFinding} from './grouping.js'

/** Catalogue of the derived values of a logEvent (derived-fields.ts lists it). */
export const LOG_EVENT_DERIVED: Record<string, string> = {
  peer: 'Peer address the log line names',
  representative: 'First log fact of the device with this event, phase and peer (one finding per peer and cause)',
  peerKnown: 'The peer is a peer of this device: it has IKE or IPsec SAs, a crypto map entry, or a log line of a tunnel to it that is not a failure',
  laterSuccess: 'The same negotiation (phase) with the peer succeeded later in the log, or its tunnel came up later; for a phase 1 failure, a later phase 2 negotiation with the peer (it runs only after phase 1 succeeded). SRX tunnel events without a peer are compared with the events of their tunnel',
  peerIkeEstablished: 'The show output has an established IKE SA to the peer (null when no IKE output was captured)',
  peerIkeStuck: 'The show output has IKE SA rows to the peer and none is established (a stuck-state rule reports it, ranked by this log)',
  peerHasIpsecSa: 'The show output has an IPsec flow to the peer that holds SAs (null when no IPsec SA output was captured)',
  peerEventCount: 'How many times the device logged this event for this peer (repeats included)',
  detail: 'What the line names, in words (attribute with both values, proxies, SPI, reason)',
  keyExchState: 'For the message of ike-stuck-mm-key-exch on an authentication failure the log alone shows: "fails authentication (<detail>, logged N time(s))"',
  oneWayState: 'For the message of ike-one-way-traffic on a phase 1 the log alone shows unanswered: "no answer from the peer (<detail>, logged N time(s))"',
  noStateState: 'For the message of ike-stuck-mm-no-state on a phase 1 the log alone shows retransmitted: "is retransmitted with no answer (<detail>, logged N time(s))"',
  proxyIdSubject: 'For the message of pair-proxy-id-mismatch on a refusal the log shows: "Phase 2 with <peer> refused"',
  proxyIdDetail: 'For the message of pair-proxy-id-mismatch on a refusal the log shows: "the proxy identities are not mirror images (<detail>)"',
  proposalSubject: 'For the message of ike-proposal-mismatch on a refusal the log shows: "with <peer>"',
  proposalDetail: 'For the message of ike-proposal-mismatch on a refusal the log shows: "<detail> (logged N time(s))"',
  phase2Mismatch: 'For the message of pair-transform-mismatch on a refused phase 2 proposal the log shows: "Phase 2 proposals with <peer> do not match: <detail> (logged N time(s))"',
}

const FAILURE_STATES = new Set<LogEventName>([
  'proposal-mismatch', 'psk-mismatch', 'auth-failed', 'psk-missing', 'tunnel-group-missing', 'no-response', 'retransmit',
  'negotiation-timeout', 'mode-failure', 'phase2-rejected', 'proxy-id-mismatch', 'ts-mismatch', 'id-mismatch', 'sa-not-authenticated',
  'cert-invalid', 'cert-expired', 'cert-not-yet-valid', 'crl-fetch-failed', 'compliance-blocked', 'invalid-spi', 'cleartext-received', 'dpd-peer-dead',
])
const SUCCESS = new Set<LogEventName>(['sa-established', 'tunnel-up'])
/** Events that name a peer without being about a failure to reach it (a peer named by these is configured here). */
const PEER_CONTEXT = new Set<LogEventName>(['sa-established', 'tunnel-up', 'tunnel-down', 'negotiation-started', 'dpd-peer-dead', 'nat-detected', 'no-nat', 'teardown', 'sa-deleted'])

interface LogIndex {
  byPeer: Map<string, LogEvent[]>
  /** SRX tunnel events that name no peer (a filtered detail output), by the tunnel that printed them. */
  byTunnel: Map<string, LogEvent[]>
  representative: Set<LogEvent>
  counts: Map<string, number>
  mapPeers: Set<string>
}

const indexes = new WeakMap<DeviceFacts, LogIndex>()

function logIndex(ix: DeviceIndex): LogIndex {
  let li = indexes.get(ix.facts)
  if (li) return li
  li = {byPeer: new Map(), byTunnel: new Map(), representative: new Set(), counts: new Map(), mapPeers: new Set()}
  const firsts = new Set<string>()
  for (const e of ix.facts.logEvent ?? []) {
    const group = e.peer ?? tunnelOf(e)
    if (group !== null) {
      const map = e.peer ? li.byPeer : li.byTunnel
      const list = map.get(group)
      if (list) list.push(e)
      else map.set(group, [e])
    }
    const key = `${e.event}\u0000${e.phase ?? ''}\u0000${e.peer ?? ''}`
    if (!firsts.has(key)) {
      firsts.add(key)
      li.representative.add(e)
    }
    const countKey = `${e.event}\u0000${e.peer ?? ''}`
    li.counts.set(countKey, (li.counts.get(countKey) ?? 0) + e.count)
  }
  for (const entry of ix.facts.cryptoMapEntry ?? []) for (const p of entry.peers) li.mapPeers.add(p)
  indexes.set(ix.facts, li)
  return li
}

// "tunnel-event:41:57": the id of an SRX tunnel event, made of the first line of the tunnel that printed it
const TUNNEL_EVENT_ID = /^tunnel-event:(\d+):/

/** The tunnel that printed an SRX tunnel event (file and first line), null for other events. */
function tunnelOf(e: LogEvent): string | null {
  const m = e.family === 'srx-tunnel-event' ? TUNNEL_EVENT_ID.exec(e.id) : null
  return m ? `${e.source.file}\u0000${m[1]}` : null
}

/** Whether `b` happened after `a`: by time when both have a comparable one, else by capture line. */
function after(b: LogEvent, a: LogEvent): boolean {
  const ta = a.lastTime ?? a.time
  const tb = b.lastTime ?? b.time
  if (ta && tb && a.yearless === b.yearless) return tb > ta
  return b.source.file === a.source.file && b.source.startLine > a.source.startLine
}

/**
 * Which part of phase 2 a refused proposal names: the PFS group (ASA 713257 "Phase 2 failure ...
 * class Group"), the transform set (its attribute, or the transforms IOS prints), or either when the
 * line does not say. Null for other events.
 */
export function phase2Part(e: LogEvent): string | null {
  if (e.event !== 'proposal-mismatch' || e.phase !== 2) return null
  if (e.attribute && /group|pfs/i.test(e.attribute)) return 'PFS group'
  return e.attribute ? 'transform set' : 'transform set or PFS'
}

export function detailOf(e: LogEvent): string {
  const parts: string[] = []
  const part = phase2Part(e)
  if (e.attribute) {
    const what = part === null ? e.attribute : e.attribute.toLowerCase() === 'transform' ? part : `${part} (${e.attribute})`
    const values = [e.received ? `received ${e.received}` : null, e.configured ? `configured ${e.configured}` : null].filter((v) => v !== null)
    if (values.length > 0) parts.push(`${what}: ${values.join(', ')}`)
    else parts.push(what)
  } else if (part) parts.push(part)
  if (e.remoteProxy || e.localProxy) parts.push(`remote proxy ${e.remoteProxy ?? '?'}, local proxy ${e.localProxy ?? '?'}`)
  if (e.spi && (e.event === 'invalid-spi' || e.event === 'delete-not-sent')) parts.push(`SPI ${e.spi}`)
  if (e.reason && !parts.length) parts.push(e.reason)
  return parts.length > 0 ? parts.join('; ') : e.messageId ?? e.event
}

/** Phase 2 negotiations: one that happened proves that phase 1 with the peer succeeded before it. */
const PHASE2_NEGOTIATION = new Set<LogEventName>(['phase2-rejected', 'proxy-id-mismatch', 'ts-mismatch'])

/**
 * Whether a failure `e` is followed, among the lines about its peer, by a success of that negotiation,
 * or, for a phase 1 failure, by a phase 2 negotiation (which only runs once phase 1 has succeeded).
 */
function succeededLater(e: LogEvent, same: readonly LogEvent[]): boolean {
  if (!FAILURE_STATES.has(e.event)) return false
  const phase1 = e.phase !== 2 && !NOT_PHASE1.has(e.event)
  for (const o of same) {
    if (phase1 && (PHASE2_NEGOTIATION.has(o.event) || (o.event === 'proposal-mismatch' && o.phase === 2)) && after(o, e)) return true
    if (!SUCCESS.has(o.event) || !after(o, e)) continue
    // a phase 2 success also proves phase 1; a phase 1 success says nothing about phase 2
    if (e.phase === 2 && o.phase === 1) continue
    return true
  }
  return false
}

/** Failures that are about phase 2 or the data path, whatever phase the line gives. */
const NOT_PHASE1 = new Set<LogEventName>(['phase2-rejected', 'proxy-id-mismatch', 'ts-mismatch', 'invalid-spi', 'cleartext-received', 'dpd-peer-dead'])

/**
 * Whether the device logged phase 1 with `peer` failing (a verified failure line, no success of it
 * after): an IKE SA stuck in a negotiating state is then no negotiation that was just starting.
 */
export function phase1FailureLogged(ix: DeviceIndex, peer: string | null): boolean {
  return loggedUnresolved(ix, peer, (e) => FAILURE_STATES.has(e.event) && e.phase !== 2 && !NOT_PHASE1.has(e.event))
}

/** Authentication failures: a key mismatch, or a proof (AUTH payload, hash, certificate) that did not verify. */
const AUTH_FAILURES = new Set<LogEventName>(['psk-mismatch', 'auth-failed'])

/**
 * Whether the device logged authentication with `peer` failing (Junos kmd "Authentication failed",
 * IOS "failed its sanity check"), no success after: an IKE SA that is down was stopped at authentication.
 */
export function authFailureLogged(ix: DeviceIndex, peer: string | null): boolean {
  return loggedUnresolved(ix, peer, (e) => AUTH_FAILURES.has(e.event))
}

/**
 * Whether the device logged phase 1 with `peer` getting no answer (Junos "Timed out", "No response from
 * peer", IOS retransmits of MM_NO_STATE), no success after.
 */
export function noResponseLogged(ix: DeviceIndex, peer: string | null): boolean {
  return loggedUnresolved(ix, peer, (e) => e.event === 'no-response')
}

/** A verified log event about `peer` that `kind` accepts, with no success of that negotiation after it. */
function loggedUnresolved(ix: DeviceIndex, peer: string | null, kind: (e: LogEvent) => boolean): boolean {
  if (peer === null || (ix.facts.logEvent?.length ?? 0) === 0) return false
  const same = logIndex(ix).byPeer.get(peer) ?? []
  return same.some((e) => e.verified && kind(e) && !succeededLater(e, same))
}

export function deriveLogEvent(e: LogEvent, ix: DeviceIndex): Derived {
  const li = logIndex(ix)
  const peer = e.peer
  const tunnel = peer ? null : tunnelOf(e)
  const same = peer ? (li.byPeer.get(peer) ?? []) : tunnel !== null ? (li.byTunnel.get(tunnel) ?? []) : []
  let peerKnown = false
  if (peer) {
    peerKnown = ix.ikeByPeer.has(peer) || ix.flowsByPeer.has(peer) || li.mapPeers.has(peer)
    if (!peerKnown) for (const o of same) if (PEER_CONTEXT.has(o.event)) peerKnown = true
  }
  const laterSuccess = succeededLater(e, same)
  const rows = peer ? ix.ikeByPeer.get(peer) : undefined
  let established = false
  for (const r of rows ?? []) if (r.state === 'established' && !r.deleted) established = true
  let flowSas = false
  for (const f of peer ? (ix.flowsByPeer.get(peer) ?? []) : []) if (!f.transportParent && (f.currentOutboundSpi ?? 0) !== 0) flowSas = true
  const detail = detailOf(e)
  const times = li.counts.get(`${e.event}\u0000${peer ?? ''}`) ?? e.count
  const values = {
    peer,
    representative: li.representative.has(e),
    peerKnown,
    laterSuccess,
    peerIkeEstablished: ix.hasIke ? established : null,
    peerIkeStuck: rows !== undefined && rows.length > 0 && !established,
    peerHasIpsecSa: ix.hasFlows ? flowSas : null,
    peerEventCount: times,
    detail,
    phase2Mismatch: `Phase 2 proposals with ${peer ?? '?'} do not match: ${detail} (logged ${e.count} time(s))`,
    keyExchState: `fails authentication (${detail}, logged ${times} time(s))`,
    oneWayState: `no answer from the peer (${detail}, logged ${times} time(s))`,
    noStateState: `is retransmitted with no answer (${detail}, logged ${times} time(s))`,
    proxyIdSubject: `Phase 2 with ${peer ?? '?'} refused`,
    proxyIdDetail: `the proxy identities are not mirror images (${detail})`,
    proposalSubject: `with ${peer ?? '?'}`,
    proposalDetail: `${detail} (logged ${e.count} time(s))`,
  }
  return {values, evidence: NO_EVIDENCE}
}

// ---------------------------------------------------------------------------------------------
// Cause ranking on findings built from show output

/** Rules whose finding a log event explains, and the cause it names (put first). */
interface Ranker {
  events: LogEventName[]
  rules: RegExp
  /** Phase the event must be about (null: any). */
  phase?: 1 | 2
  cause: (e: LogEvent, device: string) => string
}

// Findings that say phase 1 does not come up (show state, counters, sessions, pairs)
const PHASE1 = /^(?:ike-stuck-|ike-down$|ike-negotiation-failed$|ike-not-matured$|ike-ikev2-not-ready$|ike-one-way-traffic$|ike-no-sa-for-configured-peer$|session-down$|session-l2l-down$|engine-drops-no-connection$|delta-ike-state-stuck$|pair-responder-logs-cause$)/
// Findings that say phase 2 does not come up
const PHASE2 = /^(?:ipsec-phase2-|ipsec-flow-phase2-missing$|ipsec-sa-not-installed$|ipsec-ts-check-fail$|ipsec-inactive-tunnel$|delta-phase2-stuck$|session-down$|session-l2l-down$|ike-one-way-traffic$|pair-responder-logs-cause$)/

const cite = (e: LogEvent) => `${e.messageId ?? `"${e.text.length > 48 ? `${e.text.slice(0, 45)}...` : e.text}"`} at ${e.source.file}:${e.source.startLine}${e.count > 1 ? `, ${e.count} times` : ''}`

const RANKERS: Ranker[] = [
  {
    events: ['psk-mismatch', 'auth-failed'],
    rules: PHASE1,
    cause: (e, device) =>
      `Pre-shared key mismatch${e.event === 'auth-failed' ? ' (or a certificate the peer does not accept)' : ''}, named by the log (${cite(e)}): the key ${device} holds for ${e.peer ?? 'the peer'} differs from the one ${e.peer ?? 'the peer'} uses; re-enter the same key on both ends`,
  },
  {events: ['proposal-mismatch'], rules: PHASE1, phase: 1, cause: (e) => `IKE proposal mismatch${e.attribute ? ` (${detailOf(e)})` : ''}, named by the log (${cite(e)})`},
  {events: ['psk-missing', 'tunnel-group-missing'], rules: PHASE1, cause: (e) => `No pre-shared key / tunnel-group / gateway for the peer${e.reason ? ` (${e.reason})` : ''}, named by the log (${cite(e)})`},
  {events: ['id-mismatch'], rules: PHASE1, cause: (e) => `IKE identity mismatch (the peer's ID matches no profile / tunnel-group / remote-identity), named by the log (${cite(e)})`},
  {events: ['no-response'], rules: PHASE1, cause: (e) => `No answer from the peer (path, UDP 500/4500 filtered, wrong peer address, or the peer silently rejects), named by the log (${cite(e)})`},
  {events: ['cert-expired', 'cert-not-yet-valid', 'cert-invalid', 'crl-fetch-failed'], rules: PHASE1, cause: (e) => `Certificate validation fails (${e.event}${e.reason ? `: ${e.reason}` : ''}), named by the log (${cite(e)})`},
  {events: ['proposal-mismatch'], rules: PHASE2, phase: 2, cause: (e) => `${phase2Part(e) === 'PFS group' ? 'PFS group' : e.attribute ? 'Transform set' : 'Transform set / PFS'} mismatch (${detailOf(e)}), named by the log (${cite(e)})`},
  {events: ['proxy-id-mismatch', 'ts-mismatch'], rules: PHASE2, cause: (e) => `Proxy identities / traffic selectors are not mirror images${e.remoteProxy ? ` (${detailOf(e)})` : ''}, named by the log (${cite(e)})`},
  {events: ['phase2-rejected'], rules: PHASE2, cause: (e) => `The peer refused phase 2 (${cite(e)}): its own log names transform, PFS or proxy ids`},
  {events: ['invalid-spi', 'delete-not-sent'], rules: /invalid-spi|spi-mismatch|zero-decaps/, cause: (e) => `The peer still sends on an SA this side no longer holds${e.spi ? ` (SPI ${e.spi})` : ''}, logged (${cite(e)})`},
  {events: ['dpd-peer-dead'], rules: /^(?:dpd-|delta-dpd-)/, cause: (e) => `Dead peer detection declared the peer dead (${cite(e)})`},
  {events: ['cleartext-received', 'vpn-monitor-failed'], rules: /zero-decaps|one-way|no-traffic/, cause: (e) => `${e.event === 'cleartext-received' ? 'The peer sends this traffic in clear (its crypto map / ACL does not cover it)' : 'VPN monitoring probes through the tunnel fail (data path)'} (${cite(e)})`},
]

/** Whether the log can name the cause of a rule's finding (a ranker covers the rule): the log is worth asking for. */
export function logCouldExplain(ruleId: string): boolean {
  return RANKERS.some((r) => r.rules.test(ruleId))
}

/** How much of the cause a line names: values (2), the attribute alone (1), nothing but the event (0). */
function informative(e: LogEvent): number {
  if (e.received || e.configured || e.remoteProxy || e.localProxy) return 2
  return e.attribute ? 1 : 0
}

const MAX_LOG_EVIDENCE = 5

function logEvidence(e: LogEvent, device: string): Evidence {
  const text = e.text.length > 160 ? `${e.text.slice(0, 157)}...` : e.text
  // "*Mar 1 00:51:05.987:": the device clock was never synced, its times do not compare with other devices'
  const clock = e.clockUnsynced ? ' [device clock not synced]' : ''
  const ev: Evidence = {file: e.source.file, line: e.source.startLine, field: e.messageId ?? `log (${e.family})`, value: `${text}${e.count > 1 ? ` (${e.count} times)` : ''}${clock}`}
  if (e.source.device !== device) ev.device = e.source.device
  return ev
}

/** The success lines of a list of log events, by peer (one index per list). */
const successIndexes = new WeakMap<readonly LogEvent[], Map<string | null, LogEvent[]>>()
function successesByPeer(all: readonly LogEvent[]): Map<string | null, LogEvent[]> {
  let ix = successIndexes.get(all)
  if (ix) return ix
  ix = new Map()
  for (const o of all) {
    if (!SUCCESS.has(o.event)) continue
    const list = ix.get(o.peer)
    if (list) list.push(o)
    else ix.set(o.peer, [o])
  }
  successIndexes.set(all, ix)
  return ix
}

/** Whether a log event still explains a finding now: verified, not superseded by a later success in `all`. */
export function usable(e: LogEvent, all: readonly LogEvent[]): boolean {
  if (!e.verified) return false
  for (const o of successesByPeer(all).get(e.peer) ?? []) {
    if (!after(o, e)) continue
    if (e.phase === 2 && o.phase === 1) continue
    return false
  }
  return true
}

/**
 * Ranks the causes of findings with the device's log events about the finding's peer: the cause the
 * log names goes first (with the line), the log lines join the evidence, and the explanation says so.
 * Findings of the log rules themselves are left alone. Returns the findings whose cause a log named.
 */
export function applyLogEvidence(ranked: RankedFinding[], deviceFacts: Map<string, DeviceFacts>): Set<RankedFinding['finding']> {
  const explained = new Set<RankedFinding['finding']>()
  // The device's log lines (SRX tunnel events of its detail outputs among them)
  const logs = new Map<string, LogEvent[]>()
  /** Per device, its log lines by the peer they name. */
  const byPeer = new Map<string, Map<string | null, LogEvent[]>>()
  for (const [device, facts] of deviceFacts) {
    const events = facts.logEvent ?? []
    if (events.length === 0) continue
    logs.set(device, events)
    const peers = new Map<string | null, LogEvent[]>()
    for (const e of events) {
      const list = peers.get(e.peer)
      if (list) list.push(e)
      else peers.set(e.peer, [e])
    }
    byPeer.set(device, peers)
  }
  if (logs.size === 0) return explained
  let local: Map<string, Set<string>> | null = null
  for (const item of ranked) {
    const f = item.finding
    if (f.entity.kind === 'logEvent' || !item.peer) continue
    // the device's own lines about the peer, then lines of other captures (the peer's log) that name this device
    const own = byPeer.get(f.device)?.get(item.peer) ?? []
    const others: LogEvent[] = []
    for (const [device, peers] of byPeer) {
      if (device === f.device) continue
      local ??= localAddresses(deviceFacts)
      const mine = local.get(f.device)
      const theirs = local.get(device)
      if (!mine || (theirs && theirs.size > 0 && !theirs.has(item.peer))) continue
      const named: LogEvent[] = []
      for (const address of mine) named.push(...(peers.get(address) ?? []))
      // in the order of that log
      others.push(...named.sort((a, b) => a.source.startLine - b.source.startLine))
    }
    if (own.length === 0 && others.length === 0) continue
    const found: {cause: string; e: LogEvent}[] = []
    for (const ranker of RANKERS) {
      if (!ranker.rules.test(f.ruleId)) continue
      for (const e of [...own, ...others]) {
        if (!ranker.events.includes(e.event)) continue
        if (ranker.phase && e.phase !== null && e.phase !== ranker.phase) continue
        if (!usable(e, logs.get(e.source.device) ?? [])) continue
        let cause = ranker.cause(e, f.device)
        if (e.source.device !== f.device) cause = cause.replace('named by the log (', `named by the log of ${e.source.device}, the peer (`)
        found.push({cause, e})
      }
    }
    if (found.length === 0) continue
    // the line that prints the values first (attribute with both values, proxies), then the latest: it tells the state the capture shows
    found.sort((a, b) => informative(b.e) - informative(a.e) || (after(a.e, b.e) ? -1 : after(b.e, a.e) ? 1 : 0))
    const named: string[] = []
    const cited: LogEvent[] = []
    for (const {cause, e} of found) {
      if (!cited.includes(e)) cited.push(e)
      if (!named.includes(cause) && named.length < 3) named.push(cause)
    }
    f.causes = [...named, ...f.causes.filter((c) => !named.some((n) => n.startsWith(c)))]
    f.evidence = [...f.evidence, ...cited.slice(0, MAX_LOG_EVIDENCE).map((e) => logEvidence(e, f.device))]
    f.explanation = `${f.explanation} The log names the cause: ${named[0]}.`
    explained.add(f)
  }
  return explained
}

/** Addresses each device uses as its own tunnel endpoint (IKE SAs, flows, log lines that print it). */
function localAddresses(deviceFacts: Map<string, DeviceFacts>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const [device, facts] of deviceFacts) {
    const set = new Set<string>()
    for (const sa of facts.ikeSa ?? []) if (sa.localAddress) set.add(sa.localAddress)
    for (const fl of facts.ipsecFlow ?? []) if (fl.localAddress) set.add(fl.localAddress)
    for (const e of facts.logEvent ?? []) if (e.localAddress) set.add(e.localAddress)
    out.set(device, set)
  }
  return out
}

/** The log facts of a list of facts (for callers holding a plain list). */
export function logEventsOf(facts: Fact[]): LogEvent[] {
  return facts.filter((f): f is LogEvent => f.kind === 'logEvent')
}
