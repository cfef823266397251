/**
 * The labeled field-diagnosis set (test/fixtures/field-diagnosis, labels written by hand in
 * `<name>.expect.json`), end to end: through the CLI (`diagnose --format json`, no symptom) and
 * through the wizard's `--answers` replay with the labeled symptom. `npx tsx
 * scripts/diagnosis-score.ts` prints recall and false alarms over the same set.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {FIELD_DIR, isFalseAlarm, labeledCaptures, problems, type Found} from '../scripts/diagnosis-score.js'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '..', 'bin', 'run.js')
const AT = '2026-11-23T12:00:00Z'
const set = labeledCaptures()

async function cli(file: string): Promise<Found[]> {
  const {stdout} = await run(process.execPath, [BIN, 'diagnose', file, '--format', 'json', '--fail-on', 'never', '--at', AT])
  return (JSON.parse(stdout) as {findings: Found[]}).findings
}

/** Wizard platform of a capture, from its name (the prefix names the platform). */
function platformOf(name: string): string {
  if (name.startsWith('iosxe-')) return 'cisco-ios-xe'
  if (name.startsWith('ios-')) return 'cisco-ios'
  if (name.startsWith('asa-')) return 'cisco-asa'
  if (name.startsWith('srx-')) return 'junos-srx'
  // MX and ES-PIC captures here use the legacy `show ike ...` commands beside `show services ...`.
  return 'junos-legacy'
}

const WIZARD_SYMPTOM: Record<string, string> = {down: 'tunnel-down', 'one-way': 'one-way', flapping: 'flapping', certificate: 'certificate'}
// "R1#show ...", "asa-dc# show ...", "admin@srx> show ...": device and command of a prompt line.
const PROMPT = /^(?:[\w.-]+@)?([\w.-]+)(?:\([\w-]+\))?[#>]\s*(sh(?:ow)? .+)$/gm
// The clock is asked only when a date check needs it: the capture is handed over by another command it holds.
const CLOCK = /^sh(ow)? (clock|system uptime)/

/** Session JSON of `troubleshoot --answers` replaying the capture with its labeled symptom. */
async function wizard(name: string, file: string, symptom: string): Promise<{ranked: Array<{finding: Found; related: Found[]}>}> {
  const text = readFileSync(file, 'utf8')
  const m = [...text.matchAll(PROMPT)].find((p) => !CLOCK.test(p[2]))
  if (!m) throw new Error(`${name}: no prompt line`)
  const dir = mkdtempSync(join(tmpdir(), 'field-wizard-'))
  const answers = {
    symptom: WIZARD_SYMPTOM[symptom],
    local: {name: m[1], platform: platformOf(name)},
    captures: [{device: m[1], command: m[2].replace(/\s*\|.*$/, '').trim(), file}],
    save: {json: join(dir, 'session.json')},
  }
  writeFileSync(join(dir, 'answers.json'), JSON.stringify(answers))
  await run(process.execPath, [BIN, 'troubleshoot', '--answers', join(dir, 'answers.json'), '--at', AT]).catch((e: {code?: number}) => {
    if (e.code !== 1) throw e
  })
  return JSON.parse(readFileSync(join(dir, 'session.json'), 'utf8'))
}

describe('labeled field-diagnosis set', () => {
  it('has at least 30 captures of both vendors, with traps among them', () => {
    expect(set.length).toBeGreaterThanOrEqual(30)
    expect(set.some((c) => /^(ios|iosxe|asa)-/.test(c.name))).toBe(true)
    expect(set.some((c) => /^(srx|junos)-/.test(c.name))).toBe(true)
    expect(set.filter((c) => c.expect.symptom === null).length).toBeGreaterThanOrEqual(8)
    expect(FIELD_DIR).toContain('field-diagnosis')
  })

  describe.concurrent.each(set)('$name', ({name, file, expect: label}) => {
    it('through the CLI: the labeled rules fire (with their confidence), the others do not, no false alarm', {timeout: 60_000}, async () => {
      const found = await cli(file)
      expect(problems(label, found, false)).toEqual([])
      expect(isFalseAlarm(label, found)).toBe(false)
      for (const f of found) expect(f.confidence?.reason, `${name}: ${f.ruleId}`).toMatch(/\w{3,}/)
    })

    if (label.symptom !== null) {
      it(`through the wizard with the symptom ${label.symptom}`, {timeout: 60_000}, async () => {
        const session = await wizard(name, file, label.symptom!)
        // a finding another one explains is listed under it ("Also explained by this: ..."): it is named too
        const found = session.ranked.flatMap((r) => [r.finding, ...r.related])
        expect(problems({...label, must: label.must.map((m) => ({rule: m.rule}))}, found, true)).toEqual([])
      })
    }
  })
})
