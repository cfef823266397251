/**
 * IOS-XE `show crypto ikev2 stats [exchange|timeout|ext-service]`: one statusCounter per counter row.
 * - plain stats ("Crypto IKEv2 SA Statistics"): "Label: n" pairs, several per line ("Incoming IKEv2
 *   Requests: 0 accepted: 0 rejected: 0"): one row per line, named by its first label (set ikev2-stats);
 * - exchange, timeout and ext-service: tables whose header names the section and its columns
 *   ("EXCHANGES TX(REQ) TX(RES) RX(REQ) RX(RES)", "ERROR NOTIFY TX RX", "EXT-SERVICE PASSED FAILED"),
 *   rows "NAME n n ..." (sets ikev2-exchange, ikev2-timeout, ikev2-ext-service).
 * Main values: error notifies TX + RX, timeouts their count, ext-service FAILED, exchanges RX(RES) +
 * RX(REQ) (messages received), plain stats the first number of the line.
 */
import type {CounterSet} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import {toInt} from '../../../reading/numbers.js'
import {IdRegistry} from '../../ids.js'
import {colonPairs, counterFact} from '../../status-counter.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {scoreLines} from '../common.js'
import {isFiltered, markPartial} from '../modern-common.js'

// "------------------------------------------------------------"
const RULE = /^-{5,}$/
// "Crypto IKEv2 SA Statistics" / "Crypto IKEv2 Exchange Statistics" / "Crypto IKEv2 Timeout Statistics" / "Crypto IKEv2 Ext-Service Statistics"
const TITLE = /^Crypto IKEv2 (SA|Exchange|Timeout|Ext-Service) Statistics$/i
// "IKE_AUTH 1 0 0 1" / "receive pskey 0 0" / "AUTHENTICATION_FAILED 0 2"
const TABLE_ROW = /^([A-Za-z][\w/.()-]*(?: [A-Za-z][\w/.()-]*)*) (\d+(?: \d+)*)$/
// column words of a header: "TX(REQ)", "RX", "PASSED", "FAILED", "COUNT", "TIMEOUTS"
const COLUMN = /^(?:TX|RX|COUNT|PASSED|FAILED|SENT|RECEIVED|TIMEOUTS?|TOTAL)(?:\([A-Z]+\))?$/i
// "AAA OPERATION" / "CERTIFICATE OPERATION" / "ERROR NOTIFY" (a section line without columns)
const SECTION_LINE = /^[A-Z][A-Z0-9_/ -]*$/
// "System Resource Limit: 0 Max IKEv2 SAs: 0 Max in nego(in/out): 40/400" (a pair line of the plain stats)
const PAIR_LINE = /^[A-Za-z][^:]*: ?\S/

type View = 'stats' | 'exchange' | 'timeout' | 'ext-service'

const SET_OF: Record<View, CounterSet> = {stats: 'ikev2-stats', exchange: 'ikev2-exchange', timeout: 'ikev2-timeout', 'ext-service': 'ikev2-ext-service'}

function viewOfArgs(args: string[]): View | null {
  const a = args.map((x) => x.toLowerCase())
  if (a.some((x) => 'exchange'.startsWith(x) && x.length >= 2)) return 'exchange'
  if (a.some((x) => 'timeout'.startsWith(x) && x.length >= 2)) return 'timeout'
  if (a.some((x) => 'ext-service'.startsWith(x) && x.length >= 2)) return 'ext-service'
  return null
}

function viewOfTitle(word: string): View {
  const w = word.toLowerCase()
  return w === 'sa' ? 'stats' : (w as View)
}

/** Header split into its section words and its column words ("ERROR NOTIFY TX RX" -> ERROR NOTIFY / TX, RX). */
function header(text: string): {section: string; columns: string[]} | null {
  const words = text.split(' ')
  let i = words.length
  while (i > 0 && COLUMN.test(words[i - 1])) i--
  if (i === words.length || i === 0) return null
  return {section: words.slice(0, i).join(' '), columns: words.slice(i)}
}

/** The main value of a table row and whether the row counts failures. */
function mainValue(view: View, section: string | null, values: Record<string, number>, counts: number[]): {value: number; failure: boolean} {
  const sum = (pred: (k: string) => boolean) => Object.entries(values).filter(([k]) => pred(k)).reduce((s, [, v]) => s + v, 0)
  const errorSection = section !== null && /ERROR/i.test(section)
  if (view === 'ext-service') return {value: values.FAILED ?? counts[counts.length - 1], failure: true}
  if (view === 'timeout') return {value: counts.reduce((a, b) => a + b, 0), failure: true}
  if (view === 'exchange' && errorSection) return {value: counts.reduce((a, b) => a + b, 0), failure: true}
  if (view === 'exchange') {
    const rx = sum((k) => /^RX/i.test(k))
    return {value: Object.keys(values).some((k) => /^RX/i.test(k)) ? rx : counts[0], failure: false}
  }
  return {value: counts[0], failure: /reject|drop|fail/i.test(section ?? '')}
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let view: View = viewOfArgs(ctx.args) ?? 'stats'
  let section: string | null = null
  let columns: string[] = []
  const filtered = isFiltered(ctx)
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if (RULE.test(t)) {
      acct.ignore(line)
    } else if ((m = TITLE.exec(t))) {
      view = viewOfTitle(m[1])
      section = null
      columns = []
      acct.ignore(line)
    } else if (view !== 'stats' && (m = TABLE_ROW.exec(t))) {
      const read = m[2].split(' ').map((w) => toInt(w))
      // a count beyond the safe integers is no count a device keeps
      if (read.some((n) => n === null)) {
        acct.reject(line, 'count beyond the safe integers')
        continue
      }
      const counts = read as number[]
      const values: Record<string, number> = {}
      counts.forEach((n, i) => (values[columns[i] ?? `column ${i + 1}`] = n))
      const {value, failure} = mainValue(view, section, values, counts)
      if (!Number.isSafeInteger(value)) {
        acct.reject(line, 'count beyond the safe integers')
        continue
      }
      const code = /^[A-Z][A-Z0-9_]+$/.test(m[1]) ? m[1] : null
      const fact = counterFact(ctx, ids, line, {set: SET_OF[view], section, name: m[1], code, value, values, failure, raw: {[m[1]]: m[2]}})
      if (filtered) markPartial(fact)
      acct.add(fact)
      acct.consume(line)
    } else if (view !== 'stats' && header(t)) {
      const h = header(t)!
      section = h.section
      columns = h.columns
      acct.ignore(line)
    } else if (view !== 'stats' && SECTION_LINE.test(t)) {
      // "AAA OPERATION": a sub-section of the same columns
      section = t
      acct.ignore(line)
    } else if (PAIR_LINE.test(t)) {
      const pairs = colonPairs(t)
      if (pairs === null) continue
      const values: Record<string, number> = {}
      const raw: Record<string, string> = {}
      for (const p of pairs) {
        raw[p.label] = p.value
        // a count beyond the safe integers is no count a device keeps: left as printed only
        const n = /^\d+$/.test(p.value) ? toInt(p.value) : null
        if (n !== null) values[p.label] = n
      }
      const first = pairs.find((p) => values[p.label] !== undefined)
      if (first === undefined) continue
      const name = pairs[0].label
      // "Rejected IKEv2 Requests: 0 rsrc low: 0 SA limit: 0" / "IKEv2 packets dropped at dispatch: 0"
      const failure = /reject|dropped|fail/i.test(name)
      const fact = counterFact(ctx, ids, line, {set: 'ikev2-stats', section: null, name, value: values[first.label], values, failure, raw})
      if (filtered) markPartial(fact)
      acct.add(fact)
      acct.consume(line)
    }
  }
  return acct.finish()
}

export const showCryptoIkev2Stats: ParserSpec = {
  id: 'cisco/show-crypto-ikev2-stats',
  vendor: 'cisco',
  command: 'show crypto ikev2 stats',
  detect(lines: Line[]): number {
    return scoreLines(lines, [TITLE], [/^Total (?:incoming|outgoing) IKEv2 SA Count: /, /^(?:EXCHANGES?|ERROR NOTIFY|EXT-SERVICE) /])
  },
  parse,
}
