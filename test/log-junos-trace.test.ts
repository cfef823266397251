/**
 * Junos kmd / iked trace lines pasted from `show log <tracefile>` (MX services PIC or SRX
 * traceoptions): a date and a time, then the trace function or kmd's phase words, with no host and no
 * process name. Before, they were read as unparsed lines of the output before them (a `display set`
 * configuration here), or the function name was taken for a host. They are log facts of the device:
 * the phase 2 failure with its reason and proxies, the peer from the "[local <-> remote]" line of the
 * same negotiation, and the phase 2 proposal finding for that peer.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import type {LogEvent} from '../src/model/index.js'

const CONFIG = `set services ipsec-vpn ipsec proposal p2-aes-gcm protocol esp
set services ipsec-vpn ipsec proposal p2-aes-gcm encryption-algorithm aes-256-gcm
set services ipsec-vpn ipsec policy ipsec-pol-dc proposals p2-aes-gcm`

const TRACE = [
  'Mar 3 08:41:09 ike_decode_packet: Start, SA = { a1b2c3d4 e5f60718 - 29384756 0a1b2c3d}, nego = 1',
  'Mar 3 08:41:09 ike_qm_sa_proposals: proposal 1: ESP, transform 1: 3des-cbc, hmac-sha1-96, lifetime 28800 sec',
  'Mar 3 08:41:09 ipsec_select_sa_cb: [203.0.113.14 <-> 198.51.100.77] no matching transform in ipsec-policy ipsec-pol-dc',
  'Mar 3 08:41:09 Phase-2 [responder] failed with error(No proposal chosen) for local=ipv4_subnet(any:0,[0..7]=172.16.8.0/24) remote=ipv4_subnet(any:0,[0..7]=192.168.40.0/22)',
  'Mar 3 08:41:09 ike_send_notify: Connected, SA = { a1b2c3d4 e5f60718 - 29384756 0a1b2c3d}, nego = 1, protocol = 3, notification = No proposal chosen',
  'Mar 3 08:42:10 Phase-2 [responder] failed with error(No proposal chosen) for local=ipv4_subnet(any:0,[0..7]=172.16.8.0/24) remote=ipv4_subnet(any:0,[0..7]=192.168.40.0/22)',
]

/** The forms the field pastes the trace in (the value-bearing text stays). */
const FORMS: Record<string, (lines: string[]) => string[]> = {
  clean: (l) => l,
  'two spaces before a one-digit day, indented': (l) => l.map((x) => `   ${x.replace(/^Mar 3 /, 'Mar  3 ')}`),
  'collapsed runs of spaces': (l) => l.map((x) => x.replace(/ /g, '  ')),
  tabs: (l) => l.map((x) => x.replace(/^(Mar 3 \S+) /, '$1\t')),
  'a note at line end': (l) => l.map((x, i) => (i === 3 ? `${x}   <-- this is the one` : x)),
  // the author masked the local address only: the peer stays what it is
  'masked local address': (l) => l.map((x) => x.replace('203.0.113.14', 'x.x.x.x')),
  // cut after the failure (the rest of the file did not make it into the ticket)
  cut: (l) => l.slice(0, 4),
}

async function read(text: string, name = 'mx-pe2.txt') {
  const dir = mkdtempSync(join(tmpdir(), 'junos-trace-'))
  const file = join(dir, name)
  writeFileSync(file, `${text}\n`)
  const doc = await ingestFiles([file])
  return {doc, out: await diagnose(doc, {now: () => new Date('2027-03-03T09:00:00Z')})}
}

const failures = (events: LogEvent[]) => events.filter((e) => e.event === 'proposal-mismatch')

describe('Junos trace lines with a date and no host or process', () => {
  for (const [form, apply] of Object.entries(FORMS)) {
    it(`after a display set configuration (${form}): log facts of the device, the finding for the peer`, async () => {
      const lines = apply(TRACE)
      const {doc, out} = await read(`${CONFIG}\n${lines.join('\n')}`)
      expect(doc.summary.unparsedLines).toBe(0)
      const events = doc.facts.logEvent as LogEvent[]
      // every trace line is a log fact (the second failure is a repeat of the first)
      expect(events.reduce((n, e) => n + e.count, 0)).toBe(lines.length)
      expect(events.every((e) => e.host === null && e.source.device === 'mx-pe2' && e.family === 'junos-syslog')).toBe(true)
      expect(failures(events)).toHaveLength(1)
      expect(failures(events)[0]).toMatchObject({
        phase: 2,
        peer: '198.51.100.77',
        reason: 'No proposal chosen',
        localProxy: 'ipv4_subnet(any:0,[0..7]=172.16.8.0/24)',
        remoteProxy: 'ipv4_subnet(any:0,[0..7]=192.168.40.0/22)',
        verified: true,
        count: lines.length === 4 ? 1 : 2,
      })
      // the lines that prove nothing are log lines without an event
      const decode = events.find((e) => e.messageId === 'ike_decode_packet')!
      expect(decode).toMatchObject({event: 'unknown', peer: '198.51.100.77'})
      const finding = out.findings.find((f) => f.ruleId === 'pair-transform-mismatch')
      expect(finding?.message).toContain('198.51.100.77')
    })
  }

  it('headless (a trace paste alone) and after a show log command give the same facts', async () => {
    const facts = (doc: {facts: {logEvent?: unknown[]}}) => (doc.facts.logEvent as LogEvent[]).map((e) => [e.event, e.phase, e.peer, e.messageId, e.count, e.host])
    const headless = await read(TRACE.join('\n'))
    const typed = await read(`admin@mx-pe2> show log ipsec-trace | match 198.51.100.77\n${TRACE.join('\n')}`)
    expect(headless.doc.summary.unparsedLines).toBe(0)
    expect(typed.doc.summary.unparsedLines).toBe(0)
    expect(facts(headless.doc)).toEqual(facts(typed.doc))
    expect(failures(headless.doc.facts.logEvent as LogEvent[])[0].peer).toBe('198.51.100.77')
  })

  it('a phase 1 failure named by its trace line keeps phase 1', async () => {
    const {doc} = await read('Mar 3 08:40:55 Phase-1 [responder] failed with error(Authentication failed) for p1_local=ipv4(udp:500,[0..3]=203.0.113.14) p1_remote=ipv4(udp:500,[0..3]=198.51.100.77)')
    expect(doc.summary.unparsedLines).toBe(0)
    expect((doc.facts.logEvent as LogEvent[]).map((e) => [e.event, e.phase, e.localAddress, e.peer])).toEqual([['auth-failed', 1, '203.0.113.14', '198.51.100.77']])
  })

  it('a device\'s own stamped lines keep their reading: SRX kmd syslog with a host, tunnel events', async () => {
    const {doc} = await read(`Mar 3 08:41:09 srx-edge1 kmd[2210]: IKE negotiation failed with error: No proposal chosen. IKE Version: 1, VPN: vpn-dc Gateway: gw-dc, Local: 203.0.113.14/500, Remote: 198.51.100.77/500, Local IKE-ID: Not-Available, Remote IKE-ID: Not-Available, VR-ID: 0, Role: Responder
Mar 3 08:41:10 fw_dc1: %ASA-4-713903: IP = 198.51.100.77, Error: Unable to remove PeerTblEntry
Tue Mar 03 2027 08:41:12 -0800: No response from peer. Negotiation failed (3 times)`)
    const events = doc.facts.logEvent as LogEvent[]
    expect(events.map((e) => [e.host, e.family, e.peer])).toEqual([
      ['srx-edge1', 'junos-syslog', '198.51.100.77'],
      ['fw_dc1', 'asa-syslog', '198.51.100.77'],
      [null, 'srx-tunnel-event', null],
    ])
  })
})
