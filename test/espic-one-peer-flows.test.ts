/**
 * Legacy ES-PIC `show ipsec security-associations detail` prints no peer in its SA blocks. On a device
 * with one IKE peer and only such blocks, the SAs are that peer's: no "phase 2 not established" beside
 * installed SAs. With two IKE peers the blocks cannot be told apart, and the rule reads as before.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const fixture = (f: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'junos', f), 'utf8').trimEnd()
const IKE = ['user@m7i> show ike security-associations', fixture('show-ike-security-associations/reference-brief.txt')]

async function phase2(lines: string[]) {
  const doc = await ingestText([...lines, 'user@m7i> '].join('\n') + '\n', {file: 'm7i.txt'})
  return (await diagnose(doc, {at: '2026-12-07T10:00:00Z'})).findings.filter((f) => f.ruleId === 'ipsec-phase2-not-established')
}

describe('one IKE peer, SA blocks without a peer', () => {
  it('installed SAs are the peer\'s: phase 2 is established', async () => {
    expect(await phase2([...IKE, 'user@m7i> show ipsec security-associations detail', fixture('show-ipsec-security-associations/reference-detail-esp.txt')])).toEqual([])
  })
  it('a second IKE peer: the SAs cannot be told apart, the rule reads as before', async () => {
    const two = [...IKE, '5.5.5.5         Matured    a3870456fa000011 b23a20713700003e Main']
    const found = await phase2([...two, 'user@m7i> show ipsec security-associations detail', fixture('show-ipsec-security-associations/reference-detail-esp.txt')])
    expect(found.length).toBeGreaterThan(0)
  })
})
