/** Parsers for current cisco platforms (issue 3). Add one import and one array entry per parser. */
import type {ParserSpec} from '../types.js'
import {asaShowCryptoIkev1Sa} from './asa-show-crypto-ikev1-sa.js'
import {asaShowCryptoIpsecSa} from './asa-show-crypto-ipsec-sa.js'
import {showCryptoIkev2Sa} from './show-crypto-ikev2-sa.js'
import {showCryptoSession} from './show-crypto-session.js'

export const ciscoModernParsers: ParserSpec[] = [asaShowCryptoIkev1Sa, asaShowCryptoIpsecSa, showCryptoIkev2Sa, showCryptoSession]
