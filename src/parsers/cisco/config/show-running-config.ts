/**
 * `show running-config` (whole, `| section crypto`, `| include crypto|isakmp|ipsec`) on IOS /
 * IOS-XE, and the ASA views `show running-config crypto [map|ikev1|ikev2]`, `show running-config
 * ipsec`, `show running-config tunnel-group`, `show running-config all crypto map`, `show
 * running-config access-list`, `show running-config nat`. One reader (reader.ts) and one builder
 * (build.ts) serve both: the syntax differs in words, not in structure.
 */
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {scoreLines} from '../common.js'
import {buildFacts} from './build.js'
import {CiscoConfigReader} from './reader.js'

function parser(asa: boolean) {
  return (lines: Line[], ctx: ParseContext): ParseResult => {
    // an ASA's whole `show running-config` reaches the IOS spelling: its lines tell
    const r = new CiscoConfigReader(lines, ctx, asa || scoreLines(lines, ASA_LINES) > scoreLines(lines, IOS_LINES))
    for (const line of lines) r.read(line)
    return buildFacts(r)
  }
}

// ASA only: "tunnel-group 198.51.100.2 type ipsec-l2l", "crypto ikev1 policy 10", "crypto ipsec ikev1 transform-set",
// "crypto map VPN 10 set peer 198.51.100.2", "crypto map VPN interface outside", "nat (inside,outside) source static ..."
const ASA_LINES = [/^tunnel-group \S+ (?:type|ipsec-attributes)/, /^crypto (?:ikev1|ikev2) (?:policy|enable)/, /^crypto ipsec (?:ikev1|ikev2) /, /^crypto map \S+ \d+ (?:set|match) /, /^crypto map \S+ interface \S+$/, /^nat \(\S+,\S+\)/, /^access-list \S+ extended /]
// IOS only: "crypto isakmp policy 10", "crypto map VPN 10 ipsec-isakmp", "crypto ipsec transform-set TS ...", "crypto ikev2 profile P", "ip access-list extended X"
const IOS_LINES = [/^crypto isakmp (?:policy|key|profile)/, /^crypto map \S+ \d+ ipsec-isakmp/, /^crypto ipsec transform-set /, /^crypto ikev2 (?:profile|keyring|proposal) /, /^ip access-list (?:extended|standard) /, /^tunnel protection ipsec profile /]

// IOS lines of a configuration fragment without crypto (an author's "WAN bits" paste): "interface Dialer1",
// "ip nat inside source route-map NAT-RM interface Dialer1 overload", "ip route 0.0.0.0 0.0.0.0 Dialer1"
const IOS_WEAK = [/^interface [A-Z][\w./:-]*\d$/, /^ip nat (?:inside|outside) source /, /^ip route \d/]

export const showRunningConfig: ParserSpec = {
  id: 'cisco/show-running-config',
  vendor: 'cisco',
  command: 'show running-config',
  detect: (lines) => (scoreLines(lines, ASA_LINES) > 0.6 ? 0.2 : scoreLines(lines, IOS_LINES, IOS_WEAK)),
  parse: parser(false),
}

export const asaShowRunningConfig: ParserSpec = {
  id: 'cisco/asa-show-running-config',
  vendor: 'cisco',
  command: 'show running-config crypto',
  aliases: ['show running-config ipsec', 'show running-config tunnel-group', 'show running-config all crypto', 'show running-config access-list', 'show running-config nat',
    'show running-config crypto map', 'show running-config crypto ikev1', 'show running-config crypto ikev2', 'show running-config all crypto map'],
  aliasesAreViews: true,
  detect: (lines) => scoreLines(lines, ASA_LINES),
  parse: parser(true),
}
