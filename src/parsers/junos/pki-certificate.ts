/**
 * SRX `show security pki local-certificate [detail]` and `show security pki ca-certificate [detail]`:
 * one certificate fact per "Certificate identifier:" block, with subject/issuer (from "Issued to/by",
 * the "Subject string:" or the Issuer/Subject sections), serial, validity (ISO 8601), key size,
 * signature algorithm, alternate subjects and key usage.
 */
import type {Certificate} from '../../model/index.js'
import {LineAccount} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult} from '../types.js'
import {parseJunosDate} from './dates.js'
import {putRaw, splitFields} from './fields.js'
import {cutShort, finishAccount} from './finish.js'
import {extend, nodePrefix} from './srx-common.js'
import {newRaw, rawGet, rawHas, rawSet} from '../../model/raw.js'

type Section = 'none' | 'serial' | 'issuer' | 'subject' | 'subject string' | 'validity' | 'public key' | 'crl' | 'fingerprint' | 'auto-re-enrollment' | 'alternate subject' | 'other'

function newCert(ctx: ParseContext, role: 'local' | 'ca', certId: string, line: number): Certificate {
  return {
    kind: 'certificate', id: `cert:${nodePrefix(ctx)}${role}:${certId}`, source: sourceOf(ctx, line, line), raw: newRaw(),
    subject: null, issuer: null, serial: null, certId, role, status: null, flags: [], trusted: null, references: null,
    validFrom: null, validTo: null, renewDate: null, trustpoints: [], keySize: null, signatureAlgorithm: null, altNames: [],
    node: ctx.node,
  }
}

function sectionOf(label: string): Section {
  const l = label.toLowerCase()
  if (l === 'serial number') return 'serial'
  if (l === 'issuer') return 'issuer'
  if (l === 'subject') return 'subject'
  if (l === 'subject string') return 'subject string'
  if (l === 'validity') return 'validity'
  if (l === 'distribution crl') return 'crl'
  if (l === 'fingerprint') return 'fingerprint'
  if (l === 'auto-re-enrollment') return 'auto-re-enrollment'
  if (l === 'alternate subject') return 'alternate subject'
  return 'other'
}

function isoOf(text: string): string | null {
  return parseJunosDate(text)?.iso ?? null
}

/** Applies one "Label: value" of a certificate block. */
function applyPair(cert: Certificate, section: Section, key: string, value: string, line: Line): void {
  const k = key.toLowerCase()
  rawSet(cert.raw, section === 'none' || section === 'other' || section === 'validity' ? key : `${section}/${key}`, value, line)
  if (k === 'issued to') cert.subject = value
  else if (k === 'issued by') cert.issuer = value
  else if (k === 'not before') cert.validFrom = isoOf(value)
  else if (k === 'not after') cert.validTo = isoOf(value)
  // "hexadecimal: 0x4AC1C0D2000000001E3F"; alternate subjects: '"srx-hq@example.net", srx-hq.example.net, 192.0.2.1'
  else if (k === 'hexadecimal' || k === 'serial number') cert.serial = value.replace(/^0x/i, '').toLowerCase() || cert.serial
  else if (k === 'public key algorithm') {
    // "rsaEncryption(2048 bits)" / "ecdsaEncryption(256 bits)"
    const bits = /\((\d+) bits\)/.exec(value)
    cert.keySize = bits ? Number(bits[1]) : null
  } else if (k === 'signature algorithm') cert.signatureAlgorithm = value
  else if (k === 'alternate subject' && value !== '') cert.altNames.push(...value.split(/,\s*/).map((v) => v.replace(/^"|"$/g, '')).filter(Boolean))
  else if (section === 'alternate subject') cert.altNames.push(value)
  else if (k === 'use for key') cert.flags = value.split(/,\s*/).map((f) => f.trim().toLowerCase()).filter(Boolean)
  else if (k === 'certificate status' || (section === 'none' && k === 'status')) cert.status = value
  else if (section === 'auto-re-enrollment' && k === 'next trigger time') cert.renewDate = isoOf(value)
  else if (k === 'ca profile') cert.trustpoints.push(value)
}

/** Labels that belong to a section; any other label ends it ("Validity:" holds "Not before", "Not after"). */
const SECTION_LABELS: Partial<Record<Section, Set<string>>> = {
  serial: new Set(['hexadecimal', 'decimal']),
  issuer: new Set(['common name', 'organization', 'organizational unit', 'country', 'state', 'locality', 'domain component', 'email', 'serial number']),
  validity: new Set(['not before', 'not after']),
  'auto-re-enrollment': new Set(['status', 'next trigger time', 're-enroll trigger time', 'ca profile']),
  'alternate subject': new Set(['email', 'fqdn', 'domain name', 'ip address', 'ipv4 address', 'ipv6 address']),
}
SECTION_LABELS.subject = SECTION_LABELS.issuer

/**
 * Whether the last certificate of an output was cut: it lacks a label the one before printed, or,
 * alone, the line each layout ends with (brief: "Public key algorithm" and, for local certificates,
 * "Keypair Location"; detail: "Use for key" for CAs, the auto-re-enrollment trigger for local ones).
 */
function certCut(cert: Certificate, previous: Certificate | null, role: 'local' | 'ca'): boolean {
  const keys = (c: Certificate) => new Set(c.raw.labels.map((k) => k.toLowerCase()))
  const detail = rawHas(cert.raw, 'certificate version') || rawHas(cert.raw, 'Certificate version')
  const base = detail ? [role === 'ca' ? 'use for key' : 'auto-re-enrollment/next trigger time'] : ['public key algorithm', ...(role === 'local' ? ['keypair location'] : [])]
  return cutShort(keys(cert), previous ? keys(previous) : null, base)
}

// "30:82:01:0a:02:82:01:01:00:c4:..." (public key bytes) / "ab:cd:... (sha1)" (fingerprint)
const HEX_LINE = /^(?:[0-9a-f]{2}:)+[0-9a-f]{2}(?: ?\((\w+)\))?$/i
// "http://pki.example.net/crl/issuing-ca.crl" (under "Distribution CRL:")
const URL_LINE = /^(?:https?|ldap|file):\/\/\S+$/i

/** Parses either command; `role` is "local" for local-certificate and "ca" for ca-certificate. */
export function parsePkiCertificates(lines: Line[], ctx: ParseContext, role: 'local' | 'ca'): ParseResult {
  const acct = new LineAccount(lines)
  const certs: Certificate[] = []
  let cert: Certificate | null = null
  let section: Section = 'none'
  let profile: {value: string; line: Line} | null = null
  let headless = 0
  const finish = () => {
    if (cert) certs.push(cert)
    cert = null
  }
  const attachProfile = (c: Certificate) => {
    if (!profile) return
    c.trustpoints.push(profile.value)
    rawSet(c.raw, 'CA profile', profile.value, profile.line)
    extend(c, profile.line)
    profile = null
  }
  /** A certificate for lines a filter left without their "Certificate identifier:" line. */
  const openHeadless = (line: Line): Certificate => {
    finish()
    const c = newCert(ctx, role, '', line.n)
    c.id = `cert:${nodePrefix(ctx)}${role}:filtered-${++headless}`
    c.certId = null
    c.partial = true
    attachProfile(c)
    section = 'none'
    cert = c
    return c
  }
  const isHeadless = (c: Certificate | null) => c !== null && c.certId === null
  for (const line of lines) {
    const text = line.text
    if (text === '' || /^(?:node\d+:|-{5,}|\{[\w:-]+\})$/.test(text)) {
      acct.ignore(line)
      continue
    }
    // "CA profile: Root-CA" (ca-certificate prints the profile before its certificate)
    const prof = /^CA profile: (\S+)$/.exec(text)
    if (prof && (!cert || (cert as Certificate).validTo !== null || (isHeadless(cert) && section !== 'auto-re-enrollment'))) {
      finish()
      // a profile a filter left without its certificate: a certificate of that profile
      if (profile) openHeadless(profile.line)
      finish()
      profile = {value: prof[1], line}
      acct.consume(line)
      continue
    }
    // "Certificate identifier: srx-local-2026" / "LSYS: root Certificate identifier: ..." /
    // "Local certificate identifier: srx1-cert" (as authors and some releases write it)
    const start = /^(?:LSYS: \S+ )?(?:(?:Local|CA) c|C)ertificate identifier: (.+)$/.exec(text)
    if (start) {
      finish()
      const c: Certificate = newCert(ctx, role, start[1], line.n)
      rawSet(c.raw, 'Certificate identifier', start[1], line)
      attachProfile(c)
      cert = c
      section = 'none'
      acct.consume(line)
      continue
    }
    // "Validity:" / "Fingerprint:" / "Serial number:" (section header without a value)
    const head = /^([A-Za-z][A-Za-z -]*):$/.exec(text)
    if (head) {
      section = sectionOf(head[1])
      acct.ignore(line)
      continue
    }
    const pairs = splitFields(text)
    // a line a filter left without its "Certificate identifier:" line: a certificate of its own, and
    // the next one when one of its labels repeats
    // "30:82:01:0a:..." (key bytes), "ab:cd:... (sha1)" (fingerprint), "http://..." (CRL distribution point)
    const bare = HEX_LINE.test(text) || URL_LINE.test(text)
    if ((pairs.length > 0 || bare) && (!cert || (isHeadless(cert) && pairs.some((p) => rawGet(cert!.raw, p.label) !== undefined)))) openHeadless(line)
    if (!cert) {
      acct.reject(line, 'outside any "Certificate identifier" block')
      continue
    }
    const c: Certificate = cert
    extend(c, line)
    // "30:82:01:0a:02:82:01:01:00:c4:..." (public key bytes) / "ab:cd:... (sha1)" (fingerprint)
    const hex = HEX_LINE.exec(text)
    if (hex) {
      // "... (sha1)" under "Fingerprint:" (or left alone by a filter)
      if (hex[1]) rawSet(c.raw, `fingerprint/${hex[1]}`, text.replace(/ ?\(\w+\)$/, ''), line)
      // the key bytes below "Public key algorithm:", kept as printed ("Public key", "Public key #2" ...)
      else putRaw(c.raw, 'Public key', text, line)
      acct.consume(line)
      continue
    }
    // "http://pki.example.net/crl/issuing-ca.crl" under "Distribution CRL:"
    // (a filter may have left it without its header: no other certificate line is a URL)
    if (URL_LINE.test(text)) {
      rawSet(c.raw, 'Distribution CRL', text, line)
      acct.consume(line)
      continue
    }
    // "C=US, ST=CA, L=Sunnyvale, O=Example, CN=srx-hq" under "Subject string:"
    if (section === 'subject string' && /^[A-Za-z]+ ?=/.test(text)) {
      c.subject = text
      rawSet(c.raw, 'Subject string', text, line)
      acct.consume(line)
      continue
    }
    if (pairs.length === 0) {
      acct.reject(line, 'not a "Label: value" line inside a certificate block')
      continue
    }
    // a label of another section ends the current one
    if (!SECTION_LABELS[section]?.has(pairs[0].label.toLowerCase())) section = 'none'
    // "Common name: ca-root, Organization: Example" a filter left without its "Issuer:"/"Subject:"
    // header: a distinguished name, of the issuer or the subject
    if (section === 'none' && isHeadless(c) && SECTION_LABELS.issuer!.has(pairs[0].label.toLowerCase())) {
      putRaw(c.raw, 'Issuer or subject', text, line)
      acct.consume(line)
      continue
    }
    // "Common name: ca-root, Organization: Example, Country: US" under "Issuer:" / "Subject:"
    if (section === 'issuer' || section === 'subject') {
      if (section === 'issuer') c.issuer ??= text
      else c.subject ??= text
      rawSet(c.raw, section === 'issuer' ? 'Issuer' : 'Subject', text, line)
      acct.consume(line)
      continue
    }
    for (const p of pairs) applyPair(c, section, p.label, p.value, line)
    acct.consume(line)
  }
  finish()
  if (profile) {
    openHeadless(profile.line)
    finish()
  }
  certs.forEach((c, i) => {
    if (i === certs.length - 1 && certCut(c, certs[i - 1] ?? null, role)) c.partial = true
    acct.add(c)
  })
  return finishAccount(acct, ctx)
}
