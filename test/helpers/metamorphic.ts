/**
 * Metamorphic transformations of golden fixtures: what happens to a capture between the device and
 * ipsec-doctor (see ../../../shared/knowledge/field-captures.md). Each transformation must leave the
 * normalized facts unchanged (provenance aside), or, for the cut and the filter, keep what survived.
 */
import {readFileSync} from 'node:fs'
import {existsSync} from 'node:fs'
import {parserById} from '../../src/parsers/registry.js'
import {pastedLines} from '../../src/reading/paste.js'
import type {Line, ParseContext, ParseResult} from '../../src/parsers/types.js'
import type {GoldenCase} from './golden.js'

/** Deterministic pseudo-random numbers (mulberry32), so a failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Transformed {
  text: string
  /** Pipe to put in the parse context (the filter transformation). */
  pipe?: string
  /** Lines kept from the clean text, by 1-based clean line number, when lines were removed (cut, filter). */
  keptUpTo?: number
  /** Address -> mask, for the masking transformation. */
  masks?: Map<string, string>
}

export type Transform = (text: string, random: () => number) => Transformed

const lines = (t: string) => t.split('\n')
const pick = (r: () => number, n: number) => Math.floor(r() * n)
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g
const NOTES = ['<-- look here', '<< this one', '  ! note from the engineer', '  (this is the problem!)', '<--- peer side']

export const TRANSFORMS: Record<string, Transform> = {
  'collapse spaces': (t) => ({text: t.replace(/ {2,}/g, ' ')}),
  'strip indentation': (t) => ({text: lines(t).map((l) => l.trimStart()).join('\n')}),
  'tabs for spaces': (t) => ({text: lines(t).map((l) => l.replace(/^ +/, '\t').replace(/ {2,}/g, '\t')).join('\n')}),
  'NBSP for spaces': (t, r) => ({text: t.replace(/ /g, (s) => (r() < 0.5 ? '\u00a0' : s))}),
  CRLF: (t) => ({text: t.replace(/\n/g, '\r\n')}),
  'blank line after every line': (t) => ({text: lines(t).join('\n\n')}),
  'note appended': (t, r) => ({text: lines(t).map((l) => (l.trim() !== '' && r() < 0.3 ? `${l}   ${NOTES[pick(r, NOTES.length)].trim()}` : l)).join('\n')}),
  'note line inserted': (t, r) => {
    const ls = lines(t)
    const at = 1 + pick(r, Math.max(1, ls.length - 1))
    ls.splice(at, 0, ['<SNIP>', '...', '[output omitted]', '--- output cropped here ---'][pick(r, 4)])
    return {text: ls.join('\n')}
  },
  'markdown emphasis': (t, r) => ({text: lines(t).map((l) => (l.trim() !== '' && r() < 0.2 ? `**${l.trim()}**` : l)).join('\n')}),
  'addresses masked': (t) => {
    const masks = new Map<string, string>()
    return {text: t.replace(IPV4, (a) => maskOf(a, masks)), masks}
  },
}

/** The mask the 'addresses masked' transformation gives an address: distinct addresses stay distinct. */
export function maskOf(address: string, masks: Map<string, string>): string {
  // netmasks and wildcard masks (0.0.0.255) are not addresses: authors and src/redact keep them
  if (address.startsWith('255.') || address.startsWith('0.')) return address
  let m = masks.get(address)
  if (!m) {
    m = `X.X.X.${masks.size + 1}`
    masks.set(address, m)
  }
  return m
}

export function parseCase(c: GoldenCase, text: string, pipe?: string): ParseResult {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text
  return parseLinesOf(c, pastedLines(body), pipe)
}

/** The case's parser over lines already cut (they keep their capture line numbers). */
export function parseLinesOf(c: GoldenCase, lines: Line[], pipe?: string): ParseResult {
  const parser = parserById(c.parserId)
  if (!parser) throw new Error(`no parser ${c.parserId}`)
  const ctxPath = c.txtPath.replace(/\.txt$/, '.ctx.json')
  const extra = existsSync(ctxPath) ? JSON.parse(readFileSync(ctxPath, 'utf8')) : {}
  const ctx: ParseContext = {file: `${c.name}.txt`, device: 'dut', vendor: parser.vendor, command: parser.command, args: extra.args ?? [], pipe: pipe ?? extra.pipe ?? null, node: extra.node ?? null}
  return JSON.parse(JSON.stringify(parser.parse(lines, ctx))) as ParseResult
}

export function cleanText(c: GoldenCase): string {
  return readFileSync(c.txtPath, 'utf8')
}

/** A fact's printed values ({labels, values, lines, notes?}, src/model/raw.ts). */
const isRawValues = (v: object): boolean => 'labels' in v && 'values' in v && 'lines' in v

/** Facts without provenance: no source, no line numbers or notes beside printed values. */
export function withoutProvenance(facts: unknown[]): unknown[] {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip)
    if (v && typeof v === 'object') {
      const rawField = 'value' in v && 'line' in v
      const rawValues = isRawValues(v)
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) {
        // a capture line number anywhere (printed values, phase 2 negotiation lines) is provenance
        if (k === 'source' || (k === 'line' && typeof x === 'number') || (rawField && k === 'note') || (rawValues && (k === 'lines' || k === 'notes'))) continue
        out[k] = strip(x)
      }
      return out
    }
    return v
  }
  return facts.map(strip)
}

/** Every string in a value with each address replaced by its mask. */
export function maskedCopy(v: unknown, masks: Map<string, string>): unknown {
  if (typeof v === 'string') return v.replace(IPV4, (a) => maskOf(a, masks))
  if (Array.isArray(v)) return v.map((x) => maskedCopy(x, masks))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskedCopy(x, masks)]))
  return v
}

/**
 * Every printed value of a result as "line|value" (raw fields, nested ones included). The label is
 * left out: a line filtered away from its section header may be filed under a shorter label.
 */
export function printedValues(facts: unknown[]): Set<string> {
  const out = new Set<string>()
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (isRawValues(o)) (o.values as string[]).forEach((value, i) => out.add(`${(o.lines as number[])[i]}|${value}`))
      else if (typeof o.value === 'string' && typeof o.line === 'number') out.add(`${o.line}|${o.value}`)
      else for (const x of Object.values(o)) walk(x)
    }
  }
  walk(facts)
  return out
}

/**
 * Two labels of the capture to filter on, as an engineer would with "| include a|b": the words
 * before the first colon of two different labelled lines.
 */
export function filterLabels(text: string, random: () => number): string[] {
  const labels = [...new Set(text.split('\n').map((l) => /^\s*([#A-Za-z][\w #-]{1,30}?)\s*:/.exec(l)?.[1]).filter((x): x is string => !!x))]
  if (labels.length < 2) return []
  const a = Math.floor(random() * labels.length)
  let b = Math.floor(random() * labels.length)
  if (b === a) b = (a + 1) % labels.length
  return [labels[a], labels[b]]
}
