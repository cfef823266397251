/**
 * `show crypto ikev2 policy [name]` (IOS-XE, IOS 15.x): one ikePolicy per policy, with the proposals
 * it offers and the local addresses it matches.
 *
 *    IKEv2 policy : default
 *        Match fvrf : any
 *        Match address local : any
 *        Proposal    : default
 *
 * A policy with several proposals prints one "Proposal :" line each. "Match address local : any"
 * gives no matchLocal entry (the policy matches every local address). A policy without a Proposal
 * line is partial; a cut between two Proposal lines cannot be seen.
 */
import type {IkePolicy} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {IdRegistry, markMasked, RawFields, scoreLines} from '../common.js'
import {blockBase, isPartial, readLabelled, viewBlocks} from './view.js'

// "IKEv2 policy : POL1", "IKEv2 policy: POL1"
const HEADER = /^IKEv2 policy ?: ?(\S+)$/
const REQUIRED = ['Match address local', 'Proposal']

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const b of viewBlocks(lines, acc, HEADER, null)) {
    const f = new RawFields()
    const name = b.match ? b.match[1] : '(unknown)'
    if (b.head) f.set('IKEv2 policy', name, b.head)
    const p: IkePolicy = {kind: 'ikePolicy', id: ids.unique(`ikev2-policy:${name}`), ...blockBase(ctx, b, f), name, proposals: [], mode: null, pskSet: null, matchLocal: []}
    const seen = readLabelled(b, acc, f, (label, value) => {
      if (label === 'Proposal') p.proposals.push(...value.split(' ').filter(Boolean))
      else if (label === 'Match address local' && value !== 'any' && value !== '') p.matchLocal.push(...value.split(' '))
    }, (line) => acc.reject(line, b.head ? 'unknown line in an IKEv2 policy' : 'line before any IKEv2 policy'))
    if (isPartial(b, seen, REQUIRED)) p.partial = true
    markMasked(p, 'matchLocal')
    acc.add(p)
  }
  return acc.finish()
}

export const showCryptoIkev2Policy: ParserSpec = {
  id: 'cisco/show-crypto-ikev2-policy',
  vendor: 'cisco',
  command: 'show crypto ikev2 policy',
  detect: (lines) => scoreLines(lines, [HEADER], [/^Match fvrf ?:/]),
  parse,
}
