/**
 * The configPair entity (src/engine/config-pair): how two devices' configured tunnel ends are paired
 * and each comparison the config-pair- rules read. Configurations are parsed from hand-written
 * running-config / Junos display-set text, so the facts are the ones a capture gives.
 */
import {describe, expect, it} from 'vitest'
import type {Fact} from '../src/model/index.js'
import {parserById} from '../src/parsers/registry.js'
import {pastedLines} from '../src/reading/paste.js'
import type {DeviceFacts} from '../src/engine/device-index.js'
import {configPairEntities} from '../src/engine/config-pair/index.js'
import type {ConfigPair} from '../src/engine/config-pair/schema.js'
import {ikeSetProposals, ipsecSetProposals} from '../src/engine/config-pair/proposal-sets.js'
import {rawGet} from '../src/model/raw.js'

function facts(parserId: string, device: string, command: string, text: string): DeviceFacts {
  const p = parserById(parserId)!
  const r = p.parse(pastedLines(text), {file: `${device}.txt`, device, vendor: p.vendor, command, args: [], pipe: null, node: null})
  expect(r.unparsed).toEqual([])
  const out: Record<string, Fact[]> = {}
  for (const f of r.facts) (out[f.kind] ??= []).push(f)
  return out as DeviceFacts
}

const ios = (device: string, text: string) => facts('cisco/show-running-config', device, 'show running-config', text)
const junos = (device: string, text: string) => facts('junos/show-configuration', device, 'show configuration', text)

/** IOS crypto map end: local 203.0.113.1, peer 198.51.100.2, 10.1/16 -> 10.2/16. */
function r1(o: {isakmp?: string; ts?: string; pfs?: string | null; acl?: string; peer?: string; lifetime?: string} = {}): DeviceFacts {
  return ios('R1', [
    'crypto isakmp policy 10', ...(o.isakmp ?? ' encr aes 256\n hash sha256\n authentication pre-share\n group 14').split('\n'),
    `crypto isakmp key K address ${o.peer ?? '198.51.100.2'}`,
    `crypto ipsec transform-set TS ${o.ts ?? 'esp-aes 256 esp-sha256-hmac'}`,
    ...(o.lifetime ? [`crypto ipsec security-association lifetime seconds ${o.lifetime}`] : []),
    'crypto map VPN 10 ipsec-isakmp', ` set peer ${o.peer ?? '198.51.100.2'}`, ' set transform-set TS', ...(o.pfs === null ? [] : [` set pfs ${o.pfs ?? 'group14'}`]), ' match address VPN-ACL',
    'interface GigabitEthernet0/0', ' ip address 203.0.113.1 255.255.255.0', ' crypto map VPN',
    'ip access-list extended VPN-ACL', ` ${o.acl ?? 'permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255'}`,
  ].join('\n'))
}

/** SRX policy-based end (proxy-identity) or route-based (no proxy ids): local 198.51.100.2, peer 203.0.113.1. */
function srx(o: {ike?: string[]; ipsec?: string[]; pfs?: string | null; local?: string; remote?: string; routeBased?: boolean; address?: string; lifetime?: string} = {}): DeviceFacts {
  const ike = o.ike ?? ['proposals IKE-P1']
  const ipsec = o.ipsec ?? ['proposals ESP-P1']
  return junos('srx1', [
    'set security ike proposal IKE-P1 authentication-method pre-shared-keys', 'set security ike proposal IKE-P1 dh-group group14',
    'set security ike proposal IKE-P1 authentication-algorithm sha-256', 'set security ike proposal IKE-P1 encryption-algorithm aes-256-cbc',
    'set security ike policy IKE-POL mode main', ...ike.map((l) => `set security ike policy IKE-POL ${l}`),
    'set security ike policy IKE-POL pre-shared-key ascii-text "$9$abc"',
    'set security ike gateway GW-R1 ike-policy IKE-POL', `set security ike gateway GW-R1 address ${o.address ?? '203.0.113.1'}`,
    'set security ike gateway GW-R1 local-address 198.51.100.2', 'set security ike gateway GW-R1 external-interface ge-0/0/0.0',
    'set security ipsec proposal ESP-P1 protocol esp', 'set security ipsec proposal ESP-P1 authentication-algorithm hmac-sha-256-128',
    'set security ipsec proposal ESP-P1 encryption-algorithm aes-256-cbc', `set security ipsec proposal ESP-P1 lifetime-seconds ${o.lifetime ?? '3600'}`,
    ...ipsec.map((l) => `set security ipsec policy IPSEC-POL ${l}`),
    ...(o.pfs === null ? [] : [`set security ipsec policy IPSEC-POL perfect-forward-secrecy keys ${o.pfs ?? 'group14'}`]),
    'set security ipsec vpn VPN-R1 ike gateway GW-R1', 'set security ipsec vpn VPN-R1 ike ipsec-policy IPSEC-POL',
    ...(o.routeBased ? ['set security ipsec vpn VPN-R1 bind-interface st0.0'] : [
      `set security ipsec vpn VPN-R1 ike proxy-identity local ${o.local ?? '10.2.0.0/16'}`, `set security ipsec vpn VPN-R1 ike proxy-identity remote ${o.remote ?? '10.1.0.0/16'}`]),
  ].join('\n'))
}

function pairOf(a: DeviceFacts, b: DeviceFacts): ConfigPair[] {
  return configPairEntities(new Map([['R1', a], ['srx1', b]])).map((e) => e.entity as unknown as ConfigPair)
}
function one(a: DeviceFacts, b: DeviceFacts): ConfigPair {
  const pairs = pairOf(a, b)
  expect(pairs).toHaveLength(1)
  return pairs[0]
}

describe('config pair: pairing', () => {
  it('pairs the ends whose peer is the other local address, both ways', () => {
    const p = one(r1(), srx())
    expect(p.matchedBy).toBe('addresses')
    expect(p.tunnelA).toBe('crypto map VPN 10')
    expect(p.tunnelB).toBe('vpn VPN-R1')
  })
  it('falls back to the only tunnel of each device when no address matches, and reports the peer mismatch', () => {
    const p = one(r1({peer: '198.51.100.9'}), srx({address: '203.0.113.9'}))
    expect(p.matchedBy).toBe('only-tunnels')
    expect(p.peerMismatch).toBe(true)
    expect(p.peerDetail).toContain('198.51.100.9')
  })
  it('pairs by one peer address when only one side points at the other', () => {
    const p = one(r1(), srx({address: '203.0.113.9'}))
    expect(p.matchedBy).toBe('peer')
    expect(p.peerMismatch).toBe(true)
  })
  it('gives nothing when one device has no configured tunnel', () => {
    expect(pairOf(r1(), junos('srx1', 'set security ike proposal X dh-group group14'))).toEqual([])
  })
})

describe('config pair: comparisons', () => {
  it('matching ends raise no mismatch', () => {
    const p = one(r1(), srx())
    expect(p).toMatchObject({ikeNoCommon: false, ipsecNoCommon: false, pfsMismatch: false, selectorsNotMirrored: false, routeVsPolicy: false, peerMismatch: false, lifetimeMismatch: false})
  })
  it('phase 1 with no common proposal names the differing attribute and both values', () => {
    const p = one(r1({isakmp: ' encr 3des\n hash sha\n authentication pre-share\n group 2'}), srx())
    expect(p.ikeNoCommon).toBe(true)
    expect(p.ikeDiffs.join('\n')).toMatch(/encryption: R1 3des \(10\), srx1 aes-256 \(IKE-P1\)/)
    expect(p.ikeDiffs.join('\n')).toMatch(/dhGroups: R1 group2/)
  })
  it('phase 2 with no common proposal', () => {
    const p = one(r1({ts: 'esp-3des esp-md5-hmac'}), srx())
    expect(p.ipsecNoCommon).toBe(true)
    expect(p.ipsecDiffs.join('\n')).toMatch(/encryption: R1 3des/)
  })
  it('PFS on one side only, and different PFS groups', () => {
    expect(one(r1({pfs: null}), srx()).pfsMismatch).toBe(true)
    const g = one(r1({pfs: 'group5'}), srx())
    expect(g.pfsMismatch).toBe(true)
    expect(g.pfsDetail).toBe('R1 PFS group5, srx1 PFS group14')
  })
  it('selectors that are not mirror images', () => {
    const p = one(r1(), srx({local: '10.2.1.0/24'}))
    expect(p.selectorsNotMirrored).toBe(true)
    expect(p.selectorsA).toEqual(['10.1.0.0/16 -> 10.2.0.0/16'])
    expect(p.selectorsB).toEqual(['10.2.1.0/24 -> 10.1.0.0/16'])
  })
  it('a route-based end without proxy ids against a crypto map', () => {
    const p = one(r1(), srx({routeBased: true}))
    expect(p.routeVsPolicy).toBe(true)
    expect(p.routeBasedDevice).toBe('srx1')
    expect(p.selectorsNotMirrored).toBe(false)
  })
  it('phase 2 lifetimes that differ', () => {
    const p = one(r1({lifetime: '28800'}), srx())
    expect(p.lifetimeMismatch).toBe(true)
    expect(p.lifetimeDetail).toBe('R1 28800 s, srx1 3600 s')
    // the crypto map entry has no lifetime of its own: the evidence cites the global line (line 8)
    const [sourced] = configPairEntities(new Map([['R1', r1({lifetime: '28800'})], ['srx1', srx()]]))
    const evidence = (sourced.derived?.evidence as Record<string, Array<{file: string}>>).lifetimeEvidence
    expect(evidence.find((e) => e.file === 'R1.txt')).toEqual({file: 'R1.txt', line: 8, field: 'lifetime seconds', value: '28800'})
  })
})

describe('config facts: IOS pre-shared keys', () => {
  it('a key with its type (6: encrypted, 0: clear) or over IPv6 still makes the gateway of its peer; the key is not kept', () => {
    const f = ios('R9', ['crypto isakmp key 6 FKRgUbb]NQYLU^aeHGbWLP^BN address 192.0.2.51', 'crypto isakmp key 0 s3cret address 192.0.2.52 no-xauth',
      'crypto isakmp key K6 address ipv6 2001:db8::2/128', 'crypto isakmp key plain address 192.0.2.53 255.255.255.255'].join('\n'))
    const gws = f.ikeGateway ?? []
    expect(gws.map((g) => g.peers)).toEqual([['192.0.2.51'], ['192.0.2.52'], ['2001:db8::2'], ['192.0.2.53']])
    expect(JSON.stringify(gws)).not.toMatch(/FKRgUbb|s3cret/)
  })
})

describe('config pair: Junos proposal sets', () => {
  it('proposal-set standard offers pre-g2-aes128-sha (IKE) and g2-esp-3des-sha / g2-esp-aes128-sha (IPsec)', () => {
    const p = one(r1({isakmp: ' encr aes\n hash sha\n authentication pre-share\n group 2', ts: 'esp-3des esp-sha-hmac', pfs: 'group14'}),
      srx({ike: ['proposal-set standard'], ipsec: ['proposal-set standard']}))
    expect(p.ikeNoCommon).toBe(false)
    expect(p.ipsecNoCommon).toBe(false)
    // the same set against AES-256 / SHA-256 / group 14 has nothing in common: the members were compared
    const q = one(r1(), srx({ike: ['proposal-set standard'], ipsec: ['proposal-set standard']}))
    expect(q.ikeNoCommon).toBe(true)
    expect(q.ipsecNoCommon).toBe(true)
  })
  it('proposal-set compatible against AES-256 / SHA-256 has no common choice', () => {
    const p = one(r1(), srx({ike: ['proposal-set compatible'], ipsec: ['proposal-set compatible']}))
    expect(p.ikeNoCommon).toBe(true)
    expect(p.ipsecNoCommon).toBe(true)
  })
  it('members are built with the documented algorithms and cite the proposal-set line', () => {
    const d = srx({ike: ['proposal-set basic'], ipsec: ['proposal-set suiteb-gcm-128']})
    const ike = ikeSetProposals(d.ikePolicy![0])
    expect(ike.map((x) => [x.name, x.encryption[0], x.dhGroups[0]])).toEqual([['pre-g1-des-sha', 'des', 1], ['pre-g1-3des-sha', '3des', 1]])
    expect(rawGet(ike[0].raw, 'proposal-set')?.value).toBe('basic')
    expect(ipsecSetProposals(d.ipsecPolicy![0]).map((x) => x.encryption[0])).toEqual(['aes-gcm-128'])
  })
})

describe('config pair: IOS default suites', () => {
  it('the default suites of show crypto isakmp default policy count only when no policy is configured', () => {
    const defaults = facts('cisco/show-crypto-isakmp-default-policy', 'R1', 'show crypto isakmp default policy', [
      'Default protection suite of priority 65508', 'encryption algorithm: AES - Advanced Encryption Standard (256 bit keys).', 'hash algorithm: Secure Hash Standard 2 (256 bit)',
      'authentication method: Pre-Shared Key', 'Diffie-Hellman group: #14 (2048 bit)', 'lifetime: 86400 seconds, no volume limit'].join('\n'))
    // configured policy 10 is 3DES/SHA1/group 2: the matching default suite must not hide the mismatch
    const configured = r1({isakmp: ' encr 3des\n hash sha\n authentication pre-share\n group 2'})
    const merged = {...configured, ikeProposal: [...configured.ikeProposal!, ...defaults.ikeProposal!]}
    expect(one(merged, srx()).ikeNoCommon).toBe(true)
  })
})
