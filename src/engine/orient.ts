/**
 * IOS `show crypto isakmp sa` prints `dst src` in the direction of the negotiation, so on the responder
 * the dst is the router itself: "198.51.100.150 192.0.2.44 QM_IDLE 1187 ACTIVE" on 198.51.100.150, whose
 * peer 192.0.2.44 initiated. The parser reads one block and takes dst as the peer. The device's other
 * outputs tell the sides apart, and a row is read the other way round when
 *  - its dst is one of the device's own crypto endpoints and its src is not (`local crypto endpt.` /
 *    `local addr` of its IPsec flows, crypto session "local", IKE detail "Local", a gateway's local
 *    address, log lines that print "local A remote P");
 *  - or its src is a peer the configuration names (`set peer P`, `crypto isakmp key K address P`,
 *    tunnel-group P) or an IPsec flow's `current_peer`, and its dst is not;
 *  - or, with nothing of that captured, the table itself shows it: one address is in every row and the
 *    other end varies (a hub answering its spokes), so that address is the router's, and the rows where
 *    it is the dst were the peers' negotiations.
 * When dst is the peer, as on the initiator, none of these holds and nothing changes.
 */
import type {IkeSa, LogEvent} from '../model/index.js'
import {rawGet} from '../model/raw.js'
import type {DeviceFacts} from './device-index.js'

export function orientIkeRows(facts: DeviceFacts): void {
  const flowLocals = new Set<string>()
  for (const f of facts.ipsecFlow ?? []) if (f.localAddress) flowLocals.add(f.localAddress)
  orientIsakmpTable(facts, ownEndpoints(facts, flowLocals), configuredPeers(facts))
  orientBracketLogs(facts, flowLocals)
}

/**
 * The IKE table of an earlier capture of the device (--before, or the first of two snapshots in one
 * file), read the right way round with what the current capture tells about the device's own
 * endpoints and configured peers: an earlier capture of only `show crypto isakmp sa` says neither.
 * Rows orientIkeRows already turned stay as they are (their dst is no longer the router's).
 */
export function orientWithCurrent(facts: DeviceFacts, current: DeviceFacts): void {
  const locals = ownEndpoints(current, new Set((current.ipsecFlow ?? []).flatMap((f) => (f.localAddress ? [f.localAddress] : []))))
  for (const sa of current.ikeSa ?? []) if (sa.localAddress) locals.add(sa.localAddress)
  const peers = configuredPeers(current)
  for (const sa of current.ikeSa ?? []) if (sa.remoteAddress && !locals.has(sa.remoteAddress)) peers.add(sa.remoteAddress)
  if (locals.size > 0 || peers.size > 0) orientIsakmpTable(facts, locals, peers)
}

/** Only the summary table is written dst-first; detail and other vendors name local and remote. */
function isSummaryRow(sa: IkeSa): boolean {
  return rawGet(sa.raw, 'dst') !== undefined && rawGet(sa.raw, 'src') !== undefined
}

/** The device's own crypto endpoints, from outputs that say which side is which. */
function ownEndpoints(facts: DeviceFacts, flowLocals: Set<string>): Set<string> {
  const out = new Set(flowLocals)
  for (const s of facts.cryptoSession ?? []) for (const sa of s.ikeSas) if (sa.localAddress) out.add(sa.localAddress)
  for (const sa of facts.ikeSa ?? []) if (sa.localAddress && !isSummaryRow(sa)) out.add(sa.localAddress)
  for (const g of facts.ikeGateway ?? []) if (g.localAddress) out.add(g.localAddress)
  for (const e of facts.logEvent ?? []) if (e.localAddress && !BRACKET.test(e.text)) out.add(e.localAddress)
  return out
}

/**
 * Peers the configuration names (crypto map `set peer`, isakmp keys, IKEv2 keyrings, tunnel-groups),
 * and the peers of the device's IPsec flows (`current_peer`, which a filtered `| i peer|caps` keeps).
 */
function configuredPeers(facts: DeviceFacts): Set<string> {
  const out = new Set<string>()
  for (const f of facts.ipsecFlow ?? []) if (f.remoteAddress) out.add(f.remoteAddress)
  for (const e of facts.cryptoMapEntry ?? []) for (const p of e.peers) out.add(p)
  for (const g of facts.ikeGateway ?? []) for (const p of g.peers) if (p !== '0.0.0.0' && p !== '::') out.add(p)
  return out
}

/**
 * The router's own address as the table shows it: in every row, while the other end takes two values or
 * more. Null for fewer than two rows, or when no address or two addresses are in every row.
 */
function sharedEnd(rows: IkeSa[]): string | null {
  if (rows.length < 2) return null
  const first = rows[0]
  const candidates = [first.remoteAddress, first.localAddress].filter((a): a is string => a !== null)
  const inEvery = candidates.filter((a) => rows.every((r) => r.remoteAddress === a || r.localAddress === a))
  if (inEvery.length !== 1) return null
  const shared = inEvery[0]
  const others = new Set(rows.map((r) => (r.remoteAddress === shared ? r.localAddress : r.remoteAddress)))
  return others.size >= 2 ? shared : null
}

function orientIsakmpTable(facts: DeviceFacts, locals: Set<string>, peers: Set<string>): void {
  const rows = facts.ikeSa
  if (!rows || rows.length === 0) return
  const table = rows.filter(isSummaryRow)
  if (table.length === 0) return
  const shared = locals.size === 0 && peers.size === 0 ? sharedEnd(table) : null
  facts.ikeSa = rows.map((sa): IkeSa => {
    const dst = sa.remoteAddress
    const src = sa.localAddress
    if (!dst || !src || !isSummaryRow(sa)) return sa
    const responder =
      (locals.has(dst) && !locals.has(src)) ||
      (!locals.has(src) && peers.has(src) && !peers.has(dst)) ||
      (shared !== null && dst === shared)
    return responder ? {...sa, remoteAddress: src, localAddress: dst} : sa
  })
}

/**
 * Junos "IKE Phase-2 Failure: <reason> [spi=8a3c1f20, src_ip=198.51.100.150, dst_ip=192.0.2.44]" does not
 * say which side is which; the reader takes dst_ip as the peer. When the device's own address is known
 * from lines that do say it (IKE detail "Local:", SA detail "Local Gateway:", kmd "Local: 192.0.2.44/500",
 * "Local-ip:", "p1_local=") and it is the dst_ip, the line is read the other way round.
 */
// "[spi=8a3c1f20, src_ip=198.51.100.150, dst_ip=192.0.2.44]"
const BRACKET = /\bsrc_ip=[^,\]]+, dst_ip=/
function orientBracketLogs(facts: DeviceFacts, flowLocals: Set<string>): void {
  const events = facts.logEvent
  if (!events || events.length === 0) return
  const locals = new Set(flowLocals)
  for (const sa of facts.ikeSa ?? []) if (sa.localAddress && sa.source.vendor === 'junos') locals.add(sa.localAddress)
  for (const e of events) if (e.localAddress && !BRACKET.test(e.text)) locals.add(e.localAddress)
  if (locals.size === 0) return
  facts.logEvent = events.map((e): LogEvent => {
    if (!e.peer || !e.localAddress || !BRACKET.test(e.text) || !locals.has(e.peer) || locals.has(e.localAddress)) return e
    return {...e, peer: e.localAddress, localAddress: e.peer}
  })
}
