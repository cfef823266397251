/**
 * Junos `show route [prefix] [table T] [protocol P]`: one route fact per route and next hop. A table
 * header ("inet.0: 14 destinations, 14 routes") names the table of the routes below it; a route line
 * ("10.10.0.0/16 *[Static/5] 3w2d 04:11:37") opens a route, a line "[OSPF/10] 00:01:00, metric 2"
 * another protocol's route to the same destination, and each next-hop line below ("> to 198.51.100.9
 * via ge-0/0/0.0", "> via st0.0", "Local via ge-0/0/1.0", "Discard") gives one fact. A route whose
 * next-hop lines are missing (cut, filtered) is a fact without next hop, marked partial.
 */
import type {Route} from '../../model/index.js'
import {rawAppend} from '../../model/raw.js'
import {addressKind} from '../../reading/address.js'
import {labelPairs} from '../../reading/labels.js'
import {toInt} from '../../reading/numbers.js'
import {LineAccount} from '../account.js'
import {IdRegistry} from '../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {scoreLines, splitLabeled} from '../cisco/common.js'
import {addMaskedField} from '../cisco/modern-common.js'
import {finishAccount, markPartial} from '../junos/finish.js'
import {toPrefix} from './common.js'

// "inet.0: 14 destinations, 14 routes" (the "(14 active, 0 holddown, 0 hidden)" after it reads as a note)
const TABLE = /^([\w.-]+): \d+ destinations?, \d+ routes?\b/i
// "+ = Active Route, - = Last Active, * = Both"
const LEGEND = /^\+ = Active Route, - = Last Active, \* = Both$/i
// "Restart Complete"
const RESTART = /^Restart Complete$/i
// "10.10.0.0/16 *[Static/5] 3w2d 04:11:37" / "10.99.0.4/30 *[BGP/170] 1d 02:03:04, localpref 100"
const ROUTE = /^(\S+) ([*+-]?)\[([\w-]+)\/(\d+)\](?: (.*))?$/
// "[OSPF/10] 00:01:00, metric 2" (another protocol's route to the destination above)
const ENTRY = /^([*+-]?)\[([\w-]+)\/(\d+)\](?: (.*))?$/
// "> to 198.51.100.9 via ge-0/0/0.0", "to 10.99.0.9 via st0.1", "> to 10.0.0.5 via st0.0, Push 299792"
const HOP_TO = /^(?:> ?)?to (\S+) via ([^\s,]+)(?:, (.*))?$/
// "> via st0.0", "via ge-0/0/1.0"
const HOP_VIA = /^(?:> ?)?via ([^\s,]+)(?:, (.*))?$/
// "Local via ge-0/0/1.0"
const HOP_LOCAL = /^Local via (\S+)$/i
// "Discard", "Reject", "Receive", "> Discard"
const HOP_TYPE = /^(?:> ?)?(Discard|Reject|Receive|MultiRecv|Multicast \(IPv[46]\) Discard)$/i
// ">" before a next hop as captured (the reading layer takes a leading "> " for a quote mark)
// ">  to 203.0.113.1 via ge-0/0/0.0" (one or two spaces after the marker, by release), "> via st0.0", "*> to ..."
const SELECTED = /(?:^|[\s*])>\s*(?:to|via|Discard|Reject|Receive)\b/

const PROTOCOLS: Record<string, string> = {direct: 'connected', ospf3: 'ospf', ripng: 'rip', 'is-is': 'isis'}

interface Entry {
  prefix: string
  protocolRaw: string
  active: boolean
  preference: number
  metric: number | null
  line: Line
  /** Printed values of the route line and the labelled lines under it, copied into each next hop's fact. */
  fields: {label: string; value: string; line: number}[]
  hops: number
  last: Route | null
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let table: string | null = null
  let entry: Entry | null = null
  let prefix: string | null = null

  const emit = (e: Entry, hop: {nextHop: string | null; iface: string | null; selected: boolean | null; fields: [string, string][]; line: Line} | null) => {
    const protocol = PROTOCOLS[e.protocolRaw.toLowerCase()] ?? e.protocolRaw.toLowerCase()
    const fact: Route = {
      kind: 'route', id: ids.unique(`route:${e.prefix}:${protocol}:${hop?.nextHop ?? hop?.iface ?? hop?.fields[0]?.[1] ?? '-'}`),
      source: sourceOf(ctx, e.line.n, hop?.line.n ?? e.line.n), raw: {labels: [], values: [], lines: []},
      prefix: e.prefix, protocol, protocolRaw: e.protocolRaw, nextHop: hop?.nextHop ?? null, interface: hop?.iface ?? null,
      active: e.active, selected: hop?.selected ?? null, preference: e.preference, metric: e.metric, table,
    }
    for (const f of e.fields) rawAppend(fact.raw, f.label, f.value, f.line)
    if (hop) for (const [label, value] of hop.fields) rawAppend(fact.raw, label, value, hop.line.n)
    if (hop === null) markPartial(fact)
    acct.add(fact)
    e.last = fact
  }
  const close = () => {
    if (entry !== null && entry.hops === 0) emit(entry, null)
    entry = null
  }
  const open = (line: Line, marker: string, proto: string, pref: string, rest: string | undefined) => {
    close()
    const e: Entry = {prefix: prefix as string, protocolRaw: proto, active: marker === '*' || marker === '+', preference: Number(pref), metric: null, line, fields: [], hops: 0, last: null}
    e.fields.push({label: 'Destination', value: e.prefix, line: line.n}, {label: 'Protocol', value: proto, line: line.n}, {label: 'Preference', value: pref, line: line.n})
    if (marker !== '') e.fields.push({label: 'State', value: marker, line: line.n})
    const segments = rest ? rest.split(', ') : []
    // "3w2d 04:11:37": the age comes first, "metric 2", "localpref 100", "from 10.0.0.1" after it
    if (segments.length > 0) e.fields.push({label: 'Age', value: segments.shift() as string, line: line.n})
    for (const p of splitLabeled(segments.join(', '))) {
      e.fields.push({label: p.label, value: p.value, line: line.n})
      if (p.label.toLowerCase() === 'metric') e.metric = toInt(p.value)
    }
    entry = e
    acct.consume(line)
  }

  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if ((m = TABLE.exec(t))) {
      close()
      table = m[1]
      prefix = null
      acct.ignore(line)
      continue
    }
    if (LEGEND.test(t) || RESTART.test(t)) {
      acct.ignore(line)
      continue
    }
    if ((m = ROUTE.exec(t))) {
      const p = toPrefix(m[1])
      if (p === null) {
        close()
        acct.reject(line, `"${m[1]}" is not a destination prefix`)
        continue
      }
      close()
      prefix = p
      open(line, m[2], m[3], m[4], m[5])
      continue
    }
    if ((m = ENTRY.exec(t))) {
      if (prefix === null) {
        close()
        acct.reject(line, 'route line without the destination line above it')
        continue
      }
      open(line, m[1], m[2], m[3], m[4])
      continue
    }
    const selected = SELECTED.test(line.original ?? t) || t.startsWith('>')
    let hop: {nextHop: string | null; iface: string | null; selected: boolean | null; fields: [string, string][]; line: Line} | null = null
    if ((m = HOP_TO.exec(t))) hop = {nextHop: m[1], iface: m[2], selected, fields: [['to', m[1]], ['via', m[2]], ...extra(m[3])], line}
    else if ((m = HOP_VIA.exec(t))) hop = {nextHop: null, iface: m[1], selected, fields: [['via', m[1]], ...extra(m[2])], line}
    else if ((m = HOP_LOCAL.exec(t))) hop = {nextHop: null, iface: m[1], selected, fields: [['Local via', m[1]]], line}
    else if ((m = HOP_TYPE.exec(t))) hop = {nextHop: null, iface: null, selected, fields: [['Next hop type', m[1]]], line}
    if (hop !== null) {
      if (entry === null) {
        acct.reject(line, 'next-hop line without its route line above it')
        continue
      }
      const e: Entry = entry
      e.hops++
      emit(e, hop)
      acct.consume(line)
      continue
    }
    // "AS path: 65001 I, validation-state: unverified" under a BGP route
    const pairs = labelPairs(t)
    if (entry !== null && pairs.length > 0 && t.startsWith(pairs[0].label)) {
      const e: Entry = entry
      for (const p of pairs) e.fields.push({label: p.label, value: p.value, line: line.n})
      acct.consume(line)
      continue
    }
    acct.reject(line, 'not a line of show route output')
  }
  close()
  const result = finishAccount(acct, ctx)
  // "X.X.X.3/16": finishAccount names the fields that hold a bare mask, not a masked prefix
  for (const f of result.facts as Route[]) if (addressKind(f.prefix.slice(0, f.prefix.lastIndexOf('/'))) === 'masked') addMaskedField(f, 'prefix')
  return result
}

/** ", Push 299792" after a next hop: kept as printed. */
function extra(rest: string | undefined): [string, string][] {
  return rest ? splitLabeled(rest).map((p) => [p.label, p.value] as [string, string]) : []
}

export const junosShowRoute: ParserSpec = {
  id: 'junos/show-route',
  vendor: 'junos',
  command: 'show route',
  detect(lines: Line[]): number {
    return scoreLines(lines.slice(0, 40), [TABLE, LEGEND], [ROUTE, HOP_TO])
  },
  parse,
}
