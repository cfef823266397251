import {describe, expect, it} from 'vitest'
import {renderMarkdown} from '../src/report/markdown.js'
import {CERT, finding, ROOT, sampleDoc, SYMPTOM} from './fixtures/ci/sample-docs.js'

describe('Markdown report', () => {
  const md = renderMarkdown(sampleDoc())

  it('starts with a heading that counts the findings by severity', () => {
    expect(md.split('\n')[0]).toBe('### ipsec-doctor: 2 error, 1 warning, 1 info on 2 device(s)')
    expect(renderMarkdown(sampleDoc([])).split('\n')[0]).toBe('### ipsec-doctor: no findings on 2 device(s)')
  })

  it('has a summary table with one row per finding, symptoms marked under their root cause', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| '))
    expect(rows[0]).toBe('| | Rule | Device | Entity | Message | Confidence |')
    expect(rows).toHaveLength(5)
    expect(rows[1]).toBe('| ❌ error | `ike-stuck-mm-no-state` | R1 | peer 10.0.0.2 | IKE phase 1 with 10.0.0.2 never got past MM_NO_STATE | medium |')
    expect(rows[2]).toContain('| ↳ `ipsec-phase2-not-established` |')
  })

  it('folds details per root cause with evidence in a code block and disruptive steps marked', () => {
    expect(md.match(/<details>/g)).toHaveLength(3)
    expect(md).toContain('```\ncaptures/r1.txt:12  state = MM_NO_STATE\n```')
    expect(md).toContain('2. `clear crypto isakmp 1004` **[disruptive]**: Restart the negotiation')
    expect(md).toContain('Explains 1 related finding(s):')
    expect(md).toContain('- run `show crypto ipsec sa` on R1 to check phase 2 SAs and counters')
    expect(md.trimEnd().endsWith('<sub>ipsec-doctor 0.1.0, judged at 2024-03-01T10:00:00.000Z (capture clock)</sub>')).toBe(true)
  })

  it('escapes pipes in table cells and keeps evidence with backticks inside its fence', () => {
    const piped = {...CERT, message: 'a | b', evidence: [{file: 'x.txt', line: 2, field: 'cmd', value: '```oops'}]}
    const out = renderMarkdown(sampleDoc([piped]))
    expect(out).toContain('| a \\| b |')
    expect(out).toContain('````\nx.txt:2  cmd = ```oops\n````')
  })

  it('mentions the baseline when one was used', () => {
    const out = renderMarkdown(sampleDoc([ROOT, SYMPTOM], {suppressed: {baseline: 3, disabled: 0}, baseline: {file: 'b.json', stale: []}}))
    expect(out).toContain('Baseline `b.json`: 3 known finding(s) suppressed, 0 entries no longer occur.')
  })

  it('stays compact for a PR comment: rows and details capped with a note', () => {
    const many = Array.from({length: 500}, (_, i) => finding({ruleId: 'ike-stuck-mm-no-state', fingerprint: `fp${i}`, entity: {kind: 'ikeSa', id: `ike:${i}`, label: `peer ${i}`}}))
    const out = renderMarkdown(sampleDoc(many))
    expect(out.split('\n').filter((l) => l.startsWith('| ⚠️'))).toHaveLength(50)
    expect(out).toContain('_450 more finding(s) not listed: see the SARIF, JUnit or JSON report._')
    expect(out.match(/<details>/g)).toHaveLength(10)
    expect(out).toContain('_Details of 490 more root cause(s) not shown._')
    expect(out.length).toBeLessThan(65_536)
  })

  it('shortens long messages in the table and keeps them whole in the details', () => {
    const long = {...CERT, message: `certificate problem ${'x'.repeat(300)}`}
    const out = renderMarkdown(sampleDoc([long]))
    const row = out.split('\n').find((l) => l.startsWith('| ⚠️'))!
    expect(row).toContain(`certificate problem ${'x'.repeat(119)}…`)
    expect(row).not.toContain('x'.repeat(121))
    expect(out).toContain(`**certificate problem ${'x'.repeat(300)}**`)
  })

  it('gives each finding its confidence: the level in the table, the reason and the settling command in the details', () => {
    expect(md).toContain('Confidence: **medium** (single snapshot: the state may be passing); settle it with `show crypto isakmp sa`')
    expect(md).toContain('Confidence: **high** (the capture shows it)\n')
    const settle = finding({ruleId: 'ipsec-zero-decaps', fingerprint: 'fp-pipe', confidence: {level: 'low', reason: '3 packets', settle: 'show crypto ipsec sa | include pkts'}})
    const out = renderMarkdown(sampleDoc([settle]))
    expect(out.split('\n').find((l) => l.startsWith('| ⚠️'))!.endsWith('| low |')).toBe(true)
    // a code span outside a table keeps its pipe as typed
    expect(out).toContain('settle it with `show crypto ipsec sa | include pkts`')
  })

  it('with no finding, says what was read, what could not be checked and the next command per device', () => {
    const doc = sampleDoc([], {
      missing: [
        {device: 'R1', vendor: 'cisco', command: 'show crypto map', reason: 'check crypto map entries', rules: ['crypto-weak-encryption']},
        {device: 'R1', vendor: 'cisco', command: 'show crypto ipsec sa', reason: 'check phase 2 SAs and counters', rules: ['ipsec-zero-decaps']},
      ],
    })
    const out = renderMarkdown(doc, {checked: [{device: 'R1', command: 'show crypto isakmp sa'}]})
    expect(out.split('\n')[0]).toBe('### ipsec-doctor: no findings on 2 device(s)')
    expect(out).toContain('No rule fired on the outputs given: show crypto isakmp sa (R1).  \nNot checked, for lack of data: show crypto ipsec sa on R1, show crypto map on R1.  \nNext on R1: run `show crypto ipsec sa` (it decides ipsec-zero-decaps).')
    expect(out).toContain('**What to collect next**')
  })
})
