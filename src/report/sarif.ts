/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).
 * One run; tool.driver.rules holds every rule that produced a result, with its help text; each result
 * points at the capture file and lines, and carries the finding's fingerprint in partialFingerprints
 * so dashboards follow the same problem across runs.
 */
import {isAbsolute} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {DiagnoseDocument, Finding, Severity, Vendor} from '../model/index.js'
import {entityText, evidenceText, sortFindings, stepsForVendor} from './shared.js'

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
/** Key of our fingerprint in partialFingerprints; bump the /vN suffix if the fingerprint recipe changes. */
export const FINGERPRINT_KEY = 'ipsecDoctorFingerprint/v1'

/** Rule metadata beyond what a finding carries (e.g. from the loaded rule catalog). */
export interface SarifRuleMeta {
  id: string
  title: string
  severity: Severity
  category: string
  explanation: string
  causes: string[]
  remediation: Partial<Record<Vendor, {command: string; purpose: string; disruptive: boolean}[]>>
}

export interface SarifOptions {
  rules?: SarifRuleMeta[]
  /** Web page of the rule documentation, `{id}` replaced by the rule id. */
  helpUri?: string
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {critical: 'error', error: 'error', warning: 'warning', info: 'note'}

/** Relative paths stay relative (resolved against the repository root by the consumer); absolute ones become file: URIs. */
export function artifactUri(file: string): string {
  if (file === '-' || file === '<stdin>') return 'stdin'
  if (isAbsolute(file)) return pathToFileURL(file).href
  // Windows separators in a relative path, e.g. "captures\\r1.txt".
  return file.split(/[\\/]/).map(encodeURIComponent).join('/')
}

function metaFromFinding(f: Finding): SarifRuleMeta {
  const remediation: SarifRuleMeta['remediation'] = {}
  for (const s of f.remediation) (remediation[s.vendor] ??= []).push(s)
  return {id: f.ruleId, title: f.title, severity: f.baseSeverity, category: f.category, explanation: f.explanation, causes: f.causes, remediation}
}

function helpText(meta: SarifRuleMeta): {text: string; markdown: string} {
  const text: string[] = [meta.explanation]
  const md: string[] = [`**${meta.title}**`, '', meta.explanation]
  if (meta.causes.length > 0) {
    text.push('', 'Likely causes:', ...meta.causes.map((c, i) => `${i + 1}. ${c}`))
    md.push('', 'Likely causes:', '', ...meta.causes.map((c, i) => `${i + 1}. ${c}`))
  }
  for (const [vendor, steps] of Object.entries(meta.remediation)) {
    if (!steps || steps.length === 0) continue
    const line = (s: (typeof steps)[number], i: number, code: boolean) =>
      `${i + 1}. ${code ? `\`${s.command}\`` : s.command}${s.disruptive ? ' [disruptive]' : ''}: ${s.purpose}`
    text.push('', `Remediation (${vendor}):`, ...steps.map((s, i) => line(s, i, false)))
    md.push('', `Remediation (${vendor}):`, '', ...steps.map((s, i) => line(s, i, true)))
  }
  return {text: text.join('\n'), markdown: md.join('\n')}
}

function sarifRule(meta: SarifRuleMeta, opts: SarifOptions) {
  return {
    id: meta.id,
    // First letter and each letter after a dash: 'ike-stuck-mm' -> 'IkeStuckMm'.
    name: meta.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: {text: meta.title},
    fullDescription: {text: meta.explanation},
    ...(opts.helpUri ? {helpUri: opts.helpUri.replace('{id}', meta.id)} : {}),
    help: helpText(meta),
    defaultConfiguration: {level: LEVEL[meta.severity]},
    properties: {tags: [...new Set(['ipsec', meta.category])], category: meta.category, severity: meta.severity},
  }
}

function region(startLine: number, endLine: number) {
  const start = Math.max(1, startLine)
  return {startLine: start, endLine: Math.max(start, endLine)}
}

function sarifResult(f: Finding, ruleIndex: number) {
  const steps = stepsForVendor(f)
  const firstStep = steps[0] ? ` First step: ${steps[0].command}` : ''
  // A finding the capture does not settle says so in the message a dashboard shows, with what settles it.
  const c = f.confidence
  const unsure = c && c.level !== 'high' ? ` Confidence ${c.level}: ${c.reason}${c.settle ? `; settle it with: ${c.settle}` : ''}.` : ''
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    // Trailing full stop of the rule message, e.g. "Phase 1 stuck in MM_NO_STATE."
    message: {text: `${f.device} ${entityText(f)}: ${f.message.replace(/\.$/, '')}.${unsure}${firstStep}`},
    locations: [
      {
        physicalLocation: {
          artifactLocation: {uri: artifactUri(f.location.file)},
          region: region(f.location.startLine, f.location.endLine),
        },
      },
    ],
    relatedLocations: f.evidence.map((e, i) => ({
      id: i + 1,
      physicalLocation: {artifactLocation: {uri: artifactUri(e.file)}, region: region(e.line, e.line)},
      message: {text: evidenceText(e, f.device)},
    })),
    partialFingerprints: {[FINGERPRINT_KEY]: f.fingerprint},
    properties: {
      severity: f.severity,
      device: f.device,
      vendor: f.vendor,
      entity: f.entity,
      ...(c ? {confidence: c.level, confidenceReason: c.reason, ...(c.settle ? {settle: c.settle} : {})} : {}),
      ...(f.relatedTo ? {explainedBy: f.relatedTo} : {}),
    },
  }
}

export function buildSarif(doc: DiagnoseDocument, opts: SarifOptions = {}) {
  const findings = sortFindings(doc.findings)
  const catalog = new Map((opts.rules ?? []).map((r) => [r.id, r]))
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort()
  const rules = ruleIds.map((id) => sarifRule(catalog.get(id) ?? metaFromFinding(findings.find((f) => f.ruleId === id)!), opts))
  const indexOf = new Map(ruleIds.map((id, i) => [id, i]))
  const notifications = doc.diagnostics
    .filter((d) => d.level !== 'info')
    .map((d) => ({
      level: d.level === 'error' ? 'error' : 'warning',
      message: {text: d.message},
      locations: [
        {
          physicalLocation: {
            artifactLocation: {uri: artifactUri(d.file)},
            ...(d.line === null ? {} : {region: region(d.line, d.line)}),
          },
        },
      ],
    }))
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: doc.tool.name, version: doc.tool.version, semanticVersion: doc.tool.version, rules}},
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notifications,
            properties: {judgedAt: doc.time.at, timeSource: doc.time.source},
          },
        ],
        results: findings.map((f) => sarifResult(f, indexOf.get(f.ruleId)!)),
        columnKind: 'unicodeCodePoints',
      },
    ],
  }
}

export function renderSarif(doc: DiagnoseDocument, opts: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(doc, opts), null, 2)}\n`
}
