/**
 * ASA `show asp drop [frame|flow]`: one statusCounter (set asp-drop) per drop reason row of the "Frame
 * drop:" and "Flow drop:" sections, with the reason code, the count, whether the reason is about VPN
 * (IPsec, IKE, tunnels, crypto engine) and the section's "Last clearing:" text.
 */
import type {StatusCounter} from '../../../model/index.js'
import {LineAccount, toInt} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import {counterFact} from '../../status-counter.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {scoreLines} from '../common.js'
import {isFiltered, markPartial} from '../modern-common.js'
import {rawSet} from '../../../model/raw.js'

// "Frame drop:" / "Flow drop:"
const SECTION = /^(Frame|Flow) drop:$/i
// "IPSec tunnel is down (ipsec-tun-down) 5" / "Flow is denied by configured rule (acl-drop) 200", "FP L2 rule drop (l2_acl) 1540" (codes may hold "_")
const ROW = /^(.+?) \(([a-z0-9][a-z0-9_-]*)\) (\d+)$/i
// "Last clearing: 10:42:11 UTC Mar 3 2024 by enable_15" / "Last clearing: Never"
const LAST_CLEARING = /^Last clearing: ?(.*)$/i

/**
 * Reasons about VPN: IPsec ("ipsec-spoof", "ipsec-need-sa", "ipsec-tun-down", "ipsec-clearpkt-notun"),
 * IKE ("need-ike"), tunnels ("tunnel-torn-down", "tunnel-pending"), the VPN handle ("vpn-handle-error",
 * "vpn-overlap-conflict"), the crypto engine ("ctm-error") and NAT-T keepalives.
 */
// "ipsec-need-sa" / "need-ike" / "tunnel-torn-down" / "vpn-handle-mismatch" / "ctm-error" / "natt-keepalive"
const VPN_CODE = /^(?:ipsec|ike|isakmp|need-ike|vpn|tunnel|ctm|crypto|natt|esp|l2tp)/i
// "natt-keepalive": NAT-T keepalives are dropped by design, not a failure
const BENIGN_CODE = /^natt-keepalive$/i

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let section: string | null = null
  let sectionRows: StatusCounter[] = []
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if ((m = SECTION.exec(t))) {
      section = `${m[1][0].toUpperCase()}${m[1].slice(1).toLowerCase()} drop`
      sectionRows = []
      acct.ignore(line)
    } else if ((m = ROW.exec(t))) {
      const [, description, code, count] = m
      const n = toInt(count)
      if (n === null) {
        acct.reject(line, 'a count beyond the integers a device keeps')
        continue
      }
      const vpn = VPN_CODE.test(code)
      const fact = counterFact(ctx, ids, line, {
        set: 'asp-drop', section, name: description, code, value: n, values: {count: n},
        vpn, failure: vpn && !BENIGN_CODE.test(code), raw: {[`${description} (${code})`]: count},
      })
      // a row filtered away from its section header is still whole; the section is unknown
      if (isFiltered(ctx)) markPartial(fact)
      sectionRows.push(fact)
      acct.add(fact)
      acct.consume(line)
    } else if ((m = LAST_CLEARING.exec(t))) {
      // the section's rows count since this time; rows of another section are not touched
      for (const f of sectionRows) {
        f.since = m[1]
        rawSet(f.raw, 'Last clearing', m[1], line.n)
      }
      // after a section without rows the line says nothing about any counter
      if (sectionRows.length > 0) acct.consume(line)
      else acct.ignore(line)
      sectionRows = []
    }
  }
  return acct.finish()
}

export const asaShowAspDrop: ParserSpec = {
  id: 'cisco/asa-show-asp-drop',
  vendor: 'cisco',
  command: 'show asp drop',
  detect(lines: Line[]): number {
    return scoreLines(lines, [SECTION], [ROW, LAST_CLEARING])
  },
  parse,
}
