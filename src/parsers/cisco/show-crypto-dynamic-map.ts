/**
 * `show crypto dynamic-map [tag X]` (IOS): one cryptoMapEntry (isTemplate true) per
 * `Crypto Map Template"VPN-USER-MAP" 50` block (with or without a space before the quote).
 * Ids are "dynmap:<name>:<seq>" so a dynamic map and a static map of the same name never collide.
 */
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {scoreLines} from './common.js'
import {CryptoMapReader} from './show-crypto-map.js'

// "Crypto Map Template"VPN-USER-MAP" 50"
const TEMPLATE_HEADER = /^Crypto Map ?Template ?"[^"]+" \d+$/i

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const reader = new CryptoMapReader(lines, ctx, true)
  for (const line of lines) {
    // a static entry header does not belong here: leave it unparsed with a reason (and its body)
    if (/^Crypto Map\b/i.test(line.text) && !TEMPLATE_HEADER.test(line.text)) {
      reader.acc.reject(line, 'not a dynamic map template header')
      reader.endEntry()
      reader.foreign = true
      continue
    }
    reader.read(line)
  }
  return reader.finish()
}

export const showCryptoDynamicMap: ParserSpec = {
  id: 'cisco/show-crypto-dynamic-map',
  vendor: 'cisco',
  command: 'show crypto dynamic-map',
  detect: (input) => detectIn(input),
  parse,
}

/** How sure the parser is that headless text is its output. */
function detectIn(lines: Line[]): number {
  return (
    scoreLines(lines, [TEMPLATE_HEADER])
  )
}
