/**
 * MX `services ipsec-vpn`: a rule term's ike / ipsec policies that name a predefined proposal set
 * (`proposal-set standard|compatible|basic`) offer that set's member proposals in the configuration
 * pair, in the display-set and in the curly-brace form, as SRX policies do.
 */
import {describe, expect, it} from 'vitest'
import type {Fact} from '../src/model/index.js'
import {parserById} from '../src/parsers/registry.js'
import {pastedLines} from '../src/reading/paste.js'
import type {DeviceFacts} from '../src/engine/device-index.js'
import {configPairEntities} from '../src/engine/config-pair/index.js'
import type {ConfigPair} from '../src/engine/config-pair/schema.js'

function facts(parserId: string, device: string, command: string, text: string, args: string[] = []): DeviceFacts {
  const p = parserById(parserId)!
  const r = p.parse(pastedLines(text), {file: `${device}.txt`, device, vendor: p.vendor, command, args, pipe: null, node: null})
  expect(r.unparsed).toEqual([])
  const out: Record<string, Fact[]> = {}
  for (const f of r.facts) (out[f.kind] ??= []).push(f)
  return out as DeviceFacts
}

/** IOS crypto map end toward the MX (198.51.100.2): 10.1/16 -> 10.2/16. */
const r1 = (isakmp: string[], ts: string) => facts('cisco/show-running-config', 'R1', 'show running-config', [
  'crypto isakmp policy 10', ...isakmp, 'crypto isakmp key K address 198.51.100.2', `crypto ipsec transform-set TS ${ts}`,
  'crypto map VPN 10 ipsec-isakmp', ' set peer 198.51.100.2', ' set transform-set TS', ' match address VPN-ACL',
  'interface GigabitEthernet0/0', ' ip address 203.0.113.1 255.255.255.0', ' crypto map VPN',
  'ip access-list extended VPN-ACL', ' permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255',
].join('\n'))
const STRONG = r1([' encr aes 256', ' hash sha256', ' authentication pre-share', ' group 14'], 'esp-aes 256 esp-sha256-hmac')
const STANDARD = r1([' encr aes', ' hash sha', ' authentication pre-share', ' group 2'], 'esp-aes esp-sha-hmac')

const mxSet = (ike: string, ipsec: string) => facts('junos/show-configuration', 'mx1', 'show configuration', [
  'set services ipsec-vpn ike policy IKE-POL mode main', `set services ipsec-vpn ike policy IKE-POL proposal-set ${ike}`,
  'set services ipsec-vpn ike policy IKE-POL pre-shared-key ascii-text "$9$x"', `set services ipsec-vpn ipsec policy IPSEC-POL proposal-set ${ipsec}`,
  'set services ipsec-vpn rule R term T from source-address 10.2.0.0/16', 'set services ipsec-vpn rule R term T from destination-address 10.1.0.0/16',
  'set services ipsec-vpn rule R term T then remote-gateway 203.0.113.1', 'set services ipsec-vpn rule R term T then dynamic ike-policy IKE-POL',
  'set services ipsec-vpn rule R term T then dynamic ipsec-policy IPSEC-POL', 'set services ipsec-vpn rule R match-direction input',
].join('\n'))
const mxCurly = (ike: string, ipsec: string) => facts('junos/show-configuration', 'mx1', 'show configuration', [
  'rule R {', 'term T {', 'from {', 'source-address {', '10.2.0.0/16;', '}', 'destination-address {', '10.1.0.0/16;', '}', '}',
  'then {', 'remote-gateway 203.0.113.1;', 'dynamic {', 'ike-policy IKE-POL;', 'ipsec-policy IPSEC-POL;', '}', '}', '}', 'match-direction input;', '}',
  'ipsec {', 'policy IPSEC-POL {', `proposal-set ${ipsec};`, '}', '}',
  'ike {', 'policy IKE-POL {', 'mode main;', `proposal-set ${ike};`, 'pre-shared-key ascii-text "$9$x"; ## SECRET-DATA', '}', '}',
].join('\n'), ['services', 'ipsec-vpn']) // show configuration services ipsec-vpn: the output starts below the hierarchy it names

function pair(a: DeviceFacts, b: DeviceFacts): ConfigPair {
  const pairs = configPairEntities(new Map([['R1', a], ['mx1', b]])).map((e) => e.entity as unknown as ConfigPair)
  expect(pairs.map((p) => p.tunnelB)).toEqual(['vpn R/T'])
  return pairs[0]
}

describe('MX rule terms with proposal sets', () => {
  for (const [form, mx] of [['display set', mxSet], ['curly braces', mxCurly]] as const) {
    it(`${form}: proposal-set standard meets AES-128 / SHA-1 / group 2, not AES-256 / SHA-256 / group 14`, () => {
      const ok = pair(STANDARD, mx('standard', 'standard'))
      expect([ok.ikeNoCommon, ok.ipsecNoCommon]).toEqual([false, false])
      const no = pair(STRONG, mx('standard', 'standard'))
      expect([no.ikeNoCommon, no.ipsecNoCommon]).toEqual([true, true])
      // the members were compared, and named: pre-g2-aes128-sha (IKE), g2-esp-3des-sha / g2-esp-aes128-sha (IPsec)
      expect(no.ikeDiffs.join(' | ')).toContain('mx1 aes-128 (pre-g2-aes128-sha)')
      expect(no.ipsecDiffs.join(' | ')).toMatch(/mx1 (3des|aes-128) \(g2-esp-(3des|aes128)-sha\)/)
    })
    it(`${form}: proposal-set basic offers only DES / 3DES with group 1`, () => {
      const p = pair(STANDARD, mx('basic', 'basic'))
      expect(p.ikeNoCommon).toBe(true)
      expect(p.ikeDiffs.join(' | ')).toContain('group1')
    })
  }
})
