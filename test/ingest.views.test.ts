/**
 * One parser, several views: the aliases of a parser that are different outputs (ASA `show
 * running-config ipsec` / `tunnel-group`, IOS `show crypto isakmp sa count` / `show crypto ipsec sa
 * count`) are all kept, while the same view captured twice still keeps only the later output.
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'

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
})
