/**
 * One parser, several views: the aliases of a parser that are different outputs (ASA `show
 * running-config ipsec` / `tunnel-group`, IOS `show crypto isakmp sa count` / `show crypto ipsec sa
 * count`) are all kept, while the same view captured twice still keeps only the later output.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ingestFiles, ingestText} from '../src/ingest/index.js'

describe('views of one parser are kept side by side', () => {
  it('isakmp and ipsec SA counts of one router both give their counters', async () => {
    const text = [
      'R1#show crypto isakmp sa count', "Active ISAKMP SA's: 2", "Dead ISAKMP SA's: 0",
      'R1#show crypto ipsec sa count', 'IPsec SA total: 6, active: 6, rekeying: 0, unused: 0, invalid: 0',
      'R1#',
    ].join('\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.facts.statusCounter.map((c) => c.set).sort()).toEqual(['ipsec-sa-count', 'isakmp-sa-count', 'isakmp-sa-count'])
    expect(doc.diagnostics.filter((d) => d.message.includes('appears again'))).toEqual([])
  })

  it('ASA running-config ipsec and tunnel-group both reach the facts', async () => {
    const text = [
      'asa# show running-config ipsec', 'crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac',
      'asa# show running-config tunnel-group', 'tunnel-group 203.0.113.9 type ipsec-l2l', 'tunnel-group 203.0.113.9 ipsec-attributes', ' ikev1 pre-shared-key *****',
      'asa#',
    ].join('\n')
    const doc = await ingestText(text, {file: 'asa.txt'})
    expect(doc.facts.ipsecProposal.map((p) => p.name)).toEqual(['TS'])
    expect(doc.facts.ikeGateway.map((g) => [g.name, g.pskSet])).toEqual([['203.0.113.9', true]])
  })

  it('the same view captured twice (abbreviated the second time) keeps the later one', async () => {
    const text = [
      'R1#show crypto isakmp sa count', "Active ISAKMP SA's: 2",
      'R1#sh cry isa sa count', "Active ISAKMP SA's: 3",
      'R1#',
    ].join('\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.facts.statusCounter.map((c) => c.value)).toEqual([3])
    expect(doc.diagnostics.some((d) => d.message.includes('appears again'))).toBe(true)
  })

  it('a plain and a detail view of one SA are one SA with the values of both: no duplicate-SA finding', async () => {
    const text = [
      'R1#show crypto isakmp sa', 'dst src state conn-id slot status', '192.0.2.2 203.0.113.1 MM_NO_STATE 1004 0 ACTIVE',
      'R1#show crypto isakmp sa detail', 'Codes: C - IKE configuration mode, D - Dead Peer Detection', 'K - Keepalives, N - NAT-traversal',
      'T - cTCP encapsulation, X - IKE Extended Authentication', 'psk - Preshared key, rsig - RSA signature', 'renc - RSA encryption', 'IPv4 Crypto ISAKMP SA',
      'C-id Local Remote I-VRF Status Encr Hash Auth DH Lifetime Cap.', '1004 203.0.113.1 192.0.2.2 ACTIVE aes sha psk 14 23:59:58', 'Engine-id:Conn-id = SW:4',
      'R1#',
    ].join('\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.facts.ikeSa.map((s) => [s.stateRaw, s.state, s.dhGroup, s.connId])).toEqual([['MM_NO_STATE', 'negotiating', 14, 1004]])
    expect(doc.diagnostics.map((d) => d.message)).toContain('r1.txt:3: 1 record(s) of "show crypto isakmp sa" for R1 are printed again by another view of the command; each is read once, with the values of both')
    const ids = (await diagnose(doc, {at: '2026-12-01T00:00:00Z'})).findings.map((f) => f.ruleId)
    expect(ids).toContain('ike-stuck-mm-no-state')
    expect(ids).not.toContain('ike-duplicate-sas')
  })

  it('two SAs to one peer in one view stay two', async () => {
    const text = ['R1#show crypto isakmp sa', 'dst src state conn-id slot status', '192.0.2.2 203.0.113.1 QM_IDLE 1004 0 ACTIVE', '192.0.2.2 203.0.113.1 MM_NO_STATE 1005 0 ACTIVE', 'R1#'].join('\n')
    expect((await ingestText(text, {file: 'r1.txt'})).facts.ikeSa).toHaveLength(2)
  })
})

describe('views in two files', () => {
  it('are two captures (maybe at different times): the records stay apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'views-'))
    writeFileSync(join(dir, 'r1-a.txt'), ['R1#show crypto isakmp sa', 'dst src state conn-id slot status', '192.0.2.2 203.0.113.1 MM_NO_STATE 1004 0 ACTIVE', 'R1#'].join('\n'))
    writeFileSync(join(dir, 'r1-b.txt'), ['R1#show crypto isakmp sa detail', 'IPv4 Crypto ISAKMP SA', 'C-id Local Remote I-VRF Status Encr Hash Auth DH Lifetime Cap.', '1004 203.0.113.1 192.0.2.2 ACTIVE aes sha psk 14 23:59:58', 'R1#'].join('\n'))
    const doc = await ingestFiles([join(dir, 'r1-a.txt'), join(dir, 'r1-b.txt')])
    expect(doc.facts.ikeSa.map((s) => [s.source.file.endsWith('r1-a.txt') ? 'a' : 'b', s.stateRaw])).toEqual([['a', 'MM_NO_STATE'], ['b', null]])
  })
})
