/**
 * SRX `show security pki local-certificate [detail]` and `show security pki ca-certificate [detail]`:
 * one certificate fact per "Certificate identifier:" block, with subject/issuer (from "Issued to/by",
 * the "Subject string:" or the Issuer/Subject sections), serial, validity (ISO 8601), key size,
 * signature algorithm, alternate subjects and key usage.
 */
import type {Certificate} from '../../model/index.js'
import {LineAccount, raw} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult} from '../types.js'
import {parseJunosDate} from './dates.js'
import {extend, labelPairs, nodePrefix} from './srx-common.js'

type Section = 'none' | 'serial' | 'issuer' | 'subject' | 'subject string' | 'validity' | 'public key' | 'crl' | 'fingerprint' | 'auto-re-enrollment' | 'alternate subject' | 'other'

function newCert(ctx: ParseContext, role: 'local' | 'ca', certId: string, line: number): Certificate {
  return {
    kind: 'certificate', id: `cert:${nodePrefix(ctx)}${role}:${certId}`, source: sourceOf(ctx, line, line), raw: {},
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
  cert.raw[section === 'none' || section === 'other' || section === 'validity' ? key : `${section}/${key}`] = raw(value, line)
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

/** Parses either command; `role` is "local" for local-certificate and "ca" for ca-certificate. */
export function parsePkiCertificates(lines: Line[], ctx: ParseContext, role: 'local' | 'ca'): ParseResult {
  const acct = new LineAccount(lines)
  let cert: Certificate | null = null
  let section: Section = 'none'
  let sectionIndent = -1
  let profile: {value: string; line: Line} | null = null
  const finish = () => {
    if (cert) acct.add(cert)
    cert = null
  }
  for (const line of lines) {
    const text = line.text
    if (/^\s*$/.test(text) || /^\s*(node\d+:|-{5,})\s*$/.test(text)) {
      acct.ignore(line)
      continue
    }
    // "CA profile: Root-CA" (ca-certificate prints the profile before its certificate)
    const prof = /^\s*CA profile:\s*(\S+)\s*$/.exec(text)
    if (prof && (!cert || cert.validTo !== null)) {
      finish()
      profile = {value: prof[1], line}
      acct.consume(line)
      continue
    }
    // "Certificate identifier: srx-local-2026" / "LSYS: root Certificate identifier: ..."
    const start = /^\s*(?:LSYS:\s*\S+\s+)?Certificate identifier:\s*(.+?)\s*$/.exec(text)
    if (start) {
      finish()
      const c: Certificate = newCert(ctx, role, start[1], line.n)
      c.raw['Certificate identifier'] = raw(start[1], line)
      if (profile) {
        c.trustpoints.push(profile.value)
        c.raw['CA profile'] = raw(profile.value, profile.line)
        extend(c, profile.line)
        profile = null
      }
      cert = c
      section = 'none'
      sectionIndent = -1
      acct.consume(line)
      continue
    }
    if (!cert) {
      acct.reject(line, 'outside any "Certificate identifier" block')
      continue
    }
    const c: Certificate = cert
    extend(c, line)
    const trimmed = text.trim()
    // a line indented no deeper than the section header closes the section
    const indent = text.length - text.trimStart().length
    if (indent <= sectionIndent) {
      section = 'none'
      sectionIndent = -1
    }
    // "  Validity:" / "  Fingerprint:" / "  Serial number:" (section header without a value)
    const head = /^([A-Za-z][A-Za-z -]*):\s*$/.exec(trimmed)
    if (head) {
      section = sectionOf(head[1])
      sectionIndent = indent
      acct.consume(line)
      continue
    }
    // "    30:82:01:0a:02:82:01:01:00:c4:..." (public key bytes) / "ab:cd:... (sha1)" (fingerprint)
    const hex = /^([0-9a-f]{2}:)+[0-9a-f]{2}(\s*\((\w+)\))?$/i.exec(trimmed)
    if (hex) {
      if (section === 'fingerprint' && hex[3]) c.raw[`fingerprint/${hex[3]}`] = raw(trimmed.replace(/\s*\(\w+\)$/, ''), line)
      acct.consume(line)
      continue
    }
    // "    http://pki.example.net/crl/issuing-ca.crl"
    if (section === 'crl' && /^(https?|ldap|file):\/\//i.test(trimmed)) {
      c.raw['Distribution CRL'] = raw(trimmed, line)
      acct.consume(line)
      continue
    }
    // "    C=US, ST=CA, L=Sunnyvale, O=Example, CN=srx-hq" under "Subject string:"
    if (section === 'subject string' && /^[A-Za-z]+\s*=/.test(trimmed)) {
      c.subject = trimmed
      c.raw['Subject string'] = raw(trimmed, line)
      acct.consume(line)
      continue
    }
    // "    Common name: ca-root, Organization: Example, Country: US" under "Issuer:" / "Subject:"
    if (section === 'issuer' || section === 'subject') {
      const dn = labelPairs(trimmed)
      if (dn.length > 0) {
        if (section === 'issuer') c.issuer ??= trimmed
        else c.subject ??= trimmed
        c.raw[section === 'issuer' ? 'Issuer' : 'Subject'] = raw(trimmed, line)
        acct.consume(line)
        continue
      }
    }
    const pairs = labelPairs(trimmed)
    if (pairs.length === 0) {
      acct.reject(line, 'not a "Label: value" line inside a certificate block')
      continue
    }
    for (const p of pairs) applyPair(c, section, p.key, p.value, line)
    acct.consume(line)
  }
  finish()
  return acct.finish()
}
