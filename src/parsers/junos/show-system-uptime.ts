/**
 * Junos `show system uptime`: "Current time: 2026-11-23 17:02:11 UTC" gives the capture time. The other
 * lines (System booted, Protocols started, Last configured, Time Source, the BSD uptime line) are kept in
 * raw. Chassis-cluster output prints one section per node ("node0:" + dashes); the first node's (or
 * ctx.node's) current time makes the one captureTime fact, the other nodes' times are kept in raw.
 */
import type {CaptureTime} from '../../model/index.js'
import {LineAccount} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {parseJunosDate} from './dates.js'
import {head, putRaw} from './fields.js'
import {finishAccount} from './finish.js'
import {newRaw} from '../../model/raw.js'

// "Current time: 2026-11-23 17:02:11 UTC"
const CURRENT = /^Current time: ?(.*)$/i
// "System booted: 2026-10-01 08:00:00 UTC (7w3d 09:02 ago)" / "Time Source:  NTP CLOCK"
const OTHER = /^\s*(System booted|Protocols started|Last configured|Time Source):\s*(.*?)\s*$/i
// " 5:02PM  up 53 days,  9:02, 1 user, load averages: 0.05, 0.04, 0.01"
const UPTIME = /^\s*\d{1,2}:\d{2}(?:[AP]M)?\s+up\s+.*load averages?:/i
// "node0:" / "{primary:node0}"
const NODE = /^\s*(node\d+):\s*$/i
// "--------------------------------------------------------------------------"
const SEPARATOR = /^\s*-{5,}\s*$/
// "{primary:node0}" prompt residue
const CLUSTER_TAG = /^\s*\{(?:primary|secondary|hold|ineligible|disabled):node\d+\}\s*$/i

interface NodeTime {
  node: string | null
  line: Line
  value: string
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const raw: CaptureTime['raw'] = newRaw()
  const times: NodeTime[] = []
  let node: string | null = null
  let firstNode: string | null = null
  const kept: Line[] = []
  let first = 0
  let last = 0
  let lastLabel = ''
  // a "node1:" header after the last line read: that node's output was cut away
  let emptyNode = false
  const nodes = new Set<string>()
  const keep = (line: Line, label: string, value: string) => {
    lastLabel = label
    emptyNode = false
    // Lines of the node the fact describes keep their label; other nodes' get "node1 System booted"
    const mainNode = ctx.node ?? firstNode
    putRaw(raw, node !== null && node !== mainNode ? `${node} ${label}` : label, value, line)
    acc.consume(line)
    kept.push(line)
    first ||= line.n
    last = line.n
  }

  for (const line of lines) {
    const text = line.text
    if (text.trim() === '') continue
    const n = NODE.exec(text)
    if (n) {
      node = n[1].toLowerCase()
      firstNode ??= node
      nodes.add(node)
      emptyNode = true
      acc.ignore(line)
      continue
    }
    if (SEPARATOR.test(text) || CLUSTER_TAG.test(text)) {
      acc.ignore(line)
      continue
    }
    const cur = CURRENT.exec(text)
    if (cur) {
      times.push({node, line, value: cur[1]})
      keep(line, 'Current time', cur[1])
      continue
    }
    const other = OTHER.exec(text)
    if (other) {
      keep(line, other[1], other[2])
      continue
    }
    if (UPTIME.test(text)) keep(line, 'Uptime', text)
  }

  const chosen = times.find((t) => ctx.node !== null && t.node === ctx.node) ?? times[0]
  if (chosen) {
    const parsed = parseJunosDate(chosen.value)
    if (!parsed) {
      acc.reject(chosen.line, `unrecognized time "${chosen.value}"`)
    } else {
      if (parsed.assumedUtc) acc.warn(`line ${chosen.line.n}: time zone of "${chosen.value}" unknown, read as UTC`)
      checkNodesAgree(times, parsed.iso, acc)
      // "2026-11-23 17:02:11 UTC" -> "UTC"
      const zone = /\s([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})$/.exec(chosen.value)
      acc.add({
        kind: 'captureTime',
        id: `time:${chosen.node ?? ctx.node ?? 'current'}`,
        source: sourceOf(ctx, first, last),
        raw,
        time: parsed.iso,
        timezone: zone ? zone[1] : null,
        assumedUtc: parsed.assumedUtc,
        // each node's output ends with its "5:02PM up 53 days ..." line: anything else is a cut
        // a chassis cluster has two nodes: one node's section alone (no "node node0" argument) is a cut
        ...(lastLabel !== 'Uptime' || emptyNode || (nodes.size === 1 && !ctx.args.some((a) => /^node/i.test(a))) ? {partial: true as const} : {}),
      })
    }
  }
  if (acc.facts.length === 0) {
    const rest = kept.filter((line) => line !== chosen?.line)
    if (ctx.pipe !== null && chosen === undefined && rest.length > 0) {
      // a filter kept boot or uptime lines and dropped "Current time": read, but the model has no
      // field for them without the capture time, which is what this output is for
      for (const line of rest) acc.ignore(line)
      acc.warn(`line ${rest[0].n}: uptime lines without their "Current time" line (filtered away): the capture time is not known`)
    } else for (const line of rest) acc.reject(line, 'no readable "Current time" line to attach it to')
  }
  return finishAccount(acc, ctx)
}

/** Warns when cluster nodes report clocks more than a minute apart. */
function checkNodesAgree(times: NodeTime[], iso: string, acc: LineAccount): void {
  const base = Date.parse(iso)
  for (const t of times) {
    const other = parseJunosDate(t.value)
    if (other && Math.abs(Date.parse(other.iso) - base) > 60_000) {
      acc.warn(`line ${t.line.n}: ${t.node ?? 'node'} clock differs from the capture time by more than 60 s (${t.value})`)
    }
  }
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines, 20)) {
    if (CURRENT.test(l.text)) score = Math.max(score, 0.7)
    // "System booted: 2026-10-01 08:00:00 UTC (7w3d 09:02 ago)"
    else if (/^\s*(System booted|Protocols started):/i.test(l.text)) return 0.95
  }
  return score
}

export const showSystemUptime: ParserSpec = {
  id: 'junos/show-system-uptime',
  vendor: 'junos',
  command: 'show system uptime',
  detect,
  parse,
}
