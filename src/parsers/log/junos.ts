/**
 * Juniper messages: kmd / iked syslog (tagged "KMD_PM_SA_ESTABLISHED: ..." or free text "IKE
 * negotiation failed with error: ..."), RFC 5424 structured forms, and SRX "Tunnel events" lines of
 * the security-association detail output. Entries JUN-01..JUN-18 of shared/knowledge/log-messages.md.
 */
import {ADDR, addressPattern, SPI} from '../../reading/address-pattern.js'
import {classified, ev, runTable, type Classified, type Pattern} from './event.js'

// "KMD_PM_SA_ESTABLISHED: " / "IKE_VPN_DOWN_ALARM_USER: "
export const JUNOS_TAG = /^((?:KMD|IKE)_[A-Z0-9_]+): ?/
const TAG = JUNOS_TAG
// ". IKE Version: 1, VPN: vpn1 Gateway: gw1, Local: 198.51.100.1/500, Remote: 203.0.113.9/500, Local IKE-ID: ..., Remote IKE-ID: ..., VR-ID: 0"
// (an address may be masked before publishing: "Remote: x.x.x.x/500", "Remote: <peer-ip>/500")
const NEGOTIATION_FIELDS = /VPN: (\S+?),? Gateway: (\S+?), Local: ([^\s,/]+)\/(\d+), Remote: ([^\s,/]+)\/(\d+)(?:, Local IKE-ID: ([^,]*), Remote IKE-ID: ([^,]*))?/

function negotiationFields(body: string, c: Classified): void {
  const m = NEGOTIATION_FIELDS.exec(body)
  if (!m) return
  c.tunnelGroup = m[1]
  c.localAddress = m[3]
  c.peer = m[5]
  c.remotePort = Number(m[6])
}

/** The cause named by an "error:" / "Failure:" reason, shared by several messages. */
export function byReason(reason: string, c: Classified, phase: 1 | 2): void {
  if (/^Timed out/i.test(reason)) ev(c, 'no-response', phase)
  else if (/No proposal chosen/i.test(reason)) ev(c, 'proposal-mismatch', phase)
  else if (/Authentication failed/i.test(reason)) ev(c, 'auth-failed', phase)
  else if (/traffic-selectors are not in configured range/i.test(reason)) ev(c, 'ts-mismatch', 2)
  else if (/TS unacceptable/i.test(reason)) ev(c, 'ts-mismatch', 2, false)
  else if (/IKE-ID validation failed/i.test(reason)) ev(c, 'id-mismatch', 1)
  else ev(c, phase === 2 ? 'phase2-rejected' : 'mode-failure', phase)
}

/**
 * JUN-07 / JUN-08, tagged (KMD_VPN_PV_PHASE1/2) or not; an address may be masked before publishing:
 * "IKE Phase-2 Failure: Peer proposed traffic-selectors are not in configured range [spi=0x0, src_ip=x.x.x.x, dst_ip=192.0.2.140]"
 * "IKE Phase-1 Failure: No proposal chosen [spi=(null), src_ip=198.51.100.20, dst_ip=203.0.113.1]"
 */
const PHASE_FAILURE = /IKE Phase-([12]) Failure: (.+?) \[spi=([^,\]]*), src_ip=([^,\]\s]+), dst_ip=([^,\]\s]+)\]/
function phaseFailure(m: RegExpExecArray, c: Classified): void {
  c.reason = m[2]
  byReason(m[2], c, m[1] === '1' ? 1 : 2)
  c.spi = m[3]
  c.localAddress = m[4]
  c.peer = m[5]
}

const PATTERNS: Pattern[] = [
  // JUN-01..03, JUN-05
  {re: /^IKE negotiation failed with error: (.+?)\. IKE Version/, apply: (m, c) => { c.reason = m[1]; byReason(m[1], c, 1); negotiationFields(m.input, c) }},
  {re: /^IPSec negotiation failed with error: (.+?)\. IKE Version/, apply: (m, c) => { c.reason = m[1]; byReason(m[1], c, 2); negotiationFields(m.input, c) }},
  // JUN-11
  {re: /^IKE negotiation successfully completed/, apply: (m, c) => { ev(c, 'sa-established', 1); negotiationFields(m.input, c) }},
  {re: /Phase-1 \[responder\] done/, apply: (_m, c) => ev(c, 'sa-established', 1)},
  {re: /Phase-2 \[responder\] done/, apply: (_m, c) => ev(c, 'sa-established', 2)},
  // JUN-02 variants seen in pastes and traces
  {re: /IKEv1 with status No proposal chosen|No proposal chosen \(14\)|IKEv1 Error ?: No proposal chosen|IKEv2 SA select failed with error No proposal chosen/, apply: (m, c) => { ev(c, 'proposal-mismatch', null, false); c.reason = m[0] }},
  // JUN-04
  {re: /Peer's IKE-ID validation failed during negotiation/, apply: (_m, c) => ev(c, 'id-mismatch', 1)},
  // JUN-06
  // "IKE Phase-2: Failed to match the peer proposal ... remote peer ip: 198.51.100.20" / "... remote peer ip: x.x.x.x"
  {re: addressPattern`IKE Phase-2: Failed to match.*?(?:remote peer ip: (${ADDR}))?\s*$`, apply: (m, c) => { ev(c, 'proxy-id-mismatch', 2); if (m[1]) c.peer = m[1] }},
  // JUN-08
  // "IKE Phase-2: Negotiations failed. Local gateway: 192.0.2.1, Remote gateway: <peer-ip>"
  {re: addressPattern`IKE Phase-2: Negotiations failed\. Local gateway: (${ADDR}), Remote gateway: (${ADDR})`, apply: (m, c) => { ev(c, 'phase2-rejected', 2); c.localAddress = m[1]; c.peer = m[2] }},
  // JUN-07 / JUN-08 without their KMD_VPN_PV_PHASE1/2 tag (kmd/iked free text)
  {re: PHASE_FAILURE, apply: phaseFailure},
  // JUN-09
  {re: /IKE Phase-1: \(Responder\) Policy lookup failed/, apply: (_m, c) => ev(c, 'psk-missing', 1)},
  // "Unable to find phase-1 policy as remote peer:198.51.100.20 is not recognized."
  {re: addressPattern`Unable to find phase-1 policy as remote peer: ?(${ADDR}) is not recognized`, apply: (m, c) => { ev(c, 'psk-missing', 1, false); c.peer = m[1] }},
  // JUN-15 / JUN-16 / JUN-17 / JUN-18 (also printed as tunnel events)
  // "DPD detected peer 198.51.100.20 is dead" / "DPD detected peer as down"
  {re: addressPattern`DPD detected peer (?:(${ADDR}) is dead|as down)`, apply: (m, c) => { ev(c, 'dpd-peer-dead', 1); if (m[1]) c.peer = m[1] }},
  {re: /No response from peer\. Negotiation failed/, apply: (_m, c) => ev(c, 'no-response', 1)},
  {re: /Negotiation failed with error code (\w+) received from peer/, apply: (m, c) => { c.reason = m[1]; notify(m[1], c) }},
  // "IKE SA negotiation failed with error: Timed out" (SRX inactive-tunnel events, "(5 times)" taken off before; wording not in the catalogue: a hint)
  {re: /^(IKE|IPSec) SA negotiation failed with error: (.+)$/, apply: (m, c) => { c.reason = m[2]; byReason(m[2], c, m[1] === 'IKE' ? 1 : 2); c.verified = false }},
  {re: /^IPSec SA negotiation failed/, apply: (_m, c) => ev(c, 'phase2-rejected', 2, false)},
  {re: /IKE SA negotiation successfully completed|IKE SA rekey successfully completed/, apply: (_m, c) => ev(c, 'sa-established', 1)},
  {re: /IPSec SA negotiation successfully completed|IPSec SA rekey successfully completed/, apply: (_m, c) => ev(c, 'sa-established', 2)},
  {
    re: /User cleared IKE SA from CLI|Tunnel configuration changed\. Corresponding IKE\/IPSec SAs are deleted|Tunnel is ready\. Waiting for trigger event|External interface's zone received/,
    apply: (m, c) => { ev(c, 'benign'); c.reason = m[0] },
  },
  {re: /IKE SA is created\. Waiting for remove|for self but not interested/, apply: (_m, c) => ev(c, 'host-inbound-blocked', 1)},
]

const TAGGED: Record<string, Pattern[]> = {
  KMD_PM_SA_ESTABLISHED: [{
    // "Local gateway: 192.0.2.1, Remote gateway: x.x.x.x, Local ID: ipv4_subnet(...), Remote ID: ipv4_subnet(...), Direction: inbound, SPI: 0x3c5f0a1b, ..."
    re: addressPattern`Local gateway: ([^\s,]+), Remote gateway: ([^\s,]+), Local ID: (.+?), Remote ID: (.+?), Direction: (\w+), SPI: (${SPI})`,
    apply: (m, c) => { ev(c, 'sa-established', 2); c.localAddress = m[1]; c.peer = m[2]; c.localProxy = m[3]; c.remoteProxy = m[4]; c.reason = m[5]; c.spi = m[6] },
  }],
  KMD_VPN_TS_MISMATCH: [{re: /vpn name: ([^,]+)/, apply: (m, c) => { ev(c, 'ts-mismatch', 2); c.tunnelGroup = m[1] }}],
  KMD_VPN_PV_PHASE1: [{re: PHASE_FAILURE, apply: phaseFailure}],
  KMD_VPN_PV_PHASE2: [{re: PHASE_FAILURE, apply: phaseFailure}],
  KMD_PM_P1_POLICY_LOOKUP_FAILURE: [{re: /Policy lookup for Phase-1/, apply: (_m, c) => ev(c, 'psk-missing', 1, false)}],
  // "Policy lookup for Phase-2 [responder] failed for p1_local=ipv4(udp:500,[0..3]=192.0.2.44) p1_remote=ipv4(udp:500,[0..3]=198.51.100.150)
  //  p2_local=ipv4_subnet(any:0,[0..7]=10.44.1.0/24) p2_remote=ipv4_subnet(any:0,[0..7]=172.20.8.0/24)"
  KMD_PM_P2_POLICY_LOOKUP_FAILURE: [{re: /Policy lookup for Phase-2(?:.*?p1_local=\S*?=([^)\s]+)\) p1_remote=\S*?=([^)\s]+)\))?(?: p2_local=(\S+) p2_remote=(\S+))?/, apply: (m, c) => {
    ev(c, 'proxy-id-mismatch', 2, false)
    if (m[1]) c.localAddress = m[1]
    if (m[2]) c.peer = m[2]
    if (m[3]) c.localProxy = m[3]
    if (m[4]) c.remoteProxy = m[4]
  }}],
  // "KMD_DPD_PEER_DOWN: DPD detected peer 198.51.100.20 is dead"
  KMD_DPD_PEER_DOWN: [{re: addressPattern`(?:peer (${ADDR}))?`, apply: (m, c) => { ev(c, 'dpd-peer-dead', 1, false); if (m[1]) c.peer = m[1] }}],
  // "IKE_GATEWAY_DPD_PEER_DEAD: Gateway N:gw-branch C:192.0.2.1:500 R:198.51.100.20:500 ..."
  IKE_GATEWAY_DPD_PEER_DEAD: [{re: addressPattern`Gateway N:(\S+) C:(${ADDR}):\d+ R:(${ADDR}):(\d+)`, apply: (m, c) => { ev(c, 'dpd-peer-dead', 1); c.tunnelGroup = m[1]; c.localAddress = m[2]; c.peer = m[3]; c.remotePort = Number(m[4]) }}],
  // "IKE_GATEWAY_ID_VALIDATION_SUCCESS: ... R:198.51.100.20 ..."
  IKE_GATEWAY_ID_VALIDATION_SUCCESS: [{re: addressPattern`R:(${ADDR})`, apply: (m, c) => { ev(c, 'benign', 1); c.peer = m[1] }}],
}

/**
 * KMD_/IKE_ VPN up/down alarms (JUN-13, JUN-14); the reason is optional (up lines have none):
 * "VPN vpn1 from 203.0.113.9 is up. Local-ip: 198.51.100.1, gateway name: gw1, vpn name: vpn1, ... Service Offload: No"
 */
// (addresses may be masked before publishing: "from x.x.x.x", "Local-ip: <local-ip>")
const ALARM = /^VPN (\S+) from ([^\s,]+) is (up|down)\.(?:.*?Local-ip: ([^\s,]+))?(?:.*?Reason: (.+?)\s*$)?/

/** IKEv2 notify codes received from the peer (JUN-17). */
function notify(code: string, c: Classified): void {
  if (code === 'AUTHENTICATION_FAILED') ev(c, 'auth-failed', 1, false)
  else if (code === 'NO_PROPOSAL_CHOSEN') ev(c, 'proposal-mismatch', null, false)
  else if (code === 'TS_UNACCEPTABLE') ev(c, 'ts-mismatch', 2, false)
  else ev(c, 'mode-failure', null, false)
}

/** True for a body Junos prints (kmd/iked free text, KMD_/IKE_ tags). */
export function isJunos(body: string, app: string | null): boolean {
  if (app === 'kmd' || app === 'iked') return true
  return TAG.test(body) || /^(?:IKE|IPSec) negotiation (?:failed|successfully)/.test(body)
}

/** Reads a Junos kmd/iked body. `msgid` is the RFC 5424 MSGID (the tag), `sd` its structured data. */
export function readJunos(body: string, msgid: string | null, sd: Record<string, string>): Classified {
  const tag = TAG.exec(body)
  const id = tag?.[1] ?? msgid
  const c = classified('junos-syslog', id, null)
  const rest = tag ? body.slice(tag[0].length) : body
  const alarm = /_ALARM_USER$/.test(id ?? '') ? ALARM.exec(rest) : null
  if (alarm) {
    c.tunnelGroup = alarm[1]
    c.peer = alarm[2]
    c.localAddress = alarm[4] ?? null
    c.reason = alarm[5] ?? null
    if (alarm[3] === 'up') ev(c, 'tunnel-up')
    else ev(c, /VPN Monitor/i.test(alarm[5] ?? '') ? 'vpn-monitor-failed' : 'tunnel-down', 2)
  } else if (!(id && TAGGED[id] && runTable(TAGGED[id], rest, c))) runTable(PATTERNS, rest, c)
  // RFC 5424 structured data repeats the fields
  c.peer ??= sd['remote-address'] ?? sd['peer-address'] ?? null
  c.localAddress ??= sd['local-address'] ?? null
  if (c.spi === null && sd.index1 && c.event === 'sa-established') c.spi = sd.index1
  return c
}

/** Reads an SRX tunnel-event text ("No response from peer. Negotiation failed (12 times)"). */
export function readTunnelEvent(text: string): {c: Classified; times: number} {
  const times = /\s*\((\d+) times?\)\s*$/.exec(text)
  const what = times ? text.slice(0, times.index) : text
  const c = classified('srx-tunnel-event', null, null)
  runTable(PATTERNS, what, c)
  return {c, times: times ? Number(times[1]) : 1}
}
