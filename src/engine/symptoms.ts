/**
 * The user's symptom (diagnose --symptom, the wizard's first answer): which rules explain it, and the
 * presentation order that puts those findings first. Rules also read the symptom as
 * `context.symptom` to lower their evidence bar (a single packet out and none back is one-way when
 * the user reports one-way traffic).
 */
import type {Finding} from '../model/index.js'

export const SYMPTOMS = ['down', 'one-way', 'flapping', 'certificate'] as const
export type Symptom = (typeof SYMPTOMS)[number]

/** Rules whose finding *is* one-way traffic: with the one-way symptom, the first of the report. */
export const ONE_WAY_RULES = new Set([
  'ipsec-zero-decaps',
  'ipsec-zero-encaps',
  'engine-zero-decrypt',
  'pair-encaps-decaps-mismatch',
  'delta-one-way-traffic',
  'ike-one-way-traffic',
  'delta-ike-one-way',
  'session-l2l-one-way',
])

/** Rule ids or id prefixes (ending in "-") that explain each symptom. */
const EXPLAINS: Record<Symptom, string[]> = {
  'one-way': [
    ...ONE_WAY_RULES,
    'ipsec-traffic-asymmetry',
    'ike-nat-traversal',
    'pair-spi-mismatch',
    'pair-proxy-id-mismatch',
    'ipsec-invalid-spi',
    'ipsec-recv-errors',
    'ipsec-decrypt-failures',
    'ipsec-auth-failures',
    'ipsec-replay-errors',
    'ipsec-ts-check-fail',
    'dpd-one-sided',
  ],
  down: [
    'ike-',
    'session-down',
    'ipsec-phase2-',
    'ipsec-inactive-tunnel',
    'ipsec-interface-family-down',
    'ipsec-vpn-monitor-down',
    'ipsec-sa-not-installed',
    'ipsec-send-errors',
    'ipsec-no-traffic',
    'config-',
    'engine-drops-no-connection',
    'pair-one-side-stuck',
    'pair-proxy-id-mismatch',
    'pair-transform-mismatch',
    'pair-unmatched',
    'delta-ike-state-stuck',
    'delta-phase2-stuck',
    'delta-engine-drops-rising',
    'redundancy-no-active-path',
    'cert-expired',
    'cert-not-yet-valid',
    'cert-untrusted',
  ],
  flapping: [
    'dpd-',
    'lifetime-',
    'ike-duplicate-sas',
    'delta-ike-sa-churn',
    'delta-rekey-',
    'delta-dpd-misses-rising',
    'delta-peer-deletes-rising',
    'ipsec-peer-deletes',
    'ipsec-invalid-spi',
    'pair-lifetime-mismatch',
    'pair-spi-mismatch',
    'redundancy-',
    'delta-redundancy-failover',
  ],
  certificate: ['cert-', 'ike-stuck-mm-key-exch', 'ike-stuck-mm-wait', 'ike-not-matured', 'ike-negotiation-failed'],
}

export function isSymptom(value: unknown): value is Symptom {
  return typeof value === 'string' && (SYMPTOMS as readonly string[]).includes(value)
}

/** The rule's finding explains the symptom. */
export function explainsSymptom(ruleId: string, symptom: Symptom): boolean {
  for (const e of EXPLAINS[symptom]) if (e.endsWith('-') ? ruleId.startsWith(e) : ruleId === e) return true
  return false
}

/**
 * Findings in presentation order for a symptom. Groups (a root cause and the symptoms it explains,
 * already in order) that explain the symptom move ahead of the others, order otherwise kept. With
 * the one-way symptom, one-way findings come first of all, even when a root cause explains them.
 */
export function rankForSymptom(findings: Finding[], symptom: Symptom | null | undefined): Finding[] {
  if (!symptom) return findings
  const groups: Finding[][] = []
  for (const f of findings) {
    if (f.relatedTo && groups.length > 0) groups[groups.length - 1].push(f)
    else groups.push([f])
  }
  const explaining = groups.filter((g) => g.some((f) => explainsSymptom(f.ruleId, symptom)))
  const others = groups.filter((g) => !explaining.includes(g))
  const ordered = [...explaining, ...others].flat()
  if (symptom !== 'one-way') return ordered
  const oneWay = ordered.filter((f) => ONE_WAY_RULES.has(f.ruleId))
  return [...oneWay, ...ordered.filter((f) => !ONE_WAY_RULES.has(f.ruleId))]
}
