/**
 * Output plumbing of `diagnose`: pairing `--format`/`--output` in the order typed, rendering one
 * format, and listing the rule/entity pairs a run checked (for JUnit's passing test cases).
 */
import type {DiagnoseDocument, Fact, ParseDocument, Severity, Vendor} from '../model/index.js'
import {FACT_KINDS} from '../model/constants.js'
import type {CheckedPair} from './junit.js'
import type {CheckedOutput} from './nothing-found.js'
import type {Symptom} from '../engine/symptoms.js'
import type {SarifRuleMeta} from './sarif.js'

export const FORMATS = ['table', 'json', 'junit', 'sarif', 'markdown'] as const
export type Format = (typeof FORMATS)[number]

export interface OutputTarget {
  format: Format
  /** File to write, or null for stdout. */
  file: string | null
}

const FORMAT_FLAGS = new Set(['--format', '-f'])
const OUTPUT_FLAGS = new Set(['--output', '-o'])

function splitFlag(token: string): {name: string; value: string | null} {
  const eq = token.indexOf('=')
  return eq > 0 && token.startsWith('--') ? {name: token.slice(0, eq), value: token.slice(eq + 1)} : {name: token, value: null}
}

/**
 * Reads the raw argv: each `--output` belongs to the nearest `--format` before it that has none yet
 * (`--format junit --output r.xml --format sarif --output r.sarif`). An `--output` before any
 * `--format` writes the table. `--json` is json to stdout. No format at all means the table on stdout.
 */
export function pairOutputs(argv: readonly string[]): {targets: OutputTarget[]; errors: string[]} {
  const targets: OutputTarget[] = []
  const errors: string[] = []
  let pending: OutputTarget | null = null
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (token === '--') break
    const {name, value: inline} = splitFlag(token)
    const isFormat = FORMAT_FLAGS.has(name)
    const isOutput = OUTPUT_FLAGS.has(name)
    if (token === '--json') {
      targets.push({format: 'json', file: null})
      continue
    }
    if (!isFormat && !isOutput) continue
    const value = inline ?? argv[++i]
    if (value === undefined) {
      errors.push(`${name} needs a value`)
      break
    }
    if (isFormat) {
      if (!(FORMATS as readonly string[]).includes(value)) {
        errors.push(`--format ${value}: expected one of ${FORMATS.join(', ')}`)
        continue
      }
      pending = {format: value as Format, file: null}
      targets.push(pending)
    } else if (pending) {
      pending.file = value
      pending = null
    } else if (targets.length === 0) {
      targets.push({format: 'table', file: value})
    } else {
      errors.push(`--output ${value} has no --format before it without an output`)
    }
  }
  if (targets.length === 0) targets.push({format: 'table', file: null})
  const toStdout = targets.filter((t) => t.file === null)
  if (toStdout.length > 1) {
    errors.push(`only one format can go to stdout (${toStdout.map((t) => t.format).join(', ')}): give the others an --output FILE`)
  }
  const files = targets.filter((t) => t.file !== null).map((t) => t.file)
  const dup = files.find((f, i) => files.indexOf(f) !== i)
  if (dup) errors.push(`--output ${dup} is given twice`)
  return {targets, errors}
}

/** A rule as far as the reports need it (the engine's LoadedRule fits). */
export interface RuleInfo extends SarifRuleMeta {
  entity: string
  /** Further entity kinds the rule checks (e.g. crypto map entries for weak-algorithm rules). */
  alsoRunsOn?: string[]
  vendors: Vendor[]
}

/** Every rule/entity pair the run checked: a rule checks each fact of its entity kind on its vendors. */
export function enumerateChecks(
  parse: ParseDocument,
  rules: readonly RuleInfo[],
  disabledFor: (device: string) => ReadonlySet<string>,
  labelOf: (fact: Fact) => string,
): CheckedPair[] {
  const checks: CheckedPair[] = []
  for (const kind of FACT_KINDS) {
    const kindRules = rules.filter((r) => r.entity === kind || (r.alsoRunsOn ?? []).includes(kind))
    if (kindRules.length === 0) continue
    for (const fact of (parse.facts[kind] ?? []) as Fact[]) {
      const off = disabledFor(fact.source.device)
      // One label and one entity object per fact, shared by its checks (a concentrator has ~10^6 checks).
      let entity: CheckedPair['entity'] | undefined
      for (const r of kindRules) {
        if (!r.vendors.includes(fact.source.vendor) || off.has(r.id)) continue
        entity ??= {kind, id: fact.id, label: labelOf(fact)}
        checks.push({device: fact.source.device, ruleId: r.id, entity})
      }
    }
  }
  return checks
}

export interface RenderContext {
  color: boolean
  failOn: Severity | 'never'
  rules?: RuleInfo[]
  checks?: CheckedPair[]
  devices?: string[]
  /** The outputs read per device, for the table and Markdown when no rule fires. */
  checked?: CheckedOutput[]
  /** --symptom: the next command suggested when nothing fires is the one that decides it. */
  symptom?: Symptom | null
}

export async function renderFormat(format: Format, doc: DiagnoseDocument, ctx: RenderContext): Promise<string> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).renderTable(doc, {color: ctx.color, checked: ctx.checked, symptom: ctx.symptom})
    case 'json':
      return (await import('./json.js')).renderJson(doc)
    case 'junit':
      return (await import('./junit.js')).renderJunit(doc, {failOn: ctx.failOn, checks: ctx.checks, devices: ctx.devices})
    case 'sarif':
      return (await import('./sarif.js')).renderSarif(doc, {rules: ctx.rules})
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown(doc, {checked: ctx.checked, symptom: ctx.symptom})
  }
}
