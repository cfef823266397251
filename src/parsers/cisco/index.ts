/** Parsers for cisco legacy/seed commands. Add one import and one array entry per parser. */
import type {ParserSpec} from '../types.js'
import {asaShowVersion} from './asa-show-version.js'
import {showClock} from './show-clock.js'
import {showCryptoDynamicMap} from './show-crypto-dynamic-map.js'
import {showCryptoEngineConnectionsActive} from './show-crypto-engine-connections-active.js'
import {showCryptoEngineConnectionsDroppedPacket} from './show-crypto-engine-connections-dropped-packet.js'
import {showCryptoIpsecSa} from './show-crypto-ipsec-sa.js'
import {showCryptoIsakmpSa} from './show-crypto-isakmp-sa.js'
import {showCryptoMap} from './show-crypto-map.js'
import {showCryptoPkiCertificates} from './show-crypto-pki-certificates.js'
import {showVersion} from './show-version.js'

export const ciscoParsers: ParserSpec[] = [
  showCryptoIsakmpSa,
  showCryptoIpsecSa,
  showCryptoEngineConnectionsActive,
  showCryptoEngineConnectionsDroppedPacket,
  showCryptoMap,
  showCryptoDynamicMap,
  showCryptoPkiCertificates,
  showClock,
  showVersion,
  asaShowVersion,
]
