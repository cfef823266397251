/**
 * Junos algorithm names -> the normalized vocabulary of the model.
 *
 * Encryption: none, des, 3des, aes-128-cbc, aes-192-cbc, aes-256-cbc, aes-128-gcm, aes-192-gcm, aes-256-gcm.
 * Integrity (also used for the IKE pseudo random function): none, md5, sha1, sha256, sha384, sha512.
 * Unknown names give null; callers keep the printed text in `raw`.
 */
import type {ParseResult} from '../types.js'

function clean(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null
  // "  AES-CBC  (256 bits) " -> "aes-cbc (256 bits)"
  const t = name.trim().toLowerCase().replace(/\s+/g, ' ')
  return t === '' ? null : t
}

const NONE = new Set(['none', 'null', 'no', '-'])

/**
 * Normalizes a Junos cipher name.
 * Accepts the ES-PIC/services spellings (des-cbc, 3des-cbc, aes-128-cbc, aes256-cbc, aes-gcm-128,
 * aes-128-gcm) and the SRX detail form "aes-cbc (256 bits)" / "aes-gcm (128 bits)".
 */
export function junosEncryption(name: string | null | undefined): string | null {
  return remembered(ENCRYPTION_OF, name, computeEncryption)
}

/** Results by printed name: a capture repeats a handful of algorithm names for every SA. */
const ENCRYPTION_OF = new Map<string, string | null>()
const INTEGRITY_OF = new Map<string, string | null>()

function remembered(cache: Map<string, string | null>, name: string | null | undefined, compute: (n: string) => string | null): string | null {
  if (name === null || name === undefined) return null
  let value = cache.get(name)
  if (value === undefined) {
    value = compute(name)
    if (cache.size < 1000) cache.set(name, value)
  }
  return value
}

function computeEncryption(name: string): string | null {
  const t = clean(name)
  if (t === null) return null
  if (NONE.has(t)) return 'none'
  // "des-cbc" / "des"
  if (/^des(-cbc)?$/.test(t)) return 'des'
  // "3des-cbc", "3des", "des3-cbc", "3des-cbc (168 bits)"
  if (/^(3des|des3|triple-des)(-cbc)?(\s*\(\d+ bits\))?$/.test(t)) return '3des'
  // "aes-cbc (256 bits)" or "aes-gcm (128 bits)": mode first, size in brackets
  const withBits = /^aes-?(cbc|gcm)\s*\((128|192|256) bits\)$/.exec(t)
  if (withBits) return `aes-${withBits[2]}-${withBits[1]}`
  // "aes-128-cbc", "aes256-cbc", "aes-256", "aes-128-gcm"
  const sizeFirst = /^aes-?(128|192|256)(?:-(cbc|gcm|ctr))?$/.exec(t)
  if (sizeFirst) return `aes-${sizeFirst[1]}-${sizeFirst[2] ?? 'cbc'}`
  // "aes-gcm-128", "aes-cbc-256", "aes-gcm-256-128" (ICV length last)
  const modeFirst = /^aes-(cbc|gcm)-(128|192|256)(?:-\d+)?$/.exec(t)
  if (modeFirst) return `aes-${modeFirst[2]}-${modeFirst[1]}`
  return null
}

/**
 * Normalizes a Junos integrity / hash / PRF name: hmac-md5-96, hmac-sha1-96, hmac-sha-256-128,
 * hmac-sha-384-192, hmac-sha-512-256, md5, sha1, sha-256, hmac-md5, hmac-sha1, sha2-256, None.
 */
export function junosIntegrity(name: string | null | undefined): string | null {
  return remembered(INTEGRITY_OF, name, computeIntegrity)
}

function computeIntegrity(name: string): string | null {
  const t = clean(name)
  if (t === null) return null
  if (NONE.has(t)) return 'none'
  // "hmac-sha-256-128" -> "sha-256-128"; "sha-256 (256 bits)" -> "sha-256"
  const base = t.replace(/^hmac-/, '').replace(/\s*\(\d+ bits\)$/, '')
  // "md5" / "md5-96"
  if (/^md5(-\d+)?$/.test(base)) return 'md5'
  // "sha-256-128", "sha256", "sha2-256", "sha-384", "sha-512-256" (checked before SHA-1: "sha-256" is not "sha" + "-256")
  const sha2 = /^sha(?:2)?-?(256|384|512)(-\d+)?$/.exec(base)
  if (sha2) return `sha${sha2[1]}`
  // "sha1", "sha1-96", "sha-1", "sha"
  if (/^sha(-?1)?(-96|-160)?$/.test(base)) return 'sha1'
  return null
}

/** Diffie-Hellman group number from "group14", "Group 2", "DH group 5", "14"; null otherwise. */
export function junosDhGroup(name: string | null | undefined): number | null {
  const t = clean(name)
  if (t === null) return null
  // "group14", "dh group 5", "group 2"
  const m = /^(?:dh\s*)?(?:group\s*)?(\d{1,2})$/.exec(t)
  return m ? Number(m[1]) : null
}

/** Authentication method as a lower-cased, hyphenated word: "Pre-shared-keys" -> "pre-shared-keys". */
export function junosAuthMethod(name: string | null | undefined): string | null {
  const t = clean(name)
  if (t === null) return null
  // "pre shared keys" -> "pre-shared-keys"
  return t.replace(/\s+/g, '-')
}

/**
 * AEAD ciphers (AES-GCM) authenticate on their own. Junos prints "Authentication: None" beside them
 * where IOS prints no HMAC at all; both mean "not applicable", which the model writes as integrity
 * null (as the Cisco parsers do), so the vendors agree. Applied to a parser's IPsec SAs in place.
 */
export function aeadIntegrityNotApplicable(result: ParseResult): ParseResult {
  for (const f of result.facts) {
    if (f.kind === 'ipsecSa' && f.integrity === 'none' && f.encryption !== null && f.encryption.endsWith('-gcm')) f.integrity = null
  }
  return result
}

