/**
 * Junos (ES-PIC / J-series, legacy) `show ipsec security-associations [name] [brief|detail]`.
 *
 * Each "Security association: <name>[, Interface family: Up|Down|No reference]" header starts a group
 * (no interface family = transport mode). Brief prints a table (Direction SPI AUX-SPI Mode Type
 * Protocol); detail prints one block per direction. SPIs are decimal.
 * Output: one ipsecFlow per security association and one ipsecSa per direction row/block.
 */
import type {IpsecFlow, IpsecSa} from '../../model/index.js'
import {LineAccount, toInt, toSpi} from '../account.js'
import {addressKind} from '../../reading/address.js'
import {IdRegistry} from '../ids.js'
import {newIpsecFlow, newIpsecSa} from '../skeletons.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {aeadIntegrityNotApplicable, junosEncryption, junosIntegrity} from './algorithms.js'
import {head, parseExpiry, putRaw, splitFields, type LabeledValue} from './fields.js'
import {parseIdentity} from './ipsec-sa-text.js'
import {finishAccount} from './finish.js'
import {newRaw, rawAppend, rawHas, rawTrimmed, rawValue} from '../../model/raw.js'

// "Security association: sa-dynamic, Interface family: Up" / "Security association: sa-transport"
const SA_HEADER = /^Security association: (\S+?)(?:, Interface family: (.*))?$/i
// "Direction SPI AUX-SPI Mode Type Protocol"
const BRIEF_HEADER = /^Direction SPI AUX-SPI Mode Type Protocol$/i
// "inbound 2908734119 0 tunnel manual AH"
const BRIEF_ROW = /^(inbound|outbound) (\d+) (\d+) (\S+) (\S+) (\S+)$/i
// "Direction: inbound, SPI: 242379418, State: Installed"
const DETAIL_START = /^Direction: (inbound|outbound)\b/i
// "Total active tunnels: 1" (a count above the table; a trimmed table may show fewer rows)
const TOTALS = /^Total active tunnels: \d+$/i
/**
 * Tunnel labels of later releases, printed under the header: "Local gateway: 192.0.2.150, Remote
 * gateway: 198.51.100.150", "Local identity: ipv4_subnet(any:0,[0..7]=10.150.0.0/24)".
 */
const FLOW_LABELS = new Set(['local gateway', 'remote gateway', 'local identity', 'remote identity'])

interface Group {
  flow: IpsecFlow
  sas: IpsecSa[]
}

interface SaRecord {
  sa: IpsecSa
  /** The SA labels read for this SA, one bit each (SA_LABEL_BITS); the last SA is partial when it lacks some. */
  labels: number
}

function interfaceFamily(text: string | undefined): IpsecFlow['interfaceFamily'] {
  const t = text?.toLowerCase()
  return t === 'up' ? 'up' : t === 'down' ? 'down' : t === 'no reference' ? 'no-reference' : null
}

function protocolOf(text: string): IpsecSa['protocol'] | null {
  const t = text.toLowerCase()
  return t === 'esp' || t === 'ah+esp' || t === 'esp+ah' ? 'esp' : t === 'ah' ? 'ah' : null
}

function modeOf(text: string): IpsecSa['mode'] {
  const t = text.toLowerCase()
  return t === 'tunnel' ? 'tunnel' : t === 'transport' ? 'transport' : null
}

function typeOf(text: string): IpsecSa['type'] {
  const t = text.toLowerCase()
  return t === 'dynamic' ? 'dynamic' : t === 'manual' ? 'manual' : null
}

/** Applies one "label: value" of a detail SA block (`key`: label lower-cased); false when the label is unknown. */
function applyField(sa: IpsecSa, key: string, value: string, acc: LineAccount, line: Line): boolean {
  const unknown = (what: string) => acc.warn(`line ${line.n}: ${what} "${value}" not recognised`)
  switch (key) {
    case 'direction':
    case 'spi':
    case 'aux-spi':
      return true
    case 'state': {
      const t = value.toLowerCase()
      sa.state = t === 'installed' ? 'installed' : t === 'not installed' ? 'not-installed' : 'unknown'
      if (sa.state === 'unknown') unknown('SA state')
      return true
    }
    case 'mode':
      if ((sa.mode = modeOf(value)) === null) unknown('SA mode')
      return true
    case 'type':
      if ((sa.type = typeOf(value)) === null) unknown('SA type')
      return true
    case 'protocol': {
      const p = protocolOf(value)
      if (p === null) acc.warn(`line ${line.n}: unknown IPsec protocol "${value}", kept ESP`)
      sa.protocol = p ?? 'esp'
      return true
    }
    case 'authentication':
      if ((sa.integrity = junosIntegrity(value)) === null) unknown('authentication algorithm')
      return true
    case 'encryption':
      if ((sa.encryption = junosEncryption(value)) === null) unknown('encryption algorithm')
      return true
    case 'soft lifetime':
    case 'hard lifetime': {
      const ex = parseExpiry(value)
      if (!ex) return unknown('lifetime'), true
      if (key === 'soft lifetime') {
        sa.softLifetimeExpired = ex.expired
        if (ex.seconds !== null) sa.softLifetimeRemainingSec = ex.seconds
      } else {
        if (ex.seconds !== null) sa.hardLifetimeRemainingSec = sa.lifetimeRemainingSec = ex.seconds
        if (ex.kilobytes !== null) sa.lifetimeRemainingKb = ex.kilobytes
      }
      return true
    }
    case 'anti-replay service': {
      const t = value.toLowerCase()
      sa.antiReplay = t === 'enabled' ? true : t === 'disabled' ? false : null
      if (sa.antiReplay === null) unknown('anti-replay service')
      return true
    }
    case 'replay window size':
      if ((sa.replayWindow = toInt(value)) === null) unknown('replay window size')
      return true
    default:
      return false
  }
}

/** Applies one tunnel label (FLOW_LABELS) to the flow of its security association. */
function applyFlowField(flow: IpsecFlow, key: string, value: string, acc: LineAccount, line: Line): void {
  if (key === 'local gateway' || key === 'remote gateway') {
    const address = addressKind(value) !== null ? value : null
    if (address === null) acc.warn(`line ${line.n}: ${key} "${value}" is not an address`)
    if (key === 'local gateway') flow.localAddress = address
    else flow.remoteAddress = address
  } else {
    const ident = parseIdentity(value)
    if (ident === null) acc.warn(`line ${line.n}: ${key} "${value}" not recognised`)
    if (key === 'local identity') flow.localIdent = ident
    else flow.remoteIdent = ident
  }
}

/** Transform as printed: "AH hmac-md5-96 None" (the non-empty values of Protocol, Authentication, Encryption). */
function transformOf(sa: IpsecSa): string | null {
  const parts = [rawValue(sa.raw, 'Protocol'), rawValue(sa.raw, 'Authentication'), rawValue(sa.raw, 'Encryption')].filter((v) => v)
  return parts.length > 0 ? parts.join(' ') : null
}

/** Labels of an SA block (the ones applyField reads), lower-cased, each with a bit of its own. */
const SA_LABEL_BITS = new Map(['direction', 'spi', 'aux-spi', 'state', 'mode', 'type', 'protocol', 'authentication', 'encryption',
  'soft lifetime', 'hard lifetime', 'anti-replay service', 'replay window size'].map((label, i) => [label, 1 << i]))

/** The bit of an SA label (0 for any other label). */
function saLabelBit(key: string): number {
  return SA_LABEL_BITS.get(key) ?? 0
}

/** The labelled values of a line, their labels lower-cased, and the bits of the SA labels among them. */
interface LineFields {
  fields: LabeledValue[]
  keys: string[]
  bits: number
}

/** SA labels as the device prints them, lower-cased (any other spelling is lower-cased when read). */
const PRINTED_KEYS = new Map(['Direction', 'SPI', 'AUX-SPI', 'State', 'Mode', 'Type', 'Protocol', 'Authentication', 'Encryption',
  'Soft lifetime', 'Hard lifetime', 'Anti-replay service', 'Replay window size'].map((label) => [label, label.toLowerCase()]))

/**
 * Reads a line's "Label: value" pairs. A line of SA labels only, each value without a colon or a
 * ", " ("Direction: inbound, SPI: 2296688773, AUX-SPI: 0, State: Installed", "Soft lifetime:
 * Expires in 171 seconds") is cut at its ", " and ": ": every colon of it ends a label word, so the
 * label scanner (splitFields) would find these very pairs. Any other line is read by splitFields.
 */
function readFields(text: string): LineFields {
  const fields: LabeledValue[] = []
  const keys: string[] = []
  let bits = 0
  for (let start = 0; start <= text.length; ) {
    const comma = text.indexOf(', ', start)
    const end = comma < 0 ? text.length : comma
    // one colon, after a label and before a blank and a value
    const colon = text.indexOf(':', start)
    if (colon <= start || colon + 2 >= end || text[colon + 1] !== ' ') return readLabelled(text)
    const next = text.indexOf(':', colon + 1)
    if (next >= 0 && next < end) return readLabelled(text)
    const label = text.slice(start, colon)
    const value = text.slice(colon + 2, end)
    const key = PRINTED_KEYS.get(label) ?? label.toLowerCase()
    const bit = saLabelBit(key)
    if (bit === 0 || value.trim() !== value || label.trim() !== label) return readLabelled(text)
    fields.push({label, value})
    keys.push(key)
    bits |= bit
    start = comma < 0 ? text.length + 1 : comma + 2
  }
  return {fields, keys, bits}
}

/** readFields by the label scanner. */
function readLabelled(text: string): LineFields {
  const fields = splitFields(text)
  const keys = fields.map((f) => f.label.toLowerCase())
  let bits = 0
  for (const key of keys) bits |= saLabelBit(key)
  return {fields, keys, bits}
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  const groups: Group[] = []
  const records: SaRecord[] = []
  let group: Group | null = null
  let rec: SaRecord | null = null
  let headless = 0

  const startSa = (direction: 'inbound' | 'outbound', spiText: string | null, line: Line): SaRecord | null => {
    const spi = spiText === null ? 0 : toSpi(spiText, false)
    if (spi === null) {
      acc.reject(line, `SPI "${spiText}" is not a 32-bit number`)
      return null
    }
    const sa = newIpsecSa(ctx, '', line.n, line.n)
    sa.flowId = group?.flow.id ?? null
    sa.name = group?.flow.name ?? null
    sa.direction = direction
    sa.spi = spi
    sa.id = ids.unique(`sa:${sa.name ?? 'unnamed'}:${direction}:${spiText === null ? 'unknown' : spi}`)
    // a filter left this SA without its "Direction:" line: its SPI is unknown
    if (spiText === null) sa.partial = true
    group?.sas.push(sa)
    const r: SaRecord = {sa, labels: 0}
    records.push(r)
    return r
  }
  /** A group for lines a filter left without their "Security association:" header. */
  const headlessGroup = (line: Line): Group => {
    const flow = newIpsecFlow(ctx, ids.unique(`flow:filtered-${++headless}`), line.n, line.n)
    flow.partial = true
    const g = {flow, sas: []}
    groups.push(g)
    return g
  }

  for (const line of lines) {
    const text = line.text
    // each pattern below is tried only on a line that starts as it must
    const c = text[0]
    if (text === '' || ((c === 'T' || c === 't') && TOTALS.test(text))) {
      acc.ignore(line)
      continue
    }
    const header = c === 'S' || c === 's' ? SA_HEADER.exec(text) : null
    if (header) {
      const raw = newRaw()
      rawAppend(raw, 'Security association', header[1], line.n)
      if (header[2] !== undefined) rawAppend(raw, 'Interface family', header[2], line.n)
      const flow = newIpsecFlow(ctx, ids.unique(`flow:${header[1]}`), line.n, line.n, rawTrimmed(raw))
      flow.name = header[1]
      flow.interfaceFamily = interfaceFamily(header[2])
      group = {flow, sas: []}
      groups.push(group)
      rec = null
      acc.consume(line)
      continue
    }
    const direction = c === 'D' || c === 'd'
    if (direction && BRIEF_HEADER.test(text)) {
      rec = null
      acc.ignore(line)
      continue
    }
    const row = c === 'i' || c === 'o' || c === 'I' || c === 'O' ? BRIEF_ROW.exec(text) : null
    if (row) {
      rec = null
      const r = startSa(row[1].toLowerCase() as 'inbound' | 'outbound', row[2], line)
      if (!r) continue
      const s = r.sa
      ;['Direction', 'SPI', 'AUX-SPI', 'Mode', 'Type', 'Protocol'].forEach((label, i) => putRaw(s.raw, label, row[i + 1], line))
      s.mode = modeOf(row[4])
      s.type = typeOf(row[5])
      s.protocol = protocolOf(row[6]) ?? 'esp'
      if (protocolOf(row[6]) === null) acc.warn(`line ${line.n}: unknown IPsec protocol "${row[6]}", kept ESP`)
      s.transform = row[6]
      acc.consume(line)
      continue
    }
    const {fields, keys, bits: lineBits} = readFields(text)
    const start = direction ? DETAIL_START.exec(text) : null
    if (start) {
      const spi = keys.indexOf('spi')
      rec = spi >= 0 ? startSa(start[1].toLowerCase() as 'inbound' | 'outbound', fields[spi].value, line) : null
      if (spi < 0) acc.reject(line, 'SA block without SPI')
      if (!rec) continue
    }
    if (fields.length === 0) continue
    const first = keys[0]
    if (FLOW_LABELS.has(first)) {
      group ??= headlessGroup(line)
      rec = null
      for (let i = 0; i < fields.length; i++) {
        if (FLOW_LABELS.has(keys[i])) applyFlowField(group.flow, keys[i], fields[i].value, acc, line)
        putRaw(group.flow.raw, fields[i].label, fields[i].value, line)
      }
      if (line.n > group.flow.source.endLine) group.flow.source.endLine = line.n
      acc.consume(line)
      continue
    }
    // an SA line a filter left without its "Direction:" line (or a second one of the same label: the
    // next SA's); the device prints inbound, then outbound
    if ((!rec || (lineBits & rec.labels) !== 0) && !start && saLabelBit(first) !== 0) {
      group ??= headlessGroup(line)
      rec = startSa(group.sas.length % 2 === 0 ? 'inbound' : 'outbound', null, line)
    }
    if (!rec) continue
    let known = 0
    for (let i = 0; i < fields.length; i++) {
      const {label, value} = fields[i]
      if (applyField(rec.sa, keys[i], value, acc, line)) {
        known++
        rec.labels |= saLabelBit(keys[i])
      }
      putRaw(rec.sa.raw, label, value, line)
    }
    if (known > 0) {
      acc.consume(line)
      rec.sa.source.endLine = line.n
    }
  }

  for (const r of records) if (rawHas(r.sa.raw, 'Authentication') || rawHas(r.sa.raw, 'Encryption')) r.sa.transform = transformOf(r.sa)
  const last = records.at(-1)
  if (last && last.labels !== 0 && lastSaCut(last, records)) last.sa.partial = true
  groups.forEach((g, i) => finishGroup(g, i === groups.length - 1))
  for (const g of groups) acc.add(g.flow)
  for (const r of records) acc.add(r.sa)
  return aeadIntegrityNotApplicable(finishAccount(acc, ctx))
}

/**
 * Whether the last detail SA was cut: it lacks a label the previous SA of the same mode and type
 * printed, or, with no such SA, the mode, protocol, or (dynamic SAs) hard lifetime line.
 */
function lastSaCut(last: SaRecord, records: SaRecord[]): boolean {
  const {sa} = last
  let like: SaRecord | undefined
  for (let i = records.length - 2; i >= 0 && !like; i--) {
    const r = records[i]
    if (r.labels !== 0 && r.sa.mode === sa.mode && r.sa.type === sa.type) like = r
  }
  let want = like ? like.labels : saLabelBit('mode') | saLabelBit('protocol') | (sa.type === 'dynamic' ? saLabelBit('hard lifetime') : 0)
  // an enabled anti-replay service prints its window size on the same line or the next ("Disabled"
  // may come without one, as in the manual's example)
  if (sa.antiReplay === true) want |= saLabelBit('replay window size')
  return (want & ~last.labels) !== 0
}

function finishGroup(g: Group, isLast: boolean): void {
  const f = g.flow
  f.saCount = g.sas.length
  f.state = g.sas.some((s) => s.state !== 'not-installed') ? 'up' : 'down'
  f.currentOutboundSpi = g.sas.find((s) => s.direction === 'outbound')?.spi ?? null
  for (const s of g.sas) if (s.source.endLine > f.source.endLine) f.source.endLine = s.source.endLine
  // the output ends in this flow: cut when an SA is, or when a tunnel flow shows one direction only
  const oneWay = !(g.sas.some((s) => s.direction === 'inbound') && g.sas.some((s) => s.direction === 'outbound'))
  if (isLast && (g.sas.some((s) => s.partial) || (oneWay && g.sas.every((s) => s.mode !== 'transport')))) f.partial = true
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines)) {
    if (SA_HEADER.test(l.text)) score = Math.max(score, 0.9)
    else if (BRIEF_HEADER.test(l.text)) score = Math.max(score, 0.8)
    // "Direction: inbound, SPI: 2908734119, AUX-SPI: 0, State: Installed"
    else if (/^Direction: (?:inbound|outbound), SPI: \d+,/i.test(l.text)) score = Math.max(score, 0.7)
  }
  return score
}

export const showIpsecSecurityAssociations: ParserSpec = {
  id: 'junos/show-ipsec-security-associations',
  vendor: 'junos',
  command: 'show ipsec security-associations',
  aliases: ['show ipsec sa'],
  detect,
  parse,
}
