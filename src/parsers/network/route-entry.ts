/**
 * The single-route form of IOS / IOS-XE `show ip route <prefix>` and ASA `show route <addr>`:
 *   Routing entry for 10.80.0.0/16            (ASA: "Routing entry for 0.0.0.0 0.0.0.0, supernet")
 *     Known via "static", distance 1, metric 0, candidate default path
 *     Routing Descriptor Blocks:
 *     * 203.0.113.65                           (ASA: "* 203.0.113.17, via outside"; "* directly connected, via Tunnel100")
 *         Route metric is 0, traffic share count is 1
 * One route fact per descriptor block (next hop); "*" marks the one in use (`selected`).
 */
import type {Route} from '../../model/index.js'
import type {RawValues} from '../../model/common.js'
import {newRaw, rawAppend} from '../../model/raw.js'
import {addressKind} from '../../reading/address.js'
import type {LineAccount} from '../account.js'
import type {IdRegistry} from '../ids.js'
import type {Line, ParseContext} from '../types.js'
import {sourceOf} from '../types.js'
import {toPrefix} from './common.js'
import {addMaskedField, isFiltered, markPartial} from '../cisco/modern-common.js'

// "Routing entry for 10.80.0.0/16", "Routing entry for 0.0.0.0 0.0.0.0, supernet"
const ENTRY_HEAD = /^Routing entry for (\S+)(?: (\d+\.\d+\.\d+\.\d+))?(?:, .*)?$/i
// "Known via "static", distance 1, metric 0, candidate default path"
const KNOWN_VIA = /^Known via "([^"]+)", distance (\d+), metric (\d+)/i
// "* 203.0.113.65", "* 203.0.113.17, via outside", "* directly connected, via Tunnel100", "  10.1.1.2, from 10.1.1.2, 00:12:01 ago, via Gi0/1"
const BLOCK = /^(\*\s?)?(directly connected|[\w.:<>-]+)((?:, .*)?)$/
// "Route metric is 0, traffic share count is 1", "Redistributing via ...", "Last update from ..."
const DETAIL = /^(?:Route metric is|AS Hops|MPLS label|Route tag|Redistributing via|Advertised by|Last update from|Routing Descriptor Blocks:|Tag \d)/i

interface Hop {
  nextHop: string | null
  iface: string | null
  selected: boolean
  lines: Line[]
  raw: RawValues
}

/** Reads one single-route entry, line by line; `finish` turns it into facts. */
export class RouteEntry {
  private protocol: string | null = null
  private preference: number | null = null
  private metric: number | null = null
  private readonly hops: Hop[] = []
  private readonly head: RawValues = newRaw()

  constructor(private readonly prefix: string, private readonly first: Line) {
    rawAppend(this.head, 'Routing entry for', prefix, first.n)
  }

  static open(line: Line): RouteEntry | null {
    const m = ENTRY_HEAD.exec(line.text)
    const prefix = m ? toPrefix(m[1], m[2] ?? null) : null
    return prefix ? new RouteEntry(prefix, line) : null
  }

  /** Takes a line of the entry; false when it is not one. */
  read(line: Line, acct: LineAccount): boolean {
    const t = line.text
    let m: RegExpExecArray | null
    if ((m = KNOWN_VIA.exec(t))) {
      this.protocol = m[1].toLowerCase()
      this.preference = Number(m[2])
      this.metric = Number(m[3])
      rawAppend(this.head, 'Known via', m[1], line.n)
      rawAppend(this.head, 'distance', m[2], line.n)
      rawAppend(this.head, 'metric', m[3], line.n)
      acct.consume(line)
      return true
    }
    if (DETAIL.test(t)) {
      const hop = this.hops[this.hops.length - 1]
      if (hop && /^Route metric is/i.test(t)) (rawAppend(hop.raw, 'Route metric', t, line.n), hop.lines.push(line), acct.consume(line))
      else acct.ignore(line)
      return true
    }
    if ((m = BLOCK.exec(t)) && (m[2] === 'directly connected' || addressKind(m[2]) !== null)) {
      const via = /(?:^|, )via (\S+)/.exec(m[3] ?? '')?.[1] ?? null
      // the "*" of the block in use may have gone with Markdown residue ("* text" reads as a list item)
      const star = m[1] !== undefined || /^\s*(?:>\s)*\*/.test(line.original ?? '')
      const hop: Hop = {nextHop: m[2] === 'directly connected' ? null : m[2], iface: via, selected: star, lines: [line], raw: newRaw()}
      rawAppend(hop.raw, 'Descriptor block', t, line.n)
      this.hops.push(hop)
      acct.consume(line)
      return true
    }
    return false
  }

  /**
   * Emits the facts. `atEnd`: the input ended inside the entry, so a last block without its "Route
   * metric" line (or an entry without any block) may have been cut: that fact is partial.
   */
  finish(ctx: ParseContext, ids: IdRegistry, table: string | null, acct: LineAccount, atEnd = false): void {
    acct.consume(this.first)
    const hops: Hop[] = this.hops.length > 0 ? this.hops : [{nextHop: null, iface: null, selected: false, lines: [], raw: newRaw()}]
    for (const h of hops) {
      const raw = newRaw()
      for (const r of [this.head, h.raw]) r.labels.forEach((label, i) => rawAppend(raw, label, r.values[i], r.lines[i]))
      const last = Math.max(this.first.n, ...raw.lines)
      const fact: Route = {
        kind: 'route', id: ids.unique(`route:${table !== null ? `${table}:` : ''}${this.prefix}:${h.nextHop ?? h.iface ?? '-'}`),
        source: sourceOf(ctx, this.first.n, last), raw, prefix: this.prefix, protocol: this.protocol ?? 'unknown', protocolRaw: this.protocol ?? '',
        nextHop: h.nextHop, interface: h.iface, active: null, selected: this.hops.length > 0 ? h.selected : null, preference: this.preference, metric: this.metric, table,
      }
      if (addressKind(this.prefix.slice(0, this.prefix.lastIndexOf('/'))) === 'masked') addMaskedField(fact, 'prefix')
      if (h.nextHop !== null && addressKind(h.nextHop) === 'masked') addMaskedField(fact, 'nextHop')
      const cut = atEnd && h === hops[hops.length - 1] && !h.raw.labels.includes('Route metric')
      if (isFiltered(ctx) || cut) markPartial(fact)
      acct.add(fact)
    }
  }
}
