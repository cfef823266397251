/**
 * IOS `show crypto isakmp sa` prints `dst src` in the direction of the negotiation, so on the responder
 * the dst is the router itself: "198.51.100.150 192.0.2.44 QM_IDLE 1187 ACTIVE" on 198.51.100.150, whose
 * peer 192.0.2.44 initiated. The parser reads one block and takes dst as the peer. Once the device's own
 * crypto endpoints are known from its other outputs (`local crypto endpt.` / `local addr` of its IPsec
 * flows), a row whose dst is one of them and whose src is not is read the other way round. When dst is
 * the peer, as on the initiator, dst is never a local endpoint and nothing changes.
 */
import type {IkeSa, LogEvent} from '../model/index.js'
import {rawGet} from '../model/raw.js'
import type {DeviceFacts} from './device-index.js'

export function orientIkeRows(facts: DeviceFacts): void {
  const locals = new Set<string>()
  for (const f of facts.ipsecFlow ?? []) if (f.localAddress) locals.add(f.localAddress)
  orientIsakmpTable(facts, locals)
  orientBracketLogs(facts, locals)
}

function orientIsakmpTable(facts: DeviceFacts, locals: Set<string>): void {
  const rows = facts.ikeSa
  if (!rows || rows.length === 0 || locals.size === 0) return
  facts.ikeSa = rows.map((sa): IkeSa => {
    if (!sa.remoteAddress || !sa.localAddress || !locals.has(sa.remoteAddress) || locals.has(sa.localAddress)) return sa
    // only the summary table is written dst-first; detail and other vendors name local and remote
    if (!rawGet(sa.raw, 'dst') || !rawGet(sa.raw, 'src')) return sa
    return {...sa, remoteAddress: sa.localAddress, localAddress: sa.remoteAddress}
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
