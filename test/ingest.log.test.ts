/**
 * Log lines through ingest: log commands and log lines pasted alone become log blocks read by the log
 * reader; a syslog line inside another command's output neither breaks that block nor becomes a fact.
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'
import type {ParseDocument} from '../src/model/index.js'

const accounted = (doc: ParseDocument) => doc.blocks.reduce((n, b) => n + b.consumedLines + b.ignoredLines + b.unparsed.length, 0) + doc.summary.ignoredOutsideBlocks

describe('log lines in captures', () => {
  it('a syslog line between two show lines stays inside that block, ignored', async () => {
    const doc = await ingestText(['R1#show crypto isakmp sa', 'dst src state conn-id slot status', '192.0.2.2 198.51.100.1 QM_IDLE 1004 0 ACTIVE', '*Mar  1 00:51:05.987: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON', '192.0.2.3 198.51.100.1 MM_NO_STATE 1005 0 ACTIVE', 'R1#'].join('\n'), {file: 'r1.txt'})
    expect(doc.blocks.map((b) => [b.command, b.startLine, b.endLine])).toEqual([['show crypto isakmp sa', 1, 6]])
    expect(doc.facts.ikeSa).toHaveLength(2)
    expect(doc.facts.logEvent).toEqual([])
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
})
