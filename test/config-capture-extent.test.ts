/**
 * What a configuration capture can say given how it was taken (src/parsers/cisco/config/build.ts):
 * an ASA `show running-config <section>` view ends with its last record (no "!", "end" or ": end"),
 * so that record is whole; a crypto map whose interface binding the capture could not show (a
 * filter that drops it, an IOS excerpt without its interfaces) is partial, and
 * config-crypto-map-not-applied needs a capture that would have shown the binding.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import type {Fact} from '../src/model/index.js'

async function read(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-extent-'))
  const file = join(dir, 'fw.txt')
  writeFileSync(file, `${text}\n`)
  const doc = await ingestFiles([file])
  const out = await diagnose(doc, {now: () => new Date('2026-11-23T12:00:00Z')})
  const facts = Object.values(doc.facts).flat() as Fact[]
  const rules = out.findings.map((f) => `${f.ruleId}:${f.severity}`)
  return {facts, rules, doc}
}
const fact = (facts: Fact[], id: string) => facts.find((f) => f.id === id) as (Fact & {partial?: true; interfaces?: string[]}) | undefined

const ASA_CRYPTO = `fw1# show run crypto
crypto ipsec ikev1 transform-set TS-AES esp-aes-256 esp-sha-hmac
crypto map VPN 10 match address ACL-BRANCH
crypto map VPN 10 set peer 198.51.100.20
crypto map VPN 10 set ikev1 transform-set TS-AES
crypto map VPN interface outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 86400`

describe('ASA show running-config <section> views', () => {
  it('end whole on the line ASA prints last in a record, or on a one-line record (no closing "!" or ": end" is printed)', async () => {
    const {facts} = await read(`${ASA_CRYPTO}\nfw1# show run tunnel-group 198.51.100.20\ntunnel-group 198.51.100.20 type ipsec-l2l\nfw1#`)
    expect(fact(facts, 'ike-proposal:v1:10')?.partial).toBeUndefined()
    expect(fact(facts, 'gateway:tunnel-group:198.51.100.20')?.partial).toBeUndefined()
  })
  it('a view cut inside a record (a policy before its lifetime, tunnel-group attributes) is still partial', async () => {
    const cut = await read(ASA_CRYPTO.split('\n').slice(0, -1).join('\n'))
    expect(fact(cut.facts, 'ike-proposal:v1:10')?.partial).toBe(true)
    const tg = await read(`fw1# show run tunnel-group 198.51.100.20\ntunnel-group 198.51.100.20 type ipsec-l2l\ntunnel-group 198.51.100.20 ipsec-attributes\n ikev1 pre-shared-key *****`)
    expect(fact(tg.facts, 'gateway:tunnel-group:198.51.100.20')?.partial).toBe(true)
  })
  it('a whole ASA configuration still needs its ": end" to be whole', async () => {
    const {facts} = await read(`fw1# show running-config\n: Saved\nASA Version 9.8(4)32\nhostname fw1\n${ASA_CRYPTO.split('\n').slice(1).join('\n')}`)
    expect(fact(facts, 'ike-proposal:v1:10')?.partial).toBe(true)
  })
})

const ASA_ENTRY = ['crypto map outside_map 20 match address ACL-PARTNER', 'crypto map outside_map 20 set peer 198.51.100.77', 'crypto map outside_map 20 set ikev1 transform-set TS-AES']
const IOS_CRYPTO = ['crypto isakmp policy 10', ' encryption aes 256', ' authentication pre-share', ' group 14', 'crypto isakmp key ***** address 198.51.100.90',
  'crypto ipsec transform-set TS-AES256 esp-aes 256 esp-sha256-hmac', ' mode tunnel', 'crypto map WAN-MAP 30 ipsec-isakmp', ' set peer 198.51.100.90', ' set transform-set TS-AES256', ' match address VPN-B']
const notApplied = (rules: string[]) => rules.filter((r) => r.startsWith('config-crypto-map-not-applied'))

describe('config-crypto-map-not-applied needs a capture that would have shown the binding', () => {
  it('ASA: a filter that drops "crypto map X interface Y" proves nothing, the map is partial', async () => {
    const {rules, facts} = await read(`fw1# show run crypto map | i outside_map 20\n${ASA_ENTRY.join('\n')}\nfw1#`)
    expect(notApplied(rules)).toEqual([])
    expect(fact(facts, 'map:outside_map')?.partial).toBe(true)
  })
  it('ASA: a filter that keeps the binding line, or no filter, without one: not applied', async () => {
    const kept = await read(`fw1# show run crypto map | include crypto map\n${ASA_ENTRY.join('\n')}\nfw1#`)
    expect(notApplied(kept.rules)).toEqual(['config-crypto-map-not-applied:error'])
    // (show run crypto prints the maps before "crypto ikev1 enable" and the policies: the map is not cut)
    const whole = await read(`fw1# show run crypto\n${ASA_ENTRY.join('\n')}\ncrypto ikev1 enable outside\nfw1#`)
    expect(notApplied(whole.rules)).toEqual(['config-crypto-map-not-applied:error'])
    const bound = await read(`fw1# show run crypto map | i crypto map\n${ASA_ENTRY.join('\n')}\ncrypto map outside_map interface outside\nfw1#`)
    expect(notApplied(bound.rules)).toEqual([])
  })
  it('IOS: "| section crypto" prints no interface section, so an empty binding is unknown', async () => {
    const {rules, facts} = await read(`r1#show running-config | section crypto\n${IOS_CRYPTO.join('\n')}\n\nr1#`)
    expect(notApplied(rules)).toEqual([])
    expect(fact(facts, 'map:WAN-MAP')?.partial).toBe(true)
    // an excerpt of the configuration cut before its interfaces says no more
    expect(notApplied((await read(`r1#show running-config\n${IOS_CRYPTO.join('\n')}\n!\nr1#`)).rules)).toEqual([])
  })
  it('IOS: a configuration with its interfaces, or an include that keeps " crypto map X", and no binding: not applied', async () => {
    const whole = await read(`r1#show running-config\n${IOS_CRYPTO.join('\n')}\n!\ninterface GigabitEthernet0/0/0\n ip address 203.0.113.20 255.255.255.0\n!\nend\nr1#`)
    expect(notApplied(whole.rules)).toEqual(['config-crypto-map-not-applied:error'])
    const inc = await read(`r1#show running-config | include crypto map\ncrypto map WAN-MAP 30 ipsec-isakmp\nr1#`)
    expect(notApplied(inc.rules).length).toBe(1)
    const bound = await read(`r1#show running-config | include crypto map\ncrypto map WAN-MAP 30 ipsec-isakmp\n crypto map WAN-MAP\nr1#`)
    expect(notApplied(bound.rules)).toEqual([])
  })
})
