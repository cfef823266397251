/**
 * NAT translation tables engineers paste beside the VPN outputs when traffic does not enter the
 * tunnel: IOS/IOS-XE `show ip nat translations` and ASA `show xlate` (natTranslation). The configured
 * NAT rules are natRule (config.ts); these are the translations the device holds.
 */
import {z} from 'zod'
import {factBase, nullableInt, nullableStr} from './common.js'

export const NatTranslation = z
  .object({
    kind: z.literal('natTranslation'),
    ...factBase,
    protocol: nullableStr().describe('Lower-case protocol word as printed ("tcp", "udp", "icmp"; ASA "TCP PAT" gives "tcp"); null for IOS "---" and ASA "NAT" rows'),
    insideGlobal: nullableStr().describe('IOS Inside global; ASA the mapped address (after "to"), with its "/len" when printed ("203.0.113.5", "10.5.0.0/16"); null for "---"'),
    insideGlobalPort: nullableInt().describe('Port of insideGlobal ("203.0.113.5:1024", ASA PAT "203.0.113.5/1024"), or null'),
    insideLocal: nullableStr().describe('IOS Inside local; ASA the real address (after "from"); null for "---"'),
    insideLocalPort: nullableInt().describe('Port of insideLocal, or null'),
    outsideLocal: nullableStr().describe('IOS Outside local; null for "---" and on ASA (show xlate prints no destination)'),
    outsideLocalPort: nullableInt().describe('Port of outsideLocal, or null'),
    outsideGlobal: nullableStr().describe('IOS Outside global; null for "---" and on ASA'),
    outsideGlobalPort: nullableInt().describe('Port of outsideGlobal, or null'),
    realInterface: nullableStr().describe('ASA interface of the real address ("inside" in "from inside:10.1.1.5"); null on IOS'),
    mappedInterface: nullableStr().describe('ASA interface of the mapped address ("outside" in "to outside:203.0.113.5"); null on IOS'),
    translation: z.enum(['static', 'dynamic']).nullable().describe('ASA flags: s gives static, i or r dynamic; IOS: a row without outside addresses ("--- 198.51.100.140 10.5.20.15 --- ---") is a static entry; null when not known'),
    identity: z.boolean().nullable().describe('The address is not changed (ASA flag I, or the real and mapped addresses printed alike); null when not printed'),
    flags: nullableStr().describe('ASA flags as printed ("ri", "sIT"); null on IOS or when not printed'),
  })
  .describe('One NAT translation the device holds (one row of show ip nat translations, one xlate of show xlate)')
export type NatTranslation = z.infer<typeof NatTranslation>
