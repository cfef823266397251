/**
 * One RuleSetEngine per (entity kind, vendor), built once per diagnose run and reused for every
 * entity of that kind. Inside, each rule has its own json-rules-engine Engine holding the rule and
 * one engine rule per escalation, so one run yields the base result and every escalation.
 *
 * Engine options chosen for speed: a plain property-walk pathResolver instead of JSONPath,
 * allowUndefinedFacts (a missing field is just "undefined", never an exception), and entities run
 * one after the other (Promise.all fan-out is slower and allocates far more). A compiled synchronous
 * gate (gate.ts) skips the engine run for entities on which no rule of the set can fire.
 */
import {Engine, Fact, type RuleProperties} from 'json-rules-engine'
import type {Severity} from '../model/index.js'
import type {ConditionNode, RuleSpec} from './rule.js'
import {CUSTOM_OPERATORS, resolvePath} from './operators.js'
import {compileGateScan, compileReadValues, conditionReads, type GateScan, type OperatorLike} from './gate.js'
import {VerdictMemo, type MemoKey} from './memo.js'

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

/** The result of evaluate() for an entity on which no rule can fire (never mutated). */
const NO_HITS: ReadonlyArray<RuleHit> = Object.freeze([])

/** The memo key when the memo is off (useGate: false). */
const NO_KEY: MemoKey = []

/** Memo entries per rule; past it, new combinations are still evaluated, just not remembered. */
const MEMO_LIMIT = 50_000

interface HitParams {
  rule: number
  escalation: number
}

/** A compiled set of rules for one entity kind. */
export class RuleSetEngine<R extends RuleSpec = RuleSpec> {
  readonly rules: R[]
  /**
   * One json-rules-engine Engine per rule (its base conditions plus one engine rule per escalation),
   * created on the rule's first run: on a capture most rules never pass their gate.
   */
  private readonly engines: Array<Engine | undefined>
  /** The compiled gates of all rules (gate.ts). */
  private readonly gateScan: GateScan
  /**
   * Per rule: engine verdict by the values its conditions and escalations read (-2 = did not fire,
   * -1 = fired, n >= 0 = escalation n).
   */
  private readonly memo: Array<VerdictMemo | undefined>
  /** Engine runs, memo hits and gate skips, for the benchmark. */
  readonly stats = {runs: 0, memoHits: 0, skipped: 0}

  /** `useGate: false` sends every entity through every rule's engine (tests compare both paths). */
  constructor(rules: R[], private readonly options: {useGate?: boolean} = {}) {
    this.rules = rules
    this.engines = rules.map(() => undefined)
    // The gates use the engine's own operator objects (the built-ins and ours are shared by all engines).
    const operatorMap = (newEngine() as unknown as {operators?: {get(name: string): OperatorLike | undefined}}).operators
    this.gateScan = compileGateScan(
      rules.map((r) => r.conditions),
      (name) => operatorMap?.get(name),
    )
    this.memo = rules.map(() => undefined)
  }

  private engine(ri: number): Engine {
    let engine = this.engines[ri]
    if (!engine) {
      const rule = this.rules[ri]
      engine = this.engines[ri] = newEngine()
      engine.addRule(engineRule(rule.id, rule.conditions, {rule: ri, escalation: -1}))
      rule.escalations?.forEach((esc, ei) => engine!.addRule(engineRule(`${rule.id}#${ei}`, esc.conditions, {rule: ri, escalation: ei})))
    }
    return engine
  }

  /** The verdict memo of rule `ri`, built on its first use (undefined with the gate off). */
  private memoOf(ri: number): VerdictMemo | undefined {
    if (this.options.useGate === false) return undefined
    let memo = this.memo[ri]
    if (!memo) {
      const rule = this.rules[ri]
      const pairs = conditionReads(rule.conditions)
      for (const e of rule.escalations ?? []) conditionReads(e.conditions, pairs)
      const reads = [...new Map(pairs.map(([f, p]) => [`${f}\u0000${p ?? ''}`, [f, p] as const])).values()]
      memo = this.memo[ri] = new VerdictMemo(compileReadValues(reads), MEMO_LIMIT)
    }
    return memo
  }

  /**
   * Runs the rules on one entity; returns the rules that fired with their final severity. Only the
   * engines of rules whose gate passes run: json-rules-engine clones a rule's conditions on every
   * run, so running the whole set for one matching rule would cost as much as running all of them.
   *
   * The result is a plain array when no engine had to run (no gate passed, or every verdict came from
   * the memo), which is the case for nearly every entity of a large capture; a promise otherwise.
   * `await` works on both.
   */
  evaluate(facts: EntityFacts): Array<RuleHit<R>> | Promise<Array<RuleHit<R>>> {
    const plain = facts as unknown as Record<string, unknown>
    // Allocated on the first gate that passes: most entities pass none and share NO_HITS.
    let hits: Array<RuleHit<R>> | undefined
    for (let ri = this.next(plain, 0); ri >= 0; ri = this.next(plain, ri + 1)) {
      hits ??= []
      const memo = this.memoOf(ri)
      const key = memo ? memo.key(plain) : NO_KEY
      const known = memo?.get(key)
      if (known === undefined) return this.evaluateFrom(ri, key, plain, hits)
      this.stats.memoHits++
      this.addHit(ri, known, hits)
    }
    if (!hits) {
      this.stats.skipped++
      return NO_HITS as Array<RuleHit<R>>
    }
    return hits
  }

  /** The rest of evaluate() from rule `ri` on, once an engine run is needed (`key`: its memo key). */
  private async evaluateFrom(ri: number, key: MemoKey, plain: Record<string, unknown>, hits: Array<RuleHit<R>>): Promise<Array<RuleHit<R>>> {
    this.addHit(ri, await this.run(ri, key, plain), hits)
    for (ri = this.next(plain, ri + 1); ri >= 0; ri = this.next(plain, ri + 1)) this.addHit(ri, await this.verdict(ri, plain), hits)
    return hits
  }

  /** The next rule at or after `from` to run on the entity: one whose gate passes, any with the gate off; -1 when none. */
  private next(plain: Record<string, unknown>, from: number): number {
    if (this.options.useGate === false) return from < this.rules.length ? from : -1
    return this.gateScan(plain, from)
  }

  private addHit(ri: number, verdict: number, hits: Array<RuleHit<R>>): void {
    if (verdict === -2) return
    const rule = this.rules[ri]
    const first = verdict >= 0 ? rule.escalations![verdict] : undefined
    hits.push({rule, baseSeverity: rule.severity, severity: first?.severity ?? rule.severity, escalation: first?.reason ?? null})
  }

  /**
   * json-rules-engine's verdict for rule `ri`, memoized on the values the rule reads: the result is a
   * function of those values only, and on a concentrator thousands of entities share them (same
   * cipher, same flags), so each distinct combination is run through the engine once.
   */
  private async verdict(ri: number, facts: Record<string, unknown>): Promise<number> {
    const memo = this.memoOf(ri)
    const key = memo ? memo.key(facts) : NO_KEY
    const known = memo?.get(key)
    if (known !== undefined) {
      this.stats.memoHits++
      return known
    }
    return this.run(ri, key, facts)
  }

  /** One json-rules-engine run of rule `ri` (-2 = did not fire, -1 = fired, n >= 0 = escalation n). */
  private async run(ri: number, key: MemoKey, facts: Record<string, unknown>): Promise<number> {
    const memo = this.memoOf(ri)
    this.stats.runs++
    const {events} = await this.engine(ri).run(uncachedFacts(facts))
    const fired = events.map((ev) => (ev.params as unknown as HitParams).escalation)
    // An escalation alone means nothing without the base rule; the first matching escalation wins.
    const escalations = fired.filter((e) => e >= 0).sort((a, b) => a - b)
    const verdict = !fired.includes(-1) ? -2 : escalations.length > 0 ? escalations[0] : -1
    memo?.set(key, verdict)
    return verdict
  }
}

/**
 * The entity facts as json-rules-engine constant facts without a cache key. A plain value would get
 * the default {cache: true}, which hashes the fact id and params once per fact per run; the almanac
 * reads a constant fact's value directly either way, so the result is the same.
 */
function uncachedFacts(facts: Record<string, unknown>): Record<string, Fact> {
  const out: Record<string, Fact> = {}
  for (const id in facts) out[id] = new Fact(id, facts[id], {cache: false})
  return out
}

function newEngine(): Engine {
  const engine = new Engine([], {allowUndefinedFacts: true, pathResolver: resolvePath})
  for (const op of CUSTOM_OPERATORS) engine.addOperator(op)
  return engine
}

function engineRule(name: string, conditions: ConditionNode, params: HitParams): RuleProperties {
  return {
    name,
    conditions: conditions as unknown as RuleProperties['conditions'],
    event: {type: 'hit', params: params as unknown as Record<string, unknown>},
  }
}
