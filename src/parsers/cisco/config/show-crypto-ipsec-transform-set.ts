/**
 * `show crypto ipsec transform-set [name]` (IOS, IOS-XE): one ipsecProposal per transform set.
 *
 *   Transform set default: { esp-aes esp-sha-hmac  }
 *      will negotiate = { Transport,  },
 *
 *   Transform set TS: { esp-256-aes esp-sha256-hmac  }
 *      will negotiate = { Tunnel,  },
 *
 * An AH + ESP set prints one "{ ... }" group per protocol, each with its "will negotiate" line.
 * A set whose "will negotiate" line is missing (cut, filtered) is partial; lines a filter left
 * without their "Transform set" line form a header-less partial set.
 */
import type {IpsecProposal} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {IdRegistry, RawFields, scoreLines} from '../common.js'
import {transformsOf} from './transforms.js'
import {blockBase, viewBlocks} from './view.js'

// "Transform set TS: { esp-256-aes esp-sha256-hmac }", "Transform set default: { esp-aes esp-sha-hmac }"
const HEADER = /^Transform set (\S+?):(?: \{ ?(.*?) ?\})?$/
// "{ esp-des esp-sha-hmac }" (second protocol group of an AH + ESP set)
const GROUP = /^\{ ?(.*?) ?\}$/
// "will negotiate = { Tunnel, },"
const NEGOTIATE = /^will negotiate = \{ ?(\w+)?,? ?\},?$/

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const b of viewBlocks(lines, acc, HEADER, null)) {
    const f = new RawFields()
    const name = b.match ? b.match[1] : '(unknown)'
    const groups: string[] = []
    if (b.head && b.match) {
      f.set('Transform set', name, b.head)
      if (b.match[2] !== undefined) (groups.push(b.match[2]), f.set('transforms', b.match[2], b.head))
    }
    let mode: string | null = null
    let negotiated = 0
    for (const line of b.lines) {
      let m: RegExpExecArray | null
      if ((m = GROUP.exec(line.text))) (groups.push(m[1]), f.set('transforms', m[1], line), acc.consume(line))
      else if ((m = NEGOTIATE.exec(line.text))) {
        negotiated++
        if (m[1]) mode ??= m[1].toLowerCase()
        f.set('will negotiate', m[1] ?? '', line)
        acc.consume(line)
      } else acc.reject(line, b.head ? 'unknown line in a transform set' : 'line before any transform set')
    }
    const t = transformsOf(groups.join(' ').split(' ').filter(Boolean))
    const p: IpsecProposal = {kind: 'ipsecProposal', id: ids.unique(`ipsec-proposal:${name}`), ...blockBase(ctx, b, f), name, protocol: t.protocol, encryption: t.encryption,
      integrity: t.integrity, mode, lifetimeSec: null, lifetimeKb: null}
    // AH + ESP: "ah-sha-hmac" then "{ esp-aes }": both protocols are used
    if (groups.some((g) => /\bah-/.test(g)) && groups.some((g) => /\besp-/.test(g))) p.protocol = 'ah+esp'
    if (b.head === null || groups.length === 0 || negotiated < groups.length) p.partial = true
    acc.add(p)
  }
  return acc.finish()
}

export const showCryptoIpsecTransformSet: ParserSpec = {
  id: 'cisco/show-crypto-ipsec-transform-set',
  vendor: 'cisco',
  command: 'show crypto ipsec transform-set',
  detect: (lines) => scoreLines(lines, [HEADER], [NEGOTIATE]),
  parse,
}
