/**
 * One line of a crypto ACL fails quick mode while the others to the same peer are up
 * (rules/ipsec/ipsec-flow-phase2-missing.json): the IKE SA finding ipsec-phase2-not-established needs
 * every flow of the peer without SA, so before this rule only send errors were reported.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const at = '2026-11-23T12:00:00Z'

const flow = (local: string, remote: string, up: boolean, sendErrors: number) => [
  '   protected vrf: (none)',
  `   local  ident (addr/mask/prot/port): (${local}/255.255.255.0/0/0)`,
  `   remote ident (addr/mask/prot/port): (${remote}/255.255.255.0/0/0)`,
  '   current_peer 198.51.100.40 port 500',
  '     PERMIT, flags={origin_is_acl,}',
  `    #pkts encaps: ${up ? 5120 : 0}, #pkts encrypt: ${up ? 5120 : 0}, #pkts digest: ${up ? 5120 : 0}`,
  `    #pkts decaps: ${up ? 5087 : 0}, #pkts decrypt: ${up ? 5087 : 0}, #pkts verify: ${up ? 5087 : 0}`,
  `    #send errors ${sendErrors}, #recv errors 0`,
  '',
  '     local crypto endpt.: 192.0.2.77, remote crypto endpt.: 198.51.100.40',
  `     current outbound spi: ${up ? '0x9F3A12C4(2671383236)' : '0x0(0)'}`,
  '     PFS (Y/N): N, DH group: none',
  '',
  '     inbound esp sas:',
  ...(up ? ['      spi: 0x2B4C6D8E(726429070)', '        transform: esp-256-aes esp-sha256-hmac ,', '        in use settings ={Tunnel, }', '        sa timing: remaining key lifetime (k/sec): (4607000/2400)', '        replay detection support: Y', '        Status: ACTIVE(ACTIVE)'] : []),
  '',
  '     outbound esp sas:',
  ...(up ? ['      spi: 0x9F3A12C4(2671383236)', '        transform: esp-256-aes esp-sha256-hmac ,', '        in use settings ={Tunnel, }', '        sa timing: remaining key lifetime (k/sec): (4607000/2400)', '        replay detection support: Y', '        Status: ACTIVE(ACTIVE)'] : []),
  '',
]

function capture(secondUp: boolean, secondErrors: number, firstUp = true): string {
  return [
    'BR7#show crypto isakmp sa',
    'IPv4 Crypto ISAKMP SA',
    'dst             src             state          conn-id status',
    '198.51.100.40   192.0.2.77      QM_IDLE           1021 ACTIVE',
    '',
    'BR7#show crypto ipsec sa',
    '',
    'interface: GigabitEthernet0/0',
    '    Crypto map tag: VPN, local addr 192.0.2.77',
    '',
    ...flow('10.1.1.0', '10.2.1.0', firstUp, 0),
    ...flow('10.1.1.0', '10.2.3.0', secondUp, secondErrors),
    'BR7#',
  ].join('\n')
}

async function findings(text: string) {
  return (await diagnose(await ingestText(text, {file: 'br7.txt'}), {at})).findings
}

describe('phase 2 missing for one flow of a peer', () => {
  it('one flow up, the other without SA and with send errors: an error on that flow', async () => {
    const out = await findings(capture(false, 14))
    const missing = out.filter((f) => f.ruleId === 'ipsec-flow-phase2-missing')
    expect(missing).toHaveLength(1)
    expect(missing[0].severity).toBe('error')
    expect(missing[0].message).toBe('Phase 2 toward 198.51.100.40 is not established for this flow: 14 packets found no SA, while 1 other flow(s) to the peer have SAs')
    expect(missing[0].evidence.some((e) => e.field === 'remote ident' && e.value.includes('10.2.3.0'))).toBe(true)
    expect(out.map((f) => f.ruleId)).not.toContain('ipsec-phase2-not-established')
  })

  it('no packet waits for the flow: an idle ACL line is no finding', async () => {
    expect((await findings(capture(false, 0))).map((f) => f.ruleId)).not.toContain('ipsec-flow-phase2-missing')
  })

  it('both flows up: nothing', async () => {
    expect((await findings(capture(true, 0))).map((f) => f.ruleId)).not.toContain('ipsec-flow-phase2-missing')
  })

  it('no flow of the peer up: the peer finding (ipsec-phase2-not-established), not one per flow', async () => {
    const ids = (await findings(capture(false, 14, false))).map((f) => f.ruleId)
    expect(ids).toContain('ipsec-phase2-not-established')
    expect(ids).not.toContain('ipsec-flow-phase2-missing')
  })
})
