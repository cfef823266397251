/**
 * ASA `show crypto ipsec sa [detail]` / `show ipsec sa [peer X]`: one ipsecFlow per
 * `Crypto map tag: X, seq num: N, local addr: A` block and one ipsecSa per `spi:` block.
 *
 * ASA specifics: the seq num in the map tag line, the access-list line, `current_peer: X[, username: U]`,
 * endpoints with `/0` or `/4500` ports, `ipsec overhead`, PMTU/DF/ICMP/TFC lines, `current inbound spi`,
 * `spi: 0x1234ABCD (305441741)` with a space, `in use settings ={L2L, Tunnel, NAT-T-Encaps, PFS Group 14,
 * IKEv2, }`, `conn_id`, `(kB/sec)` lifetimes and the anti-replay bitmap. Peers may be printed as names
 * (the `names` feature); they are kept as printed.
 */
import {LineAccount, leadChar, toInt, toSpi} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {IdRegistry, scoreLines, splitLabeled} from './common.js'
import {parseIdentLine, selectorKey} from './ident.js'
import {FLOW_COUNTERS, type FlowCounterField, type FlowRecord, type SaRecord, applySaLine, newFlow, newSa, parseCounterLine, spiHex} from './ipsec-sa-records.js'
import {addressPort} from './modern-common.js'

// "interface: outside"
const INTERFACE = /^\s*interface:\s*(\S+)\s*$/
// "peer address: 198.51.100.2"
const PEER_ADDRESS = /^\s*peer address:\s*(\S+)\s*$/
// "There are no ipsec sas" / "There are no ipsec sas for peer 198.51.100.2"
const NO_SAS = /^\s*There are no ipsec sas\b.*$/i
// "    Crypto map tag: CMAP, seq num: 10, local addr: 203.0.113.1"
const MAP_TAG = /^\s*Crypto map tag:\s*([^,]+?),\s*seq num:\s*(\d+),\s*local addr:\s*(\S+)\s*$/
// "      access-list ACL-VPN extended permit ip 10.1.0.0 255.255.0.0 10.2.0.0 255.255.0.0"
const ACCESS_LIST = /^\s*access-list\s+(\S+)(.*)$/
// "      current_peer: 198.51.100.2" / "      current_peer: 198.51.100.77, username: jdoe"
const CURRENT_PEER = /^\s*current_peer:\s*([^,\s]+)(?:,\s*username:\s*(\S+))?\s*$/
// "      dynamic allocated peer ip: 192.168.100.10" / "      dynamic allocated peer ip(ipv6): 0.0.0.0"
const DYNAMIC_PEER_IP = /^\s*(dynamic allocated peer ip(?:\(ipv6\))?):\s*(\S+)\s*$/
// "      local crypto endpt.: 203.0.113.1/4500, remote crypto endpt.: 198.51.100.2/4500"
const ENDPOINTS = /^\s*local crypto endpt\.:\s*(\S+?),\s*remote crypto endpt\.:\s*(\S+)\s*$/
// "      path mtu 1500, ipsec overhead 74(44), media mtu 1500"
const MTU = /^\s*path mtu\s+\d+/
// "      PMTU time remaining (sec): 0, DF policy: copy-df" / "      ICMP error validation: disabled, TFC packets: disabled"
const FLOW_SETTINGS = /^\s*(PMTU time remaining|ICMP error validation)\b.*:/
// "      current outbound spi: 8F3D2C1B" / "      current inbound spi : 5E6F7A8B"
const CURRENT_SPI = /^\s*current (outbound|inbound) spi\s*:\s*(\S+)\s*$/
// "    inbound esp sas:" / "    outbound ah sas:"
const SECTION = /^\s*(inbound|outbound)\s+(esp|ah)\s+sas:\s*$/
// "      spi: 0x5E6F7A8B (1584364171)"
const SPI = /^\s*spi:\s*(0x[0-9a-f]{1,8})\s*(?:\((\d+)\))?\s*$/i
// "         SA State: active"
const SA_STATE = /^\s*SA State:\s*(\S+)\s*$/i
// "         in use settings ={L2L, Tunnel, NAT-T-Encaps, PFS Group 14, IKEv2, }"
const SETTINGS = /^\s*in use settings\s*=\s*(\{.*\})\s*$/
// "         slot: 0, conn_id: 12288, crypto-map: CMAP"
const SLOT = /^\s*slot:\s*\d+,\s*conn_id:/
// "         sa timing: remaining key lifetime (kB/sec): (3914999/28622)" / "(sec): 28622"
const TIMING = /^\s*sa timing:\s*remaining key lifetime \(([^)]*)\):\s*\(?([\d/]+)\)?\s*$/
// "         Anti replay bitmap: " followed by "          0xFFFFFFFF 0xFFFFFFFF"
const BITMAP_START = /^\s*Anti replay bitmap:(.*)$/
// "          0x00000000 0x0000003F"
const BITMAP_WORDS = /^\s*(0x[0-9a-f]{8}\s*)+$/i

/** ASA counter labels that differ from the IOS spelling. */
const ASA_COUNTERS: Record<string, FlowCounterField> = {
  '#pkts comp failed': 'compressFailed',
  '#pkts decomp failed': 'decompressFailed',
}

class AsaIpsecReader {
  readonly acct: LineAccount
  readonly flows: FlowRecord[] = []
  flow: FlowRecord | null = null
  sa: SaRecord | null = null
  section: {direction: 'inbound' | 'outbound'; protocol: 'esp' | 'ah'} | null = null
  iface: {name: string; line: Line} | null = null
  map: {name: string; seq: string; addr: string; line: Line} | null = null
  inBitmap = false
  /** "peer address:" of `show crypto ipsec sa peer X`, copied into every flow. */
  peer: {address: string; line: Line} | null = null

  constructor(lines: Line[], private readonly ctx: ParseContext) {
    this.acct = new LineAccount(lines)
  }

  startFlow(line: Line): FlowRecord {
    const rec = newFlow(this.ctx, line)
    if (this.peer) rec.fields.set('peer address', this.peer.address, this.peer.line)
    if (this.iface) {
      rec.fact.interface = this.iface.name
      rec.fields.set('interface', this.iface.name, this.iface.line)
    }
    if (this.map) {
      rec.fact.cryptoMap = this.map.name
      rec.fact.localAddress = this.map.addr
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
  flowFor(label: string, line: Line): FlowRecord {
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
    if (this.inBitmap && this.sa && BITMAP_WORDS.test(text)) {
      this.sa.fields.set('Anti replay bitmap', text.trim(), line)
      return this.touch(line)
    }
    this.inBitmap = false
    // every pattern starts with a fixed word or character: test only those whose first one fits
    const lead = leadChar(text)
    if ((lead === 'T' || lead === 't') && NO_SAS.test(text)) return this.acct.ignore(line)
    if (lead === 'p' && (m = PEER_ADDRESS.exec(text))) {
      this.peer = {address: m[1], line}
      return this.acct.consume(line)
    }
    if (lead === 'i' && (m = INTERFACE.exec(text))) {
      this.iface = {name: m[1], line}
      this.map = null
      // a new interface: nothing of the previous one's flow, SA or section carries over
      this.flow = this.sa = this.section = null
      return this.acct.consume(line)
    }
    if (lead === 'C' && (m = MAP_TAG.exec(text))) {
      this.map = {name: m[1], seq: m[2], addr: m[3], line}
      this.startFlow(line)
      return this.touch(line)
    }
    if (this.readFlowLine(line, lead)) return
    if (this.readSaLine(line, lead)) return
    this.acct.reject(line, this.sa ? 'unknown line in an SA block' : 'not a line of ASA show crypto ipsec sa')
  }

  /** Flow-level lines (ACL, idents, peer, counters, endpoints, MTU, SPIs, sections). */
  readFlowLine(line: Line, lead: string): boolean {
    const text = line.text
    let m: RegExpExecArray | null
    if (lead === 'a' && (m = ACCESS_LIST.exec(text))) {
      const rec = this.flowFor('access-list', line)
      rec.fields.set('access-list', `${m[1]} ${m[2].trim()}`, line)
      this.touch(line)
      return true
    }
    const ident = lead === 'l' || lead === 'r' ? parseIdentLine(text) : null
    if (ident) {
      const rec = this.flowFor(`${ident.side} ident`, line)
      rec.fields.set(`${ident.side} ident`, ident.value, line)
      if (ident.side === 'local') rec.fact.localIdent = ident.selector
      else rec.fact.remoteIdent = ident.selector
      if (!ident.selector) this.acct.warn(`line ${line.n}: ident ${ident.value} could not be read as addr/mask/prot/port`)
      this.touch(line)
      return true
    }
    if (lead === 'c' && (m = CURRENT_PEER.exec(text))) {
      const rec = this.flowFor('current_peer', line)
      rec.fields.set('current_peer', m[1], line)
      rec.fact.remoteAddress = m[1]
      if (m[2] !== undefined) {
        rec.fields.set('username', m[2], line)
        if (!rec.fact.flags.includes('remote-access')) rec.fact.flags.push('remote-access')
      }
      this.touch(line)
      return true
    }
    if (lead === 'd' && (m = DYNAMIC_PEER_IP.exec(text)) && this.flow) {
      this.flow.fields.set(m[1], m[2], line)
      this.touch(line)
      return true
    }
    // "      #pkts encaps: 1250, #pkts encrypt: 1250, #pkts digest: 1250"
    if (lead === '#') return this.readCounters(line)
    if (lead === 'l' && (m = ENDPOINTS.exec(text))) {
      const rec = this.flowFor('local crypto endpt.', line)
      const local = addressPort(m[1])
      const remote = addressPort(m[2])
      rec.fields.set('local crypto endpt.', m[1], line)
      rec.fields.set('remote crypto endpt.', m[2], line)
      rec.fact.localAddress = local.address
      rec.fact.remoteAddress = remote.address
      rec.fact.remotePort = remote.port
      rec.peerPort = remote.port
      this.touch(line)
      return true
    }
    if ((lead === 'p' && MTU.test(text)) || ((lead === 'P' || lead === 'I') && FLOW_SETTINGS.test(text))) {
      const pairs = splitLabeled(text)
      const rec = this.flowFor(pairs[0].label, line)
      for (const {label, value} of pairs) {
        rec.fields.set(label, value, line)
        if (label === 'path mtu') rec.fact.pathMtu = toInt(value)
        if (label === 'media mtu') rec.fact.mediaMtu = toInt(value)
      }
      this.touch(line)
      return true
    }
    if (lead === 'c' && (m = CURRENT_SPI.exec(text))) {
      const rec = this.flowFor(`current ${m[1]} spi`, line)
      rec.fields.set(`current ${m[1]} spi`, m[2], line)
      if (m[1] === 'outbound') rec.fact.currentOutboundSpi = toSpi(m[2], true)
      this.touch(line)
      return true
    }
    if ((lead === 'i' || lead === 'o') && (m = SECTION.exec(text))) {
      const rec = this.flow ?? this.startFlow(line)
      rec.sawSections = true
      this.section = {direction: m[1] as 'inbound' | 'outbound', protocol: m[2] as 'esp' | 'ah'}
      this.sa = null
      this.touch(line)
      return true
    }
    return false
  }

  readCounters(line: Line): boolean {
    const counters = parseCounterLine(line.text)
    if (!counters) {
      this.acct.reject(line, 'counter line not understood')
      return true
    }
    const rec = this.flowFor(counters[0].label, line)
    for (const c of counters) {
      rec.fields.set(c.label, c.value, line)
      const field = FLOW_COUNTERS[c.label] ?? ASA_COUNTERS[c.label]
      if (field) rec.fact[field] = toInt(c.value)
      else rec.fact.errorCounters[c.label] = Number(c.value)
    }
    this.touch(line)
    return true
  }

  /** SA-level lines: spi, state, settings, slot/conn_id, timing, bitmap and the shared IOS lines. */
  readSaLine(line: Line, lead: string): boolean {
    const text = line.text
    let m: RegExpExecArray | null
    if ((lead === 's' || lead === 'S') && (m = SPI.exec(text))) {
      const section = this.section
      if (!section || !this.flow) {
        this.acct.reject(line, 'SPI without an inbound/outbound section')
        return true
      }
      const rec = this.flow
      const spi = m[2] !== undefined ? Number(m[2]) >>> 0 : (toSpi(m[1], true) ?? 0)
      const sa = newSa(this.ctx, line, section.direction, section.protocol, spi)
      sa.fields.set('spi', text.trim().replace(/^spi:\s*/, ''), line)
      sa.fact.state = 'active'
      sa.fact.type = 'dynamic'
      rec.sas.push(sa)
      this.sa = sa
      this.touch(line)
      return true
    }
    const sa = this.sa
    if (!sa) return false
    if ((lead === 'S' || lead === 's') && (m = SA_STATE.exec(text))) {
      sa.fields.set('SA State', m[1], line)
      sa.fact.state = /^active$/i.test(m[1]) ? 'active' : 'unknown'
    } else if (lead === 'i' && (m = SETTINGS.exec(text))) {
      this.readSettings(sa, m[1], line)
    } else if (lead === 's' && SLOT.test(text)) {
      for (const {label, value} of splitLabeled(text)) {
        sa.fields.set(label, value, line)
        if (label === 'conn_id') sa.fact.connId = toInt(value)
      }
    } else if (lead === 's' && (m = TIMING.exec(text))) {
      sa.fields.set('sa timing', text.trim().replace(/^sa timing:\s*/, ''), line)
      const values = m[2].split('/')
      m[1].split('/').forEach((unit, i) => {
        if (/^k/i.test(unit)) sa.fact.lifetimeRemainingKb = toInt(values[i])
        if (/^sec/i.test(unit)) sa.fact.lifetimeRemainingSec = toInt(values[i])
      })
    } else if (lead === 'A' && (m = BITMAP_START.exec(text))) {
      if (m[1].trim() !== '') sa.fields.set('Anti replay bitmap', m[1].trim(), line)
      this.inBitmap = true
    } else if (!applySaLine(sa, line)) {
      return false
    }
    this.touch(line)
    return true
  }

  readSettings(sa: SaRecord, settings: string, line: Line): void {
    sa.fields.set('in use settings', settings, line)
    const items = settings.slice(1, -1).split(',').map((x) => x.trim()).filter((x) => x !== '')
    if (items.some((x) => /^tunnel$/i.test(x))) sa.fact.mode = 'tunnel'
    else if (items.some((x) => /^transport$/i.test(x))) sa.fact.mode = 'transport'
    sa.fact.natT = items.some((x) => /^(NAT-T|UDP)-Encaps$/i.test(x))
    const flow = this.flow
    if (!flow) return
    // "PFS Group 14"
    const pfs = items.map((x) => /^PFS Group\s*(\d+)$/i.exec(x)).find((x) => x !== null)
    flow.fact.pfs = pfs !== undefined
    if (pfs) flow.fact.dhGroup = Number(pfs[1])
    // "L2L" / "RA" (same words as the ikeSa flags of the ASA IKEv1 parser) and the IKE version
    for (const item of items) {
      const flag = /^ra$/i.test(item) ? 'remote-access' : item.toLowerCase()
      if (/^(l2l|remote-access|ikev1|ikev2)$/.test(flag) && !flow.fact.flags.includes(flag)) flow.fact.flags.push(flag)
    }
  }

  finish(): ParseResult {
    const ids = new IdRegistry()
    for (const rec of this.flows) {
      const f = rec.fact
      const where = f.interface ?? '-'
      if (f.localIdent || f.remoteIdent) f.id = ids.unique(`flow:${where}:${selectorKey(f.localIdent)}->${selectorKey(f.remoteIdent)}`)
      else f.id = ids.unique(`flow:${where}:peer:${f.remoteAddress ?? '?'}`)
      f.saCount = rec.sas.length
      if (rec.sas.length > 0 || (f.currentOutboundSpi ?? 0) > 0) f.state = 'up'
      else if (f.currentOutboundSpi === 0 || rec.sawSections) f.state = 'down'
      if (rec.peerPort === 4500 || rec.sas.some((s) => s.fact.natT === true)) f.natT = true
      else if (rec.peerPort !== null || rec.sas.length > 0) f.natT = false
      this.acct.add(f)
      for (const sa of rec.sas) {
        sa.fact.flowId = f.id
        sa.fact.remoteAddress = f.remoteAddress
        if (rec.peerPort === 4500) sa.fact.natT = true
        // AEAD transforms print "esp-null-hmac": the cipher carries integrity, so none is not a weakness
        if (sa.fact.encryption?.endsWith('-gcm') && sa.fact.integrity === 'none') sa.fact.integrity = null
        sa.fact.id = ids.unique(`sa:${sa.fact.direction}:${sa.fact.protocol}:${spiHex(sa.fact.spi)}`)
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
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    if (leadChar(line.text) === '') reader.acct.ignore(line)
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
      [MAP_TAG, /^\s*#TFC rcvd:/, /ipsec overhead/, /^\s*in use settings\s*=\{(L2L|RA)\b/, /^\s*current inbound spi\s*:/],
      [CURRENT_PEER, ENDPOINTS, SECTION, NO_SAS],
    )
  },
  parse,
}
