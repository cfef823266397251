/**
 * The looser author-text test for lines no command claimed (the top of a post, a ticket summary) and
 * the long-sentence test for lines a parser did not understand. Neither may take a device's own line.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'
import {normalizePaste} from '../src/reading/paste.js'
import {isAuthorText, isLongSentence} from '../src/reading/prose.js'

const author = (pasted: string) => isAuthorText(normalizePaste(pasted).text, pasted)

describe('isAuthorText', () => {
  it('takes the sentences, headers and headings people put around a capture', () => {
    for (const l of [
      'Subject: Tokyo office tunnel flaps after the ISP swapped the CPE',
      'Re: [netops] ASA 5508 to SRX345, phase 2 never completes',
      'Core router is a 7206VXR on 15.2(4)M11, the branch has an 881 that nobody has touched since 2019.',
      'Tunnel200 shows up/up. Phase 2 never gets past QM:',
      'Phase 2 is missing:',
      '## Spoke 14 (ISR4221)',
      '**Far end: dc-edge-2 (MX204, 21.2R3), 192.0.2.14 -- responder**',
      'We swapped the transform set at 09:40 and it went quiet; nothing in the logs since then.',
      'From: noc-team',
      'Kind regards,',
      'Thanks!',
      'On Wed, 4 Dec, Priya wrote:',
      'Posted by jdoe 08:15',
      'Reply (jdoe 08:40): the hub uses group 19 now',
      '==========================',
      'Partner sent this:',
      'TAC SR 69xxxxxxx - Customer update (case notes, pasted as received)',
      'JTAC case 2021-0603-xxxx -- customer notes pasted as received',
      'Date: Tue, 14 Jan 2025 10:48:17 +0100',
      'Hi all,',
      'Hello team,',
      'Priya,',
      'Executed by: L. Moreau Window: 2026-12-07 06:00-07:00 CET Result: OK',
      'Posted in: Network Security > VPN',
      'Author: N. Okafor — 2026-12-04',
      'Product: MX480 / MS-MPC (FPC 3) -- Junos 22.4R3-S2.11',
      '[1] Platform / HA',
      '#netops-vpn — exported thread, 07 Dec 2026',
      'r/Juniper · Posted by u/pkt_wrangler · 6h',
      'Assignee: Network Security L2',
      'CI: fw-dc1',
      'Change ref: CHG0031177 (vendor "crypto hardening" on DC2 edge, 2026-12-07 09:00-09:30)',
      'Short description:',
      'Description / work notes:',
      'Status: Open · **Owner:** @r.hernandez · **Last edited:** 2026-12-03',
      '#vpn-war-room (exported 2026-12-03)',
      'step 1 - clock / phase 1',
      'Step 3: compare with the old 2901 running-config',
      'and phase 2?',
      'Ticket #: CHG-2026-12-0419 Priority: P2 - High',
      'Assigned group: NOC L2 Status: In progress',
      'Description (caller):',
      'Work notes (L1, 2026-12-07 06:52 UTC):',
      'anyone seen this before?',
    ]) expect(author(l), l).toBe(true)
  })

  it('refuses the device lines that use small words too', () => {
    for (const l of [
      'Tunnel100 is up, line protocol is down',
      'There are no IKEv1 SAs',
      'INFO: There are presently no active sessions of the type specified',
      'WARNING: This crypto map is in an incomplete state!',
      'ISAKMP:(0):atts are not acceptable. Next payload is 3',
      '*Mar  1 00:51:05.987: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.2 failed its sanity check or is malformed',
      'Tunnel is ready. Waiting for trigger event or traffic to negotiate : 1',
      'Subject: C=DE, O=Example Corp, CN=vpn-gw1.example.net',
      '**203.0.113.11 198.51.100.7 AG_INIT_EXCH 1006 ACTIVE**',
      'GigabitEthernet0/0/1   10.60.0.1       YES NVRAM  up                    up',
      '#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0',
      'Status: ACTIVE',
      'State: UP',
      'description ### VPN to HQ ###',
      'Phase 2: (0x7f3a) state: up',
    ]) expect(author(l), l).toBe(false)
  })
})

describe('isLongSentence', () => {
  it('takes a written paragraph line and refuses device sentences', () => {
    expect(isLongSentence('So the counters move on our side only, and the far end says their ACL is fine; we are waiting for them to check')).toBe(true)
    expect(isLongSentence('Tunnel is ready. Waiting for trigger event or peer to trigger negotiation (1 times)')).toBe(false)
    expect(isLongSentence('So encaps went up by five and decaps stayed at zero, their team says the ACL is fine')).toBe(true)
    expect(isLongSentence('IKEv2:(SESSION ID = 5,SA ID = 1):: Failed to locate an item in the database')).toBe(false)
    expect(isLongSentence('Phase 2 is missing:')).toBe(false)
  })
})

describe('a forum post around outputs', () => {
  const POST = [
    'Subject: Tokyo office tunnel flaps after the ISP swapped the CPE',
    '',
    'Core router is a 7206VXR on 15.2(4)M11, the branch has an 881 that nobody has touched since 2019.',
    'Tunnel200 shows up/up. Phase 2 never gets past QM:',
    '',
    'R7#show crypto isakmp sa',
    'dst             src             state          conn-id status',
    '192.0.2.77      198.51.100.7    QM_IDLE           1031 ACTIVE',
    'R7#',
    '',
    'So the counters move on our side only, and the far end says their ACL is fine; we are waiting for them to check',
  ].join('\n')

  it('leaves no author line unparsed and keeps the facts', async () => {
    const doc = await ingestText(POST + '\n', {file: 'post.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.ikeSa.map((s) => [s.remoteAddress, s.state])).toEqual([['192.0.2.77', 'established']])
  })

  it('still reports a device line no parser reads, above the first prompt', async () => {
    const doc = await ingestText(['Tunnel100 is up, line protocol is down', POST].join('\n') + '\n', {file: 'post.txt'})
    expect(doc.blocks.flatMap((b) => b.unparsed.map((u) => u.text))).toEqual(['Tunnel100 is up, line protocol is down'])
  })
})

describe("a ticket's history field inside an output", () => {
  it('is decoration, and the output keeps its facts', async () => {
    const text = ['R7#show crypto isakmp sa', 'dst             src             state          conn-id status', '192.0.2.77      198.51.100.7    QM_IDLE           1031 ACTIVE', 'Work notes (L1): escalating to L2, no idea why the tunnel keeps going', 'R7#'].join('\n')
    const doc = await ingestText(text + '\n', {file: 'ticket.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.ikeSa.map((x) => x.remoteAddress)).toEqual(['192.0.2.77'])
  })
})

describe("a name signed under an author's text", () => {
  const MAIL = ['From: Priya Raman <p.raman@example.com>', 'Subject: RE: branch3 vpn', '', 'Still down on our side. Answers inline.', '', 'Priya', '']
  it('is decoration', async () => {
    const doc = await ingestText(MAIL.join('\n') + '\n', {file: 'mail.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
  })
  it('is not taken where no author text is above it', async () => {
    const doc = await ingestText(['Established', '', 'Priya', ''].join('\n') + '\n', {file: 'loose.txt'})
    expect(doc.blocks.flatMap((b) => b.unparsed.map((u) => u.text))).toEqual(['Established', 'Priya'])
  })
})

describe('every fixture line a parser reads', () => {
  it('is neither author text nor a long sentence (parser goldens and field captures)', () => {
    // the device lines of the reference fixtures of each parser family, read as a parser would get them
    const files = ['cisco/show-crypto-ipsec-sa/detail-newer-train.txt', 'junos/show-security-ipsec-security-associations/detail.txt', 'log/ios-syslog.txt', 'log/junos.txt']
    for (const f of files) {
      for (const l of readFileSync(join(import.meta.dirname, 'fixtures', f), 'utf8').split('\n')) {
        const p = normalizePaste(l)
        if (p.kind !== 'content' || /^\S+[#>]/.test(p.text)) continue
        expect(isLongSentence(p.text), `${f}: ${l}`).toBe(false)
      }
    }
  })
})
