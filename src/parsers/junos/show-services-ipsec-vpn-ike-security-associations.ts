/**
 * MX `show services ipsec-vpn ike security-associations [detail]`: "Service set:" headers, the
 * "Remote Address  State  Initiator cookie  Responder cookie  Exchange type" table and "IKE peer"
 * detail blocks (Matured / Not matured) -> ikeSa facts, the service set kept in raw.
 */
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {finishAccount} from './finish.js'
import {parseIkeSaText} from './ike-sa-text.js'
import {parseJunosStructured, structuredFormat} from './structured.js'

export const showServicesIpsecVpnIkeSecurityAssociations: ParserSpec = {
  id: 'junos/show-services-ipsec-vpn-ike-security-associations',
  vendor: 'junos',
  command: 'show services ipsec-vpn ike security-associations',
  detect(lines: Line[]): number {
    const head = lines.slice(0, 40)
    // "Service set: sset-vpn, IKE Routing-instance: default"
    const serviceSet = head.some((l) => /^Service set: \S+, IKE Routing-instance:/.test(l.text))
    // "Remote Address  State         Initiator cookie  Responder cookie  Exchange type"
    const table = head.some((l) => /^Remote Address State Initiator cookie Responder cookie Exchange type/.test(l.text))
    // "  Role: Initiator, State: Matured"
    const matured = head.some((l) => /State: (?:Matured|Not matured)/.test(l.text))
    if (serviceSet && (table || matured)) return 0.95
    return serviceSet ? 0.5 : 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    if (structuredFormat(ctx.pipe)) return parseJunosStructured(lines, ctx)
    const acct = new LineAccount(lines)
    parseIkeSaText(lines, ctx, acct, {idStyle: 'index'})
    return finishAccount(acct, ctx)
  },
}
