/**
 * Asking for the device log (issue 14): when the show outputs leave a finding's cause open, "what to
 * collect next" names the log with the exact command of the device's platform and what to look for;
 * once a log line names the cause, or nothing is wrong, it does not. The wizard asks for it the same way.
 */
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {findForm, loadCatalogues} from '../src/engine/catalogue.js'
import {diagnose} from '../src/engine/index.js'
import {LOG_HINTS} from '../src/engine/log-hints.js'
import {PLATFORMS} from '../src/engine/platform.js'
import {ingestFiles} from '../src/ingest/index.js'

const ROOT = join(import.meta.dirname, '..')

async function missingOf(example: string) {
  const doc = await ingestFiles([join(ROOT, 'examples', example)])
  const out = await diagnose(doc, {now: () => new Date('2026-12-07T12:00:00Z')})
  return out.missing
}

const isLog = (command: string) => command.startsWith('show log')

describe('log hints', () => {
  it('every platform has a log command, and the platform catalogue knows it', () => {
    const catalogues = loadCatalogues()
    for (const p of PLATFORMS) expect(findForm(catalogues.get(p)!, LOG_HINTS[p].command)?.form, p).toBeDefined()
    expect([LOG_HINTS.ios.command, LOG_HINTS['ios-xe'].command, LOG_HINTS.asa.command, LOG_HINTS['junos-srx'].command]).toEqual([
      'show logging | include CRYPTO', 'show logging | include CRYPTO', 'show logging | include 7130|7131|7132', 'show log kmd | last 50',
    ])
  })

  it('IOS stuck in MM_NO_STATE without its log: show logging | include CRYPTO, with what to look for', async () => {
    const logs = (await missingOf('cisco-mm-no-state')).filter((m) => isLog(m.command))
    expect(logs.map((m) => [m.device, m.command, m.rules])).toEqual([['HQ-R1', 'show logging | include CRYPTO', ['engine-drops-no-connection', 'ike-stuck-mm-no-state']]])
    expect(logs[0].reason).toContain('%CRYPTO-4-IKMP_BAD_MESSAGE "failed its sanity check" (pre-shared key mismatch)')
  })

  it('ASA waiting in MM_WAIT_MSG2: the ASA filter on 7130|7131|7132, naming 713257', async () => {
    const logs = (await missingOf('asa-mm-wait-msg2')).filter((m) => isLog(m.command))
    expect(logs.map((m) => [m.device, m.command, m.rules])).toEqual([['asa-dc', 'show logging | include 7130|7131|7132', ['ike-stuck-mm-wait']]])
    expect(logs[0].reason).toContain('713257 "Mismatched attribute types')
  })

  it('SRX with IKE down: show log kmd | last 50', async () => {
    const logs = (await missingOf('srx-ike-down')).filter((m) => isLog(m.command))
    expect(logs.map((m) => [m.command, m.rules])).toEqual([['show log kmd | last 50', ['ike-down', 'ipsec-inactive-tunnel']]])
    expect(logs[0].reason).toContain('"IKE negotiation failed with error: No proposal chosen | Authentication failed | Timed out"')
  })

  it('not asked when a log line already names the cause, nor when nothing is wrong', async () => {
    expect((await missingOf('log-pair-ios-asa-group-mismatch')).filter((m) => isLog(m.command))).toEqual([])
    expect((await missingOf('cisco-healthy')).filter((m) => isLog(m.command))).toEqual([])
  })

  it('the wizard asks for the ASA log by its exact command, says what to look for, and reads the pasted lines', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dev.js'), 'troubleshoot', '--answers', join(ROOT, 'test', 'fixtures', 'wizard', 'answers-asa-log.yaml')], {
      cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, timeout: 60_000,
    })
    expect(r.status, r.stderr).toBe(0)
    const step = r.stdout.slice(r.stdout.indexOf('show logging | include 7130|7131|7132') - 40)
    expect(step).toMatch(/^.*on asa-dc \(Cisco ASA\) run:\n {4}show logging \| include 7130\|7131\|7132\n {2}Why: .*look for 713257 "Mismatched attribute types/)
    expect(step).toContain('Needed by: ike-stuck-mm-wait')
    expect(step).toContain('✔ Understood: 1 log line: proposal-mismatch from 198.51.100.99')
    // the log's finding names the cause and leads; the stuck state it explains is listed under it
    expect(r.stdout).toMatch(/\n1\. ERROR ike-proposal-mismatch on asa-dc: log ASA-5-713257 peer 198\.51\.100\.99/)
    expect(r.stdout).toContain('Also explained by this: ike-stuck-mm-wait (asa-dc)')
  })
})
