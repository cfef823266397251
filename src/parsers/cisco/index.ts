/** Parsers for cisco legacy/seed commands. Add one import and one array entry per parser. */
import type {ParserSpec} from '../types.js'
import {showCryptoEngineConnectionsActive} from './show-crypto-engine-connections-active.js'
import {showCryptoEngineConnectionsDroppedPacket} from './show-crypto-engine-connections-dropped-packet.js'
import {showCryptoIpsecSa} from './show-crypto-ipsec-sa.js'
import {showCryptoIsakmpSa} from './show-crypto-isakmp-sa.js'

export const ciscoParsers: ParserSpec[] = [
  showCryptoIsakmpSa,
  showCryptoIpsecSa,
  showCryptoEngineConnectionsActive,
  showCryptoEngineConnectionsDroppedPacket,
]
