/**
 * A device that reloaded shortly before the capture names the first cause of its SPI findings: the
 * SAs its peer still uses were lost in the reload (show version "uptime is", Junos "System booted: ... ago").
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const capture = (uptime: string) => [
  'BR1#show version | include uptime',
  `BR1 uptime is ${uptime}`,
  'BR1#show crypto isakmp sa',
  'IPv4 Crypto ISAKMP SA',
  'dst             src             state          conn-id status',
  '',
  'BR1#show logging | include INV_SPI',
  "Jun 18 07:52:10.101: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=198.51.100.90, prot=50, spi=0x8F3C2A61(2403084897), srcaddr=203.0.113.1, input interface=GigabitEthernet0/0",
  'BR1#show running-config | section crypto map',
  'crypto map VPN 10 ipsec-isakmp',
  ' set peer 203.0.113.1',
  ' set transform-set TS',
  ' match address 101',
  'BR1#',
].join('\n') + '\n'

async function firstCause(uptime: string): Promise<string | undefined> {
  const doc = await ingestText(capture(uptime), {file: 'br1.txt'})
  const {findings} = await diagnose(doc, {at: '2026-06-18T08:00:00Z'})
  return findings.find((f) => f.ruleId === 'ipsec-invalid-spi')?.causes[0]
}

describe('a reload shortly before the capture', () => {
  it('is the first cause of an invalid SPI the peer still sends', async () => {
    expect(await firstCause('16 minutes')).toBe('BR1 reloaded 16 min before the capture (uptime is 16 minutes): the SAs its peer still uses were lost in the reload')
  })

  it('is not claimed for a device up for weeks', async () => {
    expect(await firstCause('3 weeks, 2 days, 4 hours, 11 minutes')).not.toMatch(/reloaded/)
  })
})
