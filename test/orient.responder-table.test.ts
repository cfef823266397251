/**
 * An IOS responder's or hub's `show crypto isakmp sa` captured without `show crypto ipsec sa`: the table
 * prints the router itself as dst on the rows its peers initiated (src/engine/orient.ts). Before, the
 * router's own address became the peer of every such row (blind captures: "Phase 1 to <the hub>").
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const at = '2026-11-23T12:00:00Z'
const table = (rows: string[], extra: string[] = []) =>
  ['HUB1#show crypto isakmp sa', 'IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status', ...rows, 'HUB1#', ...extra].join('\n')

async function stuckPeers(text: string): Promise<string[]> {
  const out = await diagnose(await ingestText(text, {file: 'hub1.txt'}), {at})
  return out.findings.filter((f) => f.ruleId.startsWith('ike-stuck-')).map((f) => f.message.replace(/^Phase 1 to (\S+) .*$/, '$1')).sort()
}

describe('IOS isakmp table of a responder, no IPsec output', () => {
  it('a hub answering two spokes: its address is in every row, the spokes are the peers', async () => {
    const text = table(['192.0.2.1       203.0.113.14    MM_KEY_EXCH       1034 ACTIVE', '192.0.2.1       203.0.113.27    MM_KEY_EXCH       1035 ACTIVE'])
    expect(await stuckPeers(text)).toEqual(['203.0.113.14', '203.0.113.27'])
  })

  it('an initiator to two peers is read as printed (its address is the src of every row)', async () => {
    const text = table(['203.0.113.14    192.0.2.1       MM_NO_STATE       1034 ACTIVE', '203.0.113.27    192.0.2.1       MM_NO_STATE       1035 ACTIVE'])
    expect(await stuckPeers(text)).toEqual(['203.0.113.14', '203.0.113.27'])
  })

  it('a responder with one established and one stuck peer: the stuck peer is not hidden by the other', async () => {
    // both rows have dst = the router; read as printed, both had the "peer" 203.0.113.10 and the QM_IDLE row hid the stuck one
    const text = table(['203.0.113.10    198.51.100.21   QM_IDLE           1038 ACTIVE', '203.0.113.10    198.51.100.22   MM_KEY_EXCH       1043 ACTIVE'])
    expect(await stuckPeers(text)).toEqual(['198.51.100.22'])
  })

  it('one row: the configured peer (crypto isakmp key ... address P) tells the sides apart', async () => {
    const config = ['HUB1#show running-config | section crypto isakmp', 'crypto isakmp policy 10', ' encr aes 256', ' authentication pre-share', ' group 14', 'crypto isakmp key 0 S3cret address 198.51.100.22']
    const text = table(['203.0.113.10    198.51.100.22   MM_KEY_EXCH       1043 ACTIVE'], config)
    expect(await stuckPeers(text)).toEqual(['198.51.100.22'])
  })

  it('one row and nothing else to tell: read as printed', async () => {
    const text = table(['203.0.113.10    198.51.100.22   MM_KEY_EXCH       1043 ACTIVE'])
    expect(await stuckPeers(text)).toEqual(['203.0.113.10'])
  })
})
