import {describe, expect, it} from 'vitest'
import {renderTable, shouldColor} from '../src/report/table.js'
import {CERT, finding, INFO, PAIR, POSTURE, ROOT, sampleDoc, SYMPTOM} from './fixtures/ci/sample-docs.js'

// ESC [ ... m, e.g. "\u001b[31m" (a colour code)
const ANSI = /\u001b\[[0-9;]*m/

describe('table report', () => {
  const plain = renderTable(sampleDoc(), {color: false})

  it('prints no escape codes when colour is off (piped output, NO_COLOR)', () => {
    expect(plain).not.toMatch(ANSI)
  })

  it('colours severities and table borders on a terminal', () => {
    const coloured = renderTable(sampleDoc(), {color: true})
    expect(coloured).toMatch(ANSI)
    expect(coloured.replace(new RegExp(ANSI.source, 'g'), '')).toContain('ike-stuck-mm-no-state')
  })

  it('summarises every finding in the table, the symptom under its root cause', () => {
    const tableRows = plain.split('\n').filter((l) => l.startsWith('│'))
    const rules = tableRows.map((r) => r.split('│')[2].trim())
    expect(rules).toEqual(['Rule', 'ike-stuck-mm-no-state', '└ ipsec-phase2-not-established', 'cert-expiring-soon', 'ipsec-no-traffic'])
    expect(tableRows[1]).toContain('R1')
    expect(tableRows[1]).toContain('peer 10.0.0.2')
  })

  it('details the root cause with evidence, ranked causes, vendor remediation in order and confirm commands', () => {
    const details = plain.slice(plain.indexOf('Details'))
    expect(details).toContain('[1] ERROR ike-stuck-mm-no-state  R1  peer 10.0.0.2')
    expect(details).toContain('captures/r1.txt:12  state = MM_NO_STATE')
    expect(details).toMatch(/1\. UDP 500 blocked on the path\n\s+2\. Peer has no crypto map/)
    expect(details).toContain('Remediation (cisco, in order):')
    const first = details.indexOf('1. show crypto isakmp sa')
    const second = details.indexOf('2. clear crypto isakmp 1004 [disruptive]')
    expect(first).toBeGreaterThan(0)
    expect(second).toBeGreaterThan(first)
    // the Junos step of the same rule is not shown for a Cisco device
    expect(details.slice(0, details.indexOf('[2]'))).not.toContain('show security ike security-associations')
    expect(details).toContain('To confirm:')
    expect(details).toContain('debug crypto isakmp')
  })

  it('groups the symptom under its root cause instead of listing it as its own item', () => {
    const details = plain.slice(plain.indexOf('Details'))
    expect(details).toContain('Explained by this root cause (1):')
    expect(details).toContain('- error ipsec-phase2-not-established flow 10.1.1.0/24 -> 10.2.2.0/24')
    expect(details).toContain('captures/r1.txt:40  current outbound spi = 0x0(0)')
    expect(details.match(/^\[\d+\]/gm)).toHaveLength(3)
  })

  it('shows a symptom on its own when its root cause is not in the document', () => {
    const out = renderTable(sampleDoc([SYMPTOM]), {color: false})
    expect(out).toContain('[1] ERROR ipsec-phase2-not-established')
  })

  it('says what to collect next, the input notes, the totals and where the time came from', () => {
    expect(plain).toContain('run `show crypto ipsec sa` on R1 to check phase 2 SAs and counters (ipsec-zero-decaps)')
    expect(plain).toContain('warning: captures/r1.txt:60 output looks truncated')
    expect(plain).toContain('4 finding(s): 0 critical, 2 error, 1 warning, 1 info on 2 device(s)')
    expect(plain.trimEnd().split('\n').at(-1)).toBe('judged at 2024-03-01T10:00:00.000Z (capture clock)')
    const flagged = renderTable(sampleDoc([], {time: {at: '2025-01-01T00:00:00Z', source: 'flag'}}), {color: false})
    expect(flagged).toContain('judged at 2025-01-01T00:00:00Z (--at)')
    expect(flagged).toContain('No findings.')
    expect(renderTable(sampleDoc([], {time: {at: 'x', source: 'now'}}), {color: false})).toContain('(now)')
  })

  it('keeps the engine\'s own "run ... on ..." wording of what to collect, and names devices judged at another time', () => {
    const doc = sampleDoc([], {
      missing: [{device: 'R2', vendor: 'cisco', command: 'show clock', reason: 'run `show clock` on R2 to check certificate dates', rules: []}],
      time: {at: '2024-03-01T10:00:00Z', source: 'capture', devices: [
        {device: 'R1', at: '2024-03-01T10:00:00Z', source: 'capture'},
        {device: 'R2', at: '2024-05-01T00:00:00Z', source: 'flag'},
      ]},
    })
    const out = renderTable(doc, {color: false})
    expect(out).toContain('  - run `show clock` on R2 to check certificate dates\n')
    expect(out).toContain('judged at 2024-03-01T10:00:00Z (capture clock); R2 at 2024-05-01T00:00:00Z (--at)')
  })

  it('reports baseline suppression and stale entries', () => {
    const doc = sampleDoc([CERT, INFO], {
      suppressed: {baseline: 2, disabled: 0},
      baseline: {file: '.ipsec-doctor-baseline.json', stale: [{fingerprint: 'x', ruleId: 'cert-expired', device: 'R2', entity: 'certificate CN=r2'}]},
    })
    const out = renderTable(doc, {color: false})
    expect(out).toContain('Baseline .ipsec-doctor-baseline.json: 2 known finding(s) suppressed')
    expect(out).toContain('1 baseline entry no longer occur')
    expect(out).toContain('- cert-expired R2 certificate CN=r2')
    expect(out).toContain('2 suppressed by baseline')
  })

  it('decides colour from the TTY and NO_COLOR', () => {
    expect(shouldColor({isTTY: true}, {})).toBe(true)
    expect(shouldColor({isTTY: false}, {})).toBe(false)
    expect(shouldColor({isTTY: true}, {NO_COLOR: '1'})).toBe(false)
    expect(shouldColor({isTTY: true}, {NO_COLOR: ''})).toBe(true)
  })

  it('keeps the root first even when a symptom sorts before it', () => {
    const out = renderTable(sampleDoc([SYMPTOM, ROOT]), {color: false})
    expect(out.indexOf('│ ike-stuck-mm-no-state')).toBeLessThan(out.indexOf('└ ipsec-phase2-not-established'))
  })

  it('caps the table and the details on a concentrator, saying how many are not shown', () => {
    const many = Array.from({length: 30}, (_, i) => finding({ruleId: 'ike-stuck-mm-no-state', fingerprint: `fp${i}`, entity: {kind: 'ikeSa', id: `ike:${i}`, label: `peer 10.0.0.${i + 100}`}}))
    const out = renderTable(sampleDoc(many), {color: false, maxRows: 10, maxDetails: 4})
    expect(out.split('\n').filter((l) => l.startsWith('│ warning'))).toHaveLength(10)
    expect(out).toContain('… 20 more finding(s) not shown here')
    expect(out.match(/^\[\d+\] /gm)).toHaveLength(4)
    expect(out).toContain('… 26 more root cause(s) not shown here')
    expect(out).toContain('30 finding(s): 0 critical, 0 error, 30 warning, 0 info')
  })

  it('gives a two-device finding the steps of each device in its own syntax, its own device first', () => {
    const out = renderTable(sampleDoc([PAIR]), {color: false})
    expect(out).toContain('Remediation (cisco on BR-R7, in order):\n      1. show crypto isakmp sa\n         State on the router\n      2. clear crypto isakmp 1107 [disruptive]')
    expect(out).toContain('Remediation (junos on srx-hub, in order):\n      1. show security ike security-associations 203.0.113.7 detail')
    expect(out.indexOf('cisco on BR-R7')).toBeLessThan(out.indexOf('junos on srx-hub'))
    expect(out).toContain('srx-hub.txt:6  IKE SA toward 203.0.113.7 = none [srx-hub]')
    // evidence of the finding's own device needs no tag
    expect(out).toContain('BR-R7.txt:6  state = QM_IDLE\n')
  })

  it('shows how many entities an aggregated finding stands for', () => {
    const out = renderTable(sampleDoc([POSTURE]), {color: false})
    expect(out).toMatch(/│ crypto-weak-integrity │ R1\s+│ SA 0x1 \(\+4 more\)\s+│/)
    expect(out).toContain('Occurs on 5 entities: SA 0x1, SA 0x2, SA 0x3 and 2 more')
  })

  it('shows each finding\'s confidence: the level in the summary table, reason and settling command in the details', () => {
    const tableRows = plain.split('\n').filter((l) => l.startsWith('│'))
    const last = tableRows.map((r) => r.split('│').at(-2)!.trim())
    expect(last).toEqual(['Confidence', 'medium', 'high', 'high', 'high'])
    const details = plain.slice(plain.indexOf('Details'))
    expect(details).toContain('Confidence: medium (single snapshot: the state may be passing); settle it with: show crypto isakmp sa')
    expect(details).toContain('- error ipsec-phase2-not-established flow 10.1.1.0/24 -> 10.2.2.0/24: Flow to 10.0.0.2 has no IPsec SA (confidence high)')
  })

  it('with no finding, says what was read, what could not be checked and the next command per device', () => {
    const doc = sampleDoc([], {
      missing: [
        {device: 'R1', vendor: 'cisco', command: 'show crypto map', reason: 'check crypto map entries', rules: ['config-crypto-map-incomplete', 'crypto-weak-encryption', 'crypto-pfs-disabled']},
        {device: 'R1', vendor: 'cisco', command: 'show crypto isakmp sa', reason: 'check phase 1 state per peer', rules: ['ike-stuck-mm-no-state', 'ipsec-phase2-not-established']},
        {device: 'R1', vendor: 'cisco', command: 'show crypto engine connections active', reason: 'check per-SA engine counters', rules: ['engine-zero-decrypt']},
        {device: 'srx1', vendor: 'junos', command: 'show security ipsec statistics', reason: 'check ESP counters', rules: ['ipsec-zero-decaps']},
      ],
    })
    const checked = [{device: 'R1', command: 'show crypto ipsec sa | include encaps|decaps'}, {device: 'srx1', command: 'show security ike security-associations'}]
    const out = renderTable(doc, {color: false, checked})
    expect(out).not.toMatch(/no problem/i)
    expect(out).toContain('No rule fired on the outputs given: show crypto ipsec sa | include encaps|decaps (R1), show security ike security-associations (srx1).')
    expect(out).toContain('Not checked, for lack of data: show crypto isakmp sa on R1, show crypto engine connections active on R1, show security ipsec statistics on srx1, show crypto map on R1.')
    // fault rules before posture reviews: the phase 1 listing, not the crypto map, is next on R1
    expect(out).toContain('Next on R1: run `show crypto isakmp sa` (it decides ike-stuck-mm-no-state, ipsec-phase2-not-established).')
    expect(out).toContain('Next on srx1: run `show security ipsec statistics` (it decides ipsec-zero-decaps).')
    // with the one-way symptom, the output that decides one-way comes first
    expect(renderTable(doc, {color: false, checked, symptom: 'one-way'})).toContain('Next on R1: run `show crypto engine connections active` (it decides engine-zero-decrypt).')
    // nothing missing: it says so, and what would still tell more
    const complete = renderTable(sampleDoc([], {missing: []}), {color: false, checked})
    expect(complete).toContain('Every output the rules need was given. Capture them again in a minute')
  })

  it('diagnose on a thin capture prints what was read and the next command (through runDiagnose)', async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const {runDiagnose} = await import('../src/report/diagnose-run.js')
    const dir = mkdtempSync(join(tmpdir(), 'nothing-found-'))
    const file = join(dir, 'r1.txt')
    writeFileSync(file, 'R1#show crypto isakmp sa\nIPv4 Crypto ISAKMP SA\ndst             src             state          conn-id status\n192.0.2.2       192.0.2.1       QM_IDLE           1001 ACTIVE\n')
    const r = await runDiagnose({inputs: [file], cwd: dir, at: '2026-01-01T00:00:00Z', targets: [{format: 'table', file: null}], color: false, symptom: 'one-way'})
    expect(r.doc!.findings).toEqual([])
    expect(r.stdout).toContain('No rule fired on the outputs given: show crypto isakmp sa (R1).')
    expect(r.stdout).toMatch(/Not checked, for lack of data: .*show crypto ipsec sa on R1/)
    expect(r.stdout).toContain('Next on R1: run `show crypto ipsec sa`')
  })
})
