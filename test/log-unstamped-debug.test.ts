/**
 * IOS debug pasted into a show output without time stamps (a terminal prints debug unstamped unless
 * `service timestamps debug` is set), and what those lines prove about a stuck phase 1: the lines are
 * read as log facts of the device, their peer from the packet line of the same conn-id, and a state
 * that could be passing in one snapshot is an error of high confidence once the log shows it failing.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import type {LogEvent} from '../src/model/index.js'

const TABLE = `R1#show crypto isakmp sa
IPv4 Crypto ISAKMP SA
dst             src             state          conn-id status
198.51.100.2    203.0.113.1     MM_NO_STATE       1001 ACTIVE`

const DEBUG = `ISAKMP:(1001): retransmitting phase 1 MM_NO_STATE...
ISAKMP (1001): incrementing error counter on sa, attempt 3 of 5: retransmit phase 1
ISAKMP:(1001): sending packet to 198.51.100.2 my_port 500 peer_port 500 (I) MM_NO_STATE`

async function read(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'unstamped-'))
  const file = join(dir, 'r1.txt')
  writeFileSync(file, `${text}\n`)
  const doc = await ingestFiles([file])
  return {doc, out: await diagnose(doc, {now: () => new Date('2026-12-07T00:00:00Z')})}
}

describe('unstamped IOS debug inside a show output', () => {
  it('is read as log facts of the device, the show output around it stays whole', async () => {
    const {doc} = await read(`${TABLE}\n${DEBUG}\n198.51.100.2    203.0.113.1     MM_NO_STATE       1002 ACTIVE (deleted)\nR1#`)
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.ikeSa.map((s) => s.connId)).toEqual([1001, 1002])
    const events = doc.facts.logEvent as LogEvent[]
    expect(events.map((e) => [e.source.startLine, e.event, e.peer])).toEqual([
      // the retransmission names no peer: it takes the peer the packet line gives its conn-id
      [5, 'no-response', '198.51.100.2'],
      [6, 'unknown', '198.51.100.2'],
      [7, 'unknown', '198.51.100.2'],
    ])
    expect(events[2].remotePort).toBe(500)
    expect(events.every((e) => e.source.device === 'R1')).toBe(true)
  })

  it('an ASA vpn-sessiondb "IKEv2:" heading stays show output (no debug tag after the colon)', async () => {
    const {doc} = await read(`asa# show vpn-sessiondb detail l2l\nSession Type: LAN-to-LAN Detailed\n\nConnection : 198.51.100.2\nIndex : 14 IP Addr : 198.51.100.2\nIKEv2 Tunnels: 1\nIPsec Tunnels: 1\n\nIKEv2:\nTunnel ID : 14.1\nUDP Src Port : 500 UDP Dst Port : 500`)
    expect(doc.facts.logEvent).toEqual([])
  })
})

describe('a stuck phase 1 the log shows failing', () => {
  it('MM_NO_STATE with retransmissions logged: error, high confidence, the log line in the evidence', async () => {
    const {out} = await read(`${TABLE}\n${DEBUG}`)
    const stuck = out.findings.find((f) => f.ruleId === 'ike-stuck-mm-no-state')!
    expect(stuck.severity).toBe('error')
    expect(stuck.confidence.level).toBe('high')
    expect(stuck.confidence.reason).toContain('the log shows phase 1 with the peer failing')
    expect(stuck.evidence.some((e) => e.line === 5)).toBe(true)
    // the log branch defers to the state finding, which carries the log: one finding, on the row
    expect(out.findings.filter((f) => f.ruleId === 'ike-stuck-mm-no-state').map((f) => f.entity.kind)).toEqual(['ikeSa'])
  })

  it('without the log the same row is a warning of medium confidence (one snapshot)', async () => {
    const {out} = await read(TABLE)
    const stuck = out.findings.find((f) => f.ruleId === 'ike-stuck-mm-no-state')!
    expect(stuck.severity).toBe('warning')
    expect(stuck.confidence.level).toBe('medium')
  })

  it('a failure followed by a success of phase 1 with that peer does not escalate', async () => {
    const later = `ISAKMP:(1001):Old State = IKE_I_MM5  New State = IKE_P1_COMPLETE\n*Mar  1 00:52:05.987: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP. Peer 198.51.100.2:500 Id: 198.51.100.2`
    const {doc, out} = await read(`${TABLE}\n${DEBUG}\n${later}`)
    expect((doc.facts.logEvent as LogEvent[]).some((e) => e.event === 'sa-established' || e.event === 'tunnel-up')).toBe(true)
    const stuck = out.findings.find((f) => f.ruleId === 'ike-stuck-mm-no-state')!
    expect(stuck.severity).toBe('warning')
  })
})

describe('peer of IOS debug lines that do not print it', () => {
  it('conn-id 0 lines before the line that names the peer take it, when the conn-id 0 lines name one peer', async () => {
    const debug = [
      'R2#show logging | begin ISAKMP',
      '*Mar  1 00:12:10.111: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE...',
      '*Mar  1 00:12:10.111: ISAKMP (0:0): incrementing error counter on sa, attempt 1 of 5: retransmit phase 1',
      '*Mar  1 00:12:10.115: ISAKMP:(0): sending packet to 203.0.113.200 my_port 500 peer_port 500 (I) MM_NO_STATE',
      '*Mar  1 00:12:20.115: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE...',
    ].join('\n')
    const {doc} = await read(debug)
    const retransmits = (doc.facts.logEvent as LogEvent[]).filter((e) => e.event === 'no-response')
    // the two retransmissions are one message repeated: one fact, counted twice
    expect(retransmits.map((e) => [e.peer, e.count])).toEqual([['203.0.113.200', 2]])
  })

  it('conn-id 0 lines of two peers: the ones before any peer line stay without one', async () => {
    const debug = [
      'R2#show logging | begin ISAKMP',
      '*Mar  1 00:12:10.111: ISAKMP:(0): retransmitting phase 1 MM_NO_STATE...',
      '*Mar  1 00:12:10.115: ISAKMP:(0): sending packet to 203.0.113.200 my_port 500 peer_port 500 (I) MM_NO_STATE',
      '*Mar  1 00:12:11.115: ISAKMP:(0): sending packet to 203.0.113.201 my_port 500 peer_port 500 (I) MM_NO_STATE',
    ].join('\n')
    const {doc} = await read(debug)
    expect((doc.facts.logEvent as LogEvent[]).find((e) => e.event === 'no-response')?.peer).toBeNull()
  })

  it('the peer struct and pre-shared key lines name the peer of their conn-id', async () => {
    const debug = [
      'R2#show logging | begin ISAKMP',
      '*Mar  1 00:12:09.001: ISAKMP:(1043): retransmitting phase 1 MM_KEY_EXCH...',
      '*Mar  1 00:12:09.002: ISAKMP:(1043):found peer pre-shared key matching 198.51.100.22',
    ].join('\n')
    const {doc} = await read(debug)
    expect((doc.facts.logEvent as LogEvent[]).map((e) => e.peer)).toEqual(['198.51.100.22', '198.51.100.22'])
  })
})

describe('an ISAKMP debug line with no space after its tag', () => {
  it('is a log line inside a show output ("ISAKMP:received payload type 20", NAT discovery)', async () => {
    const {doc} = await read(`${TABLE}\nOct  2 16:11:57.018: ISAKMP:received payload type 20\nOct  2 16:11:57.022: ISAKMP:(1001):Detected port floating to port = 4500`)
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.logEvent.map((e) => e.source.startLine)).toEqual([5, 6])
  })
})
