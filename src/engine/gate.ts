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

export type Predicate = (facts: Record<string, unknown>) => boolean

export interface OperatorLike {
  evaluate(factValue: unknown, compareTo: unknown): boolean
  /** json-rules-engine's Operator keeps its callback here; used for the numeric fast path. */
  cb?: (factValue: unknown, compareTo: unknown) => boolean
}

/** Operators whose validator is json-rules-engine's numberValidator (parseFloat(x).toString() !== 'NaN'). */
const NUMERIC = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'])

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

export type Getter = (facts: Record<string, unknown>) => unknown

/** Compiles "$.a.b" on fact F to a getter with the segments split once (the gate runs per entity). */
export function compileGetter(fact: string, path: string | undefined): Getter {
  if (!path) return (facts) => facts[fact]
  const segments = path.replace(/^\$\.?/, '').split('.').filter(Boolean)
  if (segments.length === 1) {
    const key = segments[0]
    return (facts) => {
      const value = facts[fact]
      return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : value
    }
  }
  return (facts) => {
    const value = facts[fact]
    if (value === null || typeof value !== 'object') return value
    let cur: unknown = value
    for (const seg of segments) {
      if (cur === null || cur === undefined || typeof cur !== 'object') return undefined
      cur = (cur as Record<string, unknown>)[seg]
    }
    return cur
  }
}

function compileLeaf(leaf: LeafCondition, operators: OperatorLookup): Predicate {
  const found = operators(leaf.operator)
  if (!found) throw new Error(`Unknown operator: ${leaf.operator}`)
  const evaluate = operatorFn(leaf.operator, found)
  const v = leaf.value as {fact?: unknown; path?: string} | null
  const isRef = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact')
  const left = compileGetter(leaf.fact, leaf.path)
  if (isRef) {
    const right = compileGetter(String(v.fact), v.path)
    return (facts) => evaluate(left(facts), right(facts))
  }
  const literal = leaf.value
  return (facts) => evaluate(left(facts), literal)
}

export function compileCondition(node: ConditionNode, operators: OperatorLookup): Predicate {
  if ('all' in node) {
    const parts = node.all.map((c) => compileCondition(c, operators))
    return (facts) => parts.every((p) => p(facts))
  }
  if ('any' in node) {
    const parts = node.any.map((c) => compileCondition(c, operators))
    return (facts) => parts.some((p) => p(facts))
  }
  if ('not' in node) {
    const inner = compileCondition(node.not, operators)
    return (facts) => !inner(facts)
  }
  return compileLeaf(node, operators)
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

/** Serializes the values a rule reads into a memo key; undefined, null, numbers and strings stay distinct. */
export function readKey(getters: Getter[], facts: Record<string, unknown>): string {
  let key = ''
  for (const get of getters) {
    const v = get(facts)
    key +=
      v === undefined ? 'U|' : v === null ? 'N|' : typeof v === 'number' ? `n${v}|` : typeof v === 'boolean' ? (v ? 'T|' : 'F|') : `j${JSON.stringify(v)}|`
  }
  return key
}
