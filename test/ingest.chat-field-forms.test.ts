/**
 * A chat export read the way people paste it, through this stop's reading changes together: speaker
 * prefixes, a terminal log's residue, an author's lead-in naming the command, a debug continuation
 * under a mail quote, a time-lapse note. Collapsed, de-indented, annotated, masked and filtered copies
 * give the clean copy's facts; a cut copy gives what it still holds.
 */
import {describe, expect, it} from 'vitest'
import type {ParseDocument} from '../src/model/index.js'
import {ingestText} from '../src/ingest/index.js'

const PEER = '198.51.100.20'
const CLEAN = [
  '[10:02] Tomasz K.: here is the hub, tunnel to the branch never comes up',
  'Script started on 2026-12-07 10:01:12+01:00 [TERM="xterm-256color"]',
  'jdoe@jump01:~$ ssh admin@10.30.0.1',
  'Password:',
  'HQ#show crypto isakmp sa',
  'IPv4 Crypto ISAKMP SA',
  'dst             src             state          conn-id status',
  `${PEER}   203.0.113.10    MM_KEY_EXCH       1092 ACTIVE`,
  '',
  '(1 min later)',
  '',
  `Logging buffer, filtered on the peer (show logging | i ${PEER}):`,
  `Mar 11 09:16:03.259 CET: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from ${PEER} failed its sanity check or is malformed`,
  '[10:05] Anna W.:',
  'Partner sent this:',
  `> Mar 11 09:16:13.263 CET: IPSEC(ipsec_process_proposal): transform proposal not supported for identity:`,
  '>     {esp-aes 256 esp-sha-hmac }',
]

function factsOf(d: ParseDocument) {
  return {
    unparsed: d.summary.unparsedLines,
    ike: d.facts.ikeSa.map((s) => [s.remoteAddress, s.stateRaw]),
    logs: d.facts.logEvent.map((e) => [e.event, e.peer, e.source.startLine, e.source.endLine]),
  }
}

const read = async (lines: string[]) => factsOf(await ingestText(lines.join('\n') + '\n', {file: 'chat.txt'}))

describe('a chat export in field forms', () => {
  it('clean: every line read or decoration', async () => {
    expect(await read(CLEAN)).toEqual({
      unparsed: 0,
      ike: [[PEER, 'MM_KEY_EXCH']],
      logs: [['psk-mismatch', PEER, 13, 13], ['proposal-mismatch', null, 16, 17]],
    })
  })

  it("a chat speaker's question inside an output is the author's, not a line of the output", async () => {
    const clean = await read(CLEAN)
    const at = CLEAN.findIndex((l) => l.includes('MM_KEY_EXCH')) + 1
    const asked = await read([...CLEAN.slice(0, at), '[10:04] Sara M: and phase 2?', ...CLEAN.slice(at)])
    expect(asked.unparsed).toBe(0)
    expect(asked.ike).toEqual(clean.ike)
  })

  it("every line stamped with the terminal program's time gives the same facts", async () => {
    const clean = await read(CLEAN)
    expect(await read(CLEAN.map((l) => `[2026-12-07 10:02:11] ${l}`))).toEqual(clean)
    expect(await read(CLEAN.map((l) => `[10:02:11.480] ${l}`))).toEqual(clean)
  })

  it('a device label after a time in brackets is no chat speaker', async () => {
    const asa = ['asa# show crypto ikev1 sa', '', 'IKEv1 SAs:', '', '   Active SA: 1', '    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)', 'Total IKE SA: 1', '', `1   IKE Peer: ${PEER}`, '    Type    : L2L             Role    : initiator', '    Rekey   : no              State   : MM_WAIT_MSG2', 'asa#']
    const facts = async (lines: string[]) => {
      const d = await ingestText(lines.join('\n') + '\n', {file: 'asa.txt'})
      return {unparsed: d.summary.unparsedLines, ike: d.facts.ikeSa.map((x) => [x.remoteAddress, x.stateRaw])}
    }
    const clean = await facts(asa)
    expect(clean).toEqual({unparsed: 0, ike: [[PEER, 'MM_WAIT_MSG2']]})
    expect(await facts(asa.map((l) => `[2026-03-04 10:11:58] ${l}`))).toEqual(clean)
  })

  it('the whole export quoted in a mail reply gives the same facts', async () => {
    const clean = await read(CLEAN)
    expect(await read(CLEAN.map((l) => `> ${l}`))).toEqual(clean)
  })

  it('collapsed, de-indented and annotated copies give the same facts', async () => {
    const clean = await read(CLEAN)
    expect(await read(CLEAN.map((l) => l.replace(/ {2,}/g, ' ')))).toEqual(clean)
    // (the quoted continuation keeps its indentation under the quote marker: that is what ties it)
    expect(await read(CLEAN.map((l) => (l.startsWith('>') ? l : l.trimStart())))).toEqual(clean)
    expect(await read(CLEAN.map((l) => (/MM_KEY_EXCH|IKMP_BAD/.test(l) ? `${l}   <-- look here` : l)))).toEqual(clean)
  })

  it('a masked copy gives the same facts with the mask where the peer was', async () => {
    // (the log catalogues take a mask where they take an address: "IKE message from x.x.x.x failed its
    // sanity check" is still the responder's view of a key mismatch)
    for (const mask of ['x.x.x.x', '<peer-ip>', '[REDACTED]', '198.51.100.X']) {
      const clean = JSON.parse(JSON.stringify(await read(CLEAN)).replaceAll(PEER, mask))
      expect(await read(CLEAN.map((l) => l.replaceAll(PEER, mask)))).toEqual(clean)
    }
  })

  it('a filtered isakmp table and a copy cut after it keep the SA', async () => {
    const filtered = CLEAN.map((l) => (l === 'HQ#show crypto isakmp sa' ? `HQ#show crypto isakmp sa | i ${PEER}` : l)).filter((l) => l !== 'IPv4 Crypto ISAKMP SA' && !l.startsWith('dst '))
    expect((await read(filtered)).ike).toEqual([[PEER, 'MM_KEY_EXCH']])
    const cut = await read(CLEAN.slice(0, 8))
    expect(cut).toEqual({unparsed: 0, ike: [[PEER, 'MM_KEY_EXCH']], logs: []})
  })
})
