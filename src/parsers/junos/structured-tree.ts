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
  /** True when the capture ends inside the element (cut output: the reader closed it). */
  cut?: true
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

type JValue = ({kind: 'object'; entries: Array<[string, JValue]>} | {kind: 'array'; items: JValue[]} | {kind: 'scalar'; value: string | null}) & {start: number; end: number; cut?: true}

/**
 * Minimal JSON reader that keeps start/end offsets of every value. A document that ends inside an
 * object or array (output cut by the author) is closed there, the open values marked `cut`; anything
 * else malformed throws SyntaxError.
 */
function readJson(text: string): JValue {
  let i = 0
  const atEnd = () => i >= text.length
  const cutAt = <T extends JValue>(v: T): T => {
    v.end = Math.max(v.start, text.length - 1)
    v.cut = true
    return v
  }
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
      const obj: JValue & {kind: 'object'} = {kind: 'object', entries: [], start, end: start}
      ws()
      if (text[i] === '}') return {...obj, end: ++i - 1}
      for (;;) {
        ws()
        if (atEnd()) return cutAt(obj)
        if (text[i] !== '"') fail('expected a key')
        const key = str()
        ws()
        if (atEnd()) return cutAt(obj)
        if (text[i++] !== ':') fail('expected ":"')
        ws()
        if (atEnd()) return cutAt(obj)
        const v = value()
        obj.entries.push([key, v])
        if (v.cut) return cutAt(obj)
        ws()
        if (atEnd()) return cutAt(obj)
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          obj.end = i++
          return obj
        }
        fail('expected "," or "}"')
      }
    }
    if (c === '[') {
      i++
      const arr: JValue & {kind: 'array'} = {kind: 'array', items: [], start, end: start}
      ws()
      if (text[i] === ']') {
        arr.end = i++
        return arr
      }
      for (;;) {
        ws()
        if (atEnd()) return cutAt(arr)
        const v = value()
        arr.items.push(v)
        if (v.cut) return cutAt(arr)
        ws()
        if (atEnd()) return cutAt(arr)
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          arr.end = i++
          return arr
        }
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
      if (item.cut) node.cut = true
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

// "<ike-sa-index>", "</ike-sa-index>", "<banner/>", with attributes; not "<?xml ...?>" or "<!-- -->"
const XML_TAG = /<(\/?)([A-Za-z_][\w:.-]*)(?:\s[^<>]*?)?(\/?)>/g

/**
 * Closing tags for the elements still open at the end of a document (output cut by the author), and
 * the offsets of their opening tags, so the tree can mark them cut. Empty when the document is whole.
 */
function openElements(text: string): {closing: string; starts: Set<number>} {
  const stack: Array<{name: string; at: number}> = []
  XML_TAG.lastIndex = 0
  for (let m = XML_TAG.exec(text); m; m = XML_TAG.exec(text)) {
    if (m[3] === '/') continue
    if (m[1] === '') {
      stack.push({name: m[2], at: m.index})
      continue
    }
    const k = stack.map((e) => e.name).lastIndexOf(m[2])
    if (k >= 0) stack.length = k
  }
  return {closing: stack.map((e) => `</${e.name}>`).reverse().join(''), starts: new Set(stack.map((e) => e.at))}
}

function xmlChildren(obj: Record<string | symbol, unknown>, off: Offsets, source: string, META: symbol, cut: Set<number> = new Set()): XNode[] {
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
      const node: XNode = {name: key, text, children: xmlChildren(rec, off, source, META, cut), textLine: start, start, end: off.lineAt(Math.min(endOff, source.length - 1))}
      if (cut.has(startOff)) node.cut = true
      out.push(node)
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

/**
 * Reads the block into a tree whose root is a synthetic "#document" node. A document cut by its author
 * is closed at its end, the open elements marked `cut`; other malformed input throws.
 */
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
  const open = openElements(off.text)
  const doc = parser.parse(off.text + open.closing, true) as Record<string, unknown>
  return {name: '#document', text: null, children: xmlChildren(doc, off, off.text, XMLParser.getMetaDataSymbol() as unknown as symbol, open.starts), textLine: first, start: first, end: last}
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
