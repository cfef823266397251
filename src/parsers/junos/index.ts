/** Parsers for junos legacy/seed commands. Add one import and one array entry per parser. */
import type {ParserSpec} from '../types.js'
import {showIkeSecurityAssociations} from './show-ike-security-associations.js'
import {showIpsecCertificates} from './show-ipsec-certificates.js'
import {showIpsecRedundancy} from './show-ipsec-redundancy.js'
import {showIpsecSecurityAssociations} from './show-ipsec-security-associations.js'
import {showServicesIpsecVpnIkeStatistics} from './show-services-ipsec-vpn-ike-statistics.js'
import {showSystemUptime} from './show-system-uptime.js'
import {showChassisClusterStatus} from './show-chassis-cluster-status.js'
import {showVersion} from './show-version.js'

export const junosParsers: ParserSpec[] = [showIkeSecurityAssociations, showIpsecSecurityAssociations, showServicesIpsecVpnIkeStatistics, showIpsecCertificates, showIpsecRedundancy, showSystemUptime, showVersion, showChassisClusterStatus]
