/**
 * `show crypto isakmp sa [detail]` (IOS): one ikeSa fact per row.
 *
 * Forms handled: `dst src state conn-id slot [status]`, `dst src state conn-id status` (status may be
 * two words: "ACTIVE (deleted)"), IPv4/IPv6 sections, the IPv6 three-line record
 * (" dst: ...", " src: ...", " state: QM_IDLE  conn-id: 1001 status: ACTIVE"), rows wrapped after the
 * addresses, and the detail table with its "Engine-id:Conn-id = SW:1" continuation lines.
 * The `dst` column is taken as the peer (remoteAddress) and `src` as the local address, as in the
 * reference output; the detail table prints Local/Remote explicitly.
 */
import type {IkeSa} from '../../model/index.js'
import {normalizeIkeState} from '../../model/index.js'
import {LineAccount, cols, isDigits, leadChar, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {newIkeSa} from '../skeletons.js'
import {normalizeCipher, normalizeHash, normalizeIkeAuth, parseDhGroup} from './algorithms.js'
import {IdRegistry, RawFields, hmsToSeconds, scoreLines} from './common.js'
import {isIpAddress} from './ident.js'

// "dst             src             state          conn-id slot status"
const SUMMARY_HEADER = /^\s*dst\s+src\s+state\s+conn-id(\s+slot)?(\s+status)?\s*$/i
// "C-id  Local  Remote  I-VRF  Status Encr Hash Auth DH Lifetime Cap." / "Conn id Local Remote fvrf/ivrf Status ..."
// "f_vrf/i_vrf Conn-id Local Remote Encr Hash Auth DH Lifetime Capabilities"
const DETAIL_HEADER = /^\s*(?:\S+\s+)?(C-id|Conn[- ]id)\s+Local\s+Remote\b.*\bEncr\s+Hash\s+Auth\s+DH\s+Lifetime/i
// "IPv4 Crypto ISAKMP SA" / "IPv6 Crypto ISAKMP SA"
const FAMILY_HEADER = /^\s*IPv[46]\s+Crypto\s+ISAKMP\s+SA\s*$/i
// "Codes: C - IKE configuration mode, D - Dead Peer Detection" and its continuation lines
const CODES_START = /^\s*Codes:/
// "       K - Keepalives, N - NAT-traversal" / "psk - Preshared key, rsig - RSA signature" / "renc - RSA encryption"
const CODES_CONT = /^\s+(?:[A-Za-z]+\s+-\s+[A-Za-z].*)$/
// "       Engine-id:Conn-id =  SW:1"
const ENGINE_LINE = /^\s*Engine-id:Conn-id\s*=\s*(\S+)\s*$/
// " dst: 3FFE:2002::A8BB:CCFF:FE01:2C02"
const V6_DST = /^\s*dst:\s*(\S+)\s*$/
// " src: 3FFE:2002::A8BB:CCFF:FE01:9002"
const V6_SRC = /^\s*src:\s*(\S+)\s*$/
// " state: QM_IDLE         conn-id:   1001 status: ACTIVE"
const V6_STATE = /^\s*state:\s*(\S+)\s+conn-id:\s*(\d+)(?:\s+slot:\s*(\d+))?(?:\s+status:\s*(.+?))?\s*$/
// "ACTIVE", "DELETED", "ACTIVE (deleted)", "STDBY"
const STATUS_WORDS = /^(ACTIVE|DELETED|STDBY|STANDBY|INACTIVE)(\s+\(deleted\))?$/i
// "QM_IDLE", "MM_NO_STATE", "AG_INIT_EXCH", "MM_NO_STATE_DELETED"
const STATE_WORD = /^[A-Z][A-Z0-9_]*_[A-Z0-9_]+$|^[A-Z]{2,}$/

// Row patterns as module constants (a literal in a function makes a RegExp object per call, per row):
// "ACTIVE (deleted)" / "MM_NO_STATE_DELETED"
const DELETED = /deleted/i
// "AG_INIT_EXCH"
const AGGRESSIVE_STATE = /^AG_/i
// "MM_NO_STATE"
const MAIN_STATE = /^MM_/i

/** Letters of the detail "Cap." column, from the "Codes:" legend. */
const CAPABILITY_CODES: Record<string, string> = {
  C: 'ike-config-mode', D: 'dead-peer-detection', K: 'keepalives', N: 'nat-traversal', T: 'ctcp-encapsulation',
  X: 'extended-authentication',
}

interface Row {
  start: number
  end: number
  dst: {v: string; n: number}
  src: {v: string; n: number}
  state: {v: string; n: number}
  connId: {v: string; n: number}
  slot?: {v: string; n: number}
  status?: {v: string; n: number}
}

function isDeleted(stateRaw: string | null, status: string | null, connId: number | null): boolean {
  if (connId === 0) return true
  if (status && DELETED.test(status)) return true
  return stateRaw !== null && DELETED.test(stateRaw)
}

function modeOf(stateRaw: string | null): IkeSa['mode'] {
  if (!stateRaw) return null
  if (AGGRESSIVE_STATE.test(stateRaw)) return 'aggressive'
  if (MAIN_STATE.test(stateRaw)) return 'main'
  return null
}

function baseFact(ctx: ParseContext, id: string, start: number, end: number, fields: RawFields): IkeSa {
  const fact = newIkeSa(ctx, id, start, end, fields.fields)
  fact.version = 1
  return fact
}

function rowFact(row: Row, ctx: ParseContext, ids: IdRegistry): IkeSa {
  const fields = new RawFields()
  fields.setInterned('dst', row.dst.v, row.dst.n)
  fields.setInterned('src', row.src.v, row.src.n)
  fields.setInterned('state', row.state.v, row.state.n)
  fields.setInterned('conn-id', row.connId.v, row.connId.n)
  if (row.slot) fields.setInterned('slot', row.slot.v, row.slot.n)
  if (row.status) fields.setInterned('status', row.status.v, row.status.n)
  const connId = toInt(row.connId.v)
  const fact = baseFact(ctx, ids.unique(`ike:${row.dst.v}:${row.src.v}:${row.connId.v}`), row.start, row.end, fields)
  fact.remoteAddress = row.dst.v
  fact.localAddress = row.src.v
  fact.stateRaw = row.state.v
  fact.state = normalizeIkeState(row.state.v)
  fact.mode = modeOf(row.state.v)
  fact.connId = connId
  fact.statusRaw = row.status?.v ?? null
  fact.deleted = isDeleted(row.state.v, fact.statusRaw, connId)
  return fact
}

/**
 * Tokens of a summary row after dst and src: state conn-id [slot] [status words].
 * `hasSlot` is true/false when the header told, null when headerless.
 */
function splitTail(tokens: string[], hasSlot: boolean | null): {state: string; connId: string; slot?: string; status?: string} | null {
  if (tokens.length < 2 || !STATE_WORD.test(tokens[0]) || !isDigits(tokens[1])) return null
  let rest = tokens.slice(2)
  let slot: string | undefined
  if (rest.length > 0 && isDigits(rest[0]) && hasSlot !== false) {
    slot = rest[0]
    rest = rest.slice(1)
  } else if (hasSlot === true) return null
  const status = rest.length > 0 ? rest.join(' ') : undefined
  if (status !== undefined && !STATUS_WORDS.test(status)) return null
  return {state: tokens[0], connId: tokens[1], slot, status}
}

interface DetailColumns {
  connIdLabel: string
  vrfLabel: string | null
}

/** "1001  10.1.1.1  10.2.2.2  (none)/(none) ACTIVE 3des sha psk 2 23:59:42 D" (vrf/status optional). */
function parseDetailRow(line: Line, cols_: DetailColumns, ctx: ParseContext, ids: IdRegistry): IkeSa | null {
  const t = cols(line.text)
  // older trains print the f_vrf/i_vrf column first and it is usually empty: find the conn id
  const first = t.findIndex((x) => /^\d+$/.test(x))
  if (first < 0 || first > 1 || t.length < first + 3) return null
  const [connId, local, remote] = t.slice(first, first + 3)
  if (!isIpAddress(local) || !isIpAddress(remote)) return null
  // lifetime column "23:59:42"
  const lifeIdx = t.findIndex((x, i) => i > first + 2 && /^\d+:\d{2}:\d{2}$/.test(x))
  if (lifeIdx < first + 7) return null
  const [encr, hash, auth, dh] = t.slice(lifeIdx - 4, lifeIdx)
  const middle = t.slice(first + 3, lifeIdx - 4)
  // status column "ACTIVE" / "DELETED"
  const statusIdx = middle.findIndex((x) => /^(ACTIVE|DELETED|STDBY|STANDBY|INACTIVE)$/i.test(x))
  const status = statusIdx >= 0 ? middle.slice(statusIdx).join(' ') : null
  const vrf = [...(first === 1 ? [t[0]] : []), ...(statusIdx >= 0 ? middle.slice(0, statusIdx) : middle)].join(' ')
  if (status !== null && !STATUS_WORDS.test(status)) return null
  const caps = t.slice(lifeIdx + 1).join(' ')
  const f = new RawFields()
  f.set(cols_.connIdLabel, connId, line)
  f.set('Local', local, line)
  f.set('Remote', remote, line)
  if (vrf !== '') f.set(cols_.vrfLabel ?? 'vrf', vrf, line)
  if (status !== null) f.set('Status', status, line)
  f.set('Encr', encr, line)
  f.set('Hash', hash, line)
  f.set('Auth', auth, line)
  f.set('DH', dh, line)
  f.set('Lifetime', t[lifeIdx], line)
  if (caps !== '') f.set('Cap.', caps, line)
  const fact = baseFact(ctx, ids.unique(`ike:${remote}:${local}:${connId}`), line.n, line.n, f)
  fact.connId = toInt(connId)
  fact.localAddress = local
  fact.remoteAddress = remote
  fact.statusRaw = status
  fact.deleted = isDeleted(null, status, fact.connId)
  fact.encryption = normalizeCipher(encr)
  fact.integrity = normalizeHash(hash)
  fact.authMethod = normalizeIkeAuth(auth)
  fact.dhGroup = parseDhGroup(dh)
  fact.lifetimeRemainingSec = hmsToSeconds(t[lifeIdx])
  // "DN" -> D, N
  const letters = caps.replace(/\s+/g, '').toUpperCase().split('').filter((c) => c !== '')
  fact.flags = letters.map((c) => CAPABILITY_CODES[c] ?? c.toLowerCase())
  fact.natT = letters.includes('N')
  fact.dpdEnabled = letters.includes('D')
  return fact
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  let hasSlot: boolean | null = null
  let detail: DetailColumns | null = null
  let inCodes = false
  let lastDetail: IkeSa | null = null
  /** Address-only line waiting for the rest of a wrapped row. */
  let pending = null as {line: Line; tokens: string[]} | null
  let v6 = null as {dst?: {v: string; n: number}; src?: {v: string; n: number}; start: number} | null

  const flushPending = () => {
    if (pending) acc.reject(pending.line, 'address line without the rest of its row')
    pending = null
  }

  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const text = line.text
    // most patterns below start with a fixed word: test only those whose first letter fits
    const lead = leadChar(text)
    if (lead === '') {
      acc.ignore(line)
      continue
    }
    if (lead === 'C' && CODES_START.test(text)) {
      inCodes = true
      acc.ignore(line)
      continue
    }
    // a legend line ("psk - Preshared key") never holds an address such as "10.1.1.1"
    if (inCodes && CODES_CONT.test(text) && !/\d+\.\d+\.\d+\.\d+/.test(text)) {
      acc.ignore(line)
      continue
    }
    inCodes = false
    if ((lead === 'I' || lead === 'i') && FAMILY_HEADER.test(text)) {
      flushPending()
      acc.ignore(line)
      continue
    }
    const sh = lead === 'd' || lead === 'D' ? SUMMARY_HEADER.exec(text) : null
    if (sh) {
      flushPending()
      hasSlot = sh[1] !== undefined
      detail = null
      acc.ignore(line)
      continue
    }
    const dh = DETAIL_HEADER.exec(text)
    if (dh) {
      flushPending()
      // vrf column label: "I-VRF", "fvrf/ivrf" or "f_vrf/i_vrf"
      const vrf = /\b(I-VRF|fvrf\/ivrf|f_vrf\/i_vrf)\b/i.exec(text)
      detail = {connIdLabel: dh[1], vrfLabel: vrf ? vrf[1] : null}
      acc.ignore(line)
      continue
    }
    const eng = lead === 'E' ? ENGINE_LINE.exec(text) : null
    if (eng) {
      if (lastDetail) {
        lastDetail.raw['Engine-id:Conn-id'] = {value: eng[1], line: line.n}
        lastDetail.source.endLine = line.n
        acc.consume(line)
      } else acc.reject(line, 'Engine-id line without an SA row above it')
      continue
    }
    // IPv6 three-line record
    const d6 = lead === 'd' ? V6_DST.exec(text) : null
    if (d6) {
      if (v6) acc.warn(`IPv6 ISAKMP record starting at line ${v6.start} is incomplete`)
      v6 = {dst: {v: d6[1], n: line.n}, start: line.n}
      acc.consume(line)
      continue
    }
    const s6 = lead === 's' ? V6_SRC.exec(text) : null
    if (s6 && v6) {
      v6.src = {v: s6[1], n: line.n}
      acc.consume(line)
      continue
    }
    const st6 = lead === 's' ? V6_STATE.exec(text) : null
    if (st6 && v6?.dst && v6.src) {
      const n = line.n
      const row: Row = {
        start: v6.start, end: n, dst: v6.dst, src: v6.src, state: {v: st6[1], n}, connId: {v: st6[2], n},
        slot: st6[3] !== undefined ? {v: st6[3], n} : undefined,
        status: st6[4] !== undefined ? {v: st6[4].trim(), n} : undefined,
      }
      acc.add(rowFact(row, ctx, ids))
      acc.consume(line)
      v6 = null
      continue
    }
    if (detail || (hasSlot === null && DETAIL_HEADER.test(text))) {
      const fact = parseDetailRow(line, detail ?? {connIdLabel: 'Conn id', vrfLabel: null}, ctx, ids)
      if (fact) {
        acc.add(fact)
        acc.consume(line)
        lastDetail = fact
        continue
      }
    }
    // summary rows, possibly wrapped after the addresses
    const t = cols(text)
    const waiting: {line: Line; tokens: string[]} | null = pending
    if (waiting) {
      const head: string[] = waiting.tokens
      const merged = [...head, ...t]
      const tail = merged.length >= 4 && isIpAddress(merged[0]) && isIpAddress(merged[1]) ? splitTail(merged.slice(2), hasSlot) : null
      if (tail) {
        const p = waiting.line.n
        const srcLine = head.length >= 2 ? p : line.n
        const n = line.n
        const row: Row = {
          start: p, end: n, dst: {v: merged[0], n: p}, src: {v: merged[1], n: srcLine},
          state: {v: tail.state, n}, connId: {v: tail.connId, n},
          slot: tail.slot !== undefined ? {v: tail.slot, n} : undefined,
          status: tail.status !== undefined ? {v: tail.status, n} : undefined,
        }
        acc.add(rowFact(row, ctx, ids))
        acc.consume(waiting.line)
        acc.consume(line)
        pending = null
        continue
      }
      if (head.length === 1 && t.length === 1 && isIpAddress(t[0])) {
        pending = {line: waiting.line, tokens: [...head, t[0]]}
        acc.consume(line)
        continue
      }
      flushPending()
    }
    if (t.length >= 4 && isIpAddress(t[0]) && isIpAddress(t[1])) {
      const tail = splitTail(t.slice(2), hasSlot)
      if (tail) {
        const n = line.n
        const row: Row = {
          start: n, end: n, dst: {v: t[0], n}, src: {v: t[1], n}, state: {v: tail.state, n}, connId: {v: tail.connId, n},
          slot: tail.slot !== undefined ? {v: tail.slot, n} : undefined,
          status: tail.status !== undefined ? {v: tail.status, n} : undefined,
        }
        acc.add(rowFact(row, ctx, ids))
        acc.consume(line)
        continue
      }
    }
    if (t.length <= 2 && t.every(isIpAddress)) {
      pending = {line, tokens: t}
      continue
    }
    acc.reject(line, 'not an ISAKMP SA row')
  }
  flushPending()
  if (v6) acc.warn(`IPv6 ISAKMP record starting at line ${v6.start} is incomplete`)
  return acc.finish()
}

export const showCryptoIsakmpSa: ParserSpec = {
  id: 'cisco/show-crypto-isakmp-sa',
  vendor: 'cisco',
  command: 'show crypto isakmp sa',
  detect: (lines) =>
    scoreLines(lines, [SUMMARY_HEADER, DETAIL_HEADER, FAMILY_HEADER], [
      // "172.22.1.4 172.22.1.3 QM_IDLE 1 0"
      /^\s*\S+\s+\S+\s+(QM_IDLE|MM_[A-Z_]+|AG_[A-Z_]+)\s+\d+/,
      ENGINE_LINE,
    ]),
  parse,
}
