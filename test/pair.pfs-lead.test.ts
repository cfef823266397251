/**
 * IOS "IPSec policy invalidated proposal with error 256" is a transform set or a PFS mismatch
 * (IOS-D07). When the configuration of both ends shows PFS on one side only and the same transform
 * set, the report must not lead with a transform set mismatch: the pair finding naming PFS leads, the
 * log finding (which now says "transform set or PFS", under the same id) is listed under it.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const TEXT = readFileSync(join(import.meta.dirname, 'fixtures', 'pair-pfs', 'ios-pfs-one-side-error-256.txt'), 'utf8')

describe('error 256 with PFS on one end only', () => {
  it('the log event names transform set or PFS, not the transform set', async () => {
    const doc = await ingestText(TEXT, {file: 'pair.txt'})
    const e = doc.facts.logEvent.find((x) => x.reason === 'error 256')!
    expect([e.event, e.phase, e.attribute]).toEqual(['proposal-mismatch', 2, null])
  })

  it('the pair finding naming PFS leads; the log finding is under it and does not claim a transform set mismatch', async () => {
    const doc = await ingestText(TEXT, {file: 'pair.txt'})
    const findings = (await diagnose(doc, {at: '2026-11-23T12:00:00Z'})).findings
    const top = findings[0]
    expect([top.ruleId, top.message]).toEqual(['pair-transform-mismatch', 'tunnel R1 (192.0.2.1) <-> R2 (198.51.100.2): phase 2 parameters differ, PFS: R1 Y, R2 N'])
    // the log line's finding is pair-transform-mismatch too (its logEvent branch: log-messages.md IOS-D07)
    const log = findings.find((f) => f.ruleId === 'pair-transform-mismatch' && f.entity.kind === 'logEvent')!
    expect(log.message).toBe('Phase 2 proposals with 198.51.100.2 do not match: transform set or PFS (logged 1 time(s))')
    expect(log.relatedTo).toBe(top.fingerprint)
  })
})
