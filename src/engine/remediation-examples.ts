/**
 * Per-platform remediation of a rule: what a finding of the rule hands to a device of a given
 * platform, and the check of a rule's `remediationExamples` (the rule fires on the example, and the
 * commands filled for the example's platform are exactly the expected ones).
 */
import type {Finding, Vendor} from '../model/index.js'
import {RuleSetEngine} from './evaluate.js'
import {buildFinding} from './findings.js'
import {isPlatform, platformVendor, type Platform} from './platform.js'
import type {RemediationExample, RuleSpec} from './rule.js'
import type {LoadedRule} from './rule.js'
import {DEFAULT_THRESHOLDS} from './thresholds.js'
import {newRaw} from '../model/raw.js'

export interface RemediationExampleFailure {
  ruleId: string
  index: number
  name: string
  message: string
}

/** The command a fact of this platform comes from, as far as placeholders care (SRX "show security ...", MX "show services ..."). */
function sourceCommand(platform: Platform): string {
  if (platform === 'junos-srx') return 'show security ipsec security-associations'
  if (platform === 'junos-mx') return 'show services ipsec-vpn ipsec security-associations'
  if (platform === 'junos-es') return 'show ipsec security-associations'
  return 'show crypto ipsec sa'
}

/** Runs the rule on the example as a diagnosis of a device of `platform` does; null when it does not fire. */
export async function remediationFor(rule: RuleSpec, ex: Omit<RemediationExample, 'expectCommands'>): Promise<Finding | null> {
  if (!isPlatform(ex.platform)) throw new Error(`unknown platform "${ex.platform}"`)
  const platform = ex.platform
  const vendor: Vendor = platformVendor(platform)
  const raw = ex.entity.raw ?? newRaw()
  const entity = {
    kind: rule.entity,
    id: `${rule.entity}:example`,
    source: {file: 'example.txt', startLine: 1, endLine: 1, command: sourceCommand(platform), device: 'R1', vendor},
    ...ex.entity,
    raw,
  } as Record<string, unknown>
  const context = {vendor, platform, device: 'R1', time: '2026-01-01T00:00:00.000Z', timeSource: 'flag', ...ex.context}
  const thresholds = {...DEFAULT_THRESHOLDS, ...ex.thresholds}
  const engine = new RuleSetEngine([rule])
  const hits = await engine.evaluate({entity, derived: ex.derived ?? {}, thresholds, context})
  const hit = hits.find((h) => h.rule.id === rule.id)
  if (!hit) return null
  const loaded = {...rule, file: 'example', pack: 'example'} as LoadedRule
  return buildFinding(
    {...hit, rule: loaded},
    hit.severity,
    entity as never,
    {values: ex.derived ?? {}, evidence: {}},
    {device: 'R1', vendor, time: context.time, timeSource: 'flag', thresholds, platformOf: () => platform},
  )
}

export async function testRemediationExamples(rule: RuleSpec): Promise<RemediationExampleFailure[]> {
  const failures: RemediationExampleFailure[] = []
  for (const [index, ex] of (rule.remediationExamples ?? []).entries()) {
    const name = ex.name ?? `${ex.platform}[${index}]`
    const fail = (message: string) => failures.push({ruleId: rule.id, index, name, message})
    if (!rule.vendors.includes(platformVendor(ex.platform as Platform))) {
      fail(`platform ${ex.platform} is not of the rule's vendors`)
      continue
    }
    const finding = await remediationFor(rule, ex)
    if (!finding) {
      fail('did not fire')
      continue
    }
    const got = finding.remediation.map((s) => s.command)
    if (JSON.stringify(got) !== JSON.stringify(ex.expectCommands)) fail(`commands ${JSON.stringify(got)}, expected ${JSON.stringify(ex.expectCommands)}`)
    if (ex.expectConfirm && JSON.stringify(finding.confirm) !== JSON.stringify(ex.expectConfirm))
      fail(`confirm ${JSON.stringify(finding.confirm)}, expected ${JSON.stringify(ex.expectConfirm)}`)
  }
  return failures
}
