/**
 * `show crypto session brief` beside `show crypto session` of the same router: each peer is judged
 * once (the long form's session is kept), and the brief form's status letters reach session-down
 * (D, DN down or negotiating; a U code with K is up without IKE).
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const LONG = readFileSync('test/fixtures/cisco/show-crypto-session/detail-states.txt', 'utf8')
const legend = ['Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating', 'K - No IKE', 'ivrf = (none)', 'Peer I/F Username Group/Phase1_id Uptime Status']
const brief = (...rows: string[]) => ['R1#show crypto session brief', ...legend, ...rows].join('\n')

const sessionDown = async (text: string) => {
  const doc = await ingestText(text, {file: 'r1.txt'})
  const result = await diagnose(doc, {at: '2026-12-01T00:00:00Z'})
  return {doc, findings: result.findings.filter((f) => f.ruleId === 'session-down')}
}

describe('show crypto session brief status letters', () => {
  it('D is down, DN negotiating, UAK up without IKE (a warning); UA and UI are silent', async () => {
    const {findings} = await sessionDown(brief('203.0.113.9 Gi0/0/0 D', '203.0.113.10 Gi0/0/0 DN', '198.51.100.2 Tu0 198.51.100.2 00:12:23 UAK', '198.51.100.3 Tu1 198.51.100.3 00:12:23 UA', '198.51.100.4 Tu2 198.51.100.4 1d02h UI', 'R1#'))
    expect(findings.map((f) => [f.message, f.severity]).sort()).toEqual([
      ['Crypto session to 198.51.100.2 on Tu0 is UAK', 'warning'],
      ['Crypto session to 203.0.113.10 on Gi0/0/0 is DN', 'error'],
      ['Crypto session to 203.0.113.9 on Gi0/0/0 is D', 'error'],
    ])
  })
})

describe('show crypto session and its brief form of one router', () => {
  const longText = `R1#show crypto session detail\n${LONG}\n`

  it('a peer both list is judged once, from the long form, with a note', async () => {
    const alone = await sessionDown(`${longText}R1#`)
    const both = await sessionDown(`${longText}${brief('172.16.20.2 Tu20 172.16.20.2 UAK', '172.16.30.2 Tu30 D', 'R1#')}`)
    expect(alone.findings.length).toBeGreaterThan(0)
    expect(both.findings.map((f) => f.message)).toEqual(alone.findings.map((f) => f.message))
    expect(both.doc.facts.cryptoSession.every((s) => s.source.command === 'show crypto session')).toBe(true)
    const note = both.doc.diagnostics.find((d) => d.message.includes('of "show crypto session brief"'))
    expect(note?.level).toBe('info')
    expect(note?.message).toMatch(/^r1\.txt:\d+: 2 session\(s\) of "show crypto session brief" for R1 are also printed by "show crypto session" \(first at r1\.txt:\d+\)/)
  })

  it('a peer only the brief form lists stays', async () => {
    const {doc, findings} = await sessionDown(`${longText}${brief('172.16.30.2 Tu30 D', '192.0.2.99 Tu99 D', 'R1#')}`)
    expect(doc.facts.cryptoSession.filter((s) => s.source.command === 'show crypto session brief').map((s) => s.remoteAddress)).toEqual(['192.0.2.99'])
    expect(findings.filter((f) => f.message.includes('192.0.2.99'))).toHaveLength(1)
    expect(findings.filter((f) => f.message.includes('172.16.30.2'))).toHaveLength(1)
  })
})
