/**
 * The SA-level lines of ASA `show crypto ipsec sa` (after `spi: 0x1818E811 (404285457)`): SA State,
 * transform, in use settings, slot/conn_id, sa timing, IV size, replay detection and the anti-replay
 * bitmap; and the flow counters. Lines are canonical (src/reading/paste.ts). Used by asa-show-crypto-ipsec-sa.ts.
 */
import {toInt} from '../account.js'
import type {Line} from '../types.js'
import {splitLabeled} from './common.js'
import {type Counter, type FlowCounterField, type FlowRecord, type SaRecord, applyCounters as applyFlowCounters, applySaLine} from './ipsec-sa-records.js'

// "SA State: active"
const SA_STATE = /^SA State: ?(\S+)$/i
// "in use settings ={L2L, Tunnel, NAT-T-Encaps, PFS Group 14, IKEv2, }"
export const SETTINGS = /^in use settings ?= ?(\{.*\})$/
// "slot: 0, conn_id: 12288, crypto-map: CMAP"
const SLOT = /^slot: ?\d+, conn_id:/
// "sa timing: remaining key lifetime (kB/sec): (3914999/28622)" / "sa timing: remaining key lifetime (sec): 28622"
const TIMING = /^sa timing: ?remaining key lifetime \(([^)]*)\): ?\(?([\d/]+)\)?$/
// "Anti replay bitmap:" followed by "0xFFFFFFFF 0xFFFFFFFF"
const BITMAP_START = /^Anti replay bitmap: ?(.*)$/
// "0x00000000 0x0000003F"
const BITMAP_WORDS = /^0x[0-9a-f]{8}(?: 0x[0-9a-f]{8})*$/i

/** What an SA line reader needs from the parser: the open flow, the bitmap in progress, warnings. */
export interface SaLineContext {
  flow: FlowRecord | null
  /** The SA whose "Anti replay bitmap:" line was read last: its words lines follow. */
  bitmapOf: SaRecord | null
  warn(message: string): void
}

/** Applies an SA-level line to an SA; false when the line is none. */
export function applyAsaSaLine(cx: SaLineContext, sa: SaRecord, line: Line): boolean {
  const text = line.text
  let m: RegExpExecArray | null
  if (cx.bitmapOf === sa && BITMAP_WORDS.test(text)) {
    sa.fields.set('Anti replay bitmap', text, line)
  } else if ((m = SA_STATE.exec(text))) {
    sa.fields.set('SA State', m[1], line)
    sa.fact.state = /^active$/i.test(m[1]) ? 'active' : 'unknown'
    if (sa.fact.state === 'unknown') cx.warn(`line ${line.n}: SA State ${m[1]} not understood`)
  } else if ((m = SETTINGS.exec(text))) {
    readSaSettings(cx.flow, sa, m[1], line)
  } else if (SLOT.test(text)) {
    for (const {label, value} of splitLabeled(text)) {
      sa.fields.set(label, value, line)
      if (label === 'conn_id') sa.fact.connId = toInt(value)
    }
  } else if ((m = TIMING.exec(text))) {
    sa.fields.set('sa timing', text.replace(/^sa timing: ?/, ''), line)
    const values = m[2].split('/')
    m[1].split('/').forEach((unit, i) => {
      if (/^k/i.test(unit)) sa.fact.lifetimeRemainingKb = toInt(values[i])
      if (/^sec/i.test(unit)) sa.fact.lifetimeRemainingSec = toInt(values[i])
    })
  } else if ((m = BITMAP_START.exec(text))) {
    // the words follow on the next lines (or on this one)
    if (m[1] !== '') sa.fields.set('Anti replay bitmap', m[1], line)
    cx.bitmapOf = sa
  } else if (!applySaLine(sa, line)) {
    return false
  }
  return true
}

/** Flow flags of "in use settings": PFS group, L2L/RA, IKE version. Returns the items. */
export function readFlowSettings(flow: FlowRecord, settings: string): string[] {
  const items = settings.slice(1, -1).split(',').map((x) => x.trim()).filter((x) => x !== '')
  // "PFS Group 14"
  const pfs = items.map((x) => /^PFS Group ?(\d+)$/i.exec(x)).find((x) => x !== null)
  flow.fact.pfs = pfs !== undefined
  if (pfs) flow.fact.dhGroup = Number(pfs[1])
  // "L2L" / "RA" (same words as the ikeSa flags of the ASA IKEv1 parser) and the IKE version
  for (const item of items) {
    const flag = /^ra$/i.test(item) ? 'remote-access' : item.toLowerCase()
    if (/^(l2l|remote-access|ikev1|ikev2)$/.test(flag) && !flow.fact.flags.includes(flag)) flow.fact.flags.push(flag)
  }
  return items
}

/** "in use settings" of an SA: its mode and NAT-T, and the flow's flags. */
function readSaSettings(flow: FlowRecord | null, sa: SaRecord, settings: string, line: Line): void {
  sa.fields.set('in use settings', settings, line)
  const items = flow ? readFlowSettings(flow, settings) : settings.slice(1, -1).split(',').map((x) => x.trim())
  if (items.some((x) => /^tunnel$/i.test(x))) sa.fact.mode = 'tunnel'
  else if (items.some((x) => /^transport$/i.test(x))) sa.fact.mode = 'transport'
  sa.fact.natT = items.some((x) => /^(NAT-T|UDP)-Encaps$/i.test(x))
}

/** ASA counter labels that differ from the IOS spelling. */
const ASA_COUNTERS: Record<string, FlowCounterField> = {
  '#pkts comp failed': 'compressFailed',
  '#pkts decomp failed': 'decompressFailed',
}

/** The counters of a "#pkts ..." line on their flow, with the ASA's own spellings. */
export function applyCounters(rec: FlowRecord, counters: Counter[], line: Line): void {
  applyFlowCounters(rec, counters, line, ASA_COUNTERS)
}

/** An SA block that stops before its usual last line. */
export function saCut(sa: SaRecord): boolean {
  const has = (label: string) => sa.fields.has(label)
  if (!sa.hasTransform || !has('in use settings') || !has('sa timing') || !has('replay detection support')) return true
  // 9.x prints "SA State" and ends each SA with the bitmap words
  return has('SA State') && !has('Anti replay bitmap')
}
