/**
 * `show access-lists [name]` / `show ip access-lists [name]` (IOS, IOS-XE): one accessList per
 * "Extended IP access list NAME" / "Standard IP access list N" header, with its numbered entries
 * ("10 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255 (15 matches)").
 * ASA `show access-list [name]`: one accessList per "access-list NAME; N elements; name hash: 0x..."
 * header, entries "access-list NAME line N extended permit ... (hitcnt=0) 0x8a3f1c22"; the expansion
 * of an object(-group) entry repeats its line number (indented by the ASA) and replaces it.
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
// ASA: "access-list ACL-BRANCH; 1 elements; name hash: 0x5e1a2b3c"
const ASA_HEADER = /^access-list (\S+); (\d+) elements?(?:; name hash: 0x[0-9a-fA-F]+)?$/
// ASA: "access-list ACL-BRANCH line 1 extended permit ip 10.20.0.0 255.255.0.0 10.1.1.0 255.255.255.0 (hitcnt=0) 0x8a3f1c22"
const ASA_ENTRY = /^access-list (\S+) line (\d+) (extended|standard|remark|webtype|ethertype) ?(.*)$/
// ASA: "access-list cached ACL log flows: total 0, denied 0 (deny-flow-max 4096)" and its "alert-interval 300"
const ASA_CACHE = /^access-list cached ACL log flows: .*$|^alert-interval \d+$/
// ASA entry tail: " (hitcnt=0) 0x8a3f1c22", " (hitcnt=12) (inactive) 0x1a2b3c4d"
const ASA_TAIL = /\s*\(hitcnt=\d+\).*$/

function newAcl(name: string, aclType: string, line: Line, ctx: ParseContext): AccessList {
  return {kind: 'accessList', id: `acl:${name}`, source: sourceOf(ctx, line.n, line.n), raw: rawFromFields({'access list': {value: name, line: line.n}}), name, aclType, entries: []}
}

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
      acl = newAcl(name, (h[1] ?? 'ipv6').toLowerCase(), line, ctx)
      acc.add(acl)
      acc.consume(line)
      continue
    }
    if (ASA_CACHE.test(text)) {
      acc.ignore(line)
      continue
    }
    const ah = ASA_HEADER.exec(text)
    if (ah) {
      acl = newAcl(ah[1], 'extended', line, ctx)
      acc.add(acl)
      acc.consume(line)
      continue
    }
    const ae = ASA_ENTRY.exec(text)
    if (ae) {
      // a filtered paste ("| i line") may show entries without their header
      if (!acl || acl.name !== ae[1]) {
        acl = newAcl(ae[1], ae[3] === 'standard' ? 'standard' : 'extended', line, ctx)
        acc.add(acl)
      }
      acl.source.endLine = line.n
      if (ae[3] === 'remark') {
        acc.ignore(line)
        continue
      }
      const e = aclEntry([ae[2], ...ae[4].replace(ASA_TAIL, '').split(' ')], line.n, text, true, ae[3] === 'standard')
      if (!e) {
        acc.reject(line, 'access-list entry not understood')
        continue
      }
      const last = acl.entries[acl.entries.length - 1]
      // "access-list X line 2 extended permit ip object-group LOCAL object-group REMOTE (hitcnt=0) 0x..",
      // then "  access-list X line 2 extended permit ip 10.1.1.0 255.255.255.0 10.2.2.0 ... 0x..": the expansion
      if (last && last.seq === e.seq && /\bobject(?:-group)? /.test(last.text)) acl.entries.pop()
      acl.entries.push(e)
      rawSet(acl.raw, `entry ${acl.entries.length}`, text, line.n)
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
  detect: (lines) => scoreLines(lines, [HEADER, ASA_HEADER, ASA_ENTRY]),
  parse,
}
