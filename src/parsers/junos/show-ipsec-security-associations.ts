/**
 * Junos (ES-PIC / J-series, legacy) `show ipsec security-associations [name] [brief|detail]`.
 *
 * Each "Security association: <name>[, Interface family: Up|Down|No reference]" header starts a group
 * (no interface family = transport mode). Brief prints a table (Direction SPI AUX-SPI Mode Type
 * Protocol); detail prints one block per direction. SPIs are decimal.
 * Output: one ipsecFlow per security association and one ipsecSa per direction row/block.
 */
import type {IpsecFlow, IpsecSa} from '../../model/index.js'
import {LineAccount, leadChar, toInt, toSpi} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {junosEncryption, junosIntegrity} from './algorithms.js'
import {head, parseExpiry, putRaw, splitFields, squash} from './fields.js'
import {IdRegistry} from '../ids.js'
import {newIpsecFlow, newIpsecSa} from '../skeletons.js'

// "Security association: sa-dynamic, Interface family: Up" / "Security association: sa-transport"
const SA_HEADER = /^\s*Security association:\s*(\S+?)\s*(?:,\s*Interface family:\s*(.*?)\s*)?$/i
// "Direction SPI      AUX-SPI    Mode      Type      Protocol"
const BRIEF_HEADER = /^\s*Direction\s+SPI\s+AUX-SPI\s+Mode\s+Type\s+Protocol\s*$/i
// "inbound  2908734119  0          tunnel    manual    AH"
const BRIEF_ROW = /^\s*(inbound|outbound)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/i
// "Direction: inbound, SPI: 242379418, State: Installed"
const DETAIL_START = /^\s*Direction:\s*(inbound|outbound)\b/i

interface Group {
  flow: IpsecFlow
  sas: IpsecSa[]
}

function interfaceFamily(text: string | undefined): IpsecFlow['interfaceFamily'] {
  if (text === undefined) return null
  const t = squash(text).toLowerCase()
  if (t === 'up') return 'up'
  if (t === 'down') return 'down'
  if (t === 'no reference') return 'no-reference'
  return null
}

function newFlow(ctx: ParseContext, ids: IdRegistry, name: string, line: Line, family: string | undefined): IpsecFlow {
  const flow = newIpsecFlow(ctx, ids.unique(`flow:${name}`), line.n, line.n, {'Security association': {value: name, line: line.n}})
  flow.name = name
  flow.interfaceFamily = interfaceFamily(family)
  if (family !== undefined) flow.raw['Interface family'] = {value: squash(family), line: line.n}
  return flow
}

function newSa(ctx: ParseContext, group: Group | null, direction: 'inbound' | 'outbound', spi: number, line: Line): IpsecSa {
  const sa = newIpsecSa(ctx, '', line.n, line.n)
  sa.flowId = group?.flow.id ?? null
  sa.name = group?.flow.name ?? null
  sa.direction = direction
  sa.spi = spi
  return sa
}

function protocol(text: string): IpsecSa['protocol'] | null {
  const t = text.trim().toLowerCase()
  if (t === 'esp' || t === 'ah+esp' || t === 'esp+ah') return 'esp'
  if (t === 'ah') return 'ah'
  return null
}

function saMode(text: string): IpsecSa['mode'] {
  const t = text.trim().toLowerCase()
  return t === 'tunnel' ? 'tunnel' : t === 'transport' ? 'transport' : null
}

function saType(text: string): IpsecSa['type'] {
  const t = text.trim().toLowerCase()
  return t === 'dynamic' ? 'dynamic' : t === 'manual' ? 'manual' : null
}

/** Applies one "label: value" of a detail SA block; false when the label is unknown. */
function applyField(sa: IpsecSa, label: string, value: string, acc: LineAccount, line: Line): boolean {
  switch (label.toLowerCase()) {
    case 'direction':
    case 'spi':
    case 'aux-spi':
      return true
    case 'state': {
      const t = squash(value).toLowerCase()
      sa.state = t === 'installed' ? 'installed' : t === 'not installed' ? 'not-installed' : 'unknown'
      return true
    }
    case 'mode':
      sa.mode = saMode(value)
      return true
    case 'type':
      sa.type = saType(value)
      return true
    case 'protocol': {
      const p = protocol(value)
      if (p === null) acc.warn(`line ${line.n}: unknown IPsec protocol "${value}", kept ESP`)
      sa.protocol = p ?? 'esp'
      return true
    }
    case 'authentication':
      sa.integrity = junosIntegrity(value)
      return true
    case 'encryption':
      sa.encryption = junosEncryption(value)
      return true
    case 'soft lifetime':
    case 'hard lifetime': {
      const ex = parseExpiry(value)
      if (!ex) return false
      if (label.toLowerCase() === 'soft lifetime') {
        sa.softLifetimeExpired = ex.expired
        if (ex.seconds !== null) sa.softLifetimeRemainingSec = ex.seconds
      } else {
        if (ex.seconds !== null) sa.hardLifetimeRemainingSec = sa.lifetimeRemainingSec = ex.seconds
        if (ex.kilobytes !== null) sa.lifetimeRemainingKb = ex.kilobytes
      }
      return true
    }
    case 'anti-replay service': {
      const t = value.trim().toLowerCase()
      sa.antiReplay = t === 'enabled' ? true : t === 'disabled' ? false : null
      return true
    }
    case 'replay window size':
      sa.replayWindow = toInt(value)
      return true
    default:
      return false
  }
}

/** Transform as printed: "AH hmac-md5-96 None". */
function transformOf(sa: IpsecSa): string | null {
  const parts = ['Protocol', 'Authentication', 'Encryption'].map((k) => sa.raw[k]?.value).filter((v): v is string => !!v)
  return parts.length > 0 ? parts.join(' ') : null
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  const groups: Group[] = []
  let group: Group | null = null
  let sa: IpsecSa | null = null
  const allSas: IpsecSa[] = []

  const startSa = (direction: 'inbound' | 'outbound', spiText: string, line: Line): IpsecSa | null => {
    const spi = toSpi(spiText, false)
    if (spi === null) {
      acc.reject(line, `SPI "${spiText}" is not a 32-bit number`)
      return null
    }
    const s = newSa(ctx, group, direction, spi, line)
    s.id = ids.unique(`sa:${s.name ?? 'unnamed'}:${direction}:${spi}`)
    group?.sas.push(s)
    allSas.push(s)
    return s
  }

  for (const line of lines) {
    const text = line.text
    // every pattern here starts with a fixed word: test only those whose first letter fits
    const lead = leadChar(text)
    if (lead === '') continue
    const header = lead === 'S' || lead === 's' ? SA_HEADER.exec(text) : null
    if (header) {
      group = {flow: newFlow(ctx, ids, header[1], line, header[2]), sas: []}
      groups.push(group)
      sa = null
      acc.consume(line)
      continue
    }
    if ((lead === 'D' || lead === 'd') && BRIEF_HEADER.test(text)) {
      sa = null
      acc.ignore(line)
      continue
    }
    const row = lead === 'i' || lead === 'I' || lead === 'o' || lead === 'O' ? BRIEF_ROW.exec(text) : null
    if (row) {
      sa = null
      const s = startSa(row[1].toLowerCase() as 'inbound' | 'outbound', row[2], line)
      if (!s) continue
      const labels = ['Direction', 'SPI', 'AUX-SPI', 'Mode', 'Type', 'Protocol']
      labels.forEach((label, i) => putRaw(s.raw, label, row[i + 1], line))
      s.mode = saMode(row[4])
      s.type = saType(row[5])
      s.protocol = protocol(row[6]) ?? 'esp'
      if (protocol(row[6]) === null) acc.warn(`line ${line.n}: unknown IPsec protocol "${row[6]}", kept ESP`)
      s.transform = row[6]
      acc.consume(line)
      continue
    }
    const fields = splitFields(text)
    if ((lead === 'D' || lead === 'd') && DETAIL_START.test(text)) {
      const spiField = fields.find((f) => f.label.toLowerCase() === 'spi')
      sa = spiField ? startSa(fields[0].value.toLowerCase() as 'inbound' | 'outbound', spiField.value, line) : null
      if (!spiField) acc.reject(line, 'SA block without SPI')
    }
    if (!sa || fields.length === 0) continue
    let known = 0
    for (const f of fields) {
      if (applyField(sa, f.label, f.value, acc, line)) known++
      putRaw(sa.raw, f.label, f.value, line)
    }
    if (known > 0) {
      acc.consume(line)
      sa.source.endLine = line.n
    }
  }

  for (const s of allSas) {
    if (s.raw['Authentication'] || s.raw['Encryption']) s.transform = transformOf(s)
  }
  for (const g of groups) finishGroup(g, ctx)
  for (const g of groups) acc.add(g.flow)
  for (const s of allSas) acc.add(s)
  return acc.finish()
}

function finishGroup(g: Group, ctx: ParseContext): void {
  const f = g.flow
  f.saCount = g.sas.length
  const live = g.sas.filter((s) => s.state !== 'not-installed')
  f.state = live.length > 0 ? 'up' : 'down'
  f.currentOutboundSpi = g.sas.find((s) => s.direction === 'outbound')?.spi ?? null
  const end = Math.max(f.source.endLine, ...g.sas.map((s) => s.source.endLine))
  f.source = sourceOf(ctx, f.source.startLine, end)
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines)) {
    if (SA_HEADER.test(l.text)) score = Math.max(score, 0.9)
    else if (BRIEF_HEADER.test(l.text)) score = Math.max(score, 0.8)
    // "Direction: inbound, SPI: 2908734119, AUX-SPI: 0, State: Installed"
    else if (/^\s*Direction:\s*(inbound|outbound),\s*SPI:\s*\d+,/i.test(l.text)) score = Math.max(score, 0.7)
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
