/**
 * `show crypto ipsec sa [detail]` (IOS, IOS-XE), also filtered or cut output: one ipsecFlow per
 * ident block and one ipsecSa per SA block.
 *
 * A flow starts at "protected vrf:" or "local ident"; when those lines were filtered away, a
 * flow-level field that the current flow already holds (a second "current_peer", "#pkts encaps",
 * "current outbound spi" ...) starts the next flow. A flow or SA that the capture shows only in part
 * (a `| include` filter, output cut by its author) is still a fact, marked partial.
 */
import {toInt, toSpi} from '../../reading/numbers.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {parseDhGroup} from './algorithms.js'
import {IdRegistry, markMasked, scoreLines, splitLabeled} from './common.js'
import {parseIdentLine, selectorKey} from './ident.js'
import {peerValue} from './modern-common.js'
import {rawEntries, rawValue} from '../../model/raw.js'
import {
  applyCounters, type FlowRecord, MTU_FIELDS, type SaRecord, SA_SETTINGS, applySaLine, newFlow, newSa, onlyPreamble,
  parseCounterLine, parseSpiLine, readSettings, spiHex,
} from './ipsec-sa-records.js'

// "interface: FastEthernet0/1"
const INTERFACE = /^interface: ?(\S+)$/
// "Crypto map tag: TUNNELMAP, local addr. 172.22.1.3" / "Crypto map tag: Tunnel0-head-0, local addr 10.1.1.1"
const MAP_TAG = /^Crypto map tag: ?([^,]+?)(?:, ?local addr\.? ?(\S+))?$/
// "protected vrf: (none)"
const PROTECTED_VRF = /^protected vrf: ?(.*)$/
// "current_peer 172.22.1.4 port 500" / "current_peer: 172.22.1.4"
const CURRENT_PEER = /^current_peer:? (\S+?)(?: port (\d+))?$/
// "PERMIT, flags={origin_is_acl,transport_parent,}"
const FLAGS = /^(?:(PERMIT|DENY|BYPASS) ?,? ?)?flags=(\{[^}]*\})$/
// "local crypto endpt.: 172.22.1.3, remote crypto endpt.: 172.22.1.4"
const ENDPOINTS = /^local crypto endpt\.?: ?(\S+?), ?remote crypto endpt\.?: ?(\S+)$/
// IPv6 endpoints, one per line: "local crypto endpt.: 2001:DB8:0:1::1," then "remote crypto endpt.: 2001:DB8:0:2::2"
const ENDPOINT = /^(local|remote) crypto endpt\.?: ?(\S+?),?$/
// "path mtu 1500, media mtu 1500" / "plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb Gi0/1" / "... ipv6 mtu 1500, ipv6 mtu idb Gi0/0"
const MTU = /^(plaintext mtu|path mtu|media mtu|ip mtu|ipv6 mtu) /
// "current outbound spi: EB99FB6C" / "current outbound spi: 0xEB99FB6C(3952737132)"
const OUTBOUND_SPI = /^current outbound spi: ?(\S+)$/
// "PFS (Y/N): N, DH group: none" / "PFS (Y/N): Y, Diffie-Hellman group: group14"
const PFS = /^PFS \(Y\/N\): ?([YN])(?:, ?(?:DH|Diffie-Hellman) group: ?(\S+))?$/
// "inbound esp sas:" / "outbound pcp sas:"
const SECTION = /^(inbound|outbound) (esp|ah|pcp) sas:$/
// "There are no ipsec sas" / "No SAs found"
const NO_SAS = /^(There are no ipsec sas|No SAs found)\.?$/i
// "| include encaps|decaps", "| i peer|spi", "| exclude ...": lines were left out
const LINE_FILTER = /\|\s*(?:i|in|inc|incl|inclu|includ|include|e|ex|exc|excl|exclude|grep|s|se|sec|section)\b/i

type Direction = 'inbound' | 'outbound'
type Protocol = 'esp' | 'ah' | 'pcp'

class IpsecSaReader {
  readonly acc: LineAccount
  readonly flows: FlowRecord[] = []
  flow: FlowRecord | null = null
  sa: SaRecord | null = null
  section: {direction: Direction; protocol: Protocol} | null = null
  /** Section headers seen per flow ("inbound esp", "outbound ah" ...). */
  readonly sections = new Map<FlowRecord, Set<string>>()
  iface: {name: string; line: Line} | null = null
  map: {name: string; addr: string | null; line: Line} | null = null
  inferredWarned = false
  /** Some SA of the capture prints "Status:" as its last line (newer trains). */
  sawStatus = false
  /** A flow took the current interface / crypto map tag header (false until one does). */
  preambleUsed = false
  /** Flows whose peer is printed as a host name, not an address. */
  readonly namedPeers = new Set<FlowRecord>()

  constructor(lines: Line[], private readonly ctx: ParseContext) {
    this.acc = new LineAccount(lines)
  }

  /**
   * An interface / crypto map tag header no flow line followed (a filter kept only these lines, or
   * the output was cut below them): its values make a flow of their own, shown in part.
   */
  flushPreamble(): void {
    if (this.preambleUsed || (!this.iface && !this.map)) return
    const rec = this.startFlow((this.iface ?? this.map)!.line)
    if (this.map) this.touch(rec, this.map.line)
    this.flow = null
  }

  startFlow(line: Line): FlowRecord {
    this.preambleUsed = true
    const rec = newFlow(this.ctx, line)
    if (this.iface) {
      rec.fact.interface = this.iface.name
      rec.fields.set('interface', this.iface.name, this.iface.line)
    }
    if (this.map) {
      rec.fact.cryptoMap = this.map.name
      rec.fields.set('Crypto map tag', this.map.name, this.map.line)
      if (this.map.addr) {
        rec.fact.localAddress = this.map.addr
        rec.fields.set('local addr', this.map.addr, this.map.line)
      }
    }
    this.flows.push(rec)
    this.sections.set(rec, new Set())
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

  /** The line's values went into `rec`: the record reaches down to it, and the line is consumed. */
  took(rec: FlowRecord | SaRecord, line: Line): void {
    this.touch(rec, line)
    this.acc.consume(line)
  }

  touch(rec: FlowRecord | SaRecord, line: Line): void {
    rec.fact.source.endLine = Math.max(rec.fact.source.endLine, line.n)
    if (this.flow) this.flow.fact.source.endLine = Math.max(this.flow.fact.source.endLine, line.n)
  }

  read(line: Line): void {
    const text = line.text
    const acc = this.acc
    let m: RegExpExecArray | null
    // most lines of an output come first, as no pattern below takes them: counters ("#pkts encaps: 0, ...")
    // and an SA's own lines ("transform: ...", "Status: ACTIVE"; labels of newer trains are read last)
    if (text.startsWith('#')) return this.readCounters(line)
    if (this.sa && applySaLine(this.sa, line, false)) return this.readSaLine(this.sa, line)
    if ((m = INTERFACE.exec(text))) {
      this.flushPreamble()
      this.iface = {name: m[1], line}
      this.map = null
      this.preambleUsed = false
      this.flow = null
      this.sa = null
      return acc.consume(line)
    }
    if ((m = MAP_TAG.exec(text))) {
      if (this.map) this.flushPreamble()
      this.map = {name: m[1], addr: m[2] ?? null, line}
      this.preambleUsed = false
      this.flow = null
      this.sa = null
      return acc.consume(line)
    }
    if ((m = PROTECTED_VRF.exec(text))) {
      const rec = this.flow && onlyPreamble(this.flow) && !this.flow.fields.has('protected vrf') ? this.flow : this.startFlow(line)
      rec.fields.set('protected vrf', m[1], line)
      return acc.consume(line)
    }
    const ident = parseIdentLine(text)
    if (ident) {
      let rec = this.flow
      const label = ident.side === 'local' ? 'local ident' : 'remote ident'
      if (!rec || (ident.side === 'local' && !onlyPreamble(rec)) || rec.fields.has(label)) rec = this.startFlow(line)
      rec.fields.set(label, ident.value, line)
      if (ident.side === 'local') rec.fact.localIdent = ident.selector
      else rec.fact.remoteIdent = ident.selector
      if (!ident.selector) acc.warn(`line ${line.n}: ident ${ident.value} could not be read as addr/mask/prot/port`)
      return this.took(rec, line)
    }
    if ((m = CURRENT_PEER.exec(text))) {
      const rec = this.flowFor('current_peer', line)
      rec.fields.set('current_peer', m[1], line)
      // an address, a mask, or a host name where ASA-style output prints one ("branch-fw7"): kept as
      // printed, a name listed in `masked` as the ASA parser does
      const peer = peerValue(m[1], true)
      if (peer === null) acc.warn(`line ${line.n}: current_peer ${m[1]} is neither an address nor a name`)
      else if (peer.kind === null && rec.fact.remoteAddress === null) this.namedPeers.add(rec)
      if (rec.fact.remoteAddress === null) rec.fact.remoteAddress = m[1]
      if (m[2] !== undefined) {
        rec.fields.set('port', m[2], line)
        rec.fact.remotePort = Number(m[2])
        rec.peerPort = Number(m[2])
      }
      return this.took(rec, line)
    }
    if ((m = FLAGS.exec(text))) {
      const rec = this.flowFor('flags', line)
      if (m[1]) rec.fields.set('action', m[1], line)
      rec.fields.set('flags', m[2], line)
      // "{origin_is_acl,transport_parent,}"
      rec.fact.flags = m[2].slice(1, -1).split(',').map((x) => x.trim()).filter((x) => x !== '')
      rec.fact.transportParent = rec.fact.flags.includes('transport_parent')
      return this.took(rec, line)
    }
    if ((m = ENDPOINTS.exec(text))) {
      const rec = this.flowFor('local crypto endpt.', line)
      rec.fields.set('local crypto endpt.', m[1], line)
      rec.fields.set('remote crypto endpt.', m[2], line)
      rec.fact.localAddress = m[1]
      rec.fact.remoteAddress = m[2]
      return this.took(rec, line)
    }
    if ((m = ENDPOINT.exec(text))) {
      const rec = this.flowFor(`${m[1]} crypto endpt.`, line)
      rec.fields.set(`${m[1]} crypto endpt.`, m[2], line)
      rec.fact[m[1] === 'local' ? 'localAddress' : 'remoteAddress'] = m[2]
      return this.took(rec, line)
    }
    if (MTU.test(text)) return this.readMtu(line)
    if ((m = OUTBOUND_SPI.exec(text))) {
      const spi = toSpi(m[1], true)
      if (spi === null) return acc.reject(line, 'outbound SPI not understood')
      const rec = this.flowFor('current outbound spi', line)
      rec.fields.set('current outbound spi', m[1], line)
      rec.fact.currentOutboundSpi = spi
      return this.took(rec, line)
    }
    if ((m = PFS.exec(text))) {
      const rec = this.flowFor('PFS (Y/N)', line)
      rec.fields.set('PFS (Y/N)', m[1], line)
      rec.fact.pfs = m[1] === 'Y'
      if (m[2] !== undefined) {
        rec.fields.set('DH group', m[2], line)
        rec.fact.dhGroup = parseDhGroup(m[2])
        if (rec.fact.dhGroup === null && m[2] !== 'none') acc.warn(`line ${line.n}: DH group "${m[2]}" not understood`)
      }
      return this.took(rec, line)
    }
    if ((m = SECTION.exec(text))) {
      const rec = this.flow ?? this.startFlow(line)
      rec.sawSections = true
      this.section = {direction: m[1] as Direction, protocol: m[2] as Protocol}
      this.sections.get(rec)?.add(`${m[1]} ${m[2]}`)
      this.sa = null
      return this.took(rec, line)
    }
    const spi = parseSpiLine(text)
    if (spi) return this.readSpi(line, spi)
    if (this.sa && applySaLine(this.sa, line)) return this.readSaLine(this.sa, line)
    // "in use settings ={Transport, }" left behind by a filter, without its SA: it still tells the flow's encapsulation
    if (!this.sa && (m = SA_SETTINGS.exec(text))) {
      const rec = this.flow ?? this.startFlow(line)
      rec.fields.set('in use settings', m[1], line)
      rec.fact.natT = readSettings(m[1]).natT || rec.fact.natT === true
      return this.took(rec, line)
    }
    if (!this.sa && this.readStraySaLine(line)) return acc.consume(line)
    acc.reject(line, this.sa ? 'unknown line in an SA block' : 'not a line of show crypto ipsec sa')
  }

  readCounters(line: Line): void {
    const counters = parseCounterLine(line.text)
    if (!counters) return this.acc.reject(line, 'counter line not understood')
    const rec = this.flowFor(counters[0].label, line)
    applyCounters(rec, counters, line)
    this.took(rec, line)
  }

  /** A line applySaLine took into the current SA. */
  readSaLine(sa: SaRecord, line: Line): void {
    if (sa.fields.has('Status')) this.sawStatus = true
    this.took(sa, line)
  }

  /**
   * An SA line a filter left without its "spi:" line ("sa timing: ...", "replay detection support: Y",
   * "transform: esp-aes esp-sha-hmac ,"): which SA it belongs to is not shown, so its values are kept,
   * as read for an SA, as raw fields of the flow.
   */
  readStraySaLine(line: Line): boolean {
    const probe = newSa(this.ctx, line, 'inbound', 'esp', 0)
    if (!applySaLine(probe, line, false)) return false
    const rec = this.flow ?? this.startFlow(line)
    for (const [label, field] of rawEntries(probe.fields.fields)) rec.fields.set(label, field.value, line)
    this.touch(rec, line)
    return true
  }

  readMtu(line: Line): void {
    const rec = this.flowFor('path mtu', line)
    for (const {label, value} of splitLabeled(line.text)) {
      rec.fields.set(label, value, line)
      const field = MTU_FIELDS[label]
      if (field) rec.fact[field] = toInt(value)
      else if (label !== 'ip mtu idb' && label !== 'ipv6 mtu idb') return this.acc.reject(line, `unknown MTU field "${label}"`)
    }
    this.took(rec, line)
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
    sa.fields.set('spi', spi.text, line)
    rec.sas.push(sa)
    this.sa = sa
    this.took(sa, line)
  }

  /**
   * An SA shows its last line: "Status:" on trains that print it (those print "sibling_flags" on the
   * conn id line too), "replay detection support:" on older ones.
   */
  saComplete(sa: SaRecord): boolean {
    if (sa.fields.has('Status')) return true
    return !this.sawStatus && !sa.fields.has('sibling_flags') && sa.fields.has('replay detection support')
  }

  /**
   * A flow the capture shows whole: not filtered, its idents seen, its section headers seen up to the
   * outbound twin of every inbound one, an outbound SA when it has a current outbound SPI, and its SAs
   * complete.
   */
  flowComplete(rec: FlowRecord): boolean {
    if (this.ctx.pipe !== null && LINE_FILTER.test(this.ctx.pipe)) return false
    // its head: every flow prints its idents ("| begin current_peer" starts below them)
    if (!rec.fields.has('local ident') || !rec.fields.has('remote ident')) return false
    const seen = this.sections.get(rec) ?? new Set()
    if (!seen.has('outbound esp')) return false
    for (const s of seen) if (s.startsWith('inbound ') && !seen.has(s.replace('inbound', 'outbound'))) return false
    if ((rec.fact.currentOutboundSpi ?? 0) > 0 && !rec.sas.some((s) => s.fact.direction === 'outbound')) return false
    return rec.sas.every((sa) => this.saComplete(sa))
  }

  finish(): ParseResult {
    this.flushPreamble()
    const ids = new IdRegistry()
    // "show crypto ipsec sa peer 198.51.100.20 | i encaps|decaps": every flow printed is that peer's
    const argPeer = this.ctx.args.length === 2 && this.ctx.args[0].toLowerCase() === 'peer' ? peerValue(this.ctx.args[1]) : null
    const peerArg = argPeer && argPeer.kind !== 'masked' && argPeer.port === null ? argPeer.address : null
    for (const rec of this.flows) {
      const f = rec.fact
      if (f.remoteAddress === null && peerArg !== null) f.remoteAddress = peerArg
      const where = f.interface ?? '-'
      markMasked(f, 'remoteAddress', 'localAddress', 'localIdent', 'remoteIdent')
      const named = this.namedPeers.has(rec) && f.remoteAddress === rawValue(rec.fields.fields, 'current_peer')
      if (named) f.masked = [...new Set([...(f.masked ?? []), 'remoteAddress'])]
      const byIdents = f.localIdent !== null || f.remoteIdent !== null
      // the flow id holds a mask when the idents (or, without idents, the peer) it is built from do
      const idMasked = (f.masked ?? []).some((k) => (byIdents ? k === 'localIdent' || k === 'remoteIdent' : k === 'remoteAddress'))
      if (byIdents) f.id = ids.unique(`flow:${where}:${selectorKey(f.localIdent)}->${selectorKey(f.remoteIdent)}`)
      else if (f.remoteAddress) f.id = ids.unique(`flow:${where}:peer:${f.remoteAddress}`)
      else f.id = ids.unique(`flow:${where}`)
      f.saCount = rec.sas.length
      if (rec.sas.length > 0 || (f.currentOutboundSpi ?? 0) > 0) f.state = 'up'
      else if (f.currentOutboundSpi === 0 || rec.sawSections) f.state = 'down'
      const udp = rec.sas.some((s) => s.fact.natT === true)
      if (rec.peerPort === 4500 || udp || f.natT === true) f.natT = true
      else if (rec.peerPort !== null || rec.sas.some((s) => s.fact.natT === false) || f.natT === false) f.natT = false
      if (!this.flowComplete(rec)) f.partial = true
      for (const sa of rec.sas) {
        sa.fact.flowId = f.id
        sa.fact.remoteAddress = f.remoteAddress
        markMasked(sa.fact, 'remoteAddress')
        if (named) sa.fact.masked = [...new Set([...(sa.fact.masked ?? []), 'remoteAddress'])]
        if (idMasked) sa.fact.masked = [...new Set([...(sa.fact.masked ?? []), 'flowId'])]
        if (rec.peerPort === 4500) sa.fact.natT = true
        sa.fact.id = ids.unique(`sa:${sa.fact.direction}:${sa.fact.protocol}:${spiHex(sa.fact.spi)}`)
        if (!this.saComplete(sa)) {
          sa.fact.partial = true
          if (this.ctx.pipe === null && !this.inferredWarned) {
            this.acc.warn(`SA ${spiHex(sa.fact.spi)} at line ${sa.fact.source.startLine} is cut off (its last lines are missing)`)
          }
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
  // an indexed loop: one call reads every line of the output, and for-of allocated an iterator result per line
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    // blank lines and "There are no ipsec sas" / "No SAs found" notices
    if (line.text === '' || NO_SAS.test(line.text)) reader.acc.ignore(line)
    else reader.read(line)
  }
  return reader.finish()
}

export const showCryptoIpsecSa: ParserSpec = {
  id: 'cisco/show-crypto-ipsec-sa',
  vendor: 'cisco',
  command: 'show crypto ipsec sa',
  detect: (input) => detectIn(input),
  parse,
}

// "Crypto map tag: CMAP, seq num: 10, ...", "current inbound spi : 5E6F7A8B", "spi: 0x1818E811 (404285457)"
const ASA_ONLY = /^(?:Crypto map tag:[^,]*, ?seq num:|current inbound spi ?:|spi: 0x[0-9a-f]{1,8} \(\d+\)$)/i

/** How sure the parser is that headless text is its output. */
function detectIn(lines: Line[]): number {
  return (
    // "#pkts encaps: 466, ...", "local ident (addr/mask/prot/port): (...)", "spi: 0x5A48ACC4(1514712260)"
    scoreLines(lines, [/^#pkts encaps/, OUTBOUND_SPI, /^local ident \(addr\/mask\/prot\/port\)/], [CURRENT_PEER, SECTION, /^spi: ?0x/]) *
    // ASA output belongs to cisco/asa-show-crypto-ipsec-sa: "Crypto map tag: CMAP, seq num: 10, local
    // addr: 203.0.113.1", and what a filter leaves of it, "current inbound spi : 5E6F7A8B" and
    // "spi: 0x1818E811 (404285457)" (IOS prints neither the inbound line nor a space before the decimal)
    (lines.slice(0, 400).some((l) => ASA_ONLY.test(l.text)) ? 0.5 : 1)
  )
}
