/**
 * `show crypto engine connections active` (IOS): one engineConnection per row.
 *
 * Old layout: `ID Interface IP-Address State Algorithm Encrypt Decrypt`; IKE rows have no interface
 * and address ("1 set HMAC_SHA+3DES_56_C 0 0") or print "<none> <none>".
 * Newer layout: `ID Type Algorithm Encrypt Decrypt LastSeqN IP-Address`
 * ("1001 IPsec AES+SHA 0 23 23 10.1.1.1"); it has no interface or state column, so those stay null
 * and the row type is kept in raw["Type"].
 */
import type {EngineConnection} from '../../model/index.js'
import {cols, digitsToInt, isDigits, leadChar, LineAccount, rememberedByText} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {normalizeEngineAlgorithm} from './algorithms.js'
import {IdRegistry, RawFields, scoreLines} from './common.js'
import {isIpAddress} from './ident.js'

// "ID Interface IP-Address State Algorithm Encrypt Decrypt" (the IP column may read "IP-Address")
const OLD_HEADER = /^\s*ID\s+Interface\s+IP-Address\s+State\s+Algorithm\s+Encrypt\s+Decrypt\s*$/i
// "   ID  Type    Algorithm           Encrypt  Decrypt LastSeqN IP-Address"
const NEW_HEADER = /^\s*ID\s+Type\s+Algorithm\s+Encrypt\s+Decrypt(\s+LastSeqN)?\s+IP-Address\s*$/i
// "IPsec", "IKE", "IKEv2", "IKEv1"
const ROW_TYPE = /^(IPsec|IKE|IKEv1|IKEv2|SSL)$/i
// "HMAC_SHA+3DES_56_C", "AES+SHA", "SHA256+AES256"
const ALGORITHM = /^[A-Z0-9_]+(\+[A-Z0-9_]+)*$/i
// "set" / "alloc" (state column of the old layout)
const STATE_WORD = /^[a-z]+$/i
// "Crypto Engine Connections" banner printed by some trains
const BANNER = /^\s*Crypto Engine Connections\s*$/i

function emptyFact(ctx: ParseContext, id: string, line: Line, fields: RawFields, connId: number): EngineConnection {
  return {
    kind: 'engineConnection', id, source: sourceOf(ctx, line.n, line.n), raw: fields.fields, connId,
    interface: null, ipAddress: null, state: null, algorithm: null, encryption: null, integrity: null,
    encrypt: null, decrypt: null,
  }
}

/** Sets encryption and integrity from the engine algorithm ("HMAC_SHA+3DES_56_C"). */
function withAlgorithms(fact: EngineConnection, algorithm: EngineAlgorithm): EngineConnection {
  fact.encryption = algorithm.encryption
  fact.integrity = algorithm.integrity
  return fact
}

/**
 * Columns a table repeats on most rows (algorithm, interface, address, state) are read once per printed
 * text, and the rows keep the first copy of the text: 28k rows of one capture would otherwise keep 28k
 * equal strings of each in their facts.
 */
interface EngineAlgorithm {
  printed: string
  /** The column reads as an algorithm (ALGORITHM). */
  valid: boolean
  encryption: string | null
  integrity: string | null
}

const algorithmOf = rememberedByText((printed: string): EngineAlgorithm => {
  const valid = ALGORITHM.test(printed)
  return {printed, valid, ...(valid ? normalizeEngineAlgorithm(printed) : {encryption: null, integrity: null})}
})

/** The first copy of a repeated column text ("GigabitEthernet0/0", "198.51.100.1", "set"). */
const sharedText = rememberedByText((text: string) => text)

/** "2088 FastEthernet0/1 172.22.1.3 set HMAC_SHA+3DES_56_C 0 5" / "1 set HMAC_SHA+3DES_56_C 0 0". */
function oldRow(t: string[], line: Line, ctx: ParseContext, ids: IdRegistry): EngineConnection | null {
  if (t.length < 5 || !isDigits(t[0])) return null
  // the last four columns, and the two (or no) columns between the ID and them, read in place
  const n = t.length
  const state = t[n - 4]
  const algorithm = algorithmOf(t[n - 3])
  const encrypt = t[n - 2]
  const decrypt = t[n - 1]
  // counters "202", state "set" / "alloc"
  if (!isDigits(encrypt) || !isDigits(decrypt) || !algorithm.valid || !STATE_WORD.test(state)) return null
  const middle = n - 5
  if (middle !== 0 && middle !== 2) return null
  const f = new RawFields()
  f.setInterned('ID', t[0], line)
  let iface: string | null = null
  let ip: string | null = null
  if (middle === 2) {
    const ifaceText = sharedText(t[1])
    const ipText = sharedText(t[2])
    f.setInterned('Interface', ifaceText, line)
    f.setInterned('IP-Address', ipText, line)
    iface = ifaceText === '<none>' ? null : ifaceText
    ip = ipText === '<none>' ? null : ipText
    if (ip !== null && !isIpAddress(ip)) return null
  }
  f.setInterned('State', sharedText(state), line)
  f.setInterned('Algorithm', algorithm.printed, line)
  f.setInterned('Encrypt', encrypt, line)
  f.setInterned('Decrypt', decrypt, line)
  const fact = emptyFact(ctx, ids.unique(`engine:${t[0]}`), line, f, Number(t[0]))
  fact.interface = iface
  fact.ipAddress = ip
  fact.state = sharedText(state)
  fact.algorithm = algorithm.printed
  fact.encrypt = digitsToInt(encrypt)
  fact.decrypt = digitsToInt(decrypt)
  return withAlgorithms(fact, algorithm)
}

/** "1001 IPsec AES+SHA 0 23 23 10.1.1.1" (LastSeqN optional in some trains). */
function newRow(t: string[], line: Line, ctx: ParseContext, ids: IdRegistry): EngineConnection | null {
  if (t.length < 5 || !isDigits(t[0]) || !ROW_TYPE.test(t[1]) || !algorithmOf(t[2]).valid) return null
  const numbers = t.slice(3, -1)
  const ip = t[t.length - 1]
  if (!isIpAddress(ip) || numbers.length < 2 || numbers.length > 3 || !numbers.every(isDigits)) return null
  const f = new RawFields()
  f.setInterned('ID', t[0], line)
  f.setInterned('Type', t[1], line)
  f.setInterned('Algorithm', t[2], line)
  f.setInterned('Encrypt', numbers[0], line)
  f.setInterned('Decrypt', numbers[1], line)
  if (numbers.length === 3) f.setInterned('LastSeqN', numbers[2], line)
  f.setInterned('IP-Address', ip, line)
  const fact = emptyFact(ctx, ids.unique(`engine:${t[0]}`), line, f, Number(t[0]))
  fact.ipAddress = ip
  fact.algorithm = t[2]
  fact.encrypt = digitsToInt(numbers[0])
  fact.decrypt = digitsToInt(numbers[1])
  return withAlgorithms(fact, algorithmOf(t[2]))
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  let layout: 'old' | 'new' | null = null
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const text = line.text
    // banner and headers start with a fixed word; rows start with a digit and skip them
    const lead = leadChar(text)
    if (lead === '' || ((lead === 'C' || lead === 'c') && BANNER.test(text))) {
      acc.ignore(line)
      continue
    }
    const header = lead === 'I' || lead === 'i'
    if (header && OLD_HEADER.test(text)) {
      layout = 'old'
      acc.ignore(line)
      continue
    }
    if (header && NEW_HEADER.test(text)) {
      layout = 'new'
      acc.ignore(line)
      continue
    }
    const t = cols(text)
    // headerless: the second column tells the layout ("IPsec"/"IKE" = new)
    const useNew = layout === 'new' || (layout === null && t.length > 1 && ROW_TYPE.test(t[1]))
    const fact = useNew ? newRow(t, line, ctx, ids) : oldRow(t, line, ctx, ids)
    if (fact) {
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
  detect: (lines) =>
    scoreLines(lines, [OLD_HEADER, NEW_HEADER], [
      // "2088 FastEthernet0/1 172.22.1.3 set HMAC_SHA+3DES_56_C 0 5"
      /^\s*\d+\s+.*\bset\s+HMAC_[A-Z0-9_+]+\s+\d+\s+\d+\s*$/,
      // "1001 IPsec AES+SHA 0 23 23 10.1.1.1"
      /^\s*\d+\s+(IPsec|IKE)\s+\S+\s+\d+\s+\d+/,
    ]),
  parse,
}
