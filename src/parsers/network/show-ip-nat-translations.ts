/**
 * IOS / IOS-XE `show ip nat translations [verbose] [vrf V]`: one natTranslation fact per row. A row is
 * the protocol ("tcp", "udp", "icmp", or "---" for a static entry) and four address columns, each an
 * address with an optional ":port" or "---": Inside global, Inside local, Outside local, Outside
 * global. The column header and the "Total number of translations: N" footer are decoration; the
 * detail lines `verbose` prints under a row (create/use times, flags, entry-id) are not read and are
 * reported with their reason.
 */
import type {RawValues} from '../../model/index.js'
import {rawAppend} from '../../model/raw.js'
import {LineAccount} from '../account.js'
import {IdRegistry} from '../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {scoreLines} from '../cisco/common.js'
import {addressWithPort, type NatAddress, natTranslation} from './nat-common.js'

// "Pro Inside global Inside local Outside local Outside global"
const HEADER = /^Pro Inside global Inside local Outside local Outside global$/i
// "Total number of translations: 3"
const TOTAL = /^Total number of translations: \d+$/i
// "tcp", "udp", "icmp", "gre", "esp", "47" (a protocol IOS has no name for), "---" (static entry)
const PROTOCOL = /^(?:[a-z][a-z0-9-]*|\d{1,3}|-{2,3})$/i
// "---": no address in this column
const NONE = /^-{2,3}$/
// "create 00:00:13, use 00:00:13 timeout:86400000, left 23:59:46, Map-Id(In): 1,", "flags:",
// "extended, use_count: 0, entry-id: 6, lc_entries: 0" (IOS); "create: 02/15/12 11:38:01, use: ...",
// "RuleID : 1", "Flags: unknown", "ALG Application Type: NA", "WLAN Flags: 0", "Mac Address:
// 0000.0000.0000 Input interface: Gi0/0/0", "VRF : vrf1", "entry-id: 0x8ef80350, use_count:1" (IOS-XE)
const VERBOSE = /^(?:create[: ]|use[: ]|flags:|Flags:|extended,|RuleID ?:|ALG Application Type ?:|WLAN Flags ?:|Mac Address ?:|VRF ?:|entry-id:|Input interface:|Output interface:|timeout:)/
// "tcp 203.0.113.5:1024 10.1.1.5:51000 8.8.8.8:53 8.8.8.8:53" (content detection)
const ROW = /^(?:tcp|udp|icmp|---) \S+ \S+ \S+ \S+$/i

const COLUMNS = ['Inside global', 'Inside local', 'Outside local', 'Outside global'] as const

/** The four address columns of a row, or the reason it is not one. */
function readColumns(words: string[]): (NatAddress | null)[] | string {
  const out: (NatAddress | null)[] = []
  for (let i = 0; i < 4; i++) {
    const w = words[i]
    if (NONE.test(w)) out.push(null)
    else {
      const a = addressWithPort(w)
      if (a === null) return `${COLUMNS[i]} "${w}" is not an address`
      out.push(a)
    }
  }
  return out
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let rowAbove = false
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    if (HEADER.test(t) || TOTAL.test(t)) {
      acct.ignore(line)
      continue
    }
    if (VERBOSE.test(t)) {
      acct.reject(line, rowAbove ? 'verbose detail of the translation above: not read' : 'verbose detail line without its translation row')
      continue
    }
    const w = t.split(' ')
    const columns = w.length === 5 && PROTOCOL.test(w[0]) ? readColumns(w.slice(1)) : 'not a translation row (protocol and four address columns)'
    if (typeof columns === 'string') {
      acct.reject(line, columns)
      rowAbove = false
      continue
    }
    const raw: RawValues = {labels: [], values: [], lines: []}
    rawAppend(raw, 'Pro', w[0], line.n)
    for (let i = 0; i < 4; i++) rawAppend(raw, COLUMNS[i], w[i + 1], line.n)
    const [insideGlobal, insideLocal, outsideLocal, outsideGlobal] = columns
    acct.add(
      natTranslation(ctx, ids, [line.n, line.n], raw, {
        protocol: NONE.test(w[0]) ? null : w[0].toLowerCase(),
        addresses: {insideGlobal, insideLocal, outsideLocal, outsideGlobal},
        // a static entry has no outside side; one with outside addresses may come from either
        translation: outsideLocal === null && outsideGlobal === null ? 'static' : null,
      }),
    )
    acct.consume(line)
    rowAbove = true
  }
  return acct.finish()
}

export const showIpNatTranslations: ParserSpec = {
  id: 'cisco/show-ip-nat-translations',
  vendor: 'cisco',
  command: 'show ip nat translations',
  detect(lines: Line[]): number {
    return scoreLines(lines.slice(0, 40), [HEADER, TOTAL], [ROW])
  },
  parse,
}

