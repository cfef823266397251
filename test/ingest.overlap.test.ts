/** Flows printed by both IOS-XE `show crypto session detail` and `show crypto ipsec sa` are kept once. */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ingestText, mergeDocuments} from '../src/ingest/index.js'

const SESSION = readFileSync('test/fixtures/cisco/show-crypto-session/detail-crypto-map.txt', 'utf8')

// The first session flow (10.1.0.0/16 -> 10.2.0.0/16 with 198.51.100.2) as show crypto ipsec sa prints it.
const IPSEC_SA = `interface: GigabitEthernet0/0/1
    Crypto map tag: VPN, local addr 203.0.113.1

   protected vrf: (none)
   local  ident (addr/mask/prot/port): (10.1.0.0/255.255.0.0/0/0)
   remote ident (addr/mask/prot/port): (10.2.0.0/255.255.0.0/0/0)
   current_peer 198.51.100.2 port 4500
     PERMIT, flags={origin_is_acl,}
    #pkts encaps: 14987, #pkts encrypt: 14987, #pkts digest: 14987
    #pkts decaps: 15204, #pkts decrypt: 15204, #pkts verify: 15204
    #send errors 0, #recv errors 0

     local crypto endpt.: 203.0.113.1, remote crypto endpt.: 198.51.100.2
     current outbound spi: 0x1B3C3D4E(456932686)
`

const both = `CSR1#show crypto session detail\n${SESSION}\nCSR1#show crypto ipsec sa\n${IPSEC_SA}`

describe('flows printed by show crypto session detail and show crypto ipsec sa', () => {
  it('keeps the show crypto ipsec sa flow and drops the session copy, with a note naming both lines', async () => {
    const doc = await ingestText(both, {file: 'csr1.txt'})
    const flows = doc.facts.ipsecFlow
    const toHub2 = flows.filter((f) => f.remoteIdent?.address === '10.2.0.0')
    expect(toHub2).toHaveLength(1)
    expect(toHub2[0].source.command).toBe('show crypto ipsec sa')
    expect(toHub2[0].currentOutboundSpi).toBe(0x1b3c3d4e)
    // the two session flows show crypto ipsec sa did not print stay
    expect(flows.filter((f) => f.source.command === 'show crypto session').map((f) => f.remoteIdent?.address).sort()).toEqual(['10.3.0.0', '10.77.0.0'])
    const note = doc.diagnostics.find((d) => d.message.includes('also printed by "show crypto ipsec sa"'))
    expect(note?.level).toBe('info')
    expect(note?.message).toMatch(/^csr1\.txt:\d+: 1 flow\(s\) of "show crypto session detail" for CSR1 .*first at csr1\.txt:\d+/)
    expect(doc.summary.facts).toBe(Object.values(doc.facts).reduce((n, l) => n + l.length, 0))
  })

  it('keeps session flows when the capture has no show crypto ipsec sa, and when the peer differs', async () => {
    const alone = await ingestText(`CSR1#show crypto session detail\n${SESSION}`, {file: 'csr1.txt'})
    expect(alone.facts.ipsecFlow).toHaveLength(3)
    const otherPeer = await ingestText(both.replace('current_peer 198.51.100.2', 'current_peer 198.51.100.9').replace('remote crypto endpt.: 198.51.100.2', 'remote crypto endpt.: 198.51.100.9'), {file: 'csr1.txt'})
    expect(otherPeer.facts.ipsecFlow).toHaveLength(4)
    expect(otherPeer.diagnostics.some((d) => d.message.includes('also printed by'))).toBe(false)
  })

  it('drops the copy when the two commands came in separate pastes (wizard merge)', async () => {
    const a = await ingestText(`CSR1#show crypto session detail\n${SESSION}`, {file: 'paste-1'})
    const b = await ingestText(`CSR1#show crypto ipsec sa\n${IPSEC_SA}`, {file: 'paste-2'})
    const merged = mergeDocuments([a, b])
    expect(merged.facts.ipsecFlow).toHaveLength(3)
    expect(merged.facts.ipsecFlow.filter((f) => f.source.command === 'show crypto ipsec sa')).toHaveLength(1)
  })
})

describe('an SRX IKE detail filtered by | match beside the table', () => {
  const table = [
    'srx1> show security ike security-associations',
    'Index   State  Initiator cookie  Responder cookie  Mode           Remote Address',
    '5910227 DOWN   4f7a0e81c2d93b56  0000000000000000  Main           203.0.113.66',
    '5910231 DOWN   9a2cde107b4f8e31  7c1d03f2aa5b9e60  Main           198.51.100.91',
    '',
  ]
  const filtered = (peer: string) => [
    `srx1> show security ike security-associations ${peer} detail | match "State|Role|Local:|Remote:"`,
    '  Role: Initiator, State: DOWN',
    `  Local: 192.0.2.33:500, Remote: ${peer}:500`,
    'srx1>',
  ]

  it('is read as the table row of the same peer: one SA with the index and the detail values', async () => {
    const doc = await ingestText([...table, ...filtered('203.0.113.66')].join('\n'), {file: 'srx1.txt'})
    const sas = doc.facts.ikeSa.filter((s) => s.remoteAddress === '203.0.113.66')
    expect(sas).toHaveLength(1)
    expect(sas[0]).toMatchObject({connId: 5910227, state: 'down', role: 'initiator', localAddress: '192.0.2.33', responderCookie: '0000000000000000'})
    expect(doc.facts.ikeSa).toHaveLength(2)
  })

  it('stays apart when the table has no row for that peer', async () => {
    const doc = await ingestText([...table, ...filtered('203.0.113.70')].join('\n'), {file: 'srx1.txt'})
    expect(doc.facts.ikeSa).toHaveLength(3)
    expect(doc.facts.ikeSa.find((s) => s.remoteAddress === '203.0.113.70')).toMatchObject({connId: null, partial: true})
  })
})
