/**
 * Junos (ES-PIC, legacy) `show ipsec certificates [detail|crl]`.
 *
 * Table form: "ID Serial Subject" rows under a "Database: Total entries ..." line. Detail form: one block
 * per certificate (Subject, ID/References/Serial, Flags, Validity period starts/ends, Alternative name
 * information, Issuer). The crl form has no reference sample: it is read as blocks that start with
 * "Issuer:" (or an "ID Issuer" table) with "Effective date"/"This update"/"Next update" lines.
 */
import type {Certificate} from '../../model/index.js'
import {LineAccount, toInt} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {parseJunosDate} from './dates.js'
import {head, putRaw, splitFields} from './fields.js'
import {IdRegistry} from '../ids.js'
import {cutShort, finishAccount, markPartial} from './finish.js'
import {newRaw, rawValue} from '../../model/raw.js'

// "Database: Total entries: 3 Active entries: 4 Locked entries: 1"
const DATABASE = /^\s*Database:\s*Total entries:/i
// "ID      Serial      Subject"
const CERT_TABLE_HEADER = /^\s*ID\s+Serial\s+Subject\s*$/i
// "ID      Issuer" (crl table)
const CRL_TABLE_HEADER = /^\s*ID\s+Issuer\s*$/i
// "5       22314868    C=us, O=x" (serial may be hex with colons)
const CERT_ROW = /^\s*(\d+)\s+([0-9A-Fa-f:]+)\s+(\S.*?)\s*$/
// "2       C=FI, O=Company-ABC, CN=Company ABC class 2"
const CRL_ROW = /^\s*(\d+)\s+(\S+=.*)$/
// "Subject: C=us, O=x" / "Issuer: C=FI, O=Company-ABC" (whole rest of the line is the DN)
const DN_LINE = /^\s*(Subject|Issuer):\s*(.*?)\s*$/i
// "Alternative name information:"
const ALT_HEADER = /^\s*Alternative name information:\s*$/i
// "  IP address: 10.20.210.1" / "  Email address: a@b" / "  DNS name: vpn.example.net" / "  URI: http://x"
const ALT_NAME = /^(IP address|Email address|DNS name|Domain name|FQDN|URI|Distinguished name):\s*(\S.*?)\s*$/i
// "Validity period starts: 2003 Mar 1st, 01:20:42 GMT" / "Next update: ..." (date values keep their comma)
const DATE_LINE = /^\s*(Validity period starts|Validity period ends|Effective date|This update|Last update|Next update):\s*(.*?)\s*$/i

interface Block {
  cert: Certificate
  first: number
  last: number
  inAltNames: boolean
  /** Built from lines a filter left without their "Subject:"/"Issuer:" line. */
  headless: boolean
  /** A one-line table row (never cut: the row is whole or not there). */
  row?: true
}

/** Lower-cased labels a block printed ("Serial #2" counts as "serial"). */
function labelsOf(c: Certificate): Set<string> {
  return new Set(c.raw.labels.map((k) => k.replace(/ #\d+$/, '').toLowerCase()))
}

/**
 * Whether the last block of an output was cut: it lacks a label the block before printed, or, alone,
 * what each form ends with (a certificate its "Issuer:" line, a CRL its next update and revoked count).
 */
function blockCut(c: Certificate, previous: Certificate | null): boolean {
  // "Revoked certificates: 2" is followed by one "Serial: ..., Revocation date: ..." line per certificate
  const revoked = Number(rawValue(c.raw, 'Revoked certificates'))
  if (revoked > 0 && c.raw.labels.filter((k) => /^Serial(?: #\d+)?$/.test(k)).length < revoked) return true
  return cutShort(labelsOf(c), previous && previous.role === c.role ? labelsOf(previous) : null, c.role === 'crl' ? ['next update', 'revoked certificates'] : ['issuer'])
}

function newCert(ctx: ParseContext, line: Line, role: Certificate['role']): Certificate {
  return {
    kind: 'certificate', id: '', source: sourceOf(ctx, line.n, line.n), raw: newRaw(),
    subject: null, issuer: null, serial: null, certId: null, role, status: null, flags: [], trusted: null,
    references: null, validFrom: null, validTo: null, renewDate: null, trustpoints: [], keySize: null,
    signatureAlgorithm: null, altNames: [], node: ctx.node,
  }
}

/** "Trusted Non-root Crl-issuer" / "Not trusted Root Non-crl-issuer" -> lower-cased flags. */
export function certificateFlags(text: string): string[] {
  // "Not trusted" is the only two-word flag
  return (text.match(/not\s+trusted|\S+/gi) ?? []).map((f) => f.toLowerCase())
}

function applyFlags(cert: Certificate, text: string): void {
  cert.flags = certificateFlags(text)
  if (cert.flags.includes('not trusted')) cert.trusted = false
  else if (cert.flags.includes('trusted')) cert.trusted = true
  if (cert.flags.includes('root')) cert.role = 'ca'
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  const crlMode = ctx.args.some((a) => a.toLowerCase() === 'crl')
  let block = null as Block | null
  let table: 'cert' | 'crl' | null = null
  let headless = 0
  const closed: Block[] = []

  const close = () => {
    if (!block) return
    const c = block.cert
    closed.push(block)
    const key = block.headless && c.certId === null
      ? `cert:filtered-${++headless}`
      : c.role === 'crl' ? `cert:crl:${c.certId ?? c.issuer ?? 'unknown'}` : `cert:${c.certId ?? 'unknown'}:${c.serial ?? 'unknown'}`
    c.id = ids.unique(key)
    c.source = sourceOf(ctx, block.first, block.last)
    acc.add(c)
    block = null
  }
  const open = (line: Line, role: Certificate['role'], isHeadless = false): Block => {
    close()
    block = {cert: newCert(ctx, line, role), first: line.n, last: line.n, inAltNames: false, headless: isHeadless}
    if (isHeadless) markPartial(block.cert)
    return block
  }
  const take = (b: Block, line: Line) => {
    acc.consume(line)
    b.last = line.n
  }

  for (const line of lines) {
    const text = line.text
    if (text.trim() === '') continue
    if (DATABASE.test(text) || CERT_TABLE_HEADER.test(text) || CRL_TABLE_HEADER.test(text)) {
      close()
      table = CERT_TABLE_HEADER.test(text) ? 'cert' : CRL_TABLE_HEADER.test(text) ? 'crl' : table
      acc.ignore(line)
      continue
    }
    const dn = DN_LINE.exec(text)
    if (dn) {
      table = null
      const isSubject = dn[1].toLowerCase() === 'subject'
      let b: Block | null = block
      if (isSubject) b = open(line, 'unknown')
      else if (!b || b.cert.issuer !== null || b.cert.role === 'crl') b = open(line, 'crl')
      if (isSubject) b.cert.subject = dn[2]
      else b.cert.issuer = dn[2]
      b.inAltNames = false
      putRaw(b.cert.raw, dn[1], dn[2], line)
      take(b, line)
      continue
    }
    if (table) {
      const row = table === 'cert' ? CERT_ROW.exec(text) : CRL_ROW.exec(text)
      if (row) {
        const b = open(line, table === 'crl' || crlMode ? 'crl' : 'unknown')
        b.row = true
        b.cert.certId = row[1]
        putRaw(b.cert.raw, 'ID', row[1], line)
        if (table === 'cert') {
          b.cert.serial = row[2]
          b.cert.subject = row[3]
          putRaw(b.cert.raw, 'Serial', row[2], line)
          putRaw(b.cert.raw, 'Subject', row[3], line)
        } else {
          const issuer = row[2].trimEnd()
          b.cert.issuer = issuer
          putRaw(b.cert.raw, 'Issuer', issuer, line)
        }
        take(b, line)
        close()
      }
      continue
    }
    // "Alternative name information:" a filter left alone: a section header without its values
    if (!block && ALT_HEADER.test(text)) {
      acc.ignore(line)
      continue
    }
    // a line a filter left without its "Subject:" line: a certificate of its own, and the next one
    // when one of its labels repeats
    const labels = lineLabels(text)
    if (labels.length > 0 && (!block || (block.headless && labels.some((l) => labelsOf(block!.cert).has(l))))) {
      open(line, crlMode ? 'crl' : 'unknown', true)
    }
    if (!block) continue
    const read = applyDetailLine(block, line, acc)
    if (read === 'header') acc.ignore(line)
    else if (read) take(block, line)
  }
  close()
  const last = closed.at(-1)
  if (last && !last.row && !last.cert.partial && blockCut(last.cert, closed.at(-2)?.cert ?? null)) markPartial(last.cert)
  return finishAccount(acc, ctx)
}

/** Detail labels of a line (lower-cased) that applyDetailLine reads; [] for anything else. */
function lineLabels(text: string): string[] {
  const date = DATE_LINE.exec(text)
  if (date) return [date[1].toLowerCase()]
  const alt = ALT_NAME.exec(text)
  if (alt) return [alt[1].toLowerCase()]
  return splitFields(text).map((f) => f.label.toLowerCase()).filter((k) => DETAIL_LABELS.has(k))
}

const DETAIL_LABELS = new Set(['id', 'references', 'serial', 'flags', 'revoked certificates', 'revocation date'])

/** One line inside a detail block: true when read, 'header' for a section header, false when not understood. */
function applyDetailLine(b: Block, line: Line, acc: LineAccount): boolean | 'header' {
  const c = b.cert
  const text = line.text
  if (ALT_HEADER.test(text)) {
    b.inAltNames = true
    return 'header'
  }
  // alternative names a filter left without their header are read as such too (no other line of a
  // certificate starts with these labels)
  const alt = ALT_NAME.exec(text)
  if (alt) {
    c.altNames.push(alt[2])
    putRaw(c.raw, alt[1], alt[2], line)
    return true
  }
  b.inAltNames = false
  const date = DATE_LINE.exec(text)
  if (date) {
    const label = date[1]
    putRaw(c.raw, label, date[2], line)
    const parsed = parseJunosDate(date[2])
    if (!parsed) acc.warn(`line ${line.n}: unrecognized date "${date[2]}"`)
    if (parsed?.assumedUtc) acc.warn(`line ${line.n}: time zone of "${date[2]}" unknown, read as UTC`)
    const iso = parsed?.iso ?? null
    // "Validity period starts" / "Effective date" / "This update" open the period; the others close it
    if (/starts|effective|this update|last update/i.test(label)) c.validFrom = iso
    else c.validTo = iso
    return true
  }
  const fields = splitFields(text)
  let known = 0
  for (const f of fields) {
    const key = f.label.toLowerCase()
    if (key === 'id') c.certId = f.value
    else if (key === 'references') c.references = toInt(f.value)
    else if (key === 'serial' && c.role !== 'crl') c.serial = f.value
    else if (key === 'flags') applyFlags(c, f.value)
    else if (key === 'revoked certificates' || key === 'revocation date' || key === 'serial') {
      // CRL detail (revoked serials and dates): kept in raw only
    } else continue
    known++
    putRaw(c.raw, f.label, f.value, line)
  }
  return known > 0
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines)) {
    if (DATABASE.test(l.text)) return 0.95
    if (CERT_TABLE_HEADER.test(l.text)) score = Math.max(score, 0.8)
    // "Validity period starts: 2003 Mar 1st, 01:20:42 GMT" / "Flags: Trusted Non-root Crl-issuer"
    else if (/^\s*(Validity period (starts|ends):|Flags:\s*(Not trusted|Trusted)\b)/i.test(l.text)) score = Math.max(score, 0.85)
  }
  return score
}

export const showIpsecCertificates: ParserSpec = {
  id: 'junos/show-ipsec-certificates',
  vendor: 'junos',
  command: 'show ipsec certificates',
  detect,
  parse,
}
