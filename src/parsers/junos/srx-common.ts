/**
 * Helpers shared by the current-platform Junos parsers (SRX `show security ...`, MX `show services
 * ipsec-vpn ...`): fact skeletons with every field set, algorithm names, "Key: value, Key: value" lines.
 * Algorithm names go through the shared table in algorithms.ts.
 */
import type {IkeSa} from '../../model/index.js'
import type {Line, ParseContext} from '../types.js'
import {isSpaceCode} from '../account.js'
import {junosAuthMethod, junosDhGroup, junosEncryption, junosIntegrity} from './algorithms.js'

/** "node0:" prefix for ids of facts split per chassis-cluster node, so both nodes' SAs stay distinct. */
export function nodePrefix(ctx: ParseContext): string {
  return ctx.node ? `${ctx.node}:` : ''
}

export {newIkeSa, newIpsecFlow, newIpsecSa} from '../skeletons.js'

/** Stretches a fact's source range to cover another line. */
export function extend(fact: {source: {startLine: number; endLine: number}}, line: Line | number): void {
  const n = typeof line === 'number' ? line : line.n
  if (n < fact.source.startLine) fact.source.startLine = n
  if (n > fact.source.endLine) fact.source.endLine = n
}

/** Characters of a pair label after its first letter, blanks aside: letters, digits, "#/()-.". */
function isPairLabelChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 35 || c === 47 || c === 40 ||
    c === 41 || c === 45 || c === 46
}

/** End of the label found by the last successful pairLabelColon call (single-threaded scratch). */
let pairKeyEnd = 0

/**
 * For a label starting with a letter at `start` ("Remote: ...", "Input  bytes : ..."): the index of
 * the colon that ends it, when that colon is followed by a blank or the end, else -1. Sets
 * pairKeyEnd to the end of the label without its trailing blanks. Blanks other than " " may only
 * come after the last label character.
 */
function pairLabelColon(text: string, start: number): number {
  let last = start
  let oddBlank = false
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 58) {
      if (i + 1 < text.length && !isSpaceCode(text.charCodeAt(i + 1))) return -1
      pairKeyEnd = last + 1
      return i
    }
    if (isSpaceCode(c)) {
      if (c !== 32) oddBlank = true
    } else if (oddBlank || !isPairLabelChar(c)) return -1
    else last = i
  }
  return -1
}

/**
 * Splits "Role: Initiator, State: UP" into pairs. A comma only separates pairs when a "Label:" follows,
 * so "Encryption: aes-cbc (128 bits)" and values with inner commas stay whole. Text before the first
 * label is dropped. Scanned by hand, with the result of the global pattern
 * /(?:^|,\s*)([A-Za-z][A-Za-z0-9 #/()\-.]*?)\s*:(?=\s|$)/g (a label at the start or after a comma; the
 * colon must be followed by a blank or the end, so the port colon in "192.0.2.1:500" is not a label).
 */
export function labelPairs(text: string): Array<{key: string; value: string}> {
  const out: Array<{key: string; value: string}> = []
  let key: string | null = null
  let valueStart = 0
  let from = 0
  for (;;) {
    // the next label: at the very start, or after a comma and its blanks
    let markStart = -1
    let labelStart = -1
    let colon = from === 0 && isLetterCode(text.charCodeAt(0)) ? pairLabelColon(text, 0) : -1
    if (colon >= 0) markStart = labelStart = 0
    for (let comma = markStart < 0 ? text.indexOf(',', from) : -1; comma >= 0; comma = text.indexOf(',', comma + 1)) {
      let w = comma + 1
      while (w < text.length && isSpaceCode(text.charCodeAt(w))) w++
      colon = w < text.length && isLetterCode(text.charCodeAt(w)) ? pairLabelColon(text, w) : -1
      if (colon >= 0) {
        markStart = comma
        labelStart = w
        break
      }
    }
    if (markStart < 0) break
    // the previous value runs up to this label's comma
    if (key !== null) out.push({key, value: trimmedSlice(text, valueStart, markStart)})
    key = text.slice(labelStart, pairKeyEnd)
    valueStart = from = colon + 1
  }
  if (key !== null) out.push({key, value: trimmedSlice(text, valueStart, text.length)})
  return out
}

/** text.slice(start, end).trim() without the untrimmed copy. */
function trimmedSlice(text: string, start: number, end: number): string {
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--
  return text.slice(start, end)
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** "192.0.2.1:500" -> address and port; IPv6 "2001:db8::1:500" splits at the last colon. */
export function addressPort(text: string): {address: string; port: number | null} {
  const t = text.trim()
  // "192.0.2.1:4500" or "[2001:db8::1]:500"
  const m = /^\[?([0-9A-Fa-f:.]+?)\]?:(\d{1,5})$/.exec(t)
  if (m && (m[1].includes('.') || t.startsWith('['))) return {address: m[1], port: Number(m[2])}
  return {address: t, port: null}
}

/** "Expires in 28196 seconds" -> 28196. */
export function expiresIn(text: string): number | null {
  // "Expires in 28196 seconds"
  const m = /expires in (\d+) seconds?/i.exec(text)
  return m ? Number(m[1]) : null
}

/** Cipher names -> model vocabulary (delegates to the shared Junos table in algorithms.ts). */
export function normalizeEncryption(text: string | null | undefined): string | null {
  return junosEncryption(text)
}

/** Hash/integrity/PRF names -> model vocabulary: "hmac-sha1-96" -> sha1, "hmac-sha-256-128" -> sha256. */
export function normalizeIntegrity(text: string | null | undefined): string | null {
  return junosIntegrity(text)
}

/** "DH-group-14" (SRX detail), "group14", "14" -> 14. */
export function dhGroupOf(text: string | null | undefined): number | null {
  if (!text) return null
  // "DH-group-14"
  const srx = /^dh-group-?(\d{1,2})$/i.exec(text.trim())
  return srx ? Number(srx[1]) : junosDhGroup(text)
}

/** "Pre-shared-keys" -> pre-shared-keys; "RSA-signatures" -> rsa-signatures. */
export function authMethodOf(text: string | null | undefined): string | null {
  return junosAuthMethod(text)
}

/** Splits "ESP:aes-cbc-128/sha1" / "ESP:aes-gcm-128/None" into protocol, cipher, hash. */
export function splitSaAlgorithm(text: string): {protocol: 'esp' | 'ah' | null; encryption: string | null; integrity: string | null} {
  // "ESP:aes-gcm-128/None", "AH:none/sha1"
  const m = /^(ESP|AH):([^/]*)\/?(.*)$/i.exec(text.trim())
  if (!m) return {protocol: null, encryption: null, integrity: null}
  return {protocol: m[1].toLowerCase() as 'esp' | 'ah', encryption: normalizeEncryption(m[2]), integrity: normalizeIntegrity(m[3] || null)}
}

/** "21727/unlim", "3363/ unlim", "28800/4608000" -> seconds and kilobytes (null = unlimited/absent). */
export function splitLife(text: string): {sec: number | null; kb: number | null} {
  // "3363/ unlim" (the space is printed by some releases)
  const m = /^(\d+|unlim|-)\s*\/\s*(\d+|unlim|-)$/i.exec(text.trim())
  if (!m) return {sec: null, kb: null}
  return {sec: /^\d+$/.test(m[1]) ? Number(m[1]) : null, kb: /^\d+$/.test(m[2]) ? Number(m[2]) : null}
}

/** Normalized IKE version from an exchange type: IKEv2 -> 2, Main/Aggressive -> 1. */
export function ikeModeOf(text: string | null | undefined): {mode: IkeSa['mode']; version: IkeSa['version']} {
  const t = (text ?? '').trim().toLowerCase()
  if (t === 'ikev2' || t === 'ike_sa_init') return {mode: 'ikev2', version: 2}
  if (t.startsWith('main')) return {mode: 'main', version: 1}
  if (t.startsWith('aggressive')) return {mode: 'aggressive', version: 1}
  return {mode: null, version: null}
}
