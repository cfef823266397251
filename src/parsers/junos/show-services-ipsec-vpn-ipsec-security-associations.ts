/**
 * MX `show services ipsec-vpn ipsec security-associations [detail]`: per service set, tunnel blocks
 * ("Rule: r, Term: t, Tunnel index: 1", gateways, identities, inside interface, UDP encapsulation)
 * with a "Direction SPI AUX-SPI Mode Type Protocol" table or per-direction detail blocks. SPIs are
 * decimal. -> one ipsecFlow per tunnel plus one ipsecSa per direction.
 */
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {aeadIntegrityNotApplicable} from './algorithms.js'
import {finishAccount} from './finish.js'
import {parseIpsecSaText} from './ipsec-sa-text.js'
import {parseJunosStructured, structuredFormat} from './structured.js'

export const showServicesIpsecVpnIpsecSecurityAssociations: ParserSpec = {
  id: 'junos/show-services-ipsec-vpn-ipsec-security-associations',
  vendor: 'junos',
  command: 'show services ipsec-vpn ipsec security-associations',
  detect(lines: Line[]): number {
    for (const l of lines.slice(0, 40)) {
      // "  Rule: rule-hq, Term: term-1, Tunnel index: 1"
      if (/^\s*Rule:\s*[^,]+,\s*Term:\s*[^,]+,\s*Tunnel index:\s*\d+/.test(l.text)) return 0.95
    }
    return 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    if (structuredFormat(ctx.pipe)) return aeadIntegrityNotApplicable(parseJunosStructured(lines, ctx))
    const acct = new LineAccount(lines)
    parseIpsecSaText(lines, ctx, acct, false)
    return aeadIntegrityNotApplicable(finishAccount(acct, ctx))
  },
}
