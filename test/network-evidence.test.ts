/**
 * Route and interface outputs captured beside the VPN outputs name the first cause of a finding when
 * they explain it (src/engine/network-evidence.ts): the remote network routed out another interface,
 * the peer routed into a tunnel, the crypto interface down, a NAT translation without exemption.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

// a flow whose replies are never encrypted here: decaps 412, encaps 0
const ZERO_ENCAPS = [
  'R1#show crypto ipsec sa',
  '',
  'interface: GigabitEthernet0/0',
  '    Crypto map tag: CMAP, local addr 198.51.100.7',
  '',
  '   protected vrf: (none)',
  '   local  ident (addr/mask/prot/port): (10.10.0.0/255.255.0.0/0/0)',
  '   remote ident (addr/mask/prot/port): (10.20.0.0/255.255.0.0/0/0)',
  '   current_peer 203.0.113.5 port 500',
  '     PERMIT, flags={origin_is_acl,}',
  '    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0',
  '    #pkts decaps: 412, #pkts decrypt: 412, #pkts verify: 412',
  '    #send errors 0, #recv errors 0',
  '',
  '     local crypto endpt.: 198.51.100.7, remote crypto endpt.: 203.0.113.5',
  '     current outbound spi: 0x4F2A11C0(1328157120)',
  '',
  '     inbound esp sas:',
  '      spi: 0x9A1B2C3D(2585471037)',
  '        transform: esp-aes esp-sha-hmac ,',
  '        in use settings ={Tunnel, }',
  '        conn id: 2001, flow_id: SW:1, crypto map: CMAP',
  '        sa timing: remaining key lifetime (k/sec): (4607999/3100)',
  '        Status: ACTIVE',
  '',
  '     outbound esp sas:',
  '      spi: 0x4F2A11C0(1328157120)',
  '        transform: esp-aes esp-sha-hmac ,',
  '        in use settings ={Tunnel, }',
  '        conn id: 2002, flow_id: SW:2, crypto map: CMAP',
  '        sa timing: remaining key lifetime (k/sec): (4608000/3100)',
  '        Status: ACTIVE',
  '',
]

const route = (lines: string[]) => ['R1#show ip route 10.20.0.0', ...lines]

async function causesOf(lines: string[], rule: string): Promise<{causes: string[]; evidence: string[]}> {
  const doc = await ingestText(lines.join('\n') + '\nR1#\n', {file: 'r1.txt'})
  const {findings} = await diagnose(doc, {at: '2026-06-18T08:00:00Z'})
  const f = findings.find((x) => x.ruleId === rule)
  if (!f) throw new Error(`${rule} did not fire: ${findings.map((x) => x.ruleId).join(', ')}`)
  return {causes: f.causes, evidence: f.evidence.map((e) => `${e.line} ${e.field} = ${e.value}`)}
}

describe('the route to the remote network', () => {
  it('out another interface is the first cause of replies never encrypted', async () => {
    const {causes, evidence} = await causesOf([...ZERO_ENCAPS, ...route(['Gateway of last resort is 198.51.100.1 to network 0.0.0.0', '', 'S*    0.0.0.0/0 [1/0] via 198.51.100.1', '      10.0.0.0/8 is variably subnetted, 3 subnets, 2 masks', 'S        10.20.0.0/16 [1/0] via 10.10.0.254, GigabitEthernet0/1'])], 'ipsec-zero-encaps')
    expect(causes[0]).toBe('The route to the remote network 10.20.0.0/16 is 10.20.0.0/16 (S) via 10.10.0.254, GigabitEthernet0/1: that traffic leaves by GigabitEthernet0/1, not by GigabitEthernet0/0, the crypto map\'s interface, so it never enters the tunnel')
    expect(evidence).toContain('39 route = 10.20.0.0/16 (S) via 10.10.0.254, GigabitEthernet0/1')
  })

  it('connected to a local interface is an overlapping subnet', async () => {
    const {causes} = await causesOf([...ZERO_ENCAPS, ...route(['C        10.20.0.0/16 is directly connected, GigabitEthernet0/2'])], 'ipsec-zero-encaps')
    expect(causes[0]).toMatch(/^The route to the remote network 10\.20\.0\.0\/16 is 10\.20\.0\.0\/16 \(C\) via GigabitEthernet0\/2 \(the remote network overlaps a local one\)/)
  })

  it('out the crypto interface itself, even abbreviated, names nothing', async () => {
    const {causes} = await causesOf([...ZERO_ENCAPS, 'R1#show ip interface brief', 'Interface              IP-Address      OK? Method Status                Protocol', 'Gi0/0                  198.51.100.7    YES NVRAM  up                    up', ...route(['S*    0.0.0.0/0 [1/0] via 198.51.100.1, Gi0/0'])], 'ipsec-zero-encaps')
    expect(causes[0]).toBe('The local return traffic misses the local crypto ACL')
  })
})

describe('a route-based tunnel', () => {
  it('whose remote network is routed out the physical interface is named against the tunnel interface', async () => {
    const vti = ZERO_ENCAPS.map((l) => l.replace('interface: GigabitEthernet0/0', 'interface: Tunnel100'))
    const {causes} = await causesOf([...vti, ...route(['S*    0.0.0.0/0 [1/0] via 198.51.100.1, GigabitEthernet0/0'])], 'ipsec-zero-encaps')
    expect(causes[0]).toBe('The route to the remote network 10.20.0.0/16 is 0.0.0.0/0 (S*) via 198.51.100.1, GigabitEthernet0/0: that traffic leaves by GigabitEthernet0/0, not by Tunnel100, the tunnel interface, so it never enters the tunnel')
  })
})

describe('interface state', () => {
  it('the crypto map interface down leads', async () => {
    const {causes, evidence} = await causesOf([...ZERO_ENCAPS, 'R1#show ip interface brief', 'Interface              IP-Address      OK? Method Status                Protocol', 'GigabitEthernet0/0     198.51.100.7    YES NVRAM  up                    down'], 'ipsec-zero-encaps')
    expect(causes[0]).toBe('GigabitEthernet0/0 is up, line protocol down: nothing is sent or received on it')
    expect(evidence).toContain('36 interface = GigabitEthernet0/0 up, line protocol down')
  })

  it('a tunnel interface whose line protocol is down names nothing (it follows the SA)', async () => {
    const vti = ZERO_ENCAPS.map((l) => l.replace('interface: GigabitEthernet0/0', 'interface: Tunnel100'))
    const {causes} = await causesOf([...vti, 'R1#show ip interface brief', 'Interface              IP-Address      OK? Method Status                Protocol', 'Tunnel100              172.16.0.1      YES NVRAM  up                    down'], 'ipsec-zero-encaps')
    expect(causes[0]).toBe('The local return traffic misses the local crypto ACL')
  })

  it('a tunnel interface shut down leads', async () => {
    const vti = ZERO_ENCAPS.map((l) => l.replace('interface: GigabitEthernet0/0', 'interface: Tunnel100'))
    const {causes} = await causesOf([...vti, 'R1#show ip interface brief', 'Interface              IP-Address      OK? Method Status                Protocol', 'Tunnel100              172.16.0.1      YES NVRAM  administratively down down'], 'ipsec-zero-encaps')
    expect(causes[0]).toBe('Tunnel100 is administratively down: nothing is sent or received on it')
  })
})

describe('the route to the peer', () => {
  const stuck = ['R1#show crypto isakmp sa', 'IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status', '203.0.113.5     198.51.100.7    MM_NO_STATE       1001 ACTIVE']
  it('into a tunnel interface is recursive routing', async () => {
    const {causes} = await causesOf([...stuck, 'R1#show ip route 203.0.113.5', 'S        203.0.113.0/24 [1/0] via 172.16.0.2, Tunnel100'], 'ike-stuck-mm-no-state')
    expect(causes[0]).toBe('The route to the peer 203.0.113.5 is 203.0.113.0/24 (S) via 172.16.0.2, Tunnel100, a tunnel interface: IKE packets to the peer are sent into the tunnel they are to build (recursive routing)')
  })
  it('out a physical interface names nothing', async () => {
    const {causes} = await causesOf([...stuck, 'R1#show ip route 203.0.113.5', 'S*    0.0.0.0/0 [1/0] via 198.51.100.1, GigabitEthernet0/0'], 'ike-stuck-mm-no-state')
    expect(causes.join('\n')).not.toMatch(/route to the peer/)
  })
})

describe('a NAT translation', () => {
  const nat = (rows: string[]) => ['R1#show ip nat translations', 'Pro  Inside global         Inside local          Outside local         Outside global', ...rows, 'Total number of translations: 1']

  it('of a local host, for traffic to the remote network, is the missing NAT exemption', async () => {
    const {causes, evidence} = await causesOf([...ZERO_ENCAPS, ...nat(['tcp  203.0.113.5:1024      10.10.1.5:51000       10.20.0.9:445         10.20.0.9:445'])], 'ipsec-zero-encaps')
    expect(causes[0]).toBe('NAT translates 10.10.1.5 to 203.0.113.5 for traffic to 10.20.0.9: the translated packet no longer matches the crypto ACL, so it is not encrypted (missing NAT exemption)')
    expect(evidence).toContain('36 natTranslation = tcp 203.0.113.5:1024 10.10.1.5:51000 10.20.0.9:445 10.20.0.9:445')
  })

  it('filtered, abbreviated and with its static entry beside it, still leads', async () => {
    const rows = ['R1#sh ip nat tr | include 10.10.1', '---  198.51.100.140        10.10.1.20            ---                   ---', 'icmp 198.51.100.140:4      10.10.1.20:4          10.20.4.1:4           10.20.4.1:4']
    const {causes} = await causesOf([...ZERO_ENCAPS, ...rows], 'ipsec-zero-encaps')
    expect(causes[0]).toMatch(/^NAT translates 10\.10\.1\.20 to 198\.51\.100\.140 for traffic to 10\.20\.4\.1: /)
  })

  it('that is an identity translation names nothing', async () => {
    const {causes} = await causesOf([...ZERO_ENCAPS, ...nat(['tcp  10.10.1.5:51000        10.10.1.5:51000       10.20.0.9:445         10.20.0.9:445'])], 'ipsec-zero-encaps')
    expect(causes.join('\n')).not.toMatch(/^NAT translates/m)
  })

  it('for traffic to another destination names nothing', async () => {
    const {causes} = await causesOf([...ZERO_ENCAPS, ...nat(['tcp  203.0.113.5:1024      10.10.1.5:51000       8.8.8.8:53            8.8.8.8:53'])], 'ipsec-zero-encaps')
    expect(causes.join('\n')).not.toMatch(/^NAT translates/m)
    expect(causes[0]).toBe('The local return traffic misses the local crypto ACL')
  })

  it('of a host outside the local selector names nothing', async () => {
    const {causes} = await causesOf([...ZERO_ENCAPS, ...nat(['tcp  203.0.113.5:1024      10.30.1.5:51000       10.20.0.9:445         10.20.0.9:445'])], 'ipsec-zero-encaps')
    expect(causes.join('\n')).not.toMatch(/^NAT translates/m)
  })
})
