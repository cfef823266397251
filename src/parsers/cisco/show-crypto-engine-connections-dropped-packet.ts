/**
 * `show crypto engine connections dropped-packet` (IOS): one droppedPackets fact per interface row,
 * with the section header ("Packets dropped because of connection not established:") as reason.
 */
import type {DroppedPackets} from '../../model/index.js'
import {isAddressLike} from '../../reading/address.js'
import {toInt} from '../../reading/numbers.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {IdRegistry, markMasked, RawFields, scoreLines} from './common.js'

// "Packets dropped because of connection not established:" (also without its colon, as pastes lose it)
const SECTION = /^Packets dropped because (?:of )?(.+?) ?:?$/i
// "Interface IP-Address Drop Count"
const HEADER = /^Interface IP-Address Drop Count$/i

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  let section: {reason: string; line: Line} | null = null
  for (const line of lines) {
    const text = line.text
    if (text === '' || HEADER.test(text)) {
      acc.ignore(line)
      continue
    }
    const s = SECTION.exec(text)
    if (s) {
      section = {reason: s[1], line}
      acc.consume(line)
      continue
    }
    // "FastEthernet0/1 172.22.1.3 5" (the address may be missing on unnumbered interfaces)
    const t = text.split(' ')
    const count = t[t.length - 1]
    const ok = (t.length === 3 && isAddressLike(t[1])) || t.length === 2
    // count "5", interface name starting with a letter ("FastEthernet0/1")
    if (!ok || !/^\d+$/.test(count) || !/^[A-Za-z]/.test(t[0])) {
      acc.reject(line, 'not a dropped-packet row')
      continue
    }
    const f = new RawFields()
    if (section) f.set('Packets dropped because of', section.reason, section.line)
    f.set('Interface', t[0], line)
    if (t.length === 3) f.set('IP-Address', t[1], line)
    f.set('Drop Count', count, line)
    const reason = section?.reason ?? 'unknown'
    if (!section) acc.warn(`line ${line.n}: drop row without a "Packets dropped because ..." header; reason unknown`)
    const fact: DroppedPackets = {
      kind: 'droppedPackets', id: ids.unique(`drop:${t[0]}:${slug(reason)}`), source: sourceOf(ctx, line.n, line.n),
      raw: f.fields, interface: t[0], ipAddress: t.length === 3 ? t[1] : null, dropCount: toInt(count) ?? 0, reason,
    }
    markMasked(fact, 'ipAddress')
    acc.add(fact)
    acc.consume(line)
  }
  return acc.finish()
}

export const showCryptoEngineConnectionsDroppedPacket: ParserSpec = {
  id: 'cisco/show-crypto-engine-connections-dropped-packet',
  vendor: 'cisco',
  command: 'show crypto engine connections dropped-packet',
  detect: (input) => detectIn(input),
  parse,
}

/** How sure the parser is that headless text is its output. */
function detectIn(lines: Line[]): number {
  return (
    scoreLines(lines, [SECTION], [HEADER])
  )
}
