/** Helpers shared by the formatters: ordering, root-cause grouping, vendor steps and wording. */
import type {DiagnoseDocument, Finding, RemediationStep, Severity} from '../model/index.js'
import {SEVERITY_RANK} from '../model/constants.js'
import {platformLabel} from '../engine/platform.js'

export const SEVERITIES_HIGH_FIRST: Severity[] = ['critical', 'error', 'warning', 'info']

/** Highest severity first, then device, rule and entity so that output never depends on engine order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.device.localeCompare(b.device) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.entity.label.localeCompare(b.entity.label) ||
    a.fingerprint.localeCompare(b.fingerprint)
  )
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings)
}

export interface FindingGroup {
  root: Finding
  /** Findings the root explains (relatedTo = root.fingerprint), sorted. */
  related: Finding[]
}

/**
 * Groups symptoms under the finding that explains them, in the engine's order. A finding whose root is
 * not in the document (suppressed by a baseline or disabled) stands on its own, so nothing is ever hidden.
 */
export function groupByRootCause(findings: readonly Finding[]): FindingGroup[] {
  const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]))
  const rootOf = (f: Finding): Finding => {
    const seen = new Set<string>()
    let current = f
    while (current.relatedTo && byFingerprint.has(current.relatedTo) && !seen.has(current.fingerprint)) {
      seen.add(current.fingerprint)
      current = byFingerprint.get(current.relatedTo)!
    }
    return current
  }
  const groups = new Map<string, FindingGroup>()
  for (const f of sortFindings(findings)) {
    const root = rootOf(f)
    const group = groups.get(root.fingerprint) ?? {root, related: []}
    if (root !== f) group.related.push(f)
    groups.set(root.fingerprint, group)
  }
  // the engine's presentation order (worst severity first, then the root cause that explains the
  // others: src/engine/grouping.ts) decides which group leads; ties fall back to compareFindings
  const position = new Map(findings.map((f, i) => [f.fingerprint, i]))
  return [...groups.values()].sort((a, b) => SEVERITY_RANK[b.root.severity] - SEVERITY_RANK[a.root.severity] || position.get(a.root.fingerprint)! - position.get(b.root.fingerprint)! || compareFindings(a.root, b.root))
}

/** "SA vpn1" or, for a finding that stands for several entities (posture rules), "SA vpn1 (+11 more)". */
export function entityText(f: Finding): string {
  const more = (f.occurrences?.count ?? 1) - 1
  return more > 0 ? `${f.entity.label} (+${more} more)` : f.entity.label
}

/** "Occurs on 12 entities: SA vpn1, SA vpn2, ... and 9 more" for aggregated findings, else null. */
export function occurrencesText(f: Finding): string | null {
  const occ = f.occurrences
  if (!occ || occ.count <= 1) return null
  const listed = occ.entities.map((e) => e.label)
  const rest = occ.count - listed.length
  return `Occurs on ${occ.count} entities: ${listed.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`
}

/** The finding's remediation steps for its device's vendor, in the rule's order. */
export function stepsForVendor(f: Finding): RemediationStep[] {
  return remediationGroups(f)[0]?.steps ?? []
}

export interface RemediationGroup {
  device: string
  vendor: Finding['vendor']
  /** "cisco" for a one-device finding, "junos on srx-hub" when the finding spans two devices. */
  heading: string
  steps: RemediationStep[]
}

/**
 * Steps per device, the finding's own device first. A step names its device when the rule spans two
 * devices (pair- rules); such a step is already in that device's syntax. A step without a device
 * belongs to the finding's device and is kept only in that device's vendor syntax.
 */
/**
 * " [ASA]" after a step that is one of several per-platform variants (the device's platform was not
 * known, so each variant is listed with the platforms it is for); "" for a step valid on the device.
 */
export function platformTag(s: Pick<RemediationStep, 'platforms'>): string {
  return s.platforms && s.platforms.length > 0 ? ` [${platformLabel(s.platforms)}]` : ''
}

export function remediationGroups(f: Finding): RemediationGroup[] {
  const groups = new Map<string, RemediationGroup>()
  for (const s of f.remediation) {
    const device = s.device ?? f.device
    if (!s.device && s.vendor !== f.vendor) continue
    const key = `${device}\u0000${s.vendor}`
    const group = groups.get(key) ?? {device, vendor: s.vendor, heading: '', steps: []}
    group.steps.push(s)
    groups.set(key, group)
  }
  const list = [...groups.values()].sort((a, b) => Number(b.device === f.device) - Number(a.device === f.device))
  const twoSided = list.some((g) => g.device !== f.device)
  for (const g of list) g.heading = twoSided ? `${g.vendor} on ${g.device}` : g.vendor
  return list
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = {critical: 0, error: 0, warning: 0, info: 0}
  for (const f of findings) counts[f.severity]++
  return counts
}

const TIME_SOURCE_WORDS: Record<DiagnoseDocument['time']['source'], string> = {
  capture: 'capture clock',
  flag: '--at',
  now: 'now',
}

/**
 * "judged at 2024-03-01T10:00:00Z (capture clock)", plus the devices judged at another instant
 * ("; R2 at 2024-03-02T08:00:00Z (--at)") when the captures disagree.
 */
export function timeLine(doc: DiagnoseDocument): string {
  const main = `judged at ${doc.time.at} (${TIME_SOURCE_WORDS[doc.time.source]})`
  const others = (doc.time.devices ?? []).filter((d) => d.at !== doc.time.at || d.source !== doc.time.source)
  if (others.length === 0) return main
  const shownMax = 5
  const listed = others.slice(0, shownMax).map((d) => `${d.device} at ${d.at} (${TIME_SOURCE_WORDS[d.source]})`)
  const more = others.length > shownMax ? `; ${others.length - shownMax} more device(s) differ` : ''
  return `${main}; ${listed.join('; ')}${more}`
}

/** The instant one device was judged at: its own entry when the engine lists devices, else the run's. */
export function deviceTime(doc: DiagnoseDocument, device: string): {at: string; source: DiagnoseDocument['time']['source']; text: string} {
  const own = doc.time.devices?.find((d) => d.device === device)
  const at = own?.at ?? doc.time.at
  const source = own?.source ?? doc.time.source
  return {at, source, text: `judged at ${at} (${TIME_SOURCE_WORDS[source]})`}
}

/**
 * "r1.txt:12  state = MM_NO_STATE", plus "[srx-hub]" when the line comes from another device than
 * `own`, plus the author's note on that line: "(note: never comes up)".
 */
export function evidenceText(e: Finding['evidence'][number], own?: string): string {
  const where = `${e.file}:${e.line}`
  const on = e.device && e.device !== own ? ` [${e.device}]` : ''
  const note = e.note ? `  (note: ${e.note})` : ''
  return `${where}  ${e.field} = ${e.value}${on}${note}`
}

export function summaryLine(doc: DiagnoseDocument): string {
  const c = countBySeverity(doc.findings)
  const parts = SEVERITIES_HIGH_FIRST.map((s) => `${c[s]} ${s}`)
  const suppressed: string[] = []
  if (doc.suppressed.baseline > 0) suppressed.push(`${doc.suppressed.baseline} suppressed by baseline`)
  if (doc.suppressed.disabled > 0) suppressed.push(`${doc.suppressed.disabled} by disabled rules`)
  const tail = suppressed.length > 0 ? `; ${suppressed.join(', ')}` : ''
  return `${doc.findings.length} finding(s): ${parts.join(', ')} on ${doc.summary.devices} device(s)${tail}`
}

/**
 * "medium (5 packets out, none back; single snapshot); settle it with: show crypto ipsec sa": how sure
 * a finding is and what would settle it. Findings built before confidence existed (old baselines,
 * hand-made documents) print nothing.
 */
export function confidenceText(f: Pick<Finding, 'confidence'>): string | null {
  const c = f.confidence
  if (!c) return null
  return `${c.level} (${c.reason})${c.settle ? `; settle it with: ${c.settle}` : ''}`
}

/** "run `show crypto ipsec sa` on R1 to check phase 2": the engine may already phrase it so. */
export function missingText(m: DiagnoseDocument['missing'][number]): string {
  if (m.reason.includes(`\`${m.command}\``)) return m.reason
  return `run \`${m.command}\` on ${m.device} to ${m.reason}`
}

/** "warning: r1.txt:3 clock not set"; ingest messages that already start with the file keep their own wording. */
export function diagnosticText(d: DiagnoseDocument['diagnostics'][number]): string {
  if (d.message.startsWith(d.file)) return `${d.level}: ${d.message}`
  return `${d.level}: ${d.file}${d.line === null ? '' : `:${d.line}`} ${d.message}`
}
