/**
 * The one token classifier for table rows. Columns mean nothing once spaces are collapsed (paste.ts),
 * so a row is read by the kind of each of its words: "203.0.113.2 198.51.100.1 MM_NO_STATE 1004
 * ACTIVE", "5802591 UP aca1b7cf4e6f3b5c 0c1e7bd8b7a6c5d4 IKEv2 192.0.2.2", "1002 IKE SHA+AES256 0 0 0".
 */
import {addressKind, addressPort} from './address.js'

export type TokenKind =
  /** 192.0.2.1, 2001:db8::1 */
  | 'address'
  /** X.X.X.X, <peer-ip>, [REDACTED] */
  | 'masked'
  /** 192.0.2.1/500, 192.0.2.1:4500, [2001:db8::1]:500 */
  | 'address-port'
  /** 16 hex digits: an IKE cookie / SPI pair half (aca1b7cf4e6f3b5c) */
  | 'cookie'
  /** 0x-prefixed hex: an SPI (0xB1A7F6C5) */
  | 'hex'
  /** a decimal integer (1004, 0) */
  | 'number'
  /** h:mm:ss (23:59:33) */
  | 'duration'
  /** an upper-case state or status word: MM_NO_STATE, QM_IDLE, UP, READY, IN-NEG, ACTIVE */
  | 'state'
  /** anything else (aes256, psk, Main, Tunnel0) */
  | 'word'

export interface TypedToken {
  text: string
  kind: TokenKind
}

// "aca1b7cf4e6f3b5c"
const COOKIE = /^[0-9a-f]{16}$/i
// "0xB1A7F6C5"
const HEX = /^0x[0-9a-f]{1,16}$/i
// "23:59:33", "0:00:41"
const DURATION = /^\d+:\d{2}:\d{2}$/
// "MM_NO_STATE", "QM_IDLE", "IN-NEG", "UP", "ACTIVE"
const STATE = /^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$|^[A-Z]{2,}$/

export function tokenKind(token: string): TokenKind {
  if (COOKIE.test(token)) return 'cookie'
  if (/^\d+$/.test(token)) return 'number'
  const address = addressKind(token)
  if (address === 'masked') return 'masked'
  if (address) return 'address'
  if (HEX.test(token)) return 'hex'
  if (DURATION.test(token)) return 'duration'
  if (addressPort(token).port !== null) return 'address-port'
  if (STATE.test(token)) return 'state'
  return 'word'
}

/** The words of a canonical row with their kinds. */
export function typedRow(text: string): TypedToken[] {
  return text === '' ? [] : text.split(' ').map((t) => ({text: t, kind: tokenKind(t)}))
}

/** An address column: a real or a masked address. */
export function isAddressToken(t: TypedToken): boolean {
  return t.kind === 'address' || t.kind === 'masked'
}
