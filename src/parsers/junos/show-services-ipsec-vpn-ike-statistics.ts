/**
 * Junos services PIC (MX/M/ACX) `show services ipsec-vpn ike statistics [peer]`.
 *
 * One block per "IKE peer <addr>": cookies, endpoints, IPsec SAs created/deleted, rekeys, traffic,
 * delete payloads, DPD and invalid-SPI counters. Labels are padded in two ways ("Input  bytes  :" and
 * "R-U-THERE notifications sent        :"); lines arrive single-spaced, so both read "Label : value".
 * Output: one ikeStats fact per peer; counters with unknown labels go to `counters`.
 */
import type {DpdStats, IkeStats} from '../../model/index.js'
import {LineAccount, toInt} from '../account.js'
import {IdRegistry} from '../ids.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {head, parseEndpoint, putRaw, readCreatedDeleted, splitFields} from './fields.js'
import {cutShort, finishAccount} from './finish.js'
import {newRaw, rawFromFields, rawGet, rawValue} from '../../model/raw.js'

// "IKE peer 192.168.10.130"
const PEER_LINE = /^IKE peer (\S+)$/i
// "0 msec", "1200 ms", "2 sec", "17"
const NUMBER_WITH_UNIT = /^(\d[\d,]*) ?(msec|ms|milliseconds?|sec|secs|seconds?|s)?$/i

type Section = 'traffic' | 'deletes' | 'dpd' | 'invalid-spi' | 'other' | null
type TopKey = 'inBytes' | 'outBytes' | 'inPackets' | 'outPackets' | 'deletesReceived' | 'deletesSent' | 'rekeys'

/** Counter labels (lower-cased, "r-u-there ack" written "r-u-there-ack") -> field. */
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

/** Reads "704", "0 msec", "2 sec" (as ms when the unit is seconds); null when not a number. */
function numberOf(value: string): number | null {
  const m = NUMBER_WITH_UNIT.exec(value)
  if (!m) return null
  const n = toInt(m[1])
  if (n === null) return null
  return (m[2]?.toLowerCase() ?? '').startsWith('s') ? n * 1000 : n
}

interface Block {
  stats: IkeStats
  first: number
  last: number
  section: Section
  /** Lower-cased labels read (the last block is partial when it lacks some the one before had). */
  labels: Set<string>
}

function newStats(ctx: ParseContext, peer: string | null, line: Line): IkeStats {
  return {
    kind: 'ikeStats', id: '', source: sourceOf(ctx, line.n, line.n), raw: peer === null ? newRaw() : rawFromFields({'IKE peer': {value: peer, line: line.n}}),
    remoteAddress: peer, localAddress: null, initiatorCookie: null, responderCookie: null,
    ipsecSasCreated: null, ipsecSasDeleted: null, rekeys: null, inBytes: null, outBytes: null, inPackets: null,
    outPackets: null, deletesReceived: null, deletesSent: null, dpd: null, invalidSpiReceived: null, invalidSpiSent: null,
    counters: {},
  }
}

function emptyDpd(): DpdStats {
  return {requestsReceived: null, requestsSent: null, acksReceived: null, acksSent: null, acksMissed: null, worstAckDelayMs: null}
}

/** Applies one "label: value" field; returns the raw key to record it under, or null when not understood. */
function applyField(b: Block, label: string, value: string, acc: LineAccount, line: Line): string | null {
  const s = b.stats
  // "R-U-THERE ACK notifications sent" (field description spelling) -> "r-u-there-ack notifications sent"
  const key = label.toLowerCase().replace(/r-u-there ack/g, 'r-u-there-ack')
  if (value === '') {
    // "DPD statistics:" (a section header)
    const section = SECTIONS[key]
    b.section = section ?? 'other'
    if (section === 'dpd') s.dpd ??= emptyDpd()
    // "Informational exchange statistics:" (a section the model has no field for): decoration
    if (!section) acc.ignore(line)
    return section ? label : null
  }
  switch (key) {
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
  if (key in TOP_FIELDS) {
    s[TOP_FIELDS[key]] = n
    return label
  }
  if (key in DPD_FIELDS) {
    s.dpd ??= emptyDpd()
    s.dpd[DPD_FIELDS[key]] = n
    return label
  }
  // "Notifications received: 0" under "Invalid SPI notification statistics:"
  if (b.section === 'invalid-spi' && (key === 'notifications received' || key === 'notifications sent')) {
    if (key === 'notifications received') s.invalidSpiReceived = n
    else s.invalidSpiSent = n
    return `Invalid SPI ${key}`
  }
  // any other counter: kept by its printed label
  s.counters[label] = n
  return label
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  const blocks: Block[] = []
  let block: Block | null = null
  let headless = 0
  const open = (peer: string | null, line: Line): Block => {
    const b: Block = {stats: newStats(ctx, peer, line), first: line.n, last: line.n, section: null, labels: new Set()}
    if (peer === null) {
      b.stats.id = `ikestats:filtered-${++headless}`
      b.stats.partial = true
    }
    blocks.push(b)
    return b
  }

  for (const line of lines) {
    const text = line.text
    if (text === '') continue
    const peer = PEER_LINE.exec(text)
    if (peer) {
      block = open(peer[1], line)
      acc.consume(line)
      continue
    }
    const fields = splitFields(text)
    if (fields.length === 0) continue
    // lines a filter left without their "IKE peer" line: a peer of their own, and the next one when
    // a label repeats
    if (!block || (rawGet(block.stats.raw, 'IKE peer') === undefined && fields.some((f) => f.value !== '' && block!.labels.has(f.label.toLowerCase())))) {
      block = open(null, line)
    }
    let known = 0
    for (const {label, value} of fields) {
      const rawKey = applyField(block, label, value, acc, line)
      if (rawKey === null) continue
      block.labels.add(rawKey.toLowerCase())
      // "Traffic statistics:": a section header, its values are on the lines below
      if (value === '') continue
      known++
      putRaw(block.stats.raw, rawKey, value, line)
    }
    if (known > 0) {
      acc.consume(line)
      block.last = line.n
    } else if (fields.every((f) => f.value === '')) acc.ignore(line)
  }
  blocks.forEach((b, i) => {
    const s = b.stats
    s.id = ids.unique(s.id || `ikestats:${rawValue(s.raw, 'IKE peer')}`)
    s.source = sourceOf(ctx, b.first, b.last)
    if (s.initiatorCookie === null && s.rekeys === null && s.inPackets === null && rawGet(s.raw, 'IKE peer') !== undefined) {
      acc.warn(`line ${b.first}: IKE peer ${s.remoteAddress} has no statistics (truncated block?)`)
    }
    // the output ends in the last block: cut when it lacks what the block before printed, or the invalid SPI counters
    if (i === blocks.length - 1 && cutShort(b.labels, blocks[i - 1]?.labels ?? null, ['invalid spi notifications sent'])) s.partial = true
    acc.add(s)
  })
  return finishAccount(acc, ctx)
}

function detect(lines: Line[]): number {
  let peer = false
  for (const l of head(lines)) {
    if (PEER_LINE.test(l.text)) peer = true
    // "IPSec tunnel rekeys: 1" / "DPD statistics:" / "R-U-THERE-ACK notifications missed: 0"
    else if (/^(?:IPSec tunnel rekeys ?:|DPD statistics ?:|R-U-THERE(?:-ACK)? notifications|Delete IPsec SA payload)/i.test(l.text)) return 0.95
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
