/**
 * SRX `show security ipsec tunnel-events-statistics`: one statusCounter (set tunnel-events) per
 * "<event> : <count>" line ("IKE SA negotiation successfully completed : 5", "Peer's IKE-ID validation
 * failed during negotiation : 2"). Events of failure (failed, error, timed out, mismatch, no proposal,
 * unacceptable, invalid, rejected, not responding, unreachable) are marked as such.
 */
import {LineAccount, toInt} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import {counterFact} from '../../status-counter.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {finishAccount} from '../finish.js'

// "IKE SA negotiation successfully completed : 5" / "IKE SA negotiation failed with error: Timed out : 7"
const EVENT = /^([A-Za-z].*?) ?: ?(\d+)$/
// "----------------------------------------------"
const RULE = /^-{5,}$/
// "failed", "error", "Timed out", "mismatch", "No proposal chosen", "TS_UNACCEPTABLE", "invalid", "rejected"
const FAILURE = /fail|error|timed? ?out|mismatch|no proposal|unacceptable|invalid|reject|not respond|unreachable|authentication/i
// "successfully completed" / "succeeded": a failure word in a success sentence does not make it one
const SUCCESS = /success/i

export const showSecurityIpsecTunnelEventsStatistics: ParserSpec = {
  id: 'junos/show-security-ipsec-tunnel-events-statistics',
  vendor: 'junos',
  command: 'show security ipsec tunnel-events-statistics',
  detect(lines: Line[]): number {
    let hits = 0
    // "IKE SA negotiation successfully completed : 5" / "External interface's address received. Information updated : 1"
    for (const l of lines.slice(0, 40)) if (EVENT.test(l.text) && /SA negotiation (?:success|fail)|Information updated|Tunnel is ready/i.test(l.text)) hits++
    return hits >= 2 ? 0.8 : hits === 1 ? 0.4 : 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    const ids = new IdRegistry()
    for (const line of lines) {
      const t = line.text
      if (t === '') continue
      if (RULE.test(t)) {
        acct.ignore(line)
        continue
      }
      const m = EVENT.exec(t)
      if (!m) continue
      const n = toInt(m[2])
      if (n === null) {
        acct.reject(line, 'a count beyond the integers a device keeps')
        continue
      }
      acct.add(counterFact(ctx, ids, line, {
        set: 'tunnel-events', section: null, name: m[1], value: n, values: {count: n},
        failure: FAILURE.test(m[1]) && !SUCCESS.test(m[1]), raw: {[m[1]]: m[2]},
      }))
      acct.consume(line)
    }
    return finishAccount(acct, ctx)
  },
}
