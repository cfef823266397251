/**
 * JSON written as a stream, piece by piece and in chunks, so a document of tens of megabytes never
 * exists as one string. Used for `parse --json`, `diagnose --format json` and every `--output` JSON
 * file.
 *
 * Layout: objects are indented one member per line; the items of an array are one per line, each
 * item written compactly on its line. A fact, a finding or a block is one line: `grep` finds it whole,
 * and a 10 MB capture does not become a 50 MB document of indentation.
 */
import {once} from 'node:events'
import type {Writable} from 'node:stream'

const CHUNK = 1 << 16

/** Pieces of the JSON of `value` in the layout above (indent two spaces), in order. */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null'
    return
  }
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
      yield JSON.stringify(item) ?? 'null'
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
    yield* jsonPieces(v, inner)
    yield i < entries.length - 1 ? ',\n' : '\n'
  }
  yield `${indent}}`
}

/** Writes the JSON of `value` (layout above) and a newline to `out`, honouring back-pressure. */
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
