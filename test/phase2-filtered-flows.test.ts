/**
 * A hub's `show crypto ipsec sa | i current_peer|encaps|decaps|errors` keeps each flow's counters and
 * drops its SA sections: the flows' SAs are unknown, not absent. Phase 1 up beside such flows is no
 * "phase 2 not established"; a filter that kept "current outbound spi: 0x0" still tells.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const ISAKMP = [
  'hub#show crypto isakmp sa',
  'IPv4 Crypto ISAKMP SA',
  'dst             src             state          conn-id status',
  '192.0.2.5       198.51.100.37   QM_IDLE          1307 ACTIVE',
  '198.51.100.42   192.0.2.5       QM_IDLE          1308 ACTIVE',
]
const filtered = (extra: string[]) => [
  ...ISAKMP,
  'hub#show crypto ipsec sa | i current_peer|encaps|decaps|errors|outbound spi',
  '   current_peer 198.51.100.37 port 500',
  '    #pkts encaps: 2157052, #pkts encrypt: 2157052, #pkts digest: 2157052',
  '    #pkts decaps: 3133559, #pkts decrypt: 3133559, #pkts verify: 3133559',
  '    #send errors 2, #recv errors 0',
  '   current_peer 198.51.100.42 port 500',
  '    #pkts encaps: 1117872, #pkts encrypt: 1117872, #pkts digest: 1117872',
  '    #pkts decaps: 1251337, #pkts decrypt: 1251337, #pkts verify: 1251337',
  ...extra,
  '    #send errors 0, #recv errors 0',
  'hub#',
].join('\n') + '\n'

async function phase2Findings(text: string): Promise<string[]> {
  const doc = await ingestText(text, {file: 'hub.txt'})
  const {findings} = await diagnose(doc, {at: '2025-07-16T12:00:00Z'})
  return findings.filter((f) => f.ruleId === 'ipsec-phase2-not-established').map((f) => f.message)
}

describe('phase 2 beside flows a filter cut down to their counters', () => {
  it('claims no missing phase 2 when the filter removed what would tell', async () => {
    expect(await phase2Findings(filtered([]))).toEqual([])
  })

  it('still finds it where the filter kept an outbound SPI of zero', async () => {
    const found = await phase2Findings(filtered(['     current outbound spi: 0x0(0)']))
    expect(found).toHaveLength(1)
    expect(found[0]).toContain('198.51.100.42')
  })
})
