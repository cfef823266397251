/**
 * ASA `show crypto ikev1 sa [detail]` / `show crypto isakmp sa [detail]` / `show isakmp sa`: one ikeSa
 * fact per `N IKE Peer:` block.
 *
 * Forms handled: the 8.4+/9.x output with the "IKEv1 SAs:" header and an "IKEv2 SAs:" section (parsed
 * by the shared IKEv2 reader) or a "There are no IKEv2 SAs" trailer; the pre-8.4 output with only the
 * `Active SA / Rekey SA / Total IKE SA` summary; blocks with no summary at all (filtered output); the
 * detail lines (Encrypt/Hash/Auth/Lifetime/Lifetime Remaining). "There are no IKEv1 SAs" gives no
 * fact: the block of the command, captured and empty, is what says that no SA exists.
 *
 * Lines are canonical (single spaces, no indentation): the pairs of a line are found by their label
 * words, however many spaces the device put between them. A block without its State line (or, in
 * detail output, without its Lifetime Remaining line) was cut off and is marked partial.
 */
import type {IkeSa} from '../../model/index.js'
import {normalizeIkeState} from '../../model/states.js'
import {LineAccount, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {normalizeCipher} from './algorithms.js'
import {IdRegistry, RawFields, scoreLines} from './common.js'
import {blankIkeSa, columnPairs, ikeAuth, ikeHash, isFiltered, markPartial, peerValue, setAddress} from './modern-common.js'
import {parseIkev2Lines} from './show-crypto-ikev2-sa.js'
import {rawGet} from '../../model/raw.js'

// "IKEv1 SAs:"
const V1_HEADER = /^IKEv1 SAs:$/
// "IKEv2 SAs:"
const V2_HEADER = /^IKEv2 SAs:$/
// "There are no IKEv1 SAs" / "There are no IKEv2 SAs" / "There are no isakmp sas"
const NONE_LINE = /^There are no (?:IKEv[12]|isakmp) SAs\.?$/i
// "Active SA: 1" / "Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)" / "Total IKE SA: 1"
const SUMMARY_LINE = /^(Active SA|Rekey SA|Total IKE SA): ?(\d+)\b/i
// "1 IKE Peer: 10.0.0.2" / "3 IKE Peer: branch-fw7"
const PEER_LINE = /^(\d+) IKE Peer: ?(\S+)$/i
// "Type : L2L Role : initiator" / "Lifetime Remaining: 85987" / "Auth : preshared Lifetime: 86400"
const ATTRIBUTE_LINE = /^(?:Type|Role|Rekey|State|Encrypt|Hash|Auth|Lifetime(?: Remaining)?) ?:/i
// "Rekey : no State : MM_ACTIVE" (detect)
const STATE_ATTRIBUTE = /\bState ?: ?(?:MM|AM)_[A-Z0-9_]+/
// "Type : L2L" (detect)
const TYPE_ATTRIBUTE = /^Type ?: ?(?:L2L|user)\b/i

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

/** Applies one "Label : value" pair of a peer block to its fact; false when the value cannot be read. */
function applyPair(fact: IkeSa, label: string, value: string): boolean {
  switch (label.toLowerCase()) {
    case 'type':
      // "L2L" / "user" (remote access)
      if (!/^(l2l|user)$/i.test(value)) return false
      fact.flags.push(/^user$/i.test(value) ? 'remote-access' : 'l2l')
      return true
    case 'role':
      if (!/^(initiator|responder)$/i.test(value)) return false
      fact.role = value.toLowerCase() as 'initiator' | 'responder'
      return true
    case 'rekey':
      if (!/^(yes|no)$/i.test(value)) return false
      if (/^yes$/i.test(value)) fact.flags.push('rekey')
      return true
    case 'state':
      // "MM_ACTIVE", "AM_WAIT_MSG2"
      if (!/^(MM|AM)_[A-Z0-9_]+$/i.test(value)) return false
      fact.stateRaw = value
      fact.state = normalizeIkeState(value)
      fact.mode = modeOf(value)
      return true
    case 'encrypt':
      fact.encryption = normalizeCipher(value)
      return fact.encryption !== null
    case 'hash':
      fact.integrity = ikeHash(value)
      return fact.integrity !== null
    case 'auth':
      fact.authMethod = ikeAuth(value)
      return fact.authMethod !== null
    case 'lifetime':
      fact.lifetimeSec = toInt(value)
      return fact.lifetimeSec !== null
    case 'lifetime remaining':
      fact.lifetimeRemainingSec = toInt(value)
      return fact.lifetimeRemainingSec !== null
  }
  return false
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const filtered = isFiltered(ctx)
  const ids = new IdRegistry()
  const v2Lines: Line[] = []
  let inV2 = false
  let open: OpenBlock | null = null
  const blocks: OpenBlock[] = []
  let total: {count: number; line: number} | null = null
  const close = () => {
    if (open) blocks.push(open)
    open = null
  }
  for (const line of lines) {
    const t = line.text
    let m: RegExpExecArray | null
    if (t === '') continue
    if (V1_HEADER.test(t)) {
      close()
      inV2 = false
      acct.ignore(line)
    } else if (V2_HEADER.test(t)) {
      close()
      inV2 = true
      v2Lines.push(line)
    } else if (inV2) {
      v2Lines.push(line)
    } else if (NONE_LINE.test(t)) {
      close()
      acct.ignore(line)
    } else if ((m = SUMMARY_LINE.exec(t))) {
      close()
      acct.ignore(line)
      if (/^total/i.test(m[1])) total = {count: Number(m[2]), line: line.n}
    } else if ((m = PEER_LINE.exec(t))) {
      close()
      const fields = new RawFields()
      fields.set('IKE Peer', m[2], line)
      const peer = peerValue(m[2], true)
      const fact = blankIkeSa(ctx, ids.unique(`ike:${m[2]}`), line.n, line.n, fields.fields)
      fact.version = 1
      if (peer) setAddress(fact, 'remoteAddress', peer)
      else acct.warn(`line ${line.n}: IKE Peer ${m[2]} is neither an address nor a name`)
      open = {fact, fields, start: line.n, end: line.n}
      acct.consume(line)
    } else if (ATTRIBUTE_LINE.test(t)) {
      const pairs = columnPairs(t)
      // attribute lines whose "N IKE Peer:" line a filter (or the author's cut) removed: a block of
      // their own; under a filter, a label the open block already holds starts the next one
      if (open === null || (filtered && pairs.some((p) => (open as OpenBlock).fields.has(p.label)))) {
        close()
        const fields = new RawFields()
        open = {fact: blankIkeSa(ctx, ids.unique('ike:?'), line.n, line.n, fields.fields), fields, start: line.n, end: line.n}
        open.fact.version = 1
      }
      const block: OpenBlock = open
      for (const p of pairs) {
        block.fields.set(p.label, p.value, line)
        if (!applyPair(block.fact, p.label, p.value)) acct.warn(`line ${line.n}: ${p.label} "${p.value}" not understood`)
      }
      block.end = line.n
      acct.consume(line)
    } else {
      // an IKEv2 line whose "IKEv2 SAs:" header a filter removed (Encr, Life/Active Time, Session-id ...)
      v2Lines.push(line)
    }
  }
  close()
  const detail = ctx.args.includes('detail') || blocks.some((b) => b.fields.has('Encrypt'))
  for (const b of blocks) {
    const f = b.fact
    f.source = sourceOf(ctx, b.start, b.end)
    const peer = rawGet(b.fields.fields, 'IKE Peer')
    if (peer && !filtered && !b.fields.has('State')) acct.warn(`line ${b.start}: IKE Peer ${peer.value} has no State line`)
    if (filtered || !peer || !b.fields.has('State') || (detail && !b.fields.has('Lifetime Remaining'))) markPartial(f)
    acct.add(f)
  }
  if (v2Lines.length > 0) parseIkev2Lines(v2Lines, ctx, acct, ids)
  if (total !== null && ctx.pipe === null && total.count !== blocks.length) {
    acct.warn(`line ${total.line}: Total IKE SA: ${total.count}, but ${blocks.length} IKE Peer block(s) were found (truncated output?)`)
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
    return scoreLines(lines, [PEER_LINE, STATE_ATTRIBUTE, TYPE_ATTRIBUTE, V1_HEADER, /^Total IKE SA:/i], [NONE_LINE, SUMMARY_LINE])
  },
  parse,
}
