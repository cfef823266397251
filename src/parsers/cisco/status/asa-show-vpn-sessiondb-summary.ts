/**
 * ASA `show vpn-sessiondb summary`: one statusCounter (set vpn-session-summary) per counter row of
 * the "VPN Session Summary" and "Tunnels Summary" tables ("Site-to-Site VPN : 2 : 15 : 3"), columns
 * named by the table's header line, and one per "Label : n" pair of the total lines ("Device Load :
 * 1%"). The main value of a row is its first column (Active).
 */
import {LineAccount, toInt} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import {counterFact} from '../../status-counter.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {scoreLines} from '../common.js'
import {isFiltered, markPartial} from '../modern-common.js'

// "-----------------------------------------------------------"
const RULE = /^-{5,}$/
// "VPN Session Summary" / "Tunnels Summary" / "Active Session Summary"
const TITLE = /^([A-Za-z][A-Za-z -]* Summary)$/
// "Active : Cumulative : Peak Concur : Inactive" / "Active : Cumulative : Peak Concurrent"
const HEADER = /^Active : Cumulative(?: : [A-Za-z][A-Za-z ]*)*$/
// "Site-to-Site VPN : 2 : 15 : 3" / "IKEv2 IPsec : 1 : 8 : 2" / "Totals : 4 : 30" (two counts or more)
const TABLE_ROW = /^([A-Za-z][^:]*?) : (\d+(?: : \d+)+)$/
// "Total Active and Inactive : 2 Total Cumulative : 19" / "Device Load : 1%" / "Device Total VPN Capacity : 250"
const PAIR = /([A-Za-z][A-Za-z /-]*?) : (\d+)(%?)(?= |$)/g
// "Sessions:" / "License Information:" (older trains: a label that opens a block)
const BLOCK = /^[A-Za-z][A-Za-z ]*:$/

const DEFAULT_COLUMNS = ['Active', 'Cumulative', 'Peak Concurrent', 'Inactive']

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let section: string | null = null
  let columns = DEFAULT_COLUMNS
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if (RULE.test(t)) acct.ignore(line)
    else if ((m = TITLE.exec(t))) {
      section = m[1]
      columns = DEFAULT_COLUMNS
      acct.ignore(line)
    } else if (HEADER.test(t)) {
      columns = t.split(' : ')
      acct.ignore(line)
    } else if ((m = TABLE_ROW.exec(t))) {
      const read = m[2].split(' : ').map((x) => toInt(x))
      if (read.some((n) => n === null)) {
        acct.reject(line, 'a count beyond the integers a device keeps')
        continue
      }
      const counts = read as number[]
      const values: Record<string, number> = {}
      counts.forEach((n, i) => (values[columns[i] ?? `column ${i + 1}`] = n))
      const fact = counterFact(ctx, ids, line, {set: 'vpn-session-summary', section, name: m[1], value: counts[0], values, failure: false, raw: {[m[1]]: m[2]}})
      if (isFiltered(ctx)) markPartial(fact)
      acct.add(fact)
      acct.consume(line)
    } else if (PAIR.test(t)) {
      PAIR.lastIndex = 0
      // a count beyond the safe integers is no count a device keeps: the line is not understood
      if ([...t.matchAll(PAIR)].some((p) => toInt(p[2]) === null)) {
        acct.reject(line, 'a count beyond the integers a device keeps')
        PAIR.lastIndex = 0
        continue
      }
      for (const p of t.matchAll(PAIR)) {
        const n = toInt(p[2]) ?? 0
        const fact = counterFact(ctx, ids, line, {
          set: 'vpn-session-summary', section, name: p[1], value: n, values: {[p[3] === '%' ? 'percent' : 'count']: n}, failure: false,
          raw: {[p[1]]: `${p[2]}${p[3]}`},
        })
        if (isFiltered(ctx)) markPartial(fact)
        acct.add(fact)
      }
      acct.consume(line)
    } else if (BLOCK.test(t)) {
      section = t.slice(0, -1)
      acct.ignore(line)
    }
    PAIR.lastIndex = 0
  }
  return acct.finish()
}

export const asaShowVpnSessiondbSummary: ParserSpec = {
  id: 'cisco/asa-show-vpn-sessiondb-summary',
  vendor: 'cisco',
  command: 'show vpn-sessiondb summary',
  detect(lines: Line[]): number {
    return scoreLines(lines, [/^VPN Session Summary$/, /^Tunnels Summary$/, HEADER], [/^Site-to-Site VPN : \d/, /^Device Load : \d/])
  },
  parse,
}
