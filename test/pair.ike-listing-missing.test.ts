/**
 * pair-one-side-stuck on an end whose IKE SA listing was not captured: absence of a command's output
 * is unknown, not "no IKE SA". An MX (services) end that printed only `ike statistics` (a live IKE
 * peer block) and `ipsec security-associations` (SAs installed toward the ASA) is not stuck; the same
 * end whose `ike security-associations` listing IS captured and holds nothing toward the ASA still is.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText, mergeDocuments} from '../src/ingest/index.js'

const ASA = [
  'fw-edge# show crypto ikev1 sa',
  '',
  'IKEv1 SAs:',
  '',
  '   Active SA: 1',
  '    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)',
  'Total IKE SA: 1',
  '',
  '1   IKE Peer: 198.18.40.2',
  '    Type    : L2L             Role    : initiator',
  '    Rekey   : no              State   : MM_ACTIVE',
  '',
  'fw-edge# show crypto ipsec sa',
  'interface: outside',
  '    Crypto map tag: outside_map, seq num: 10, local addr: 203.0.113.61',
  '',
  '      local ident (addr/mask/prot/port): (172.20.0.0/255.255.0.0/0/0)',
  '      remote ident (addr/mask/prot/port): (10.77.0.0/255.255.0.0/0/0)',
  '      current_peer: 198.18.40.2',
  '',
  '      #pkts encaps: 410, #pkts encrypt: 410, #pkts digest: 410',
  '      #pkts decaps: 395, #pkts decrypt: 395, #pkts verify: 395',
  '      #send errors: 0, #recv errors: 0',
  '',
  '      local crypto endpt.: 203.0.113.61/0, remote crypto endpt.: 198.18.40.2/0',
  '      path mtu 1500, ipsec overhead 74(44), media mtu 1500',
  '      current outbound spi: 4A11C0DE',
  '      current inbound spi : 7B22D0E5',
  '',
  '    inbound esp sas:',
  '      spi: 0x7B22D0E5 (2065879269)',
  '         SA State: active',
  '         transform: esp-aes-256 esp-sha-256-hmac no compression ',
  '         in use settings ={L2L, Tunnel, IKEv1, }',
  '         slot: 0, conn_id: 4096, crypto-map: outside_map',
  '         sa timing: remaining key lifetime (kB/sec): (4373980/2950)',
  '    outbound esp sas:',
  '      spi: 0x4A11C0DE (1242677470)',
  '         SA State: active',
  '         transform: esp-aes-256 esp-sha-256-hmac no compression ',
  '         in use settings ={L2L, Tunnel, IKEv1, }',
  '         slot: 0, conn_id: 4096, crypto-map: outside_map',
  '         sa timing: remaining key lifetime (kB/sec): (4373980/2950)',
  '',
].join('\n')

/** One SA of a Junos services `ipsec security-associations detail` block. */
const junosSa = (direction: string, spi: number) => [
  `    Direction: ${direction}, SPI: ${spi}, AUX-SPI: 0`,
  '      Mode: tunnel, Type: dynamic, State: Installed',
  '      Protocol: ESP, Authentication: hmac-sha256-128, Encryption: aes-cbc (256 bits)',
  '      Soft lifetime: Expires in 2400 seconds',
  '      Hard lifetime: Expires in 2950 seconds',
  '      Anti-replay service: Enabled, Replay window size: 64',
  '',
]

/** The MX's IPsec SAs toward the ASA, mirroring its SPIs (inbound = ASA outbound and back). */
const MX_IPSEC = [
  'ops@mx-core> show services ipsec-vpn ipsec security-associations detail',
  'Service set: SS-EDGE, IKE Routing-instance: default',
  '',
  '  Rule: R-EDGE, Term: t1, Tunnel index: 3',
  '  Local gateway: 198.18.40.2, Remote gateway: 203.0.113.61',
  '  IPSec inside interface: ms-1/2/0.20, Tunnel MTU: 1500',
  '  UDP encapsulate: Disabled, UDP Destination port: 0',
  '  Local identity: ipv4_subnet(any:0,[0..7]=10.77.0.0/16)',
  '  Remote identity: ipv4_subnet(any:0,[0..7]=172.20.0.0/16)',
  '',
  ...junosSa('inbound', 1242677470),
  ...junosSa('outbound', 2065879269),
].join('\n')

const MX_STATS = [
  'ops@mx-core> show services ipsec-vpn ike statistics 203.0.113.61',
  'IKE peer 203.0.113.61',
  '   Initiator cookie: 91c2e3f4a5b60718, Responder cookie: 2a3b4c5d6e7f8091',
  '  Local: 198.18.40.2, Remote: 203.0.113.61',
  '  IPSec security associations: 3 created, 2 deleted',
  '  IPSec tunnel rekeys:                                      1',
  '  Traffic statistics:',
  '   Input  bytes  :                                       9120',
  '   Output bytes  :                                       9480',
  '   Input  packets:                                         96',
  '   Output packets:                                        100',
  '  Delete IPsec SA payload statistics :',
  '   Delete IPsec SA payloads received:                       1',
  '   Delete IPsec SA payloads sent:                           1',
  '  DPD statistics:',
  '   R-U-THERE notifications received:                       40',
  '   R-U-THERE notifications sent:                           41',
  '   R-U-THERE-ACK notifications received:                   41',
  '   R-U-THERE-ACK notifications sent:                       40',
  '   R-U-THERE-ACK notifications missed:                      0',
  '   Worst case R-U-THERE-ACK delay:                         12 msec',
  '  Invalid SPI notification statistics:',
  '   Notifications received:                                  0',
  '   Notifications sent:                                      0',
  '',
].join('\n')

/** The MX's IKE SA listing: only another peer, nothing toward the ASA. */
const MX_IKE_OTHER_PEER = [
  'ops@mx-core> show services ipsec-vpn ike security-associations',
  'Service set: SS-BRANCH, IKE Routing-instance: default',
  '',
  'Remote Address  State         Initiator cookie  Responder cookie  Exchange type',
  '192.0.2.130     Matured       0f1e2d3c4b5a6978  8877665544332211  Main',
  '',
].join('\n')

async function ruleIds(files: Record<string, string>): Promise<string[]> {
  const docs = []
  for (const [file, text] of Object.entries(files)) docs.push(await ingestText(text, {file}))
  const result = await diagnose(mergeDocuments(docs), {at: '2026-12-07T10:00:00Z'})
  return result.findings.map((f) => f.ruleId)
}

describe('pair-one-side-stuck when one end printed no IKE SA listing', () => {
  it('is silent when that end has a live IKE statistics block and IPsec SAs installed toward the peer', async () => {
    const ids = await ruleIds({'fw-edge.txt': ASA, 'mx-core.txt': `${MX_IPSEC}\n${MX_STATS}`})
    expect(ids).not.toContain('pair-one-side-stuck')
  })

  it('is silent when that end has only a live IKE statistics block', async () => {
    const ids = await ruleIds({'fw-edge.txt': ASA, 'mx-core.txt': MX_STATS})
    expect(ids).not.toContain('pair-one-side-stuck')
  })

  it('is silent when that end has only IPsec SAs installed toward the peer', async () => {
    const ids = await ruleIds({'fw-edge.txt': ASA, 'mx-core.txt': MX_IPSEC})
    expect(ids).not.toContain('pair-one-side-stuck')
  })

  it('is silent when the IKE SA listing is captured but IPsec SAs toward the peer are installed', async () => {
    const ids = await ruleIds({'fw-edge.txt': ASA, 'mx-core.txt': `${MX_IKE_OTHER_PEER}\n${MX_IPSEC}`})
    expect(ids).not.toContain('pair-one-side-stuck')
  })

  it('still fires when that end\'s IKE SA listing is captured and holds nothing toward the peer', async () => {
    const ids = await ruleIds({'fw-edge.txt': ASA, 'mx-core.txt': `${MX_IKE_OTHER_PEER}\n${MX_STATS.replace('2a3b4c5d6e7f8091', '0000000000000000')}`})
    expect(ids).toContain('pair-one-side-stuck')
  })
})
