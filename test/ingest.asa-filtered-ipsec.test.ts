/**
 * `show crypto ipsec sa | include ...` on an ASA whose prompt does not say ASA ("FW-DC01#"): what the
 * filter leaves is mostly lines IOS prints too (#pkts, current outbound spi, idents), and the lines
 * only an ASA prints ("current inbound spi : ...", "spi: 0x... (decimal)" with a space) decide that
 * the ASA parser reads it. Before, the IOS parser took it and left those lines unparsed, losing the SAs.
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'
import {rng, TRANSFORMS} from './helpers/metamorphic.js'

const CAPTURE = [
  'EDGE-FW1# show crypto ipsec sa | i ident|peer|caps|spi',
  '      local ident (addr/mask/prot/port): (172.31.0.0/255.255.0.0/0/0)',
  '      remote ident (addr/mask/prot/port): (10.44.0.0/255.255.0.0/0/0)',
  '      current_peer: 203.0.113.140',
  '      #pkts encaps: 5521, #pkts encrypt: 5521, #pkts digest: 5521',
  '      #pkts decaps: 5108, #pkts decrypt: 5108, #pkts verify: 5108',
  '      current outbound spi: 3E2D1C0B',
  '      current inbound spi : 7A6B5C4D',
  '         spi: 0x7A6B5C4D (2053856333)',
  '         spi: 0x3E2D1C0B (1043143691)',
  'EDGE-FW1#',
].join('\n')

async function read(text: string) {
  const doc = await ingestText(text + '\n', {file: 'fw.txt'})
  return {
    parsers: doc.blocks.map((b) => b.parser),
    unparsed: doc.blocks.flatMap((b) => b.unparsed.map((u) => u.text)),
    sas: doc.facts.ipsecSa.map((s) => [s.direction, s.spi]).sort(),
  }
}

describe('a filtered ASA show crypto ipsec sa under a prompt that does not name the platform', () => {
  const expected = {parsers: ['cisco/asa-show-crypto-ipsec-sa'], unparsed: [], sas: [['inbound', 0x7a6b5c4d], ['outbound', 0x3e2d1c0b]]}

  it('is read by the ASA parser, with both SAs and their directions', async () => {
    expect(await read(CAPTURE)).toEqual(expected)
  })

  it('gives the same in field forms (collapsed, de-indented, tabs, notes at line end)', async () => {
    for (const name of ['collapse spaces', 'strip indentation', 'tabs for spaces', 'note appended']) {
      expect(await read(TRANSFORMS[name](CAPTURE, rng(7)).text), name).toEqual(expected)
    }
  })

  it('an IOS capture of the same filter stays with the IOS parser', async () => {
    const ios = CAPTURE.replace('      current inbound spi : 7A6B5C4D\n', '').replace(' (2053856333)', '(2053856333)').replace(' (1043143691)', '(1043143691)')
    expect((await read(ios)).parsers).toEqual(['cisco/show-crypto-ipsec-sa'])
  })
})
