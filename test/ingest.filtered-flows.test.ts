/**
 * A counter-only re-capture of `show crypto ipsec sa` (`| include encaps|decaps`) names no flow. It is
 * the flow the device's full view shows when only one can be meant (one flow, or one toward the peer
 * the view names); with several it stays apart and does not repeat a named flow's finding.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

/** One flow of `show crypto ipsec sa` on a crypto-map router, counters as given. */
function flow(iface: string, local: string, remote: string, peer: string, encaps: number, decaps: number, spiIn: string, spiOut: string): string[] {
  return [
    `interface: ${iface}`, '    Crypto map tag: VPN-MAP, local addr 192.0.2.66', '',
    '   protected vrf: (none)',
    `   local  ident (addr/mask/prot/port): (${local}/255.255.255.0/0/0)`,
    `   remote ident (addr/mask/prot/port): (${remote}/255.255.255.0/0/0)`,
    `   current_peer ${peer} port 500`, '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0', '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0', '    #send errors 0, #recv errors 0', '',
    `     local crypto endpt.: 192.0.2.66, remote crypto endpt.: ${peer}`,
    '     plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/1',
    `     current outbound spi: 0x${spiOut}(${parseInt(spiOut, 16)})`, '     PFS (Y/N): N, DH group: none', '',
    '     inbound esp sas:', `      spi: 0x${spiIn}(${parseInt(spiIn, 16)})`, '        transform: esp-256-aes esp-sha256-hmac ,', '        in use settings ={Tunnel, }',
    '        conn id: 2011, flow_id: SW:11, sibling_flags 80000046, crypto map: VPN-MAP',
    '        sa timing: remaining key lifetime (k/sec): (4331245/2417)', '        IV size: 16 bytes', '        replay detection support: Y', '        Status: ACTIVE(ACTIVE)', '',
    '     inbound ah sas:', '', '     inbound pcp sas:', '',
    '     outbound esp sas:', `      spi: 0x${spiOut}(${parseInt(spiOut, 16)})`, '        transform: esp-256-aes esp-sha256-hmac ,', '        in use settings ={Tunnel, }',
    '        conn id: 2012, flow_id: SW:12, sibling_flags 80000046, crypto map: VPN-MAP',
    '        sa timing: remaining key lifetime (k/sec): (4330801/2417)', '        IV size: 16 bytes', '        replay detection support: Y', '        Status: ACTIVE(ACTIVE)', '',
    '     outbound ah sas:', '', '     outbound pcp sas:', '',
  ]
}

const counters = (encaps: number, decaps: number) => [
  `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
  `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
]

const zeroDecaps = async (text: string) => {
  const doc = await ingestText(text, {file: 'r.txt'})
  const findings = (await diagnose(doc, {at: '2026-11-23T12:00:00Z'})).findings.filter((f) => f.ruleId === 'ipsec-zero-decaps')
  return {doc, findings}
}

describe('a counter-only filtered view of show crypto ipsec sa', () => {
  it('is the sole flow of the device: one flow, the later counters, one finding', async () => {
    const text = ['R-BRANCH#sh crypto ipsec sa', ...flow('GigabitEthernet0/1', '10.66.0.0', '10.200.0.0', '198.51.100.20', 1834, 0, '7B3E21A9', 'C4A1F00D'),
      'R-BRANCH#sh cry ipsec sa | i encaps|decaps', ...counters(1839, 0), 'R-BRANCH#'].join('\n')
    const {doc, findings} = await zeroDecaps(text)
    expect(doc.facts.ipsecFlow.map((f) => [f.remoteAddress, f.encaps, f.decaps])).toEqual([['198.51.100.20', 1839, 0]])
    expect(findings.map((f) => f.message)).toEqual(['Flow to 198.51.100.20: 1839 packets encapsulated, 0 decapsulated (one-way tunnel)'])
  })

  it('with a peer argument is the sole flow toward that peer among several', async () => {
    const text = ['R1#show crypto ipsec sa',
      ...flow('GigabitEthernet0/1', '10.66.0.0', '10.200.0.0', '198.51.100.20', 1834, 0, '7B3E21A9', 'C4A1F00D'),
      ...flow('GigabitEthernet0/1', '10.66.1.0', '10.201.0.0', '203.0.113.7', 900, 880, '1B3E21A9', '14A1F00D'),
      'R1#show crypto ipsec sa peer 198.51.100.20 | include encaps|decaps', ...counters(1840, 0), 'R1#'].join('\n')
    const {doc, findings} = await zeroDecaps(text)
    expect(doc.facts.ipsecFlow.map((f) => [f.remoteAddress, f.encaps])).toEqual([['198.51.100.20', 1840], ['203.0.113.7', 900]])
    expect(findings.map((f) => f.entity.label)).toHaveLength(1)
  })

  it('of a device with several flows stays apart, and does not repeat a named flow\'s finding', async () => {
    const text = ['R1#show crypto ipsec sa',
      ...flow('GigabitEthernet0/1', '10.66.0.0', '10.200.0.0', '198.51.100.20', 1834, 0, '7B3E21A9', 'C4A1F00D'),
      ...flow('GigabitEthernet0/1', '10.66.1.0', '10.201.0.0', '203.0.113.7', 900, 880, '1B3E21A9', '14A1F00D'),
      'R1#show crypto ipsec sa | include encaps|decaps', ...counters(1839, 0), ...counters(905, 885), 'R1#'].join('\n')
    const {doc, findings} = await zeroDecaps(text)
    expect(doc.facts.ipsecFlow).toHaveLength(4)
    expect(findings.map((f) => f.message)).toEqual(['Flow to 198.51.100.20: 1834 packets encapsulated, 0 decapsulated (one-way tunnel)'])
  })

  it('of a device with several flows, none of them one-way, keeps its own finding', async () => {
    const text = ['R1#show crypto ipsec sa',
      ...flow('GigabitEthernet0/1', '10.66.0.0', '10.200.0.0', '198.51.100.20', 1834, 1830, '7B3E21A9', 'C4A1F00D'),
      ...flow('GigabitEthernet0/1', '10.66.1.0', '10.201.0.0', '203.0.113.7', 900, 880, '1B3E21A9', '14A1F00D'),
      'R1#show crypto ipsec sa | include encaps|decaps', ...counters(1839, 0), ...counters(905, 885), 'R1#'].join('\n')
    const {findings} = await zeroDecaps(text)
    expect(findings).toHaveLength(1)
  })
})
