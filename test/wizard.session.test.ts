/** A whole session on injected streams with the stub rules: order of steps, follow-ups, facts, report, save. */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadGraph} from '../src/wizard/graph.js'
import {defaultBackend, runWizard} from '../src/wizard/index.js'
import {nothingFound} from '../src/wizard/report.js'
import {nothingFoundLines} from '../src/report/nothing-found.js'
import {InteractivePrompter, makePrinter} from '../src/wizard/interactive.js'
import {loadAnswers, ScriptedPrompter} from '../src/wizard/scripted.js'
import {KEY, stubBackend, Terminal} from './fixtures/wizard/driver.js'

const FIX = join(import.meta.dirname, 'fixtures', 'wizard')
const read = (f: string) => readFileSync(join(FIX, f), 'utf8')
const graph = loadGraph()

function start(term: Terminal) {
  return runWizard({
    graph,
    backend: stubBackend(),
    prompter: new InteractivePrompter({input: term.input, output: term.output}),
    printer: makePrinter(term.output, false),
    now: () => new Date('2026-11-23T15:00:00Z'),
  })
}

describe('interactive session (stub rules)', () => {
  it('goes from "tunnel down" to ranked findings, asks the missing command, re-asks after a bad paste, saves', async () => {
    const term = new Terminal()
    const dir = mkdtempSync(join(tmpdir(), 'wizard-session-'))
    const done = start(term)
    await term.when('What is the problem?', KEY.enter) // first symptom: tunnel down
    await term.when('Which platform is this side', KEY.enter) // Cisco IOS
    await term.when('Name of this device', ['HQ', KEY.enter])
    await term.when('Can you also capture outputs on the remote peer?', KEY.enter) // No
    // Step 1: isakmp, the output that decides "tunnel down" (the clock is asked only for date checks).
    // First an empty paste, then the wrong command, then the right one.
    await term.when('Step 1', [])
    await term.when('How do you give the output of "show crypto isakmp sa"?', KEY.enter)
    await term.when('Paste the output', ['.\r'])
    await term.when('Nothing was pasted', [])
    await term.when('Try again', KEY.enter)
    await term.when('Paste the output', term.paste(read('hq-ipsec-no-sa.txt')))
    await term.when('not of "show crypto isakmp sa"', [])
    await term.when('Try again', KEY.enter)
    await term.when('Paste the output', term.paste(read('hq-isakmp-no-state.txt')))
    await term.when('Understood: 2 IKE SAs (1 deleted), peer 192.0.2.2 in MM_NO_STATE', [])
    // Step 3: ipsec sa, from a file.
    await term.when('How do you give the output of "show crypto ipsec sa"?', [KEY.down, KEY.enter])
    await term.when('Path of the capture file:', [join(FIX, 'hq-ipsec-no-sa.txt'), KEY.enter])
    await term.when('Understood: 1 IPsec flow (0 with SAs)', [])
    // Step 4: the crypto configuration, asked when the tunnel never came up; skipped here.
    await term.when('How do you give the output of "show running-config | section crypto"?', [KEY.up, KEY.enter])
    // The stub rule asks for the dropped-packet output through missing[]; the certificate request is
    // not relevant to "tunnel down" per the graph and must not be asked.
    await term.when('More data needed', [])
    await term.when('Needed by: ike-stuck-mm-no-state', [])
    await term.when('How do you give the output of "show crypto engine connections dropped-packet"?', KEY.enter)
    await term.when('Paste the output', term.paste(read('hq-drops.txt')))
    await term.when('Understood: 42 packets dropped without a connection', [])
    // Facts: the graph's questions for tunnel-down whose findings are present, in graph order.
    await term.when('Is there a NAT device', [KEY.up, KEY.enter]) // No (one up from "Don't know")
    await term.when('Is there a firewall', [KEY.up, KEY.up, KEY.enter]) // Yes
    await term.when('Did anyone change the configuration', KEY.enter) // Don't know
    await term.when('Save this session', [KEY.up, KEY.enter]) // Yes
    await term.when('Markdown file', [join(dir, 's.md'), KEY.enter])
    await term.when('JSON file', [join(dir, 's.json'), KEY.enter])
    const state = await done
    const screen = term.screen()

    expect(screen).not.toContain('show crypto pki certificates')
    expect(screen).not.toContain('"show clock"')
    expect(screen).not.toContain('rebooted') // peer-rebooted is not asked: no matching finding
    expect(state.captures.map((c) => c.command)).toEqual(['show crypto isakmp sa', 'show crypto ipsec sa', 'show crypto engine connections dropped-packet'])
    expect(state.facts).toEqual({'nat-between-peers': 'no', 'firewall-between-peers': 'yes', 'recent-change': 'unknown'})
    // Ranking: the relevant warning above the irrelevant warning; the firewall answer promotes the UDP cause.
    expect(state.ranked.map((r) => r.finding.ruleId)).toEqual(['ike-stuck-mm-no-state', 'crypto-weak-integrity'])
    expect(state.ranked[0].causes[0]).toBe('UDP 500 blocked on the path')
    const report = screen.slice(screen.indexOf('Findings for "Tunnel down / never came up"'))
    expect(report).toContain('1. WARNING ike-stuck-mm-no-state on HQ: peer 192.0.2.2')
    expect(report).toContain('Fix on HQ (Cisco IOS (classic crypto maps, IKEv1)):')
    expect(report).toContain('2. clear crypto isakmp 2001')
    expect(report).toContain('[drops traffic]')
    expect(report).not.toContain('should not show')
    expect(report).toContain('After the fix, confirm it with:')
    expect(report).toContain('on HQ: show crypto isakmp sa  (expect one established row per peer')
    // Findings outside the symptom come last, one line each.
    expect(report).toContain('Other findings, not tied to this symptom')
    expect(report).toContain('2. WARNING crypto-weak-integrity on HQ: crypto-weak-integrity message')
    expect(screen).toContain(`Saved ${join(dir, 's.md')}`)

    const md = readFileSync(join(dir, 's.md'), 'utf8')
    expect(md).toContain('- Symptom: Tunnel down / never came up')
    expect(md).toContain('### 1. WARNING `ike-stuck-mm-no-state` on HQ')
    expect(md).toContain('- Is there a firewall or an ACL on the path between the peers that you do not control? **yes**')
    expect(md).toContain('192.0.2.2       203.0.113.1     MM_NO_STATE       2001    0 ACTIVE')

    // The saved JSON replays to the same findings without a terminal.
    const json = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))
    expect(json.answers.symptom).toBe('tunnel-down')
    expect(json.answers.captures).toHaveLength(3)
    const replayTerm = new Terminal()
    const {answers, baseDir} = loadAnswers(join(dir, 's.json'))
    const printer = makePrinter(replayTerm.output, false)
    const replay = await runWizard({graph, backend: stubBackend(), prompter: new ScriptedPrompter(answers, baseDir, printer), printer})
    expect(replay.ranked.map((r) => [r.finding.ruleId, r.causes[0]])).toEqual(state.ranked.map((r) => [r.finding.ruleId, r.causes[0]]))
    expect(replay.facts).toEqual(state.facts)
  })

  it('with both sides, asks each side in turn and folds related findings under the root cause', async () => {
    const term = new Terminal()
    const done = start(term)
    await term.when('What is the problem?', [KEY.down, KEY.enter]) // one-way
    await term.when('Which platform is this side', KEY.enter)
    await term.when('Name of this device', ['BR', KEY.enter])
    await term.when('Can you also capture outputs on the remote peer?', [KEY.up, KEY.enter])
    await term.when('Which platform is the remote peer', [KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter]) // Junos legacy
    await term.when('Name of the remote device', ['dcgw', KEY.enter])
    const skip = [KEY.up, KEY.enter]
    // One-way asks first for the counters that decide it, not the clock.
    await term.when('Step 1 · on BR (Cisco IOS', [])
    await term.when('"show crypto ipsec sa"?', KEY.enter)
    await term.when('Paste the output', term.paste(read('br-ipsec-one-way.txt')))
    await term.when('encaps 5120 / decaps 0', [])
    await term.when('"show crypto isakmp sa"?', skip)
    await term.when('"show crypto engine connections active"?', skip)
    await term.when('on dcgw (Juniper legacy', [])
    await term.when('"show ipsec security-associations detail"?', [KEY.down, KEY.enter])
    await term.when('Path of the capture file:', [join(FIX, 'dcgw-ipsec.txt'), KEY.enter])
    await term.when('"show ike security-associations detail"?', skip)
    await term.when('Is there a NAT device', KEY.enter)
    await term.when('Is there a firewall', KEY.enter)
    await term.when('Was either peer rebooted', KEY.enter)
    await term.when('Save this session', KEY.enter)
    const state = await done
    expect(state.sides.map((s) => [s.name, s.platform.id])).toEqual([
      ['BR', 'cisco-ios'],
      ['dcgw', 'junos-legacy'],
    ])
    expect(state.skipped).toEqual([
      {device: 'BR', command: 'show crypto isakmp sa'},
      {device: 'BR', command: 'show crypto engine connections active'},
      {device: 'dcgw', command: 'show ike security-associations detail'},
    ])
    expect(term.screen()).not.toContain('"show clock"')
    expect(term.screen()).not.toContain('"show system uptime"')
    expect(state.ranked.map((r) => r.finding.ruleId)).toEqual(['ipsec-zero-decaps'])
    // engine-zero-decrypt also wants "show crypto map", but its engine input was skipped: not asked.
    expect(term.screen()).not.toContain('"show crypto map"')
    expect(term.screen()).toContain('BR: show crypto engine connections active (skipped) would enable engine-zero-decrypt')
    expect(state.ranked[0].related.map((f) => f.ruleId)).toEqual(['ipsec-no-traffic'])
    expect(term.screen()).toContain('Also explained by this: ipsec-no-traffic (BR)')
    expect(term.screen()).toContain('BR: show crypto isakmp sa (skipped)')
    expect(term.screen()).toContain('dcgw: show ike security-associations detail (skipped)')
  })

  it('when nothing fires, says what was checked, what was not, and the next command per device (shared with diagnose)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizard-nothing-'))
    const file = join(dir, 'a.json')
    writeFileSync(file, JSON.stringify({symptom: 'one-way', local: {name: 'BR', platform: 'cisco-ios'}, captures: [{device: 'BR', command: 'show crypto isakmp sa', file: join(FIX, 'br-isakmp-up.txt')}]}))
    const term = new Terminal()
    const {answers, baseDir} = loadAnswers(file)
    const printer = makePrinter(term.output, false)
    // The real rules: an established phase 1 alone shows nothing wrong.
    const backend = await defaultBackend({at: '2026-11-23T15:00:00Z'})
    const state = await runWizard({graph, backend, prompter: new ScriptedPrompter(answers, baseDir, printer), printer})
    expect(state.ranked).toEqual([])
    const report = term.screen().slice(term.screen().indexOf('Findings for "One-way traffic'))
    expect(report).not.toMatch(/no problem/i)
    expect(report).toContain('No rule fired on the outputs given: show crypto isakmp sa (BR).')
    expect(report).toContain('Not checked, for lack of data: show crypto ipsec sa on BR (skipped), show crypto engine connections active on BR (skipped)')
    expect(report).toContain('Next on BR: run `show crypto ipsec sa`')
    // the same lines as diagnose prints for the same open outputs
    expect(nothingFound(state)).toEqual(nothingFoundLines({checked: [{device: 'BR', command: 'show crypto isakmp sa'}], notChecked: state.notChecked, scope: 'symptom'}))
  })

  it('Ctrl-C at a question rejects with ExitPromptError', async () => {
    const term = new Terminal()
    // Attach the handler at once: the rejection happens while the test is still typing.
    const outcome = start(term).then(
      () => null,
      (error: Error) => error,
    )
    await term.when('What is the problem?', KEY.ctrlC)
    expect(await outcome).toMatchObject({name: 'ExitPromptError'})
  })
})
