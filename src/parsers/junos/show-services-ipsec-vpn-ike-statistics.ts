/**
 * Junos services PIC (MX/M/ACX) `show services ipsec-vpn ike statistics [peer]`.
 *
 * One block per "IKE peer <addr>": cookies, endpoints, IPsec SAs created/deleted, rekeys, traffic,
 * delete payloads, DPD and invalid-SPI counters. Labels are padded in two ways ("Input  bytes  :" and
 * "R-U-THERE notifications sent        :"); both are matched after collapsing whitespace.
 * Output: one ikeStats fact per peer; counters with unknown labels go to `counters`.
 */
import type {DpdStats, IkeStats} from '../../model/index.js'
import {LineAccount, firstNonSpace, internLabel, toInt} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {head, parseEndpoint, putInternedRaw, rawMapMaker, readCreatedDeleted, smallNumber} from './fields.js'
import {LabelTable, LineFields, scanFields, type LabelInfo} from './field-scan.js'
import {IdRegistry} from '../ids.js'

// "IKE peer 192.168.10.130"
const PEER_LINE = /^\s*IKE peer\s+(\S+)\s*$/i
// "0 msec", "1200 ms", "2 sec", "17"
const NUMBER_WITH_UNIT = /^(\d[\d,]*)\s*(msec|ms|milliseconds?|sec|secs|seconds?|s)?$/i

type Section = 'traffic' | 'deletes' | 'dpd' | 'invalid-spi' | 'other' | null

type TopKey = 'inBytes' | 'outBytes' | 'inPackets' | 'outPackets' | 'deletesReceived' | 'deletesSent' | 'invalidSpiReceived' | 'invalidSpiSent' | 'rekeys'

/** Counter labels (lower-cased, whitespace collapsed, "r-u-there ack" written "r-u-there-ack") -> field. */
const TOP_FIELDS: Record<string, TopKey> = {
  'input bytes': 'inBytes',
  'output bytes': 'outBytes',
  'input packets': 'inPackets',
  'output packets': 'outPackets',
  'delete ipsec sa payloads received': 'deletesReceived',
  'delete ipsec sa payloads sent': 'deletesSent',
  'ipsec tunnel rekeys': 'rekeys',
}

const DPD_FIELDS: Record<string, keyof DpdStats> = {
  'r-u-there notifications received': 'requestsReceived',
  'r-u-there notifications sent': 'requestsSent',
  'r-u-there-ack notifications received': 'acksReceived',
  'r-u-there-ack notifications sent': 'acksSent',
  'r-u-there-ack notifications missed': 'acksMissed',
  'worst case r-u-there-ack delay': 'worstAckDelayMs',
}

const SECTIONS: Record<string, Section> = {
  'traffic statistics': 'traffic',
  'delete ipsec sa payload statistics': 'deletes',
  'dpd statistics': 'dpd',
  'invalid spi notification statistics': 'invalid-spi',
}

/** What this parser needs to know about a label, worked out once per label (see LabelTable). */
interface StatsLabel {
  /** Lower-cased, "r-u-there ack" written "r-u-there-ack": "input bytes", "dpd statistics". */
  key: string
  section: Section | undefined
  inTop: boolean
  top: TopKey
  inDpd: boolean
  dpd: keyof DpdStats
  /** Raw key of "Notifications received/sent" inside the invalid SPI section (shared copy, as labels are). */
  invalidSpiKey: string
}

function statsLabel(label: string): StatsLabel {
  // "R-U-THERE ACK notifications sent" (field description spelling) -> "r-u-there-ack notifications sent"
  const key = label.toLowerCase().replace(/r-u-there ack/g, 'r-u-there-ack')
  return {
    key, section: SECTIONS[key], inTop: key in TOP_FIELDS, top: TOP_FIELDS[key], inDpd: key in DPD_FIELDS, dpd: DPD_FIELDS[key],
    invalidSpiKey: internLabel(`Invalid SPI ${label.toLowerCase()}`),
  }
}

/** Labels met so far: a capture repeats the same two dozen labels for every peer. */
const LABELS = new LabelTable(statsLabel)

/** Reads "704", "0 msec", "2 sec" (as ms when the unit is seconds); null when not a number. */
function numberOf(value: string): number | null {
  // plain digits ("29159"), the usual counter, and "610 msec" need no pattern
  const plain = smallNumber(value, 0, value.length)
  if (plain >= 0) return plain
  if (value.endsWith(' msec')) {
    const ms = smallNumber(value, 0, value.length - 5)
    if (ms >= 0) return ms
  }
  const m = NUMBER_WITH_UNIT.exec(value.trim())
  if (!m) return null
  const n = toInt(m[1])
  if (n === null) return null
  const unit = m[2]?.toLowerCase() ?? ''
  return unit.startsWith('s') ? n * 1000 : n
}

interface Block {
  stats: IkeStats
  first: number
  last: number
  section: Section
}

function newStats(ctx: ParseContext, peer: string, line: Line): IkeStats {
  return {
    kind: 'ikeStats', id: '', source: sourceOf(ctx, line.n, line.n), raw: rawWithPeer(peer, line),
    remoteAddress: peer, localAddress: null, initiatorCookie: null, responderCookie: null,
    ipsecSasCreated: null, ipsecSasDeleted: null, rekeys: null, inBytes: null, outBytes: null, inPackets: null,
    outPackets: null, deletesReceived: null, deletesSent: null, dpd: null, invalidSpiReceived: null, invalidSpiSent: null,
    counters: {},
  }
}

const newRawMap = rawMapMaker()

/** {"IKE peer": peer} in a map made for the two dozen labels to come. */
function rawWithPeer(peer: string, line: Line): IkeStats['raw'] {
  const raw = newRawMap()
  raw['IKE peer'] = {value: peer, line: line.n}
  return raw
}

function emptyDpd(): DpdStats {
  return {requestsReceived: null, requestsSent: null, acksReceived: null, acksSent: null, acksMissed: null, worstAckDelayMs: null}
}

/** Applies one "label: value" field; returns the raw key to record it under, or null when not understood. */
function applyField(b: Block, name: LabelInfo<StatsLabel>, value: string, acc: LineAccount, line: Line): string | null {
  const s = b.stats
  const {label, info} = name
  if (value === '') {
    const section = info.section
    b.section = section ?? 'other'
    if (section === 'dpd') s.dpd ??= emptyDpd()
    if (!section) acc.ignore(line)
    return section ? label : null
  }
  switch (info.key) {
    case 'initiator cookie':
      s.initiatorCookie = value
      return label
    case 'responder cookie':
      s.responderCookie = value
      return label
    case 'local':
      s.localAddress = parseEndpoint(value, false).address
      return label
    case 'remote':
      s.remoteAddress = parseEndpoint(value, false).address
      return label
    case 'ipsec security associations':
      return readCreatedDeleted(value, s) ? label : null
  }
  const n = numberOf(value)
  if (n === null) {
    acc.warn(`line ${line.n}: ${label} is not a number: "${value}"`)
    return null
  }
  if (info.inTop) {
    s[info.top] = n
    return label
  }
  if (info.inDpd) {
    s.dpd ??= emptyDpd()
    s.dpd[info.dpd] = n
    return label
  }
  if (b.section === 'invalid-spi' && (info.key === 'notifications received' || info.key === 'notifications sent')) {
    if (info.key === 'notifications received') s.invalidSpiReceived = n
    else s.invalidSpiSent = n
    return info.invalidSpiKey
  }
  // Any other counter: kept by its printed label
  s.counters[label] = n
  return label
}

/** "IKE peer 192.168.10.130" -> the peer; null for any other line. `at`: its first non-blank character. */
function peerOf(text: string, at: number): string | null {
  // only "IK..." (any case) can match: "Initiator cookie", "Input bytes", ... skip the pattern
  const k = text.charCodeAt(at + 1)
  if (k !== 75 && k !== 107) return null
  return PEER_LINE.exec(text)?.[1] ?? null
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  const fields = new LineFields<StatsLabel>()
  let block: Block | null = null
  const close = () => {
    if (!block) return
    const s = block.stats
    s.id = ids.unique(`ikestats:${s.raw['IKE peer'].value}`)
    s.source = sourceOf(ctx, block.first, block.last)
    if (s.initiatorCookie === null && s.rekeys === null && s.inPackets === null) {
      acc.warn(`line ${block.first}: IKE peer ${s.remoteAddress} has no statistics (truncated block?)`)
    }
    acc.add(s)
    block = null
  }

  // indexed: a for-of loop that runs once per capture allocates an iterator result per line until optimized
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const text = line.text
    const at = firstNonSpace(text)
    if (at === text.length) continue
    const lead = text.charCodeAt(at)
    // "IKE peer 192.168.10.130" (starts with "I" or "i")
    const peer = lead === 73 || lead === 105 ? peerOf(text, at) : null
    if (peer !== null) {
      close()
      block = {stats: newStats(ctx, peer, line), first: line.n, last: line.n, section: null}
      acc.consume(line)
      continue
    }
    if (!block) continue
    const count = scanFields(text, LABELS, fields)
    let known = 0
    for (let i = 0; i < count; i++) {
      const value = fields.values[i]
      // raw keys are labels as shown (blanks collapsed), no further squash needed
      const rawKey = applyField(block, fields.labels[i], value, acc, line)
      if (rawKey === null) continue
      known++
      if (value !== '') putInternedRaw(block.stats.raw, rawKey, value, line)
    }
    if (known > 0) {
      acc.consume(line)
      block.last = line.n
    }
  }
  close()
  return acc.finish()
}

function detect(lines: Line[]): number {
  let peer = false
  for (const l of head(lines)) {
    if (PEER_LINE.test(l.text)) peer = true
    // "  IPSec tunnel rekeys:     1" / "  DPD statistics:" / "   R-U-THERE-ACK notifications missed:  0"
    else if (/^\s*(IPSec tunnel rekeys\s*:|DPD statistics\s*:|R-U-THERE(-ACK)? notifications|Delete IPsec SA payload)/i.test(l.text)) return 0.95
  }
  return peer ? 0.4 : 0
}

export const showServicesIpsecVpnIkeStatistics: ParserSpec = {
  id: 'junos/show-services-ipsec-vpn-ike-statistics',
  vendor: 'junos',
  command: 'show services ipsec-vpn ike statistics',
  detect,
  parse,
}
