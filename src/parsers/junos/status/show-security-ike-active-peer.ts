/**
 * SRX `show security ike active-peer`: one ikeActivePeer per row of the "Remote Address Port Peer
 * IKE-ID XAUTH|AAA username Assigned IP" table. Columns are read by token type: the address and port
 * first, the assigned address last, the username before it ("not available" or one word), the IKE id
 * in between (it may hold spaces, e.g. a distinguished name).
 */
import type {IkeActivePeer} from '../../../model/index.js'
import {addressKind} from '../../../reading/address.js'
import {LineAccount, raw, toInt} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {sourceOf} from '../../types.js'
import {finishAccount} from '../finish.js'

// "Remote Address Port Peer IKE-ID XAUTH username Assigned IP" / "... AAA username Assigned IP"
const HEADER = /^Remote Address Port Peer IKE-ID (?:XAUTH|AAA) username Assigned IP$/i
// "Total active peers: 2" / "Total number of active peers: 2"
const TOTAL = /^Total (?:number of )?active peers: ?\d+$/i

function parseRow(line: Line, ctx: ParseContext, ids: IdRegistry): IkeActivePeer | null {
  const words = line.text.split(' ')
  if (words.length < 4 || addressKind(words[0]) === null || !/^\d{1,5}$/.test(words[1])) return null
  const assigned = words[words.length - 1]
  if (addressKind(assigned) === null) return null
  let rest = words.slice(2, -1)
  let username: string | null = null
  if (rest.length >= 2 && /^not$/i.test(rest[rest.length - 2]) && /^available$/i.test(rest[rest.length - 1])) {
    rest = rest.slice(0, -2)
  } else if (rest.length >= 2) {
    username = rest[rest.length - 1]
    rest = rest.slice(0, -1)
  }
  const ikeId = rest.length > 0 ? rest.join(' ') : null
  const node = ctx.node ? `${ctx.node}:` : ''
  const fact: IkeActivePeer = {
    kind: 'ikeActivePeer', id: ids.unique(`active-peer:${node}${words[0]}:${words[1]}`), source: sourceOf(ctx, line.n, line.n),
    raw: {'Remote Address': raw(words[0], line), Port: raw(words[1], line), 'Assigned IP': raw(assigned, line)},
    remoteAddress: words[0], remotePort: toInt(words[1]), ikeId, username,
    assignedIp: assigned === '0.0.0.0' ? null : assigned, node: ctx.node,
  }
  if (ikeId !== null) fact.raw['Peer IKE-ID'] = raw(ikeId, line)
  fact.raw.username = raw(username ?? 'not available', line)
  return fact
}

export const showSecurityIkeActivePeer: ParserSpec = {
  id: 'junos/show-security-ike-active-peer',
  vendor: 'junos',
  command: 'show security ike active-peer',
  detect(lines: Line[]): number {
    for (const l of lines.slice(0, 20)) if (HEADER.test(l.text)) return 0.95
    return 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    const ids = new IdRegistry()
    for (const line of lines) {
      if (line.text === '') continue
      if (HEADER.test(line.text) || TOTAL.test(line.text)) {
        acct.ignore(line)
        continue
      }
      const fact = parseRow(line, ctx, ids)
      if (fact === null) continue
      acct.add(fact)
      acct.consume(line)
    }
    return finishAccount(acct, ctx)
  },
}
