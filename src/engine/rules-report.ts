/**
 * Text renderings behind `ipsec-doctor rules list|show|lint`: kept in the library so the commands
 * stay thin and the output is testable without oclif.
 */
import Table from 'cli-table3'
import type {Vendor} from '../model/index.js'
import {formatLoadError, loadRules, type RuleLoadError} from './loader.js'
import {loadRuleDir} from './rule-files.js'
import {ruleKinds, type ConditionNode, type LoadedRule} from './rule.js'
import {platformLabel} from './platform.js'
import {confirmSpec} from './rule.js'
import {testRemediationExamples} from './remediation-examples.js'

const PLATFORM_NOTE = 'a step marked [ASA], [SRX] ... is given only on those platforms; unmarked steps on every platform of the vendor'
import {testRuleExamples} from './tester.js'

export interface RuleSummary {
  id: string
  severity: string
  category: string
  vendors: Vendor[]
  entity: string
  title: string
  pack: string
}

export function ruleSummaries(rules: LoadedRule[]): RuleSummary[] {
  return [...rules]
    .sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id))
    .map((r) => ({id: r.id, severity: r.severity, category: r.category, vendors: r.vendors, entity: r.entity, title: r.title, pack: r.pack}))
}

export function renderRuleTable(rules: LoadedRule[], color: boolean): string {
  const style = color ? {head: ['bold'], border: ['grey']} : {head: [], border: []}
  const table = new Table({head: ['Id', 'Severity', 'Category', 'Vendors', 'Title'], style, chars: {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''}})
  for (const r of ruleSummaries(rules)) table.push([r.id, r.severity, r.category, r.vendors.join(', '), r.title])
  return `${table.toString()}\n${rules.length} rules`
}

const OPERATOR_WORDS: Record<string, string> = {
  equal: '=',
  notEqual: '!=',
  in: 'in',
  notIn: 'not in',
  contains: 'contains',
  doesNotContain: 'does not contain',
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
  startsWith: 'starts with',
  containsAny: 'contains any of',
  includesText: 'includes',
}

function valueText(v: unknown): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in v) {
    const ref = v as {fact: string; path?: string}
    return `${ref.fact}${ref.path ? ref.path.slice(1) : ''}`
  }
  return JSON.stringify(v)
}

/** Conditions as indented readable lines: "all of:", "  entity.stateRaw = \"MM_NO_STATE\"". */
export function conditionLines(node: ConditionNode, indent = ''): string[] {
  if ('all' in node) return [`${indent}all of:`, ...node.all.flatMap((c) => conditionLines(c, `${indent}  `))]
  if ('any' in node) return [`${indent}any of:`, ...node.any.flatMap((c) => conditionLines(c, `${indent}  `))]
  if ('not' in node) return [`${indent}not:`, ...conditionLines(node.not, `${indent}  `)]
  const path = node.path ? node.path.slice(1) : ''
  return [`${indent}${node.fact}${path} ${OPERATOR_WORDS[node.operator] ?? node.operator} ${valueText(node.value)}`]
}

export function renderRule(rule: LoadedRule): string {
  const out: string[] = []
  out.push(`${rule.id}: ${rule.title}`)
  out.push(`severity ${rule.severity} · category ${rule.category} · vendors ${rule.vendors.join(', ')} · runs on ${ruleKinds(rule).join(', ')}${rule.role ? ` · ${rule.role}` : ''}`)
  out.push(`file ${rule.file}`, '')
  out.push(rule.explanation, '')
  out.push('Fires when:', ...conditionLines(rule.conditions, '  '))
  for (const e of rule.escalations ?? []) out.push(`Severity ${e.severity} when (${e.reason}):`, ...conditionLines(e.conditions, '  '))
  out.push('', 'Likely causes:', ...rule.causes.map((c, i) => `  ${i + 1}. ${c}`))
  out.push('', `Platforms: ${PLATFORM_NOTE}`)
  for (const vendor of rule.vendors) {
    const steps = rule.remediation[vendor] ?? []
    out.push('', `Remediation (${vendor}):`)
    const tag = (p?: string[]) => (p && p.length > 0 ? `[${platformLabel(p)}] ` : '')
    const when = (k?: string[]) => (k && k.length > 0 ? ` (only when ${k.map((n) => `<${n}>`).join(', ')} known)` : '')
    steps.forEach((s, i) => out.push(`  ${i + 1}. ${tag(s.platforms)}${s.command}${s.disruptive ? '   [disruptive: drops traffic]' : ''}`, `     ${s.purpose}${when(s.ifKnown)}`))
    const confirm = (rule.confirm?.[vendor] ?? []).map(confirmSpec)
    if (confirm.length > 0) out.push(`  Confirm: ${confirm.map((c) => `${tag(c.platforms)}${c.command}${when(c.ifKnown)}`).join('; ')}`)
    const requires = rule.requires?.[vendor] ?? []
    if (requires.length > 0) out.push(`  Needs: ${requires.map((r) => `${r.platforms ? `[${platformLabel(r.platforms)}] ` : ''}${r.command} (${r.purpose})`).join('; ')}`)
  }
  if (rule.references?.length) out.push('', 'References:', ...rule.references.map((r) => `  ${r}`))
  return out.join('\n')
}

export interface LintResult {
  dir: string
  rules: number
  errors: RuleLoadError[]
}

/**
 * Validates a rule pack: schema, ids, fields against the model, and each rule's own examples. The
 * pack is checked on its own (a user pack does not need the built-in rules).
 */
export async function lintRuleDir(dir: string): Promise<LintResult> {
  const pack = loadRuleDir(dir, dir)
  const errors = [...pack.errors]
  const seen = new Map<string, string>()
  for (const rule of pack.rules) {
    const prior = seen.get(rule.id)
    if (prior) errors.push({file: rule.file, path: '/id', message: `duplicate rule id "${rule.id}" (also in ${prior})`})
    seen.set(rule.id, rule.file)
    for (const f of await testRuleExamples(rule)) {
      errors.push({file: rule.file, path: `/examples/${f.group}/${f.index}`, message: `example "${f.name}" ${f.message}`})
    }
    for (const f of await testRemediationExamples(rule))
      errors.push({file: rule.file, path: `/remediationExamples/${f.index}`, message: `remediation example "${f.name}" ${f.message}`})
  }
  return {dir, rules: pack.rules.length, errors}
}

export function renderLint(result: LintResult): string {
  const lines = result.errors.map((e) => formatLoadError(e))
  lines.push(
    result.errors.length === 0
      ? `${result.rules} rules in ${result.dir}: no problems`
      : `${result.errors.length} problem(s) in ${new Set(result.errors.map((e) => e.file)).size} file(s); ${result.rules} rules loaded`,
  )
  return lines.join('\n')
}

export {loadRules}
