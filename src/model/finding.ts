/** The `diagnose --json` document: findings with evidence, causes and per-vendor remediation. */
import {z} from 'zod'
import {SEVERITIES, SEVERITY_RANK} from './constants.js'
import {Diagnostic, SCHEMA_VERSION} from './document.js'
import {Vendor} from './common.js'

export const Severity = z.enum(SEVERITIES)
export type Severity = z.infer<typeof Severity>
export {SEVERITY_RANK}

export const Evidence = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  field: z.string().describe('Vendor field label, e.g. "state" or "#pkts decaps"'),
  value: z.string().describe('Value as printed'),
  note: z.string().optional().describe('The author\'s note on that capture line, when there was one'),
  device: z.string().optional().describe('Set when the evidence comes from another device (pair- rules)'),
})
export type Evidence = z.infer<typeof Evidence>

export const RemediationStep = z.object({
  vendor: Vendor,
  command: z.string().describe('Command with placeholders filled where the facts know them'),
  purpose: z.string().describe('What it shows or does'),
  disruptive: z.boolean().describe('True when the step drops traffic (clears SAs)'),
  device: z.string().optional().describe('Device the step is to be run on'),
  platforms: z
    .array(z.string())
    .optional()
    .describe('Set when the device\'s platform is not known and the step is valid only on these platforms (ios, ios-xe, asa, junos-srx, junos-mx, junos-es): one of several per-platform variants'),
})
export type RemediationStep = z.infer<typeof RemediationStep>

export const ConfidenceLevel = z.enum(['high', 'medium', 'low'])
export type ConfidenceLevel = z.infer<typeof ConfidenceLevel>

export const Confidence = z
  .object({
    level: ConfidenceLevel.describe('high: the capture shows it; medium: likely, one more output would settle it; low: a suspicion on thin or partial evidence'),
    reason: z.string().describe('Why this level: "SA sections not in the capture", "single snapshot", "5 packets" ...'),
    settle: z.string().nullable().describe('The command (or capture) that would settle it; null when the capture already does'),
  })
  .describe('How sure the finding is, and what would settle it')
export type Confidence = z.infer<typeof Confidence>

export const Finding = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: Severity,
  baseSeverity: Severity.describe('Severity before escalation/config overrides'),
  category: z.string(),
  device: z.string(),
  vendor: Vendor,
  entity: z.object({
    kind: z.string().describe('Fact kind the rule ran on, e.g. ikeSa'),
    id: z.string().describe('Fact id'),
    label: z.string().describe('Human label: peer 10.0.0.2, SA sa-vpn1 SPI 0x1234, certificate CN=...'),
  }),
  message: z.string().describe('One-line summary'),
  explanation: z.string(),
  evidence: z.array(Evidence),
  causes: z.array(z.string()).describe('Likely causes, most likely first'),
  remediation: z.array(RemediationStep),
  confirm: z.array(z.string()).describe('Commands that would confirm a suspicion'),
  confidence: Confidence,
  fingerprint: z.string().describe('Stable hash of rule + device + entity (not of counters), for baselines and SARIF'),
  relatedTo: z.string().nullable().describe('Fingerprint of the root-cause finding this one is explained by'),
  location: z.object({file: z.string(), startLine: z.number().int(), endLine: z.number().int()}),
  occurrences: z
    .object({
      count: z.number().int().describe('Entities of the device the rule fired on with this severity'),
      entities: z.array(z.object({kind: z.string(), id: z.string(), label: z.string()})).describe('The first of them (capped)'),
    })
    .optional()
    .describe('Set when the rule aggregates (posture rules): one finding per device and severity stands for all its entities'),
})
export type Finding = z.infer<typeof Finding>

export const MissingData = z.object({
  device: z.string(),
  vendor: Vendor.nullable(),
  command: z.string().describe('Command to collect next, in that vendor\'s syntax'),
  reason: z.string().describe('Which checks it would enable'),
  rules: z.array(z.string()),
})
export type MissingData = z.infer<typeof MissingData>

export const DiagnoseDocument = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({name: z.literal('ipsec-doctor'), version: z.string()}),
  time: z.object({
    at: z.string().describe('Instant time-dependent checks were judged against'),
    source: z.enum(['capture', 'flag', 'now']).describe('Where that instant came from'),
    devices: z
      .array(z.object({device: z.string(), at: z.string(), source: z.enum(['capture', 'flag', 'now'])}))
      .optional()
      .describe('Per device: the instant its checks were judged against (devices differ when only some captures hold a time)'),
  }),
  findings: z.array(Finding),
  missing: z.array(MissingData).describe('What to collect next for checks that had no data'),
  suppressed: z.object({baseline: z.number().int(), disabled: z.number().int()}),
  baseline: z
    .object({
      file: z.string(),
      stale: z
        .array(z.object({fingerprint: z.string(), ruleId: z.string(), device: z.string(), entity: z.string()}))
        .describe('Baseline entries that no longer occur (fixed, or their device was not captured)'),
    })
    .optional()
    .describe('Present when --baseline was given'),
  diagnostics: z.array(Diagnostic),
  summary: z.object({
    devices: z.number().int(),
    facts: z.number().int(),
    rulesRun: z.number().int(),
    bySeverity: z.record(Severity, z.number().int()),
    exitCode: z.number().int(),
  }),
})
export type DiagnoseDocument = z.infer<typeof DiagnoseDocument>
