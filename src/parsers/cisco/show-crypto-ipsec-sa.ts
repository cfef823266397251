/**
 * `show crypto ipsec sa [detail]` (IOS), also `| include` filtered output: one ipsecFlow per ident
 * block and one ipsecSa per SA block.
 *
 * A flow starts at "protected vrf:" or "local ident"; when those lines were filtered away, a
 * flow-level field that the current flow already holds (a second "current_peer", "#pkts encaps",
 * "current outbound spi" ...) starts the next flow.
 */
import {digitsToInt, leadChar, LineAccount, rememberedByText, toInt, toSpi} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {parseDhGroup} from './algorithms.js'
import {IdRegistry, scoreLines, splitLabeled} from './common.js'
import {parseIdentLine, selectorKey} from './ident.js'
import {
  FLOW_COUNTERS, type FlowRecord, type SaRecord, applySaLine, newFlow, newSa, parseCounterLine, parseSpiLine, spiHex,
} from './ipsec-sa-records.js'

// "interface: FastEthernet0/1"
const INTERFACE = /^\s*interface:\s*(\S+)\s*$/
// "Crypto map tag: TUNNELMAP, local addr. 172.22.1.3" / "Crypto map tag: Tunnel0-head-0, local addr 10.1.1.1"
const MAP_TAG = /^\s*Crypto map tag:\s*([^,]+?)\s*(?:,\s*local addr\.?\s*(\S+))?\s*$/
// "protected vrf: (none)"
const PROTECTED_VRF = /^\s*protected vrf:\s*(.*)$/
// "current_peer 172.22.1.4 port 500" / "current_peer: 172.22.1.4"
const CURRENT_PEER = /^\s*current_peer:?\s+(\S+?)(?:\s+port\s+(\d+))?\s*$/
// "PERMIT, flags={origin_is_acl,transport_parent,}"
const FLAGS = /^\s*(?:(PERMIT|DENY|BYPASS)\s*,?\s*)?flags=(\{[^}]*\})\s*$/
// "local crypto endpt.: 172.22.1.3, remote crypto endpt.: 172.22.1.4"
const ENDPOINTS = /^\s*local crypto endpt\.?:\s*(\S+?),\s*remote crypto endpt\.?:\s*(\S+)\s*$/
// "path mtu 1500, media mtu 1500" / "plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb Gi0/1"
const MTU = /^\s*(plaintext mtu|path mtu|media mtu|ip mtu)\b/
// "current outbound spi: EB99FB6C" / "current outbound spi: 0xEB99FB6C(3952737132)"
const OUTBOUND_SPI = /^\s*current outbound spi:\s*(\S+)\s*$/
// "PFS (Y/N): N, DH group: none" / "PFS (Y/N): Y, Diffie-Hellman group: group14"
const PFS = /^\s*PFS \(Y\/N\):\s*([YN])\s*(?:,\s*(?:DH|Diffie-Hellman) group:\s*(\S+))?\s*$/
// "inbound esp sas:" / "outbound pcp sas:"
const SECTION = /^\s*(inbound|outbound)\s+(esp|ah|pcp)\s+sas:\s*$/
// "There are no ipsec sas" / "No SAs found"
const NO_SAS = /^\s*(There are no ipsec sas|No SAs found)\.?\s*$/i

const MTU_FIELDS: Record<string, 'pathMtu' | 'mediaMtu' | 'plaintextMtu' | 'ipMtu'> = {
  'path mtu': 'pathMtu', 'media mtu': 'mediaMtu', 'plaintext mtu': 'plaintextMtu', 'ip mtu': 'ipMtu',
}

/** Fields a flow inherits from its interface/crypto map header or gets before its idents. */
const PREAMBLE = new Set(['interface', 'Crypto map tag', 'local addr', 'protected vrf'])

interface Section {
  readonly direction: 'inbound' | 'outbound'
  readonly protocol: 'esp' | 'ah' | 'pcp'
}

/** The six section headers as shared constants (a flow prints all six; the reader only reads them). */
const SECTIONS: Record<Section['direction'], Record<Section['protocol'], Section>> = {
  inbound: {esp: {direction: 'inbound', protocol: 'esp'}, ah: {direction: 'inbound', protocol: 'ah'}, pcp: {direction: 'inbound', protocol: 'pcp'}},
  outbound: {esp: {direction: 'outbound', protocol: 'esp'}, ah: {direction: 'outbound', protocol: 'ah'}, pcp: {direction: 'outbound', protocol: 'pcp'}},
}

/**
 * "{origin_is_acl,transport_parent,}" -> ["origin_is_acl", "transport_parent"], by printed text: a
 * capture repeats a few thousands of times, so each is split once and the raw field keeps the first
 * copy of the text (shared: copy the list before use).
 */
const flagsOf = rememberedByText((printed: string): {printed: string; list: readonly string[]} => ({
  printed,
  list: printed.slice(1, -1).split(',').map((x) => x.trim()).filter((x) => x !== ''),
}))

function onlyPreamble(rec: FlowRecord): boolean {
  // more labels than the preamble has means some label is not a preamble one
  if (rec.fields.size > PREAMBLE.size) return false
  return Object.keys(rec.fields.fields).every((k) => PREAMBLE.has(k))
}

class IpsecSaReader {
  readonly acc: LineAccount
  readonly flows: FlowRecord[] = []
  flow: FlowRecord | null = null
  sa: SaRecord | null = null
  section: Section | null = null
  iface: {name: string; line: Line} | null = null
  map: {name: string; addr: string | null; line: Line} | null = null
  inferredWarned = false

  constructor(lines: Line[], private readonly ctx: ParseContext) {
    this.acc = new LineAccount(lines)
  }

  startFlow(line: Line): FlowRecord {
    const rec = newFlow(this.ctx, line)
    if (this.iface) {
      rec.fact.interface = this.iface.name
      rec.fields.setInterned('interface', this.iface.name, this.iface.line)
    }
    if (this.map) {
      rec.fact.cryptoMap = this.map.name
      rec.fields.setInterned('Crypto map tag', this.map.name, this.map.line)
      if (this.map.addr) {
        rec.fact.localAddress = this.map.addr
        rec.fields.setInterned('local addr', this.map.addr, this.map.line)
      }
    }
    this.flows.push(rec)
    this.flow = rec
    this.sa = null
    this.section = null
    return rec
  }

  /** The flow a flow-level field with this label belongs to: a new one if the current already has it. */
  flowFor(label: string, line: Line): FlowRecord {
    if (!this.flow || this.flow.fields.has(label)) return this.startFlow(line)
    return this.flow
  }

  touch(rec: FlowRecord | SaRecord, line: Line): void {
    rec.fact.source.endLine = Math.max(rec.fact.source.endLine, line.n)
    if (this.flow) this.flow.fact.source.endLine = Math.max(this.flow.fact.source.endLine, line.n)
  }

  /** Reads one non-blank line; `lead` is its first non-blank character (leadChar). */
  read(line: Line, lead: string): void {
    const text = line.text
    const acc = this.acc
    // every pattern below starts with a fixed word (FLAGS: PERMIT/DENY/BYPASS or "flags="): test only
    // those whose first letter fits
    let m: RegExpExecArray | null
    if (lead === 'i' && (m = INTERFACE.exec(text))) {
      this.iface = {name: m[1], line}
      this.map = null
      this.flow = null
      this.sa = null
      return acc.consume(line)
    }
    if (lead === 'C' && (m = MAP_TAG.exec(text))) {
      this.map = {name: m[1], addr: m[2] ?? null, line}
      this.flow = null
      this.sa = null
      return acc.consume(line)
    }
    if (lead === 'p' && (m = PROTECTED_VRF.exec(text))) {
      const rec = this.flow && onlyPreamble(this.flow) && !this.flow.fields.has('protected vrf') ? this.flow : this.startFlow(line)
      rec.fields.setInterned('protected vrf', m[1].trimEnd(), line)
      return acc.consume(line)
    }
    const ident = lead === 'l' || lead === 'r' ? parseIdentLine(text) : null
    if (ident) {
      let rec = this.flow
      const label = ident.side === 'local' ? 'local ident' : 'remote ident'
      if (!rec || (ident.side === 'local' && !onlyPreamble(rec)) || rec.fields.has(label)) rec = this.startFlow(line)
      rec.fields.setInterned(label, ident.value, line)
      if (ident.side === 'local') rec.fact.localIdent = ident.selector
      else rec.fact.remoteIdent = ident.selector
      if (!ident.selector) acc.warn(`line ${line.n}: ident ${ident.value} could not be read as addr/mask/prot/port`)
      this.touch(rec, line)
      return acc.consume(line)
    }
    if (lead === 'c' && (m = CURRENT_PEER.exec(text))) {
      const rec = this.flowFor('current_peer', line)
      rec.fields.setInterned('current_peer', m[1], line)
      if (rec.fact.remoteAddress === null) rec.fact.remoteAddress = m[1]
      if (m[2] !== undefined) {
        rec.fields.setInterned('port', m[2], line)
        rec.fact.remotePort = Number(m[2])
        rec.peerPort = Number(m[2])
      }
      this.touch(rec, line)
      return acc.consume(line)
    }
    if ((lead === 'P' || lead === 'D' || lead === 'B' || lead === 'f') && text.includes('flags=') && (m = FLAGS.exec(text))) {
      const rec = this.flowFor('flags', line)
      if (m[1]) rec.fields.setInterned('action', m[1], line)
      const flags = flagsOf(m[2])
      rec.fields.setInterned('flags', flags.printed, line)
      // every flow gets its own array (facts must not share mutable parts)
      rec.fact.flags = flags.list.slice()
      rec.fact.transportParent = rec.fact.flags.includes('transport_parent')
      this.touch(rec, line)
      return acc.consume(line)
    }
    // "#pkts encaps: 0, ..." / "#send errors 0, #recv errors 0"
    if (lead === '#') {
      const counters = parseCounterLine(text)
      if (!counters) return acc.reject(line, 'counter line not understood')
      const rec = this.flowFor(counters[0].label, line)
      for (let k = 0; k < counters.length; k++) {
        const c = counters[k]
        // counter labels come out of parseCounterLine interned, and their values are all digits
        rec.fields.setInterned(c.label, c.value, line)
        const field = FLOW_COUNTERS[c.label]
        if (field) rec.fact[field] = digitsToInt(c.value)
        else rec.fact.errorCounters[c.label] = Number(c.value)
      }
      this.touch(rec, line)
      return acc.consume(line)
    }
    if (lead === 'l' && (m = ENDPOINTS.exec(text))) {
      const rec = this.flowFor('local crypto endpt.', line)
      rec.fields.setInterned('local crypto endpt.', m[1], line)
      rec.fields.setInterned('remote crypto endpt.', m[2], line)
      rec.fact.localAddress = m[1]
      rec.fact.remoteAddress = m[2]
      this.touch(rec, line)
      return acc.consume(line)
    }
    if ((lead === 'p' || lead === 'm' || lead === 'i') && MTU.test(text)) return this.readMtu(line)
    if (lead === 'c' && (m = OUTBOUND_SPI.exec(text))) {
      const spi = toSpi(m[1], true)
      if (spi === null) return acc.reject(line, 'outbound SPI not understood')
      const rec = this.flowFor('current outbound spi', line)
      rec.fields.setInterned('current outbound spi', m[1], line)
      rec.fact.currentOutboundSpi = spi
      this.touch(rec, line)
      return acc.consume(line)
    }
    if (lead === 'P' && (m = PFS.exec(text))) {
      const rec = this.flowFor('PFS (Y/N)', line)
      rec.fields.setInterned('PFS (Y/N)', m[1], line)
      rec.fact.pfs = m[1] === 'Y'
      if (m[2] !== undefined) {
        rec.fields.setInterned('DH group', m[2], line)
        rec.fact.dhGroup = parseDhGroup(m[2])
      }
      this.touch(rec, line)
      return acc.consume(line)
    }
    if ((lead === 'i' || lead === 'o') && (m = SECTION.exec(text))) {
      const rec = this.flow ?? this.startFlow(line)
      rec.sawSections = true
      this.section = SECTIONS[m[1] as Section['direction']][m[2] as Section['protocol']]
      this.sa = null
      this.touch(rec, line)
      return acc.consume(line)
    }
    const spi = lead === 's' ? parseSpiLine(text) : null
    if (spi) return this.readSpi(line, spi)
    if (this.sa && applySaLine(this.sa, line)) {
      this.touch(this.sa, line)
      return acc.consume(line)
    }
    acc.reject(line, this.sa ? 'unknown line in an SA block' : 'not a line of show crypto ipsec sa')
  }

  readMtu(line: Line): void {
    const rec = this.flowFor('path mtu', line)
    for (const {label, value} of splitLabeled(line.text)) {
      rec.fields.set(label, value, line)
      const field = MTU_FIELDS[label]
      if (field) rec.fact[field] = toInt(value)
      else if (label !== 'ip mtu idb') return this.acc.reject(line, `unknown MTU field "${label}"`)
    }
    this.touch(rec, line)
    this.acc.consume(line)
  }

  readSpi(line: Line, spi: {text: string; spi: number}): void {
    const rec = this.flow ?? this.startFlow(line)
    let section = this.section
    if (!section) {
      // filtered output ("| include spi") has no section headers: infer from the current outbound SPI
      if (rec.fact.currentOutboundSpi === null) return this.acc.reject(line, 'SPI without an inbound/outbound section')
      section = {direction: spi.spi === rec.fact.currentOutboundSpi ? 'outbound' : 'inbound', protocol: 'esp'}
      if (!this.inferredWarned) {
        this.acc.warn(`line ${line.n}: SA direction inferred from "current outbound spi" (no "inbound/outbound esp sas:" headers; filtered output?)`)
        this.inferredWarned = true
      }
    }
    const sa = newSa(this.ctx, line, section.direction, section.protocol, spi.spi)
    sa.fields.setInterned('spi', spi.text, line)
    rec.sas.push(sa)
    this.sa = sa
    this.touch(sa, line)
    this.acc.consume(line)
  }

  finish(): ParseResult {
    const ids = new IdRegistry()
    for (const rec of this.flows) {
      const f = rec.fact
      const where = f.interface ?? '-'
      if (f.localIdent || f.remoteIdent) f.id = ids.unique(`flow:${where}:${selectorKey(f.localIdent)}->${selectorKey(f.remoteIdent)}`)
      else if (f.remoteAddress) f.id = ids.unique(`flow:${where}:peer:${f.remoteAddress}`)
      else f.id = ids.unique(`flow:${where}`)
      f.saCount = rec.sas.length
      const spiKnownZero = f.currentOutboundSpi === 0
      if (rec.sas.length > 0 || (f.currentOutboundSpi ?? 0) > 0) f.state = 'up'
      else if (spiKnownZero || rec.sawSections) f.state = 'down'
      const udp = rec.sas.some((s) => s.fact.natT === true)
      if (rec.peerPort === 4500 || udp) f.natT = true
      else if (rec.peerPort !== null || rec.sas.some((s) => s.fact.natT === false)) f.natT = false
      for (const sa of rec.sas) {
        sa.fact.flowId = f.id
        sa.fact.remoteAddress = f.remoteAddress
        if (rec.peerPort === 4500) sa.fact.natT = true
        sa.fact.id = ids.unique(`sa:${sa.fact.direction}:${sa.fact.protocol}:${spiHex(sa.fact.spi)}`)
        const complete = sa.hasTransform && sa.fields.has('in use settings')
        if (!complete && this.ctx.pipe === null && !this.inferredWarned) {
          this.acc.warn(`SA ${spiHex(sa.fact.spi)} at line ${sa.fact.source.startLine} lacks its transform or settings line (truncated block?)`)
        }
      }
      this.acc.add(f)
      for (const sa of rec.sas) this.acc.add(sa.fact)
    }
    return this.acc.finish()
  }
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const reader = new IpsecSaReader(lines, ctx)
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    // blank lines and "There are no ipsec sas" / "No SAs found" notices
    const c = leadChar(line.text)
    if (c === '' || ((c === 'T' || c === 't' || c === 'N' || c === 'n') && NO_SAS.test(line.text))) reader.acc.ignore(line)
    else reader.read(line, c)
  }
  return reader.finish()
}

export const showCryptoIpsecSa: ParserSpec = {
  id: 'cisco/show-crypto-ipsec-sa',
  vendor: 'cisco',
  command: 'show crypto ipsec sa',
  detect: (lines) =>
    // "#pkts encaps: 466, ...", "local  ident (addr/mask/prot/port): (...)", "spi: 0x5A48ACC4(1514712260)"
    scoreLines(lines, [/^\s*#pkts encaps/, OUTBOUND_SPI, /^\s*local\s+ident \(addr\/mask\/prot\/port\)/], [
      CURRENT_PEER, SECTION, /^\s*spi:\s*0x/,
    ]) *
    // ASA output ("Crypto map tag: CMAP, seq num: 10, local addr: 203.0.113.1") belongs to cisco/asa-show-crypto-ipsec-sa
    (lines.slice(0, 400).some((l) => /^\s*Crypto map tag:[^,]*,\s*seq num:/.test(l.text)) ? 0.5 : 1),
  parse,
}
