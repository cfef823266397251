/**
 * The row of `show crypto isakmp sa detail` (IOS-XE) and the token kinds the rows of
 * show-crypto-isakmp-sa.ts ask about, one word at a time.
 */
import type {IkeSa, RawValues} from '../../model/index.js'
import {isAddressLike} from '../../reading/address.js'
import {toInt} from '../../reading/numbers.js'
import type {LineAccount} from '../account.js'
import type {IdRegistry} from '../ids.js'
import {newIkeSa} from '../skeletons.js'
import type {Line, ParseContext} from '../types.js'
import {normalizeCipher, normalizeHash, normalizeIkeAuth, parseDhGroup} from './algorithms.js'
import {hmsToSeconds, markMasked} from './common.js'
import {newRaw, rawAppend} from '../../model/raw.js'

// "ACTIVE", "DELETED", "STDBY"
const STATUS_WORD = /^(?:ACTIVE|DELETED|STDBY|STANDBY|INACTIVE)$/i
// "D", "DN", "DKNX"
const CAPS = /^[CDKNTX]+$/i
// "ACTIVE (deleted)" (status), "MM_NO_STATE (deleted)" (state)
export const DELETED = /deleted/i

/*
 * The three token kinds the rows need, asked of one word at a time (src/reading/tokens.ts classifies
 * every word of a row into nine kinds, and these rows ask only these questions):
 *  - a number column, tokenKind 'number': digits, but not 16 of them (a 16-hex-digit word is a cookie);
 *  - a state column, tokenKind 'state': the STATE word shape; such a word holds no '.', ':', '/' or
 *    bracket, so it is never an address, port, hex or duration, and is a cookie only as 16 letters A-F;
 *  - a lifetime column, tokenKind 'duration': h:mm:ss, which no address or cookie pattern accepts.
 * Address columns are isAddressLike (src/reading/address.ts), what tokenKind calls 'address' or 'masked'.
 */
// "1004", "0"
const DIGITS = /^\d+$/
// "QM_IDLE", "MM_NO_STATE", "IN-NEG", "UP" (the STATE pattern of src/reading/tokens.ts)
const STATE_WORD = /^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$|^[A-Z]{2,}$/
// "ABCDEFABCDEFABCD": 16 hex letters, an IKE cookie half
const COOKIE_LETTERS = /^[A-F]{16}$/
// "23:59:33", "0:00:41"
const DURATION = /^\d+:\d{2}:\d{2}$/

export function isNumberWord(word: string | undefined): boolean {
  return word !== undefined && word.length !== 16 && DIGITS.test(word)
}

export function isStateWord(word: string): boolean {
  return STATE_WORD.test(word) && !COOKIE_LETTERS.test(word)
}

/** Letters of the detail "Cap." column, from the "Codes:" legend. */
const CAPABILITY_CODES: Record<string, string> = {
  C: 'ike-config-mode', D: 'dead-peer-detection', K: 'keepalives', N: 'nat-traversal', T: 'ctcp-encapsulation',
  X: 'extended-authentication',
}

/** Sets a detail column's printed value and returns it normalized; warns when it is not understood. */
function readColumn<T>(raw: RawValues, label: string, value: string, line: Line, acc: LineAccount, normalize: (v: string) => T | null): T | null {
  rawAppend(raw, label, value, line.n)
  const v = normalize(value)
  if (v === null) acc.warn(`line ${line.n}: ISAKMP ${label} "${value}" not understood`)
  return v
}

/**
 * A detail row read by token kind (`t`: its words):
 * "1007 192.168.1.1 192.168.2.1 ACTIVE aes sha256 psk 14 23:59:33 D",
 * "1008 192.168.1.1 192.168.3.1 RED ACTIVE 3des sha rsig 2 00:00:41 DN",
 * "1001 10.1.1.1 10.2.2.2 (none)/(none) ACTIVE aes256 sha psk 5 23:58:30 D".
 */
export function parseDetailRow(line: Line, t: string[], connIdLabel: string, vrfLabel: string, ctx: ParseContext, ids: IdRegistry, acc: LineAccount): IkeSa | null {
  // older trains print the f_vrf/i_vrf column first: the conn id is the first or second token
  const first = isNumberWord(t[0]) ? 0 : isNumberWord(t[1]) ? 1 : -1
  if (first < 0 || t.length < first + 4) return null
  const connId = t[first]
  const local = t[first + 1]
  const remote = t[first + 2]
  if (!isAddressLike(local) || !isAddressLike(remote)) return null
  let i = first + 3
  // I-VRF words up to the status word; the status is optional on some trains
  let statusAt = -1
  let lifeAt = -1
  for (let k = i; k < t.length && (statusAt < 0 || lifeAt < 0); k++) {
    if (statusAt < 0 && STATUS_WORD.test(t[k])) statusAt = k
    if (lifeAt < 0 && DURATION.test(t[k])) lifeAt = k
  }
  let vrf: string | null = first === 1 ? t[0] : null
  if (statusAt >= 0 && (lifeAt < 0 || statusAt < lifeAt)) {
    for (let k = i; k < statusAt; k++) vrf = vrf === null ? t[k] : `${vrf} ${t[k]}`
    i = statusAt
  }
  let status: string | null = null
  if (i < t.length && STATUS_WORD.test(t[i])) {
    status = t[i++]
    if (t[i] === '(deleted)') status += ` ${t[i++]}`
  }
  // encr hash auth DH [lifetime] [cap]
  const algs = Math.max(0, (lifeAt >= 0 ? lifeAt : t.length) - i)
  if (algs > 4 || (lifeAt < 0 && algs === 0 && status === null)) return null
  let caps = ''
  if (lifeAt >= 0) for (let k = lifeAt + 1; k < t.length; k++) caps += t[k]
  if (caps !== '' && !CAPS.test(caps)) return null
  const raw = newRaw()
  rawAppend(raw, connIdLabel, connId, line.n)
  rawAppend(raw, 'Local', local, line.n)
  rawAppend(raw, 'Remote', remote, line.n)
  if (vrf !== null) rawAppend(raw, vrfLabel, vrf, line.n)
  if (status !== null) rawAppend(raw, 'Status', status, line.n)
  const fact = newIkeSa(ctx, ids.unique(`ike:${remote}:${local}:${connId}`), line.n, line.n, raw)
  fact.version = 1
  fact.connId = toInt(connId)
  fact.localAddress = local
  fact.remoteAddress = remote
  fact.statusRaw = status
  fact.deleted = fact.connId === 0 || DELETED.test(status ?? '')
  if (algs > 0) fact.encryption = readColumn(raw, 'Encr', t[i], line, acc, normalizeCipher)
  if (algs > 1) fact.integrity = readColumn(raw, 'Hash', t[i + 1], line, acc, normalizeHash)
  if (algs > 2) fact.authMethod = readColumn(raw, 'Auth', t[i + 2], line, acc, normalizeIkeAuth)
  if (algs > 3) fact.dhGroup = readColumn(raw, 'DH', t[i + 3], line, acc, parseDhGroup)
  if (lifeAt >= 0) fact.lifetimeRemainingSec = readColumn(raw, 'Lifetime', t[lifeAt], line, acc, hmsToSeconds)
  if (caps !== '') rawAppend(raw, 'Cap.', caps, line.n)
  const letters = caps.toUpperCase()
  // one letter on nearly every row: no split
  fact.flags = letters.length === 1 ? [CAPABILITY_CODES[letters]] : letters.split('').map((c) => CAPABILITY_CODES[c])
  fact.natT = letters.includes('N')
  fact.dpdEnabled = letters.includes('D')
  markMasked(fact, 'remoteAddress', 'localAddress')
  return fact
}
