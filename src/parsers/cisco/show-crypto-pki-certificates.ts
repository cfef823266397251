/**
 * `show crypto pki certificates [verbose]` (IOS): one certificate fact per
 * "Certificate" / "CA Certificate" / "Router Self-Signed Certificate" block.
 *
 * Sections (Issuer:, Subject:, Validity Date:, Subject Key Info:, X509v3 extensions: ...) hold the
 * lines below them until the next top-level label, so whitespace-collapsed pastes read the same.
 * Dates print as "17:02:11 UTC Mar 1 2025"; a zone other than UTC/GMT is kept as UTC with a warning.
 */
import type {Certificate} from '../../model/index.js'
import {toInt} from '../../reading/numbers.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {IdRegistry, RawFields, scoreLines} from './common.js'
import {parseCertDate} from './time.js'

// "Certificate" / "CA Certificate" / "Router Self-Signed Certificate" / "RA Signature Certificate"
const BLOCK_HEADER = /^((?:Router Self-Signed|CA|RA Signature|RA KeyE|RA General Purpose) )?Certificate$/i
// "  Status: Available" / "  Certificate Serial Number (hex): 1A2B3C" / "  Associated Trustpoints: TP1 TP2" /
// ASA "  Public Key Type: RSA (2048 bits)"
const TOP_LABELS = /^(Status|Certificate Serial Number(?: \(hex\))?|Certificate Usage|Key Usage|Associated Trustpoints?|Certificate Request Fingerprint (?:MD5|SHA1)|Storage|Signature Algorithm|Fingerprint MD5|Fingerprint SHA1|Key Label|Key Size|Public Key Type|Subject Name|Issuer Name|Version|Cert install time|Key storage device)$/i
// "  Issuer:" / "  Validity Date:" / "  X509v3 extensions:"
const SECTIONS = /^(Issuer|Subject|Validity Date|CRL Distribution Points|Subject Key Info|X509v3 extensions|Authority Info Access)$/i

interface CertRecord {
  fact: Certificate
  fields: RawFields
  section: string | null
  sectionLine: Line | null
  dn: {issuer: string[]; subject: string[]; names: {issuer: string | null; subject: string | null}}
  /** First line of the issuer/subject names, for the joined raw value. */
  dnLine: {issuer: number | null; subject: number | null}
  /** Labels printed after "Associated Trustpoints" (Storage, Key Label ...), null before it. */
  tail: string[] | null
  /** Labels read so far, for a block without its header line (filtered output): a repeat starts another. */
  headless: Set<string> | null
}

// "start date: ..." / "end   date: ..." / "renew date: ..." (lines of the Validity Date section)
const DATE_LABEL = /^(start|end|renew) +date$/i
// "http://ca.example.com/crl/ca.crl" (a line of the CRL Distribution Points section)
const URL = /^[a-z][a-z0-9+.-]*:\/\//i

/** The label a line of a block is read under, as a headerless block compares them; null for none. */
function labelKey(text: string): string | null {
  if (URL.test(text)) return 'crl distribution points'
  const kv = splitAtColon(text)
  return kv ? kv[1].toLowerCase().replace(/ +/g, ' ').replace(/^associated trustpoints$/, 'associated trustpoint') : null
}

function roleOf(header: string): Certificate['role'] {
  if (/^CA\b/i.test(header)) return 'ca'
  if (/^RA\b/i.test(header)) return 'unknown'
  return 'router'
}

/**
 * "start date: 17:02:11 UTC Mar 1 2025" -> [_, "start date", "17:02:11 UTC Mar 1 2025"], like a match
 * of /^([^:]+?)\s*:\s*(.*)$/ but split by hand (that lazy label backtracks polynomially on blanks).
 */
function splitAtColon(text: string): [string, string, string] | null {
  const i = text.indexOf(':')
  if (i <= 0) return null
  const label = text.slice(0, i).trimEnd()
  return [text, label === '' ? text.slice(0, 1) : label, text.slice(i + 1).trimStart()]
}

class PkiReader {
  readonly acc: LineAccount
  readonly certs: CertRecord[] = []
  cert: CertRecord | null = null

  constructor(lines: Line[], private readonly ctx: ParseContext) {
    this.acc = new LineAccount(lines)
  }

  start(header: string | null, line: Line): void {
    const fields = new RawFields()
    if (header !== null) fields.set('Certificate', header.trim(), line)
    const fact: Certificate = {
      kind: 'certificate', id: '', source: sourceOf(this.ctx, line.n, line.n), raw: fields.fields, subject: null,
      issuer: null, serial: null, certId: null, role: header === null ? 'unknown' : roleOf(header.trim()), status: null, flags: [], trusted: null,
      references: null, validFrom: null, validTo: null, renewDate: null, trustpoints: [], keySize: null,
      signatureAlgorithm: null, altNames: [], node: this.ctx.node,
    }
    this.cert = {fact, fields, section: null, sectionLine: null, dn: {issuer: [], subject: [], names: {issuer: null, subject: null}}, dnLine: {issuer: null, subject: null}, tail: null,
      headless: header === null ? new Set() : null}
    this.certs.push(this.cert)
  }

  date(rec: CertRecord, label: string, value: string, line: Line): void {
    const t = parseCertDate(value)
    if (!t) {
      this.acc.warn(`line ${line.n}: ${label} "${value}" is not a date in the "17:02:11 UTC Mar 1 2025" form`)
      return
    }
    if (!t.zoneKnown) this.acc.warn(`line ${line.n}: ${label} is in ${t.zone}, not UTC/GMT; the time was kept as UTC`)
    if (label === 'start date') rec.fact.validFrom = t.iso
    else if (label === 'end date') rec.fact.validTo = t.iso
    else if (label === 'renew date') rec.fact.renewDate = t.iso
  }

  topLevel(rec: CertRecord, label: string, value: string, line: Line): void {
    const f = rec.fact
    rec.fields.set(label, value, line)
    rec.tail?.push(label.toLowerCase())
    if (/^Associated Trustpoints?$/i.test(label)) rec.tail = []
    if (/^Status$/i.test(label)) f.status = value
    else if (/^Certificate Serial Number/i.test(label)) f.serial = value
    else if (/^Associated Trustpoints?$/i.test(label)) f.trustpoints = value.split(/\s+/).filter((x) => x !== '')
    else if (/^Signature Algorithm$/i.test(label)) f.signatureAlgorithm = value
    else if (/^Key Size$/i.test(label)) f.keySize = toInt(value.replace(/\s*bits?$/i, ''))
    // ASA "Public Key Type: RSA (2048 bits)"
    else if (/^Public Key Type$/i.test(label)) f.keySize = toInt(/\((\d+) bits?\)/i.exec(value)?.[1] ?? '') ?? f.keySize
  }

  /** A line under a section label (Issuer:, Validity Date: ...). */
  inSection(rec: CertRecord, text: string, line: Line): void {
    const section = rec.section!
    // "cn=ca.example.com" / "hostname=R1" / "serialNumber=FTX1234+hostname=R1"
    const attr = /^([A-Za-z][\w.-]*)\s*=\s*(.*)$/.exec(text)
    // "start date: 17:02:11 UTC Mar 1 2025" / "end   date: ..." / "Name: R1" / "RSA Public Key: (2048 bit)"
    const kv = splitAtColon(text)
    if (/^Validity Date$/i.test(section) && kv) {
      const label = kv[1].replace(/\s+/g, ' ')
      rec.fields.set(label, kv[2], line)
      this.date(rec, label, kv[2], line)
      return
    }
    // "http://ca.example.com/crl/ca.crl" under CRL Distribution Points (or under a name whose
    // section the URL's label was filtered away from): keep the URL whole
    if (URL.test(text)) {
      rec.fields.set(/^(Issuer|Subject)$/i.test(section) ? 'CRL Distribution Points' : section, text, line)
      return
    }
    if (/^(Issuer|Subject)$/i.test(section)) {
      const which = /^Issuer$/i.test(section) ? 'issuer' : 'subject'
      rec.dnLine[which] ??= line.n
      if (attr) {
        rec.dn[which].push(text.replace(/\s*=\s*/, '='))
        rec.fields.set(`${section} ${attr[1]}`, attr[2], line)
      } else if (kv) {
        rec.fields.set(`${section} ${kv[1]}`, kv[2], line)
        if (/^Name$/i.test(kv[1])) rec.dn.names[which] = kv[2]
      } else rec.fields.set(section, text, line)
      return
    }
    if (kv && /Public Key$/i.test(kv[1])) {
      // "RSA Public Key: (2048 bit)"
      const bits = /\((\d+)\s*bits?\)/i.exec(kv[2])
      if (bits) rec.fact.keySize = Number(bits[1])
    }
    if (kv && kv[2] !== '') rec.fields.set(`${section} ${kv[1]}`, kv[2], line)
    else rec.fields.set(section, text, line)
  }

  read(line: Line): void {
    const text = line.text.trim()
    if (text === '') return this.acc.ignore(line)
    const header = BLOCK_HEADER.exec(line.text)
    if (header) {
      this.start(line.text, line)
      return this.acc.consume(line)
    }
    const rec = this.cert === null || this.cert.headless ? this.headlessFor(text, line) : this.cert
    if (!rec) return this.acc.reject(line, 'line outside any certificate block')
    rec.fact.source.endLine = line.n
    // "Status: Available" / "Issuer:"
    const kv = splitAtColon(text)
    // ASA "Subject Name:" / "Issuer Name:" with the DN on the lines below: the Subject / Issuer section
    const asaDn = kv && kv[2] === '' ? /^(Issuer|Subject) Name$/i.exec(kv[1]) : null
    if (kv && (asaDn || (SECTIONS.test(kv[1]) && kv[2] === ''))) {
      if (asaDn) rec.fields.set(kv[1], '', line)
      rec.section = asaDn ? asaDn[1] : kv[1]
      rec.sectionLine = line
      return this.acc.consume(line)
    }
    if (kv && TOP_LABELS.test(kv[1])) {
      rec.section = null
      this.topLevel(rec, kv[1], kv[2], line)
      return this.acc.consume(line)
    }
    // a date or a URL whose section label a filter (or the author) left out
    // "end   date: ..." right below the subject's "cn=..." (`| include` dropped "Validity Date:")
    if (kv && DATE_LABEL.test(kv[1])) rec.section = 'Validity Date'
    else if (!rec.section && URL.test(text)) rec.section = 'CRL Distribution Points'
    if (rec.section) {
      this.inSection(rec, text, line)
      return this.acc.consume(line)
    }
    if (kv && kv[2] !== '') {
      rec.fields.set(kv[1], kv[2], line)
      rec.tail?.push(kv[1].toLowerCase())
      return this.acc.consume(line)
    }
    this.acc.reject(line, 'unknown line in a certificate block')
  }

  /**
   * The block a line without a "Certificate" header above it belongs to (output filtered through
   * `| include`, or cut at the top): the headerless block being read, or a new one when its label
   * was read there already. Null for a line with no label, outside any block.
   */
  headlessFor(text: string, line: Line): CertRecord | null {
    const key = labelKey(text)
    const cur = this.cert
    if (cur && (key === null || !cur.headless!.has(key))) {
      if (key !== null) cur.headless!.add(key)
      return cur
    }
    if (key === null) return null
    this.start(null, line)
    this.cert!.headless!.add(key)
    return this.cert
  }

  /**
   * A block the capture shows only in part: no "Associated Trustpoints" line, or, for the last block,
   * fewer of the lines the other blocks print after it ("Storage:", "Key Label:").
   */
  partial(rec: CertRecord): boolean {
    if (rec.tail === null || rec.headless) return true
    if (rec !== this.certs[this.certs.length - 1]) return false
    const tail = rec.tail
    return this.certs.slice(0, -1).some((other) => (other.tail ?? []).some((label) => !tail.includes(label)))
  }

  finish(): ParseResult {
    const ids = new IdRegistry()
    for (const rec of this.certs) {
      const f = rec.fact
      f.issuer = rec.dn.issuer.length > 0 ? rec.dn.issuer.join(', ') : rec.dn.names.issuer
      f.subject = rec.dn.subject.length > 0 ? rec.dn.subject.join(', ') : rec.dn.names.subject
      if (f.issuer !== null) rec.fields.set('Issuer', f.issuer, rec.dnLine.issuer ?? f.source.startLine)
      if (f.subject !== null) rec.fields.set('Subject', f.subject, rec.dnLine.subject ?? f.source.startLine)
      // without a serial number, the role and the order of the block ("cert:router", "cert:router#2")
      f.id = ids.unique(`cert:${f.serial ?? (rec.headless ? 'filtered' : f.role)}`)
      if (this.partial(rec)) f.partial = true
      // a pending enrollment request has no validity yet; any other block without an end date was cut
      if (f.validTo === null && !rec.headless && !/^pending/i.test(f.status ?? '')) {
        this.acc.warn(`${f.id} (line ${f.source.startLine}) has no end date (truncated block?)`)
      }
      this.acc.add(f)
    }
    return this.acc.finish()
  }
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const reader = new PkiReader(lines, ctx)
  for (const line of lines) reader.read(line)
  return reader.finish()
}

export const showCryptoPkiCertificates: ParserSpec = {
  id: 'cisco/show-crypto-pki-certificates',
  vendor: 'cisco',
  command: 'show crypto pki certificates',
  aliases: ['show crypto ca certificates'],
  detect: (input) => detectIn(input),
  parse,
}

/** How sure the parser is that headless text is its output. */
function detectIn(lines: Line[]): number {
  return (
    // "Certificate Serial Number (hex): 1A", "Associated Trustpoints: TP", "Validity Date:", "end   date: ..."
    scoreLines(lines, [/^Certificate Serial Number/, /^Associated Trustpoints:/], [
      BLOCK_HEADER, /^Validity Date:$/, /^(start|end) date:/,
    ])
  )
}
