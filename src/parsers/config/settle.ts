/**
 * Line account of a configuration: a line is consumed when a value of it reached a fact (cited by a
 * raw field), else ignored (structure, braces, settings ipsec-doctor does not model), unless the
 * parser rejected it as not understood.
 */
import type {Fact} from '../../model/index.js'
import type {LineAccount} from '../account.js'
import type {Line} from '../types.js'

export function settleLines(acc: LineAccount, lines: Line[], facts: readonly Fact[]): void {
  const cited = new Set<number>()
  for (const f of facts) {
    for (const n of f.raw.lines) cited.add(n)
    if (f.kind === 'accessList') for (const e of f.entries) cited.add(e.line)
  }
  for (const line of lines) {
    if (cited.has(line.n)) acc.consume(line)
    else acc.ignore(line)
  }
}
