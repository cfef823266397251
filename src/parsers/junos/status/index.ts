/** Junos status parsers of issue 16 part 3 (active peers, tunnel events). */
import type {ParserSpec} from '../../types.js'
import {showSecurityIkeActivePeer} from './show-security-ike-active-peer.js'
import {showSecurityIpsecTunnelEventsStatistics} from './show-security-ipsec-tunnel-events-statistics.js'

export const junosStatusParsers: ParserSpec[] = [showSecurityIkeActivePeer, showSecurityIpsecTunnelEventsStatistics]
