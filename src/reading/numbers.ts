/**
 * Numbers as devices print them: decimal counters (with or without thousands separators) and SPIs in
 * every vendor form. Lines reach parsers canonical (src/reading/paste.ts), so no blank handling here
 * beyond trimming a value cut out of a line.
 */

/** True for a non-empty run of ASCII digits (what /^\d+$/ accepts); false for undefined. */
export function isDigits(text: string | undefined): boolean {
  return text !== undefined && /^\d+$/.test(text)
}

/** Parses a decimal integer, tolerating thousands separators; null when absent or not a number. */
export function toInt(text: string | undefined | null): number | null {
  if (text === undefined || text === null) return null
  // "4,608,000", "4608000", "-1"
  const t = (text.includes(',') ? text.replace(/,/g, '') : text).trim()
  if (!/^-?\d+$/.test(t)) return null
  const v = Number(t)
  return Number.isSafeInteger(v) ? v : null
}

/** SPI text in any vendor form (0xEB99FB6C, EB99FB6C, 0xEB99FB6C(3952737132), 3952737132) to unsigned int. */
export function toSpi(text: string, hexByDefault: boolean): number | null {
  const t = text.trim()
  // "0x5A48ACC4(1514712260)"; where a hand edit left the two forms disagreeing, the hex, which every
  // other output prints and people compare, is taken
  const paren = /^0x([0-9a-f]{1,8}) ?\((\d+)\)$/i.exec(t)
  if (paren) return Number.parseInt(paren[1], 16) >>> 0
  // "0xEB99FB6C"
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return Number.parseInt(t.slice(2), 16) >>> 0
  // "EB99FB6C" where the output prints SPIs in hex
  if (hexByDefault && /^[0-9a-f]{1,8}$/i.test(t)) return Number.parseInt(t, 16) >>> 0
  // "3952737132"
  if (/^\d+$/.test(t)) {
    const v = Number(t)
    return v <= 0xffffffff ? v : null
  }
  return null
}
