/**
 * End to end over examples/: the remediation handed out for an ASA and an SRX example, as text (the
 * exact commands, their order and disruptive flags, and how the Markdown report prints them), not only
 * which rules fire.
 */
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestFiles} from '../src/ingest/index.js'
import {renderMarkdown} from '../src/report/markdown.js'

const EXAMPLES = join(import.meta.dirname, '..', 'examples')

async function run(example: string) {
  const dir = join(EXAMPLES, example)
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f))
  return diagnose(await ingestFiles(files), {at: '2026-12-01T00:00:00Z'})
}

describe('remediation text of the bundled examples', {timeout: 60_000}, () => {
  it('asa-mm-wait-msg2: ASA commands, the debug conditioned on the peer and switched off', async () => {
    const doc = await run('asa-mm-wait-msg2')
    const f = doc.findings.find((x) => x.ruleId === 'ike-stuck-mm-wait' && x.device === 'asa-dc')!
    expect(f).toBeDefined()
    expect(f.remediation.map((s) => [s.command, s.disruptive, s.platforms ?? null])).toEqual([
      ['ping 198.51.100.99', false, null],
      ['show running-config tunnel-group 198.51.100.99', false, null],
      ['show running-config crypto ikev1', false, null],
      ['debug crypto condition peer 198.51.100.99', false, null],
      ['debug crypto ikev1 127', false, null],
      ['no debug crypto ikev1', false, null],
      ['no debug crypto condition peer 198.51.100.99', false, null],
      ['clear crypto ikev1 sa 198.51.100.99', false, null],
    ])
    const md = renderMarkdown(doc)
    expect(md).toContain('4. `debug crypto condition peer 198.51.100.99`: ASA: first limit crypto debugs to this peer')
    expect(md).toContain('8. `clear crypto ikev1 sa 198.51.100.99`: Remove the stuck SA, then send traffic again')
    // No IOS form anywhere in what the ASA is handed.
    for (const x of doc.findings) for (const s of x.remediation) expect(s.command).not.toMatch(/^(clear crypto (sa|isakmp) |show ip route|debug crypto isakmp|undebug all|logging buffered)/)
  })

  it('srx-ike-down: SRX forms, bounded trace removed afterwards, clears scoped to the peer and the tunnel index', async () => {
    const doc = await run('srx-ike-down')
    const down = doc.findings.find((x) => x.ruleId === 'ike-down' && x.device === 'srx-branch')!
    expect(down.remediation.map((s) => [s.command, s.disruptive])).toEqual([
      ['show security ike security-associations 203.0.113.200 detail', false],
      ['ping 203.0.113.200 source <local-address>', false],
      ['show configuration security ike gateway', false],
      ['set security ike traceoptions file ike-trace size 1m files 3', false],
      ['set security ike traceoptions flag ike', false],
      ['delete security ike traceoptions', false],
      ['clear security ike security-associations 203.0.113.200', true],
    ])
    const inactive = doc.findings.find((x) => x.ruleId === 'ipsec-inactive-tunnel' && x.device === 'srx-branch')!
    expect(inactive.remediation.map((s) => s.command)).toEqual([
      'show security ike security-associations 203.0.113.200 detail',
      'show security ipsec security-associations detail',
      'show interfaces st0 terse',
      'clear security ipsec security-associations index 131073',
    ])
    const md = renderMarkdown(doc)
    expect(md).toContain('`clear security ipsec security-associations index 131073` **[disruptive]**: Renegotiate phase 2 after the fix (this tunnel only')
    // Neither a legacy/MX command nor a platform label: the device is known to be an SRX.
    for (const x of doc.findings)
      for (const s of x.remediation) {
        expect(s.platforms).toBeUndefined()
        expect(s.command).not.toMatch(/^(clear (ike|ipsec) |show (ike|ipsec) |set security traceoptions|set services )/)
      }
  })
})
