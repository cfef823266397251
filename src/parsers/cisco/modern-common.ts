/** Fact builders and small field readers shared by the ASA and IOS-XE parsers (issue 3). */
import type {IkeSa, RawField} from '../../model/index.js'
import type {ParseContext} from '../types.js'
import {newIkeSa} from '../skeletons.js'
import {normalizeHash, normalizeIkeAuth} from './algorithms.js'
import type {LabeledValue} from './common.js'

/** An IKE SA with every optional field empty; the caller fills what the output prints. */
export function blankIkeSa(ctx: ParseContext, id: string, start: number, end: number, raw: Record<string, RawField>): IkeSa {
  return newIkeSa(ctx, id, start, end, raw)
}

/**
 * Reads "Label: value" pairs laid out in columns, each value one word:
 * "Type    : L2L             Role    : initiator" or "Local req msg id:  2   Remote req msg id:  0".
 * Split on the colons by hand (a label/value regex scanned globally backtracks polynomially):
 * between two colons sit the value of the left pair and the label of the right one.
 */
export function columnPairs(text: string): LabeledValue[] {
  const parts = text.split(':')
  const out: LabeledValue[] = []
  let label = parts[0].trim()
  for (let i = 1; i < parts.length; i++) {
    const words = parts[i].trim().split(/\s+/)
    const value = words.shift() ?? ''
    if (label !== '' && value !== '') out.push({label, value})
    label = words.join(' ')
  }
  return out
}

/** IKE hash words, including the ASA/IOS-XE IKEv2 "SHA96" (HMAC-SHA1-96). */
export function ikeHash(word: string): string | null {
  if (/^sha96$/i.test(word.trim())) return 'sha1'
  return normalizeHash(word)
}

/** IKE authentication words: PSK, RSA, ECDSA, preshared, rsa-sig, EAP. */
export function ikeAuth(word: string): string | null {
  const w = word.trim().toLowerCase()
  const table: Record<string, string> = {
    preshared: 'pre-shared-keys',
    rsa: 'rsa-signatures',
    'rsa-sig': 'rsa-signatures',
    ecdsa: 'ecdsa-signatures',
    'ecdsa-sig': 'ecdsa-signatures',
    eap: 'eap',
  }
  return table[w] ?? normalizeIkeAuth(word)
}

/** Splits "10.1.1.1/500" (or "2001:DB8::1/4500") into address and port. */
export function addressPort(text: string): {address: string; port: number | null} {
  const slash = text.lastIndexOf('/')
  if (slash <= 0) return {address: text, port: null}
  const port = text.slice(slash + 1)
  return /^\d+$/.test(port) ? {address: text.slice(0, slash), port: Number(port)} : {address: text, port: null}
}
