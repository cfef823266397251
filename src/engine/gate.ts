/**
 * A synchronous pre-check ("gate") compiled from the same JSON conditions, with the engine's own
 * operator objects. Every json-rules-engine run costs ~20-40 µs of promise and almanac overhead even
 * for one trivial rule; a concentrator has tens of thousands of entities and nearly all of them are
 * healthy. The gate decides cheaply whether any rule of a kind can fire on an entity; only then does
 * the entity go through json-rules-engine, which stays the authority for the result.
 *
 * The gate mirrors json-rules-engine's semantics: a fact path is resolved only on object values,
 * `{fact, path}` values are looked up the same way, and an operator is applied only when its value
 * validator accepts the fact value. test/engine.test.ts checks that gate and engine agree. The gate is
 * plain code built once per rule set (closures over the conditions); it never compiles text.
 */
import type {ConditionNode, LeafCondition} from './rule.js'

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

type Facts = Record<string, unknown>
type Read = (facts: Facts) => unknown
type Test = (facts: Facts) => boolean

/**
 * Reads (fact, path) as json-rules-engine does: a path is walked only on an object fact value (a fact
 * value that is not an object is the value itself), and gives undefined past the first value on the
 * path that is not an object.
 */
function reader(fact: string, path: string | undefined): Read {
  // "$.peerHasEstablished" -> ["peerHasEstablished"], "$.dpd.acksMissed" -> ["dpd", "acksMissed"]
  const segments = path ? path.replace(/^\$\.?/, '').split('.').filter(Boolean) : []
  if (segments.length === 0) return (facts) => facts[fact]
  return (facts) => {
    const value = facts[fact]
    if (value === null || typeof value !== 'object') return value
    let v: unknown = value
    for (const seg of segments) {
      if (v === null || v === undefined || typeof v !== 'object') return undefined
      v = (v as Record<string, unknown>)[seg]
    }
    return v
  }
}

const NUMERIC_TEST: Record<string, ((a: number, b: never) => boolean) | undefined> = {
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
}

function leafTest(leaf: LeafCondition, operators: OperatorLookup): Test {
  const found = operators(leaf.operator)
  if (!found) throw new Error(`Unknown operator: ${leaf.operator}`)
  const v = leaf.value as {fact?: unknown; path?: string} | null
  const isRef = v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, 'fact')
  const left = reader(leaf.fact, leaf.path)
  const constant = leaf.value
  const right: Read = isRef ? reader(String(v.fact), v.path) : () => constant
  // json-rules-engine's built-in equal/notEqual/in/notIn have no value validator: the engine runs
  // exactly these comparisons (engine-default-operators.js).
  switch (leaf.operator) {
    case 'equal':
      return (f) => left(f) === right(f)
    case 'notEqual':
      return (f) => left(f) !== right(f)
    case 'in':
      return (f) => (right(f) as unknown[]).indexOf(left(f)) > -1
    case 'notIn':
      return (f) => (right(f) as unknown[]).indexOf(left(f)) === -1
  }
  const fn = operatorFn(leaf.operator, found)
  const numeric = NUMERIC_TEST[leaf.operator]
  if (numeric) {
    // a number that is not NaN passes the engine's validator and the built-in callback is the plain
    // comparison; null and undefined fail the validator (parseFloat gives NaN): the leaf is false
    return (f) => {
      const a = left(f)
      if (typeof a === 'number') return a === a && numeric(a, right(f) as never)
      return a === null || a === undefined ? false : fn(a, right(f))
    }
  }
  return (f) => fn(left(f), right(f))
}

function conditionTest(node: ConditionNode, operators: OperatorLookup): Test {
  if ('all' in node) {
    const parts = node.all.map((c) => conditionTest(c, operators))
    return (f) => parts.every((t) => t(f))
  }
  if ('any' in node) {
    const parts = node.any.map((c) => conditionTest(c, operators))
    return (f) => parts.some((t) => t(f))
  }
  if ('not' in node) {
    const inner = conditionTest(node.not, operators)
    return (f) => !inner(f)
  }
  return leafTest(node, operators)
}

/** Index of the first rule at or after `from` whose gate passes, or -1. */
export type GateScan = (facts: Facts, from: number) => number

/**
 * The gates of a rule set: one call per entity tries the rules in order from `from` and returns the
 * first whose conditions hold. Plain closures built once per rule set; nothing is compiled from text.
 */
export function compileGateScan(nodes: ConditionNode[], operators: OperatorLookup): GateScan {
  const tests = nodes.map((node) => conditionTest(node, operators))
  return (facts, from) => {
    for (let i = from; i < tests.length; i++) if (tests[i](facts)) return i
    return -1
  }
}

/** The reader of the values a rule reads, in the given order, each passed through `keyOf` (the memo's key; see memo.ts). */
export function compileReadValues(reads: ReadonlyArray<readonly [string, string | undefined]>): (facts: Facts, keyOf: (v: unknown) => unknown) => unknown[] {
  const readers = reads.map(([fact, path]) => reader(fact, path))
  return (facts, keyOf) => readers.map((r) => keyOf(r(facts)))
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
