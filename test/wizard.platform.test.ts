/**
 * The platform chosen in `troubleshoot` selects the remediation: replayed through `--answers`, an ASA
 * user whose `show crypto isakmp sa` output is read by the IOS-family parser gets ASA commands, never
 * IOS syntax; the same output for an IOS device gets the IOS forms; an SRX user gets SRX forms.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {WIZARD_PLATFORMS, withChosenPlatforms} from '../src/wizard/platform-handover.js'
import {isPlatform} from '../src/engine/platform.js'
import type {ParseDocument} from '../src/model/index.js'

const ROOT = join(import.meta.dirname, '..')
const FIX = join(ROOT, 'test', 'fixtures')

function replay(platform: string, device: string, command: string, file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wizard-platform-'))
  const answers = join(dir, 'answers.yaml')
  writeFileSync(answers, `symptom: tunnel-down\nlocal: {name: ${device}, platform: ${platform}}\ncaptures:\n  - {device: ${device}, command: ${command}, file: ${file}}\n`)
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dev.js'), 'troubleshoot', '--answers', answers], {
    cwd: ROOT,
    input: '',
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '1'},
    timeout: 60_000,
  })
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return r.stdout
}

/** The numbered steps under "Fix on <device> (...):" of the first finding, without their purposes. */
function fixSteps(out: string, device: string): string[] {
  const start = out.indexOf(`Fix on ${device} (`)
  expect(start, out).toBeGreaterThan(-1)
  const lines = out.slice(start).split('\n').slice(1)
  const steps: string[] = []
  for (const line of lines) {
    // Matches "     3. show route 192.0.2.2  Check the route ..." (command, two spaces, purpose).
    const m = /^ {5}\d+\. (.+?) {2}/.exec(line)
    if (!m) break
    steps.push(m[1])
  }
  return steps
}

describe('troubleshoot hands the chosen platform to remediation', {timeout: 120_000}, () => {
  const isakmp = join(FIX, 'wizard', 'hq-isakmp-no-state.txt')

  it('ASA chosen: ASA commands only, although the output was read by the IOS-family parser', () => {
    const steps = fixSteps(replay('cisco-asa', 'FW1', 'show crypto isakmp sa', isakmp), 'FW1')
    expect(steps).toEqual([
      'ping 192.0.2.2',
      'show route 192.0.2.2',
      'show running-config crypto ikev1',
      'debug crypto condition peer 192.0.2.2',
      'debug crypto ikev1 127',
      'no debug crypto ikev1',
      'no debug crypto condition peer 192.0.2.2',
      'clear crypto ikev1 sa 192.0.2.2',
    ])
  })

  it('IOS chosen: the IOS forms of the same steps', () => {
    const steps = fixSteps(replay('cisco-ios', 'HQ', 'show crypto isakmp sa', isakmp), 'HQ')
    expect(steps).toContain('ping 192.0.2.2 source 203.0.113.1')
    expect(steps).toContain('show ip route 192.0.2.2')
    expect(steps).toContain('debug crypto condition peer ipv4 192.0.2.2')
    expect(steps).toContain('undebug all')
    expect(steps).toContain('clear crypto isakmp 2001')
    expect(steps.some((s) => /ikev1|^show route /.test(s))).toBe(false)
  })

  it('SRX chosen: SRX forms, a scoped clear, a bounded trace removed afterwards', () => {
    const file = join(FIX, 'junos', 'show-security-ike-security-associations', 'table-state-first.txt')
    const out = replay('junos-srx', 'SRX1', 'show security ike security-associations', file)
    const steps = fixSteps(out, 'SRX1')
    expect(steps).toEqual([
      'show security ike security-associations 198.51.100.2 detail',
      'ping 198.51.100.2 source <local-address>',
      'show configuration security ike gateway',
      'set security ike traceoptions file ike-trace size 1m files 3',
      'set security ike traceoptions flag ike',
      'delete security ike traceoptions',
      'clear security ike security-associations 198.51.100.2',
    ])
    // No variant of another Junos platform, labelled or not.
    expect(out).not.toMatch(/\[(MX services|Junos legacy ES-PIC)\]|clear ike security-associations|services ipsec-vpn traceoptions/)
  })

  it('maps every platform of the decision graph to a remediation platform of its vendor', () => {
    const graph = JSON.parse(readFileSync(join(ROOT, 'src', 'wizard', 'graph.json'), 'utf8')) as {platforms: {id: string; vendor: string}[]}
    for (const p of graph.platforms) {
      const mapped = WIZARD_PLATFORMS[p.id]
      expect(isPlatform(mapped), p.id).toBe(true)
      expect(mapped.startsWith('junos') ? 'junos' : 'cisco', p.id).toBe(p.vendor)
    }
    const doc = {devices: [{name: 'FW1', vendor: 'cisco', platform: null, files: [], captureTime: null}, {name: 'R2', vendor: 'cisco', platform: 'ios', files: [], captureTime: null}]} as unknown as ParseDocument
    withChosenPlatforms(doc, [{name: 'FW1', platform: {id: 'cisco-asa'}}])
    expect(doc.devices.map((d) => d.platform)).toEqual(['asa', 'ios'])
  })
})
