/**
 * IOS / IOS-XE `show ip route [vrf V] [prefix]` and ASA `show route`: one route fact per route and next
 * hop. A route line starts with its code ("S*", "C", "O E2", "V") and the destination ("10.60.0.0/24",
 * ASA "10.60.0.0 255.255.255.0"), then "[distance/metric] via next-hop[, age][, interface]" or "is
 * directly connected, interface"; a line "[1/0] via 198.51.100.10" adds a next hop to the route above.
 * The codes legend, "Gateway of last resort is ...", "10.0.0.0/8 is variably subnetted, ..." and
 * "Routing Table: V" are headers. The single-route form ("Routing entry for 10.80.0.0/16") is read by
 * route-entry.ts.
 */
import type {Route} from '../../model/index.js'
import {rawAppend} from '../../model/raw.js'
import {addressKind} from '../../reading/address.js'
import {LineAccount} from '../account.js'
import {IdRegistry} from '../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {scoreLines} from '../cisco/common.js'
import {addMaskedField, isFiltered, markPartial} from '../cisco/modern-common.js'
import {toPrefix} from './common.js'
import {RouteEntry} from './route-entry.js'

// "Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP"
const CODES = /^Codes: \S{1,3} - /i
// "D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area", "- candidate default, U - per-user
// static route" (its "* " taken for a list bullet), "+ - replicated route, % - next hop override"
const LEGEND = /^(?:- [a-z][^,]*|[\w*+%&]{1,3} - [^,]+)(?:, ?[\w*+%&]{1,3} - [^,]+)*,?$/i
// "Gateway of last resort is 198.51.100.9 to network 0.0.0.0" / "Gateway of last resort is not set"
const GATEWAY = /^Gateway of last resort is /i
// "10.0.0.0/8 is variably subnetted, 4 subnets, 3 masks" / "10.0.0.0/24 is subnetted, 2 subnets"
const SUBNETTED = /^(\S+)(?: (\d+\.\d+\.\d+\.\d+))? is (variably )?subnetted, \d+ subnets?(?:, \d+ masks?)?$/i
// "Routing Table: CUST-A"
const VRF = /^Routing Table: (\S+)$/i
// "Routing entry for 10.80.0.0/16" (the single-route form, read by route-entry.ts)
const ENTRY_FORM = /^Routing entry for /i
// "% Subnet not in table" / "% Network not in table"
const NOT_IN_TABLE = /^% ?(?:Subnet|Network) not in table$/i
// "S*", "C", "L", "O", "E2", "IA", "i", "L1", "su", "B", "+", "%", "EX"
const CODE = /^(?:[A-Za-z][A-Za-z0-9]?[*+%&]?|[*+%&])$/
// "[1/0]", "[110/20]"
const DIST = /^\[(\d+)\/(\d+)\]$/
// "00:01:02", "1w2d", "3d04h", "2y3w"
const AGE = /^(?:\d+:\d\d:\d\d|\d+[ywdh]\d+[wdhm])$/
// "is directly connected, GigabitEthernet0/0/1" (after the destination)
const CONNECTED = /^is directly connected,? ?/i
// ASA "connected by VPN (advertised), outside"
const VPN = /^connected by VPN/i
// "is a summary, 00:00:10, Null0"
const SUMMARY = /^is a summary,? ?/i
// "GigabitEthernet0/0/1", "Tunnel100", "outside" (ASA nameif)
const INTERFACE = /^[A-Za-z][\w./:-]*$/
// "255.255.255.0" (ASA destination mask)
const DOTTED_MASK = /^\d+\.\d+\.\d+\.\d+$/
// "C 10.60.0.0/24 is directly connected, GigabitEthernet0/0/1" (content detection)
const CONNECTED_ROW = / is directly connected, /
// "S* 0.0.0.0/0 [1/0] via 198.51.100.9" (content detection)
const VIA_ROW = /^[A-Z]\*? \S+ \[\d+\/\d+\] via /

const PROTOCOLS: Record<string, string> = {
  L: 'local', C: 'connected', S: 'static', R: 'rip', M: 'mobile', B: 'bgp', D: 'eigrp', EX: 'eigrp', O: 'ospf', IA: 'ospf',
  N1: 'ospf', N2: 'ospf', E1: 'ospf', E2: 'ospf', i: 'isis', su: 'isis', L1: 'isis', L2: 'isis', ia: 'isis', U: 'per-user-static',
  o: 'odr', P: 'periodic-static', H: 'nhrp', l: 'lisp', a: 'application', V: 'vpn', I: 'igrp', E: 'egp', m: 'omp', A: 'access',
}

interface Current {
  prefix: string
  codes: string[]
  line: Line
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let table: string | null = null
  let defaultLength: number | null = null
  let current: Current | null = null
  let waiting = false
  // the single-route form being read (route-entry.ts)
  let entry: RouteEntry | null = null

  /** Reads "[1/0] via X[, age][, intf]" or "is directly connected, intf" (rest: the words after the destination). */
  const readRest = (cur: Current, words: string[], line: Line): boolean => {
    const text = words.join(' ')
    const raw = {labels: [] as string[], values: [] as string[], lines: [] as number[]}
    const own = cur.line !== line
    rawAppend(raw, 'Code', cur.codes.join(' '), cur.line.n)
    rawAppend(raw, 'Destination', cur.prefix, cur.line.n)
    let preference: number | null = null
    let metric: number | null = null
    let nextHop: string | null = null
    let iface: string | null = null
    let rest: string[]
    const dist = words.length > 0 ? DIST.exec(words[0]) : null
    if (dist) {
      preference = Number(dist[1])
      metric = Number(dist[2])
      rawAppend(raw, 'Distance/Metric', words[0], line.n)
      if (words[1] !== 'via' || words.length < 3) return false
      const hop = words[2].replace(/,$/, '')
      if (addressKind(hop) !== null) {
        nextHop = hop
        rawAppend(raw, 'via', hop, line.n)
      } else iface = hop
      rest = words.slice(3).join(' ').split(', ').filter((s) => s !== '')
    } else if (CONNECTED.test(text)) {
      rawAppend(raw, 'is directly connected', 'is directly connected', line.n)
      rest = text.replace(CONNECTED, '').split(', ').filter((s) => s !== '')
    } else if (VPN.test(text)) {
      // ASA "V 10.80.0.0 255.255.0.0 connected by VPN (advertised), outside"
      const at = text.indexOf(', ')
      rawAppend(raw, 'connected by', at < 0 ? text : text.slice(0, at), line.n)
      rest = at < 0 ? [] : text.slice(at + 2).split(', ')
    } else if (SUMMARY.test(text)) {
      rawAppend(raw, 'is a summary', 'is a summary', line.n)
      rest = text.replace(SUMMARY, '').split(', ').filter((s) => s !== '')
    } else if (words.length === 0) rest = []
    else return false
    for (const seg of rest) {
      const s = seg.replace(/,$/, '').trim()
      if (AGE.test(s)) rawAppend(raw, 'Age', s, line.n)
      else if (INTERFACE.test(s)) {
        iface = s
        rawAppend(raw, 'Interface', s, line.n)
      } else return false
    }
    const code = cur.codes.find((c) => c !== '*' && c !== '+' && c !== '%' && c !== '&') ?? cur.codes[0]
    const base = code.replace(/[*+%&]$/, '')
    const fact: Route = {
      kind: 'route', id: ids.unique(`route:${table !== null ? `${table}:` : ''}${cur.prefix}:${nextHop ?? iface ?? '-'}`),
      source: sourceOf(ctx, cur.line.n, line.n), raw, prefix: cur.prefix, protocol: PROTOCOLS[base] ?? PROTOCOLS[base.toUpperCase()] ?? base.toLowerCase(),
      protocolRaw: cur.codes.join(' '), nextHop, interface: iface, active: null, selected: null, preference, metric, table,
    }
    if (addressKind(cur.prefix.slice(0, cur.prefix.lastIndexOf('/'))) === 'masked') addMaskedField(fact, 'prefix')
    if (nextHop !== null && addressKind(nextHop) === 'masked') addMaskedField(fact, 'nextHop')
    // a wrapped route line whose next line (with the next hop) was cut or filtered away
    if (isFiltered(ctx) || words.length === 0) markPartial(fact)
    acct.add(fact)
    acct.consume(line)
    if (own) acct.consume(cur.line)
    return true
  }

  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if (CODES.test(t) || LEGEND.test(t) || GATEWAY.test(t)) {
      acct.ignore(line)
      continue
    }
    if ((m = VRF.exec(t))) {
      table = m[1]
      acct.ignore(line)
      continue
    }
    if ((m = SUBNETTED.exec(t))) {
      // "is subnetted" (one mask): the routes below print their address without a length
      const len = m[3] ? null : Number(toPrefix(m[1], m[2] ?? null)?.split('/')[1] ?? NaN)
      defaultLength = len !== null && Number.isFinite(len) ? len : null
      acct.ignore(line)
      continue
    }
    // "% Subnet not in table", "% Network not in table": the device has no route to what was asked
    if (NOT_IN_TABLE.test(t)) {
      acct.warn(`line ${line.n}: no route to the destination asked for (${t})`)
      acct.ignore(line)
      continue
    }
    if (ENTRY_FORM.test(t)) {
      entry?.finish(ctx, ids, table, acct)
      entry = RouteEntry.open(line)
      if (entry === null) acct.reject(line, 'destination of "Routing entry for" not understood')
      current = null
      continue
    }
    if (entry !== null) {
      if (entry.read(line, acct)) continue
      entry.finish(ctx, ids, table, acct)
      entry = null
    }
    const w = t.split(' ')
    // "[1/0] via 198.51.100.10": another next hop of the route above (or of a wrapped route line)
    if (DIST.test(w[0])) {
      if (current === null) acct.reject(line, 'next-hop line without its route line above it')
      else if (!readRest(current, w, line)) acct.reject(line, 'next-hop line not understood')
      waiting = false
      continue
    }
    let k = 0
    while (k < w.length && k < 3 && CODE.test(w[k]) && addressKind(w[k]) === null) k++
    if (k === 0 || k >= w.length) {
      acct.reject(line, 'not a route line')
      continue
    }
    let prefix = toPrefix(w[k])
    let next = k + 1
    if (prefix === null && w[k + 1] !== undefined && DOTTED_MASK.test(w[k + 1])) {
      // ASA "10.60.0.0 255.255.255.0"
      prefix = toPrefix(w[k], w[k + 1])
      next = k + 2
    }
    if (prefix === null && !w[k].includes('/') && defaultLength !== null) prefix = toPrefix(w[k], defaultLength)
    if (prefix === null) {
      acct.reject(line, `"${w[k]}" is not a destination`)
      continue
    }
    if (waiting && current !== null) readRest(current, [], current.line)
    current = {prefix, codes: w.slice(0, k), line}
    if (next >= w.length) {
      // a long route line wraps: "[110/20] via ..." follows on the next line
      waiting = true
      continue
    }
    waiting = false
    if (!readRest(current, w.slice(next), line)) acct.reject(line, 'route line not understood')
  }
  if (waiting && current !== null) readRest(current, [], current.line)
  entry?.finish(ctx, ids, table, acct, true)
  return acct.finish()
}

export const showIpRoute: ParserSpec = {
  id: 'cisco/show-ip-route',
  vendor: 'cisco',
  command: 'show ip route',
  // ASA prints the same table under "show route"
  aliases: ['show route'],
  detect(lines: Line[]): number {
    return scoreLines(lines.slice(0, 40), [CODES, GATEWAY, ENTRY_FORM], [CONNECTED_ROW, VIA_ROW, SUBNETTED])
  },
  parse,
}
