/**
 * Shared reading of the IOS config-view show commands (`show crypto isakmp policy`, `show crypto
 * ipsec transform-set`, `show crypto ikev2 proposal|policy|profile`, `show crypto ipsec profile`):
 * the output is a list of blocks, each opened by a header line ("Protection suite of priority 10",
 * "IKEv2 proposal: P1") and followed by "label: value" lines. Lines a filter or a cut left without
 * their header form a header-less block, whose fact is partial (a label repeated in it starts the next one); a block missing one of the lines its
 * command always prints is partial too (cut or filtered).
 */
import {labelPairs} from '../../../reading/labels.js'
import type {Line, ParseContext} from '../../types.js'
import type {LineAccount} from '../../account.js'
import {RawFields} from '../common.js'
import {sourceOf} from '../../types.js'

export interface ViewBlock {
  head: Line | null
  match: RegExpExecArray | null
  lines: Line[]
  start: number
  end: number
}

/** Splits lines into blocks at each header; `skip` lines (titles such as "Global IKE policy") are ignored. */
export function viewBlocks(lines: Line[], acc: LineAccount, header: RegExp, skip: RegExp | null): ViewBlock[] {
  const out: ViewBlock[] = []
  let cur: ViewBlock | null = null
  for (const line of lines) {
    if (line.text === '' || (skip && skip.test(line.text))) {
      acc.ignore(line)
      continue
    }
    const m = header.exec(line.text)
    if (m) {
      cur = {head: line, match: m, lines: [], start: line.n, end: line.n}
      out.push(cur)
      acc.consume(line)
      continue
    }
    // without a header (filtered, cut at the top), a label the open header-less block already holds starts the next one
    const label = labelled(line.text)?.label
    if (!cur || (cur.head === null && label !== undefined && cur.lines.some((l) => labelled(l.text)?.label === label))) {
      cur = {head: null, match: null, lines: [], start: line.n, end: line.n}
      out.push(cur)
    }
    cur.lines.push(line)
    cur.end = line.n
  }
  return out
}

/** "encryption algorithm: AES ..." / "DH Group : DH_GROUP_2048_MODP/Group 14" -> label and value (first colon). */
export function labelled(text: string): {label: string; value: string} | null {
  // the label as the one label scanner reads it; the value is the rest of the line
  const first = labelPairs(text)[0]
  if (!first || !text.startsWith(first.label)) return null
  return {label: first.label, value: text.slice(text.indexOf(':', first.label.length) + 1).trim()}
}

/** Base of a fact from a block: source over the block's lines, raw fields. */
export function blockBase(ctx: ParseContext, b: ViewBlock, f: RawFields) {
  return {source: sourceOf(ctx, b.start, b.end), raw: f.fields}
}

/** Reads every "label: value" line of a block into raw fields (consumed), calling `each` for it; other lines go to `other`. */
export function readLabelled(b: ViewBlock, acc: LineAccount, f: RawFields, each: (label: string, value: string, line: Line) => void, other: (line: Line) => void): Set<string> {
  const seen = new Set<string>()
  for (const line of b.lines) {
    const lv = labelled(line.text)
    if (!lv) {
      other(line)
      continue
    }
    seen.add(lv.label)
    f.set(lv.label, lv.value, line)
    acc.consume(line)
    each(lv.label, lv.value, line)
  }
  return seen
}

/** Partial when the block has no header or lacks a line the command always prints. */
export function isPartial(b: ViewBlock, seen: Set<string>, required: string[]): boolean {
  return b.head === null || required.some((r) => !seen.has(r))
}
