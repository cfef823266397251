/**
 * `show crypto engine connections active` (IOS, IOS-XE): one engineConnection per row. Rows are read
 * by token kind (the text is single-spaced):
 *
 * 12.x layout `ID Interface IP-Address State Algorithm Encrypt Decrypt`:
 *   "2088 FastEthernet0/1 172.22.1.3 set HMAC_SHA+3DES_56_C 0 5"; IKE rows have no interface and
 *   address ("1 set HMAC_SHA+3DES_56_C 0 0") or print "<none> <none>".
 * Newer layout `ID Type Algorithm Encrypt Decrypt LastSeqN IP-Address`:
 *   "1001 IPsec AES+SHA 0 23 23 10.1.1.1"; IKE rows may lack the address ("1002 IKE SHA+AES256 0 0 0")
 *   and LastSeqN is missing on some trains. It has no interface or state column, so those stay null
 *   and the row type is kept in raw["Type"].
 * Addresses may be masked ("X.X.X.X"); fact.masked then names ipAddress.
 */
import type {EngineConnection} from '../../model/index.js'
import {isAddressToken, tokenKind} from '../../reading/tokens.js'
import {toInt} from '../../reading/numbers.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {normalizeEngineAlgorithm} from './algorithms.js'
import {IdRegistry, markMasked, RawFields, scoreLines} from './common.js'

// "ID Interface IP-Address State Algorithm Encrypt Decrypt"
const OLD_HEADER = /^ID Interface IP-Address State Algorithm Encrypt Decrypt$/i
// "ID Type Algorithm Encrypt Decrypt LastSeqN IP-Address"
const NEW_HEADER = /^ID Type Algorithm Encrypt Decrypt( LastSeqN)?( IP-Address)?$/i
// "IPsec", "IKE", "IKEv2", "IKEv1"
const ROW_TYPE = /^(IPsec|IKE|IKEv1|IKEv2|SSL)$/i
// "HMAC_SHA+3DES_56_C", "AES+SHA", "SHA256+AES256"
const ALGORITHM = /^[A-Z0-9_]+(\+[A-Z0-9_]+)*$/i
// "set" / "alloc" (state column of the old layout)
const STATE_WORD = /^[a-z]+$/i
// "Crypto Engine Connections" banner printed by some trains
const BANNER = /^Crypto Engine Connections$/i

function newFact(ctx: ParseContext, id: string, line: Line, fields: RawFields, connId: number, algorithm: string, acc: LineAccount): EngineConnection {
  const pair = normalizeEngineAlgorithm(algorithm)
  if (pair.encryption === null && pair.integrity === null) acc.warn(`line ${line.n}: engine algorithm "${algorithm}" not understood`)
  return {
    kind: 'engineConnection', id, source: sourceOf(ctx, line.n, line.n), raw: fields.fields, connId,
    interface: null, ipAddress: null, state: null, algorithm, encryption: pair.encryption, integrity: pair.integrity,
    encrypt: null, decrypt: null,
  }
}

/** "2088 FastEthernet0/1 172.22.1.3 set HMAC_SHA+3DES_56_C 0 5" / "1 set HMAC_SHA+3DES_56_C 0 0". */
function oldRow(t: string[], line: Line, ctx: ParseContext, ids: IdRegistry, acc: LineAccount): EngineConnection | null {
  // ID [interface address] state algorithm encrypt decrypt
  if ((t.length !== 5 && t.length !== 7) || tokenKind(t[0]) !== 'number') return null
  const [state, algorithm, encrypt, decrypt] = t.slice(-4)
  if (tokenKind(encrypt) !== 'number' || tokenKind(decrypt) !== 'number' || !ALGORITHM.test(algorithm) || !STATE_WORD.test(state)) return null
  const [iface, ip] = t.length === 7 ? [t[1], t[2]] : [null, null]
  if (ip !== null && ip !== '<none>' && !isAddressToken({text: ip, kind: tokenKind(ip)})) return null
  const f = new RawFields()
  f.set('ID', t[0], line)
  if (iface !== null && ip !== null) {
    f.set('Interface', iface, line)
    f.set('IP-Address', ip, line)
  }
  f.set('State', state, line)
  f.set('Algorithm', algorithm, line)
  f.set('Encrypt', encrypt, line)
  f.set('Decrypt', decrypt, line)
  const fact = newFact(ctx, ids.unique(`engine:${t[0]}`), line, f, Number(t[0]), algorithm, acc)
  fact.interface = iface === '<none>' ? null : iface
  fact.ipAddress = ip === '<none>' ? null : ip
  fact.state = state
  fact.encrypt = toInt(encrypt)
  fact.decrypt = toInt(decrypt)
  return fact
}

/** "1001 IPsec AES+SHA 0 23 23 10.1.1.1", "1002 IKE SHA+AES256 0 0 0", "1001 IPsec AES+SHA 0 23 10.1.1.1". */
function newRow(t: string[], line: Line, ctx: ParseContext, ids: IdRegistry, acc: LineAccount): EngineConnection | null {
  if (t.length < 5 || tokenKind(t[0]) !== 'number' || !ROW_TYPE.test(t[1]) || !ALGORITHM.test(t[2])) return null
  const last = t[t.length - 1]
  const ip = isAddressToken({text: last, kind: tokenKind(last)}) ? last : null
  const numbers = t.slice(3, ip === null ? t.length : -1)
  if (numbers.length < 2 || numbers.length > 3 || !numbers.every((n) => tokenKind(n) === 'number')) return null
  const f = new RawFields()
  f.set('ID', t[0], line)
  f.set('Type', t[1], line)
  f.set('Algorithm', t[2], line)
  f.set('Encrypt', numbers[0], line)
  f.set('Decrypt', numbers[1], line)
  if (numbers.length === 3) f.set('LastSeqN', numbers[2], line)
  if (ip !== null) f.set('IP-Address', ip, line)
  const fact = newFact(ctx, ids.unique(`engine:${t[0]}`), line, f, Number(t[0]), t[2], acc)
  fact.ipAddress = ip
  fact.encrypt = toInt(numbers[0])
  fact.decrypt = toInt(numbers[1])
  return fact
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  for (const line of lines) {
    const text = line.text
    if (text === '' || BANNER.test(text)) {
      acc.ignore(line)
      continue
    }
    if (OLD_HEADER.test(text) || NEW_HEADER.test(text)) {
      acc.ignore(line)
      continue
    }
    const t = text.split(' ')
    // the second token tells the layout of a row ("IPsec"/"IKE" = new): both layouts may share a table
    const fact = ROW_TYPE.test(t[1] ?? '') ? newRow(t, line, ctx, ids, acc) : oldRow(t, line, ctx, ids, acc)
    if (fact) {
      markMasked(fact, 'ipAddress')
      acc.add(fact)
      acc.consume(line)
    } else acc.reject(line, 'not an engine connection row')
  }
  return acc.finish()
}

export const showCryptoEngineConnectionsActive: ParserSpec = {
  id: 'cisco/show-crypto-engine-connections-active',
  vendor: 'cisco',
  command: 'show crypto engine connections active',
  detect: (input) => detectIn(input),
  parse,
}

/** How sure the parser is that headless text is its output. */
function detectIn(lines: Line[]): number {
  return (
    scoreLines(lines, [OLD_HEADER, NEW_HEADER], [
      // "2088 FastEthernet0/1 172.22.1.3 set HMAC_SHA+3DES_56_C 0 5"
      /^\d+ .*\bset HMAC_[A-Z0-9_+]+ \d+ \d+$/,
      // "1001 IPsec AES+SHA 0 23 23 10.1.1.1"
      /^\d+ (IPsec|IKE|IKEv2) \S+ \d+ \d+/,
    ])
  )
}
