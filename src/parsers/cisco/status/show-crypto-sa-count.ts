/**
 * IOS / IOS-XE `show crypto isakmp sa count` and `show crypto ipsec sa count`: one statusCounter per
 * count line.
 * - isakmp ("Active ISAKMP SA's: 2", "Currently being negotiated ISAKMP SA's: 1", "Dead ISAKMP SA's: 0"):
 *   set isakmp-sa-count, dead SAs count as failures;
 * - ipsec ("IPsec SA total: 6, active: 6, rekeying: 0, unused: 0, invalid: 0"): set ipsec-sa-count,
 *   the total as main value and every count by label.
 */
import {LineAccount, toInt} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import {counterFact} from '../../status-counter.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {scoreLines} from '../common.js'
import {isFiltered, markPartial} from '../modern-common.js'

// "Active ISAKMP SA's: 2" / "Currently being negotiated ISAKMP SA's: 1" / "Active IKEv1 SA's: 2"
const ISAKMP_LINE = /^([A-Za-z][A-Za-z ]*? (?:ISAKMP|IKEv1|IKE) SA'?s?) ?: ?(\d+)$/i
// "IPsec SA total: 6, active: 6, rekeying: 0, unused: 0, invalid: 0"
const IPSEC_LINE = /^(IPsec SA total) ?: ?(\d+)((?:, ?[a-z][a-z ]*: ?\d+)*)$/i
// ", active: 6" within the IPsec line
const IPSEC_PAIR = /, ?([a-z][a-z ]*?): ?(\d+)/gi

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    let fact = null
    if ((m = ISAKMP_LINE.exec(t))) {
      const n = toInt(m[2]) ?? Number.NaN
      fact = counterFact(ctx, ids, line, {set: 'isakmp-sa-count', section: null, name: m[1], value: n, values: {count: n}, failure: /^dead/i.test(m[1]), raw: {[m[1]]: m[2]}})
    } else if ((m = IPSEC_LINE.exec(t))) {
      const values: Record<string, number> = {total: toInt(m[2]) ?? Number.NaN}
      const raw: Record<string, string> = {[m[1]]: m[2]}
      for (const p of m[3].matchAll(IPSEC_PAIR)) {
        values[p[1]] = toInt(p[2]) ?? Number.NaN
        raw[p[1]] = p[2]
      }
      fact = counterFact(ctx, ids, line, {set: 'ipsec-sa-count', section: null, name: m[1], value: values.total, values, failure: false, raw})
    }
    if (fact === null) continue
    // a count beyond the safe integers (toInt null, kept as NaN here) is no count a device keeps: the line is not understood
    if (!Number.isSafeInteger(fact.value) || !Object.values(fact.values).every(Number.isSafeInteger)) {
      acct.reject(line, 'a count beyond the integers a device keeps')
      continue
    }
    if (isFiltered(ctx)) markPartial(fact)
    acct.add(fact)
    acct.consume(line)
  }
  return acct.finish()
}

export const showCryptoSaCount: ParserSpec = {
  id: 'cisco/show-crypto-sa-count',
  vendor: 'cisco',
  command: 'show crypto isakmp sa count',
  aliases: ['show crypto ipsec sa count'],
  aliasesAreViews: true,
  detect(lines: Line[]): number {
    return scoreLines(lines, [ISAKMP_LINE, IPSEC_LINE], [])
  },
  parse,
}
