/**
 * Counter rows of statistics outputs (ASA `show asp drop`, `show vpn-sessiondb summary`, IOS
 * `show crypto ikev2 stats ...`, `show crypto isakmp|ipsec sa count`, SRX `show security ipsec
 * tunnel-events-statistics`): one statusCounter fact per printed row, so a cut or a filtered capture
 * keeps every row it shows, whole.
 */
import {labelPairs} from '../reading/labels.js'
import type {CounterSet, StatusCounter} from '../model/index.js'
import type {IdRegistry} from './ids.js'
import type {Line, ParseContext} from './types.js'
import {sourceOf} from './types.js'
import {newRaw, rawAppend} from '../model/raw.js'

export interface CounterRow {
  set: CounterSet
  section: string | null
  name: string
  code?: string | null
  value: number
  values: Record<string, number>
  vpn?: boolean
  failure: boolean
  since?: string | null
  /** Raw label -> printed text of the row (all from this one line). */
  raw: Record<string, string>
}

/** A statusCounter fact of one row line; its id is the set, section and code (or name), per node. */
export function counterFact(ctx: ParseContext, ids: IdRegistry, line: Line, row: CounterRow): StatusCounter {
  const node = ctx.node ? `${ctx.node}:` : ''
  const raw = newRaw()
  for (const [label, value] of Object.entries(row.raw)) rawAppend(raw, label, value, line.n)
  return {
    kind: 'statusCounter',
    id: ids.unique(`counter:${node}${row.set}:${row.section ?? '-'}:${row.code ?? row.name}`),
    source: sourceOf(ctx, line.n, line.n),
    raw,
    set: row.set,
    section: row.section,
    name: row.name,
    code: row.code ?? null,
    value: row.value,
    values: row.values,
    vpn: row.vpn ?? true,
    failure: row.failure,
    since: row.since ?? null,
    node: ctx.node,
  }
}

/**
 * "Label: n" pairs of a line, several per line: "Total incoming IKEv2 SA Count: 0 active: 0
 * negotiating: 0" gives three pairs. A label is the words before a word ending in ":" (or a lone ":");
 * its value is the next word. Null when a word of the line belongs to no pair.
 */
export function colonPairs(text: string): {label: string; value: string}[] | null {
  // "Count : 0": a lone colon reads as the label's own
  const pairs = labelPairs(text.replace(/ : /g, ': '), {oneWordValues: true})
  if (pairs.length === 0 || pairs.some((p) => p.label === '' || p.value === '' || p.value.includes(' '))) return null
  return pairs
}
