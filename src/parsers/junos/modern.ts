/** Parsers for current junos platforms (issue 3). Add one import and one array entry per parser. */
import type {ParserSpec} from '../types.js'
import {showSecurityIkeStatistics} from './show-security-ike-statistics.js'
import {showSecurityIkeSecurityAssociations} from './show-security-ike-security-associations.js'
import {showSecurityPkiCaCertificate} from './show-security-pki-ca-certificate.js'
import {showSecurityPkiLocalCertificate} from './show-security-pki-local-certificate.js'
import {showSecurityIpsecInactiveTunnels} from './show-security-ipsec-inactive-tunnels.js'
import {showSecurityIpsecStatistics} from './show-security-ipsec-statistics.js'
import {showSecurityIpsecSecurityAssociations} from './show-security-ipsec-security-associations.js'
import {showServicesIpsecVpnIkeSecurityAssociations} from './show-services-ipsec-vpn-ike-security-associations.js'
import {showServicesIpsecVpnIpsecSecurityAssociations} from './show-services-ipsec-vpn-ipsec-security-associations.js'

export const junosModernParsers: ParserSpec[] = [
  showSecurityIkeSecurityAssociations,
  showSecurityIkeStatistics,
  showSecurityIpsecSecurityAssociations,
  showSecurityIpsecStatistics,
  showSecurityIpsecInactiveTunnels,
  showSecurityPkiLocalCertificate,
  showSecurityPkiCaCertificate,
  showServicesIpsecVpnIkeSecurityAssociations,
  showServicesIpsecVpnIpsecSecurityAssociations,
]
