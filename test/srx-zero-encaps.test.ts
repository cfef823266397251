/**
 * SRX `show security ipsec statistics` with packets decrypted and none encrypted is ipsec-zero-encaps
 * (its statistics branch): the replies never enter the tunnel. Junos `show route` marks the next hop
 * in use with ">" followed by one or two spaces, by release; both are the selected next hop.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const stats = (encrypted: number, decrypted: number) => [
  'ops@srx1> show security ipsec statistics',
  'ESP Statistics:',
  `  Encrypted bytes:       ${encrypted * 100}`,
  `  Decrypted bytes:       ${decrypted * 100}`,
  `  Encrypted packets:     ${encrypted}`,
  `  Decrypted packets:     ${decrypted}`,
  'AH Statistics:',
  '  Input bytes:                    0',
  '  Output bytes:                   0',
  '  Input packets:                  0',
  '  Output packets:                 0',
  'Errors:',
  '  AH authentication failures: 0, Replay errors: 0',
  '  ESP authentication failures: 0, ESP decryption failures: 0',
  '  Bad headers: 0, Bad trailers: 0',
  'ops@srx1> ',
]

async function findings(lines: string[]) {
  const doc = await ingestText(lines.join('\n') + '\n', {file: 'srx1.txt'})
  return {doc, findings: (await diagnose(doc, {at: '2026-12-07T10:00:00Z'})).findings}
}

describe('SRX statistics', () => {
  it('decrypted, none encrypted: ipsec-zero-encaps on the statistics, an error', async () => {
    const {findings: f} = await findings(stats(0, 2243))
    const z = f.find((x) => x.ruleId === 'ipsec-zero-encaps')!
    expect([z.entity.kind, z.severity]).toEqual(['ipsecStats', 'error'])
    expect(z.message).toBe('IPsec statistics (device totals): 2243 packets decrypted, 0 encrypted (replies are not encrypted here)')
  })
  it('both ways, or nothing at all: no zero-encaps', async () => {
    expect((await findings(stats(2210, 2243))).findings.map((x) => x.ruleId)).not.toContain('ipsec-zero-encaps')
    expect((await findings(stats(0, 0))).findings.map((x) => x.ruleId)).not.toContain('ipsec-zero-encaps')
  })
})

describe('Junos show route', () => {
  for (const gap of [' ', '  ']) {
    it(`">${gap}to": the next hop in use is selected`, async () => {
      const {doc} = await findings(['ops@srx1> show route 10.60.0.0/24', '', 'inet.0: 14 destinations, 15 routes (14 active, 0 holddown, 0 hidden)', '+ = Active Route, - = Last Active, * = Both', '', '0.0.0.0/0          *[Static/5] 3w2d 04:11:08', `                    >${gap}to 203.0.113.1 via ge-0/0/0.0`, 'ops@srx1> '])
      expect(doc.facts.route.map((r) => [r.prefix, r.interface, r.selected])).toEqual([['0.0.0.0/0', 'ge-0/0/0.0', true]])
    })
  }
})
