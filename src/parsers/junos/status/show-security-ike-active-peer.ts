/**
 * SRX `show security ike active-peer [detail]`: one ikeActivePeer per peer.
 *
 * Table form: one row per peer under "Remote Address Port Peer IKE-ID XAUTH|AAA username Assigned
 * IP". Columns are read by token type: the address and port first, the assigned address last, the
 * username before it ("not available" or one word), the IKE id in between (it may hold spaces, e.g. a
 * distinguished name).
 *
 * Detail form (Junos CLI reference, "show security ike active-peer", sample output `detail`): a
 * block per peer opened by "Peer address: 192.0.2.1, Port: 500,", then "Label : value" lines (Peer
 * IKE-ID, XAUTH / AAA username, the assigned network attributes, the previous peer address, "Active
 * IKE SA indexes", "IKE SA negotiated", "IPSec tunnels active, IPSec Tunnel IDs"). Every labelled
 * value is kept as printed on the peer's fact. Filtered output (`| match`) that lost a block's "Peer
 * address" line still gives the peer, without an address (finishAccount marks it partial).
 */
import type {IkeActivePeer} from '../../../model/index.js'
import {addressKind} from '../../../reading/address.js'
import {labelPairs} from '../../../reading/labels.js'
import {isDigits} from '../../../reading/numbers.js'
import {LineAccount, toInt} from '../../account.js'
import {RawFields} from '../../cisco/common.js'
import {IdRegistry} from '../../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {sourceOf} from '../../types.js'
import {finishAccount, isFilteredPipe, markPartial} from '../finish.js'

// "Remote Address Port Peer IKE-ID XAUTH username Assigned IP" / "... AAA username Assigned IP"
const HEADER = /^Remote Address Port Peer IKE-ID (?:XAUTH|AAA) username Assigned IP$/i
// "Total active peers: 2" / "Total number of active peers: 2"
const TOTAL = /^Total (?:number of )?active peers: ?\d+$/i
// "Peer address: 192.0.2.1, Port: 500," (detail: opens a peer)
const DETAIL_PEER = /^Peer address ?: ?(\S+?), ?Port ?: ?(\d{1,5}),?$/i
// "Assigned network attributes:" (detail: a heading over the IP / DNS / WINS lines)
const ATTRIBUTES = /^Assigned network attributes ?:$/i
// "Active IKE SA indexes : 2350395 2350396" (the list of indexes)
const SA_INDEXES = /^Active IKE SA indexes$/i
// "IPSec tunnels active : 1, IPSec Tunnel IDs : 67108867"
const TUNNELS_ACTIVE = /^IPSec tunnels active$/i
// "Peer IKE-ID : 192.0.2.1"
const IKE_ID = /^Peer IKE-ID$/i
// "AAA username: not available" / "XAUTH username : jdoe"
const USERNAME = /^(?:XAUTH|AAA) username$/i
// "IP Address : 0.0.0.0 , netmask : 0.0.0.0" (the assigned address)
const ASSIGNED = /^IP Address$/i

/** Labels every complete detail block prints (a block without one of them was cut). */
const DETAIL_BASE = ['Peer IKE-ID', 'Active IKE SA indexes']

function newPeer(ctx: ParseContext, ids: IdRegistry, address: string | null, port: string | null, line: Line): IkeActivePeer {
  const node = ctx.node ? `${ctx.node}:` : ''
  return {
    kind: 'ikeActivePeer', id: ids.unique(`active-peer:${node}${address ?? '?'}${port !== null ? `:${port}` : ''}`), source: sourceOf(ctx, line.n, line.n), raw: new RawFields().fields,
    remoteAddress: address, remotePort: port !== null ? toInt(port) : null, ikeId: null, username: null, assignedIp: null, node: ctx.node,
    ikeSaIndexes: [], ipsecTunnelCount: null,
  }
}

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
  const fact = newPeer(ctx, ids, words[0], words[1], line)
  const fields = new RawFields()
  fields.set('Remote Address', words[0], line)
  fields.set('Port', words[1], line)
  fields.set('Assigned IP', assigned, line)
  if (ikeId !== null) fields.set('Peer IKE-ID', ikeId, line)
  fields.set('username', username ?? 'not available', line)
  fact.raw = fields.fields
  fact.ikeId = ikeId
  fact.username = username
  fact.assignedIp = assigned === '0.0.0.0' ? null : assigned
  return fact
}

/** One open detail block. */
interface Block {
  fact: IkeActivePeer
  fields: RawFields
  start: number
  end: number
  /** Opened by a detail line under a filter, not by its "Peer address" line. */
  headless: boolean
}

/** A "Label : value [, Label : value]" line of a detail block: each value on the fact. False when the line holds no label. */
function detailLine(b: Block, line: Line): boolean {
  const pairs = labelPairs(line.text)
  if (pairs.length === 0) return false
  const f = b.fact
  for (const {label, value} of pairs) {
    b.fields.set(label, value, line)
    if (IKE_ID.test(label)) f.ikeId = value === '' ? null : value
    else if (USERNAME.test(label)) f.username = /^not available$/i.test(value) || value === '' ? null : value
    else if (ASSIGNED.test(label)) f.assignedIp = addressKind(value) === null || value === '0.0.0.0' ? null : value
    else if (SA_INDEXES.test(label)) f.ikeSaIndexes = value.split(' ').filter(isDigits).map((v) => toInt(v)).filter((n): n is number => n !== null)
    else if (TUNNELS_ACTIVE.test(label)) f.ipsecTunnelCount = toInt(value)
  }
  b.end = line.n
  return true
}

function closeBlock(b: Block | null, acct: LineAccount, ctx: ParseContext): void {
  if (b === null) return
  b.fact.raw = b.fields.fields
  b.fact.source = sourceOf(ctx, b.start, b.end)
  acct.add(b.fact)
}

export const showSecurityIkeActivePeer: ParserSpec = {
  id: 'junos/show-security-ike-active-peer',
  vendor: 'junos',
  command: 'show security ike active-peer',
  detect(lines: Line[]): number {
    for (const l of lines.slice(0, 20)) if (HEADER.test(l.text) || DETAIL_PEER.test(l.text)) return 0.95
    return 0
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    const ids = new IdRegistry()
    let open: Block | null = null
    const blocks: Block[] = []
    const filtered = isFilteredPipe(ctx.pipe)
    for (const line of lines) {
      if (line.text === '') continue
      if (HEADER.test(line.text) || TOTAL.test(line.text) || ATTRIBUTES.test(line.text)) {
        acct.ignore(line)
        continue
      }
      const m = DETAIL_PEER.exec(line.text)
      if (m && addressKind(m[1]) !== null && isDigits(m[2])) {
        closeBlock(open, acct, ctx)
        const fields = new RawFields()
        fields.set('Peer address', m[1], line)
        fields.set('Port', m[2], line)
        open = {fact: newPeer(ctx, ids, m[1], m[2], line), fields, start: line.n, end: line.n, headless: false}
        blocks.push(open)
        acct.consume(line)
        continue
      }
      // "| match ..." output: detail lines whose "Peer address" line the filter removed start a peer
      // without an address (a label seen again starts the next one)
      if (filtered && labelPairs(line.text).length > 0 && (open === null || (open.headless && labelPairs(line.text).some((p) => open?.fields.has(p.label))))) {
        closeBlock(open, acct, ctx)
        open = {fact: newPeer(ctx, ids, null, null, line), fields: new RawFields(), start: line.n, end: line.n, headless: true}
        blocks.push(open)
      }
      if (open !== null) {
        if (detailLine(open, line)) acct.consume(line)
        continue
      }
      const fact = parseRow(line, ctx, ids)
      if (fact === null) continue
      acct.add(fact)
      acct.consume(line)
    }
    closeBlock(open, acct, ctx)
    // the last block of a detail capture that lacks a label every block prints was cut
    const last = blocks[blocks.length - 1]
    if (last && DETAIL_BASE.some((k) => !last.fields.has(k))) markPartial(last.fact)
    return finishAccount(acct, ctx)
  },
}
