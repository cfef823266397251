/**
 * A pair whose one end prints no proxy ids: the SRX brief table names each tunnel by index and SPI
 * only. Unknown selectors are not different selectors, so pair-proxy-id-mismatch must not fire; the
 * two ends are matched by their SPIs instead. A filtered SA detail of the same command (its "ID:"
 * line dropped by `| match`) is the table's tunnel when their SPIs agree, and brings its identities.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const IOS = [
  'BR7#show crypto isakmp sa',
  'dst             src             state          conn-id status',
  '192.0.2.60      198.51.100.31   QM_IDLE           1021 ACTIVE',
  'BR7#show crypto ipsec sa',
  'interface: GigabitEthernet0/1',
  '    Crypto map tag: DC, local addr 198.51.100.31',
  '   protected vrf: (none)',
  '   local  ident (addr/mask/prot/port): (172.20.4.0/255.255.255.0/0/0)',
  '   remote ident (addr/mask/prot/port): (172.16.0.0/255.240.0.0/0/0)',
  '   current_peer 192.0.2.60 port 500',
  '     PERMIT, flags={origin_is_acl,}',
  '    #pkts encaps: 8120, #pkts encrypt: 8120, #pkts digest: 8120',
  '    #pkts decaps: 7991, #pkts decrypt: 7991, #pkts verify: 7991',
  '    #send errors 0, #recv errors 0',
  '     current outbound spi: 0x51C0FFEE(1371602926)',
  '     inbound esp sas:',
  '      spi: 0x2B7A9D10(729455888)',
  '        transform: esp-256-aes esp-sha256-hmac ,',
  '        in use settings ={Tunnel, }',
  '     outbound esp sas:',
  '      spi: 0x51C0FFEE(1371602926)',
  '        transform: esp-256-aes esp-sha256-hmac ,',
  '        in use settings ={Tunnel, }',
  'BR7#',
]
const SRX_TABLE = [
  'admin@dc-fw> show security ike security-associations',
  'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
  '6120044 UP     a1b2c3d4e5f60718  0f1e2d3c4b5a6978  Main           198.51.100.31',
  '',
  'admin@dc-fw> show security ipsec security-associations',
  '  Total active tunnels: 1     Total Ipsec sas: 1',
  '  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway',
  '  <131080 ESP:aes-cbc-256/sha256 51c0ffee 1902/ unlim - root 500 198.51.100.31',
  '  >131080 ESP:aes-cbc-256/sha256 2b7a9d10 1902/ unlim - root 500 198.51.100.31',
]
const SRX_FILTERED = [
  '',
  'admin@dc-fw> show security ipsec security-associations detail | match "Identity|Direction|State"',
  '    Local Identity: ipv4_subnet(any:0,[0..7]=172.16.0.0/12)',
  '    Remote Identity: ipv4_subnet(any:0,[0..7]=172.20.4.0/24)',
  '    Direction: inbound, SPI: 51c0ffee, AUX-SPI: 0',
  '    Mode: Tunnel(0 0), Type: dynamic, State: installed',
  '    Direction: outbound, SPI: 2b7a9d10, AUX-SPI: 0',
  '    Mode: Tunnel(0 0), Type: dynamic, State: installed',
  'admin@dc-fw>',
]

async function run(lines: string[]) {
  const doc = await ingestText(lines.join('\n') + '\n', {file: 'both-ends.txt'})
  const result = await diagnose(doc, {at: '2026-12-07T10:00:00Z'})
  return {doc, ids: result.findings.map((f) => f.ruleId)}
}

describe('pairs where one end prints no proxy ids', () => {
  it('a healthy pair with the SRX brief table only: no proxy-id mismatch, no error', async () => {
    const {ids} = await run([...IOS, ...SRX_TABLE])
    expect(ids).not.toContain('pair-proxy-id-mismatch')
    expect(ids).not.toContain('pair-spi-mismatch')
  })

  it('the ends are still compared by SPI: a stale SPI on the SRX is reported', async () => {
    const stale = SRX_TABLE.map((l) => l.replace('51c0ffee', '51c0aaaa'))
    const {ids} = await run([...IOS, ...stale])
    expect(ids).not.toContain('pair-proxy-id-mismatch')
    expect(ids).toContain('pair-spi-mismatch')
  })

  it('a filtered SA detail joins the table tunnel of the same SPIs and brings its identities', async () => {
    const {doc, ids} = await run([...IOS, ...SRX_TABLE, ...SRX_FILTERED])
    const flows = doc.facts.ipsecFlow.filter((f) => f.source.device === 'dc-fw')
    expect(flows.map((f) => [f.id, f.remoteAddress, f.localIdent?.address, f.remoteIdent?.address])).toEqual([['ipsec:131080', '198.51.100.31', '172.16.0.0', '172.20.4.0']])
    expect(doc.facts.ipsecSa.filter((s) => s.source.device === 'dc-fw').map((s) => s.id).sort()).toEqual(['ipsec-sa:131080:inbound:0x51c0ffee', 'ipsec-sa:131080:outbound:0x2b7a9d10'])
    expect(ids).not.toContain('pair-proxy-id-mismatch')
  })

  it('selectors that are known and differ still make a mismatch', async () => {
    const narrower = SRX_FILTERED.map((l) => l.replace('172.16.0.0/12', '172.16.8.0/24'))
    const {ids} = await run([...IOS, ...SRX_TABLE, ...narrower])
    expect(ids).toContain('pair-proxy-id-mismatch')
  })
})
