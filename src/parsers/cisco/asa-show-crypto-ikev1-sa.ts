/**
 * ASA `show crypto ikev1 sa [detail]` / `show crypto isakmp sa [detail]` / `show isakmp sa`: one ikeSa
 * fact per `N   IKE Peer:` block.
 *
 * Forms handled: the 8.4+/9.x output with the "IKEv1 SAs:" header and an "IKEv2 SAs:" section (parsed
 * by the shared IKEv2 reader) or a "There are no IKEv2 SAs" trailer; the pre-8.4 output with only the
 * `Active SA / Rekey SA / Total IKE SA` summary; blocks with no summary at all (filtered output); the
 * detail lines (Encrypt/Hash/Auth/Lifetime/Lifetime Remaining). The summary total is checked against
 * the blocks found.
 */
import type {IkeSa} from '../../model/index.js'
import {normalizeIkeState} from '../../model/index.js'
import {LineAccount, leadChar, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {normalizeCipher} from './algorithms.js'
import {IdRegistry, RawFields, scoreLines} from './common.js'
import {blankIkeSa, columnPairs, ikeAuth, ikeHash} from './modern-common.js'
import {parseIkev2Lines} from './show-crypto-ikev2-sa.js'

// "IKEv1 SAs:"
const V1_HEADER = /^\s*IKEv1 SAs:\s*$/
// "IKEv2 SAs:"
const V2_HEADER = /^\s*IKEv2 SAs:\s*$/
// "There are no IKEv1 SAs" / "There are no IKEv2 SAs" / "There are no isakmp sas"
const NONE_LINE = /^\s*There are no (IKEv[12]|isakmp) SAs\s*$/i
// "   Active SA: 1" / "    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)" / "Total IKE SA: 1"
const SUMMARY_LINE = /^\s*(Active SA|Rekey SA|Total IKE SA):\s*(\d+)\b/i
// "1   IKE Peer: 10.0.0.2"
const PEER_LINE = /^\s*(\d+)\s+IKE Peer:\s*(\S+)\s*$/i
// "    Type    : L2L             Role    : initiator" / "    Lifetime Remaining: 85987"
const ATTRIBUTE_LINE = /^\s+[A-Za-z][A-Za-z ]*?\s*:\s*\S/
// "    Rekey   : no              State   : MM_ACTIVE"
const STATE_ATTRIBUTE = /\bState\s*:\s*(MM|AM)_[A-Z0-9_]+/
// "    Type    : L2L"
const TYPE_ATTRIBUTE = /^\s+Type\s*:\s*(L2L|user)\b/i

interface OpenBlock {
  fact: IkeSa
  fields: RawFields
  start: number
  end: number
}

function modeOf(state: string): IkeSa['mode'] {
  if (/^AM_/i.test(state)) return 'aggressive'
  if (/^MM_/i.test(state)) return 'main'
  return null
}

/** Applies one "Label : value" pair of a peer block to its fact. */
function applyPair(fact: IkeSa, label: string, value: string): void {
  switch (label.toLowerCase()) {
    case 'type':
      fact.flags.push(/^user$/i.test(value) ? 'remote-access' : value.toLowerCase())
      break
    case 'role':
      if (/^(initiator|responder)$/i.test(value)) fact.role = value.toLowerCase() as 'initiator' | 'responder'
      break
    case 'rekey':
      if (/^yes$/i.test(value)) fact.flags.push('rekey')
      break
    case 'state':
      fact.stateRaw = value
      fact.state = normalizeIkeState(value)
      fact.mode = modeOf(value)
      break
    case 'encrypt':
      fact.encryption = normalizeCipher(value)
      break
    case 'hash':
      fact.integrity = ikeHash(value)
      break
    case 'auth':
      fact.authMethod = ikeAuth(value)
      break
    case 'lifetime':
      fact.lifetimeSec = toInt(value)
      break
    case 'lifetime remaining':
      fact.lifetimeRemainingSec = toInt(value)
      break
  }
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  const v2Lines: Line[] = []
  let inV2 = false
  let open: OpenBlock | null = null
  let blocks = 0
  let total: {count: number; line: number} | null = null
  const close = () => {
    if (open) {
      if (open.fact.stateRaw === null) acct.warn(`line ${open.start}: IKE Peer ${open.fact.remoteAddress} has no State line`)
      open.fact.source = sourceOf(ctx, open.start, open.end)
      acct.add(open.fact)
      blocks++
    }
    open = null
  }
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const t = line.text
    let m: RegExpExecArray | null
    // headers and notices start with a fixed word, peer lines with their number: test what the first character allows
    const lead = leadChar(t)
    const lower = lead.toLowerCase()
    if (lead === 'I' && V1_HEADER.test(t)) {
      close()
      inV2 = false
      acct.ignore(line)
    } else if (lead === 'I' && V2_HEADER.test(t)) {
      close()
      inV2 = true
      v2Lines.push(line)
    } else if (inV2) {
      v2Lines.push(line)
    } else if (lead === '') {
      continue
    } else if (lower === 't' && NONE_LINE.test(t)) {
      close()
      acct.ignore(line)
    } else if ((lower === 'a' || lower === 'r' || lower === 't') && (m = SUMMARY_LINE.exec(t))) {
      close()
      acct.ignore(line)
      if (/^total/i.test(m[1])) total = {count: Number(m[2]), line: line.n}
    } else if (lead >= '0' && lead <= '9' && (m = PEER_LINE.exec(t))) {
      close()
      const fields = new RawFields()
      fields.set('IKE Peer', m[2], line)
      const fact = blankIkeSa(ctx, ids.unique(`ike:${m[2]}`), line.n, line.n, fields.fields)
      fact.version = 1
      fact.remoteAddress = m[2]
      open = {fact, fields, start: line.n, end: line.n}
      acct.consume(line)
    } else if (open !== null && ATTRIBUTE_LINE.test(t)) {
      const block: OpenBlock = open
      for (const p of columnPairs(t)) {
        block.fields.set(p.label, p.value, line)
        applyPair(block.fact, p.label, p.value)
      }
      block.end = line.n
      acct.consume(line)
    }
  }
  close()
  if (v2Lines.length > 0) parseIkev2Lines(v2Lines, ctx, acct, ids)
  if (total !== null && ctx.pipe === null && total.count !== blocks) {
    acct.warn(`line ${total.line}: Total IKE SA: ${total.count}, but ${blocks} IKE Peer block(s) were found (truncated output?)`)
  }
  return acct.finish()
}

export const asaShowCryptoIkev1Sa: ParserSpec = {
  id: 'cisco/asa-show-crypto-ikev1-sa',
  vendor: 'cisco',
  command: 'show crypto ikev1 sa',
  aliases: [
    'show crypto ikev1 sa detail',
    'show isakmp sa',
    'show isakmp sa detail',
    'show crypto isakmp sa',
    'show crypto isakmp sa detail',
  ],
  detect(lines: Line[]): number {
    return scoreLines(lines, [PEER_LINE, STATE_ATTRIBUTE, TYPE_ATTRIBUTE, V1_HEADER, /^\s*Total IKE SA:/i], [NONE_LINE, SUMMARY_LINE])
  },
  parse,
}
