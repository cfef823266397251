/**
 * Junos `| display json` and `| display xml` captures -> one element tree with line ranges, so the
 * record readers in structured.ts work on both. JSON is read by a small position-tracking reader
 * (Junos JSON wraps every leaf as [{"data": "..."}]); XML by fast-xml-parser with captureMetaData.
 */
import {createRequire} from 'node:module'
import type {Line} from '../types.js'

export interface XNode {
  name: string
  /** Leaf text ("data" in JSON, element text in XML); null for containers. */
  text: string | null
  children: XNode[]
  /** Line the leaf text is printed on (the "data" line in JSON). */
  textLine: number
  /** Capture line numbers (1-based) of the element's first and last line. */
  start: number
  end: number
}

/** Maps character offsets of the joined block text back to capture line numbers. */
class Offsets {
  private readonly starts: number[] = []
  readonly text: string
  constructor(private readonly lines: Line[]) {
    let pos = 0
    for (const l of lines) {
      this.starts.push(pos)
      pos += l.text.length + 1
    }
    this.text = lines.map((l) => l.text).join('\n')
  }

  lineAt(offset: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return this.lines[lo]?.n ?? 1
  }
}

type JValue = {kind: 'object'; entries: Array<[string, JValue]>; start: number; end: number} | {kind: 'array'; items: JValue[]; start: number; end: number} | {kind: 'scalar'; value: string | null; start: number; end: number}

/** Minimal JSON reader that keeps start/end offsets of every value. Throws SyntaxError on bad input. */
function readJson(text: string): JValue {
  let i = 0
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++
  }
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${i}`)
  }
  const str = (): string => {
    let out = ''
    i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const c = text[i + 1]
        if (c === 'u') {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16))
          i += 6
          continue
        }
        out += ({n: '\n', t: '\t', r: '\r', b: '\b', f: '\f'} as Record<string, string>)[c] ?? c
        i += 2
        continue
      }
      out += text[i++]
    }
    if (text[i] !== '"') fail('unterminated string')
    i++
    return out
  }
  const value = (): JValue => {
    ws()
    const start = i
    const c = text[i]
    if (c === '{') {
      i++
      const entries: Array<[string, JValue]> = []
      ws()
      if (text[i] === '}') return {kind: 'object', entries, start, end: ++i - 1}
      for (;;) {
        ws()
        if (text[i] !== '"') fail('expected a key')
        const key = str()
        ws()
        if (text[i++] !== ':') fail('expected ":"')
        entries.push([key, value()])
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') return {kind: 'object', entries, start, end: i++}
        fail('expected "," or "}"')
      }
    }
    if (c === '[') {
      i++
      const items: JValue[] = []
      ws()
      if (text[i] === ']') return {kind: 'array', items, start, end: i++}
      for (;;) {
        items.push(value())
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') return {kind: 'array', items, start, end: i++}
        fail('expected "," or "]"')
      }
    }
    if (c === '"') {
      const s = str()
      return {kind: 'scalar', value: s, start, end: i - 1}
    }
    // numbers, true/false/null
    const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 40))
    if (!m) return fail('unexpected character')
    i += m[0].length
    return {kind: 'scalar', value: m[0] === 'null' ? null : m[0], start, end: i - 1}
  }
  const v = value()
  ws()
  if (i < text.length) fail('trailing text')
  return v
}

/** Junos JSON convention -> XNode: {"name": [ {...} | {"data": "x"} ]}; "attributes" are dropped. */
function jsonChildren(obj: JValue, off: Offsets): XNode[] {
  if (obj.kind !== 'object') return []
  const out: XNode[] = []
  for (const [key, val] of obj.entries) {
    if (key === 'attributes' || key === 'data') continue
    const items = val.kind === 'array' ? val.items : [val]
    for (const item of items) {
      const start = off.lineAt(item.start)
      const node: XNode = {name: key, text: null, children: [], textLine: start, start, end: off.lineAt(item.end)}
      if (item.kind === 'scalar') node.text = item.value
      else if (item.kind === 'object') {
        const data = item.entries.find(([k]) => k === 'data')
        if (data && data[1].kind === 'scalar') {
          node.text = data[1].value
          node.textLine = off.lineAt(data[1].start)
        }
        node.children = jsonChildren(item, off)
      }
      out.push(node)
    }
  }
  return out
}

type XmlModule = typeof import('fast-xml-parser')
let xmlModule: XmlModule | undefined

/** fast-xml-parser, loaded for the first "| display xml" block: other runs skip its ~50-90 ms of loading. */
function xml(): XmlModule {
  xmlModule ??= createRequire(import.meta.url)('fast-xml-parser') as XmlModule
  return xmlModule
}

function xmlChildren(obj: Record<string | symbol, unknown>, off: Offsets, source: string, META: symbol): XNode[] {
  const out: XNode[] = []
  for (const key of Object.keys(obj)) {
    if (key === '#text') continue
    const list = obj[key]
    for (const item of Array.isArray(list) ? list : [list]) {
      if (item === null || typeof item !== 'object') continue
      const rec = item as Record<string | symbol, unknown>
      const meta = rec[META] as {startIndex?: number; endIndex?: number} | undefined
      const startOff = meta?.startIndex ?? 0
      // endIndex points just past the closing tag
      const endOff = Math.max(startOff, (meta?.endIndex ?? startOff + 1) - 1)
      const text = typeof rec['#text'] === 'string' ? (rec['#text'] as string) : null
      const start = off.lineAt(startOff)
      out.push({name: key, text, children: xmlChildren(rec, off, source, META), textLine: start, start, end: off.lineAt(endOff)})
    }
  }
  return out.sort((a, b) => a.start - b.start)
}

export type StructuredFormat = 'json' | 'xml'

/** "| display json" -> json; "| display xml" -> xml; anything else null. */
export function structuredFormat(pipe: string | null): StructuredFormat | null {
  if (!pipe) return null
  // "| display json", "| display xml" (the ingest normalizes abbreviations)
  const m = /\|\s*display\s+(json|xml)\b/i.exec(pipe)
  return m ? (m[1].toLowerCase() as StructuredFormat) : null
}

/** Reads the block into a tree whose root is a synthetic "#document" node. Throws on malformed input. */
export function readTree(lines: Line[], format: StructuredFormat): XNode {
  const off = new Offsets(lines)
  const first = lines[0]?.n ?? 1
  const last = lines.at(-1)?.n ?? 1
  if (format === 'json') {
    const root = readJson(off.text)
    return {name: '#document', text: null, children: jsonChildren(root, off), textLine: first, start: first, end: last}
  }
  const {XMLParser} = xml()
  const parser = new XMLParser({
    ignoreAttributes: true, removeNSPrefix: true, isArray: () => true, parseTagValue: false, trimValues: true,
    alwaysCreateTextNode: true, captureMetaData: true, ignoreDeclaration: true,
  })
  const doc = parser.parse(off.text, true) as Record<string, unknown>
  return {name: '#document', text: null, children: xmlChildren(doc, off, off.text, XMLParser.getMetaDataSymbol() as unknown as symbol), textLine: first, start: first, end: last}
}

/** Every descendant named `name`, in document order, with the chassis-cluster node it sits under. */
export function findRecords(root: XNode, name: string): Array<{node: XNode; reName: string | null}> {
  const out: Array<{node: XNode; reName: string | null}> = []
  const walk = (n: XNode, reName: string | null) => {
    // <multi-routing-engine-item><re-name>node0</re-name> ...
    const re = n.children.find((c) => c.name === 're-name')?.text ?? reName
    for (const c of n.children) {
      if (c.name === name) out.push({node: c, reName: re})
      else walk(c, re)
    }
  }
  walk(root, null)
  return out
}

/** Text of the first child named `name`, or null. */
export function leaf(node: XNode, name: string): string | null {
  const c = node.children.find((x) => x.name === name)
  return c?.text?.trim() ?? null
}

/** The child node named `name` (for its line numbers). */
export function child(node: XNode, name: string): XNode | null {
  return node.children.find((x) => x.name === name) ?? null
}
