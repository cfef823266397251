/**
 * Junos (ES-PIC / J-series, legacy) `show ike security-associations [peer] [brief|detail]`.
 *
 * Brief: a table "Remote Address  State  Initiator cookie  Responder cookie  Exchange type" (the header
 * may wrap "Exchange type" onto a second line). Detail: one "IKE peer <addr>" block per SA, optionally
 * followed by phase 2 negotiation blocks ("Negotiation type: Quick mode, ..."). Read by ike-sa-text.ts,
 * the reader shared with the SRX and MX services commands.
 */
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {head} from './fields.js'
import {finishAccount} from './finish.js'
import {parseIkeSaText} from './ike-sa-text.js'

// "Remote Address State Initiator cookie Responder cookie" (+ optional "Exchange type")
const BRIEF_HEADER = /^Remote Address State Initiator cookie Responder cookie(?: Exchange type)?$/i
// "IKE peer 4.4.4.4"
const PEER_LINE = /^IKE peer \S+$/i

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines)) {
    if (BRIEF_HEADER.test(l.text)) score = Math.max(score, 0.9)
    else if (PEER_LINE.test(l.text)) score = Math.max(score, 0.6)
    // "Role: Initiator, State: Matured"
    else if (/^Role: (?:Initiator|Responder), State:/i.test(l.text)) return 0.95
  }
  return score
}

export const showIkeSecurityAssociations: ParserSpec = {
  id: 'junos/show-ike-security-associations',
  vendor: 'junos',
  command: 'show ike security-associations',
  aliases: ['show ike sa'],
  detect,
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    parseIkeSaText(lines, ctx, acct, {idStyle: 'cookie'})
    return finishAccount(acct, ctx)
  },
}
