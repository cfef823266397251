/**
 * A synchronous pre-check ("gate") compiled from the same JSON conditions, with the engine's own
 * operator objects. Every json-rules-engine run costs ~20-40 µs of promise and almanac overhead even
 * for one trivial rule; a concentrator has tens of thousands of entities and nearly all of them are
 * healthy. The gate decides cheaply whether any rule of a kind can fire on an entity; only then does
 * the entity go through json-rules-engine, which stays the authority for the result.
 *
 * The gate mirrors json-rules-engine's semantics: a fact path is resolved only on object values,
 * `{fact, path}` values are looked up the same way, and an operator is applied only when its value
 * validator accepts the fact value. test/engine.test.ts checks that gate and engine agree.
 */
import type {ConditionNode, LeafCondition} from './rule.js'

export interface OperatorLike {
  evaluate(factValue: unknown, compareTo: unknown): boolean
  /** json-rules-engine's Operator keeps its callback here; used for the numeric fast path. */
  cb?: (factValue: unknown, compareTo: unknown) => boolean
}

/** Operators whose validator is json-rules-engine's numberValidator (parseFloat(x).toString() !== 'NaN'). */
const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])
/** The comparison each numeric built-in's callback makes (engine-default-operators.js). */
const NUMERIC_COMPARISON: Record<string, string | undefined> = {lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>='}

/**
 * The operator as a plain function. For the numeric operators a finite or infinite number skips the
 * engine's string-based validator (same verdict: only NaN fails it); anything else goes through it.
 */
function operatorFn(name: string, op: OperatorLike): (a: unknown, b: unknown) => boolean {
  const cb = op.cb
  if (NUMERIC.has(name) && typeof cb === 'function') return (a, b) => (typeof a === 'number' ? a === a && cb(a, b) : op.evaluate(a, b))
  return (a, b) => op.evaluate(a, b)
}

export type OperatorLookup = (name: string) => OperatorLike | undefined

/**
 * Generates the source of a gate scan or a memo reader. Every property a rule reads becomes a load
 * with a constant name in a function of its own: with one shared getter closure per leaf (as the
 * gate was first written), all rules' loads went through the same property-access site, which V8
 * then handles as megamorphic (a hash lookup per read). Only JSON.stringify'd names are written into
 * the source; operators and condition values are passed in as constants, never as text.
 */
class GateSource {
  private readonly constants: unknown[] = []
  private readonly factVars = new Map<string, string>()
  private temps = 0

  /** A constant of the generated function (operator function, condition value). */
  constant(value: unknown): string {
    this.constants.push(value)
    return `c${this.constants.length - 1}`
  }

  temp(): string {
    return `t${this.temps++}`
  }

  /**
   * Expression for the value of (fact, path), as json-rules-engine looks it up: a path is walked only
   * on an object fact value (a fact value that is not an object is the value itself), and gives
   * undefined past the first value on the path that is not an object.
   */
  read(fact: string, path: string | undefined): string {
    let factVar = this.factVars.get(fact)
    if (!factVar) this.factVars.set(fact, (factVar = `f${this.factVars.size}`))
    if (!path) return factVar
    // "$.peerHasEstablished" -> "peerHasEstablished"
    const segments = path.replace(/^\$\.?/, '').split('.').filter(Boolean)
    if (segments.length === 0) return factVar
    let expr = `${factVar}[${JSON.stringify(segments[0])}]`
    for (const seg of segments.slice(1)) {
      const t = this.temp()
      expr = `((${t} = ${expr}) === null || ${t} === undefined || typeof ${t} !== 'object' ? undefined : ${t}[${JSON.stringify(seg)}])`
    }
    return `(${factVar} !== null && typeof ${factVar} === 'object' ? ${expr} : ${factVar})`
  }

  /**
   * Builds the function (facts, ...extra parameters): constants and fact values become locals,
   * `body` is its statements.
   */
  build<F>(body: string, extraParams: string[] = []): F {
    const temps = Array.from({length: this.temps}, (_, i) => `t${i}`)
    const source = [
      ...this.constants.map((_, i) => `const c${i} = constants[${i}]`),
      `return function (${['facts', ...extraParams].join(', ')}) {`,
      ...[...this.factVars].map(([fact, v]) => `  const ${v} = facts[${JSON.stringify(fact)}]`),
      temps.length > 0 ? `  let ${temps.join(', ')}` : '',
      body,
      '}',
    ].join('\n')
    // The source holds no text from rule files except JSON-quoted property names (see above).
    return new Function('constants', source)(this.constants) as F
  }
}

function leafSource(gen: GateSource, leaf: LeafCondition, operators: OperatorLookup): string {
  const found = operators(leaf.operator)
  if (!found) throw new Error(`Unknown operator: ${leaf.operator}`)
  const v = leaf.value as {fact?: unknown; path?: string} | null
  const isRef = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact')
  const left = gen.read(leaf.fact, leaf.path)
  const right = isRef ? gen.read(String(v.fact), v.path) : gen.constant(leaf.value)
  // json-rules-engine's built-in equal/notEqual/in/notIn have no value validator: the engine runs
  // exactly these comparisons (engine-default-operators.js).
  switch (leaf.operator) {
    case 'equal':
      return `(${left} === ${right})`
    case 'notEqual':
      return `(${left} !== ${right})`
    case 'in':
      return `(${right}.indexOf(${left}) > -1)`
    case 'notIn':
      return `(${right}.indexOf(${left}) === -1)`
  }
  const fn = gen.constant(operatorFn(leaf.operator, found))
  const compare = NUMERIC_COMPARISON[leaf.operator]
  if (compare) {
    // The numeric fast path of operatorFn, inline: a number that is not NaN passes the engine's
    // validator, and the built-in callback is the plain comparison; null and undefined fail the
    // validator (parseFloat gives NaN), so the leaf is false; anything else goes through it.
    const t = gen.temp()
    return `(typeof (${t} = ${left}) === 'number' ? ${t} === ${t} && ${t} ${compare} ${right} : ${t} == null ? false : ${fn}(${t}, ${right}))`
  }
  return `${fn}(${left}, ${right})`
}

function conditionSource(gen: GateSource, node: ConditionNode, operators: OperatorLookup): string {
  if ('all' in node) return node.all.length === 0 ? 'true' : `(${node.all.map((c) => conditionSource(gen, c, operators)).join(' && ')})`
  if ('any' in node) return node.any.length === 0 ? 'false' : `(${node.any.map((c) => conditionSource(gen, c, operators)).join(' || ')})`
  if ('not' in node) return `!${conditionSource(gen, node.not, operators)}`
  return leafSource(gen, node, operators)
}

/** Index of the first rule at or after `from` whose gate passes, or -1. */
export type GateScan = (facts: Record<string, unknown>, from: number) => number

/**
 * The gates of a rule set in one function (see GateScan): one call per entity instead of one per
 * rule, the facts read once, and one function per rule set for V8 to optimize instead of one per
 * rule. The switch falls through from case `from` on: rules are tried in order.
 */
export function compileGateScan(nodes: ConditionNode[], operators: OperatorLookup): GateScan {
  const gen = new GateSource()
  const cases = nodes.map((node, i) => `    case ${i}: if (${conditionSource(gen, node, operators)}) return ${i}`)
  return gen.build<GateScan>(['  switch (from) {', ...cases, '  }', '  return -1'].join('\n'), ['from'])
}

/**
 * Compiles the reader of the values a rule reads, in the given order, each passed through `keyOf`
 * (the memo's key of a value; see memo.ts).
 */
export function compileReadValues(
  reads: ReadonlyArray<readonly [string, string | undefined]>,
): (facts: Record<string, unknown>, keyOf: (v: unknown) => unknown) => unknown[] {
  const gen = new GateSource()
  const values = reads.map(([fact, path]) => `keyOf(${gen.read(fact, path)})`)
  return gen.build(`return [${values.join(', ')}]`, ['keyOf'])
}

/** Every (fact, path) a condition tree reads, value references included. */
export function conditionReads(node: ConditionNode, out: Array<[string, string | undefined]> = []): Array<[string, string | undefined]> {
  if ('all' in node) for (const c of node.all) conditionReads(c, out)
  else if ('any' in node) for (const c of node.any) conditionReads(c, out)
  else if ('not' in node) conditionReads(node.not, out)
  else {
    out.push([node.fact, node.path])
    const v = node.value as {fact?: unknown; path?: string} | null
    if (v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact')) out.push([String(v.fact), v.path])
  }
  return out
}
