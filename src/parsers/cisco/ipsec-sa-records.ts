/**
 * Building blocks of the IOS `show crypto ipsec sa` parser: empty flow/SA records, counter labels,
 * and the per-line readers of an SA block. Exported for the IOS-XE/ASA parsers, which print the
 * same counter and SA lines. Lines arrive single-spaced and without indentation (src/reading/paste.ts).
 */
import type {IpsecFlow, IpsecSa} from '../../model/index.js'
import {toInt, toSpi} from '../../reading/numbers.js'
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

/** "path mtu" ... as printed -> flow field. */
export const MTU_FIELDS: Record<string, 'pathMtu' | 'mediaMtu' | 'plaintextMtu' | 'ipMtu'> = {
  'path mtu': 'pathMtu', 'media mtu': 'mediaMtu', 'plaintext mtu': 'plaintextMtu', 'ip mtu': 'ipMtu', 'ipv6 mtu': 'ipMtu',
}

/** Fields a flow inherits from its interface/crypto map header or gets before its idents. */
const PREAMBLE = new Set(['interface', 'Crypto map tag', 'local addr', 'protected vrf'])

/** The flow holds nothing yet but what it inherited (its interface, crypto map tag, protected vrf). */
export function onlyPreamble(rec: FlowRecord): boolean {
  return rec.fields.fields.labels.every((k) => PREAMBLE.has(k))
}

export interface Counter {
  label: string
  value: string
}

// one counter of a line, read from where the last one ended: "#pkts encaps: 466, ", "##pkts replay
// failed (rcv): 0", "#pkts no sa (send) 0, ", "#send errors 0" (the value is the number after the label)
const COUNTER = /#+([^,]*?) ?:? (\d+)(?:(?:, ?)+|$)/y

/**
 * Splits a counter line into labelled counters, or null if any part is not a counter:
 * "#pkts encaps: 466, #pkts encrypt: 466, #pkts digest 466", "##pkts replay failed (rcv): 0",
 * "#pkts no sa (send) 0, #pkts invalid sa (rcv) 0". Labels get one leading "#" and no colon.
 */
export function parseCounterLine(text: string): Counter[] | null {
  const out: Counter[] = []
  COUNTER.lastIndex = 0
  while (COUNTER.lastIndex < text.length) {
    const m = COUNTER.exec(text)
    if (!m) return null
    out.push({label: `#${m[1]}`, value: m[2]})
  }
  return out.length > 0 ? out : null
}

/**
 * The counters of a "#pkts ..." line on their flow; `spellings` adds a platform's own labels (ASA);
 * labels the model has no field for go to errorCounters.
 */
export function applyCounters(rec: FlowRecord, counters: Counter[], line: Line, spellings: Record<string, FlowCounterField> = {}): void {
  for (const c of counters) {
    rec.fields.set(c.label, c.value, line)
    const field = FLOW_COUNTERS[c.label] ?? spellings[c.label]
    if (field) rec.fact[field] = toInt(c.value)
    else rec.fact.errorCounters[c.label] = Number(c.value)
  }
}

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
  return `0x${spi.toString(16).toUpperCase().padStart(8, '0')}`
}

/** Reads "spi: 0x5A48ACC4(1514712260)" -> SPI text and value. */
export function parseSpiLine(text: string): {text: string; spi: number} | null {
  // "spi: 0x5A48ACC4(1514712260)"
  const m = /^\s*spi:\s*(\S+)\s*$/.exec(text)
  if (!m) return null
  const spi = toSpi(m[1], true)
  return spi === null ? null : {text: m[1], spi}
}

// "transform: esp-3des esp-sha-hmac ,"
const SA_TRANSFORM = /^transform:\s*(.*)$/
// "in use settings ={Tunnel UDP-Encaps, }"
export const SA_SETTINGS = /^in use settings\s*=\s*(\{.*\})\s*$/
// "slot: 0, conn id: 2000, flow_id: 1, crypto map: TUNNELMAP" / "conn id: 2001, flow_id: SW:1, sibling_flags 80000040, crypto map: VPN"
const SA_CONN = /^(slot:|conn id:)/
// "sa timing: remaining key lifetime (k/sec): (4606612/3392)" / "(sec): (3392)"
const SA_TIMING = /^sa timing:\s*remaining key lifetime \(([^)]*)\):\s*\(([^)]*)\)\s*$/
// "Kilobyte Volume Rekey has been disabled"
const SA_KB_REKEY = /^Kilobyte Volume Rekey has been disabled$/i
// "IV size: 8 bytes"
const SA_IV = /^IV size:\s*(\d+)\s*bytes?$/
// "replay detection support: Y" / "replay detection support: Y replay window size: 64"
const SA_REPLAY = /^replay detection support:\s*([YN])(?:\s+replay window size:\s*(\d+))?$/
// "Status: ACTIVE(ACTIVE)" / "Status: ACTIVE"
const SA_STATUS = /^Status:\s*(\S.*)$/
// other SA fields of newer trains, kept as raw: "ike_cookies: 9263635C CA4B4E99 C14E908E 8EE2D79C",
// "HA last key lifetime sent(k): (4374195)"
const SA_OTHER = /^([A-Za-z_][\w ()/.-]*?)\s*:\s*(\S.*)$/

/** "{Tunnel, }" / "{Transport, }" / "{Tunnel UDP-Encaps, }" -> mode (null when neither) and NAT-T. */
export function readSettings(printed: string): {mode: 'tunnel' | 'transport' | null; natT: boolean} {
  return {
    mode: /\btunnel\b/i.test(printed) ? 'tunnel' : /\btransport\b/i.test(printed) ? 'transport' : null,
    natT: /UDP-Encaps/i.test(printed),
  }
}

/**
 * Applies one line of an SA block to the SA; false when the line is not an SA line.
 * Lines: transform, in use settings, slot/conn id/flow_id/crypto map, sa timing, Kilobyte Volume
 * Rekey, IV size, replay detection support, Status, and (`otherLabels`) other "label: value" lines
 * of newer trains.
 */
export function applySaLine(sa: SaRecord, line: Line, otherLabels = true): boolean {
  const text = line.text.trim()
  const f = sa.fact
  let m: RegExpExecArray | null
  if ((m = SA_TRANSFORM.exec(text))) {
    // drop the trailing " ," IOS prints after the last transform
    const value = m[1].trim().replace(/\s*,$/, '')
    const pair = normalizeTransform(value)
    f.transform = value
    f.encryption = pair.encryption
    f.integrity = pair.integrity
    sa.fields.set('transform', value, line)
    sa.hasTransform = true
    return true
  }
  if ((m = SA_SETTINGS.exec(text))) {
    const settings = readSettings(m[1])
    sa.fields.set('in use settings', m[1], line)
    if (settings.mode !== null) f.mode = settings.mode
    f.natT = settings.natT
    return true
  }
  if (SA_CONN.test(text)) {
    for (const {label, value} of splitLabeled(text)) {
      if (value === '') return false
      sa.fields.set(label, value, line)
      if (label === 'conn id') f.connId = toInt(value)
    }
    return true
  }
  if ((m = SA_TIMING.exec(text))) {
    sa.fields.set('sa timing', `remaining key lifetime (${m[1]}): (${m[2]})`, line)
    const units = m[1].split('/')
    const values = m[2].split('/')
    units.forEach((unit, i) => {
      if (unit === 'k') f.lifetimeRemainingKb = toInt(values[i])
      if (unit === 'sec') f.lifetimeRemainingSec = toInt(values[i])
    })
    return true
  }
  if (SA_KB_REKEY.test(text)) {
    sa.fields.set('Kilobyte Volume Rekey', 'disabled', line)
    return true
  }
  if ((m = SA_IV.exec(text))) {
    sa.fields.set('IV size', m[1], line)
    f.ivSizeBytes = Number(m[1])
    return true
  }
  if ((m = SA_REPLAY.exec(text))) {
    sa.fields.set('replay detection support', m[1], line)
    f.antiReplay = m[1] === 'Y'
    if (m[2] !== undefined) {
      sa.fields.set('replay window size', m[2], line)
      f.replayWindow = Number(m[2])
    }
    return true
  }
  if ((m = SA_STATUS.exec(text))) {
    sa.fields.set('Status', m[1], line)
    // "ACTIVE(ACTIVE)"
    f.state = /^ACTIVE/i.test(m[1]) ? 'active' : 'unknown'
    return true
  }
  if (otherLabels && (m = SA_OTHER.exec(text))) {
    sa.fields.set(m[1], m[2], line)
    return true
  }
  return false
}
