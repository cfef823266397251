/**
 * IOS / IOS-XE `show crypto pki trustpoints status`: one trustpointStatus per "Trustpoint X:" block,
 * with whether the issuing CA certificate and the router certificate are configured (or pending, or
 * not configured), their subjects, and the "State:" lines (keys generated, CA authenticated,
 * certificate requests). A block is whole when it reaches its "Certificate request(s)" line.
 */
import type {TrustpointStatus} from '../../../model/index.js'
import {LineAccount} from '../../account.js'
import {IdRegistry} from '../../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {sourceOf} from '../../types.js'
import {RawFields, scoreLines} from '../common.js'
import {isFiltered, markPartial} from '../modern-common.js'

// "Trustpoint TP-self-signed-4212345678:" / "Trustpoint IOS-CA:"
const TRUSTPOINT = /^Trustpoint (\S+?):?$/
// "Issuing CA certificate configured:" / "Issuing CA certificate not configured." / "Issuing CA certificate pending:"
const CA_CERT = /^Issuing CA certificate (configured|not configured|pending|expired)[.:]?$/i
// "Router General Purpose certificate configured:" / "Router Signature certificate not configured." / "Router certificate pending:"
const ROUTER_CERT = /^Router (?:General Purpose |Signature |Encryption )?certificate (configured|not configured|pending|expired)[.:]?$/i
// "Subject Name:" (the subject follows on the next line) / "Subject Name: cn=IOS-CA"
const SUBJECT = /^Subject Name ?:(?: (.+))?$/i
// "Fingerprint MD5: 8A8A36C3 ..." / "Fingerprint SHA1: ..."
const FINGERPRINT = /^Fingerprint (MD5|SHA1|SHA256) ?: ?(.*)$/i
// "State:"
const STATE = /^State:$/i
// "Keys generated ............. Yes" / "Issuing CA authenticated ....... No" / "Certificate request(s) ..... None"
// the first word is the state; what follows ("(General Purpose, non-exportable)") is detail
const STATE_LINE = /^(Keys generated|Issuing CA authenticated|Certificate request\(s\)) \.+ ?(\S+)(?: .*)?$/i
// "cn=IOS-CA" / "hostname=R1.example.com+serialNumber=FTX1234" / "c=US,o=Example,cn=Root CA"
const DN_LINE = /^[A-Za-z][\w.-]*=\S/

interface Open {
  fact: TrustpointStatus
  fields: RawFields
  start: number
  end: number
  /** Whose "Subject Name:" comes next: the CA's or the router's. */
  cert: 'ca' | 'router' | null
  awaitingSubject: boolean
  stateSeen: boolean
}

function newTrustpoint(ctx: ParseContext, name: string, n: number): Open {
  const fields = new RawFields()
  const fact: TrustpointStatus = {
    kind: 'trustpointStatus', id: '', source: sourceOf(ctx, n, n), raw: fields.fields, name, caCertificate: null, caSubject: null,
    routerCertificate: null, routerSubject: null, keysGenerated: null, caAuthenticated: null, certificateRequest: null, ok: null, problems: [],
  }
  return {fact, fields, start: n, end: n, cert: null, awaitingSubject: false, stateSeen: false}
}

function yes(text: string): boolean | null {
  if (/^yes\b/i.test(text)) return true
  if (/^no\b/i.test(text)) return false
  return null
}

function finish(tp: Open, ctx: ParseContext, acct: LineAccount, ids: IdRegistry): void {
  const f = tp.fact
  f.source = sourceOf(ctx, tp.start, tp.end)
  f.id = ids.unique(`trustpoint:${f.name}`)
  if (f.caCertificate !== null && f.caCertificate !== 'configured') f.problems.push(`issuing CA certificate ${f.caCertificate}`)
  if (f.caAuthenticated === false) f.problems.push('issuing CA not authenticated')
  if (f.routerCertificate === 'pending' || /^pending/i.test(f.certificateRequest ?? '')) f.problems.push('router certificate enrollment pending')
  else if (f.routerCertificate === 'expired') f.problems.push('router certificate expired')
  // a key pair but no identity certificate: enrollment never completed (a CA-only trustpoint has no keys)
  else if (f.keysGenerated === true && f.routerCertificate !== 'configured') f.problems.push('key pair generated but no router certificate')
  if (tp.stateSeen || f.problems.length > 0) f.ok = f.problems.length === 0
  if (isFiltered(ctx) || f.certificateRequest === null) markPartial(f)
  acct.add(f)
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let open: Open | null = null
  // a line outside any block (filtered output) opens a block of unknown name
  const current = (line: Line): Open => (open ??= newTrustpoint(ctx, '?', line.n))
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    let m: RegExpExecArray | null
    if ((m = TRUSTPOINT.exec(t))) {
      if (open) finish(open, ctx, acct, ids)
      open = newTrustpoint(ctx, m[1], line.n)
      open.fields.set('Trustpoint', m[1], line)
    } else if ((m = CA_CERT.exec(t))) {
      const tp = current(line)
      tp.fact.caCertificate = m[1].toLowerCase()
      tp.cert = 'ca'
      tp.fields.set('Issuing CA certificate', m[1], line)
    } else if ((m = ROUTER_CERT.exec(t))) {
      const tp = current(line)
      tp.fact.routerCertificate = m[1].toLowerCase()
      tp.cert = 'router'
      tp.fields.set('Router certificate', m[1], line)
    } else if ((m = SUBJECT.exec(t))) {
      const tp = current(line)
      if (m[1] !== undefined) setSubject(tp, m[1], line)
      else tp.awaitingSubject = true
      tp.fields.set('Subject Name', m[1] ?? '', line)
    } else if (open !== null && open.awaitingSubject && DN_LINE.test(t)) {
      setSubject(open, t, line)
    } else if ((m = FINGERPRINT.exec(t))) {
      const tp = current(line)
      tp.fields.set(`${tp.cert === 'router' ? 'Router' : 'CA'} Fingerprint ${m[1]}`, m[2], line)
    } else if (STATE.test(t)) {
      current(line).stateSeen = true
      acct.ignore(line)
      continue
    } else if ((m = STATE_LINE.exec(t))) {
      const tp = current(line)
      tp.stateSeen = true
      const label = m[1].toLowerCase()
      if (label.startsWith('keys')) tp.fact.keysGenerated = yes(m[2])
      else if (label.startsWith('issuing')) tp.fact.caAuthenticated = yes(m[2])
      else tp.fact.certificateRequest = m[2]
      tp.fields.set(m[1], m[2], line)
    } else continue
    open!.end = line.n
    acct.consume(line)
  }
  if (open) finish(open, ctx, acct, ids)
  return acct.finish()
}

function setSubject(tp: Open, subject: string, line: Line): void {
  if (tp.cert === 'router') tp.fact.routerSubject = subject
  else tp.fact.caSubject = subject
  tp.awaitingSubject = false
  tp.fields.set(`${tp.cert === 'router' ? 'Router' : 'CA'} subject`, subject, line)
}

export const showCryptoPkiTrustpointsStatus: ParserSpec = {
  id: 'cisco/show-crypto-pki-trustpoints-status',
  vendor: 'cisco',
  command: 'show crypto pki trustpoints status',
  aliases: ['show crypto pki trustpoint status'],
  detect(lines: Line[]): number {
    return scoreLines(lines, [STATE_LINE, CA_CERT], [TRUSTPOINT, STATE])
  },
  parse,
}
