/**
 * A forum post read the way people paste it, through this stop's reading changes together: the
 * author's header and sign-off, a filtered ASA show crypto ipsec sa under a plain prompt, a debug
 * command typed without a prompt and its debug with an ID payload dump. Collapsed, de-indented,
 * annotated and masked copies give the clean copy's facts; a cut copy gives what it still holds.
 */
import {describe, expect, it} from 'vitest'
import type {ParseDocument} from '../src/model/index.js'
import {ingestText} from '../src/ingest/index.js'

const PEER = '203.0.113.140'
const CLEAN = [
  'Subject: DC firewall to Lisbon branch, phase 1 keeps failing since the change window',
  '',
  'The firewall is an ASA 5545 on 9.14, the branch is an ISR that we do not manage. Output below:',
  '',
  'EDGE-FW1# show crypto ipsec sa | i ident|peer|caps|spi',
  '      local ident (addr/mask/prot/port): (172.31.0.0/255.255.0.0/0/0)',
  '      remote ident (addr/mask/prot/port): (10.44.0.0/255.255.0.0/0/0)',
  `      current_peer: ${PEER}`,
  '      #pkts encaps: 5521, #pkts encrypt: 5521, #pkts digest: 5521',
  '      #pkts decaps: 5108, #pkts decrypt: 5108, #pkts verify: 5108',
  '      current outbound spi: 3E2D1C0B',
  '      current inbound spi : 7A6B5C4D',
  '         spi: 0x7A6B5C4D (2053856333)',
  '         spi: 0x3E2D1C0B (1043143691)',
  'EDGE-FW1#',
  '',
  `debug crypto condition peer ipv4 ${PEER}`,
  `*Feb  3 08:12:40.101: ISAKMP:(0):found peer pre-shared key matching ${PEER}`,
  '*Feb  3 08:12:40.109: ISAKMP (0:0): ID payload',
  '        next-payload : 8',
  '        type         : 2',
  '        FQDN name    : lisbon-br.example.net',
  '        protocol     : 17',
  '        port         : 500',
  '        length       : 29',
  '',
  'Kind regards,',
]

function factsOf(d: ParseDocument) {
  return {
    unparsed: d.summary.unparsedLines,
    sas: d.facts.ipsecSa.map((s) => [s.direction, s.spi]).sort(),
    flows: d.facts.ipsecFlow.map((f) => [f.remoteAddress, f.encaps, f.decaps]),
    logs: d.facts.logEvent.map((e) => [e.peer, e.reason, e.text.slice(0, 20)]),
  }
}

const read = async (lines: string[]) => factsOf(await ingestText(lines.join('\n') + '\n', {file: 'post.txt'}))

describe('a forum post in field forms', () => {
  it('clean: every line read or decoration, the sign-off no log message', async () => {
    expect(await read(CLEAN)).toEqual({
      unparsed: 0,
      sas: [['inbound', 0x7a6b5c4d], ['outbound', 0x3e2d1c0b]],
      flows: [[PEER, 5521, 5108]],
      logs: [[PEER, null, 'ISAKMP:(0):found pee'], [PEER, 'ID payload: FQDN name lisbon-br.example.net', 'ISAKMP (0:0): ID pay']],
    })
  })

  it('collapsed, de-indented and annotated copies give the same facts', async () => {
    const clean = await read(CLEAN)
    expect(await read(CLEAN.map((l) => l.replace(/ {2,}/g, ' ')))).toEqual(clean)
    expect(await read(CLEAN.map((l) => l.trimStart()))).toEqual(clean)
    expect(await read(CLEAN.map((l) => (/outbound spi|decaps|FQDN/.test(l) ? `${l}   <-- look here` : l)))).toEqual(clean)
  })

  it('a masked copy gives the same facts with the mask where the peer was', async () => {
    const clean = JSON.parse(JSON.stringify(await read(CLEAN)).replaceAll(PEER, 'x.x.x.x'))
    expect(await read(CLEAN.map((l) => l.replaceAll(PEER, 'x.x.x.x')))).toEqual(clean)
  })

  it('a copy cut after the ipsec output keeps its SAs', async () => {
    const cut = await read(CLEAN.slice(0, 14))
    expect(cut.sas).toEqual((await read(CLEAN)).sas)
    expect(cut.unparsed).toBe(0)
  })
})
