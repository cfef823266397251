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
