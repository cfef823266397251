/**
 * Cisco algorithm names -> the normalized vocabulary of the model.
 *
 * Encryption: none (no cipher at all), null (ESP-NULL), des, 3des, aes-128-cbc, aes-192-cbc,
 * aes-256-cbc, aes-128-gcm, aes-192-gcm, aes-256-gcm.
 * Integrity: none, md5, sha1, sha256, sha384, sha512. AEAD ciphers (GCM/GMAC) carry their own
 * integrity, so a GCM transform without an HMAC reports integrity null (not applicable), not "none".
 */

export interface AlgorithmPair {
  encryption: string | null
  integrity: string | null
}

/** Key length words that may follow a cipher: "esp-aes 256", "aes256", "AES_256", "aes-256". */
function aesKeySize(text: string): 128 | 192 | 256 | null {
  // "aes256" / "aes-256" / "aes_256" / "aes 256"
  const m = /(128|192|256)/.exec(text)
  if (!m) return null
  return Number(m[1]) as 128 | 192 | 256
}

/**
 * One cipher word in any Cisco spelling to the normalized name, or null if it is not a cipher.
 * Accepts IKE "Encr" column words (des, 3des, aes, aes256), engine words (3DES_56_C, DES_56_CB,
 * AES256), IPsec transforms (esp-des, esp-3des, esp-aes, esp-gcm, esp-null, esp-aes-256).
 */
export function normalizeCipher(word: string, keySizeWord?: string): string | null {
  const w = word.trim().toLowerCase().replace(/^esp-/, '')
  const size = aesKeySize(`${w} ${keySizeWord ?? ''}`)
  // "null" / "esp-null"
  if (w === 'null') return 'null'
  if (w === 'none') return 'none'
  // "3des", "3des_56_c", "3des-cbc"
  if (/^3des/.test(w)) return '3des'
  // "des", "des_56_cb", "des56"
  if (/^des/.test(w)) return 'des'
  // "gcm", "gcm 256", "aes-gcm-256", "aes_gcm", "gmac"
  if (/gcm|gmac/.test(w)) return `aes-${size ?? 128}-gcm`
  // "aes", "aes256", "aes_256", "aes-192", "aes-cbc-256", "256-aes" (transform set listing "esp-256-aes")
  if (/^aes|^(128|192|256)-aes$/.test(w)) return `aes-${size ?? 128}-cbc`
  return null
}

/**
 * One hash word to the normalized integrity name, or null if it is not a hash.
 * Accepts md5, sha, sha1, sha256, HMAC_SHA, HMAC_MD5, esp-sha-hmac, esp-sha256-hmac, ah-md5-hmac,
 * esp-sha-256-hmac, esp-null-hmac (none).
 */
export function normalizeHash(word: string): string | null {
  const w = word
    .trim()
    .toLowerCase()
    .replace(/^(esp|ah)-/, '')
    .replace(/^hmac[_-]?/, '')
    .replace(/[_-]?hmac$/, '')
    .replace(/[-_]/g, '')
  if (w === 'md5') return 'md5'
  if (w === 'sha' || w === 'sha1') return 'sha1'
  if (w === 'sha256' || w === 'sha2256') return 'sha256'
  if (w === 'sha384' || w === 'sha2384') return 'sha384'
  if (w === 'sha512' || w === 'sha2512') return 'sha512'
  if (w === 'null' || w === 'none') return 'none'
  return null
}

/**
 * IPsec transform as printed by `show crypto ipsec sa` ("esp-3des esp-sha-hmac ,", "esp-aes 256
 * esp-sha256-hmac", "esp-gcm 256", "ah-sha-hmac", "esp-null esp-md5-hmac") or inside a transform set
 * ("{ esp-aes esp-sha-hmac }").
 */
export function normalizeTransform(text: string): AlgorithmPair {
  const words = text
    .replace(/[{},]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
  let encryption: string | null = null
  let integrity: string | null = null
  let sawEsp = false
  let sawAh = false
  let unknown = false
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase()
    if (w.startsWith('esp-')) sawEsp = true
    if (w.startsWith('ah-')) sawAh = true
    // "esp-sha-hmac", "ah-md5-hmac", "esp-sha256-hmac", "esp-null-hmac"
    if (/^(esp|ah)-.*hmac$/.test(w)) {
      const hash = normalizeHash(w)
      if (hash === null) unknown = true
      integrity = hash ?? integrity
      continue
    }
    if (w.startsWith('esp-')) {
      const next = words[i + 1]
      const sizeWord = next && /^(128|192|256)$/.test(next) ? next : undefined
      const cipher = normalizeCipher(w, sizeWord)
      if (cipher === null) unknown = true
      encryption = cipher ?? encryption
      // key size after a cipher ("256"), AH words, "comp-lzs", ASA's "no compression"
    } else if (!/^(128|192|256|ah-.*|comp-lzs|no|compression)$/.test(w)) unknown = true
  }
  // an unknown or cut-off word ("esp-md5-hm") may be the missing half: do not claim "none" then
  if (unknown) return {encryption, integrity}
  if (encryption === null && (sawEsp || sawAh)) encryption = 'none'
  const aead = encryption !== null && encryption.endsWith('-gcm')
  if (integrity === null && !aead && (sawEsp || sawAh)) integrity = 'none'
  return {encryption, integrity}
}

/**
 * Crypto engine "Algorithm" column: "HMAC_SHA+3DES_56_C", "HMAC_MD5+DES_56_CB", "AES+SHA",
 * "SHA+3DES", "AES256+SHA256".
 */
export function normalizeEngineAlgorithm(text: string): AlgorithmPair {
  let encryption: string | null = null
  let integrity: string | null = null
  for (const part of text.split('+')) {
    const hash = normalizeHash(part)
    if (hash !== null && hash !== 'none') {
      integrity = hash
      continue
    }
    const cipher = normalizeCipher(part)
    if (cipher !== null) encryption = cipher
  }
  return {encryption, integrity}
}

/** IKE "Auth" column of `show crypto isakmp sa detail`: psk, rsig, renc, ... */
export function normalizeIkeAuth(word: string): string | null {
  const w = word.trim().toLowerCase()
  const table: Record<string, string> = {
    psk: 'pre-shared-keys',
    rsig: 'rsa-signatures',
    renc: 'rsa-encryption',
    ecdsa: 'ecdsa-signatures',
    'pre-share': 'pre-shared-keys',
    'rsa-sig': 'rsa-signatures',
  }
  return table[w] ?? (w.length > 0 ? w : null)
}

/** "DH group: none" / "group14" / "14" / "DH 2" -> group number or null. */
export function parseDhGroup(text: string): number | null {
  // "group14", "14", "Group 5"
  const m = /^(?:group\s*)?(\d+)$/i.exec(text.trim())
  return m ? Number(m[1]) : null
}
