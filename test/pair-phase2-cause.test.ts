/**
 * A pair finding that says why phase 2 fails (proxies that do not mirror) explains the missing phase 2
 * at its ends: it leads, and the missing phase 2 of either end is listed under it.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'

const example = (f: string) => readFileSync(join(import.meta.dirname, '..', 'examples', 'pair-proxy-id-mismatch', f), 'utf8')

describe('proxies that do not mirror, traffic refused at one end', () => {
  it('the pair finding leads; the missing phase 2 is listed under it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pair-phase2-'))
    // HQ sends into a flow and finds no SA (58 send errors): phase 2 is missing there
    writeFileSync(join(dir, 'HQ-R2.txt'), example('HQ-R2.txt').replace('#send errors 0,', '#send errors 58,'))
    writeFileSync(join(dir, 'BR-R66.txt'), example('BR-R66.txt'))
    const {findings} = await diagnose(await ingestFiles([dir]), {at: '2026-11-23T10:00:00Z'})
    const pair = findings.find((f) => f.ruleId === 'pair-proxy-id-mismatch')!
    const missing = findings.filter((f) => f.ruleId === 'ipsec-phase2-not-established' || f.ruleId === 'ipsec-flow-phase2-missing')
    expect(missing.length).toBeGreaterThan(0)
    expect(findings[0].ruleId).toBe('pair-proxy-id-mismatch')
    for (const f of missing) expect(f.relatedTo).toBe(pair.fingerprint)
  })
})
