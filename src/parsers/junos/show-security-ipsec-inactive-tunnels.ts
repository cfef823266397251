/**
 * SRX `show security ipsec inactive-tunnels [detail]`: the "ID Port Nego# Fail# Flag Gateway Tunnel
 * Down Reason" table, or detail blocks like the SA detail ending in "Tunnel Down Reason: ..." -> one
 * ipsecFlow per tunnel with state "down" and the printed reason in downReason. Flow ids match the ones
 * of `show security ipsec security-associations` (ipsec:<tunnel id>).
 */
import {LineAccount, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {finishAccount} from './finish.js'
import {flowId, parseIpsecSaText} from './ipsec-sa-text.js'
import {newIpsecFlow} from './srx-common.js'
import {rawSet, rawValue} from '../../model/raw.js'

// "  ID      Port  Nego#  Fail#  Flag      Gateway          Tunnel Down Reason"
const HEADER = /^\s*ID\s+Port\s+Nego#\s+Fail#\s+Flag\s+Gateway\s+Tunnel Down Reason\s*$/
// "  131074  500   5      5      600a29    198.51.100.2     IKE SA negotiation failed"
const ROW = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([0-9a-fx]+)\s+(\S+)\s*(.*?)\s*$/i

export const showSecurityIpsecInactiveTunnels: ParserSpec = {
  id: 'junos/show-security-ipsec-inactive-tunnels',
  vendor: 'junos',
  command: 'show security ipsec inactive-tunnels',
  detect(lines: Line[]): number {
    for (const l of lines.slice(0, 30)) {
      // "  Total inactive tunnels: 2"
      if (/^\s*Total inactive tunnels:\s*\d+/.test(l.text) || HEADER.test(l.text)) return 0.95
      if (/^\s*Tunnel Down Reason:/.test(l.text)) return 0.8
    }
    return 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    const rest: Line[] = []
    let inTable = false
    for (const line of lines) {
      // "  Total inactive tunnels: 2" / "  Total inactive tunnels with establish immediately: 1"
      if (/^\s*Total inactive tunnels/.test(line.text)) {
        acct.ignore(line)
        continue
      }
      if (HEADER.test(line.text)) {
        inTable = true
        acct.ignore(line)
        continue
      }
      const row = inTable ? ROW.exec(line.text) : null
      if (!row) {
        // any other text line ends the table; the SA-detail reader gets it
        if (line.text.trim() !== '') inTable = false
        rest.push(line)
        continue
      }
      const flow = newIpsecFlow(ctx, flowId(ctx, row[1]), line.n, line.n)
      const labels = ['ID', 'Port', 'Nego#', 'Fail#', 'Flag', 'Gateway', 'Tunnel Down Reason']
      labels.forEach((label, i) => {
        if (row[i + 1] !== '') rawSet(flow.raw, label, row[i + 1], line)
      })
      flow.name = row[1]
      flow.remoteAddress = row[6]
      flow.remotePort = toInt(row[2])
      flow.natT = flow.remotePort === 4500
      flow.downReason = row[7] === '' ? null : row[7]
      flow.state = 'down'
      acct.add(flow)
      acct.consume(line)
    }
    parseIpsecSaText(rest, ctx, acct, true, true)
    for (const fact of acct.facts) {
      if (fact.kind !== 'ipsecFlow') continue
      fact.state = 'down'
      // "Tunnel Down Reason: IKE SA negotiation failed" / "Tunnel is down. Reason: ..."
      const reasonKey = fact.raw.labels.find((k) => /reason$/i.test(k))
      if (reasonKey && fact.downReason === null) fact.downReason = rawValue(fact.raw, reasonKey) ?? null
    }
    return finishAccount(acct, ctx)
  },
}
