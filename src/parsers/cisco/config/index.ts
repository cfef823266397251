/** Cisco configuration parsers (issue 16): running-config sections and the config-view show commands. */
import type {ParserSpec} from '../../types.js'
import {asaShowRunningConfig, showRunningConfig} from './show-running-config.js'
import {showAccessLists} from './show-access-lists.js'
import {showCryptoIsakmpDefaultPolicy, showCryptoIsakmpPolicy} from './show-crypto-isakmp-policy.js'
import {showCryptoIpsecTransformSet} from './show-crypto-ipsec-transform-set.js'
import {showCryptoIkev2Proposal} from './show-crypto-ikev2-proposal.js'
import {showCryptoIkev2Policy} from './show-crypto-ikev2-policy.js'
import {showCryptoIkev2Profile} from './show-crypto-ikev2-profile.js'
import {showCryptoIpsecProfile} from './show-crypto-ipsec-profile.js'

export const ciscoConfigParsers: ParserSpec[] = [showRunningConfig, asaShowRunningConfig, showAccessLists, showCryptoIsakmpPolicy, showCryptoIsakmpDefaultPolicy,
  showCryptoIpsecTransformSet, showCryptoIkev2Proposal, showCryptoIkev2Policy, showCryptoIkev2Profile, showCryptoIpsecProfile]
