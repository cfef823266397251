/**
 * The body of a crypto map entry, shared by `show crypto map` and `show crypto dynamic-map`:
 * Peer =, access list and its lines, Current peer, lifetime, PFS/DH group, transform sets (names
 * or names with contents), dynamic map template tag, and further "label: value" lines.
 */
import type {CryptoMapEntry} from '../../model/index.js'
import {toInt} from '../../reading/numbers.js'
import type {Line, ParseContext} from '../types.js'
import {sourceOf} from '../types.js'
import {parseDhGroup} from './algorithms.js'
import {RawFields, markMasked} from './common.js'

// "Crypto Map "TUNNELMAP" 10 ipsec-isakmp" / "Crypto Map IPv4 "VPN" 10 ipsec-isakmp" / "Crypto Map Template"VPN-USER-MAP" 50"
export const ENTRY_HEADER = /^Crypto Map ?(Template)? ?(?:(IPv[46]) ?)?"([^"]+)" (\d+)(?: (\S+))?$/i

export interface EntryHeader {
  template: boolean
  family: string | null
  name: string
  seq: number
  type: string | null
}

export function parseEntryHeader(text: string): EntryHeader | null {
  const m = ENTRY_HEADER.exec(text)
  if (!m) return null
  return {template: m[1] !== undefined, family: m[2] ?? null, name: m[3], seq: Number(m[4]), type: m[5] ?? null}
}

// "TS-AES:  { esp-aes esp-sha-hmac  } ," (trimmed continuation of a multi-line transform list)
const TRANSFORM_CONTINUATION = /^[^\s:{}]+\s*(:\s*\{[^}]*\})?\s*,?$/
// "TS-AES:  { esp-aes esp-sha-hmac  } ," on its own (a filter dropped the "Transform sets={" above it)
const LONE_TRANSFORM = /^([^\s:{}]+) ?: ?\{([^}]*)\} ?,?$/
// "Transform sets={ TUNNEL-TRANSFORM, }" / "Transform sets={"
const TRANSFORM_SETS = /^Transform sets\s*=\s*(\{.*)$/
// "Extended IP access list 116" / "Extended IPv6 access list V6" / "IPv6 access list V6"
const ACCESS_LIST = /^((?:Extended|Standard)?\s*IP(?:v6)?\s+access list)\s+(\S+)$/i
// "access-list 116 permit gre host 172.22.1.3 host 172.22.1.4" / "permit ipv6 2001:DB8:1::/64 any sequence 10"
const ACL_ENTRY = /^(access-list\s+\S+\s+)?(permit|deny|dynamic|remark)\b/
// "Peer = 172.22.1.4"
const PEER = /^Peer\s*=\s*(\S+)$/
// "Current peer: 172.22.1.4"
const CURRENT_PEER = /^Current peer:\s*(\S+)$/
// "Security association lifetime: 4608000 kilobytes/3600 seconds"
const LIFETIME = /^Security association lifetime:\s*(\d+)\s*kilobytes\/(\d+)\s*seconds(.*)$/
// "PFS (Y/N): N"
const PFS = /^PFS \(Y\/N\):\s*([YN])$/

export interface EntryRecord {
  fact: CryptoMapEntry
  fields: RawFields
  /** Inside "Transform sets={" spanning several lines. */
  transformText: string | null
  transformLine: Line | null
  /** The multi-line transform list ended without its closing brace (truncated paste). */
  transformUnclosed: boolean
  /** The transform list as printed (lines joined by one space). */
  transformPrinted: string
  /** After an access list header: following permit/deny lines are its entries. */
  inAcl: boolean
  /** Print-order rank of the latest label (entries without their header: see startsAnotherEntry). */
  rank: number
}

export function newEntry(ctx: ParseContext, header: EntryHeader, line: Line, id: string): EntryRecord {
  const fields = new RawFields()
  const family = header.family ? `${header.family} ` : ''
  fields.set(header.template ? 'Crypto Map Template' : 'Crypto Map', `${family}"${header.name}" ${header.seq}${header.type ? ` ${header.type}` : ''}`, line)
  const fact: CryptoMapEntry = {
    kind: 'cryptoMapEntry', id, source: sourceOf(ctx, line.n, line.n), raw: fields.fields, map: header.name,
    seq: header.seq, type: header.type, isTemplate: header.template, dynamicTemplate: null, peers: [],
    accessList: null, aclEntries: [], currentPeer: null, lifetimeKb: null, lifetimeSec: null, pfs: null,
    dhGroup: null, transformSets: [], transforms: [], interfaces: [],
  }
  return {fact, fields, transformText: null, transformLine: null, transformPrinted: '', transformUnclosed: false, inAcl: false, rank: 0}
}

/**
 * An entry whose header the capture does not show (a filter or a cut removed it): map name and
 * sequence unknown (map "", seq 0), no raw field but the lines read. Always partial.
 */
export function newHeadlessEntry(ctx: ParseContext, template: boolean, line: Line, id: string): EntryRecord {
  const fields = new RawFields()
  const fact: CryptoMapEntry = {
    kind: 'cryptoMapEntry', id, source: sourceOf(ctx, line.n, line.n), raw: fields.fields, partial: true, map: '',
    seq: 0, type: null, isTemplate: template, dynamicTemplate: null, peers: [], accessList: null, aclEntries: [],
    currentPeer: null, lifetimeKb: null, lifetimeSec: null, pfs: null, dhGroup: null, transformSets: [], transforms: [],
    interfaces: [],
  }
  return {fact, fields, transformText: null, transformLine: null, transformPrinted: '', transformUnclosed: false, inAcl: false, rank: 0}
}

/** True when the line goes on with the entry's open multi-line transform list (or closes it). */
export function continuesTransforms(rec: EntryRecord, line: Line): boolean {
  if (rec.transformText === null) return false
  const t = line.text.trim()
  return t === '}' || TRANSFORM_CONTINUATION.test(t)
}

/** Ends an open multi-line transform list (the next line is not part of it). */
export function settleTransforms(rec: EntryRecord): void {
  if (rec.transformText !== null) finishTransforms(rec)
}

/** Reads "{ A, B, }" or "{ A:  { esp-aes esp-sha-hmac  } , B: { ... } , }" into set names and contents. */
export function parseTransformSets(text: string): {names: string[]; transforms: string[]} {
  let inner = text.replace(/^\s*\{/, '')
  // drop the list's own closing brace only when it is there (a truncated list lacks it)
  const opens = (inner.match(/\{/g) ?? []).length
  const closes = (inner.match(/\}/g) ?? []).length
  if (closes > opens) inner = inner.replace(/\}\s*,?\s*$/, '')
  const names: string[] = []
  const transforms: string[] = []
  // "TS-AES:  { esp-aes esp-sha-hmac  }" or "TUNNEL-TRANSFORM"
  const item = /([^\s,:{}]+)\s*(?::\s*\{([^}]*)\})?/g
  let m: RegExpExecArray | null
  while ((m = item.exec(inner)) !== null) {
    names.push(m[1])
    const body = m[2]?.trim()
    if (body) transforms.push(body.replace(/\s+/g, ' '))
  }
  return {names, transforms}
}

function finishTransforms(rec: EntryRecord): void {
  const text = rec.transformText ?? ''
  if ((text.match(/\{/g) ?? []).length > (text.match(/\}/g) ?? []).length) rec.transformUnclosed = true
  const read = parseTransformSets(text)
  rec.fact.transformSets = read.names
  rec.fact.transforms = read.transforms
  rec.fields.set('Transform sets', rec.transformPrinted, rec.transformLine!)
  rec.transformText = null
}

/** True when the line continues a multi-line transform list (or closes it). */
function continueTransforms(rec: EntryRecord, line: Line): boolean {
  if (rec.transformText === null) return false
  const t = line.text.trim()
  if (t === '}') {
    rec.transformText += ' }'
    rec.transformPrinted += ' }'
    finishTransforms(rec)
    return true
  }
  // "TS-AES:  { esp-aes esp-sha-hmac  } ,"
  if (TRANSFORM_CONTINUATION.test(t)) {
    rec.transformText += ` ${t}`
    rec.transformPrinted += ` ${t}`
    // the line's own value (a set and its contents), cited where it was printed
    rec.fields.set('transform set', t, line)
    return true
  }
  // the list ended without its closing brace (truncated paste)
  finishTransforms(rec)
  return false
}

/** Applies one body line; false when it does not belong to an entry body. `warn` reports a value not understood. */
export function applyEntryLine(rec: EntryRecord, line: Line, warn: (message: string) => void = () => {}): boolean {
  const f = rec.fact
  const text = line.text.trim()
  if (continueTransforms(rec, line)) return true
  let m: RegExpExecArray | null
  // "Transform sets={ TUNNEL-TRANSFORM, }" / "Transform sets={"
  if ((m = TRANSFORM_SETS.exec(text))) {
    rec.inAcl = false
    rec.transformText = m[1]
    rec.transformPrinted = m[1].trim()
    rec.transformLine = line
    const opens = (m[1].match(/\{/g) ?? []).length
    const closes = (m[1].match(/\}/g) ?? []).length
    if (closes >= opens) finishTransforms(rec)
    return true
  }
  // "Extended IP access list 116" / "Extended IPv6 access list V6" / "IPv6 access list V6"
  if ((m = ACCESS_LIST.exec(text))) {
    rec.fields.set(m[1].trim(), m[2], line)
    f.accessList = m[2]
    rec.inAcl = true
    return true
  }
  // "access-list 116 permit gre host 172.22.1.3 host 172.22.1.4" / "permit ipv6 2001:DB8:1::/64 any sequence 10"
  // (under its list header, or where a filter left it without one)
  if (ACL_ENTRY.test(text)) {
    rec.fields.set('access-list', text, line)
    f.aclEntries.push(text)
    return true
  }
  rec.inAcl = false
  // "No matching address list set."
  if (/^No matching address list set\.?$/i.test(text)) {
    rec.fields.set('No matching address list set', 'true', line)
    return true
  }
  // "Peer = 172.22.1.4"
  if ((m = PEER.exec(text))) {
    rec.fields.set('Peer', m[1], line)
    f.peers.push(m[1])
    return true
  }
  // "Current peer: 172.22.1.4"
  if ((m = CURRENT_PEER.exec(text))) {
    rec.fields.set('Current peer', m[1], line)
    f.currentPeer = m[1]
    return true
  }
  // "Security association lifetime: 4608000 kilobytes/3600 seconds"
  if ((m = LIFETIME.exec(text))) {
    rec.fields.set('Security association lifetime', `${m[1]} kilobytes/${m[2]} seconds${m[3]}`, line)
    f.lifetimeKb = toInt(m[1])
    f.lifetimeSec = toInt(m[2])
    return true
  }
  // "PFS (Y/N): N"
  if ((m = PFS.exec(text))) {
    rec.fields.set('PFS (Y/N)', m[1], line)
    f.pfs = m[1] === 'Y'
    return true
  }
  // "DH group:  group14"
  if ((m = /^DH group:\s*(\S+)$/.exec(text))) {
    rec.fields.set('DH group', m[1], line)
    f.dhGroup = parseDhGroup(m[1])
    if (f.dhGroup === null) warn(`line ${line.n}: DH group "${m[1]}" not understood`)
    return true
  }
  // "Dynamic map template tag: VPN-USER-MAP"
  if ((m = /^Dynamic map template tag:\s*(\S+)$/.exec(text))) {
    rec.fields.set('Dynamic map template tag', m[1], line)
    f.dynamicTemplate = m[1]
    return true
  }
  // "WARNING: This crypto map is in an incomplete state!"
  if (/^WARNING:\s*This crypto map is in an incomplete state!?$/i.test(text)) {
    rec.fields.set('WARNING', text.replace(/^WARNING:\s*/i, ''), line)
    return true
  }
  // "(missing peer or access-list definition)"
  if ((m = /^\((missing [^)]*)\)$/i.exec(text))) {
    rec.fields.set('missing', m[1], line)
    return true
  }
  // "Reverse Route Injection Enabled" / "QOS pre-classification"
  if ((m = /^(Reverse Route Injection|QOS pre-classification|Reverse Route Injection remote-peer)\s*(Enabled|Disabled)?$/i.exec(text))) {
    rec.fields.set(m[1], m[2] ?? 'Enabled', line)
    return true
  }
  // "TS-AES256: { esp-256-aes esp-sha256-hmac } ," without its "Transform sets={" (a filter left it)
  if ((m = LONE_TRANSFORM.exec(text))) {
    rec.fields.set('transform set', text, line)
    f.transformSets.push(m[1])
    const body = m[2].trim()
    if (body) f.transforms.push(body)
    return true
  }
  // "ISAKMP Profile: PROF" / "Responder-Only (Y/N): N" / "Mixed-mode : Disabled"
  if (text.includes(':') && (m = /^([A-Za-z][\w ()/.-]*?)\s*:\s*(\S.*)$/.exec(text))) {
    rec.fields.set(m[1], m[2].trim(), line)
    return true
  }
  return false
}

/**
 * Where each body label comes in an entry, in the order IOS prints them: a filter keeps the order,
 * so a label that goes back (or repeats, for those printed once) starts another entry.
 */
const BODY_ORDER: [RegExp, number][] = [
  // "Description: to SRX branch-b" (IOS-XE, under the header)
  [/^Description$/, 0.5],
  [/^Dynamic map template tag$/, 1], [/^Peer$/, 2],
  // "ISAKMP Profile: PROF" / "IKEv2 Profile: IKEV2-PROF"
  [/^(?:ISAKMP|IKEv2) Profile$/, 3],
  [/access list$|^No matching address list set$/i, 4], [/^access-list$/, 5], [/^Current peer$/, 6],
  // "Dualstack (Y/N): N" (IOS-XE, between the lifetime and Responder-Only)
  [/^Security association lifetime$/, 7], [/^Dualstack/, 7.5], [/^Responder-Only/, 8], [/^PFS/, 9], [/^DH group$/, 10],
  [/^Mixed-mode$/, 11], [/^WARNING$/, 12], [/^missing$/, 13], [/^Transform sets$/, 14], [/^transform set$/, 15],
  [/^Reverse Route Injection/, 16], [/^QOS pre-classification$/, 17],
]
/** Labels an entry prints on several lines in a row. */
const REPEATED = new Set(['Peer', 'access-list', 'transform set'])

/** The label the entry's latest raw field was read under ("Peer (2)" gives "Peer"). */
export function lastLabel(rec: EntryRecord): string | null {
  const keys = rec.fields.fields.labels
  return keys.length > 0 ? keys[keys.length - 1].replace(/ \(\d+\)$/, '') : null
}

/** Rank of a body label in BODY_ORDER; null for a label it does not list. */
function rankOf(label: string): number | null {
  for (const [re, rank] of BODY_ORDER) if (re.test(label)) return rank
  return null
}

/**
 * True for a label `show crypto map` prints in an entry body. A line read without its entry header
 * must carry one: any "Label: value" line is not an entry line (an author's note after the output,
 * "Their end: MX204 pe2 ...", is no entry).
 */
export function isEntryLabel(label: string): boolean {
  return rankOf(label) !== null
}

/**
 * True when a line read under `label` cannot follow the lines of `rec` in one entry: its label comes
 * before the latest one in print order, or repeats although IOS prints it once.
 */
export function startsAnotherEntry(rec: EntryRecord, label: string, lastRank: number): boolean {
  const rank = rankOf(label)
  if (rank === null) return rec.fields.has(label)
  return rank < lastRank || (rank === lastRank && !REPEATED.has(label)) || (rec.fields.has(label) && !REPEATED.has(label))
}

/** Rank of a label read into an entry (the latest rank when the label is not in BODY_ORDER). */
export function nextRank(label: string, lastRank: number): number {
  return rankOf(label) ?? lastRank
}

/** Closes a pending multi-line transform list at the end of the entry. */
export function closeEntry(rec: EntryRecord): void {
  if (rec.transformText !== null) finishTransforms(rec)
  markMasked(rec.fact, 'currentPeer', 'peers')
}

/** The entry shows its last mandatory line: a closed transform set list, or its dynamic map template. */
export function entryComplete(rec: EntryRecord): boolean {
  return rec.fact.dynamicTemplate !== null || (rec.fields.has('Transform sets') && !rec.transformUnclosed && rec.transformText === null)
}
