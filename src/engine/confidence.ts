/**
 * Confidence of a finding: high / medium / low, the reason, and the command that would settle it.
 *
 * The level follows the evidence, not the severity: what the rule read (one snapshot or two
 * captures, both ends or one), how much of it (5 packets or 5,000), and what the capture lacks
 * (SA sections cut off or filtered out, phase 1 rows not captured, no capture clock).
 */
import type {Confidence, ConfidenceLevel, Finding} from '../model/index.js'
import type {Derived} from './derive.js'
import type {FindingEntity} from './findings.js'
import type {LoadedRule} from './rule.js'
import type {Thresholds} from './thresholds.js'
import {ONE_WAY_RULES, explainsSymptom, type Symptom} from './symptoms.js'

const LOWER: Record<ConfidenceLevel, ConfidenceLevel> = {high: 'medium', medium: 'low', low: 'low'}
const HIGHER: Record<ConfidenceLevel, ConfidenceLevel> = {low: 'medium', medium: 'high', high: 'high'}

/** Rules that read a state or counter that may be passing (SEED+ in conditions.md): one snapshot makes them likely, not certain. */
const SNAPSHOT_SUSPICIONS = [
  'ike-stuck-',
  'ike-ikev2-not-ready',
  'ike-not-matured',
  'ike-duplicate-sas',
  'ike-no-sa-for-configured-peer',
  'ike-nat-traversal',
  'ipsec-phase2-in-progress',
  'ipsec-traffic-asymmetry',
  'ipsec-path-mtu-reduced',
  'ipsec-no-traffic',
  'ipsec-send-errors',
  'ipsec-recv-errors',
  'engine-drops-no-connection',
  'engine-idle-connections',
  'lifetime-rekey-stalled',
  'lifetime-rekey-churn',
  'lifetime-expiring',
  'lifetime-ike-expiring',
  'config-current-peer-differs',
  'dpd-ack-delay-high',
  'session-down',
]

const matches = (id: string, list: string[]) => list.some((e) => (e.endsWith('-') ? id.startsWith(e) : id === e))
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

export interface ConfidenceInput {
  rule: LoadedRule
  entity: FindingEntity
  derived: Derived
  finding: Finding
  thresholds: Thresholds
  timeSource: string
  symptom: Symptom | null
}

/** The first confirm command, else the first step that changes nothing. */
function settleCommand(f: Finding): string | null {
  if (f.confirm.length > 0) return f.confirm[0]
  const step = f.remediation.find((s) => !s.disruptive)
  return step ? step.command : null
}

function oneWay(input: ConfidenceInput, sent: number, reasons: string[], what = 'packets out, none back'): ConfidenceLevel {
  const {derived, thresholds: t} = input
  let level: ConfidenceLevel = sent >= t.oneWayHighPackets ? 'high' : sent >= t.encapsFloor ? 'medium' : 'low'
  reasons.push(`${sent} ${what}`)
  const age = num(derived.values.saAgeMinSec)
  if (age !== null && age > t.freshSaSec) {
    level = HIGHER[level]
    reasons.push(`SA at least ${age} s old`)
  }
  if (derived.values.saSectionsCaptured === false) {
    level = LOWER[level]
    reasons.push('SA sections not in the capture')
  }
  reasons.push('single snapshot')
  return level
}

function phase2Missing(input: ConfidenceInput, reasons: string[]): ConfidenceLevel {
  const v = input.derived.values
  if (input.entity.kind === 'ipsecFlow') {
    reasons.push('no SA on the flow; phase 1 rows not in the capture')
    return 'low'
  }
  const errors = num(v.peerFlowSendErrors) ?? 0
  const drops = num(v.peerDropCount) ?? 0
  if (errors > 0 || drops > 0) {
    reasons.push(`${errors > 0 ? `${errors} send errors` : `${drops} packets dropped`}: traffic waits for the missing SA`)
    return 'high'
  }
  if (v.phase2Empty === true) {
    reasons.push('the phase 2 output is present and holds no SA')
    return 'high'
  }
  if (v.peerMissingFromPhase2 === true) {
    reasons.push('the phase 2 output lists other peers only; a trimmed table looks the same')
    return 'low'
  }
  if (input.entity.source.vendor === 'cisco') {
    reasons.push('single snapshot; IOS lets idle SAs lapse')
    return 'medium'
  }
  reasons.push('the IKE SA reports no IPsec SA created')
  return 'high'
}

export function confidenceOf(input: ConfidenceInput): Confidence {
  const {rule, entity, derived, finding, symptom} = input
  const id = rule.id
  const reasons: string[] = []
  let level: ConfidenceLevel
  let settle = settleCommand(finding)
  // The counted direction: packets in with nothing sent back (zero-encaps), engine encrypt counters.
  const inbound = id === 'ipsec-zero-encaps' ? num(derived.values.received) ?? num((entity as Record<string, unknown>).decaps) : null
  const encrypted = id === 'engine-zero-decrypt' ? num((entity as Record<string, unknown>).encrypt) : null
  if (inbound !== null) {
    level = oneWay(input, inbound, reasons, 'packets in, none sent back')
  } else if (encrypted !== null) {
    level = oneWay(input, encrypted, reasons, 'packets encrypted, none decrypted')
  } else if (ONE_WAY_RULES.has(id) && num(derived.values.sent) !== null) {
    level = oneWay(input, num(derived.values.sent)!, reasons)
  } else if (id === 'ipsec-phase2-not-established') {
    level = phase2Missing(input, reasons)
  } else if (rule.category === 'pair' && entity.kind !== 'logEvent') {
    // a pair rule's log branch (pair-proxy-id-mismatch on the responder's log) reads one device: below
    level = 'high'
    reasons.push('both ends captured and compared')
  } else if (rule.category === 'delta') {
    level = 'high'
    reasons.push('two captures compared')
  } else if (rule.category === 'cert') {
    level = input.timeSource === 'capture' ? 'high' : 'medium'
    reasons.push(input.timeSource === 'capture' ? 'dates judged against the capture clock' : 'dates judged against the current time (no capture clock)')
    if (input.timeSource !== 'capture') settle = finding.vendor === 'junos' ? 'show system uptime' : 'show clock'
  } else if (matches(id, SNAPSHOT_SUSPICIONS)) {
    const drops = num(derived.values.peerDropCount) ?? num(derived.values.interfaceDropCount) ?? 0
    if (drops > 0 && id.startsWith('ike-')) {
      level = 'high'
      reasons.push(`${drops} packets dropped while it is not established`)
    } else if (derived.values.peerPhase1FailureLogged === true && id.startsWith('ike-')) {
      level = 'high'
      reasons.push('the log shows phase 1 with the peer failing, not just starting')
    } else {
      level = 'medium'
      reasons.push('single snapshot: a state or counter seen once may be passing')
    }
  } else {
    level = 'high'
    reasons.push('read directly from the output')
  }
  if ((entity as {partial?: boolean}).partial === true && derived.values.saSectionsCaptured !== false) {
    level = LOWER[level]
    reasons.push('record cut or filtered in the capture')
  }
  if (symptom && explainsSymptom(id, symptom)) reasons.push(`explains the reported symptom (${symptom})`)
  return {level, reason: reasons.join('; '), settle}
}
