/** SRX `show security pki ca-certificate [detail]` -> certificate facts with role "ca". */
import type {ParserSpec} from '../types.js'
import {parsePkiCertificates} from './pki-certificate.js'
import {detectPki} from './show-security-pki-local-certificate.js'

export const showSecurityPkiCaCertificate: ParserSpec = {
  id: 'junos/show-security-pki-ca-certificate',
  vendor: 'junos',
  command: 'show security pki ca-certificate',
  detect: (lines) => detectPki(lines, false),
  parse: (lines, ctx) => parsePkiCertificates(lines, ctx, 'ca'),
}
