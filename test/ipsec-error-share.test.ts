/**
 * Send / recv errors of a flow against its packets, in the message: a share of the packets when
 * packets passed, and "no packet was encapsulated" when none did (ratio() gives 1 there, which read
 * "(1 of the packets)").
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

function capture(encaps: number, decaps: number, sendErrors: number, recvErrors: number): string {
  return [
    'BR7-RTR#show crypto ipsec sa', '',
    'interface: GigabitEthernet0/0/0', '    Crypto map tag: CMAP, local addr 192.0.2.77', '',
    '   protected vrf: (none)',
    '   local  ident (addr/mask/prot/port): (10.1.1.0/255.255.255.0/0/0)',
    '   remote ident (addr/mask/prot/port): (10.2.3.0/255.255.255.0/0/0)',
    '   current_peer 198.51.100.40 port 500', '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest: ${encaps}`,
    `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify: ${decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0', '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0', `    #send errors ${sendErrors}, #recv errors ${recvErrors}`, '',
    '     local crypto endpt.: 192.0.2.77, remote crypto endpt.: 198.51.100.40',
    '     plaintext mtu 1500, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0/0',
    '     current outbound spi: 0x0(0)', '     PFS (Y/N): N, DH group: none', '',
    '     inbound esp sas:', '', '     inbound ah sas:', '', '     inbound pcp sas:', '',
    '     outbound esp sas:', '', '     outbound ah sas:', '', '     outbound pcp sas:', '',
    'BR7-RTR#',
  ].join('\n')
}

async function messages(text: string, rule: string): Promise<string[]> {
  const doc = await ingestText(text, {file: 'br7.txt'})
  return (await diagnose(doc, {at: '2026-11-23T12:00:00Z'})).findings.filter((f) => f.ruleId === rule).map((f) => f.message)
}

describe('error counters against the packets of the flow', () => {
  it('send errors on a flow that encapsulated nothing say so', async () => {
    expect(await messages(capture(0, 0, 14, 0), 'ipsec-send-errors')).toEqual(['Flow to 198.51.100.40: 14 send errors (no packet was encapsulated)'])
  })

  it('send errors on a flow with traffic give their share in percent', async () => {
    expect(await messages(capture(2800, 2790, 14, 0), 'ipsec-send-errors')).toEqual(['Flow to 198.51.100.40: 14 send errors (0.5 % of 2800 packets encapsulated)'])
  })

  it('recv errors read the same way', async () => {
    expect(await messages(capture(2800, 2790, 0, 3), 'ipsec-recv-errors')).toEqual(['Flow to 198.51.100.40: 3 recv errors (0.11 % of 2790 packets decapsulated)'])
  })
})
