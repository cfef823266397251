/** Cipher and transform-set words of a Cisco configuration to the normalized algorithm names (config/normalize.ts). */
import {encryptionOf, integrityOf} from '../../config/normalize.js'

/** "aes 256" / "aes-256" / "3des" word lists to normalized ciphers ("encr aes 256" gives ["aes-256"]). */
export function ciphers(words: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1]
    if (next && /^(128|192|256)$/.test(next)) {
      out.push(encryptionOf(words[i], next))
      i++
    } else out.push(encryptionOf(words[i]))
  }
  return out
}

/** Transform words of a transform set: "esp-aes 256 esp-sha-hmac" -> encryption/integrity/protocol. */
export function transformsOf(words: string[]): {encryption: string[]; integrity: string[]; protocol: string | null} {
  const encryption: string[] = []
  const integrity: string[] = []
  let protocol: string | null = null
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toLowerCase()
    if (w.startsWith('ah-')) protocol = 'ah'
    else if (w.startsWith('esp-') && protocol === null) protocol = 'esp'
    if (/hmac$|^esp-none$/.test(w)) integrity.push(integrityOf(w))
    else if (/^esp-/.test(w)) {
      const bits = words[i + 1] && /^(128|192|256)$/.test(words[i + 1]) ? words[++i] : null
      encryption.push(encryptionOf(w, bits))
    } else if (w === 'comp-lzs') continue
  }
  return {encryption, integrity, protocol}
}

