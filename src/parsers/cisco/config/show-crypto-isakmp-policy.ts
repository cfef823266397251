/**
 * `show crypto isakmp policy` and `show crypto isakmp default policy` (IOS, IOS-XE): one ikeProposal
 * (IKEv1) per protection suite.
 *
 *   Global IKE policy
 *   Protection suite of priority 10
 *           encryption algorithm:   AES - Advanced Encryption Standard (256 bit keys).
 *           hash algorithm:         Secure Hash Standard 2 (256 bit)
 *           authentication method:  Pre-Shared Key
 *           Diffie-Hellman group:   #14 (2048 bit)
 *           lifetime:               86400 seconds, no volume limit
 *   Default protection suite [of priority 65507]
 *           ...
 *
 * A "Default protection suite" is a built-in suite (isDefault): IOS prints it under `show crypto
 * isakmp policy` when no policy is configured (one unnumbered suite, named "default"), and the
 * numbered defaults 65507-65514 under `show crypto isakmp default policy`.
 */
import {toInt} from '../../../reading/numbers.js'
import type {IkeProposal} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {IdRegistry, RawFields, scoreLines} from '../common.js'
import {blockBase, isPartial, readLabelled, viewBlocks} from './view.js'

// "Protection suite of priority 10", "Default protection suite", "Default protection suite of priority 65507"
const HEADER = /^(Default )?[Pp]rotection suite(?: of priority (\d+))?$/
// "Global IKE policy", "Default IKE policy"
const TITLE = /^(?:Global|Default) IKE policy$/
const REQUIRED = ['encryption algorithm', 'hash algorithm', 'authentication method', 'Diffie-Hellman group', 'lifetime']

/** "AES - Advanced Encryption Standard (256 bit keys).", "Three key triple DES", "DES - Data Encryption Standard (56 bit keys)." */
export function isakmpCipher(text: string): string {
  const t = text.toLowerCase()
  if (/triple des|3des/.test(t)) return '3des'
  const aes = /aes.*?\((128|192|256) bit/.exec(t)
  if (aes) return /gcm/.test(t) ? `aes-gcm-${aes[1]}` : `aes-${aes[1]}`
  if (/^aes\b/.test(t)) return 'aes-128'
  if (/^des\b/.test(t)) return 'des'
  return t
}

/** "Secure Hash Standard" (sha1), "Secure Hash Standard 2 (256 bit)", "Message Digest 5". */
export function isakmpHash(text: string): string {
  const t = text.toLowerCase()
  const sha2 = /secure hash standard 2 \((256|384|512) bit\)/.exec(t)
  if (sha2) return `sha${sha2[1]}`
  if (/^secure hash standard$/.test(t)) return 'sha1'
  if (/message digest 5/.test(t)) return 'md5'
  return t
}

/** "Pre-Shared Key", "Rivest-Shamir-Adleman Signature", "Rivest-Shamir-Adleman Encryption", "ECDSA Signature". */
export function isakmpAuth(text: string): string {
  const t = text.toLowerCase()
  if (t.startsWith('pre-shared')) return 'pre-share'
  if (t.startsWith('rivest-shamir-adleman sig')) return 'rsa-sig'
  if (t.startsWith('rivest-shamir-adleman enc')) return 'rsa-encr'
  if (t.startsWith('ecdsa')) return 'ecdsa-sig'
  return t
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const b of viewBlocks(lines, acc, HEADER, TITLE)) {
    const f = new RawFields()
    const isDefault = !!b.match?.[1]
    const name = b.match ? (b.match[2] ?? 'default') : '(unknown)'
    if (b.head) f.set(isDefault ? 'Default protection suite' : 'priority', b.match?.[2] ?? '', b.head)
    const p: IkeProposal = {kind: 'ikeProposal', id: '', ...blockBase(ctx, b, f), name, version: 1, isDefault, encryption: [], integrity: [], prf: [], dhGroups: [], authentication: null, lifetimeSec: null}
    const seen = readLabelled(b, acc, f, (label, value) => {
      if (label === 'encryption algorithm') p.encryption.push(isakmpCipher(value))
      else if (label === 'hash algorithm') p.integrity.push(isakmpHash(value))
      else if (label === 'authentication method') p.authentication = isakmpAuth(value)
      else if (label === 'Diffie-Hellman group') {
        // "#14 (2048 bit)"
        const m = /#(\d+)/.exec(value)
        if (m && toInt(m[1]) !== null) p.dhGroups.push(toInt(m[1]) as number)
      } else if (label === 'lifetime') {
        // "86400 seconds, no volume limit"
        const m = /^(\d+) seconds/.exec(value)
        if (m) p.lifetimeSec = toInt(m[1])
      }
    }, (line) => acc.reject(line, b.head ? 'unknown line in a protection suite' : 'line before any protection suite'))
    p.id = ids.unique(`ike-proposal:v1:${name}`)
    if (isPartial(b, seen, REQUIRED)) p.partial = true
    acc.add(p)
  }
  return acc.finish()
}

export const showCryptoIsakmpPolicy: ParserSpec = {
  id: 'cisco/show-crypto-isakmp-policy',
  vendor: 'cisco',
  command: 'show crypto isakmp policy',
  detect: (lines) => scoreLines(lines, [/^Protection suite of priority \d+$/, /^Global IKE policy$/], [/^(?:encryption|hash) algorithm:/]),
  parse,
}

export const showCryptoIsakmpDefaultPolicy: ParserSpec = {
  id: 'cisco/show-crypto-isakmp-default-policy',
  vendor: 'cisco',
  command: 'show crypto isakmp default policy',
  detect: (lines) => scoreLines(lines, [/^Default protection suite of priority \d+$/, /^Default IKE policy$/]),
  parse,
}
