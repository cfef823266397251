/**
 * Text of `show security ipsec security-associations [detail]` (SRX) and `show services ipsec-vpn ipsec
 * security-associations [detail]` (MX): tunnel tables, tunnel blocks ("ID: 131073 ..." or "Rule: r,
 * Term: t, Tunnel index: 1"), per-direction SA blocks. Flows are keyed by tunnel id so the table, the
 * detail and the inactive-tunnels output of one tunnel share the flow id. The tunnel table rows are
 * read in ipsec-sa-table.ts.
 */
import type {IpsecFlow, IpsecSa, TrafficSelector} from '../../model/index.js'
import {LineAccount, toInt, toSpi} from '../account.js'
import {addressKind} from '../../reading/address.js'
import {splitFieldsAnywhere} from './fields.js'
import type {Line, ParseContext} from '../types.js'
import {dhGroupOf, expiresIn, extend, newIpsecSa, normalizeEncryption, normalizeIntegrity} from './srx-common.js'
import {cutShort} from './finish.js'
import {FlowSet, readTableRow, saId, tableColumns, type TableColumn} from './ipsec-sa-table.js'
import {rawHas, rawSet} from '../../model/raw.js'

export {FlowSet, addTableRow, flowId, saId, type SaRow} from './ipsec-sa-table.js'

/** "ipv4_subnet(any:0,[0..7]=10.1.0.0/16)" / "ipv4(any:0,[0..7]=192.0.2.1)" -> selector. */
export function parseIdentity(text: string): TrafficSelector | null {
  // "ipv4_subnet(any:0,[0..7]=10.1.0.0/16)", "ipv6_subnet(tcp:80,[0..15]=2001:db8::/32)"
  const m = /^ipv[46](?:_subnet|_single|_addr)?\((\w+):(\d+),\[[^\]]*\]=([^/()]+)(?:\/(\d+))?\)$/.exec(text.trim())
  if (!m || addressKind(m[3]) === null) return null
  const proto = m[1].toLowerCase()
  // protocol part of "ipv4_subnet(tcp:80,...)": any, tcp, udp, icmp or a number like "47"
  const protoNum = proto === 'any' ? 0 : proto === 'tcp' ? 6 : proto === 'udp' ? 17 : proto === 'icmp' ? 1 : /^\d+$/.test(proto) ? Number(proto) : null
  const full = m[3].includes(':') ? 128 : 32
  return {address: m[3], prefixLength: m[4] ? Number(m[4]) : full, protocol: protoNum, port: Number(m[2])}
}

function applyFlowPair(flow: IpsecFlow, key: string, value: string, line: Line): void {
  rawSet(flow.raw, key, value, line)
  const k = key.toLowerCase()
  if (k === 'local gateway') flow.localAddress = value
  else if (k === 'remote gateway') flow.remoteAddress = value
  else if (k === 'local identity') flow.localIdent = parseIdentity(value)
  else if (k === 'remote identity') flow.remoteIdent = parseIdentity(value)
  else if (k === 'bind-interface' || k === 'ipsec inside interface') flow.interface = value
  else if (k === 'vpn name') flow.name = value
  else if (k === 'tunnel mtu') flow.ipMtu = toInt(value)
  else if (k === 'port' || k === 'udp destination port') {
    const port = toInt(value)
    if (port !== null && port !== 0) {
      flow.remotePort = port
      flow.natT = port === 4500
    }
  } else if (k === 'pfs group') {
    // "PFS group: DH-group-14" / "PFS group: N/A" (recent SRX detail, tunnel part)
    flow.dhGroup = dhGroupOf(value)
    flow.pfs = flow.dhGroup !== null ? true : /^(?:n\/a|none|disabled?)$/i.test(value) ? false : null
  } else if (k === 'udp encapsulate') {
    // "UDP encapsulate: Enabled" / "Disabled"
    if (/enabled/i.test(value)) flow.natT = true
    else if (/disabled/i.test(value) && flow.natT === null) flow.natT = false
  }
}

function applySaPair(sa: IpsecSa, key: string, value: string, line: Line): void {
  rawSet(sa.raw, key, value, line)
  const k = key.toLowerCase()
  if (k === 'hard lifetime') {
    sa.hardLifetimeRemainingSec = expiresIn(value)
    sa.lifetimeRemainingSec = sa.hardLifetimeRemainingSec
  } else if (k === 'soft lifetime') {
    sa.softLifetimeRemainingSec = expiresIn(value)
    // "Soft lifetime: Expired" / "Expires in 2703 seconds"
    sa.softLifetimeExpired = /expired/i.test(value) ? true : sa.softLifetimeRemainingSec !== null ? false : null
  } else if (k === 'lifesize remaining') {
    // "4607899 kilobytes" / "Unlimited"
    sa.lifetimeRemainingKb = toInt(/^(\d+)/.exec(value)?.[1])
  }
  // "Mode: Tunnel(0 0), Type: dynamic, State: installed", "Protocol: ESP", "Anti-replay service: counter-based enabled"
  else if (k === 'mode') sa.mode = /^tunnel/i.test(value) ? 'tunnel' : /^transport/i.test(value) ? 'transport' : null
  else if (k === 'type') sa.type = /^dynamic/i.test(value) ? 'dynamic' : /^manual/i.test(value) ? 'manual' : null
  else if (k === 'state') sa.state = /^installed/i.test(value) ? 'installed' : /not.installed/i.test(value) ? 'not-installed' : 'unknown'
  else if (k === 'protocol') sa.protocol = /^ah/i.test(value) ? 'ah' : 'esp'
  else if (k === 'authentication') sa.integrity = normalizeIntegrity(value)
  else if (k === 'encryption') sa.encryption = normalizeEncryption(value)
  else if (k === 'anti-replay service') sa.antiReplay = /enabled/i.test(value) ? true : /disabled/i.test(value) ? false : null
  else if (k === 'replay window size') sa.replayWindow = toInt(value)
}

interface Block {
  tunnel: string
  sa: IpsecSa | null
  inEvents: boolean
  events: number
  /** Built from lines a filter left without their "ID:" line. */
  headless: boolean
}

/** SA-level labels of the detail output (a filtered line with one of them and no open SA starts one). */
const SA_LABELS = new Set(['hard lifetime', 'soft lifetime', 'lifesize remaining', 'mode', 'type', 'state', 'protocol', 'authentication',
  'encryption', 'anti-replay service', 'replay window size', 'vpn monitoring'])

// "Mon Nov 23 2026 09:50:12: IKE SA negotiation successfully completed (2 times)",
// "Tue Nov 03 2015 01:24:27 -0800: Peer's IKE-ID validation failed during negotiation (1 times)"
const EVENT = /^(\w{3} \w{3} \d+ \d{4} \d\d:\d\d:\d\d(?: [-+]\d{4}| [A-Z]{2,5})?): (.*)$/

/**
 * Parses either command's text into `acct`. `spiHex`: SRX prints SPIs in hex, MX services in decimal
 * (0x-prefixed SPIs are hex either way).
 */
export function parseIpsecSaText(lines: Line[], ctx: ParseContext, acct: LineAccount, spiHex: boolean, inactive = false): void {
  const set = new FlowSet(ctx)
  let table: TableColumn[] | null = null
  let dirTable = false
  let block: Block | null = null
  let serviceSet: {value: string; line: Line; pairs: Array<{label: string; value: string}>} | null = null
  let headless = 0
  const labelsOf = new Map<IpsecSa, Set<string>>()
  const startSa = (b: Block, direction: 'inbound' | 'outbound', spi: number, spiText: string | null, line: Line): IpsecSa => {
    const sa = newIpsecSa(ctx, spiText === null ? `${saId(ctx, b.tunnel, direction, 0)}:unknown` : saId(ctx, b.tunnel, direction, spi), line.n, line.n)
    sa.direction = direction
    sa.spi = spi
    // a headless SA (its "Direction:" line filtered out) prints neither: its direction is the order's guess
    if (spiText !== null) {
      rawSet(sa.raw, 'Direction', direction, line)
      rawSet(sa.raw, 'SPI', spiText, line)
    } else sa.partial = true
    labelsOf.set(sa, new Set(['direction']))
    set.addSa(b.tunnel, sa)
    b.inEvents = false
    return sa
  }
  for (const line of lines) {
    const text = line.text
    // "node0:" / "-----" / "{primary:node0}" (cluster decoration) / blank
    if (text === '' || /^(?:node\d+:|-{5,}|\{[\w:-]+\})$/.test(text)) {
      acct.ignore(line)
      continue
    }
    // "Total active tunnels: 1 Total Ipsec sas: 2" (summary counts, derivable from the rows; a trimmed
    // table may show fewer rows)
    if (/^Total (?:active tunnels|ipsec sas)/i.test(text)) {
      acct.ignore(line)
      continue
    }
    // "Service set: sset-1, IKE Routing-instance: default"
    const ss = /^Service set: ([^,\s]+)/.exec(text)
    if (ss) {
      serviceSet = {value: ss[1], line, pairs: splitFieldsAnywhere(text)}
      block = null
      table = null
      acct.consume(line)
      continue
    }
    // "ID: 131073 Virtual-system: root, VPN Name: vpn-hq" / "Rule: r1, Term: t1, Tunnel index: 1"
    const idLine = /^ID: (\d+) ?(.*)$/.exec(text)
    const ruleLine = /^Rule: ([^,]+), Term: ([^,]+), Tunnel index: (\d+)/.exec(text)
    if (idLine || ruleLine) {
      const index = idLine ? idLine[1] : ruleLine![3]
      // MX tunnel indexes restart per service set: key "sset-hq:1"
      const tunnel = serviceSet ? `${serviceSet.value}:${index}` : index
      const {flow} = set.flow(tunnel, line.n)
      rawSet(flow.raw, idLine ? 'ID' : 'Tunnel index', index, line)
      // "Virtual-system: root, VPN Name: vpn-hq"
      if (idLine) for (const p of splitFieldsAnywhere(idLine[2])) applyFlowPair(flow, p.label, p.value, line)
      else {
        rawSet(flow.raw, 'Rule', ruleLine![1].trim(), line)
        rawSet(flow.raw, 'Term', ruleLine![2].trim(), line)
      }
      if (serviceSet) putServiceSet(flow, serviceSet)
      block = {tunnel, sa: null, inEvents: false, events: 0, headless: false}
      table = null
      dirTable = false
      acct.consume(line)
      continue
    }
    const header = tableColumns(text)
    if (header) {
      table = header
      block = null
      acct.ignore(line)
      continue
    }
    // "Direction SPI AUX-SPI Mode Type Protocol" (MX services SA table)
    if (block && /^Direction SPI AUX-SPI/.test(text)) {
      dirTable = true
      acct.ignore(line)
      continue
    }
    // "<131073 ESP:aes-cbc-128/sha1 2d5bf1c2 3363/ unlim - root 500 192.0.2.2"
    if (table || (!block && /^[<>]\d+ (?:ESP|AH):/.test(text))) {
      readTableRow(set, table, line, acct)
      continue
    }
    // "Direction: inbound, SPI: 0x2d5bf1c2, AUX-SPI: 0" / "inbound 2179186311 0 tunnel dynamic ESP"
    const dirRow = block && dirTable ? /^(inbound|outbound) (\S+) (\S+) (\S+) (\S+) (\S+)$/.exec(text) : null
    const dirHead = /^Direction: (inbound|outbound) ?, SPI: (\S+?) ?,/.exec(text)
    if (dirRow || dirHead) {
      const [, direction, spiText] = (dirRow ?? dirHead)! as unknown as [string, 'inbound' | 'outbound', string]
      const spi = toSpi(spiText, spiHex)
      if (spi === null) {
        acct.reject(line, `SPI "${spiText}" is not a 32-bit number`)
        if (block) block.sa = null
        continue
      }
      block ??= openHeadless(++headless, line)
      const sa = startSa(block, direction, spi, spiText, line)
      if (dirRow) {
        rawSet(sa.raw, 'AUX-SPI', dirRow[3], line)
        applySaPair(sa, 'Mode', dirRow[4], line)
        applySaPair(sa, 'Type', dirRow[5], line)
        applySaPair(sa, 'Protocol', dirRow[6], line)
        sa.state = 'active'
        block.sa = null
      } else {
        for (const p of splitFieldsAnywhere(text).slice(2)) applySaPair(sa, p.label, p.value, line)
        block.sa = sa
      }
      acct.consume(line)
      continue
    }
    // "Tunnel events:" (a section header: its values are the event lines below)
    if (/^Tunnel events:$/.test(text)) {
      if (block) block.inEvents = true
      acct.ignore(line)
      continue
    }
    const ev = EVENT.exec(text)
    // an event line is one wherever it stands ("Tunnel events:" may be filtered out)
    if (ev) {
      block ??= openHeadless(++headless, line)
      block.inEvents = true
      const {flow} = set.flow(block.tunnel, line.n)
      block.events++
      rawSet(flow.raw, `Tunnel event ${block.events}`, `${ev[1]}: ${ev[2]}`, line)
      // "(2 times)" counts a repeated event; the newest events come first
      const times = /\((\d+) times?\)$/.exec(ev[2])
      const what = ev[2].replace(/ ?\(\d+ times?\)$/, '')
      flow.errorCounters[`event: ${what}`] = (flow.errorCounters[`event: ${what}`] ?? 0) + (times ? Number(times[1]) : 1)
      acct.consume(line)
      continue
    }
    // "Repeated the above sequence 3 times" style markers are kept with the events
    if (block?.inEvents && /^(?:repeated|\()/i.test(text)) {
      block.events++
      rawSet(set.flow(block.tunnel, line.n).flow.raw, `Tunnel event ${block.events}`, text, line)
      acct.consume(line)
      continue
    }
    // "Port: 500, Nego#: 2, Fail#: 0, Def-Del#: 0 Flag: 0x600a29": "Flag:" follows without a comma
    const pairs = splitFieldsAnywhere(text.includes(' Flag:') ? text.replace(/(\d) (Flag:)/, '$1, $2') : text)
    if (pairs.length === 0) {
      acct.reject(line, block ? 'not a "Label: value" line inside a tunnel block' : 'outside any tunnel table or tunnel block')
      continue
    }
    const first = pairs[0].label.toLowerCase()
    // a filter left this line alone: a headless tunnel, and a new one when a tunnel label repeats
    if (!block || (block.headless && !SA_LABELS.has(first) && rawHas(set.flow(block.tunnel, line.n).flow.raw, pairs[0].label))) block = openHeadless(++headless, line)
    block.inEvents = false
    const {flow} = set.flow(block.tunnel, line.n)
    let sa = block.sa
    // an SA line whose "Direction:" line was filtered out: SRX prints inbound, then outbound
    if (SA_LABELS.has(first) && (!sa || (block.headless && labelsOf.get(sa)?.has(first)))) {
      const before = set.flows.get(block.tunnel)?.sas.length ?? 0
      sa = block.sa = startSa(block, before % 2 === 0 ? 'inbound' : 'outbound', 0, null, line)
    }
    for (const p of pairs) {
      const key = p.label.toLowerCase()
      // kept in raw either way; a label no list knows is said, never dropped in silence
      if (!SA_LABELS.has(key) && !FLOW_LABELS.has(key) && !RAW_ONLY.has(key)) acct.warn(`line ${line.n}: label "${p.label}" not understood (kept as printed)`)
      if (sa && (SA_LABELS.has(key) || !FLOW_LABELS.has(key))) {
        applySaPair(sa, p.label, p.value, line)
        labelsOf.get(sa)?.add(key)
      } else applyFlowPair(flow, p.label, p.value, line)
    }
    if (sa) extend(sa, line)
    acct.consume(line)
  }
  markCut(set, labelsOf, inactive)
  set.emit(acct)

  function openHeadless(n: number, line: Line): Block {
    const tunnel = `${serviceSet ? `${serviceSet.value}:` : ''}filtered-${n}`
    const {flow} = set.flow(tunnel, line.n)
    flow.partial = true
    if (serviceSet) putServiceSet(flow, serviceSet)
    return {tunnel, sa: null, inEvents: false, events: 0, headless: true}
  }
}

/** "Service set: sset-1, IKE Routing-instance: default" on each tunnel of the service set. */
function putServiceSet(flow: IpsecFlow, ss: {value: string; line: Line; pairs: Array<{label: string; value: string}>}): void {
  rawSet(flow.raw, 'Service set', ss.value, ss.line)
  for (const p of ss.pairs.slice(1)) rawSet(flow.raw, p.label, p.value, ss.line)
}

/**
 * Labels of recent SRX detail output the model has no field for: kept in raw, the line is understood.
 * "Location: FPC 0, PIC 0, KMD-Instance 0", "Anchorship: Thread 1", "Distribution-Profile: default-profile",
 * "Traffic Selector Name: ts-any", "TS Type: traffic-selector", "Policy-name: ", "IKE SA Index: 16777219",
 * "Extended-Sequence-Number: Disabled", "tunnel-establishment: establish-tunnels-immediately", "AUX-SPI: 0",
 * "Last Tunnel Down Reason: SA not initiated" (an up tunnel's history), "SRG ID: 0"
 */
const RAW_ONLY = new Set(['location', 'pic', 'kmd-instance', 'anchorship', 'distribution-profile', 'traffic selector name', 'ts type', 'policy-name',
  'ike sa index', 'extended-sequence-number', 'tunnel-establishment', 'aux-spi', 'ike routing-instance', 'multi-sa', 'configured sas#',
  'copy-outer-dscp', 'fc name', 'tunnel down reason', 'last tunnel down reason', 'srg id'])

/** Labels of the tunnel (flow) part of a detail block. */
const FLOW_LABELS = new Set(['local gateway', 'remote gateway', 'local identity', 'remote identity', 'version', 'df-bit', 'bind-interface',
  'port', 'nego#', 'fail#', 'def-del#', 'flag', 'negotiated sas#', 'virtual-system', 'vpn name', 'tunnel mtu', 'ipsec inside interface',
  'udp encapsulate', 'udp destination port', 'pfs group'])

/**
 * The output ends in the last tunnel: it was cut when it shows one direction only, or when its last
 * detail SA lacks a label the SA before it printed (or, alone, the anti-replay line that ends a block).
 */
function markCut(set: FlowSet, labelsOf: Map<IpsecSa, Set<string>>, inactive: boolean): void {
  const last = [...set.flows.values()].at(-1)
  if (!last) return
  const {flow, sas} = last
  // inactive tunnels have no SAs; their blocks end with "Tunnel Down Reason:"
  if (inactive) {
    if (!flow.raw.labels.some((k) => /reason$/i.test(k))) flow.partial = true
    return
  }
  const oneWay = !(sas.some((s) => s.direction === 'inbound') && sas.some((s) => s.direction === 'outbound'))
  const lastSa = sas.at(-1)
  const labels = lastSa ? labelsOf.get(lastSa) : undefined
  if (lastSa && labels) {
    const previous = sas.length > 1 ? new Set(labelsOf.get(sas[sas.length - 2])) : null
    // "Anti-replay service: disabled" comes without a window size
    if (lastSa.antiReplay === false) previous?.delete('replay window size')
    if (cutShort(labels, previous, ['anti-replay service'])) lastSa.partial = true
  }
  if (oneWay || sas.some((s) => s.partial)) flow.partial = true
}
