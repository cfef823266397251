/**
 * Log lines through ingest: log commands and log lines pasted alone become log blocks read by the log
 * reader; a log line inside another command's output becomes a fact without breaking that block, and
 * SRX tunnel events of detail outputs are log facts too.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'
import type {ParseDocument} from '../src/model/index.js'

const accounted = (doc: ParseDocument) => doc.blocks.reduce((n, b) => n + b.consumedLines + b.ignoredLines + b.unparsed.length, 0) + doc.summary.ignoredOutsideBlocks

describe('log lines in captures', () => {
  it('debug after a prompt with nothing typed is not the previous output; IKEv2 packet lines join their debug line', async () => {
    const doc = await ingestText([
      'Router-B#sh crypto ikev2 sa',
      'Tunnel-id Local Remote fvrf/ivrf Status',
      '1 172.30.9.2/500 172.30.1.1/500 none/none IN-NEG',
      'Router-B#',
      'Nov 23 11:47:12.403: IKEv2:(SESSION ID = 12,SA ID = 1):Received Packet [From 172.30.1.1:500/To 172.30.9.2:500/VRF i0:f0]',
      'Initiator SPI : 5E7D0C9A81B23F44 - Responder SPI : 2A4C6E8F0B1D3F57 Message id: 1',
      'IKEv2 IKE_AUTH Exchange RESPONSE',
      'Payload contents:',
      ' NOTIFY(AUTHENTICATION_FAILED)',
      'Nov 23 11:47:12.407: IKEv2:(SESSION ID = 12,SA ID = 1):Auth exchange failed',
    ].join('\n'), {file: 'rb.txt'})
    // the bare prompt (line 4) is counted as ignored at the start of the log block after it
    expect(doc.blocks.map((b) => [b.command, b.startLine, b.endLine, b.unparsed.length])).toEqual([['show crypto ikev2 sa', 1, 3, 0], ['show logging', 4, 10, 0]])
    expect(doc.facts.logEvent.map((e) => [e.source.startLine, e.event, e.peer])).toEqual([[5, 'auth-failed', '172.30.1.1'], [10, 'auth-failed', '172.30.1.1']])
    expect(doc.facts.logEvent[0].text).toContain('IKEv2 IKE_AUTH Exchange RESPONSE Payload contents: NOTIFY(AUTHENTICATION_FAILED)')
    expect(accounted(doc)).toBe(doc.summary.lines)
  })

  it('a syslog line between two show lines is a log fact at its line; the show output around it stays whole', async () => {
    const doc = await ingestText(['R1#show crypto isakmp sa', 'dst src state conn-id slot status', '192.0.2.2 198.51.100.1 QM_IDLE 1004 0 ACTIVE', '*Mar  1 00:51:05.987: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON', '192.0.2.3 198.51.100.1 MM_NO_STATE 1005 0 ACTIVE', 'R1#'].join('\n'), {file: 'r1.txt'})
    // one block: the log line is a fact of the block that spans it, and counted once, as consumed
    // (the prompt with nothing typed at line 6 ends the output; it is ignored outside any block)
    expect(doc.blocks.map((b) => [b.command, b.parser, b.startLine, b.endLine, b.consumedLines, b.ignoredLines, b.facts])).toEqual([
      ['show crypto isakmp sa', 'cisco/show-crypto-isakmp-sa', 1, 5, 4, 1, 3],
    ])
    expect(doc.facts.ikeSa.map((s) => [s.remoteAddress, s.stateRaw])).toEqual([['192.0.2.2', 'QM_IDLE'], ['192.0.2.3', 'MM_NO_STATE']])
    expect(doc.facts.logEvent.map((e) => [e.source.file, e.source.startLine, e.source.device, e.source.command, e.messageId, e.event, e.clockUnsynced, e.timeRaw])).toEqual([
      ['r1.txt', 4, 'R1', 'console messages', 'CRYPTO-6-ISAKMP_ON_OFF', 'isakmp-on', true, 'Mar 1 00:51:05.987'],
    ])
    expect(doc.summary.unparsedLines).toBe(0)
    expect(accounted(doc)).toBe(doc.summary.lines)
  })

  it('ASA and Junos console lines inside show outputs are log facts of the prompt device; untagged show lines are not taken', async () => {
    const doc = await ingestText([
      'asa-dc# show crypto isakmp sa',
      'IKEv1 SAs:',
      'Active SA: 1',
      '%ASA-5-713257: IP = 198.51.100.20, Phase 1 failure: Mismatched attribute types for class Group: Rcv\'d: Group 2 Cfg\'d: Group 14',
      '1 IKE Peer: 198.51.100.20',
      'Type : L2L Role : responder',
      'Rekey : no State : MM_WAIT_MSG3',
      'admin@srx1> show security ike security-associations',
      'Index State Initiator cookie Responder cookie Mode Remote Address',
      '19:13:59 IKE_VPN_DOWN_ALARM_USER: VPN vpn1 from 203.0.113.9 is down. Local-ip: 198.51.100.1, gateway name: gw1, vpn name: vpn1, Reason: IPSEC SA VPN Monitor Failure',
      '5808540 DOWN 9b2bbe80a1a1e84c 0000000000000000 Main 203.0.113.9',
    ].join('\n'), {file: 'mix.txt'})
    expect(doc.facts.logEvent.map((e) => [e.source.startLine, e.source.device, e.family, e.event, e.peer, e.received, e.configured])).toEqual([
      [4, 'asa-dc', 'asa-syslog', 'proposal-mismatch', '198.51.100.20', 'Group 2', 'Group 14'],
      [10, 'srx1', 'junos-syslog', 'vpn-monitor-failed', '203.0.113.9', null, null],
    ])
    expect(doc.facts.ikeSa.map((s) => [s.source.device, s.remoteAddress, s.stateRaw])).toEqual([['asa-dc', '198.51.100.20', 'MM_WAIT_MSG3'], ['srx1', '203.0.113.9', 'DOWN']])
    expect(doc.summary.unparsedLines).toBe(0)
    expect(accounted(doc)).toBe(doc.summary.lines)
  })

  it('SRX tunnel events of a detail output become log facts with their times and counts, beside the flow', async () => {
    const doc = await ingestText([
      'root@srx1> show security ipsec security-associations detail',
      'ID: 131073 Virtual-system: root, VPN Name: vpn-hq',
      'Local Gateway: 192.0.2.1, Remote Gateway: 192.0.2.2',
      'Tunnel events:',
      'Tue Nov 03 2026 01:24:27 -0800: IPSec SA negotiation successfully completed (1 times)',
      'Tue Nov 03 2026 01:20:02 -0800: Peer\'s IKE-ID validation failed during negotiation (3 times)',
      'Mon Nov 02 2026 23:10:00 -0800: No response from peer. Negotiation failed (512 times)',
    ].join('\n'), {file: 'srx1.txt'})
    expect(doc.facts.ipsecFlow.map((f) => f.remoteAddress)).toEqual(['192.0.2.2'])
    expect(doc.facts.logEvent.map((e) => [e.source.startLine, e.family, e.event, e.phase, e.peer, e.count, e.time])).toEqual([
      [5, 'srx-tunnel-event', 'sa-established', 2, '192.0.2.2', 1, '2026-11-03T01:24:27-08:00'],
      [6, 'srx-tunnel-event', 'id-mismatch', 1, '192.0.2.2', 3, '2026-11-03T01:20:02-08:00'],
      [7, 'srx-tunnel-event', 'no-response', 1, '192.0.2.2', 512, '2026-11-02T23:10:00-08:00'],
    ])
    const block = doc.blocks.find((b) => b.parser === 'junos/show-security-ipsec-security-associations')!
    expect(block.facts).toBe(1 + 3)
    expect(accounted(doc)).toBe(doc.summary.lines)
  })

  it('show logging output is read as log events, its header lines accounted as unknown lines', async () => {
    const doc = await ingestText([
      'R1#show clock', '*09:14:52.311 UTC Mon Dec 7 2026',
      'R1#show logging | include CRYPTO',
      'Log Buffer (8192 bytes):',
      '*Dec  7 09:12:05.987: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.2 failed its sanity check or is malformed',
      '*Dec  7 09:12:15.990: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.2 failed its sanity check or is malformed',
      '*Dec  7 09:13:00.001: %CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed',
      '        connection id=1003, sequence number=812',
      'R1#',
    ].join('\n'), {file: 'r1.txt'})
    const log = doc.blocks.find((b) => b.parser === 'log/reader')!
    expect([log.command, log.commandRaw, log.startLine, log.endLine, log.unparsed]).toEqual(['show logging', 'show logging | include CRYPTO', 3, 9, []])
    expect(doc.facts.logEvent.map((e) => [e.event, e.count, e.source.device, e.time])).toEqual([
      ['unknown', 1, 'R1', null],
      ['psk-mismatch', 2, 'R1', '2026-12-07T09:12:05.987'],
      ['replay', 1, 'R1', '2026-12-07T09:13:00.001'],
    ])
    expect(doc.summary.unparsedLines).toBe(0)
    expect(accounted(doc)).toBe(doc.summary.lines)
  })

  it('a syslog export without a prompt names its devices by host; a show output pasted after it gets its own block', async () => {
    const doc = await ingestText([
      'Dec  7 10:02:11  fw1 kmd[1402]: IKE Phase-1: (Responder) Policy lookup failed',
      'Dec  7 10:02:12  fw2 kmd[1402]: IKE negotiation failed with error: Timed out. IKE Version: 2, VPN: v Gateway: g, Local: 198.51.100.1/500, Remote: 203.0.113.15/500, Local IKE-ID: Not-Available, Remote IKE-ID: Not-Available, VR-ID: 0, Role: Initiator',
      'dst src state conn-id slot status',
      '192.0.2.2 198.51.100.1 QM_IDLE 1004 0 ACTIVE',
    ].join('\n'), {file: 'export.log'})
    expect(doc.blocks.map((b) => [b.parser, b.startLine, b.endLine])).toEqual([['log/reader', 1, 2], ['cisco/show-crypto-isakmp-sa', 3, 4]])
    expect(doc.facts.logEvent.map((e) => [e.source.device, e.source.vendor, e.event])).toEqual([['fw1', 'junos', 'psk-missing'], ['fw2', 'junos', 'no-response']])
    expect(accounted(doc)).toBe(doc.summary.lines)
  })

  it('IOS debug output pasted alone, and SRX tunnel events under their header', async () => {
    const doc = await ingestText([
      'ISAKMP:(0):Checking ISAKMP transform 1 against priority 10 policy',
      'ISAKMP:(0):Diffie-Hellman group offered does not match policy!',
      'ISAKMP-ERROR: (0): phase 1 SA policy not acceptable! (local 25.2.2.2 remote 15.1.1.1)',
      '',
      'Tunnel events:',
      '  Tue Mar 05 2024 10:11:12 -0800: No response from peer. Negotiation failed (512 times)',
    ].join('\n'), {file: 'paste.txt'})
    expect(doc.blocks.every((b) => b.parser === 'log/reader')).toBe(true)
    expect(doc.facts.logEvent.map((e) => [e.family, e.event, e.count])).toEqual([
      ['ios-debug', 'unknown', 1], ['ios-debug', 'proposal-scan-miss', 1], ['ios-debug', 'proposal-mismatch', 1], ['srx-tunnel-event', 'no-response', 512],
    ])
    expect(doc.summary.unparsedLines).toBe(0)
    expect(accounted(doc)).toBe(doc.summary.lines)
  })

  it('Junos time-only log lines are dated by the capture clock (show system uptime), wherever the clock stands; repeats keep first and last time', async () => {
    const doc = await ingestText([
      'admin@srx1> show log kmd | last 50',
      '19:13:59 IKE_VPN_DOWN_ALARM_USER: VPN vpn1 from 203.0.113.9 is down. Local-ip: 198.51.100.1, gateway name: gw1, vpn name: vpn1, Reason: IPSEC SA VPN Monitor Failure',
      '23:40:01 IKE_VPN_DOWN_ALARM_USER: VPN vpn1 from 203.0.113.9 is down. Local-ip: 198.51.100.1, gateway name: gw1, vpn name: vpn1, Reason: IPSEC SA VPN Monitor Failure',
      '01:02:03 IKE_VPN_UP_ALARM_USER: VPN vpn1 from 203.0.113.9 is up. Local-ip: 198.51.100.1, gateway name: gw1, vpn name: vpn1',
      'admin@srx1> show system uptime',
      'Current time: 2026-11-23 02:00:00 UTC',
    ].join('\n'), {file: 'srx1.txt'})
    expect(doc.devices.map((d) => [d.name, d.captureTime])).toEqual([['srx1', '2026-11-23T02:00:00Z']])
    expect(doc.facts.logEvent.map((e) => [e.event, e.count, e.timeRaw, e.time, e.firstTime, e.lastTime, e.yearless])).toEqual([
      ['vpn-monitor-failed', 2, '19:13:59', '2026-11-22T19:13:59', '2026-11-22T19:13:59', '2026-11-22T23:40:01', false],
      ['tunnel-up', 1, '01:02:03', '2026-11-23T01:02:03', '2026-11-23T01:02:03', '2026-11-23T01:02:03', false],
    ])
  })

  it('without a capture clock, time-only lines wait undated; diagnose --at dates them (the day before --at when the time lies after it)', async () => {
    const doc = await ingestText(['admin@srx1> show log kmd', '19:13:59 IKE_VPN_DOWN_ALARM_USER: VPN vpn1 from 203.0.113.9 is down. Reason: IPSEC SA VPN Monitor Failure', 'Dec 7 10:02:11 srx1 kmd[1402]: IKE Phase-1: (Responder) Policy lookup failed'].join('\n'), {file: 'srx1.txt'})
    expect(doc.facts.logEvent.map((e) => [e.time, e.yearless])).toEqual([[null, true], ['--12-07T10:02:11', true]])
    await diagnose(doc, {at: '2027-01-02T12:00:00Z'})
    expect(doc.facts.logEvent.map((e) => [e.time, e.lastTime, e.yearless])).toEqual([['2027-01-01T19:13:59', '2027-01-01T19:13:59', false], ['2026-12-07T10:02:11', '2026-12-07T10:02:11', false]])
  })

  it('SRX tunnel events in an IKE detail output are log facts of the IKE peer above them; the IKE output stays whole', async () => {
    const doc = await ingestText([
      'admin@srx1> show security ike security-associations detail',
      'IKE peer 203.0.113.9, Index 5808540, Gateway Name: gw-hq',
      'Role: Initiator, State: DOWN',
      'Initiator cookie: 9b2bbe80a1a1e84c, Responder cookie: 0000000000000000',
      'Local: 198.51.100.1:500, Remote: 203.0.113.9:500',
      'Tunnel events:',
      'Mon Dec 07 2026 10:11:12 -0800: No response from peer. Negotiation failed (37 times)',
      'Mon Dec 07 2026 09:01:02 -0800: Negotiation failed with error code AUTHENTICATION_FAILED received from peer (2 times)',
      'Mon Dec 07 2026 08:00:00 -0800: IKE SA negotiation failed with error: Timed out (5 times)',
    ].join('\n'), {file: 'srx1.txt'})
    expect(doc.facts.ikeSa.map((s) => [s.remoteAddress, s.stateRaw, s.source.endLine])).toEqual([['203.0.113.9', 'DOWN', 5]])
    expect(doc.facts.logEvent.map((e) => [e.source.startLine, e.family, e.event, e.peer, e.localAddress, e.count, e.time, e.verified])).toEqual([
      [7, 'srx-tunnel-event', 'no-response', '203.0.113.9', '198.51.100.1', 37, '2026-12-07T10:11:12-08:00', true],
      [8, 'srx-tunnel-event', 'auth-failed', '203.0.113.9', '198.51.100.1', 2, '2026-12-07T09:01:02-08:00', false],
      [9, 'srx-tunnel-event', 'no-response', '203.0.113.9', '198.51.100.1', 5, '2026-12-07T08:00:00-08:00', false],
    ])
    expect(doc.summary.unparsedLines).toBe(0)
    expect(accounted(doc)).toBe(doc.summary.lines)
  })
})
