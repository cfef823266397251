/**
 * Building blocks of the IOS `show crypto ipsec sa` parser: empty flow/SA records, counter labels,
 * and the per-line readers of an SA block. Exported for the IOS-XE/ASA parsers, which print the
 * same counter and SA lines.
 */
import type {IpsecFlow, IpsecSa, RawField} from '../../model/index.js'
import {eachCommaPart, internLabel, isDigitRun, rememberedByText, toInt, toSpi} from '../account.js'
import type {Line, ParseContext} from '../types.js'
import {newIpsecFlow, newIpsecSa} from '../skeletons.js'
import {normalizeTransform} from './algorithms.js'
import {RawFields, splitLabeled} from './common.js'

export type FlowCounterField =
  | 'encaps' | 'encrypt' | 'digest' | 'decaps' | 'decrypt' | 'verify' | 'compressed' | 'decompressed'
  | 'notCompressed' | 'compressFailed' | 'decompressFailed' | 'sendErrors' | 'recvErrors'

/** Counter label (normalized: one leading "#", no colon) -> flow field. Other labels go to errorCounters. */
export const FLOW_COUNTERS: Record<string, FlowCounterField> = {
  '#pkts encaps': 'encaps',
  '#pkts encrypt': 'encrypt',
  '#pkts digest': 'digest',
  '#pkts decaps': 'decaps',
  '#pkts decrypt': 'decrypt',
  '#pkts verify': 'verify',
  '#pkts compressed': 'compressed',
  '#pkts decompressed': 'decompressed',
  '#pkts not compressed': 'notCompressed',
  '#pkts compr. failed': 'compressFailed',
  '#pkts decompress failed': 'decompressFailed',
  '#send errors': 'sendErrors',
  '#recv errors': 'recvErrors',
}

export interface Counter {
  label: string
  value: string
}

/**
 * Splits a counter line into labelled counters, or null if any segment is not a counter:
 * "#pkts encaps: 466, #pkts encrypt: 466, #pkts digest 466", "##pkts replay failed (rcv): 0",
 * "#pkts no sa (send) 0, #pkts invalid sa (rcv) 0".
 *
 * Scanned by hand (five such lines per flow): eachCommaPart cuts the segments, counterAt reads each one.
 */
export function parseCounterLine(text: string): Counter[] | null {
  const out: Counter[] = []
  const complete = eachCommaPart(text, (a, b) => {
    const c = counterAt(text, a, b)
    if (c) out.push(c)
    return c !== null
  })
  return complete && out.length > 0 ? out : null
}

/**
 * "#pkts verify: 0" (text[a, b), trimmed) -> {label: "#pkts verify", value: "0"}: leading #s, a label,
 * an optional colon, a blank or tab, digits. Null when the segment is not a counter.
 */
function counterAt(text: string, a: number, b: number): Counter | null {
  let i = a
  while (i < b && text.charCodeAt(i) === 35 /* # */) i++
  if (i === a) return null
  // the value is the word after the last blank or tab
  let gap = b - 1
  while (gap >= a && text.charCodeAt(gap) !== 32 && text.charCodeAt(gap) !== 9) gap--
  if (gap < i || !isDigitRun(text, gap + 1, b)) return null
  return {label: counterLabelAt(text, i, gap), value: text.slice(gap + 1, b)}
}

/**
 * The spellings IOS prints after the #s, each with its canonical label: a counter whose text
 * text[i, gap) is one of them needs neither a substring nor a hash lookup (thirteen per flow).
 */
const PRINTED_COUNTERS: readonly (readonly [printed: string, label: string])[] = Object.keys(FLOW_COUNTERS).flatMap((label) => {
  const words = label.slice(1)
  return [[`${words}:`, label], [words, label]] as const
})

/** Canonical label of the counter label text[i, gap) (after the #s, up to the blank before the value). */
function counterLabelAt(text: string, i: number, gap: number): string {
  const length = gap - i
  for (let k = 0; k < PRINTED_COUNTERS.length; k++) {
    const [printed, label] = PRINTED_COUNTERS[k]
    if (printed.length === length && text.startsWith(printed, i)) return label
  }
  return counterLabel(text.slice(i, gap))
}

/** Label text as printed after the #s ("pkts encaps:", "send errors") -> canonical label, remembered. */
const counterLabel = rememberedByText((printed: string): string => {
  let label = printed.trimEnd()
  if (label.endsWith(':')) label = label.slice(0, -1).trimEnd()
  return internLabel(`#${label}`)
})

export interface FlowRecord {
  fact: IpsecFlow
  fields: RawFields
  sas: SaRecord[]
  /** A section header ("inbound esp sas:") was seen, so an empty SA list is meaningful. */
  sawSections: boolean
  peerPort: number | null
}

export interface SaRecord {
  fact: IpsecSa
  fields: RawFields
  hasTransform: boolean
}

/**
 * Raw-field labels of an IOS flow in the order `show crypto ipsec sa` prints them (with and without
 * the port of "current_peer 172.22.1.4 port 500"). V8 keeps an object filled by computed keys in its
 * fast (hidden-class) form only up to about 16 keys, unless that sequence of keys already exists in
 * fast form: a flow has 26 raw fields, so each flow's raw map became a hash table (twice the memory,
 * slower stores and more garbage collection). Object.fromEntries builds fast objects, so keeping one
 * object per sequence here lays the sequences down; the raw maps of flows that print their
 * fields in one of these orders follow them. The objects and their contents are the same either way.
 */
const IOS_FLOW_LABELS = {
  head: ['interface', 'Crypto map tag', 'local addr', 'local ident', 'remote ident', 'current_peer'],
  tail: [
    'action', 'flags', ...Object.keys(FLOW_COUNTERS), 'local crypto endpt.', 'remote crypto endpt.', 'path mtu', 'media mtu',
    'current outbound spi',
  ],
}
/** Kept for the module's lifetime: V8 forgets a key sequence once no object uses it. */
export const IOS_FLOW_SHAPES = [
  [...IOS_FLOW_LABELS.head, ...IOS_FLOW_LABELS.tail], [...IOS_FLOW_LABELS.head, 'port', ...IOS_FLOW_LABELS.tail],
].map((labels) => Object.fromEntries(labels.map((label, i): [string, RawField] => [label, {value: '', line: i}])))

export function newFlow(ctx: ParseContext, line: Line): FlowRecord {
  const fields = new RawFields()
  const fact = newIpsecFlow(ctx, '', line.n, line.n, fields.fields)
  return {fact, fields, sas: [], sawSections: false, peerPort: null}
}

export function newSa(
  ctx: ParseContext, line: Line, direction: IpsecSa['direction'], protocol: IpsecSa['protocol'], spi: number,
): SaRecord {
  const fields = new RawFields()
  const fact = newIpsecSa(ctx, '', line.n, line.n, fields.fields)
  fact.direction = direction
  fact.protocol = protocol
  fact.spi = spi
  fact.state = 'installed'
  return {fact, fields, hasTransform: false}
}

/** "0x5A48ACC4" style for ids. */
export function spiHex(spi: number): string {
  // an SPI is an unsigned 32-bit number (toSpi), so four bytes give the eight digits
  // toString(16).toUpperCase().padStart(8, '0') gives, without the three intermediate strings
  if (spi >= 0 && spi <= 0xffffffff && Number.isInteger(spi)) {
    return `0x${HEX_BYTES[spi >>> 24]}${HEX_BYTES[(spi >>> 16) & 255]}${HEX_BYTES[(spi >>> 8) & 255]}${HEX_BYTES[spi & 255]}`
  }
  return `0x${spi.toString(16).toUpperCase().padStart(8, '0')}`
}

/** "00" ... "FF" */
const HEX_BYTES = Array.from({length: 256}, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'))

/** Reads "spi: 0x5A48ACC4(1514712260)" -> SPI text and value. */
export function parseSpiLine(text: string): {text: string; spi: number} | null {
  // "      spi: 0x5A48ACC4(1514712260)"
  const m = /^\s*spi:\s*(\S+)\s*$/.exec(text)
  if (!m) return null
  const spi = toSpi(m[1], true)
  return spi === null ? null : {text: m[1], spi}
}

// "transform: esp-3des esp-sha-hmac ,"
const SA_TRANSFORM = /^transform:\s*(.*)$/
// "in use settings ={Tunnel UDP-Encaps, }"
const SA_SETTINGS = /^in use settings\s*=\s*(\{.*\})\s*$/
// "slot: 0, conn id: 2000, flow_id: 1, crypto map: TUNNELMAP" / "conn id: 2001, flow_id: SW:1, sibling_flags 80000040, crypto map: VPN"
const SA_CONN = /^(slot:|conn id:)/
// "sa timing: remaining key lifetime (k/sec): (4606612/3392)" / "(sec): (3392)"
const SA_TIMING = /^sa timing:\s*remaining key lifetime \(([^)]*)\):\s*\(([^)]*)\)\s*$/
/** "k/sec".split('/'), the units nearly every SA prints (only read). */
const K_SEC: readonly string[] = ['k', 'sec']
// "Kilobyte Volume Rekey has been disabled"
const SA_KB_REKEY = /^Kilobyte Volume Rekey has been disabled$/i
// "IV size: 8 bytes"
const SA_IV = /^IV size:\s*(\d+)\s*bytes?$/
// "replay detection support: Y" / "replay detection support: Y  replay window size: 64"
const SA_REPLAY = /^replay detection support:\s*([YN])(?:\s+replay window size:\s*(\d+))?$/
// "Status: ACTIVE(ACTIVE)" / "Status: ACTIVE"
const SA_STATUS = /^Status:\s*(\S.*)$/
// other SA fields of newer trains, kept as raw: "ike_cookies: 9263635C CA4B4E99 C14E908E 8EE2D79C",
// "HA last key lifetime sent(k): (4374195)"
const SA_OTHER = /^([A-Za-z_][\w ()/.-]*?)\s*:\s*(\S.*)$/

/**
 * Transforms and settings by printed text: every SA prints one of a few ("esp-aes esp-sha-hmac",
 * "{Tunnel, }"), so each is read once, and the first copy of its text is what the raw fields keep
 * (thousands of equal strings would otherwise survive in the facts).
 */
interface Transform {
  printed: string
  encryption: string | null
  integrity: string | null
}

const transformOf = rememberedByText((printed: string): Transform => ({printed, ...normalizeTransform(printed)}))

interface Settings {
  printed: string
  /** null when the settings name neither mode (the SA keeps what it had). */
  mode: 'tunnel' | 'transport' | null
  natT: boolean
}

/** "{Tunnel, }" / "{Transport, }" / "{Tunnel UDP-Encaps, }" -> mode and NAT-T. */
const settingsOf = rememberedByText((printed: string): Settings => ({
  printed,
  // "{Tunnel, }" / "{Transport, }" / "{Tunnel UDP-Encaps, }"
  mode: /\btunnel\b/i.test(printed) ? 'tunnel' : /\btransport\b/i.test(printed) ? 'transport' : null,
  natT: /UDP-Encaps/i.test(printed),
}))

/**
 * Applies one line of an SA block to the SA; false when the line is not an SA line.
 * Lines: transform, in use settings, slot/conn id/flow_id/crypto map, sa timing, Kilobyte Volume
 * Rekey, IV size, replay detection support, Status. Each pattern starts with a fixed word, so the
 * first letter decides which ones are tried.
 */
export function applySaLine(sa: SaRecord, line: Line): boolean {
  const text = line.text.trim()
  const lead = text.charAt(0)
  const f = sa.fact
  let m = lead === 't' ? SA_TRANSFORM.exec(text) : null
  if (m) {
    // drop the trailing " ," IOS prints after the last transform
    let value = m[1].trimEnd()
    if (value.endsWith(',')) value = value.slice(0, -1).trimEnd()
    const transform = transformOf(value)
    f.transform = transform.printed
    f.encryption = transform.encryption
    f.integrity = transform.integrity
    sa.fields.setInterned('transform', transform.printed, line)
    sa.hasTransform = true
    return true
  }
  m = lead === 'i' ? SA_SETTINGS.exec(text) : null
  if (m) {
    const settings = settingsOf(m[1])
    sa.fields.setInterned('in use settings', settings.printed, line)
    if (settings.mode !== null) f.mode = settings.mode
    f.natT = settings.natT
    return true
  }
  if ((lead === 's' || lead === 'c') && SA_CONN.test(text)) {
    for (const {label, value} of splitLabeled(text)) {
      if (value === '') return false
      sa.fields.set(label, value, line)
      if (label === 'conn id') f.connId = toInt(value)
    }
    return true
  }
  m = lead === 's' ? SA_TIMING.exec(text) : null
  if (m) {
    sa.fields.setInterned('sa timing', `remaining key lifetime (${m[1]}): (${m[2]})`, line)
    const units = m[1] === 'k/sec' ? K_SEC : m[1].split('/')
    const values = m[2].split('/')
    for (let i = 0; i < units.length; i++) {
      if (units[i] === 'k') f.lifetimeRemainingKb = toInt(values[i])
      if (units[i] === 'sec') f.lifetimeRemainingSec = toInt(values[i])
    }
    return true
  }
  if ((lead === 'K' || lead === 'k') && SA_KB_REKEY.test(text)) {
    sa.fields.setInterned('Kilobyte Volume Rekey', 'disabled', line)
    return true
  }
  m = lead === 'I' ? SA_IV.exec(text) : null
  if (m) {
    sa.fields.setInterned('IV size', m[1], line)
    f.ivSizeBytes = Number(m[1])
    return true
  }
  m = lead === 'r' ? SA_REPLAY.exec(text) : null
  if (m) {
    sa.fields.setInterned('replay detection support', m[1], line)
    f.antiReplay = m[1] === 'Y'
    if (m[2] !== undefined) {
      sa.fields.setInterned('replay window size', m[2], line)
      f.replayWindow = Number(m[2])
    }
    return true
  }
  m = lead === 'S' ? SA_STATUS.exec(text) : null
  if (m) {
    sa.fields.setInterned('Status', m[1], line)
    // "ACTIVE(ACTIVE)"
    f.state = /^ACTIVE/i.test(m[1]) ? 'active' : 'unknown'
    return true
  }
  m = text.includes(':') ? SA_OTHER.exec(text) : null
  if (m) {
    sa.fields.set(m[1], m[2], line)
    return true
  }
  return false
}
