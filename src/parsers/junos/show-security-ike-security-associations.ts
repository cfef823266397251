/**
 * SRX `show security ike security-associations [detail]`: the SA table (either column order, IKEv1
 * Main/Aggressive and IKEv2, UP/DOWN) and "IKE peer" detail blocks -> ikeSa facts. `| display json`
 * and `| display xml` captures go to structured.ts.
 */
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {finishAccount} from './finish.js'
import {parseIkeSaText} from './ike-sa-text.js'
import {parseJunosStructured, structuredFormat} from './structured.js'

/** Scores headless text: the SRX table header (either column order) or an SRX "IKE peer ..., Index N" line. */
export function detectSrxIkeSa(lines: Line[]): number {
  for (const l of lines.slice(0, 40)) {
    // "  Index   State  Initiator cookie  Responder cookie  Mode           Remote Address"
    // "Index   Remote Address  State  Initiator cookie  Responder cookie  Mode"
    if (/^Index (?:State|Remote Address) .*Initiator cookie Responder cookie Mode/.test(l.text)) return 0.95
    // "IKE peer 192.0.2.2, Index 5802591, Gateway Name: gw-hub"
    if (/^IKE peer \S+, Index \d+/.test(l.text)) return 0.9
    // "            <ike-sa-remote-address>192.0.2.2</ike-sa-remote-address>" (JSON/XML capture)
    if (/ike-sa-remote-address/.test(l.text)) return 0.6
  }
  return 0
}

export const showSecurityIkeSecurityAssociations: ParserSpec = {
  id: 'junos/show-security-ike-security-associations',
  vendor: 'junos',
  command: 'show security ike security-associations',
  aliases: ['show security ike sa'],
  detect: detectSrxIkeSa,
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    if (structuredFormat(ctx.pipe)) return parseJunosStructured(lines, ctx)
    const acct = new LineAccount(lines)
    parseIkeSaText(lines, ctx, acct, {idStyle: 'index'})
    return finishAccount(acct, ctx)
  },
}
