/**
 * "Tunnel down" asks for the crypto configuration of both ends only when the tunnel never came up:
 * after the state outputs of every side, when they show no phase 1 up (a stuck or down IKE SA, or
 * none). With phase 1 up the configuration views are not asked.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {phase1Up} from '../src/wizard/phase1.js'
import {summarizeCapture} from '../src/wizard/summary.js'
import {ingestText} from '../src/ingest/index.js'

const ROOT = join(import.meta.dirname, '..')
const FIX = join(ROOT, 'test', 'fixtures', 'wizard')

function replay(answers: object): {steps: [string, string][]; stdout: string; code: number | null} {
  const dir = mkdtempSync(join(tmpdir(), 'wizard-config-'))
  writeFileSync(join(dir, 'a.json'), JSON.stringify(answers))
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dev.js'), 'troubleshoot', '--answers', join(dir, 'a.json')], {
    cwd: ROOT, input: '', encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, timeout: 60_000,
  })
  // Matches "Step 3 · on HQ (Cisco IOS ...) run:" and the indented command on the next line.
  const steps = [...r.stdout.matchAll(/^Step \d+ · on (\S+) .*\n {4}(.+)$/gm)].map((m): [string, string] => [m[1], m[2]])
  return {steps, stdout: r.stdout, code: r.status}
}

const CONFIG = ['show running-config | section crypto', 'show configuration security ike', 'show configuration security ipsec']

describe('wizard: configuration views for a tunnel that never came up', () => {
  it('phase 1 up (QM_IDLE): no configuration step', () => {
    const r = replay({symptom: 'tunnel-down', local: {name: 'BR', platform: 'cisco-ios'}, captures: [{device: 'BR', command: 'show crypto isakmp sa', file: join(FIX, 'br-isakmp-up.txt')}]})
    expect(r.code).toBe(0)
    expect(r.steps[0]).toEqual(['BR', 'show crypto isakmp sa'])
    expect(r.steps.filter(([, c]) => CONFIG.includes(c))).toEqual([])
  })

  it('phase 1 stuck on one end: the configuration of both ends, after the state outputs of both', () => {
    const r = replay({
      symptom: 'tunnel-down', local: {name: 'HQ', platform: 'cisco-ios'}, remote: {name: 'dcgw', platform: 'junos-legacy'},
      captures: [
        {device: 'HQ', command: 'show crypto isakmp sa', file: join(FIX, 'hq-isakmp-no-state.txt')},
        {device: 'dcgw', command: 'show ike security-associations detail', file: join(FIX, 'dcgw-ike.txt')},
      ],
    })
    expect(r.code).toBe(0)
    const config = r.steps.filter(([, c]) => CONFIG.includes(c))
    expect(config).toEqual([['HQ', 'show running-config | section crypto'], ['dcgw', 'show configuration security ike'], ['dcgw', 'show configuration security ipsec']])
    const firstConfig = r.steps.findIndex(([, c]) => CONFIG.includes(c))
    const lastRemoteState = r.steps.findIndex(([d, c]) => d === 'dcgw' && c.startsWith('show ike security-associations'))
    expect(lastRemoteState).toBeGreaterThanOrEqual(0)
    expect(firstConfig).toBeGreaterThan(lastRemoteState)
  })
})

describe('phase1Up', () => {
  it('up only when IKE state was captured and all of it is up', async () => {
    const doc = async (text: string) => ingestText(text, {file: 'x.txt'})
    expect(phase1Up(null)).toBe(false)
    expect(phase1Up(await doc('R1#show clock\n10:00:00.000 UTC Tue Mar 5 2024\nR1#'))).toBe(false)
    expect(phase1Up(await doc('R1#show crypto isakmp sa\ndst src state conn-id slot status\n198.51.100.9 203.0.113.50 QM_IDLE 1107 0 ACTIVE\nR1#'))).toBe(true)
    expect(phase1Up(await doc('R1#show crypto isakmp sa\ndst src state conn-id slot status\n198.51.100.9 203.0.113.50 QM_IDLE 1107 0 ACTIVE\n192.0.2.2 203.0.113.50 MM_NO_STATE 1108 0 ACTIVE\nR1#'))).toBe(false)
  })
})

describe('wizard: configuration and status captures', () => {
  it('says in one line what a configuration or a status view holds', async () => {
    const cfg = await ingestText(readFileSync(join(FIX, 'srx1-config-active-peer.txt'), 'utf8'), {file: 'srx1.txt'})
    expect(summarizeCapture(cfg)).toBe('configuration: 1 IKE policy, 1 gateway (peer 203.0.113.1), 1 VPN')
    const brief = await ingestText(['R1#show crypto session brief', 'Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating', 'Peer I/F Username Group/Phase1_id Uptime Status', '203.0.113.9 Gi0/0/0 D', '198.51.100.2 Tu0 198.51.100.2 00:12:23 UA', 'R1#'].join('\n'), {file: 'r1.txt'})
    expect(summarizeCapture(brief)).toBe('2 sessions (1 not up)')
  })

  it('SRX: with the configuration and an empty active-peer listing, the report names the gateway that is not up', () => {
    const r = replay({
      symptom: 'tunnel-down', local: {name: 'srx1', platform: 'junos-srx'},
      captures: [
        {device: 'srx1', command: 'show security ike security-associations detail', file: join(FIX, 'srx-lab-session.txt')},
        {device: 'srx1', command: 'show configuration security ike', file: join(FIX, 'srx1-config-active-peer.txt')},
      ],
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Understood: configuration: 1 IKE policy, 1 gateway (peer 203.0.113.1), 1 VPN')
    expect(r.stdout).toMatch(/^\d+\. ERROR active-peer-missing on srx1/m)
    expect(r.stdout).toContain('Gateway GW-HQ (203.0.113.1) is configured but not an active IKE peer (its vpn has establish-tunnels immediately')
  })

  it('SRX: a capture of the ike configuration does not stand for the ipsec configuration', () => {
    const r = replay({
      symptom: 'tunnel-down', local: {name: 'srx1', platform: 'junos-srx'},
      captures: [
        {device: 'srx1', command: 'show security ike security-associations detail', file: join(FIX, 'srx-lab-session.txt')},
        {device: 'srx1', command: 'show configuration security ike', file: join(FIX, 'srx1-config-ike-only.txt')},
      ],
    })
    expect(r.steps.filter(([, c]) => c.startsWith('show configuration '))).toEqual([['srx1', 'show configuration security ike'], ['srx1', 'show configuration security ipsec']])
  })
})
