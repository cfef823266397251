/**
 * Helpers shared by the current-platform Junos parsers (SRX `show security ...`, MX `show services
 * ipsec-vpn ...`): fact skeletons with every field set, algorithm names, lifetimes. "Label: value" lines are
 * read by fields.ts splitFields.
 * Algorithm names go through the shared table in algorithms.ts.
 */
import type {Line, ParseContext} from '../types.js'
import {junosAuthMethod, junosDhGroup, junosEncryption, junosIntegrity} from './algorithms.js'

/** "node0:" prefix for ids of facts split per chassis-cluster node, so both nodes' SAs stay distinct. */
export function nodePrefix(ctx: ParseContext): string {
  return ctx.node ? `${ctx.node}:` : ''
}

export {newIkeSa, newIpsecFlow, newIpsecSa} from '../skeletons.js'

/** Stretches a fact's source range to cover another line. */
export function extend(fact: {source: {startLine: number; endLine: number}}, line: Line | number): void {
  const n = typeof line === 'number' ? line : line.n
  if (n < fact.source.startLine) fact.source.startLine = n
  if (n > fact.source.endLine) fact.source.endLine = n
}

/** "Expires in 28196 seconds" -> 28196. */
export function expiresIn(text: string): number | null {
  // "Expires in 28196 seconds"
  const m = /expires in (\d+) seconds?/i.exec(text)
  return m ? Number(m[1]) : null
}

/** Cipher names -> model vocabulary (delegates to the shared Junos table in algorithms.ts). */
export function normalizeEncryption(text: string | null | undefined): string | null {
  return junosEncryption(text)
}

/** Hash/integrity/PRF names -> model vocabulary: "hmac-sha1-96" -> sha1, "hmac-sha-256-128" -> sha256. */
export function normalizeIntegrity(text: string | null | undefined): string | null {
  return junosIntegrity(text)
}

/** "DH-group-14" (SRX detail), "group14", "14" -> 14. */
export function dhGroupOf(text: string | null | undefined): number | null {
  if (!text) return null
  // "DH-group-14"
  const srx = /^dh-group-?(\d{1,2})$/i.exec(text.trim())
  return srx ? Number(srx[1]) : junosDhGroup(text)
}

/** "Pre-shared-keys" -> pre-shared-keys; "RSA-signatures" -> rsa-signatures. */
export function authMethodOf(text: string | null | undefined): string | null {
  return junosAuthMethod(text)
}

/** Splits "ESP:aes-cbc-128/sha1" / "ESP:aes-gcm-128/None" into protocol, cipher, hash. */
export function splitSaAlgorithm(text: string): {protocol: 'esp' | 'ah' | null; encryption: string | null; integrity: string | null} {
  // "ESP:aes-gcm-128/None", "AH:none/sha1"
  const m = /^(ESP|AH):([^/]*)\/?(.*)$/i.exec(text.trim())
  if (!m) return {protocol: null, encryption: null, integrity: null}
  return {protocol: m[1].toLowerCase() as 'esp' | 'ah', encryption: normalizeEncryption(m[2]), integrity: normalizeIntegrity(m[3] || null)}
}

/** "21727/unlim", "3363/ unlim", "28800/4608000" -> seconds and kilobytes (null = unlimited/absent). */
export function splitLife(text: string): {sec: number | null; kb: number | null} {
  // "3363/ unlim" (the space is printed by some releases)
  const m = /^(\d+|unlim|-)\s*\/\s*(\d+|unlim|-)$/i.exec(text.trim())
  if (!m) return {sec: null, kb: null}
  return {sec: /^\d+$/.test(m[1]) ? Number(m[1]) : null, kb: /^\d+$/.test(m[2]) ? Number(m[2]) : null}
}
