/**
 * --redact: replaces IP addresses, host/device names, user names, cookies, SPIs, certificate
 * subjects/issuers and finding fingerprints with consistent tokens (ip-1, host-1, spi-1, dn-1 ...) in
 * every string and SPI field of a parse or diagnose document, so the report can go to vendor support.
 * Redact the document first, then render it in any output format.
 *
 * One Redactor keeps its token table across calls: redacting the parse and the diagnose document of
 * the same run with one instance gives the same tokens in both.
 */
import type {DiagnoseDocument, ParseDocument} from '../model/index.js'
import {TextRedactor} from './text.js'
import {TokenTable} from './tokens.js'

export {TokenTable} from './tokens.js'
export type {TokenKind} from './tokens.js'

/** Keys whose string value names a device (deviceInfo.hostname: the name show version prints). */
const HOST_KEYS = new Set(['device', 'hostname'])
/** Keys whose string value is a certificate distinguished name. */
const DN_KEYS = new Set(['subject', 'issuer'])
/** Keys whose string value is a finding fingerprint (a hash that could be brute-forced back to an address). */
const FINGERPRINT_KEYS = new Set(['fingerprint', 'relatedTo'])
/** Keys never rewritten: they hold vocabulary, not customer data. */
const KEEP_KEYS = new Set(['labels', 'kind', 'ruleId', 'severity', 'baseSeverity', 'category', 'level', 'vendor', 'state', 'schemaVersion'])

function isSpiKey(key: string): boolean {
  return /spi$/i.test(key) // "spi", "currentOutboundSpi"
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

export class Redactor {
  readonly tokens = new TokenTable()
  private readonly text = new TextRedactor(this.tokens)

  redactParse(doc: ParseDocument): ParseDocument {
    for (const device of doc.devices) this.text.addHost(device.name)
    this.collect(doc as unknown as Json, null)
    return this.rewrite(doc as unknown as Json, null) as unknown as ParseDocument
  }

  redactDiagnose(doc: DiagnoseDocument): DiagnoseDocument {
    this.collect(doc as unknown as Json, null)
    return this.rewrite(doc as unknown as Json, null) as unknown as DiagnoseDocument
  }

  /** Redacts one piece of text with the secrets known so far (for messages printed outside a document). */
  redactText(text: string): string {
    return this.text.redact(text)
  }

  /** First pass: learn the secrets the facts name explicitly, so free text mentioning them is caught. */
  private collect(value: Json, key: string | null): void {
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item, key)
      return
    }
    if (value === null || typeof value !== 'object') {
      if (key === null) return
      if (typeof value === 'number' && isSpiKey(key)) this.text.addSpi(value)
      else if (typeof value === 'string' && HOST_KEYS.has(key)) this.text.addHost(value)
      else if (typeof value === 'string' && DN_KEYS.has(key)) this.text.addDn(value)
      return
    }
    for (const [k, v] of Object.entries(value)) {
      // raw: {"labels": ["spi"], "values": ["0x5A48ACC4(1514712260)"], "lines": [12]} -> the SPI printed in any form
      if (k === 'raw' && v && typeof v === 'object' && !Array.isArray(v)) this.collectRaw(v)
      this.collect(v, k)
    }
  }

  private collectRaw(raw: {[key: string]: Json}): void {
    const {labels, values} = raw
    if (!Array.isArray(labels) || !Array.isArray(values)) return
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]
      const printed = values[i]
      if (typeof label !== 'string' || !/\bspi\b/i.test(label) || typeof printed !== 'string') continue
      // "0x5A48ACC4(1514712260)" / "0xEB99FB6C" / "EB99FB6C" / "242379418"
      const m = /^(?:0x)?([0-9A-Fa-f]{1,8})(?:\((\d+)\))?$/.exec(printed.trim())
      if (!m) continue
      const spi = m[2] ? Number(m[2]) : /^0x/i.test(printed.trim()) || /[A-Fa-f]/.test(m[1]) ? Number.parseInt(m[1], 16) : Number(m[1])
      this.text.addSpi(spi >>> 0)
    }
  }

  private rewrite(value: Json, key: string | null): Json {
    if (Array.isArray(value)) return value.map((item) => this.rewrite(item, key))
    if (value === null || typeof value === 'boolean') return value
    if (typeof value === 'number') return key !== null && isSpiKey(key) && value > 0 ? this.tokens.spiNumber(value) : value
    if (typeof value === 'string') {
      if (key !== null && KEEP_KEYS.has(key)) return value
      if (key !== null && FINGERPRINT_KEYS.has(key)) return this.tokens.token('fp', value)
      if (key !== null && DN_KEYS.has(key)) return this.tokens.token('dn', value)
      return this.text.redact(value)
    }
    const out: {[key: string]: Json} = {}
    for (const [k, v] of Object.entries(value)) out[k] = this.rewrite(v, k)
    return out
  }
}

/** Redacts a parse document with a fresh token table. */
export function redactParse(doc: ParseDocument): ParseDocument {
  return new Redactor().redactParse(doc)
}

/** Redacts a diagnose document with a fresh token table. */
export function redactDiagnose(doc: DiagnoseDocument): DiagnoseDocument {
  return new Redactor().redactDiagnose(doc)
}
