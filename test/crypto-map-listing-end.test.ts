/**
 * "Interfaces using crypto map X:" with no interface under it. Followed by the device's next prompt,
 * the listing is whole and the map is applied nowhere (config-crypto-map-not-applied). At the end of
 * a paste it may have been cut there, so the map stays partial and nothing is claimed.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const MAP = [
  'WH9#show crypto map',
  'Crypto Map IPv4 "BRANCH-MAP" 20 ipsec-isakmp',
  '        Peer = 192.0.2.90',
  '        Extended IP access list BR-ACL',
  '            access-list BR-ACL permit ip 10.90.0.0 0.0.0.255 10.0.0.0 0.255.255.255',
  '        Current peer: 192.0.2.90',
  '        Security association lifetime: 4608000 kilobytes/3600 seconds',
  '        PFS (Y/N): N',
  '        Transform sets={ ',
  '                TS1:  { esp-aes esp-sha-hmac  } , ',
  '        }',
  '        Interfaces using crypto map BRANCH-MAP:',
]

async function run(text: string) {
  const doc = await ingestText(text, {file: 'wh9.txt'})
  const result = await diagnose(doc, {at: '2026-12-07T10:00:00Z'})
  return {map: doc.facts.cryptoMap[0], ids: result.findings.map((f) => f.ruleId)}
}

describe('the interface listing at the end of show crypto map', () => {
  it('followed by the next prompt: whole, and the map is applied nowhere', async () => {
    for (const next of ['WH9#show crypto isakmp sa\nIPv4 Crypto ISAKMP SA\ndst src state conn-id status\n', 'WH9#\n']) {
      const {map, ids} = await run([...MAP, '', next].join('\n'))
      expect(map.partial).toBeUndefined()
      expect(ids).toContain('config-crypto-map-not-applied')
    }
  })

  it('at the end of the paste: maybe cut, so partial and no finding', async () => {
    const {map, ids} = await run(MAP.join('\n') + '\n')
    expect(map.partial).toBe(true)
    expect(ids).not.toContain('config-crypto-map-not-applied')
  })

  it('closed by a code fence at the end of the paste: still not known to be whole', async () => {
    const {map, ids} = await run(['```', ...MAP, '```', ''].join('\n'))
    expect(map.partial).toBe(true)
    expect(ids).not.toContain('config-crypto-map-not-applied')
  })
})
