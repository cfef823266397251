/**
 * One vocabulary for configured algorithms, whatever the vendor spelling, so that proposals of the
 * two ends can be compared: encryption "des", "3des", "aes-128|192|256", "aes-gcm-128|192|256",
 * "null"; integrity "md5", "sha1", "sha256", "sha384", "sha512", "null"; authentication "pre-share",
 * "rsa-sig", "ecdsa-sig", "rsa-encr". Unknown words are kept, lower-cased.
 */

/** Cipher words as written in configuration: "aes-256", "aes-cbc-256", "aes-256-cbc", "esp-aes", "3des-cbc". */
export function encryptionOf(word: string, bits?: string | null): string {
  let w = word.toLowerCase().replace(/^esp-/, '')
  const k = bits && /^\d+$/.test(bits) ? bits : null
  // "256-aes" (show crypto ipsec transform-set prints esp-256-aes)
  const front = /^(128|192|256)-aes$/.exec(w)
  if (front) return `aes-${front[1]}`
  if (w === 'des' || w === 'des-cbc') return 'des'
  if (w === '3des' || w === '3des-cbc' || w === 'triple-des') return '3des'
  if (w === 'null' || w === 'none') return 'null'
  if (w === 'gcm' || w === 'aes-gcm') return `aes-gcm-${k ?? '128'}`
  // "aes-gcm-256", "aes-256-gcm", "gcm-256"
  let m = /^(?:aes-)?gcm-?(128|192|256)$|^aes-(128|192|256)-gcm$/.exec(w)
  if (m) return `aes-gcm-${m[1] ?? m[2]}`
  if (w === 'aes' || w === 'aes-cbc') return `aes-${k ?? '128'}`
  // "aes-256", "aes-cbc-256", "aes-256-cbc", "aes256"
  m = /^aes-?(?:cbc-)?(128|192|256)(?:-cbc)?$/.exec(w)
  if (m) return `aes-${m[1]}`
  w = w.replace(/-hmac$/, '')
  return w
}

/** Hash / integrity words: "sha", "sha-256", "sha256", "esp-sha-hmac", "hmac-sha1-96", "hmac-sha-256-128", "SHA96", "MD596". */
export function integrityOf(word: string): string {
  let w = word.toLowerCase().replace(/^(?:esp|ah)-/, '').replace(/-hmac$/, '').replace(/^hmac-/, '')
  if (w === 'sha96' || w === 'sha' || w === 'sha1' || w === 'sha-1' || w === 'sha1-96') return 'sha1'
  if (w === 'md596' || w === 'md5' || w === 'md5-96') return 'md5'
  // "sha-256-128", "sha256", "sha-384", "sha512"
  const m = /^sha-?(256|384|512)(?:-\d+)?$/.exec(w)
  if (m) return `sha${m[1]}`
  if (w === 'none' || w === 'null') return 'null'
  w = w.replace(/-\d+$/, '')
  return w
}

/** Authentication method words: "pre-share", "pre-shared-keys", "rsa-sig", "rsa-signatures". */
export function authOf(word: string): string {
  const w = word.toLowerCase()
  if (w.startsWith('pre-share')) return 'pre-share'
  if (w.startsWith('rsa-sig')) return 'rsa-sig'
  if (w.startsWith('ecdsa')) return 'ecdsa-sig'
  if (w.startsWith('rsa-encr')) return 'rsa-encr'
  if (w.startsWith('dsa-sig')) return 'dsa-sig'
  return w
}

/** "group14", "14", "group 14", "DH_GROUP_2048_MODP/Group 14" -> 14; null otherwise. */
export function dhGroupOf(text: string): number | null {
  const m = /(?:^|group ?|\/Group ?)(\d{1,2})$/i.exec(text.trim())
  return m ? Number(m[1]) : null
}

/** Dotted mask to prefix length (255.255.255.0 -> 24); null when not contiguous. */
export function maskBits(mask: string): number | null {
  const parts = mask.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null
  const n = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
  let bits = 0
  while (bits < 32 && n & (0x80000000 >>> bits)) bits++
  return ((n << bits) >>> 0) === 0 || bits === 32 ? bits : null
}

/** Wildcard (0.0.0.255) to prefix length; null when not contiguous. */
export function wildcardBits(wildcard: string): number | null {
  const inv = wildcard.split('.').map((p) => 255 - Number(p))
  if (inv.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null
  return maskBits(inv.join('.'))
}

/** Weak by today's guidance (RFC 8247, RFC 8221, vendor hardening guides). */
export const WEAK_ENCRYPTION = ['des', '3des', 'null']
export const WEAK_INTEGRITY = ['md5', 'sha1', 'null']
export const WEAK_DH_GROUPS = [1, 2, 5, 22, 23, 24]
