/**
 * Access-list entries as configured (`access-list 101 permit ip ...`, ASA `access-list X extended
 * permit ip ...`, the body lines of `ip access-list extended X`) and as `show access-lists` prints
 * them ("10 permit ip 10.1.1.0 0.0.0.255 10.2.2.0 0.0.0.255 (15 matches)"). Addresses become
 * prefixes; IOS writes wildcards, ASA masks.
 */
import type {AclEntry} from '../../../model/index.js'
import {addressKind} from '../../../reading/address.js'
import {toInt} from '../../../reading/numbers.js'
import {maskBits, wildcardBits} from '../../config/normalize.js'

// "eq 500", "range 500 4500", "gt 1023"
const PORT_OPS = new Set(['eq', 'neq', 'lt', 'gt', 'range'])
// words after the addresses that carry no selector meaning
const TRAILERS = new Set(['log', 'log-input', 'established', 'inactive', 'time-range', 'echo', 'echo-reply'])

export interface AddressSpec {
  /** "10.1.1.0/24", "any", "object NAME" / "object-group NAME" as written. */
  value: string
  /** Words used. */
  used: number
}

/**
 * Reads one address spec at words[i]: "any" / "any4" / "any6", "host A", "A W|M", "object X",
 * "object-group X", "A/len" (IPv6). `masks` is true for ASA (mask), false for IOS (wildcard).
 */
export function addressSpec(words: string[], i: number, masks: boolean): AddressSpec | null {
  const w = words[i]
  if (w === undefined) return null
  if (w === 'any' || w === 'any4' || w === 'any6') return {value: 'any', used: 1}
  if (w === 'host' && words[i + 1] && addressKind(words[i + 1])) return {value: `${words[i + 1]}/32`, used: 2}
  if ((w === 'object' || w === 'object-group' || w === 'interface') && words[i + 1]) return {value: `${w} ${words[i + 1]}`, used: 2}
  if (/^[\da-f:]+\/\d+$/i.test(w)) return {value: w, used: 1}
  if (addressKind(w)) {
    const next = words[i + 1]
    if (next && /^\d+\.\d+\.\d+\.\d+$/.test(next)) {
      const bits = masks ? maskBits(next) : wildcardBits(next)
      return {value: bits === null ? `${w} ${next}` : bits === 0 ? 'any' : `${w}/${bits}`, used: 2}
    }
    // a standard ACL names a host without "host"
    return {value: `${w}/32`, used: 1}
  }
  return null
}

/** Skips a port operator and its operands at words[i]; returns the index after them. */
function skipPorts(words: string[], i: number): number {
  if (!PORT_OPS.has(words[i])) return i
  return words[i] === 'range' ? i + 3 : i + 2
}

/**
 * One entry from the words after the ACL name (ASA "extended" already removed): "[seq] permit|deny
 * proto src [ports] dst [ports] ...". Null when the words are not an entry (remark, unknown form).
 */
export function aclEntry(words: string[], line: number, text: string, masks: boolean, standard = false): AclEntry | null {
  let i = 0
  let seq: number | null = null
  if (/^\d+$/.test(words[0] ?? '')) {
    seq = toInt(words[0])
    i = 1
  }
  const action = words[i]
  if (action !== 'permit' && action !== 'deny') return null
  i++
  let protocol: string | null = null
  if (!standard) {
    protocol = words[i] ?? null
    if (protocol === null) return null
    i++
    if (protocol === 'object-group' || protocol === 'object') {
      if (words[i] === undefined) return null
      protocol = `${protocol} ${words[i]}`
      i++
    }
  }
  // "10.1.1.0, wildcard bits 0.0.0.255" (show access-lists, standard)
  const stdShow = /^(\S+), wildcard bits (\S+)/.exec(words.slice(i).join(' '))
  if (standard && stdShow) {
    const bits = wildcardBits(stdShow[2])
    return {line, seq, action, protocol, source: bits === null ? stdShow[1] : `${stdShow[1]}/${bits}`, destination: 'any', text, hits: hitsOf(text)}
  }
  const src = addressSpec(words, i, masks)
  if (!src) return null
  i = skipPorts(words, i + src.used)
  let destination = 'any'
  if (!standard) {
    const dst = addressSpec(words, i, masks)
    if (!dst) return null
    destination = dst.value
    i = skipPorts(words, i + dst.used)
  }
  // anything else must be a known trailer or the hit count
  for (; i < words.length; i++) {
    const w = words[i]
    if (TRAILERS.has(w) || /^\(\d+$/.test(w) || /^match(?:es)?\)$/.test(w) || /^\(hitcnt=\d+\)$/.test(w) || /^0x[0-9a-f]+$/i.test(w)) continue
    if (w === 'time-range' || w === 'precedence' || w === 'dscp' || w === 'tos') {
      i++
      continue
    }
    return null
  }
  return {line, seq, action, protocol, source: src.value, destination, text, hits: hitsOf(text)}
}

/** "(15 matches)" / "(hitcnt=3)" -> 15 / 3. */
function hitsOf(text: string): number | null {
  // "... (15 matches)", "... (hitcnt=3) 0x1a2b3c4d"
  const m = /\((\d+) match(?:es)?\)|\(hitcnt=(\d+)\)/.exec(text)
  return m ? toInt(m[1] ?? m[2]) : null
}
