/**
 * The shape of a rule file (rules/<category>/<id>.json). rules/rule.schema.json validates the same
 * shape at load time; rules/README.md documents it for rule authors.
 */
import type {Severity, Vendor} from '../model/index.js'

/** Facts a condition may read. `entity` is the fact the rule runs on; see rules/README.md. */
export const CONDITION_FACTS = ['entity', 'derived', 'thresholds', 'context'] as const
export type ConditionFact = (typeof CONDITION_FACTS)[number]

/** json-rules-engine built-in operators plus the few registered in code by src/engine/operators.ts. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'startsWith',
  'containsAny',
  'includesText',
] as const

export interface FactReference {
  fact: ConditionFact
  path?: string
}

export interface LeafCondition {
  fact: ConditionFact
  path?: string
  operator: string
  value: unknown
}

export type ConditionNode = LeafCondition | {all: ConditionNode[]} | {any: ConditionNode[]} | {not: ConditionNode}

export interface RemediationStepSpec {
  command: string
  purpose: string
  disruptive: boolean
  /** Only for these platforms (ios, ios-xe, asa, junos-srx, junos-mx, junos-es); absent = every platform of the vendor. */
  platforms?: string[]
  /** Offered only when these <placeholders> are filled from the facts (a step that would be wrong with a guess). */
  ifKnown?: string[]
}

/** A confirm entry: a command, or a command limited like a remediation step. */
export interface ConfirmSpec {
  command: string
  platforms?: string[]
  ifKnown?: string[]
}

export function confirmSpec(c: string | ConfirmSpec): ConfirmSpec {
  return typeof c === 'string' ? {command: c} : c
}

/** Per-platform example of a rule's remediation: the rule must fire, and these are the exact commands. */
export interface RemediationExample {
  name?: string
  platform: string
  entity: Record<string, unknown>
  derived?: Record<string, unknown>
  context?: Record<string, unknown>
  thresholds?: Record<string, unknown>
  /** Remediation commands, in order, as filled for the platform. */
  expectCommands: string[]
  /** Confirm commands, in order (optional). */
  expectConfirm?: string[]
}

export interface RequiredCommand {
  /** Command in the vendor's syntax, as it should be printed to the user. */
  command: string
  /** Other commands whose output carries the same data. */
  alternatives?: string[]
  /** What the data lets the rule check, e.g. "phase 2 SAs and counters". */
  purpose: string
  /** Ask for it only when one of these commands was captured (show clock only with certificates). */
  onlyWith?: string[]
  /** Ask for it only on these platforms (a Cisco device of unknown platform counts as ios, Junos as junos). */
  platforms?: string[]
}

export interface Escalation {
  severity: Severity
  conditions: ConditionNode
  reason: string
}

export interface RuleExample {
  name?: string
  /** Partial fact of the rule's entity kind; the tester fills id, source and raw. */
  entity: Record<string, unknown>
  derived?: Record<string, unknown>
  context?: Record<string, unknown>
  thresholds?: Record<string, unknown>
  /** For `fires` examples: the severity expected after escalation (defaults to the base severity). */
  severity?: Severity
}

export type VendorMap<T> = Partial<Record<Vendor, T>>

export interface RuleSpec {
  id: string
  title: string
  severity: Severity
  category: string
  vendors: Vendor[]
  entity: string
  /** Further entity kinds the rule runs on (guard branches with {"fact": "entity", "path": "$.kind"}). */
  alsoRunsOn?: string[]
  /** Posture rules: one finding per device and severity that counts the entities (aggregate.ts). */
  aggregate?: boolean
  /** root-cause findings explain symptom findings on the same device and peer (derived.peer). */
  role?: 'root-cause' | 'symptom'
  conditions: ConditionNode
  escalations?: Escalation[]
  message: string
  /** Per entity kind the rule runs on, the message of findings on that kind where it differs from `message`. */
  messages?: Record<string, string>
  explanation: string
  evidence: string[]
  causes: string[]
  remediation: VendorMap<RemediationStepSpec[]>
  confirm?: VendorMap<Array<string | ConfirmSpec>>
  requires?: VendorMap<RequiredCommand[]>
  references?: string[]
  examples: {fires: RuleExample[]; silent: RuleExample[]}
  /** Per-platform remediation examples (see rules/README.md). */
  remediationExamples?: RemediationExample[]
}

/** A rule as loaded: the spec plus where it came from. */
export interface LoadedRule extends RuleSpec {
  file: string
  /** "builtin" for rules/ of the package, else the user pack directory. */
  pack: string
}

/** Every entity kind a rule runs on. */
export function ruleKinds(rule: Pick<RuleSpec, 'entity' | 'alsoRunsOn'>): string[] {
  return rule.alsoRunsOn && rule.alsoRunsOn.length > 0 ? [rule.entity, ...rule.alsoRunsOn] : [rule.entity]
}
