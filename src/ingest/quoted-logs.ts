/**
 * Log lines an author quoted from the other end of a tunnel ("The partner sent me this from their
 * side: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 203.0.113.10 failed its sanity check"): nothing
 * in the paste names the other device, so the lines land on the device of the capture. What they name
 * tells: a device never logs its own address as the peer, and a line whose local end is one of the
 * device's peers (while its "peer" is not) was printed by that peer. Such a line is turned round: its
 * peer becomes the other end (the line's local end, or the device's only peer), its local address the
 * device's own, and it is marked as logged by the peer.
 */
import type {Diagnostic, FactsByKind, LogEvent} from '../model/index.js'

interface Ends {
  locals: Set<string>
  remotes: Set<string>
  /** Own address -> the other end, learned from lines turned round that named both. */
  learned: Map<string, string>
}

function endsByDevice(facts: FactsByKind): Map<string, Ends> {
  const out = new Map<string, Ends>()
  const of = (device: string) => {
    let e = out.get(device)
    if (!e) out.set(device, (e = {locals: new Set(), remotes: new Set(), learned: new Map()}))
    return e
  }
  for (const f of [...facts.ikeSa, ...facts.ipsecFlow]) {
    const e = of(f.source.device)
    if (f.localAddress) e.locals.add(f.localAddress)
    if (f.remoteAddress) e.remotes.add(f.remoteAddress)
  }
  for (const g of facts.ikeGateway) if (g.localAddress) of(g.source.device).locals.add(g.localAddress)
  for (const m of facts.cryptoMapEntry) for (const p of m.peers) of(m.source.device).remotes.add(p)
  // an address both ends of a device's own facts name (a hairpin, a misread table) decides nothing
  for (const e of out.values()) for (const a of e.locals) if (e.remotes.has(a)) (e.locals.delete(a), e.remotes.delete(a))
  return out
}

/**
 * Cisco lines name their ends as the printing device sees them ("IKE message from P", "local= A,
 * remote= P"); a Junos "[src_ip=..., dst_ip=...]" names a packet's direction, which says nothing of
 * who printed it (src/engine/orient.ts reads those).
 */
const SIDED_FAMILIES = new Set<LogEvent['family']>(['ios-syslog', 'ios-debug', 'asa-syslog', 'asa-debug'])

/** The other end that printed `e`, or undefined when the line reads as the device's own. */
function otherEnd(e: LogEvent, ends: Ends): string | null | undefined {
  if (e.peer === null || !SIDED_FAMILIES.has(e.family)) return undefined
  if (ends.locals.has(e.peer)) {
    if (e.localAddress && !ends.locals.has(e.localAddress)) return e.localAddress
    return ends.learned.get(e.peer) ?? (ends.remotes.size === 1 ? [...ends.remotes][0] : null)
  }
  if (e.localAddress && ends.remotes.has(e.localAddress) && !ends.remotes.has(e.peer)) return e.localAddress
  return undefined
}

/** Turns round the log events printed by the other end (see the module comment); one note per file. */
export function turnQuotedPeerLogs(facts: FactsByKind): Diagnostic[] {
  if (facts.logEvent.length === 0) return []
  const ends = endsByDevice(facts)
  const notes = new Map<string, {line: number; own: string; count: number}>()
  // twice: a line turned round names the device's own address, which then tells for the lines of the
  // same exchange that name only that address ("remote= 203.0.113.77" above "local 198.51.100.40 remote 203.0.113.77")
  for (let pass = 0; pass < 2; pass++) {
    for (const e of facts.logEvent) {
      const d = e.loggedByPeer ? undefined : ends.get(e.source.device)
      const other = d ? otherEnd(e, d) : undefined
      if (other === undefined) continue
      const own = e.peer!
      e.peer = other
      e.localAddress = own
      e.loggedByPeer = true
      d!.locals.add(own)
      if (other !== null) d!.learned.set(own, other)
      const n = notes.get(e.source.file)
      if (n) n.count++
      else notes.set(e.source.file, {line: e.source.startLine, own, count: 1})
    }
  }
  return [...notes].map(([file, n]) => ({
    level: 'info', file, line: n.line,
    message: `${file}:${n.line}: ${n.count} log line(s) name ${n.own}, an address of the capture's own device, as the peer: read as lines the other end printed (quoted from it)`,
  }))
}
