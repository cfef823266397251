/**
 * Within one severity a fault leads a posture count: an ES-PIC on 3DES is a warning to fix, not the
 * reason its tunnel failed over, and must not be the first line of the report.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const CAPTURE = [
  'R1#show crypto isakmp sa',
  'dst             src             state          conn-id slot status',
  '192.0.2.9       198.51.100.1    MM_NO_STATE       1007    0 ACTIVE',
  '203.0.113.5     198.51.100.1    QM_IDLE           1004    0 ACTIVE',
  'R1#show crypto ipsec sa',
  'interface: GigabitEthernet0/0',
  '    Crypto map tag: CMAP, local addr 198.51.100.1',
  '   local  ident (addr/mask/prot/port): (10.10.0.0/255.255.0.0/0/0)',
  '   remote ident (addr/mask/prot/port): (10.20.0.0/255.255.0.0/0/0)',
  '   current_peer 203.0.113.5 port 500',
  '    #pkts encaps: 310, #pkts encrypt: 310, #pkts digest: 310',
  '    #pkts decaps: 298, #pkts decrypt: 298, #pkts verify: 298',
  '     local crypto endpt.: 198.51.100.1, remote crypto endpt.: 203.0.113.5',
  '     current outbound spi: 0x4F2A11C0(1328157120)',
  '     inbound esp sas:',
  '      spi: 0x9A1B2C3D(2585471037)',
  '        transform: esp-3des esp-sha-hmac ,',
  '        in use settings ={Tunnel, }',
  '     outbound esp sas:',
  '      spi: 0x4F2A11C0(1328157120)',
  '        transform: esp-3des esp-sha-hmac ,',
  '        in use settings ={Tunnel, }',
  'R1#',
]

describe('order within one severity', () => {
  it('ES-PIC failovers (faults) come before the 3DES count (posture), though crypto rules come first in the pack', async () => {
    const fixture = (f: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'junos', f), 'utf8')
    const text = ['user@m10i> show ipsec redundancy', fixture('show-ipsec-redundancy/failed-over-both.txt'), 'user@m10i> show ipsec security-associations detail', fixture('show-ipsec-security-associations/detail-several-families.txt'), 'user@m10i> '].join('\n')
    const doc = await ingestText(text + '\n', {file: 'm10i.txt'})
    const {findings} = await diagnose(doc, {at: '2026-06-18T08:00:00Z'})
    const warnings = findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId)
    expect(warnings).toContain('crypto-weak-encryption')
    // every fault of the severity (redundancy failovers, an SA with no reference) before the first posture count
    const firstPosture = warnings.findIndex((r) => r.startsWith('crypto-'))
    const lastFault = warnings.map((r) => !r.startsWith('crypto-')).lastIndexOf(true)
    expect(warnings.filter((r) => r.startsWith('redundancy-')).length).toBeGreaterThan(0)
    expect(firstPosture).toBeGreaterThan(lastFault)
  })

  it('the stuck phase 1 (a fault) comes before the 3DES count (posture)', async () => {
    const doc = await ingestText(CAPTURE.join('\n') + '\n', {file: 'r1.txt'})
    const {findings} = await diagnose(doc, {at: '2026-06-18T08:00:00Z'})
    const warnings = findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId)
    expect(warnings).toContain('crypto-weak-encryption')
    expect(warnings[0]).toBe('ike-stuck-mm-no-state')
  })
})
