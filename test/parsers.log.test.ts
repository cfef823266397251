/**
 * The log reader (src/parsers/log): every fixture under test/fixtures/log is read line by line as
 * ingest hands lines to parsers (paste-normalized), and each fact is compared with the golden facts
 * written by hand from shared/knowledge/log-messages.md (only the fields a golden lists are compared).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {LogEvent} from '../src/model/index.js'
import {isLogLine, readLog, resolveTime, splitPrefix} from '../src/parsers/log/index.js'
import type {ParseContext} from '../src/parsers/types.js'
import {pastedLine} from '../src/reading/paste.js'

const dir = join(import.meta.dirname, 'fixtures', 'log')
const ctx: ParseContext = {file: 'log.txt', device: 'R1', vendor: 'cisco', command: 'show logging', args: [], pipe: null, node: null}

function linesOf(text: string) {
  return text.replace(/\n$/, '').split('\n').map((t, i) => pastedLine(i + 1, t))
}

describe('log fixtures against hand-written goldens', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    it(name, () => {
      const golden = JSON.parse(readFileSync(join(dir, name.replace(/\.txt$/, '.json')), 'utf8')) as {lines: number; facts: Record<string, unknown>[]}
      const lines = linesOf(readFileSync(join(dir, name), 'utf8'))
      expect(lines.length).toBe(golden.lines)
      const r = readLog(lines, ctx)
      // every line accounted: consumed into a fact or ignored, never unparsed
      expect(r.unparsed).toEqual([])
      expect(r.consumed + r.ignored).toBe(lines.length)
      for (const f of r.facts) expect(() => LogEvent.parse(f)).not.toThrow()
      const got = r.facts.map((f) => {
        const view: Record<string, unknown> = {...f, startLine: f.source.startLine, endLine: f.source.endLine}
        return view
      })
      expect(got.length, got.map((g) => `${g.startLine} ${g.event}`).join('\n')).toBe(golden.facts.length)
      golden.facts.forEach((want, i) => {
        const pick = Object.fromEntries(Object.keys(want).map((k) => [k, got[i][k]]))
        expect(pick, `${name} fact ${i + 1}`).toEqual(want)
      })
    })
  }
})

describe('prefixes and times', () => {
  it('resolves a year-less date against the capture clock, the year before when it lies after the clock', () => {
    expect(resolveTime(splitPrefix('Dec 7 10:02:11 fw1 kmd[1]: x'), '2027-01-03T00:00:00Z').time).toBe('2026-12-07T10:02:11')
    expect(resolveTime(splitPrefix('Dec 7 10:02:11 fw1 kmd[1]: x'), '2026-12-08T00:00:00Z').time).toBe('2026-12-07T10:02:11')
    const r = resolveTime(splitPrefix('*Mar 1 00:51:05.987: %CRYPTO-4-IKMP_NO_SA: x'), null)
    expect(r).toEqual({time: '--03-01T00:51:05.987', yearless: true})
  })

  it('dates a Junos time of day against the capture clock: its day, the day before when the time lies after the clock', () => {
    const line = '19:13:59 IKE_VPN_DOWN_ALARM_USER: VPN vpn1 from 203.0.113.9 is down.'
    expect(splitPrefix(line).body.startsWith('IKE_VPN_DOWN_ALARM_USER')).toBe(true)
    expect(resolveTime(splitPrefix(line), '2026-12-07T20:00:00Z')).toEqual({time: '2026-12-07T19:13:59', yearless: false})
    expect(resolveTime(splitPrefix(line), '2026-12-07T10:00:00Z')).toEqual({time: '2026-12-06T19:13:59', yearless: false})
    expect(resolveTime(splitPrefix(line), '2027-01-01T00:05:00Z')).toEqual({time: '2026-12-31T19:13:59', yearless: false})
    // no clock: no date to give it, and the line waits for one
    expect(resolveTime(splitPrefix(line), null)).toEqual({time: null, yearless: true})
    // an IOS uptime stamp is not a time of day
    expect(resolveTime(splitPrefix('00:51:05: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is ON'), '2026-12-07T20:00:00Z')).toEqual({time: null, yearless: false})
  })

  it('reads a weekday before a year-less date and dates it against the clock', () => {
    const p = splitPrefix('Tue Nov 12 10:15:32: KMD_VPN_TS_MISMATCH: Traffic-selector mismatch, vpn name: vpn1')
    expect([p.body.slice(0, 19), p.month, p.day, p.clock]).toEqual(['KMD_VPN_TS_MISMATCH', 11, 12, '10:15:32'])
    expect(resolveTime(p, '2024-12-01T08:00:00Z')).toEqual({time: '2024-11-12T10:15:32', yearless: false})
    expect(resolveTime(p, '2025-01-02T08:00:00Z')).toEqual({time: '2024-11-12T10:15:32', yearless: false})
    expect(resolveTime(p, null)).toEqual({time: '--11-12T10:15:32', yearless: true})
  })

  it('marks the IOS unsynced-clock star and keeps a numeric zone', () => {
    const p = splitPrefix('*Mar 1 00:51:05.987: %CRYPTO-4-IKMP_NO_SA: IKE message from 192.0.2.2 has no SA')
    expect(p.unsynced).toBe(true)
    expect(p.body.startsWith('%CRYPTO-4-IKMP_NO_SA')).toBe(true)
    expect(resolveTime(splitPrefix('Oct 11 10:15:31.208 UTC+07:30: %X-1-Y: z'), '2024-12-01').time).toBe('2024-10-11T10:15:31.208+07:30')
  })

  it('uses the host of a syslog export as the device when asked', () => {
    const lines = linesOf('Dec 7 10:02:11 fw1 kmd[1402]: IKE Phase-1: (Responder) Policy lookup failed\nDec 7 10:02:12 fw2 kmd[1402]: IKE Phase-1: (Responder) Policy lookup failed')
    const r = readLog(lines, ctx, {hostIsDevice: true, captureClock: '2026-12-07T12:00:00Z'})
    expect(r.facts.map((f) => [f.source.device, f.source.vendor, f.time])).toEqual([['fw1', 'junos', '2026-12-07T10:02:11'], ['fw2', 'junos', '2026-12-07T10:02:12']])
  })

  it('tells log lines from show output', () => {
    expect(isLogLine('*Mar 1 00:51:05.987: %CRYPTO-4-IKMP_NO_SA: IKE message from 192.0.2.2 has no SA')).toBe(true)
    expect(isLogLine('Dec 7 10:02:11 fw1 kmd[1402]: KMD_PM_SA_ESTABLISHED: Local gateway: 1.1.1.1')).toBe(true)
    expect(isLogLine('ISAKMP:(0):no offers accepted!')).toBe(true)
    expect(isLogLine('%ASA-5-713119: Group = 203.0.113.9, IP = 203.0.113.9, PHASE 1 COMPLETED')).toBe(true)
    expect(isLogLine('dst src state conn-id status')).toBe(false)
    expect(isLogLine('192.0.2.2 198.51.100.1 MM_KEY_EXCH 1004 ACTIVE')).toBe(false)
    expect(isLogLine('Cur time: Dec 7 10:02:11 2026')).toBe(false)
    expect(isLogLine('protected vrf: (none)')).toBe(false)
  })
})
