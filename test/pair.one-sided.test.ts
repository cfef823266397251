/**
 * A pair where one device never prints its own address: the hub's IKE table, SA table and inactive
 * tunnel list name only remote gateways. The spoke's detail output names both ends, so the hub's
 * inactive tunnel toward the spoke is the other end of the spoke's tunnel toward the hub; the spoke
 * still holds SAs the rebooted hub does not: "A holds SAs and B holds none" (pair-spi-mismatch).
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText, mergeDocuments} from '../src/ingest/index.js'

const HUB = [
  'admin@hub> show system uptime',
  'Current time: 2026-03-02 08:20:00 UTC',
  'System booted: 2026-03-02 08:01:10 UTC (00:18:50 ago)',
  'admin@hub> show security ike security-associations',
  'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
  '5501    UP     1a2b3c4d5e6f7081  90a1b2c3d4e5f607  IKEv2          192.0.2.61',
  'admin@hub> show security ipsec security-associations',
  '  Total active tunnels: 1     Total Ipsec sas: 1',
  '  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway',
  '  <131073 ESP:aes-gcm-256/None 1111aaaa 3000/ unlim - root 500 192.0.2.61',
  '  >131073 ESP:aes-gcm-256/None 2222bbbb 3000/ unlim - root 500 192.0.2.61',
  'admin@hub> show security ipsec inactive-tunnels',
  '  Total inactive tunnels: 1',
  '  Total inactive tunnels with establish immediately: 0',
  '  ID       Port  Nego#  Fail#  Flag      Gateway          Tunnel Down Reason',
  '  131074   500   0      0      600a29    203.0.113.90     Tunnel is ready. Waiting for trigger event or peer to trigger negotiation',
  'admin@hub> ',
]
const SPOKE = [
  'admin@spoke> show system uptime',
  'Current time: 2026-03-02 08:20:20 UTC',
  'admin@spoke> show security ipsec security-associations detail',
  '  ID: 131073 Virtual-system: root, VPN Name: VPN-HUB',
  '  Local Gateway: 203.0.113.90, Remote Gateway: 198.51.100.5',
  '  Local Identity: ipv4(0.0.0.0-255.255.255.255)',
  '  Remote Identity: ipv4(0.0.0.0-255.255.255.255)',
  '  Version: IKEv2',
  '    Direction: inbound, SPI: 3333cccc, AUX-SPI: 0',
  '    Hard lifetime: Expires in 1500 seconds',
  '    Mode: Tunnel(0 0), Type: dynamic, State: installed',
  '    Protocol: ESP, Authentication: None, Encryption: aes-gcm (256 bits)',
  '    Direction: outbound, SPI: 4444dddd, AUX-SPI: 0',
  '    Hard lifetime: Expires in 1500 seconds',
  '    Mode: Tunnel(0 0), Type: dynamic, State: installed',
  '    Protocol: ESP, Authentication: None, Encryption: aes-gcm (256 bits)',
  'admin@spoke> ',
]

async function run(hub: string[]) {
  const docs = [await ingestText(hub.join('\n') + '\n', {file: 'hub.txt'}), await ingestText(SPOKE.join('\n') + '\n', {file: 'spoke.txt'})]
  return diagnose(mergeDocuments(docs), {at: '2026-03-02T08:21:00Z'})
}

describe('a pair where one end never prints its own address', () => {
  it("pairs the hub's inactive tunnel with the spoke's tunnel and finds the SAs only the spoke holds", async () => {
    const {findings} = await run(HUB)
    expect(findings.some((f) => f.ruleId === 'pair-unmatched')).toBe(false)
    const spi = findings.find((f) => f.ruleId === 'pair-spi-mismatch')
    expect(spi?.message).toContain('spoke holds SAs toward hub (outbound 0x4444DDDD) and hub holds none')
    // the hub's "System booted: ... (00:18:50 ago)" names why
    expect(spi?.causes[0]).toMatch(/^hub reloaded 19 min before the capture/)
  })

  it('does not pair when the hub shows no state toward the spoke, only a tunnel to another gateway', async () => {
    const {findings} = await run(HUB.filter((l) => !l.includes('203.0.113.90')))
    expect(findings.some((f) => f.ruleId === 'pair-spi-mismatch')).toBe(false)
  })
})
