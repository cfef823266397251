/**
 * ipsec-path-mtu-reduced compares the path mtu with the MTU of the interface as the output prints it:
 * `media mtu` (older IOS) or `ip mtu` with `ip mtu idb` (IOS 15.x, IOS-XE). A path mtu below it was
 * learned by PMTUD (ICMP "fragmentation needed" from the path); equal values are the default.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const RULE = 'ipsec-path-mtu-reduced'

const flow = (mtuLine: string, indent = '     ') => [
  'R1#show crypto ipsec sa',
  '',
  'interface: GigabitEthernet0/1',
  '    Crypto map tag: VPNMAP, local addr 198.51.100.9',
  '',
  '   protected vrf: (none)',
  '   local  ident (addr/mask/prot/port): (172.16.10.0/255.255.255.0/0/0)',
  '   remote ident (addr/mask/prot/port): (172.16.20.0/255.255.255.0/0/0)',
  '   current_peer 203.0.113.5 port 500',
  '     PERMIT, flags={origin_is_acl,}',
  '    #pkts encaps: 5120, #pkts encrypt: 5120, #pkts digest: 5120',
  '    #pkts decaps: 5098, #pkts decrypt: 5098, #pkts verify: 5098',
  '    #send errors 0, #recv errors 0',
  '',
  '     local crypto endpt.: 198.51.100.9, remote crypto endpt.: 203.0.113.5',
  indent + mtuLine,
  '     current outbound spi: 0x4F2A11C0(1328157120)',
  '',
]

async function mtuFinding(lines: string[]) {
  const doc = await ingestText(lines.join('\n') + '\nR1#\n', {file: 'r1.txt'})
  const {findings} = await diagnose(doc, {at: '2026-06-18T08:00:00Z'})
  const f = findings.find((x) => x.ruleId === RULE)
  return f && {severity: f.severity, message: f.message, evidence: f.evidence.map((e) => `${e.line} ${e.field} = ${e.value}`)}
}

describe('path mtu against the interface MTU', () => {
  it('older IOS: path mtu below media mtu', async () => {
    const f = await mtuFinding(flow('path mtu 1400, media mtu 1500'))
    expect(f?.severity).toBe('info')
    expect(f?.message).toBe('Flow to 203.0.113.5: path mtu 1400 < media mtu 1500')
    expect(f?.evidence).toEqual(expect.arrayContaining(['16 path mtu = 1400', '16 media mtu = 1500']))
  })

  it('IOS 15.x / IOS-XE: path mtu below ip mtu (no media mtu printed)', async () => {
    const f = await mtuFinding(flow('path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/1'))
    expect(f?.severity).toBe('info')
    expect(f?.message).toBe('Flow to 203.0.113.5: path mtu 1400 < ip mtu 1500')
    expect(f?.evidence).toEqual(expect.arrayContaining(['16 path mtu = 1400', '16 ip mtu = 1500']))
  })

  it('IPv6 endpoints: path mtu below ipv6 mtu', async () => {
    const f = await mtuFinding(flow('plaintext mtu 1342, path mtu 1400, ipv6 mtu 1500, ipv6 mtu idb GigabitEthernet0/1'))
    expect(f?.message).toBe('Flow to 203.0.113.5: path mtu 1400 < ipv6 mtu 1500')
  })

  it('IOS-XE with plaintext mtu, and the same line de-indented (pasted flush left)', async () => {
    const line = 'plaintext mtu 1342, path mtu 1400, ip mtu 1500, ip mtu idb GigabitEthernet0/1'
    for (const indent of ['     ', '']) {
      const f = await mtuFinding(flow(line, indent))
      expect(f?.message, JSON.stringify(indent)).toBe('Flow to 203.0.113.5: path mtu 1400 < ip mtu 1500')
    }
  })

  it('stays silent when path mtu equals the interface MTU, in either layout', async () => {
    expect(await mtuFinding(flow('path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/1'))).toBeUndefined()
    expect(await mtuFinding(flow('plaintext mtu 1438, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/1'))).toBeUndefined()
    expect(await mtuFinding(flow('path mtu 1500, media mtu 1500'))).toBeUndefined()
  })

  it('stays silent when the interface ip mtu itself is lowered (path mtu follows it, no PMTUD)', async () => {
    expect(await mtuFinding(flow('path mtu 1400, ip mtu 1400, ip mtu idb GigabitEthernet0/1'))).toBeUndefined()
  })
})
