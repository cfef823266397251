/**
 * SRX `show security ipsec security-associations [detail]`: the tunnel table (lsys/vsys layouts,
 * </> direction, hex SPIs, "3363/ unlim" lifetimes, port 4500) and the "ID: 131073 ..." detail blocks
 * -> one ipsecFlow per tunnel plus one ipsecSa per direction. JSON/XML captures go to structured.ts.
 */
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {aeadIntegrityNotApplicable} from './algorithms.js'
import {finishAccount} from './finish.js'
import {parseIpsecSaText} from './ipsec-sa-text.js'
import {parseJunosStructured, structuredFormat} from './structured.js'

export const showSecurityIpsecSecurityAssociations: ParserSpec = {
  id: 'junos/show-security-ipsec-security-associations',
  vendor: 'junos',
  command: 'show security ipsec security-associations',
  aliases: ['show security ipsec sa'],
  detect(lines: Line[]): number {
    for (const l of lines.slice(0, 40)) {
      // "  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway"
      if (/^ID .*SPI Life:sec\/kb Mon [lv]sys/.test(l.text)) return 0.95
      // "  ID: 131073 Virtual-system: root, VPN Name: vpn-hq"
      if (/^ID: \d+ Virtual-system:/.test(l.text)) return 0.95
      // "  Total active tunnels: 2     Total Ipsec sas: 2"
      if (/^Total active tunnels: \d+/.test(l.text)) return 0.8
      if (/sa-remote-gateway/.test(l.text)) return 0.6
    }
    return 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    if (structuredFormat(ctx.pipe)) return aeadIntegrityNotApplicable(parseJunosStructured(lines, ctx))
    const acct = new LineAccount(lines)
    parseIpsecSaText(lines, ctx, acct, true)
    return aeadIntegrityNotApplicable(finishAccount(acct, ctx))
  },
}
