/** The CI gate: whether the findings of a run fail the build, linter-style. */
import type {Finding, Severity} from '../model/index.js'
import {SEVERITY_RANK} from '../model/constants.js'

export type FailOn = Severity | 'never'

export interface GateResult {
  /** 0 pass, 1 fail (2, unusable input, is decided before the gate runs). */
  exitCode: 0 | 1
  reasons: string[]
}

export function evaluateGate(findings: readonly Finding[], failOn: FailOn, maxWarnings?: number): GateResult {
  const reasons: string[] = []
  if (failOn !== 'never') {
    const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])
    if (failing.length > 0) reasons.push(`${failing.length} finding(s) at or above ${failOn}`)
  }
  if (maxWarnings !== undefined) {
    const warnings = findings.filter((f) => f.severity === 'warning').length
    if (warnings > maxWarnings) reasons.push(`${warnings} warning(s), more than --max-warnings ${maxWarnings}`)
  }
  return {exitCode: reasons.length > 0 ? 1 : 0, reasons}
}
