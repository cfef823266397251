/**
 * A Junos end read from its IPsec policy alone (MX `show configuration services ipsec-vpn ipsec |
 * display set` without the rule that names the remote gateway): paired only when sound, i.e. the
 * device has one IPsec policy and one peer (its IKE gateway, or every log line naming the same one).
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const IOS = [
  'cust52-ce#show crypto isakmp sa', 'IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status',
  '198.51.100.18   192.0.2.52      QM_IDLE           2011 ACTIVE', '',
  'cust52-ce#show running-config | section crypto',
  'crypto isakmp policy 10', ' encryption aes 256', ' hash sha256', ' authentication pre-share', ' group 14',
  'crypto isakmp key ***** address 198.51.100.18',
  'crypto ipsec transform-set TS-AES256-SHA256 esp-aes 256 esp-sha256-hmac', ' mode tunnel',
  'crypto map CMAP-WAN 10 ipsec-isakmp', ' set peer 198.51.100.18', ' set transform-set TS-AES256-SHA256', ' match address ACL-CUST52-VPN',
  'crypto map CMAP-WAN', '',
]

const mx = (policies: string[], logPeers: string[]) => [
  'lab@mx204-pe2> show configuration services ipsec-vpn ipsec | display set',
  'set services ipsec-vpn ipsec proposal ESP-AES256 protocol esp',
  'set services ipsec-vpn ipsec proposal ESP-AES256 authentication-algorithm hmac-sha-256-128',
  'set services ipsec-vpn ipsec proposal ESP-AES256 encryption-algorithm aes-256-cbc',
  'set services ipsec-vpn ipsec proposal ESP-AES256 lifetime-seconds 3600',
  ...policies.flatMap((p) => [`set services ipsec-vpn ipsec policy ${p} perfect-forward-secrecy keys group14`, `set services ipsec-vpn ipsec policy ${p} proposals ESP-AES256`]),
  '', `lab@mx204-pe2> show log kmd | match "Phase-2"`,
  ...logPeers.flatMap((p) => [
    `Nov 23 11:20:44  mx204-pe2 kmd[6120]: KMD_VPN_PV_PHASE2: IKE Phase-2 Failure: No proposal chosen [spi=8d03c1a55e2f7b90, src_ip=198.51.100.18, dst_ip=${p}]`,
    `Nov 23 11:20:44  mx204-pe2 kmd[6120]: IKE Phase-2: Negotiations failed. Local gateway: 198.51.100.18, Remote gateway: ${p}`,
  ]),
  '', 'lab@mx204-pe2> ',
]

async function run(lines: string[]) {
  const doc = await ingestText(lines.join('\n'), {file: 'wiki.txt'})
  return (await diagnose(doc, {at: '2026-11-23T12:00:00Z'})).findings
}

describe('a Junos IPsec policy without its rule or vpn', () => {
  it('is the end toward the one peer its log names: PFS on one side only is found, and leads the log finding', async () => {
    const findings = await run([...IOS, ...mx(['ESP-CUST52'], ['192.0.2.52'])])
    const pfs = findings.find((f) => f.ruleId === 'pair-transform-mismatch' && f.entity.kind === 'configPair')
    expect(pfs?.message).toBe('PFS differs between the ends of cust52-ce crypto map CMAP-WAN 10 <-> mx204-pe2 ipsec policy ESP-CUST52: cust52-ce no PFS, mx204-pe2 PFS group14')
    expect(findings[0]).toBe(pfs)
    const log = findings.filter((f) => f.device === 'mx204-pe2' && f.entity.kind === 'logEvent' && f.ruleId === 'pair-transform-mismatch')
    expect(log.length).toBeGreaterThan(0)
    for (const f of log) expect(f.relatedTo).toBe(pfs!.fingerprint)
  })

  it('is no end when the device has two IPsec policies (which one is this tunnel\'s is not known)', async () => {
    const findings = await run([...IOS, ...mx(['ESP-CUST52', 'ESP-CUST53'], ['192.0.2.52'])])
    expect(findings.filter((f) => f.ruleId.startsWith('config-pair-') || f.entity.kind === 'configPair')).toEqual([])
  })

  it('is no end when the log names two peers', async () => {
    const findings = await run([...IOS, ...mx(['ESP-CUST52'], ['192.0.2.52', '192.0.2.99'])])
    expect(findings.filter((f) => f.ruleId.startsWith('config-pair-') || f.entity.kind === 'configPair')).toEqual([])
  })
})
