/**
 * Two snapshots of one device in one file (show clock + an output, and both again minutes later): the
 * earlier part is the device's before capture, so the delta- rules compare them. Before, the file gave
 * one document that kept only the later output of the repeated command, and what changed was lost.
 */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {loadCaptures} from '../src/engine/delta/timeline.js'

const snapshot = (clock: string, rows: string[]) => ['SPOKE4#show clock', clock, 'SPOKE4#show crypto isakmp sa', 'IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status', ...rows, '']
const FIRST = snapshot('09:10:02.114 UTC Mon Mar 3 2025', [
  '192.0.2.200     198.51.100.44   QM_IDLE           2041 ACTIVE',
  '198.51.100.44   192.0.2.200     QM_IDLE           2040 ACTIVE (deleted)',
])
const SECOND = snapshot('09:12:31.870 UTC Mon Mar 3 2025', [
  '198.51.100.44   192.0.2.200     QM_IDLE           2045 ACTIVE',
  '192.0.2.200     198.51.100.44   QM_IDLE           2044 ACTIVE (deleted)',
  '192.0.2.200     198.51.100.44   QM_IDLE           2043 ACTIVE (deleted)',
])
const IPSEC = ['SPOKE4#show crypto ipsec sa | i peer|caps', '   current_peer 192.0.2.200 port 500', '    #pkts encaps: 310, #pkts encrypt: 310, #pkts digest: 310', '    #pkts decaps: 298, #pkts decrypt: 298, #pkts verify: 298', 'SPOKE4#']

function write(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'snap-')), 'thread.txt')
  writeFileSync(file, ['Pasted from the chat, two runs a few minutes apart:', '', ...lines].join('\n') + '\n')
  return file
}

async function run(lines: string[]) {
  const {doc, before} = await loadCaptures([write(lines)], undefined)
  const result = await diagnose(doc, {before, at: '2025-03-03T10:00:00Z'})
  return {before, findings: result.findings}
}

describe('two snapshots of a device in one file', () => {
  it('compares them: new conn-ids toward the one peer are IKE SA churn', async () => {
    const {before, findings} = await run([...FIRST, ...SECOND, ...IPSEC])
    expect(before?.facts.ikeSa.map((s) => s.connId).sort()).toEqual([2040, 2041])
    const churn = findings.filter((f) => f.ruleId === 'delta-ike-sa-churn')
    // the rows written the other way round (the peer initiated) are the same peer, read from current_peer
    expect(churn.map((f) => f.message)).toEqual(['Peer 192.0.2.200: 3 new IKE SA conn-ids and 2 new deleted rows over 150 s'])
  })

  it('one snapshot, or a clock printed twice before one output, is not a delta', async () => {
    expect((await run([...SECOND, ...IPSEC])).before).toBeUndefined()
    expect((await run(['SPOKE4#show clock', '09:10:02.114 UTC Mon Mar 3 2025', ...SECOND, ...IPSEC])).before).toBeUndefined()
  })

  it('the same clock time twice is one capture', async () => {
    const same = SECOND.map((l) => l.replace('09:12:31.870', '09:10:02.114'))
    expect((await run([...FIRST, ...same, ...IPSEC])).before).toBeUndefined()
  })
})
