/**
 * `show crypto isakmp sa [detail]` (IOS, IOS-XE): one ikeSa fact per row.
 *
 * Text arrives single-spaced (src/reading/paste.ts), so rows are read by the kind of each token,
 * never by column:
 *  - summary rows `dst src state conn-id [slot] [status]`: two addresses, a state word, a number,
 *    an optional slot number, an optional status ("ACTIVE", "ACTIVE (deleted)", "DELETED", "STDBY");
 *    a row may be wrapped after its addresses;
 *  - the IPv6 three-line record (`dst: ...`, `src: ...`, `state: QM_IDLE conn-id: 1001 status: ACTIVE`);
 *  - detail rows `[f_vrf/i_vrf] conn-id local remote [I-VRF] [status] encr hash auth DH lifetime [cap]`,
 *    under a `Codes:` legend, each followed by an `Engine-id:Conn-id = SW:12` line.
 * The summary `dst` column is the peer (remoteAddress), `src` the local address. Masked addresses
 * ("X.X.X.X", "<peer-ip>") are addresses. A record cut off by the end of the capture is still a fact,
 * marked partial.
 */
import type {IkeSa} from '../../model/index.js'
import {normalizeIkeState} from '../../model/states.js'
import {addressKind, isAddressLike} from '../../reading/address.js'
import {toInt} from '../../reading/numbers.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {newIkeSa} from '../skeletons.js'
import {IdRegistry, markMasked, scoreLines} from './common.js'
import {DELETED, isNumberWord, isStateWord, parseDetailRow} from './isakmp-sa-detail.js'
import {newRaw, rawAppend, rawFromFields, rawHas, rawSet, rawTrimmed} from '../../model/raw.js'

// "dst src state conn-id slot status"
const SUMMARY_HEADER = /^dst src state conn-id( slot)?( status)?$/i
// "C-id Local Remote I-VRF Status Encr Hash Auth DH Lifetime Cap." / "Conn id Local Remote fvrf/ivrf Status ..."
// "f_vrf/i_vrf Conn-id Local Remote Encr Hash Auth DH Lifetime Capabilities"
const DETAIL_HEADER = /^(?:\S+ )?(C-id|Conn[- ]id) Local Remote\b.*\bEncr Hash Auth DH Lifetime/i
// "I-VRF" in "C-id Local Remote I-VRF Status Encr ...", "fvrf/ivrf", "f_vrf/i_vrf"
const VRF_LABEL = /\b(I-VRF|fvrf\/ivrf|f_vrf\/i_vrf)\b/i
// "IPv4 Crypto ISAKMP SA" / "IPv6 Crypto ISAKMP SA"
const FAMILY_HEADER = /^IPv[46] Crypto ISAKMP SA$/i
// "Codes: C - IKE configuration mode, D - Dead Peer Detection", "K - Keepalives, N - NAT-traversal",
// "psk - Preshared key, rsig - RSA signature", "renc - RSA encryption"
const LEGEND = /^(?:Codes: ?)?[A-Za-z]{1,5} - [A-Za-z][^,]*(?:, ?[A-Za-z]{1,5} - [A-Za-z][^,]*)*,?$/
// "Engine-id:Conn-id = SW:1"
const ENGINE_LINE = /^Engine-id:Conn-id ?= ?(\S+)$/
// "dst: 3FFE:2002::A8BB:CCFF:FE01:2C02"
const V6_DST = /^dst: ?(\S+)$/
// "src: 3FFE:2002::A8BB:CCFF:FE01:9002"
const V6_SRC = /^src: ?(\S+)$/
// "state: QM_IDLE conn-id: 1001 status: ACTIVE" / "state: QM_IDLE conn-id: 1001 slot: 0 status: ACTIVE"
const V6_STATE = /^state: ?(\S+) conn-id: ?(\d+)(?: slot: ?(\d+))?(?: status: ?(.+))?$/
// "ACTIVE", "DELETED", "ACTIVE (deleted)", "STDBY"
const STATUS = /^(?:ACTIVE|DELETED|STDBY|STANDBY|INACTIVE)(?: \(deleted\))?$/i
/**
 * Values of one summary (or IPv6) record with the lines they came from: the addresses may come on
 * lines of their own (a wrapped row, the IPv6 record), state, conn-id, slot and status on one line.
 */
interface Row {
  start: number
  end: number
  dst?: string
  dstLine: number
  src?: string
  srcLine: number
  state?: string
  connId?: string
  slot?: string
  status?: string
  /** The line of state, conn-id, slot and status. */
  tailLine: number
}

/** A record being assembled over several lines: address-only lines, or the IPv6 record. */
interface PendingRow extends Row {
  lines: Line[]
  v6: boolean
}

function newRow(start: number): PendingRow {
  return {start, end: start, dstLine: 0, srcLine: 0, tailLine: 0, lines: [], v6: false}
}

// "AG_INIT_EXCH"
const AGGRESSIVE_STATE = /^AG_/i
// "MM_NO_STATE"
const MAIN_STATE = /^MM_/i

function modeOf(state: string): IkeSa['mode'] {
  if (AGGRESSIVE_STATE.test(state)) return 'aggressive'
  if (MAIN_STATE.test(state)) return 'main'
  return null
}

/** `mayHoldMask`: false when the caller knows neither address is a mask. */
function rowFact(row: Row, ctx: ParseContext, ids: IdRegistry, acc: LineAccount, partial: boolean, mayHoldMask = true): IkeSa {
  const raw = newRaw()
  if (row.dst !== undefined) rawAppend(raw, 'dst', row.dst, row.dstLine)
  if (row.src !== undefined) rawAppend(raw, 'src', row.src, row.srcLine)
  if (row.state !== undefined) rawAppend(raw, 'state', row.state, row.tailLine)
  if (row.connId !== undefined) rawAppend(raw, 'conn-id', row.connId, row.tailLine)
  if (row.slot !== undefined) rawAppend(raw, 'slot', row.slot, row.tailLine)
  if (row.status !== undefined) rawAppend(raw, 'status', row.status, row.tailLine)
  const fact = newIkeSa(ctx, ids.unique(`ike:${row.dst ?? '?'}:${row.src ?? '?'}:${row.connId ?? '?'}`), row.start, row.end, rawTrimmed(raw))
  fact.version = 1
  fact.remoteAddress = row.dst ?? null
  fact.localAddress = row.src ?? null
  if (row.state !== undefined) {
    fact.stateRaw = row.state
    fact.state = normalizeIkeState(row.state)
    fact.mode = modeOf(row.state)
    if (fact.state === 'unknown') acc.warn(`line ${row.tailLine}: ISAKMP state "${row.state}" not known`)
  }
  fact.connId = row.connId !== undefined ? toInt(row.connId) : null
  fact.statusRaw = row.status ?? null
  fact.deleted = fact.connId === 0 || DELETED.test(fact.statusRaw ?? '') || DELETED.test(fact.stateRaw ?? '')
  if (mayHoldMask) markMasked(fact, 'remoteAddress', 'localAddress')
  if (partial) fact.partial = true
  return fact
}

/**
 * Reads the tokens of a summary row after dst and src (from `at`): state conn-id [slot] [status
 * words] into `row`; false when they are not that. `hasSlot` is true/false when the header told,
 * null when headerless.
 */
function readTail(tokens: string[], at: number, hasSlot: boolean | null, row: Row): boolean {
  const n = tokens.length
  if (n - at < 2 || !isStateWord(tokens[at]) || !isNumberWord(tokens[at + 1])) return false
  let k = at + 2
  let slot: string | undefined
  if (k < n && isNumberWord(tokens[k]) && hasSlot !== false) slot = tokens[k++]
  else if (hasSlot === true && k < n) return false
  const status = k === n ? undefined : k === n - 1 ? tokens[k] : tokens.slice(k).join(' ')
  if (status !== undefined && !STATUS.test(status)) return false
  row.state = tokens[at]
  row.connId = tokens[at + 1]
  row.slot = slot
  row.status = status
  return true
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  let hasSlot: boolean | null = null
  let detail: {connIdLabel: string; vrfLabel: string} | null = null
  /** The last detail row, waiting for its Engine-id line. */
  let lastDetail: IkeSa | null = null
  let engineLines = 0
  /** SAs read from an Engine-id line alone. */
  let headless = 0
  /** Summary row being assembled over several lines: address-only lines, or the IPv6 record. */
  let row: PendingRow | null = null

  /**
   * Ends the record in progress: at the end of the input it was cut off and is emitted partial;
   * interrupted by another line, its lines are reported unparsed.
   */
  const flushRow = (atEnd = false) => {
    if (row && (atEnd || row.v6)) {
      // the labelled IPv6 lines say what they are even when a filter left them alone
      acc.add(rowFact(row, ctx, ids, acc, true))
      for (const l of row.lines) acc.consume(l)
      if (atEnd) acc.warn(`line ${row.start}: ISAKMP SA row cut off at the end of the output`)
    } else if (row) for (const l of row.lines) acc.reject(l, 'address line without the rest of its row')
    row = null
  }

  for (const line of lines) {
    const text = line.text
    if (text === '') {
      acc.ignore(line)
      continue
    }
    // each pattern below is tried only on a line that starts as it must (or holds its " - ")
    const c = text[0]
    let m: RegExpExecArray | null
    if ((text.includes(' - ') && LEGEND.test(text)) || ((c === 'I' || c === 'i') && FAMILY_HEADER.test(text))) {
      acc.ignore(line)
      continue
    }
    if ((c === 'd' || c === 'D') && (m = SUMMARY_HEADER.exec(text))) {
      flushRow()
      hasSlot = m[1] !== undefined
      detail = null
      acc.ignore(line)
      continue
    }
    if ((m = DETAIL_HEADER.exec(text))) {
      flushRow()
      // vrf column label: "I-VRF", "fvrf/ivrf" or "f_vrf/i_vrf"
      detail = {connIdLabel: m[1], vrfLabel: VRF_LABEL.exec(text)?.[1] ?? 'vrf'}
      acc.ignore(line)
      continue
    }
    if (c === 'E' && (m = ENGINE_LINE.exec(text))) {
      if (lastDetail && !rawHas(lastDetail.raw, 'Engine-id:Conn-id')) {
        rawSet(lastDetail.raw, 'Engine-id:Conn-id', m[1], line.n)
        // the row's last value: its lists are kept at their length from here on
        lastDetail.raw = rawTrimmed(lastDetail.raw)
        lastDetail.source.endLine = line.n
        engineLines++
      } else {
        // its row is not in the capture (a filter or a cut left the line alone): an SA shown in part
        flushRow()
        const fact = newIkeSa(ctx, ids.unique(`ike:filtered-${++headless}`), line.n, line.n, rawFromFields({'Engine-id:Conn-id': {value: m[1], line: line.n}}))
        fact.version = 1
        fact.partial = true
        acc.add(fact)
        lastDetail = null
      }
      acc.consume(line)
      continue
    }
    // IPv6 three-line record
    if (c === 'd' && (m = V6_DST.exec(text))) {
      flushRow()
      row = newRow(line.n)
      row.dst = m[1]
      row.dstLine = line.n
      row.lines.push(line)
      row.v6 = true
      continue
    }
    if (c === 's' && (m = V6_SRC.exec(text))) {
      // the record's dst line may have been filtered away: then src opens it
      if (!row?.v6 || row.src !== undefined) {
        flushRow()
        row = newRow(line.n)
        row.v6 = true
      }
      row.src = m[1]
      row.srcLine = line.n
      row.end = line.n
      row.lines.push(line)
      continue
    }
    if (c === 's' && (m = V6_STATE.exec(text))) {
      const n = line.n
      if (!row?.v6) {
        flushRow()
        row = newRow(n)
        row.v6 = true
      }
      row.end = n
      row.tailLine = n
      row.state = m[1]
      row.connId = m[2]
      if (m[3] !== undefined) row.slot = m[3]
      if (m[4] !== undefined) row.status = m[4]
      acc.add(rowFact(row, ctx, ids, acc, row.src === undefined || row.dst === undefined))
      for (const l of row.lines) acc.consume(l)
      acc.consume(line)
      row = null
      continue
    }
    const t = text.split(' ')
    if (detail || hasSlot === null) {
      const fact = parseDetailRow(line, t, detail?.connIdLabel ?? 'Conn id', detail?.vrfLabel ?? 'vrf', ctx, ids, acc)
      if (fact) {
        flushRow()
        acc.add(fact)
        acc.consume(line)
        lastDetail = fact
        continue
      }
    }
    // summary row, possibly the rest of a row wrapped after its addresses (dst, or dst and src)
    const waiting = row && !row.v6 ? row : null
    const heads = waiting === null ? 0 : waiting.src === undefined ? 1 : 2
    const merged = waiting === null ? t : heads === 1 ? [waiting.dst as string, ...t] : [waiting.dst as string, waiting.src as string, ...t]
    // address columns, real or masked (a mask is what addressKind tells apart from an address)
    const dstKind = merged.length >= 4 ? addressKind(merged[0]) : null
    const srcKind = dstKind !== null ? addressKind(merged[1]) : null
    if (dstKind !== null && srcKind !== null) {
      const n = line.n
      const r: Row = {
        start: waiting?.start ?? n, end: n, dst: merged[0], dstLine: waiting?.dstLine ?? n,
        src: merged[1], srcLine: waiting && heads === 2 ? waiting.srcLine : n, tailLine: n,
      }
      if (readTail(merged, 2, hasSlot, r)) {
        acc.add(rowFact(r, ctx, ids, acc, false, dstKind === 'masked' || srcKind === 'masked'))
        if (waiting) for (const l of waiting.lines) acc.consume(l)
        acc.consume(line)
        row = null
        continue
      }
    }
    // an address-only line: the start of a wrapped row (dst and src, or dst alone)
    if (t.length <= 2 && t.every(isAddressLike) && !(waiting && heads + t.length > 2)) {
      if (waiting) {
        waiting.src = t[0]
        waiting.srcLine = line.n
        waiting.end = line.n
        waiting.lines.push(line)
      } else {
        flushRow()
        row = newRow(line.n)
        row.dst = t[0]
        row.dstLine = line.n
        row.lines.push(line)
        if (t[1] !== undefined) {
          row.src = t[1]
          row.srcLine = line.n
        }
      }
      continue
    }
    flushRow()
    acc.reject(line, 'not an ISAKMP SA row')
  }
  flushRow(true)
  // a detail row whose Engine-id line never came, where the other rows had one (or the only row): cut off
  if (lastDetail && !rawHas(lastDetail.raw, 'Engine-id:Conn-id') && (engineLines > 0 || acc.facts.length === 1)) {
    lastDetail.partial = true
  }
  return acc.finish()
}

export const showCryptoIsakmpSa: ParserSpec = {
  id: 'cisco/show-crypto-isakmp-sa',
  vendor: 'cisco',
  command: 'show crypto isakmp sa',
  detect: (input) => detectIn(input),
  parse,
}

/** How sure the parser is that headless text is its output. */
function detectIn(lines: Line[]): number {
  return (
    scoreLines(lines, [SUMMARY_HEADER, DETAIL_HEADER, FAMILY_HEADER], [
      // "172.22.1.4 172.22.1.3 QM_IDLE 1 0"
      /^\S+ \S+ (QM_IDLE|MM_[A-Z_]+|AG_[A-Z_]+) \d+/,
      ENGINE_LINE,
    ])
  )
}
