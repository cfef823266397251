/**
 * NAT translation tables (natTranslation) through ingest: the typed command, abbreviated or filtered,
 * picks the parser; a headless paste is recognised by its header or its "in use" line; every line is
 * read, decoration, or reported with its reason.
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'

const IOS = [
  'Pro  Inside global         Inside local          Outside local         Outside global',
  'tcp  203.0.113.5:1024      10.10.1.5:51000       10.20.0.9:445         10.20.0.9:445',
  'Total number of translations: 1',
]
const ASA = [
  '1 in use, 5 most used',
  'Flags: D - DNS, e - extended, I - identity, i - dynamic, r - portmap,',
  '       s - static, T - twice, N - net-to-net',
  'NAT from inside:10.5.0.0/16 to outside:10.5.0.0/16',
  '    flags sIT idle 0:01:02 timeout 0:00:00',
]

async function ingest(lines: string[]) {
  return ingestText(lines.join('\n') + '\n', {file: 'nat.txt'})
}

describe('NAT translation tables through ingest', () => {
  it('IOS typed in full or abbreviated', async () => {
    for (const typed of ['show ip nat translations', 'sh ip nat tr', 'sh ip nat translations | include 10.20']) {
      const doc = await ingest([`R1#${typed}`, ...(typed.includes('|') ? [IOS[1]] : IOS), 'R1#'])
      expect(doc.blocks.map((b) => b.parser), typed).toEqual(['cisco/show-ip-nat-translations'])
      expect(doc.blocks.flatMap((b) => b.unparsed), typed).toEqual([])
      const [f] = doc.facts.natTranslation
      expect([f.protocol, f.insideGlobal, f.insideGlobalPort, f.insideLocal, f.insideLocalPort, f.outsideGlobal, f.outsideGlobalPort]).toEqual(['tcp', '203.0.113.5', 1024, '10.10.1.5', 51000, '10.20.0.9', 445])
    }
  })

  it('ASA show xlate: a twice NAT identity translation, flags on the next line', async () => {
    const doc = await ingest(['fw1# show xlate', ...ASA, 'fw1#'])
    expect(doc.blocks.flatMap((b) => b.unparsed)).toEqual([])
    const [f] = doc.facts.natTranslation
    expect([f.realInterface, f.insideLocal, f.mappedInterface, f.insideGlobal, f.flags, f.translation, f.identity, f.partial]).toEqual(['inside', '10.5.0.0/16', 'outside', '10.5.0.0/16', 'sIT', 'static', true, undefined])
  })

  it('headless pastes are recognised by their content', async () => {
    expect((await ingest(IOS)).facts.natTranslation).toHaveLength(1)
    expect((await ingest(ASA)).facts.natTranslation).toHaveLength(1)
  })

  it('verbose detail lines are reported with their reason', async () => {
    const doc = await ingest(['R1#show ip nat translations verbose', ...IOS.slice(0, 2), '        create 00:00:02, use 00:00:00, flags: extended', 'R1#'])
    expect(doc.facts.natTranslation).toHaveLength(1)
    expect(doc.blocks.flatMap((b) => b.unparsed).map((u) => u.reason)).toEqual(['verbose detail of the translation above: not read'])
  })
})
