/** SRX `show security pki local-certificate [detail]` -> certificate facts with role "local". */
import type {Line, ParserSpec} from '../types.js'
import {parsePkiCertificates} from './pki-certificate.js'

export function detectPki(lines: Line[], local: boolean): number {
  let id = false
  let keypair = false
  let validity = false
  for (const l of lines.slice(0, 40)) {
    // "Certificate identifier: srx-local-2026"
    if (/^\s*Certificate identifier:/.test(l.text)) id = true
    // "  Keypair Location: Keypair generated locally"
    if (/^\s*Keypair Location:/.test(l.text)) keypair = true
    // "    Not before: 11-23-2025 10:00 UTC"
    if (/^\s*Not (before|after):/.test(l.text)) validity = true
  }
  if (!id || !validity) return 0
  return keypair === local ? 0.9 : 0.4
}

export const showSecurityPkiLocalCertificate: ParserSpec = {
  id: 'junos/show-security-pki-local-certificate',
  vendor: 'junos',
  command: 'show security pki local-certificate',
  detect: (lines) => detectPki(lines, true),
  parse: (lines, ctx) => parsePkiCertificates(lines, ctx, 'local'),
}
