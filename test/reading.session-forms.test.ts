/**
 * This stop's reading changes together, in field forms: a masked prompt, a terminal program's time on
 * every line, ticket fields and a chat question around the outputs, an IOS NAT table with a static
 * row between "---" columns. Collapsed, de-indented, tab, annotated, masked, filtered and cut copies
 * give the clean copy's facts (a cut copy what it still holds).
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'
import {TRANSFORMS, maskedCopy, rng, withoutProvenance} from './helpers/metamorphic.js'

const PEER = '198.51.100.140'
const OUTPUTS = [
  '<hostname>#show ip nat translations',
  'Pro  Inside global         Inside local          Outside local         Outside global',
  `icmp ${PEER}:4      10.5.20.15:4          172.16.40.10:4        172.16.40.10:4`,
  `---  ${PEER}        10.5.20.15            ---                   ---`,
  'tcp  203.0.113.5:1024      10.1.1.5:51000        10.20.0.9:445         10.20.0.9:445',
  'Total number of translations: 3',
  '<hostname>#show crypto ikev1 sa',
  '',
  'IKEv1 SAs:',
  '',
  '   Active SA: 1',
  '    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)',
  'Total IKE SA: 1',
  '',
  `1   IKE Peer: ${PEER}`,
  '    Type    : L2L             Role    : initiator',
  '    Rekey   : no              State   : MM_WAIT_MSG2',
  '<hostname>#',
]
const stamped = (lines: string[]) => lines.map((l) => `[2026-03-04 10:11:58] ${l}`)
const CLEAN = ['Ticket #: CHG-2026-0419', 'Work notes (L1, 2026-03-04 10:15 UTC):', ...stamped(OUTPUTS), '[10:16] Sara M: and phase 2?']

async function read(lines: string[]) {
  const d = await ingestText(lines.join('\n') + '\n', {file: 'cap.txt'})
  return {unparsed: d.summary.unparsedLines, nat: withoutProvenance(d.facts.natTranslation), ike: withoutProvenance(d.facts.ikeSa)}
}

describe("this stop's reading changes in field forms", () => {
  it('clean: every line read or decoration; the static NAT row is a fact', async () => {
    const clean = await read(CLEAN)
    expect(clean.unparsed).toBe(0)
    expect(clean.nat).toHaveLength(3)
    expect(clean.ike).toHaveLength(1)
  })

  for (const name of ['collapse spaces', 'strip indentation', 'tabs for spaces', 'CRLF', 'blank line after every line', 'note appended', 'note line inserted']) {
    it(`${name}: the same facts`, async () => {
      const clean = await read(CLEAN)
      const {text} = TRANSFORMS[name](CLEAN.join('\n'), rng(7))
      expect(await read(text.split('\n'))).toEqual(clean)
    })
  }

  it('addresses masked: the same facts with the masks where the addresses were', async () => {
    const clean = await read(CLEAN)
    const {text, masks} = TRANSFORMS['addresses masked'](CLEAN.join('\n'), rng(7))
    const masked = await read(text.split('\n'))
    expect(masked.unparsed).toBe(0)
    expect(withoutProvenance(masked.nat.map((f) => ({...(f as object), id: null, masked: null})))).toEqual(withoutProvenance((maskedCopy(clean.nat, masks!) as object[]).map((f) => ({...f, id: null, masked: null}))))
    expect(masked.ike.length).toBe(clean.ike.length)
  })

  it("'| include' filter: the rows kept give their facts", async () => {
    const clean = await read(CLEAN)
    const filtered = CLEAN.map((l) => l.replace('show ip nat translations', 'show ip nat translations | include ---|tcp')).filter((l) => !/ (?:Pro|icmp) |Total number/.test(l))
    const got = await read(filtered)
    expect(got.unparsed).toBe(0)
    expect(got.nat).toEqual(clean.nat.slice(1))
  })

  it('cut inside the IKE block: the NAT facts stay, nothing is misread', async () => {
    const clean = await read(CLEAN)
    const cut = CLEAN.slice(0, CLEAN.findIndex((l) => l.includes('IKE Peer')) + 1)
    const got = await read(cut)
    expect(got.nat).toEqual(clean.nat)
    expect(got.unparsed).toBe(0)
  })
})
