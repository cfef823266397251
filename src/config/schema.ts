/**
 * The shape of `.ipsec-doctor.json` / `.ipsec-doctor.yaml`. Everything is optional; unknown keys are
 * errors (a typo such as "treshold" must not be silently ignored).
 *
 *   failOn: warning
 *   maxWarnings: 10
 *   rules: [./rules-local]            # user rule packs, relative to the config file
 *   baseline: .ipsec-doctor-baseline.json
 *   thresholds: {certWarnDays: 45, dpdMissThreshold: 3}
 *   disable: [ipsec-no-traffic]
 *   severity: {crypto-weak-integrity: error}
 *   devices:
 *     lab-*: {disable: [crypto-weak-encryption]}
 *     R1: {thresholds: {certWarnDays: 10}, severity: {dpd-ack-missed: info}}
 */
import {z} from 'zod'
import {Severity} from '../model/index.js'
import {THRESHOLD_KEYS} from '../engine/thresholds.js'

export const FAIL_ON_LEVELS = ['critical', 'error', 'warning', 'info', 'never'] as const
export type FailOn = (typeof FAIL_ON_LEVELS)[number]

// A rule id: lower-case words joined by dashes, e.g. "ike-stuck-mm-no-state".
const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/
const RuleId = z.string().regex(RULE_ID, 'must be a rule id such as "ike-stuck-mm-no-state"')

export const ThresholdOverrides = z
  .object(Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, z.number().finite().min(0)])) as Record<string, z.ZodNumber>)
  .partial()
  .strict()
export type ThresholdOverrides = Partial<Record<(typeof THRESHOLD_KEYS)[number], number>>

export const RuleSettings = z.object({
  thresholds: ThresholdOverrides.optional(),
  disable: z.array(RuleId).optional().describe('Rule ids that do not run'),
  severity: z.record(RuleId, Severity).optional().describe('Rule id -> severity to report it with'),
})

export const ConfigFile = RuleSettings.extend({
  $schema: z.string().optional(),
  failOn: z.enum(FAIL_ON_LEVELS).optional(),
  maxWarnings: z.number().int().min(0).optional(),
  rules: z.array(z.string().min(1)).optional().describe('Rule pack directories, relative to the config file'),
  baseline: z.string().min(1).optional().describe('Baseline file, relative to the config file'),
  devices: z
    .record(z.string().min(1), RuleSettings.strict())
    .optional()
    .describe('Per-device settings by device name; "*" matches any run of characters'),
}).strict()
export type ConfigFile = z.infer<typeof ConfigFile>
export type RuleSettings = z.infer<typeof RuleSettings>

/** JSON Schema of the config file, for editors (`"$schema"` in .ipsec-doctor.json) and the schema/ folder. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    title: 'ipsec-doctor configuration (.ipsec-doctor.json / .ipsec-doctor.yaml)',
    ...z.toJSONSchema(ConfigFile, {target: 'draft-2020-12'}),
  }
}
