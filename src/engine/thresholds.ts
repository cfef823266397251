/**
 * The numeric heuristics of the rule pack, in one typed object. Conditions read them as the fact
 * "thresholds" (e.g. {"fact": "thresholds", "path": "$.encapsFloor"}), so a config file or a user
 * pack can retune them without editing rules. Values marked (heuristic) in conditions.md.
 */
export interface Thresholds {
  /** ipsec-zero-decaps / ipsec-zero-encaps: packets one way (and none back) from which the one-way finding is an error on any SA. */
  encapsFloor: number
  /** ipsec-zero-decaps / ipsec-zero-encaps / engine-zero-decrypt: fewest packets one way, none back, that count as one-way (a few lab pings; 1 packet on a brand-new SA is not yet). */
  oneWayMinPackets: number
  /** Packet count from which a one-way finding is certain on a single snapshot (confidence high). */
  oneWayHighPackets: number
  /** ipsec-traffic-asymmetry: min/max ratio below which traffic is lopsided. */
  asymmetryRatio: number
  /** ipsec-traffic-asymmetry: the larger counter must reach this. */
  asymmetryMinPackets: number
  /** ipsec-send-errors / ipsec-recv-errors: escalate above this many errors ... */
  errorCountEscalation: number
  /** ... and above this share of the packets (0.01 = 1 %). */
  errorRatioEscalation: number
  /** engine-drops-no-connection: drop count that escalates to warning. */
  dropCountWarning: number
  /** dpd-ack-missed: misses that make the peer dead (SRX default threshold). */
  dpdMissThreshold: number
  /** dpd-ack-delay-high: worst ACK delay in ms that counts as high. */
  dpdDelayMs: number
  /** dpd-ack-delay-high: escalate above DPD interval x 1000 ms (default interval 10 s). */
  dpdDelayEscalationMs: number
  /** cert-expiring-soon: warn this many days ahead ... */
  certWarnDays: number
  /** ... and raise to error this many days ahead. */
  certErrorDays: number
  /** ike-one-way-traffic: IKE packets sent with none received. */
  ikeOneWayPackets: number
  /** lifetime-rekey-churn: minimum SAs created, and deleted/created ratio. */
  rekeyChurnMinCreated: number
  rekeyChurnRatio: number
  /** lifetime-rekey-stalled: hard lifetime left (s) with the soft lifetime expired. */
  rekeyStalledHardSec: number
  /** lifetime-rekey-stalled (IOS): remaining seconds of the only SA pair. */
  rekeyStalledIosSec: number
  /** lifetime-expiring: seconds left. */
  lifetimeExpiringSec: number
  /** lifetime-expiring: share of the configured kB lifetime left (0.01 = 1 %). */
  lifetimeExpiringKbRatio: number
  /** lifetime-policy-short: configured SA lifetime (s) below this. */
  policyLifetimeMinSec: number
  /** ike-duplicate-sas: rows for one peer pair. */
  duplicateSaRows: number
  /** ipsec-peer-deletes escalation: deletes received per rekey. */
  peerDeleteRekeyRatio: number
  /** A fresh SA (seconds since creation unknown): remaining lifetime within this of the full lifetime counts as new. */
  freshSaSec: number
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  encapsFloor: 10,
  oneWayMinPackets: 3,
  oneWayHighPackets: 100,
  asymmetryRatio: 0.05,
  asymmetryMinPackets: 1000,
  errorCountEscalation: 5,
  errorRatioEscalation: 0.01,
  dropCountWarning: 50,
  dpdMissThreshold: 5,
  dpdDelayMs: 1000,
  dpdDelayEscalationMs: 10_000,
  certWarnDays: 30,
  certErrorDays: 7,
  ikeOneWayPackets: 3,
  rekeyChurnMinCreated: 10,
  rekeyChurnRatio: 0.9,
  rekeyStalledHardSec: 300,
  rekeyStalledIosSec: 60,
  lifetimeExpiringSec: 120,
  lifetimeExpiringKbRatio: 0.01,
  policyLifetimeMinSec: 900,
  duplicateSaRows: 3,
  peerDeleteRekeyRatio: 1,
  freshSaSec: 120,
})

export const THRESHOLD_KEYS = Object.keys(DEFAULT_THRESHOLDS) as Array<keyof Thresholds>

/** Defaults overlaid with overrides; unknown keys and non-numbers are reported, not applied. */
export function resolveThresholds(...overrides: Array<Partial<Record<string, unknown>> | undefined>): {
  thresholds: Thresholds
  problems: string[]
} {
  const thresholds: Thresholds = {...DEFAULT_THRESHOLDS}
  const problems: string[] = []
  for (const o of overrides) {
    for (const [key, value] of Object.entries(o ?? {})) {
      if (!(THRESHOLD_KEYS as string[]).includes(key)) problems.push(`unknown threshold "${key}"`)
      else if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`threshold "${key}" must be a number`)
      else thresholds[key as keyof Thresholds] = value
    }
  }
  return {thresholds, problems}
}
