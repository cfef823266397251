/** `ipsec-doctor troubleshoot` as a subprocess: the answers-file mode end to end, and the no-terminal exit. */
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeCapture} from '../src/gen/index.js'

const ROOT = join(import.meta.dirname, '..')
const FIX = join(import.meta.dirname, 'fixtures', 'wizard')

function cli(args: string[], opts: {cwd?: string; stdin?: string} = {}) {
  // stdin is a pipe, never a terminal, as in CI.
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dev.js'), 'troubleshoot', ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.stdin ?? '',
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '1'},
    timeout: 60_000,
  })
  return {code: r.status, stdout: r.stdout, stderr: r.stderr}
}

describe('troubleshoot CLI', {timeout: 120_000}, () => {
  it('Ctrl-C while an output is being read and diagnosed exits 130 with one line, no stack trace', async () => {
    // A 10,000-tunnel capture takes the CLI about a second to read and diagnose: long enough to be
    // interrupted between prompts, where Ctrl-C arrives as a signal rather than as a key press.
    const dir = mkdtempSync(join(tmpdir(), 'wizard-sigint-'))
    writeCapture({vendor: 'cisco', tunnels: 10_000, faults: 0.1, seed: 7}, join(dir, 'hub.txt'))
    const answers = join(dir, 'answers.yaml')
    writeFileSync(answers, 'symptom: tunnel-down\nlocal: {name: hub-rtr1, platform: cisco-ios}\ncaptures:\n  - {device: hub-rtr1, command: show crypto isakmp sa, file: hub.txt}\n')
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'troubleshoot', '--answers', answers], {env: {...process.env, NO_COLOR: '1'}})
    let stdout = ''
    let stderr = ''
    let interruptedAfter = ''
    child.stderr.on('data', (d) => (stderr += d))
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (d) => {
        stdout += d
        // "(answers file: output read from hub.txt)": the wizard now parses and diagnoses it
        if (!interruptedAfter && stdout.includes('output read from hub.txt')) {
          interruptedAfter = stdout
          child.kill('SIGINT')
        }
      })
      child.on('exit', (c) => done(c))
    })
    expect(interruptedAfter).not.toBe('')
    expect(code).toBe(130)
    expect(stderr.trim()).toBe('Cancelled: troubleshooting session ended, nothing saved.')
    // no report after the interruption, and nothing saved
    expect(stdout).not.toContain('Likely causes')
    // A stack frame looks like "    at Session.run (/work/main/src/wizard/session.ts:71:5)".
    expect(stdout + stderr).not.toMatch(/at .*\.(js|ts):\d+/)
  })

  it('without a terminal and without --answers exits 2 and points to --answers FILE', () => {
    const r = cli([])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('needs a terminal on stdin')
    expect(r.stderr).toContain('--answers FILE')
    expect(r.stdout).toBe('')
  })

  it('replays an answers file from symptom to remediation, with the rules engine', () => {
    const r = cli(['--answers', join(FIX, 'answers-tunnel-down.yaml')])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = r.stdout
    // Steps in the graph's order for tunnel-down on IOS (state, then the crypto configuration a tunnel that
    // never came up is judged on), then the follow-ups the rules asked for: first the one most rules need,
    // and only for rules that fit the symptom.
    // Matches "Step 4 · on HQ (Cisco IOS ...) run:" and the indented command on the next line.
    const steps = [...out.matchAll(/^Step \d+ · on HQ .*\n {4}(.+)$/gm)].map((m) => m[1])
    // The clock is not a step of "tunnel down": the phase 1 listing decides it (the log given for it holds the clock too).
    expect(steps.slice(0, 4)).toEqual(['show crypto isakmp sa', 'show crypto ipsec sa', 'show running-config | section crypto', 'show crypto engine connections dropped-packet'])
    expect(steps).not.toContain('show clock')
    // Matches "  Needed by: ike-stuck-mm-no-state, engine-drops-no-connection".
    const neededBy = [...out.matchAll(/^ {2}Needed by: (.+)$/gm)].map((m) => m[1].split(', '))
    expect(neededBy.length).toBe(steps.length - 3)
    expect(neededBy[0]).toContain('ike-stuck-mm-no-state')
    // The tunnel-down patterns of graph.json, e.g. "ike-stuck-mm-no-state", "config-crypto-map-not-applied".
    const tunnelDown = /^(ike-|ipsec-phase2-|ipsec-sa-not-installed|ipsec-interface-family-down|ipsec-sa-no-reference|ipsec-inactive-tunnel|session-|config-|engine-drops-|redundancy-no-active-path|pair-proxy-id-mismatch|pair-transform-mismatch|crypto-aggressive-mode|delta-ike-|delta-phase2-stuck)/
    for (const rules of neededBy) expect(rules.every((r) => tunnelDown.test(r))).toBe(true)
    // No IKEv2 or crypto session output is asked of a classic IOS device, whatever the rules want.
    expect(steps).not.toContain('show crypto ikev2 sa')
    expect(steps).not.toContain('show crypto session')
    expect(out).toContain('✔ Understood: 2 IKE SAs (1 deleted), peer 192.0.2.2 in MM_NO_STATE')
    expect(out).toContain('✔ Understood: 42 packets dropped without a connection')
    // Matches "  Needed by: engine-drops-no-connection, ike-stuck-mm-no-state".
    expect(out).toMatch(/Needed by: .*ike-stuck-mm-no-state/)
    expect(out).toContain('? Is there a firewall or an ACL on the path between the peers that you do not control? Yes (answers file)')
    const report = out.slice(out.indexOf('Findings for "Tunnel down / never came up"'))
    // Matches "1. ERROR ike-stuck-mm-no-state on HQ: peer 192.0.2.2 conn-id 2001".
    expect(report).toMatch(/^1\. (ERROR|WARNING) ike-stuck-mm-no-state on HQ: peer 192\.0\.2\.2/m)
    expect(report).toContain('test/fixtures/wizard/hq-clock-isakmp.txt:5  state = MM_NO_STATE')
    expect(report).toContain('ping 192.0.2.2 source')
    expect(report).toContain('After the fix, confirm it with:')
    expect(report).toContain("Dates and lifetimes judged at 2026-11-23T14:02:11.508Z (the capture's clock).")
  })

  it('saves Markdown and JSON when the answers say so, and the JSON replays to the same findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizard-cli-'))
    const answers = readFileSync(join(FIX, 'answers-tunnel-down.yaml'), 'utf8')
      // "file: hq-clock.txt" -> an absolute path, since the copy lives in another directory.
      .replace(/file: (\S+)/g, (_m, f: string) => `file: ${join(FIX, f)}`)
      .concat(`save:\n  markdown: ${join(dir, 'out.md')}\n  json: ${join(dir, 'out.json')}\n`)
    writeFileSync(join(dir, 'answers.yaml'), answers)
    const first = cli(['--answers', join(dir, 'answers.yaml')])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`✔ Saved ${join(dir, 'out.md')}`)
    const md = readFileSync(join(dir, 'out.md'), 'utf8')
    expect(md).toContain('# ipsec-doctor troubleshooting session')
    expect(md).toContain('`ike-stuck-mm-no-state` on HQ')
    expect(md).toContain('Fix on HQ (Cisco):')
    const session = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))
    expect(session.kind).toBe('ipsec-doctor-troubleshoot-session')
    expect(session.answers.captures.map((c: {command: string}) => c.command).slice(0, 3)).toEqual([
      'show crypto isakmp sa',
      'show crypto ipsec sa',
      'show crypto engine connections dropped-packet',
    ])
    expect(session.facts).toMatchObject({'firewall-between-peers': 'yes', 'recent-change': 'no'})
    const replay = cli(['--answers', join(dir, 'out.json')])
    expect(replay.code).toBe(0)
    // Matches a report line "1. ERROR ike-stuck-mm-no-state on HQ: peer 192.0.2.2".
    const ids = (s: string) => [...s.matchAll(/^\d+\. [A-Z]+ (\S+) on (\S+)/gm)].map((m) => `${m[1]}@${m[2]}`)
    expect(ids(replay.stdout)).toEqual(ids(first.stdout))
    expect(ids(first.stdout).length).toBeGreaterThan(0)
  })

  it('reports a wrong output in the answers file, skips it, takes abbreviated commands, warns about captures never asked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizard-cli-'))
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({
        symptom: 'one-way',
        local: {name: 'BR', platform: 'cisco-ios'},
        captures: [
          {device: 'BR', command: 'show crypto ipsec sa', file: join(FIX, 'br-isakmp-up.txt')},
          // Named as typed on the router: matched through the parsers.
          {device: 'BR', command: 'sh cry isa sa', file: join(FIX, 'br-isakmp-up.txt')},
          {device: 'R9', command: 'show crypto isakmp sa', text: 'x'},
        ],
      }),
    )
    const r = cli(['--answers', join(dir, 'a.json')])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('✘ That looks like the output of "show crypto isakmp sa", not of "show crypto ipsec sa"')
    expect(r.stdout).toContain('(answers file: no other output of "show crypto ipsec sa" for BR; skipped)')
    expect(r.stdout).toContain('BR: show crypto ipsec sa (skipped)')
    expect(r.stdout).toContain('✔ Understood: 1 IKE SA, peer 198.51.100.9 in QM_IDLE')
    expect(r.stderr).toContain('warning: answers file: output of "show crypto isakmp sa" for R9 was never asked for')
  })

  it('on an SRX, takes a whole session log for one step and asks nothing only legacy Junos prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizard-cli-'))
    writeFileSync(
      join(dir, 'srx.json'),
      JSON.stringify({symptom: 'tunnel-down', local: {name: 'srx-lab', platform: 'junos-srx'}, captures: [{device: 'srx-lab', command: 'show security ike security-associations detail', file: join(FIX, 'srx-lab-session.txt')}]}),
    )
    const r = cli(['--answers', join(dir, 'srx.json')])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('✔ Understood: 1 IKE SA, peer 192.0.2.61 in DOWN, 1 IPsec flow (0 with SAs), device time 2026-11-23T11:40:02Z')
    // The log held the clock and the inactive-tunnel output besides IKE: the inactive-tunnel step of the symptom is
    // not asked again, and the clock is not a step of "tunnel down" at all.
    // Matches "Step 2 · on srx-lab (Juniper SRX / vSRX (show security ...)) run:" and the command below it.
    const steps = [...r.stdout.matchAll(/^Step \d+ · on srx-lab .*\n {4}(.+)$/gm)].map((m) => m[1])
    expect(steps.slice(0, 2)).toEqual(['show security ike security-associations detail', 'show security ipsec security-associations detail'])
    expect(steps).not.toContain('show system uptime')
    expect(steps).not.toContain('show security ipsec inactive-tunnels')
    // Rules written for legacy Junos want "show ipsec ..." outputs an SRX does not print. The kmd log
    // (asked while the show output leaves the cause open) and the configuration views are printed by every Junos.
    expect(steps.filter((c) => !c.startsWith('show security ') && !c.startsWith('show configuration security ') && c !== 'show log kmd | last 50')).toEqual([])
    expect(steps).toContain('show configuration security ike')
    expect(r.stdout).toContain('Findings for "Tunnel down / never came up"')
    expect(r.stdout).toMatch(/^\d+\. \w+ ike-down on srx-lab/m) // e.g. "1. CRITICAL ike-down on srx-lab: peer 192.0.2.61"
    expect(r.stdout).toContain('on srx-lab: show security ipsec inactive-tunnels  (expect the tunnel is not listed)')
  })

  it('reads the answers from stdin with --answers -, capture paths relative to the working directory', () => {
    const yaml = readFileSync(join(FIX, 'answers-tunnel-down.yaml'), 'utf8')
    const r = cli(['--answers', '-'], {cwd: FIX, stdin: yaml})
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('(answers file: output read from hq-clock-isakmp.txt)')
    expect(r.stdout).toContain('✔ Understood: 2 IKE SAs (1 deleted), peer 192.0.2.2 in MM_NO_STATE')
  })

  it('rejects an invalid answers file with its path and the JSON path, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizard-cli-'))
    writeFileSync(join(dir, 'bad.yaml'), 'symptom: tunnel-down\nlocal: {name: HQ}\n')
    const r = cli(['--answers', join(dir, 'bad.yaml')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`invalid answers file ${join(dir, 'bad.yaml')} at local.platform`)
    writeFileSync(join(dir, 'sym.yaml'), 'symptom: slow\nlocal: {name: HQ, platform: cisco-ios}\n')
    const s = cli(['--answers', join(dir, 'sym.yaml')])
    expect(s.code).toBe(2)
    expect(s.stderr).toContain('answers file: "symptom" is "slow"; expected one of tunnel-down, one-way, flapping, certificate, everything')
  })
})
