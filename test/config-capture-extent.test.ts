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
  it('end with their last record, which is whole (no closing "!" or ": end" is printed)', async () => {
    const {facts} = await read(`${ASA_CRYPTO}\nfw1# show run tunnel-group 198.51.100.20\ntunnel-group 198.51.100.20 type ipsec-l2l\ntunnel-group 198.51.100.20 ipsec-attributes\n ikev1 pre-shared-key *****\nfw1#`)
    expect(fact(facts, 'ike-proposal:v1:10')?.partial).toBeUndefined()
    expect(fact(facts, 'gateway:tunnel-group:198.51.100.20')?.partial).toBeUndefined()
  })
  it('a whole ASA configuration still needs its ": end" to be whole', async () => {
    const {facts} = await read(`fw1# show running-config\n: Saved\nASA Version 9.8(4)32\nhostname fw1\n${ASA_CRYPTO.split('\n').slice(1).join('\n')}`)
    expect(fact(facts, 'ike-proposal:v1:10')?.partial).toBe(true)
  })
})
