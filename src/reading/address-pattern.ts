/**
 * The address token of the log catalogues: a printed IPv4 or IPv6 address, or what an author put in
 * its place before publishing ("x.x.x.x", "X.X.X.X", "a.b.c.d", "203.0.113.X", "10.x.x.1",
 * "xxx.xxx.xxx.xxx", "<peer-ip>", "<PEER_IP>", "[REDACTED]", "{remote-gw}"). The mask shapes are those
 * of the address classifier (address.ts builds its anchored tests from the same pieces), so what a
 * log pattern takes as an address, addressKind calls "ipv4", "ipv6" or "masked".
 * Also the SPI token: "0x3C5F0A1B", or masked "0xXXXXXXXX", "XXXXXXXX", "<spi>".
 */

// one group of a dotted mask: digits, a run of x/X/* or #, or a single letter ("203", "xxx", "X", "a")
const MASK_GROUP = String.raw`(?:\d{1,3}|[xX*#]{1,3}|[a-zA-Z])`
/** Four dot-separated mask groups ("x.x.x.x", "203.0.113.X"); all digits is an address, not a mask. */
export const DOTTED_MASK = String.raw`(?:${MASK_GROUP}\.){3}${MASK_GROUP}`
/** "<peer-ip>", "<Customer IP>", "[REDACTED]", "{remote-gw}": a placeholder word an author wrote. */
export const PLACEHOLDER = String.raw`<[A-Za-z][\w .:-]{0,40}>|\[[A-Za-z][\w .:-]{0,40}\]|\{[A-Za-z][\w .:-]{0,40}\}`

const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`
// (loose: the pattern around it and node:net decide; "2001:db8::1", "fe80::1")
const IPV6 = String.raw`[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}`

/**
 * An address or a mask, not captured: "198.51.100.20", "2001:db8::1", "x.x.x.x", "<peer-ip>".
 * (An address first: "203.0.113.9" never stops at a mask's shorter reading.)
 */
export const ADDRESS_OR_MASK = `(?:${IPV4}|${DOTTED_MASK}|${IPV6}|${PLACEHOLDER})`

/** An SPI as printed or masked, not captured: "0x3C5F0A1B", "0xXXXXXXXX", "0x3C5FXXXX", "XXXXXXXX", "<spi>". */
export const SPI_OR_MASK = `(?:0x[0-9A-Fa-fxX*#]+|[xX*#]{4,}|${PLACEHOLDER})`

// regex-safety: built once from the fixed token sources above, no input text, no nested repetition
const MASKED_SPI = new RegExp(`^(?:${SPI_OR_MASK})$`)

/** True for an SPI an author masked ("0xXXXXXXXX", "<spi>"); false for a printed one ("0x3C5F0A1B"). */
export function isMaskedSpi(text: string): boolean {
  return MASKED_SPI.test(text) && !/^0x[0-9A-Fa-f]+$/.test(text)
}

/**
 * A RegExp written as a template whose `${ADDR}` / `${SPI}` places take the tokens above; backslashes
 * stay as written (String.raw):
 *   addressPattern`IKE message from (${ADDR}) failed its sanity check`
 */
export function addressPattern(strings: TemplateStringsArray, ...tokens: string[]): RegExp {
  // regex-safety: the templates are fixed source text and the tokens fixed patterns; test/regex-safety
  // checks every addressPattern`...` of src/ with its tokens in place
  return new RegExp(String.raw(strings, ...tokens))
}

export {ADDRESS_OR_MASK as ADDR, SPI_OR_MASK as SPI}
