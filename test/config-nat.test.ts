/**
 * NAT against the protected traffic (src/engine/derive-nat.ts, rule config-nat-catches-protected):
 * IOS NAT ACLs evaluated first-match against the crypto ACL pairs, ASA twice NAT with and without an
 * identity (exemption) rule, route-map NAT unknown.
 */
import {describe, expect, it} from 'vitest'
import type {Fact, NatRule} from '../src/model/index.js'
import {parserById} from '../src/parsers/registry.js'
import {pastedLines} from '../src/reading/paste.js'
import {DeviceIndex, type DeviceFacts} from '../src/engine/device-index.js'
import {deriveNat} from '../src/engine/derive-nat.js'
import {contains, prefixOf} from '../src/engine/prefixes.js'

function derived(parserId: string, command: string, text: string): Record<string, Record<string, unknown>> {
  const p = parserById(parserId)!
  const r = p.parse(pastedLines(text), {file: 'r.txt', device: 'R1', vendor: 'cisco', command, args: [], pipe: null, node: null})
  const facts: Record<string, Fact[]> = {}
  for (const f of r.facts) (facts[f.kind] ??= []).push(f)
  const ix = new DeviceIndex(facts as DeviceFacts)
  return Object.fromEntries(((facts.natRule ?? []) as NatRule[]).map((n) => [n.name, deriveNat(n, ix).values]))
}

const IOS_MAP = ['crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac', 'crypto map VPN 10 ipsec-isakmp', ' set peer 198.51.100.2', ' set transform-set TS', ' match address VPN-ACL',
  'interface GigabitEthernet0/0', ' ip address 203.0.113.1 255.255.255.0', ' crypto map VPN', 'ip access-list extended VPN-ACL', ' permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255']
const ios = (nat: string[]) => derived('cisco/show-running-config', 'show running-config', [...IOS_MAP, ...nat].join('\n'))

const ASA = ['object network LAN', ' subnet 10.10.0.0 255.255.0.0', 'object network REMOTE', ' subnet 10.20.0.0 255.255.0.0',
  'access-list VPN-ACL extended permit ip object LAN object REMOTE', 'crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac',
  'crypto map OUT 10 match address VPN-ACL', 'crypto map OUT 10 set peer 198.51.100.2', 'crypto map OUT 10 set ikev1 transform-set TS', 'crypto map OUT interface outside']
const asa = (nat: string[]) => derived('cisco/asa-show-running-config', 'show running-config', [...ASA, ...nat].join('\n'))

describe('prefixes', () => {
  it('reads prefixes and containment', () => {
    expect(contains(prefixOf('10.1.0.0/16')!, prefixOf('10.1.2.0/24')!)).toBe(true)
    expect(contains(prefixOf('10.1.2.0/24')!, prefixOf('10.1.0.0/16')!)).toBe(false)
    expect(contains(prefixOf('any')!, prefixOf('192.0.2.1')!)).toBe(true)
    expect(prefixOf('LAN')).toBeNull()
  })
})

describe('IOS ip nat inside source list', () => {
  it('a NAT ACL that permits the protected source to any catches it', () => {
    const d = ios(['ip access-list extended NAT', ' permit ip 10.1.0.0 0.0.255.255 any', 'ip nat inside source list NAT interface GigabitEthernet0/0 overload'])
    expect(d['ip nat inside source list NAT']).toMatchObject({natCatchesProtected: true, natCaughtTraffic: '10.1.0.0/16 -> 10.2.0.0/16', natCryptoMap: 'VPN 10', peer: '198.51.100.2'})
  })
  it('a deny of the protected traffic before the permit exempts it', () => {
    const d = ios(['ip access-list extended NAT', ' deny ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255', ' permit ip 10.1.0.0 0.0.255.255 any', 'ip nat inside source list NAT interface GigabitEthernet0/0 overload'])
    expect(d['ip nat inside source list NAT'].natCatchesProtected).toBe(false)
  })
  it('a NAT ACL for other networks does not catch it', () => {
    const d = ios(['ip access-list extended NAT', ' permit ip 192.168.0.0 0.0.255.255 any', 'ip nat inside source list NAT interface GigabitEthernet0/0 overload'])
    expect(d['ip nat inside source list NAT'].natCatchesProtected).toBe(false)
  })
  it('a route-map NAT cannot be told from the configuration read', () => {
    const d = ios(['ip nat inside source route-map RM interface GigabitEthernet0/0 overload'])
    expect(d['ip nat inside source route-map RM'].natCatchesProtected).toBeNull()
  })
})

describe('ASA twice NAT', () => {
  it('PAT of any without an identity rule for the protected networks catches them', () => {
    const d = asa(['nat (inside,outside) after-auto source dynamic any interface'])
    const v = Object.values(d)[0]
    expect(v).toMatchObject({natCatchesProtected: true, natCaughtTraffic: '10.10.0.0/16 -> 10.20.0.0/16', natCryptoMap: 'OUT 10'})
  })
  it('an identity NAT rule for local -> remote exempts them; the identity rule itself catches nothing', () => {
    const d = asa(['nat (inside,outside) source static LAN LAN destination static REMOTE REMOTE no-proxy-arp route-lookup', 'nat (inside,outside) after-auto source dynamic any interface'])
    expect(Object.values(d).map((v) => v.natCatchesProtected)).toEqual([false, false])
  })
})
