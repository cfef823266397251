/**
 * IOS-XE prints an IKEv2 error twice, under "IKEv2-ERROR:" and "IKEv2:", with the same text after the
 * tag on neighbouring lines of the same time. The pair is one message: one fact citing both lines
 * (before, one fact per tag, and the same cause listed twice).
 */
import {describe, expect, it} from 'vitest'
import type {LogEvent} from '../src/model/index.js'
import {readLog} from '../src/parsers/log/index.js'
import type {ParseContext} from '../src/parsers/types.js'
import {pastedLine} from '../src/reading/paste.js'

const ctx: ParseContext = {file: 'log.txt', device: 'br9', vendor: 'cisco', command: 'show logging', args: [], pipe: null, node: null}
const read = (text: string) => readLog(text.split('\n').map((t, i) => pastedLine(i + 1, t)), ctx)
const events = (text: string) => read(text).facts as LogEvent[]

describe('IKEv2-ERROR / IKEv2 twins', () => {
  it('fold into one fact with both lines, whichever comes first', () => {
    for (const [a, b] of [['IKEv2-ERROR:(SESSION ID = 27,SA ID = 1):: Auth exchange failed', 'IKEv2:(SESSION ID = 27,SA ID = 1):Auth exchange failed'], ['IKEv2:(SESSION ID = 3,SA ID = 1):Auth exchange failed', 'IKEv2-ERROR:(SESSION ID = 3,SA ID = 1):: Auth exchange failed']]) {
      const r = read(`Dec  3 10:02:14.237 UTC: IKEv2:(SESSION ID = 27,SA ID = 1):Process auth response notify
Dec  3 10:02:14.237 UTC: ${a}
Dec  3 10:02:14.238 UTC: ${b}
Dec  3 10:02:14.238 UTC: IKEv2:(SESSION ID = 27,SA ID = 1):Abort exchange`)
      const failed = (r.facts as LogEvent[]).filter((e) => e.event === 'auth-failed')
      expect(failed.map((e) => [e.lines, e.count, e.source.startLine, e.source.endLine])).toEqual([[[2, 3], 1, 2, 3]])
      expect(r.consumed).toBe(4)
    }
  })

  it('without stamps (terminal debug) they fold too; a retry later is a repeat of the pair', () => {
    const e = events(`IKEv2-ERROR:(SESSION ID = 5,SA ID = 1):: Failed to locate an item in the database
IKEv2:(SESSION ID = 5,SA ID = 1):Failed to locate an item in the database
IKEv2:(SESSION ID = 5,SA ID = 1):Deleting SA
IKEv2-ERROR:(SESSION ID = 5,SA ID = 1):: Failed to locate an item in the database
IKEv2:(SESSION ID = 5,SA ID = 1):Failed to locate an item in the database`)
    expect(e.filter((x) => x.event === 'id-mismatch').map((x) => [x.lines, x.count])).toEqual([[[1, 2, 4, 5], 2]])
  })

  it('stay apart when the text, the session or the time differs', () => {
    const e = events(`Dec  3 10:02:14.237 UTC: IKEv2-ERROR:(SESSION ID = 27,SA ID = 1):: Auth exchange failed
Dec  3 10:02:14.238 UTC: IKEv2:(SESSION ID = 28,SA ID = 1):Auth exchange failed
Dec  3 10:02:20.100 UTC: IKEv2-ERROR:(SESSION ID = 28,SA ID = 1):: Auth exchange failed
Dec  3 10:02:20.101 UTC: IKEv2:(SESSION ID = 28,SA ID = 1):Abort exchange
Dec  3 10:05:20.101 UTC: IKEv2:(SESSION ID = 28,SA ID = 1):Auth exchange failed`)
    expect(e.filter((x) => x.event === 'auth-failed').map((x) => x.lines)).toEqual([[1], [2, 5], [3]])
  })
})
