/**
 * Platforms behind the two vendor keys, and which remediation steps a device of a platform gets.
 *
 * `cisco` covers three CLIs (IOS, IOS-XE, ASA) and `junos` three (SRX, MX services PICs, legacy
 * ES-PIC). A rule step may carry `platforms: [...]`: it is then handed only to devices of those
 * platforms. A step without a list is valid on every platform of its vendor.
 *
 * How a device's platform is known: from the parsers that read its captures (doc.devices[].platform,
 * set by src/ingest from the first block with a platform-specific parser, or from the software line or
 * model a `show version` deviceInfo fact names), corrected here with every
 * block of the device: one ASA parser makes it an ASA, a legacy Junos `show ike|ipsec ...` parser
 * makes it legacy Junos when nothing else said otherwise. When it is still unknown:
 * - Cisco: the captures came only from IOS-family parsers (ASA output is always read by the ASA
 *   parsers), so the device is IOS or IOS-XE.
 * - Junos: any of the three.
 * Steps valid on every candidate are given as they are; a step valid on some candidates only is given
 * labelled with those platforms (the user picks the one of their device); others are left out.
 */
import type {ParseDocument, Vendor} from '../model/index.js'

export const PLATFORMS = ['ios', 'ios-xe', 'asa', 'junos-srx', 'junos-mx', 'junos-es'] as const
export type Platform = (typeof PLATFORMS)[number]

export const VENDOR_PLATFORMS: Record<Vendor, Platform[]> = {
  cisco: ['ios', 'ios-xe', 'asa'],
  junos: ['junos-srx', 'junos-mx', 'junos-es'],
}

export const PLATFORM_LABEL: Record<Platform, string> = {
  ios: 'IOS',
  'ios-xe': 'IOS-XE',
  asa: 'ASA',
  'junos-srx': 'SRX',
  'junos-mx': 'MX services',
  'junos-es': 'Junos legacy ES-PIC',
}

export function isPlatform(p: unknown): p is Platform {
  return typeof p === 'string' && (PLATFORMS as readonly string[]).includes(p)
}

export function platformVendor(p: Platform): Vendor {
  return p.startsWith('junos') ? 'junos' : 'cisco'
}

/** The platforms a device of `vendor` can be, given what is known of it (null or "junos" = unknown). */
export function candidatePlatforms(vendor: Vendor, platform: string | null | undefined): Platform[] {
  if (isPlatform(platform) && platformVendor(platform) === vendor) return [platform]
  return vendor === 'cisco' ? ['ios', 'ios-xe'] : [...VENDOR_PLATFORMS.junos]
}

const LEGACY_JUNOS = /^junos\/show-(ike-security-associations|ipsec-security-associations|ipsec-certificates|ipsec-redundancy)$/

/** Platform of each device of a document, from its blocks' parsers (see the module comment). */
export function devicePlatforms(doc: Pick<ParseDocument, 'devices' | 'blocks'>): Map<string, Platform | null> {
  const out = new Map<string, Platform | null>()
  const parsers = new Map<string, string[]>()
  for (const b of doc.blocks ?? []) if (b.parser) parsers.set(b.device, [...(parsers.get(b.device) ?? []), b.parser])
  const names = new Set([...doc.devices.map((d) => d.name), ...parsers.keys()])
  for (const name of names) {
    const dev = doc.devices.find((d) => d.name === name)
    const ids = parsers.get(name) ?? []
    let p: Platform | null = isPlatform(dev?.platform) ? dev.platform : null
    if (ids.some((id) => id.startsWith('cisco/asa-'))) p = 'asa'
    else if (p === null && ids.some((id) => id.startsWith('junos/show-security-'))) p = 'junos-srx'
    else if (p === null && ids.some((id) => id.startsWith('junos/show-services-'))) p = 'junos-mx'
    else if (p === null && ids.some((id) => LEGACY_JUNOS.test(id))) p = 'junos-es'
    out.set(name, p)
  }
  return out
}

export interface PlatformScoped {
  platforms?: string[]
}

/**
 * Whether a step with `platforms` is given to a device that can be any of `candidates`, and with
 * which label: `null` = left out; `[]` = valid on every candidate, no label; otherwise the
 * candidates it is valid on (the label).
 */
export function stepPlatforms(step: PlatformScoped, candidates: readonly Platform[]): Platform[] | null {
  if (!step.platforms || step.platforms.length === 0) return []
  const valid = candidates.filter((c) => step.platforms!.includes(c))
  if (valid.length === 0) return null
  return valid.length === candidates.length ? [] : valid
}

export function platformLabel(platforms: readonly string[]): string {
  return platforms.map((p) => (isPlatform(p) ? PLATFORM_LABEL[p] : p)).join(', ')
}
