/**
 * The few operators the rule pack adds to json-rules-engine's built-ins. They live in code; rule
 * files can only name them (user packs cannot define operators).
 */
import {Operator} from 'json-rules-engine'

const isString = (v: unknown) => typeof v === 'string'

export const CUSTOM_OPERATORS: Operator[] = [
  // "MM_WAIT_MSG4" startsWith "MM_WAIT_MSG"; value may also be a list of prefixes.
  new Operator<string, string | string[]>(
    'startsWith',
    (a, b) => (Array.isArray(b) ? b.some((p) => a.startsWith(p)) : a.startsWith(b)),
    isString,
  ),
  // ["nat-traversal", "waiting for remove"] containsAny ["waiting for remove"]
  new Operator<unknown[], unknown[]>('containsAny', (a, b) => Array.isArray(b) && b.some((x) => a.includes(x)), Array.isArray),
  // "peer not responding to DPD" includesText "not responding" (case-insensitive)
  new Operator<string, string>('includesText', (a, b) => a.toLowerCase().includes(String(b).toLowerCase()), isString),
]

/** Plain property walk for "$.a.b" paths: much cheaper than JSONPath and enough for our facts. */
export function resolvePath(value: unknown, path: string): unknown {
  let cur: unknown = value
  let start = path.startsWith('$.') ? 2 : path.startsWith('$') ? 1 : 0
  while (start < path.length) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined
    let end = path.indexOf('.', start)
    if (end === -1) end = path.length
    cur = (cur as Record<string, unknown>)[path.slice(start, end)]
    start = end + 1
  }
  return cur
}
