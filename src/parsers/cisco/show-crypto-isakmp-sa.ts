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
import {toInt} from '../../reading/numbers.js'
import {LineAccount} from '../account.js'
import {isAddressToken, tokenKind, typedRow} from '../../reading/tokens.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {newIkeSa} from '../skeletons.js'
import {normalizeCipher, normalizeHash, normalizeIkeAuth, parseDhGroup} from './algorithms.js'
import {hmsToSeconds, IdRegistry, markMasked, RawFields, scoreLines} from './common.js'
import {rawFromFields, rawHas, rawSet} from '../../model/raw.js'

// "dst src state conn-id slot status"
const SUMMARY_HEADER = /^dst src state conn-id( slot)?( status)?$/i
// "C-id Local Remote I-VRF Status Encr Hash Auth DH Lifetime Cap." / "Conn id Local Remote fvrf/ivrf Status ..."
// "f_vrf/i_vrf Conn-id Local Remote Encr Hash Auth DH Lifetime Capabilities"
const DETAIL_HEADER = /^(?:\S+ )?(C-id|Conn[- ]id) Local Remote\b.*\bEncr Hash Auth DH Lifetime/i
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
const STATUS_WORD = /^(?:ACTIVE|DELETED|STDBY|STANDBY|INACTIVE)$/i
// "D", "DN", "DKNX"
const CAPS = /^[CDKNTX]+$/i

/** An address column (real or masked), by the shared token classifier. */
function isAddress(word: string): boolean {
  return isAddressToken({text: word, kind: tokenKind(word)})
}

/** Letters of the detail "Cap." column, from the "Codes:" legend. */
const CAPABILITY_CODES: Record<string, string> = {
  C: 'ike-config-mode', D: 'dead-peer-detection', K: 'keepalives', N: 'nat-traversal', T: 'ctcp-encapsulation',
  X: 'extended-authentication',
}


/** Values of one summary (or IPv6) record with the lines they came from. */
interface Row {
  start: number
  end: number
  dst?: [string, number]
  src?: [string, number]
  state?: [string, number]
  connId?: [string, number]
  slot?: [string, number]
  status?: [string, number]
}

function modeOf(state: string): IkeSa['mode'] {
  if (/^AG_/i.test(state)) return 'aggressive'
  if (/^MM_/i.test(state)) return 'main'
  return null
}

function rowFact(row: Row, ctx: ParseContext, ids: IdRegistry, acc: LineAccount, partial: boolean): IkeSa {
  const f = new RawFields()
  const labels = ['dst', 'src', 'state', 'conn-id', 'slot', 'status'] as const
  const values = [row.dst, row.src, row.state, row.connId, row.slot, row.status]
  labels.forEach((label, i) => {
    const v = values[i]
    if (v) f.set(label, v[0], v[1])
  })
  const fact = newIkeSa(ctx, ids.unique(`ike:${row.dst?.[0] ?? '?'}:${row.src?.[0] ?? '?'}:${row.connId?.[0] ?? '?'}`), row.start, row.end, f.fields)
  fact.version = 1
  fact.remoteAddress = row.dst?.[0] ?? null
  fact.localAddress = row.src?.[0] ?? null
  if (row.state) {
    fact.stateRaw = row.state[0]
    fact.state = normalizeIkeState(row.state[0])
    fact.mode = modeOf(row.state[0])
    if (fact.state === 'unknown') acc.warn(`line ${row.state[1]}: ISAKMP state "${row.state[0]}" not known`)
  }
  fact.connId = row.connId ? toInt(row.connId[0]) : null
  fact.statusRaw = row.status?.[0] ?? null
  fact.deleted = fact.connId === 0 || /deleted/i.test(fact.statusRaw ?? '') || /deleted/i.test(fact.stateRaw ?? '')
  markMasked(fact, 'remoteAddress', 'localAddress')
  if (partial) fact.partial = true
  return fact
}

/**
 * Tokens of a summary row after dst and src: state conn-id [slot] [status words].
 * `hasSlot` is true/false when the header told, null when headerless.
 */
function splitTail(tokens: string[], hasSlot: boolean | null): {state: string; connId: string; slot?: string; status?: string} | null {
  if (tokens.length < 2 || tokenKind(tokens[0]) !== 'state' || tokenKind(tokens[1]) !== 'number') return null
  let rest = tokens.slice(2)
  let slot: string | undefined
  if (rest.length > 0 && tokenKind(rest[0]) === 'number' && hasSlot !== false) {
    slot = rest[0]
    rest = rest.slice(1)
  } else if (hasSlot === true && rest.length > 0) return null
  const status = rest.length > 0 ? rest.join(' ') : undefined
  if (status !== undefined && !STATUS.test(status)) return null
  return {state: tokens[0], connId: tokens[1], slot, status}
}

/**
 * A detail row read by token kind:
 * "1007 192.168.1.1 192.168.2.1 ACTIVE aes sha256 psk 14 23:59:33 D",
 * "1008 192.168.1.1 192.168.3.1 RED ACTIVE 3des sha rsig 2 00:00:41 DN",
 * "1001 10.1.1.1 10.2.2.2 (none)/(none) ACTIVE aes256 sha psk 5 23:58:30 D".
 */
function parseDetailRow(line: Line, connIdLabel: string, vrfLabel: string, ctx: ParseContext, ids: IdRegistry, acc: LineAccount): IkeSa | null {
  const row = typedRow(line.text)
  const t = row.map((x) => x.text)
  // older trains print the f_vrf/i_vrf column first: the conn id is the first or second token
  const first = row[0]?.kind === 'number' ? 0 : row[1]?.kind === 'number' ? 1 : -1
  if (first < 0 || t.length < first + 4) return null
  const [connId, local, remote] = t.slice(first, first + 3)
  if (!isAddressToken(row[first + 1]) || !isAddressToken(row[first + 2])) return null
  let i = first + 3
  const vrf: string[] = first === 1 ? [t[0]] : []
  // I-VRF words up to the status word; the status is optional on some trains
  const statusAt = t.findIndex((x, k) => k >= i && STATUS_WORD.test(x))
  const lifeAt = row.findIndex((x, k) => k >= i && x.kind === 'duration')
  if (statusAt >= 0 && (lifeAt < 0 || statusAt < lifeAt)) {
    vrf.push(...t.slice(i, statusAt))
    i = statusAt
  }
  let status: string | null = null
  if (STATUS_WORD.test(t[i] ?? '')) {
    status = t[i++]
    if (t[i] === '(deleted)') status += ` ${t[i++]}`
  }
  // encr hash auth DH [lifetime] [cap]
  const end = lifeAt >= 0 ? lifeAt : t.length
  const algs = t.slice(i, end)
  if (algs.length > 4 || (lifeAt < 0 && algs.length === 0 && status === null)) return null
  const [encr, hash, auth, dh] = algs
  const caps = lifeAt >= 0 ? t.slice(lifeAt + 1).join('') : ''
  if (caps !== '' && !CAPS.test(caps)) return null
  const f = new RawFields()
  f.set(connIdLabel, connId, line)
  f.set('Local', local, line)
  f.set('Remote', remote, line)
  if (vrf.length > 0) f.set(vrfLabel, vrf.join(' '), line)
  if (status !== null) f.set('Status', status, line)
  const fact = newIkeSa(ctx, ids.unique(`ike:${remote}:${local}:${connId}`), line.n, line.n, f.fields)
  fact.version = 1
  fact.connId = toInt(connId)
  fact.localAddress = local
  fact.remoteAddress = remote
  fact.statusRaw = status
  fact.deleted = fact.connId === 0 || /deleted/i.test(status ?? '')
  const read = <T>(label: string, value: string | undefined, normalize: (v: string) => T | null, set: (v: T | null) => void) => {
    if (value === undefined) return
    f.set(label, value, line)
    const v = normalize(value)
    if (v === null) acc.warn(`line ${line.n}: ISAKMP ${label} "${value}" not understood`)
    set(v)
  }
  read('Encr', encr, normalizeCipher, (v) => (fact.encryption = v))
  read('Hash', hash, normalizeHash, (v) => (fact.integrity = v))
  read('Auth', auth, normalizeIkeAuth, (v) => (fact.authMethod = v))
  read('DH', dh, parseDhGroup, (v) => (fact.dhGroup = v))
  if (lifeAt >= 0) read('Lifetime', t[lifeAt], hmsToSeconds, (v) => (fact.lifetimeRemainingSec = v))
  if (caps !== '') f.set('Cap.', caps, line)
  const letters = caps.toUpperCase().split('').filter((c) => c !== '')
  fact.flags = letters.map((c) => CAPABILITY_CODES[c])
  fact.natT = letters.includes('N')
  fact.dpdEnabled = letters.includes('D')
  markMasked(fact, 'remoteAddress', 'localAddress')
  return fact
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
  let row: (Row & {lines: Line[]; v6: boolean}) | null = null

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
    const t = text.split(' ')
    let m: RegExpExecArray | null
    if (LEGEND.test(text) || FAMILY_HEADER.test(text)) {
      acc.ignore(line)
      continue
    }
    if ((m = SUMMARY_HEADER.exec(text))) {
      flushRow()
      hasSlot = m[1] !== undefined
      detail = null
      acc.ignore(line)
      continue
    }
    if ((m = DETAIL_HEADER.exec(text))) {
      flushRow()
      // vrf column label: "I-VRF", "fvrf/ivrf" or "f_vrf/i_vrf"
      detail = {connIdLabel: m[1], vrfLabel: /\b(I-VRF|fvrf\/ivrf|f_vrf\/i_vrf)\b/i.exec(text)?.[1] ?? 'vrf'}
      acc.ignore(line)
      continue
    }
    if ((m = ENGINE_LINE.exec(text))) {
      if (lastDetail && !rawHas(lastDetail.raw, 'Engine-id:Conn-id')) {
        rawSet(lastDetail.raw, 'Engine-id:Conn-id', m[1], line.n)
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
    if ((m = V6_DST.exec(text))) {
      flushRow()
      row = {start: line.n, end: line.n, dst: [m[1], line.n], lines: [line], v6: true}
      continue
    }
    if ((m = V6_SRC.exec(text))) {
      // the record's dst line may have been filtered away: then src opens it
      if (!row?.v6 || row.src) {
        flushRow()
        row = {start: line.n, end: line.n, lines: [], v6: true}
      }
      row.src = [m[1], line.n]
      row.end = line.n
      row.lines.push(line)
      continue
    }
    if ((m = V6_STATE.exec(text))) {
      const n = line.n
      if (!row?.v6) {
        flushRow()
        row = {start: n, end: n, lines: [], v6: true}
      }
      Object.assign(row, {end: n, state: [m[1], n], connId: [m[2], n]})
      if (m[3] !== undefined) row.slot = [m[3], n]
      if (m[4] !== undefined) row.status = [m[4], n]
      acc.add(rowFact(row, ctx, ids, acc, !row.src || !row.dst))
      for (const l of [...row.lines, line]) acc.consume(l)
      row = null
      continue
    }
    if (detail || hasSlot === null) {
      const fact = parseDetailRow(line, detail?.connIdLabel ?? 'Conn id', detail?.vrfLabel ?? 'vrf', ctx, ids, acc)
      if (fact) {
        flushRow()
        acc.add(fact)
        acc.consume(line)
        lastDetail = fact
        continue
      }
    }
    // summary row, possibly the rest of a row wrapped after its addresses
    const waiting = row && !row.v6 ? row : null
    const head = waiting ? [waiting.dst?.[0], waiting.src?.[0]].filter((x): x is string => x !== undefined) : []
    const merged = [...head, ...t]
    if (merged.length >= 4 && isAddress(merged[0]) && isAddress(merged[1])) {
      const tail = splitTail(merged.slice(2), hasSlot)
      if (tail) {
        const n = line.n
        const r: Row = {
          start: waiting?.start ?? n, end: n, dst: waiting?.dst ?? [merged[0], n], src: waiting?.src ?? [merged[1], n],
          state: [tail.state, n], connId: [tail.connId, n],
          slot: tail.slot !== undefined ? [tail.slot, n] : undefined,
          status: tail.status !== undefined ? [tail.status, n] : undefined,
        }
        if (waiting && head.length === 1) r.src = [merged[1], n]
        acc.add(rowFact(r, ctx, ids, acc, false))
        for (const l of [...(waiting?.lines ?? []), line]) acc.consume(l)
        row = null
        continue
      }
    }
    // an address-only line: the start of a wrapped row (dst and src, or dst alone)
    if (t.length <= 2 && t.every(isAddress) && !(waiting && head.length + t.length > 2)) {
      if (waiting) {
        waiting.src = [t[0], line.n]
        waiting.end = line.n
        waiting.lines.push(line)
      } else {
        flushRow()
        row = {start: line.n, end: line.n, dst: [t[0], line.n], lines: [line], v6: false}
        if (t[1] !== undefined) row.src = [t[1], line.n]
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
