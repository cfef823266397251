/**
 * ASA `show crypto ipsec sa [detail]` / `show ipsec sa [peer X]`: one ipsecFlow per
 * `Crypto map tag: X, seq num: N, local addr: A` block and one ipsecSa per `spi:` block.
 *
 * ASA specifics: the seq num in the map tag line, the access-list line, `current_peer: X[, username: U]`,
 * endpoints with `/0` or `/4500` ports, `ipsec overhead`, PMTU/DF/ICMP/TFC lines, `Protected vrf`,
 * `current inbound spi`, `spi: 0x1234ABCD (305441741)` with a space, `in use settings ={L2L, Tunnel,
 * NAT-T-Encaps, PFS Group 14, IKEv2, }`, `conn_id`, `(kB/sec)` lifetimes and the anti-replay bitmap.
 * Peers may be printed as names (the `names` feature) or masked by an author: both are kept as
 * printed and listed in the fact's `masked`. "There are no ipsec sas" gives no fact: the block of the
 * command, captured and empty, says that no SA exists.
 *
 * Filtered output (`| include encaps|decaps|peer`) and output cut off by an author give flows and SAs
 * marked partial: a flow is complete once it has its map tag, its current outbound SPI and an
 * outbound section with its SA; an SA once it has its transform, settings, timing and replay lines
 * (and, on 9.x, which prints "SA State", its anti-replay bitmap). An `spi:` line a filter left without
 * its section is the SA of the current inbound/outbound spi it equals, else a raw field of its flow.
 */
import {LineAccount, toInt, toSpi} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {IdRegistry, scoreLines, splitLabeled} from './common.js'
import {selectorKey} from './ident.js'
import {applyAsaSaLine, applyCounters, readFlowSettings, saCut, SETTINGS, type SaLineContext} from './asa-ipsec-sa-lines.js'
import {type FlowRecord, type SaRecord, newFlow, newSa, parseCounterLine, spiHex} from './ipsec-sa-records.js'
import {isFiltered, addMaskedField, markPartial, peerValue, readSelector, setAddress} from './modern-common.js'
import {rawEntries, rawValue} from '../../model/raw.js'

// "interface: outside"
const INTERFACE = /^interface: ?(\S+)$/
// "peer address: 198.51.100.2"
const PEER_ADDRESS = /^peer address: ?(\S+)$/
// "There are no ipsec sas" / "There are no ipsec sas for peer 198.51.100.2"
const NO_SAS = /^There are no ipsec sas\b/i
// "Crypto map tag: CMAP, seq num: 10, local addr: 203.0.113.1"
const MAP_TAG = /^Crypto map tag: ?([^,]+), seq num: ?(\d+), local addr: ?(\S+)$/
// "access-list ACL-VPN extended permit ip 10.1.0.0 255.255.0.0 10.2.0.0 255.255.0.0"
const ACCESS_LIST = /^access-list (\S+) ?(.*)$/
// "local ident (addr/mask/prot/port): (10.1.0.0/255.255.0.0/0/0)"
const IDENT = /^(local|remote) ident(?: \(addr\/mask\/prot\/port\))? ?: ?(\(.*\))$/
// "current_peer: 198.51.100.2" / "current_peer: 198.51.100.77, username: jdoe" / "current_peer: branch-fw7"
const CURRENT_PEER = /^current_peer: ?([^,\s]+)(?:, username: ?(\S+))?$/
// "dynamic allocated peer ip: 192.168.100.10" / "dynamic allocated peer ip(ipv6): 0.0.0.0"
const DYNAMIC_PEER_IP = /^(dynamic allocated peer ip(?:\(ipv6\))?): ?(\S+)$/
// "local crypto endpt.: 203.0.113.1/4500, remote crypto endpt.: 198.51.100.2/4500" / "local crypto endpt.: 203.0.113.5/4500"
const ENDPOINT = /^(local|remote) crypto endpt\.: ?(\S+)$/
// "path mtu 1500, ipsec overhead 74(44), media mtu 1500"
const MTU = /^path mtu \d+/
// "PMTU time remaining (sec): 0, DF policy: copy-df" / "ICMP error validation: disabled, TFC packets: disabled"
const FLOW_SETTINGS = /^(?:PMTU time remaining|ICMP error validation)\b.*:/
// "Protected vrf (ivrf): Global"
const PROTECTED_VRF = /^Protected vrf(?: \(ivrf\))?: ?(\S+)$/i
// "Protected vrf (ivrf): Global" as only the ASA prints it (IOS-XE prints "protected vrf: (none)")
const ASA_VRF = /^Protected vrf \(ivrf\):/
// "current outbound spi: 8F3D2C1B" / "current inbound spi : 5E6F7A8B"
const CURRENT_SPI = /^current (outbound|inbound) spi ?: ?([0-9A-Fa-fx]+)$/
// "inbound esp sas:" / "outbound ah sas:" / "inbound pcp sas:"
const SECTION = /^(inbound|outbound) (esp|ah|pcp) sas:$/
// "spi: 0x5E6F7A8B (1584364171)"
const SPI = /^spi: ?(0x[0-9a-f]{1,8}) ?(?:\((\d+)\))?$/i

interface AsaFlow extends FlowRecord {
  /** Sections seen, as "inbound esp". */
  sections: Set<string>
}

class AsaIpsecReader implements SaLineContext {
  readonly acct: LineAccount
  readonly flows: AsaFlow[] = []
  flow: AsaFlow | null = null
  sa: SaRecord | null = null
  section: {direction: 'inbound' | 'outbound'; protocol: 'esp' | 'ah' | 'pcp'} | null = null
  iface: {name: string; line: Line} | null = null
  map: {name: string; seq: string; addr: string; line: Line} | null = null
  /** The SA whose "Anti replay bitmap:" line was read last: its words lines follow. */
  bitmapOf: SaRecord | null = null
  /** "peer address:" of `show crypto ipsec sa peer X`, copied into every flow. */
  peer: {address: string; line: Line} | null = null
  /** A flow took the current interface line. */
  ifaceUsed = false
  /** "There are no ipsec sas": a peer address line above it is no flow. */
  none = false
  readonly filtered: boolean

  constructor(lines: Line[], private readonly ctx: ParseContext) {
    this.acct = new LineAccount(lines)
    this.filtered = isFiltered(ctx)
  }

  warn(message: string): void {
    this.acct.warn(message)
  }

  /** An interface (or peer address) line whose flows a filter or a cut removed is a flow of its own. */
  flushAlone(): void {
    if (this.iface !== null && !this.ifaceUsed) this.startFlow(this.iface.line)
    else if (this.peer !== null && this.flows.length === 0 && !this.none) {
      const peer = peerValue(this.peer.address, true)
      const rec = this.startFlow(this.peer.line)
      if (peer) setAddress(rec.fact, 'remoteAddress', peer)
    }
  }

  startFlow(line: Line): AsaFlow {
    const rec: AsaFlow = {...newFlow(this.ctx, line), sections: new Set()}
    if (this.peer) {
      rec.fields.set('peer address', this.peer.address, this.peer.line)
      this.acct.consume(this.peer.line)
    }
    if (this.iface) {
      this.ifaceUsed = true
      rec.fact.interface = this.iface.name
      rec.fields.set('interface', this.iface.name, this.iface.line)
    }
    if (this.map) {
      rec.fact.cryptoMap = this.map.name
      const local = peerValue(this.map.addr, true)
      if (local) setAddress(rec.fact, 'localAddress', local)
      rec.fields.set('Crypto map tag', this.map.name, this.map.line)
      rec.fields.set('seq num', this.map.seq, this.map.line)
      rec.fields.set('local addr', this.map.addr, this.map.line)
    }
    this.flows.push(rec)
    this.flow = rec
    this.sa = null
    this.section = null
    return rec
  }

  /** The flow for a flow-level label: the open one, or a new one when it already has that label. */
  flowFor(label: string, line: Line): AsaFlow {
    if (!this.flow || this.flow.fields.has(label)) return this.startFlow(line)
    return this.flow
  }

  touch(line: Line): void {
    if (this.sa) this.sa.fact.source.endLine = Math.max(this.sa.fact.source.endLine, line.n)
    if (this.flow) this.flow.fact.source.endLine = Math.max(this.flow.fact.source.endLine, line.n)
    this.acct.consume(line)
  }

  read(line: Line): void {
    const text = line.text
    let m: RegExpExecArray | null
    if (NO_SAS.test(text)) {
      this.none = true
      return this.acct.ignore(line)
    }
    if ((m = PEER_ADDRESS.exec(text))) {
      // consumed by the flows that copy it; above "There are no ipsec sas" it only names the command's peer
      this.peer = {address: m[1], line}
      return this.acct.ignore(line)
    }
    if ((m = INTERFACE.exec(text))) {
      this.flushAlone()
      this.iface = {name: m[1], line}
      this.ifaceUsed = false
      this.map = null
      // a new interface: nothing of the previous one's flow, SA or section carries over
      this.flow = this.sa = this.section = null
      return this.acct.consume(line)
    }
    if ((m = MAP_TAG.exec(text))) {
      this.map = {name: m[1], seq: m[2], addr: m[3], line}
      if (!peerValue(m[3], true)) this.acct.warn(`line ${line.n}: local addr ${m[3]} is not an address`)
      this.startFlow(line)
      return this.touch(line)
    }
    if (this.readFlowLine(line) || this.readSaLine(line) || this.readStraySaLine(line)) return this.touch(line)
    if (SPI.test(text)) return this.acct.reject(line, 'SPI without an inbound/outbound section')
    this.acct.reject(line, this.sa ? 'unknown line in an SA block' : 'not a line of ASA show crypto ipsec sa')
  }

  /** Flow-level lines (ACL, idents, peer, counters, endpoints, MTU, SPIs, sections); false when not one. */
  readFlowLine(line: Line): boolean {
    const text = line.text
    let m: RegExpExecArray | null
    if ((m = ACCESS_LIST.exec(text))) {
      this.flowFor('access-list', line).fields.set('access-list', `${m[1]} ${m[2]}`.trim(), line)
    } else if ((m = IDENT.exec(text))) {
      const side = m[1] as 'local' | 'remote'
      const rec = this.flowFor(`${side} ident`, line)
      rec.fields.set(`${side} ident`, m[2], line)
      const selector = readSelector(m[2])
      if (!selector) this.acct.warn(`line ${line.n}: ident ${m[2]} could not be read as addr/mask/prot/port`)
      if (side === 'local') rec.fact.localIdent = selector?.selector ?? null
      else rec.fact.remoteIdent = selector?.selector ?? null
      if (selector?.masked) addMaskedField(rec.fact, `${side}Ident`)
    } else if ((m = CURRENT_PEER.exec(text))) {
      const rec = this.flowFor('current_peer', line)
      rec.fields.set('current_peer', m[1], line)
      const peer = peerValue(m[1], true)
      if (peer) setAddress(rec.fact, 'remoteAddress', peer)
      else this.acct.warn(`line ${line.n}: current_peer ${m[1]} is neither an address nor a name`)
      if (m[2] !== undefined) {
        rec.fields.set('username', m[2], line)
        if (!rec.fact.flags.includes('remote-access')) rec.fact.flags.push('remote-access')
      }
    } else if ((m = DYNAMIC_PEER_IP.exec(text))) {
      this.flowFor(m[1], line).fields.set(m[1], m[2], line)
    } else if (text.startsWith('#')) {
      // "#pkts encaps: 1250, #pkts encrypt: 1250, #pkts digest: 1250"
      return this.readCounters(line)
    } else if (/^(local|remote) crypto endpt\./.test(text)) {
      return this.readEndpoints(line)
    } else if (MTU.test(text) || FLOW_SETTINGS.test(text)) {
      const pairs = splitLabeled(text)
      const rec = this.flowFor(pairs[0].label, line)
      for (const {label, value} of pairs) {
        rec.fields.set(label, value, line)
        if (label === 'path mtu') rec.fact.pathMtu = toInt(value)
        if (label === 'media mtu') rec.fact.mediaMtu = toInt(value)
      }
    } else if ((m = PROTECTED_VRF.exec(text))) {
      this.flowFor('Protected vrf (ivrf)', line).fields.set('Protected vrf (ivrf)', m[1], line)
    } else if ((m = CURRENT_SPI.exec(text))) {
      const rec = this.flowFor(`current ${m[1]} spi`, line)
      rec.fields.set(`current ${m[1]} spi`, m[2], line)
      const spi = toSpi(m[2], true)
      if (spi === null) this.acct.warn(`line ${line.n}: current ${m[1]} spi ${m[2]} is not an SPI`)
      if (m[1] === 'outbound') rec.fact.currentOutboundSpi = spi
    } else if ((m = SECTION.exec(text))) {
      const rec = this.flow ?? this.startFlow(line)
      rec.sawSections = true
      rec.sections.add(`${m[1]} ${m[2]}`)
      this.section = {direction: m[1] as 'inbound' | 'outbound', protocol: m[2] as 'esp' | 'ah' | 'pcp'}
      this.sa = null
    } else {
      return false
    }
    return true
  }

  /** "local crypto endpt.: 203.0.113.1/4500, remote crypto endpt.: 198.51.100.2/4500", or one of the two. */
  readEndpoints(line: Line): boolean {
    const parts = line.text.split(', ').map((p) => ENDPOINT.exec(p))
    if (parts.some((p) => p === null)) return false
    const rec = this.flowFor(`${parts[0]![1]} crypto endpt.`, line)
    for (const [, side, text] of parts as RegExpExecArray[]) {
      rec.fields.set(`${side} crypto endpt.`, text, line)
      const value = peerValue(text, true)
      if (!value) {
        this.acct.warn(`line ${line.n}: ${side} crypto endpt. ${text} is not an address`)
        continue
      }
      setAddress(rec.fact, side === 'local' ? 'localAddress' : 'remoteAddress', value)
      if (side === 'remote') rec.fact.remotePort = rec.peerPort = value.port
    }
    return true
  }

  readCounters(line: Line): boolean {
    const counters = parseCounterLine(line.text)
    if (!counters) return false
    const rec = this.flowFor(counters[0].label, line)
    applyCounters(rec, counters, line)
    return true
  }

  /** SA-level lines: spi, state, settings, slot/conn_id, timing, bitmap and the shared IOS lines. */
  readSaLine(line: Line): boolean {
    const text = line.text
    let m: RegExpExecArray | null
    if ((m = SPI.exec(text))) {
      // the hex (src/reading/numbers.ts toSpi: it wins where a hand edit left the decimal disagreeing)
      const spi = toSpi(m[1], true) ?? (m[2] !== undefined ? Number(m[2]) >>> 0 : 0)
      const section = this.section
      const direction = this.filtered || !section ? (this.currentDirection(spi) ?? section?.direction) : section.direction
      if (!direction || !this.flow || section?.protocol === 'pcp') return false
      // without its section header (filtered away) the SA is ESP: the ASA negotiates no AH
      const sa = newSa(this.ctx, line, direction, section?.protocol ?? 'esp', spi)
      sa.fields.set('spi', text.replace(/^spi: ?/, ''), line)
      sa.fact.state = 'active'
      sa.fact.type = 'dynamic'
      this.flow.sas.push(sa)
      this.sa = sa
      return true
    }
    // "in use settings ={Transport, }" left by a filter without its SA: settings of the open flow's SAs
    if (!this.sa && (m = SETTINGS.exec(text))) {
      const rec = this.flow ?? this.startFlow(line)
      rec.fields.set('in use settings', m[1], line)
      readFlowSettings(rec, m[1])
      return true
    }
    const sa = this.sa
    // under a filter, a label the open SA already holds is another SA's (whose spi line was filtered)
    if (!sa || (this.filtered && this.repeats(sa, line))) return false
    return applyAsaSaLine(this, sa, line)
  }

  /** The direction of an SPI the flow's "current inbound/outbound spi" lines name; null for another. */
  currentDirection(spi: number): 'inbound' | 'outbound' | null {
    for (const direction of ['inbound', 'outbound'] as const) {
      const printed = (this.flow ? rawValue(this.flow.fields.fields, `current ${direction} spi`) : undefined)
      if (printed !== undefined && toSpi(printed, true) === spi) return direction
    }
    return null
  }

  /** True when the SA already holds a label the line sets. */
  repeats(sa: SaRecord, line: Line): boolean {
    const probe = newSa(this.ctx, line, 'inbound', 'esp', 0)
    const quiet: SaLineContext = {flow: this.flow, bitmapOf: this.bitmapOf, warn: () => undefined}
    return applyAsaSaLine(quiet, probe, line) && probe.fields.fields.labels.some((label) => sa.fields.has(label))
  }

  /**
   * An SA line a filter left without its "spi:" line (or the SA's spi line unreadable as a direction):
   * which SA it belongs to is not shown, so its values are kept, as read for an SA, as raw fields of
   * the flow. "Anti replay bitmap:" alone is a header.
   */
  readStraySaLine(line: Line): boolean {
    const probe = newSa(this.ctx, line, 'inbound', 'esp', 0)
    if (SPI.test(line.text)) {
      // unfiltered output prints every SPI under its section: one without is not understood
      if (!this.filtered) return false
      probe.fields.set('spi', line.text.replace(/^spi: ?/, ''), line)
    } else if (!applyAsaSaLine(this, probe, line)) return false
    this.bitmapOf = null
    if (probe.fields.size === 0) {
      this.acct.ignore(line)
      return true
    }
    const rec = this.flow ?? this.startFlow(line)
    for (const [label, field] of rawEntries(probe.fields.fields)) rec.fields.set(label, field.value, field.line)
    return true
  }




  /** A flow that stops before its outbound SA (or never had its head: filtered output). */
  flowCut(rec: AsaFlow): boolean {
    if (isFiltered(this.ctx) || !rec.fields.has('Crypto map tag') || !rec.fields.has('current outbound spi')) return true
    if (!rec.sections.has('outbound esp') && !rec.sections.has('outbound ah')) return true
    if ((rec.fact.currentOutboundSpi ?? 0) > 0 && !rec.sas.some((s) => s.fact.direction === 'outbound')) return true
    return rec.sas.some((s) => saCut(s))
  }

  finish(): ParseResult {
    this.flushAlone()
    const ids = new IdRegistry()
    for (const rec of this.flows) {
      const f = rec.fact
      const where = f.interface ?? '-'
      const byIdent = f.localIdent !== null || f.remoteIdent !== null
      if (byIdent) f.id = ids.unique(`flow:${where}:${selectorKey(f.localIdent)}->${selectorKey(f.remoteIdent)}`)
      else f.id = ids.unique(`flow:${where}:peer:${f.remoteAddress ?? '?'}`)
      const idMasked = (byIdent ? ['localIdent', 'remoteIdent'] : ['remoteAddress']).some((x) => f.masked?.includes(x))
      f.saCount = rec.sas.length
      if (rec.sas.length > 0 || (f.currentOutboundSpi ?? 0) > 0) f.state = 'up'
      else if (f.currentOutboundSpi === 0 || rec.sawSections) f.state = 'down'
      if (rec.peerPort === 4500 || rec.sas.some((s) => s.fact.natT === true)) f.natT = true
      // no NAT-T only where a port or an SA's settings say so (a filter may have left neither)
      else if (rec.peerPort !== null || rec.sas.some((s) => s.fields.has('in use settings'))) f.natT = false
      if (this.flowCut(rec)) markPartial(f)
      this.acct.add(f)
      for (const sa of rec.sas) {
        sa.fact.flowId = f.id
        sa.fact.remoteAddress = f.remoteAddress
        if (f.masked?.includes('remoteAddress')) addMaskedField(sa.fact, 'remoteAddress')
        // the flow's id names its masked selectors or peer
        if (idMasked) addMaskedField(sa.fact, 'flowId')
        if (rec.peerPort === 4500) sa.fact.natT = true
        // AEAD transforms print "esp-null-hmac": the cipher carries integrity, so none is not a weakness
        if (sa.fact.encryption?.endsWith('-gcm') && sa.fact.integrity === 'none') sa.fact.integrity = null
        sa.fact.id = ids.unique(`sa:${sa.fact.direction}:${sa.fact.protocol}:${spiHex(sa.fact.spi)}`)
        if (saCut(sa) || isFiltered(this.ctx)) markPartial(sa.fact)
        if (!sa.hasTransform && this.ctx.pipe === null) {
          this.acct.warn(`SA ${spiHex(sa.fact.spi)} at line ${sa.fact.source.startLine} has no transform line (truncated block?)`)
        }
        this.acct.add(sa.fact)
      }
    }
    return this.acct.finish()
  }
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const reader = new AsaIpsecReader(lines, ctx)
  for (const line of lines) {
    if (line.text === '') reader.acct.ignore(line)
    else reader.read(line)
  }
  return reader.finish()
}

export const asaShowCryptoIpsecSa: ParserSpec = {
  id: 'cisco/asa-show-crypto-ipsec-sa',
  vendor: 'cisco',
  command: 'show crypto ipsec sa',
  aliases: ['show crypto ipsec sa detail', 'show ipsec sa', 'show ipsec sa detail'],
  detect(lines: Line[]): number {
    return scoreLines(
      lines,
      // "spi: 0x1818E811 (404285457)": IOS prints no space before the decimal form
      [MAP_TAG, /^#TFC rcvd:/, /ipsec overhead/, /^in use settings ?= ?\{(L2L|RA)\b/, /^current inbound spi ?:/, ASA_VRF, /^spi: 0x[0-9a-f]{1,8} \(\d+\)$/i],
      [CURRENT_PEER, /^local crypto endpt\./, SECTION, NO_SAS],
    )
  },
  parse,
}
