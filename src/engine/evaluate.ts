/**
 * One json-rules-engine Engine per (entity kind, vendor), built once per diagnose run and reused for
 * every entity of that kind. Each rule becomes one engine rule, and each escalation another one, so a
 * single engine run per entity yields the base result and every escalation.
 *
 * Engine options chosen for speed: a plain property-walk pathResolver instead of JSONPath,
 * allowUndefinedFacts (a missing field is just "undefined", never an exception), and entities run
 * one after the other (Promise.all fan-out is slower and allocates far more). A compiled synchronous
 * gate (gate.ts) skips the engine run for entities on which no rule of the set can fire.
 */
import {Engine, type RuleProperties} from 'json-rules-engine'
import type {Severity} from '../model/index.js'
import type {ConditionNode, RuleSpec} from './rule.js'
import {CUSTOM_OPERATORS, resolvePath} from './operators.js'
import {compileCondition, type OperatorLike, type Predicate} from './gate.js'

export interface EntityFacts {
  entity: Record<string, unknown>
  derived: Record<string, unknown>
  thresholds: object
  context: Record<string, unknown>
}

export interface RuleHit<R extends RuleSpec = RuleSpec> {
  rule: R
  baseSeverity: Severity
  severity: Severity
  /** Reason of the escalation that set the severity, if any. */
  escalation: string | null
}

interface HitParams {
  rule: number
  escalation: number
}

/** A compiled set of rules for one entity kind. */
export class RuleSetEngine<R extends RuleSpec = RuleSpec> {
  readonly rules: R[]
  private readonly engine: Engine
  private readonly gates: Predicate[]
  /** Engine runs and gate skips, for the benchmark. */
  readonly stats = {runs: 0, skipped: 0}

  /** `useGate: false` sends every entity through json-rules-engine (tests compare both paths). */
  constructor(rules: R[], private readonly options: {useGate?: boolean} = {}) {
    this.rules = rules
    this.engine = new Engine([], {allowUndefinedFacts: true, pathResolver: resolvePath})
    for (const op of CUSTOM_OPERATORS) this.engine.addOperator(op)
    const operatorMap = (this.engine as unknown as {operators: {get(name: string): OperatorLike | undefined}}).operators
    this.gates = rules.map((r) => compileCondition(r.conditions, (name) => operatorMap.get(name)))
    rules.forEach((rule, ri) => {
      this.engine.addRule(engineRule(rule.id, rule.conditions, {rule: ri, escalation: -1}))
      rule.escalations?.forEach((esc, ei) => {
        this.engine.addRule(engineRule(`${rule.id}#${ei}`, esc.conditions, {rule: ri, escalation: ei}))
      })
    })
  }

  /** Runs every rule on one entity; returns the rules that fired with their final severity. */
  async evaluate(facts: EntityFacts): Promise<Array<RuleHit<R>>> {
    if (this.options.useGate !== false && !this.gates.some((g) => g(facts as unknown as Record<string, unknown>))) {
      this.stats.skipped++
      return []
    }
    this.stats.runs++
    const {events} = await this.engine.run(facts as unknown as Record<string, unknown>)
    if (events.length === 0) return []
    const fired = new Map<number, number[]>()
    for (const ev of events) {
      const p = ev.params as unknown as HitParams
      const list = fired.get(p.rule) ?? []
      list.push(p.escalation)
      fired.set(p.rule, list)
    }
    const hits: Array<RuleHit<R>> = []
    for (const [ri, list] of [...fired.entries()].sort((a, b) => a[0] - b[0])) {
      if (!list.includes(-1)) continue // an escalation alone means nothing without the base rule
      const rule = this.rules[ri]
      const escalations = list.filter((e) => e >= 0).sort((a, b) => a - b)
      const first = escalations.length > 0 ? rule.escalations![escalations[0]] : undefined
      hits.push({rule, baseSeverity: rule.severity, severity: first?.severity ?? rule.severity, escalation: first?.reason ?? null})
    }
    return hits
  }
}

function engineRule(name: string, conditions: ConditionNode, params: HitParams): RuleProperties {
  return {
    name,
    conditions: conditions as unknown as RuleProperties['conditions'],
    event: {type: 'hit', params: params as unknown as Record<string, unknown>},
  }
}
