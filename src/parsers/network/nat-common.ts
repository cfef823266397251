/**
 * What the IOS `show ip nat translations` and ASA `show xlate` parsers share: one natTranslation
 * fact from the four addresses (each with its port split off), the masked ones said so.
 */
import type {NatTranslation, RawValues} from '../../model/index.js'
import {addressKind, addressPort} from '../../reading/address.js'
import {IdRegistry} from '../ids.js'
import type {ParseContext} from '../types.js'
import {sourceOf} from '../types.js'
import {addMaskedField} from '../cisco/modern-common.js'

/** An address column as read: the address as printed (a prefix keeps its "/len") and its port. */
export interface NatAddress {
  address: string
  port: number | null
  masked: boolean
}

/** "203.0.113.5:1024", "203.0.113.5/1024" (ASA PAT), "X.X.X.5:53", "198.51.100.140"; null when not an address. */
export function addressWithPort(text: string): NatAddress | null {
  const a = addressPort(text)
  return a.kind === null ? null : {address: a.address, port: a.port, masked: a.kind === 'masked'}
}

/** ASA "10.5.0.0/16" (a network: the "/16" is its length, not a port), "10.1.1.15"; null when not one. */
export function addressOrNetwork(text: string): NatAddress | null {
  const slash = text.indexOf('/')
  const head = slash < 0 ? text : text.slice(0, slash)
  const kind = addressKind(head)
  // "16" in "10.5.0.0/16", "128" in "2001:db8::/128"
  if (kind === null || (slash >= 0 && !/^\d{1,3}$/.test(text.slice(slash + 1)))) return null
  return {address: text, port: null, masked: kind === 'masked'}
}

type Ends = 'insideGlobal' | 'insideLocal' | 'outsideLocal' | 'outsideGlobal'

export interface TranslationParts {
  protocol: string | null
  addresses: Partial<Record<Ends, NatAddress | null>>
  realInterface?: string | null
  mappedInterface?: string | null
  translation: NatTranslation['translation']
  flags?: string | null
  /** ASA flag I; otherwise the real and mapped addresses printed alike (null when one is missing). */
  identityFlag?: boolean
}

/** One natTranslation fact from its parts. */
export function natTranslation(ctx: ParseContext, ids: IdRegistry, lines: [number, number], raw: RawValues, parts: TranslationParts): NatTranslation {
  const a = parts.addresses
  const local = a.insideLocal ?? null
  const global = a.insideGlobal ?? null
  const identity = parts.identityFlag === true ? true : local === null || global === null ? null : local.address === global.address
  const key = [parts.protocol ?? '-', local ? `${local.address}:${local.port ?? ''}` : '-', a.outsideGlobal ? `${a.outsideGlobal.address}:${a.outsideGlobal.port ?? ''}` : '-'].join(':')
  const fact: NatTranslation = {
    kind: 'natTranslation', id: ids.unique(`nat:${key}`), source: sourceOf(ctx, lines[0], lines[1]), raw,
    protocol: parts.protocol,
    insideGlobal: global?.address ?? null, insideGlobalPort: global?.port ?? null,
    insideLocal: local?.address ?? null, insideLocalPort: local?.port ?? null,
    outsideLocal: a.outsideLocal?.address ?? null, outsideLocalPort: a.outsideLocal?.port ?? null,
    outsideGlobal: a.outsideGlobal?.address ?? null, outsideGlobalPort: a.outsideGlobal?.port ?? null,
    realInterface: parts.realInterface ?? null, mappedInterface: parts.mappedInterface ?? null,
    translation: parts.translation, identity, flags: parts.flags ?? null,
  }
  for (const end of ['insideGlobal', 'insideLocal', 'outsideLocal', 'outsideGlobal'] as const) if (a[end]?.masked) addMaskedField(fact, end)
  return fact
}
