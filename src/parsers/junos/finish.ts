/**
 * What every Junos text parser does last: say which normalized fields hold an author's mask, and mark
 * the records of filtered output (`| match`, `| except`, `| last`) as partial.
 */
import type {Fact} from '../../model/index.js'
import {isMaskedAddress} from '../../reading/address.js'
import type {LineAccount} from '../account.js'
import type {ParseContext, ParseResult} from '../types.js'

/** Normalized fields of a fact whose value is a mask ("X.X.X.X", "<peer-ip>"), including ident objects. */
export function maskedFields(fact: Fact): string[] {
  const out: string[] = []
  // for-in, not Object.entries: no [key, value] array per field of every fact
  for (const k in fact) {
    if (k === 'raw' || k === 'id' || k === 'source' || k === 'kind') continue
    const v = (fact as unknown as Record<string, unknown>)[k]
    if (typeof v === 'string' && isMaskedAddress(v)) out.push(k)
    // localIdent / remoteIdent: {address, prefixLength, ...}
    else if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as {address?: unknown}).address === 'string') {
      if (isMaskedAddress((v as {address: string}).address)) out.push(k)
    }
  }
  return out
}

/** `| match ...`, `| except ...`, `| find ...`, `| last N`, `| trim N`: the records shown are not whole. */
export function isFilteredPipe(pipe: string | null): boolean {
  return pipe !== null && /\|\s*(?:match|except|find|last|trim|grep|include|exclude)\b/i.test(pipe)
}

/** Marks a record as cut off or filtered. */
export function markPartial(fact: {partial?: true}): void {
  fact.partial = true
}

/** acct.finish(), with masked fields named and, for filtered output, every record partial. */
export function finishAccount(acct: LineAccount, ctx: ParseContext): ParseResult {
  const result = acct.finish()
  const filtered = isFilteredPipe(ctx.pipe)
  for (const f of result.facts) {
    const masked = maskedFields(f)
    if (masked.length > 0) f.masked = masked
    if (filtered) f.partial = true
  }
  return result
}

/**
 * Whether the last record of an output was cut: it lacks a label the record before it printed
 * (`previous`), or, when it is the only one, one of the labels every complete record prints (`base`).
 */
export function cutShort(labels: Set<string>, previous: Set<string> | null, base: string[]): boolean {
  const want = previous ? [...previous] : base
  return want.some((k) => !labels.has(k))
}
