/**
 * MX `services service-set S`: "ipsec-vpn-options local-gateway A" is the local address of the
 * tunnels of the rules the set applies ("ipsec-vpn-rules R"); its interfaces are not modelled and
 * are accounted, never "statement outside security ike|ipsec".
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'

const RULES = [
  'set services ipsec-vpn rule RULE-BR7 term T1 from source-address 10.10.0.0/16',
  'set services ipsec-vpn rule RULE-BR7 term T1 then remote-gateway 198.51.100.70',
  'set services ipsec-vpn rule RULE-BR7 term T1 then dynamic ike-policy IKE-POL',
  'set services ipsec-vpn rule RULE-BR7 match-direction input',
]
const SET = [
  'set services service-set SS-BR7 next-hop-service inside-service-interface ms-2/0/0.71',
  'set services service-set SS-BR7 next-hop-service outside-service-interface ms-2/0/0.72',
  'set services service-set SS-BR7 ipsec-vpn-options local-gateway 203.0.113.1',
  'set services service-set SS-BR7 ipsec-vpn-rules RULE-BR7',
]

describe('MX service set', () => {
  it("gives its local gateway to the tunnels of its rules, whichever statements come first", async () => {
    for (const order of [[...RULES, ...SET], [...SET, ...RULES]]) {
      const doc = await ingestText(['netops@mx1> show configuration | display set', ...order, 'netops@mx1> '].join('\n') + '\n', {file: 'mx1.txt'})
      expect(doc.facts.vpnTunnel.map((v) => [v.name, v.tunnelSource, v.tunnelDestination])).toEqual([['RULE-BR7/T1', '203.0.113.1', '198.51.100.70']])
      expect(doc.facts.ikeGateway.map((g) => [g.localAddress, g.peers])).toEqual([['203.0.113.1', ['198.51.100.70']]])
      expect(doc.summary.unparsedLines).toBe(0)
    }
  })

  it('shown on its own, is read without a line left unparsed', async () => {
    const doc = await ingestText(['netops@mx1> show configuration services service-set SS-BR7 | display set', ...SET, 'netops@mx1> '].join('\n') + '\n', {file: 'mx1.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
  })
})
