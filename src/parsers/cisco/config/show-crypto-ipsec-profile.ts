/**
 * `show crypto ipsec profile [name]` (IOS, IOS-XE): one ipsecPolicy per profile (tunnel protection).
 *
 *   IPSEC profile PROF
 *           IKEv2 Profile: IKEV2-PROFILE
 *           Security association lifetime: 4608000 kilobytes/3600 seconds
 *           Dualstack (Y/N): N
 *           Responder-Only (Y/N): N
 *           PFS (Y/N): Y
 *           DH group:  group14
 *           Mixed-mode : Disabled
 *           Transform sets={
 *                   TS:  { esp-256-aes esp-sha256-hmac  } ,
 *           }
 *
 * A profile without its PFS line or its closing "}" is partial (cut or filtered); transform-set lines
 * a filter left without "IPSEC profile" form a header-less partial profile.
 */
import {toInt} from '../../../reading/numbers.js'
import type {IpsecPolicy} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import {dhGroupOf} from '../../config/normalize.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {IdRegistry, RawFields, scoreLines} from '../common.js'
import {blockBase, labelled, viewBlocks} from './view.js'

// "IPSEC profile PROF", "IPSEC profile default"
const HEADER = /^IPSEC profile (\S+)$/
// "TS: { esp-256-aes esp-sha256-hmac } ," (one transform set of the profile)
const SET = /^(\S+?): ?\{ ?(.*?) ?\} ?,?$/

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const b of viewBlocks(lines, acc, HEADER, null)) {
    const f = new RawFields()
    const name = b.match ? b.match[1] : '(unknown)'
    if (b.head) f.set('IPSEC profile', name, b.head)
    const p: IpsecPolicy = {kind: 'ipsecPolicy', id: ids.unique(`ipsec-profile:${name}`), ...blockBase(ctx, b, f), name, proposals: [], transforms: [], pfs: null, pfsGroup: null,
      ikeProfile: null, lifetimeSec: null, lifetimeKb: null}
    let open = false
    let closed = false
    for (const line of b.lines) {
      const t = line.text
      let m: RegExpExecArray | null
      if (/^Transform sets ?= ?\{$/.test(t)) {
        open = true
        acc.ignore(line)
      } else if (t === '}') {
        closed = true
        acc.ignore(line)
      } else if ((m = SET.exec(t))) {
        p.proposals.push(m[1])
        p.transforms.push(m[2])
        f.set(m[1], m[2], line)
        acc.consume(line)
      } else {
        const lv = labelled(t)
        if (!lv) {
          acc.reject(line, b.head ? 'unknown line in an IPsec profile' : 'line before any IPsec profile')
          continue
        }
        f.set(lv.label, lv.value, line)
        acc.consume(line)
        const v = lv.value
        if (lv.label === 'PFS (Y/N)') p.pfs = v === 'Y' ? true : v === 'N' ? false : null
        else if (lv.label === 'DH group') p.pfsGroup = dhGroupOf(v)
        else if ((lv.label === 'IKEv2 Profile' || lv.label === 'ISAKMP Profile') && v !== 'none') p.ikeProfile = v
        else if (lv.label === 'Security association lifetime') {
          // "4608000 kilobytes/3600 seconds"
          const kb = /(\d+) kilobytes/.exec(v)
          const sec = /(\d+) seconds/.exec(v)
          if (kb) p.lifetimeKb = toInt(kb[1])
          if (sec) p.lifetimeSec = toInt(sec[1])
        }
      }
    }
    if (b.head === null || p.pfs === null || !open || !closed) p.partial = true
    acc.add(p)
  }
  return acc.finish()
}

export const showCryptoIpsecProfile: ParserSpec = {
  id: 'cisco/show-crypto-ipsec-profile',
  vendor: 'cisco',
  command: 'show crypto ipsec profile',
  detect: (lines) => scoreLines(lines, [HEADER], [/^PFS \(Y\/N\):/, /^Transform sets ?= ?\{$/]),
  parse,
}
