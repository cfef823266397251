/**
 * The ID payload dump of IOS `debug crypto isakmp`: under "ISAKMP (0:0): ID payload" IOS prints one
 * field a line, indented and without a stamp ("next-payload : 8", "type : 2", "FQDN name : ...").
 * Before, pasted inside or after a show output those lines were unparsed lines of that output, and in
 * a debug paste with their indentation stripped they ended the log block and became lines nobody read.
 * They continue their debug line: one log fact whose reason carries the identity sent.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestFiles} from '../src/ingest/index.js'
import type {LogEvent} from '../src/model/index.js'

const SHOW = `hub-rtr3#show crypto isakmp sa
IPv4 Crypto ISAKMP SA
dst             src             state          conn-id status
203.0.113.61    192.0.2.9       MM_KEY_EXCH       1207 ACTIVE`

const HEAD = '*Feb 11 07:22:58.903: ISAKMP:(1207):ID payload'
const FIELDS = ['next-payload : 8', 'type : 2', 'FQDN name : hub3.core.example.net', 'protocol : 17', 'port : 500', 'length : 29']
const AFTER = '*Feb 11 07:22:58.904: ISAKMP:(1207):Total payload length: 29'

/** The forms the field pastes the dump in; the fields keep their values. */
const FORMS: Record<string, (f: string[]) => string[]> = {
  'as printed (indented, aligned)': (f) => f.map((x) => `        ${x.replace(' : ', x.startsWith('FQDN') ? '    : ' : ' '.repeat(Math.max(1, 13 - x.indexOf(' :'))) + ': ')}`),
  'indentation stripped': (f) => f,
  'collapsed spaces': (f) => f.map((x) => x.replace(' : ', ': ')),
  tabs: (f) => f.map((x) => `\t\t${x.replace(' : ', '\t: ')}`),
  'a note at line end': (f) => f.map((x) => (x.startsWith('FQDN') ? `${x}   <-- wrong name?` : x)),
  // cut after the name (the rest of the dump did not make it into the ticket)
  cut: (f) => f.slice(0, 3),
}

async function read(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'id-payload-'))
  const file = join(dir, 'hub-rtr3.txt')
  writeFileSync(file, `${text}\n`)
  return ingestFiles([file])
}

function idFact(events: LogEvent[]): LogEvent {
  return events.find((e) => e.text.includes('ID payload'))!
}

describe('IOS debug ID payload dumps', () => {
  for (const [form, apply] of Object.entries(FORMS)) {
    const fields = apply(FIELDS)
    const dump = [HEAD, ...fields, AFTER].join('\n')
    const expected = {startLine: 5, endLine: 5 + fields.length}

    it(`inside a show output (${form}): the fields follow their debug line`, async () => {
      const doc = await read(`${SHOW}\n${dump}\n203.0.113.62    192.0.2.9       QM_IDLE           1208 ACTIVE`)
      expect(doc.summary.unparsedLines).toBe(0)
      expect(doc.facts.ikeSa.map((s) => s.connId)).toEqual([1207, 1208])
      const id = idFact(doc.facts.logEvent as LogEvent[])
      expect(id.source).toMatchObject(expected)
      expect(id.reason).toBe('ID payload: FQDN name hub3.core.example.net')
      expect(id.peer).toBe(null)
    })

    it(`after an author sentence (${form}): no line left to "could not tell which command"`, async () => {
      const doc = await read(`The hub sends this identity:\n${dump}`)
      expect(doc.summary.unparsedLines).toBe(0)
      const id = idFact(doc.facts.logEvent as LogEvent[])
      expect(id.source).toMatchObject({startLine: 2, endLine: 2 + fields.length})
      expect(id.reason).toBe('ID payload: FQDN name hub3.core.example.net')
    })

    it(`in a pure debug paste (${form}): one message, the line after it its own`, async () => {
      const doc = await read(`*Feb 11 07:22:58.880: ISAKMP:(1207):SA is doing pre-shared key authentication using id type ID_FQDN\n${dump}`)
      expect(doc.summary.unparsedLines).toBe(0)
      const events = doc.facts.logEvent as LogEvent[]
      expect(idFact(events).source).toMatchObject({startLine: 2, endLine: 2 + fields.length})
      expect(idFact(events).reason).toBe('ID payload: FQDN name hub3.core.example.net')
      expect(events.find((e) => e.text.includes('Total payload length'))!.source.startLine).toBe(3 + fields.length)
    })
  }

  it('an address identity, the dump under a conn-id 0 head', async () => {
    const doc = await read(`${SHOW}\n*Feb 11 07:23:01.112: ISAKMP (0:0): ID payload\nnext-payload : 8\ntype : 1\naddress : x.x.x.x\nprotocol : 17\nport : 500\nlength : 12`)
    expect(doc.summary.unparsedLines).toBe(0)
    expect(idFact(doc.facts.logEvent as LogEvent[]).reason).toBe('ID payload: address x.x.x.x')
  })

  it('the same field words under another debug line stay where they were', async () => {
    // "length : 29" after a line that is no ID payload is not joined to it
    const doc = await read(`*Feb 11 07:22:58.880: ISAKMP:(1207):Old State = IKE_I_MM4 New State = IKE_I_MM5\nlength : 29`)
    const events = doc.facts.logEvent as LogEvent[]
    expect(events.every((e) => e.source.endLine === e.source.startLine)).toBe(true)
  })
})
