/**
 * IOS / IOS-XE `show crypto session brief`: one cryptoSession per row of the "Peer I/F Username
 * Group/Phase1_id Uptime Status" table. Columns are read by token type (the spacing is gone): the
 * peer address first, the interface second, the status code (A, U, D, I, S, N, K letters) last, an
 * uptime before it when the session has one, username and phase 1 id between. "ivrf = X" lines set
 * the inside VRF of the rows after them.
 */
import type {CryptoSession, SessionStatus} from '../../../model/index.js'
import {addressKind} from '../../../reading/address.js'
import {LineAccount} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {sourceOf} from '../../types.js'
import {RawFields, scoreLines} from '../common.js'
import {isFiltered, addMaskedField, markPartial} from '../modern-common.js'

// "Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating"
const LEGEND = /^Status: ?A ?- ?Active\b/i
// "K - No IKE" (legend continuation)
const LEGEND_CONT = /^[A-Z] ?- ?[A-Z][A-Za-z ]*(?:, ?[A-Z] ?- ?[A-Z][A-Za-z ]*)*$/
// "ivrf = (none)" / "ivrf = CUST-A"
const IVRF = /^ivrf = ?(\S+)$/i
// "Peer I/F Username Group/Phase1_id Uptime Status"
const HEADER = /^Peer I\/F Username Group\/Phase1_id Uptime Status$/i
// "UA" / "UI" / "D" / "DN" / "UK" / "UAK" / "S"
const STATUS_CODE = /^[AUDISNK]{1,4}$/
// "00:12:23" / "1d02h" / "2w3d" / "1y2w"
const UPTIME = /^(?:\d+:\d\d:\d\d|\d+[ywd]\d+[wdh])$/
// "Tu0" / "Gi0/0/0" / "Tunnel10" / "Virtual-Access2"
const INTERFACE = /^[A-Za-z][\w./:-]*\d$/

/** Status code letters: N negotiating, D down, U up (A active, I idle, S standby, K no IKE qualify it). */
function statusOf(code: string): SessionStatus {
  if (code.includes('N')) return 'negotiating'
  if (code.includes('D')) return 'down'
  if (code.includes('U') || code.includes('A')) return 'up'
  return 'unknown'
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let ivrf: string | null = null
  let ivrfText: string | null = null
  let ivrfLine: Line | null = null
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if (LEGEND.test(t) || HEADER.test(t)) {
      acct.ignore(line)
      continue
    }
    if ((m = IVRF.exec(t))) {
      ivrfText = m[1]
      ivrf = m[1] === '(none)' ? null : m[1]
      ivrfLine = line
      // consumed by the rows it applies to (none may follow)
      acct.ignore(line)
      continue
    }
    const words = t.split(' ')
    const peer = words[0]
    const status = words[words.length - 1]
    if (words.length < 3 || addressKind(peer) === null || !INTERFACE.test(words[1]) || !STATUS_CODE.test(status)) {
      if (LEGEND_CONT.test(t)) acct.ignore(line)
      continue
    }
    const middle = words.slice(2, -1)
    const uptime = middle.length > 0 && UPTIME.test(middle[middle.length - 1]) ? middle.pop()! : null
    // one middle word is the phase 1 id (site-to-site); two are username and phase 1 id
    if (middle.length > 2) continue
    const username = middle.length === 2 ? middle[0] : null
    const phase1Id = middle.length > 0 ? middle[middle.length - 1] : null
    const fields = new RawFields()
    fields.set('Peer', peer, line)
    fields.set('I/F', words[1], line)
    if (username !== null) fields.set('Username', username, line)
    if (phase1Id !== null) fields.set('Group/Phase1_id', phase1Id, line)
    if (uptime !== null) fields.set('Uptime', uptime, line)
    fields.set('Status', status, line)
    if (ivrfText !== null && ivrfLine !== null) {
      fields.set('ivrf', ivrfText, ivrfLine)
      acct.consume(ivrfLine)
    }
    const st = statusOf(status)
    const fact: CryptoSession = {
      kind: 'cryptoSession', id: ids.unique(`session-brief:${words[1]}:${peer}`), source: sourceOf(ctx, line.n, line.n), raw: fields.fields,
      interface: words[1], profile: null, uptime, status: st, statusRaw: status, remoteAddress: peer, remotePort: null, fvrf: null,
      ivrf, phase1Id, sessionId: null,
      ikeState: st === 'negotiating' ? 'negotiating' : st === 'up' && !status.includes('K') ? 'established' : 'down',
      ikeSas: [], flows: [], activeSas: null, natT: null,
    }
    if (addressKind(peer) === 'masked') addMaskedField(fact, 'remoteAddress')
    if (phase1Id !== null && addressKind(phase1Id) === 'masked') addMaskedField(fact, 'phase1Id')
    if (isFiltered(ctx)) markPartial(fact)
    acct.add(fact)
    acct.consume(line)
  }
  return acct.finish()
}

export const showCryptoSessionBrief: ParserSpec = {
  id: 'cisco/show-crypto-session-brief',
  vendor: 'cisco',
  command: 'show crypto session brief',
  detect(lines: Line[]): number {
    return scoreLines(lines, [LEGEND, HEADER], [IVRF])
  },
  parse,
}
