/**
 * `show access-lists [name]` / `show ip access-lists [name]` (IOS, IOS-XE): one accessList per
 * "Extended IP access list NAME" / "Standard IP access list N" header, with its numbered entries
 * ("10 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255 (15 matches)").
 */
import type {AccessList} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {sourceOf} from '../../types.js'
import {scoreLines} from '../common.js'
import {aclEntry} from './acl.js'
import {rawFromFields, rawSet} from '../../../model/raw.js'

// "Extended IP access list VPN-ACL", "Standard IP access list 1", "IPv6 access list V6"
const HEADER = /^(Extended|Standard|Reflexive) IP access list (\S+)$|^IPv6 access list (\S+)/
// "10 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255 (15 matches)", "remark VPN"
const ENTRY = /^(?:\d+ )?(?:permit|deny|remark|dynamic) /

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  let acl: AccessList | null = null
  for (const line of lines) {
    const text = line.text
    if (text === '') {
      acc.ignore(line)
      continue
    }
    const h = HEADER.exec(text)
    if (h) {
      const name = h[2] ?? h[3]
      acl = {kind: 'accessList', id: `acl:${name}`, source: sourceOf(ctx, line.n, line.n), raw: rawFromFields({'access list': {value: name, line: line.n}}), name, aclType: (h[1] ?? 'ipv6').toLowerCase(), entries: []}
      acc.add(acl)
      acc.consume(line)
      continue
    }
    if (acl && ENTRY.test(text)) {
      acl.source.endLine = line.n
      if (/^(?:\d+ )?remark /.test(text)) {
        acc.ignore(line)
        continue
      }
      const e = aclEntry(text.split(' '), line.n, text, false, acl.aclType === 'standard')
      if (e) {
        acl.entries.push(e)
        rawSet(acl.raw, `entry ${acl.entries.length}`, text, line.n)
        acc.consume(line)
      } else acc.reject(line, 'access-list entry not understood')
      continue
    }
    acc.reject(line, acl ? 'unknown line in an access list' : 'line before any access list header')
  }
  // nothing closes an access list: the last one may have been cut after any entry
  if (acl) acl.partial = true
  return acc.finish()
}

export const showAccessLists: ParserSpec = {
  id: 'cisco/show-access-lists',
  vendor: 'cisco',
  command: 'show access-lists',
  aliases: ['show ip access-lists', 'show ipv6 access-list'],
  aliasesAreViews: true,
  detect: (lines) => scoreLines(lines, [HEADER]),
  parse,
}
