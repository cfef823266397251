/** Cisco status parsers of issue 16 part 3 (ASA vpn-sessiondb and asp drop, IOS-XE IKEv2 stats, counts, trustpoints). */
import type {ParserSpec} from '../../types.js'
import {asaShowAspDrop} from './asa-show-asp-drop.js'
import {asaShowVpnSessiondb} from './asa-show-vpn-sessiondb.js'
import {asaShowVpnSessiondbSummary} from './asa-show-vpn-sessiondb-summary.js'
import {showCryptoIkev2Stats} from './show-crypto-ikev2-stats.js'
import {showCryptoPkiTrustpointsStatus} from './show-crypto-pki-trustpoints-status.js'
import {showCryptoSaCount} from './show-crypto-sa-count.js'
import {showCryptoSessionBrief} from './show-crypto-session-brief.js'

export const ciscoStatusParsers: ParserSpec[] = [
  asaShowVpnSessiondb,
  asaShowVpnSessiondbSummary,
  asaShowAspDrop,
  showCryptoIkev2Stats,
  showCryptoSessionBrief,
  showCryptoSaCount,
  showCryptoPkiTrustpointsStatus,
]
