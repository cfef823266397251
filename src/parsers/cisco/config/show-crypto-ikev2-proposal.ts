/**
 * `show crypto ikev2 proposal [name]` (IOS-XE, IOS 15.x): one ikeProposal (IKEv2) per proposal.
 *
 *    IKEv2 proposal: default
 *        Encryption : AES-CBC-256
 *        Integrity  : SHA512 SHA384
 *        PRF        : SHA512 SHA384
 *        DH Group   : DH_GROUP_256_ECP/Group 19 DH_GROUP_2048_MODP/Group 14
 *
 * "default" is the built-in proposal (isDefault). An AEAD proposal (AES-GCM) prints no Integrity
 * line or an empty one. A proposal without its Encryption, PRF or DH Group line is partial.
 */
import {toInt} from '../../../reading/numbers.js'
import type {IkeProposal} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import {encryptionOf, integrityOf} from '../../config/normalize.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {IdRegistry, RawFields, scoreLines} from '../common.js'
import {blockBase, isPartial, readLabelled, viewBlocks} from './view.js'

// "IKEv2 proposal: PROP1", "IKEv2 proposal : PROP1"
const HEADER = /^IKEv2 proposal ?: ?(\S+)$/
const REQUIRED = ['Encryption', 'PRF', 'DH Group']

/** "DH_GROUP_1536_MODP/Group 5 DH_GROUP_2048_MODP/Group 14" -> [5, 14]. */
export function dhGroupsOf(text: string): number[] {
  return [...text.matchAll(/Group ?(\d+)/gi)].map((m) => toInt(m[1])).filter((g): g is number => g !== null)
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const b of viewBlocks(lines, acc, HEADER, null)) {
    const f = new RawFields()
    const name = b.match ? b.match[1] : '(unknown)'
    if (b.head) f.set('IKEv2 proposal', name, b.head)
    const p: IkeProposal = {kind: 'ikeProposal', id: ids.unique(`ike-proposal:v2:${name}`), ...blockBase(ctx, b, f), name, version: 2, isDefault: name === 'default',
      encryption: [], integrity: [], prf: [], dhGroups: [], authentication: null, lifetimeSec: null}
    const words = (v: string) => v.split(' ').filter((w) => w !== '' && w.toLowerCase() !== 'none')
    const seen = readLabelled(b, acc, f, (label, value) => {
      if (label === 'Encryption') p.encryption.push(...words(value).map((w) => encryptionOf(w)))
      else if (label === 'Integrity') p.integrity.push(...words(value).map(integrityOf))
      else if (label === 'PRF') p.prf.push(...words(value).map(integrityOf))
      else if (label === 'DH Group') p.dhGroups.push(...dhGroupsOf(value))
    }, (line) => acc.reject(line, b.head ? 'unknown line in an IKEv2 proposal' : 'line before any IKEv2 proposal'))
    if (isPartial(b, seen, REQUIRED)) p.partial = true
    acc.add(p)
  }
  return acc.finish()
}

export const showCryptoIkev2Proposal: ParserSpec = {
  id: 'cisco/show-crypto-ikev2-proposal',
  vendor: 'cisco',
  command: 'show crypto ikev2 proposal',
  detect: (lines) => scoreLines(lines, [HEADER], [/^DH Group ?: ?DH_GROUP/]),
  parse,
}
