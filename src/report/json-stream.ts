/**
 * JSON written as a stream: the same text as `JSON.stringify(value, null, 2)` plus a newline, produced
 * piece by piece and written in chunks, so a document of tens of megabytes never exists as one
 * string. Used for `parse --json`, `diagnose --format json` and every `--output` JSON file.
 */
import {once} from 'node:events'
import type {Writable} from 'node:stream'

const CHUNK = 1 << 16

/** Pieces of the pretty-printed JSON of `value` (indent two spaces), in order. */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null'
    return
  }
  // objects and arrays without nested containers are small: one piece
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]'
      return
    }
    yield '[\n'
    for (let i = 0; i < value.length; i++) {
      yield inner
      const item = value[i] === undefined || typeof value[i] === 'function' ? null : value[i]
      yield* leafOrPieces(item, inner)
      yield i < value.length - 1 ? ',\n' : '\n'
    }
    yield `${indent}]`
    return
  }
  if (typeof (value as {toJSON?: unknown}).toJSON === 'function') {
    yield* jsonPieces((value as {toJSON: () => unknown}).toJSON(), indent)
    return
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function')
  if (entries.length === 0) {
    yield '{}'
    return
  }
  yield '{\n'
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]
    yield `${inner}${JSON.stringify(k)}: `
    yield* leafOrPieces(v, inner)
    yield i < entries.length - 1 ? ',\n' : '\n'
  }
  yield `${indent}}`
}

/** A fact-sized value is stringified in one call (fast); only the big containers are walked. */
function* leafOrPieces(value: unknown, indent: string): Generator<string> {
  if (value !== null && typeof value === 'object' && isSmall(value)) {
    yield JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`)
    return
  }
  yield* jsonPieces(value, indent)
}

/** No array of more than a handful of items directly inside: a fact, a finding, a block. */
function isSmall(value: object): boolean {
  if (Array.isArray(value)) return value.length <= 8 && value.every((v) => v === null || typeof v !== 'object' || !Array.isArray(v) || v.length <= 8)
  for (const v of Object.values(value)) if (Array.isArray(v) && v.length > 8) return false
  return true
}

/** Writes the pretty-printed JSON of `value` and a newline to `out`, honouring back-pressure. */
export async function writeJson(out: Writable, value: unknown): Promise<void> {
  let buffer = ''
  for (const piece of jsonPieces(value)) {
    buffer += piece
    if (buffer.length >= CHUNK) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  buffer += '\n'
  if (!out.write(buffer)) await once(out, 'drain')
}
