import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {configJsonSchema} from '../src/config/schema.js'
import {ConfigError, deviceMatches, findConfigFile, loadConfig, settingsForDevice, unknownRuleIds} from '../src/config/load.js'

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ipsec-doctor-config-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), {recursive: true})
    writeFileSync(join(root, name), text)
  }
  return root
}

function problemsOf(fn: () => unknown): {file: string; problems: string[]} {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return {file: (error as ConfigError).file, problems: (error as ConfigError).problems}
  }
  throw new Error('expected a ConfigError')
}

describe('configuration file', () => {
  it('is found upward from the working directory, YAML or JSON', () => {
    const root = tree({
      '.ipsec-doctor.yaml': 'failOn: warning\nrules: [./my-rules]\nbaseline: base.json\n',
      'captures/site-a/r1.txt': '',
    })
    const cwd = join(root, 'captures', 'site-a')
    expect(findConfigFile(cwd)).toBe(join(root, '.ipsec-doctor.yaml'))
    const cfg = loadConfig({cwd})
    expect(cfg.settings.failOn).toBe('warning')
    expect(cfg.rulesDirs).toEqual([join(root, 'my-rules')])
    expect(cfg.baseline).toBe(join(root, 'base.json'))

    const jsonRoot = tree({'.ipsec-doctor.json': JSON.stringify({thresholds: {certWarnDays: 45}, disable: ['ipsec-no-traffic']})})
    expect(loadConfig({cwd: jsonRoot}).settings).toEqual({thresholds: {certWarnDays: 45}, disable: ['ipsec-no-traffic']})
  })

  it('gives defaults when there is no file, and --config wins over discovery', () => {
    const empty = tree({'x/y.txt': ''})
    // assumes no .ipsec-doctor.* in the temp directory or above it
    expect(loadConfig({cwd: empty})).toEqual({file: null, settings: {}, rulesDirs: [], baseline: null})
    const root = tree({'.ipsec-doctor.yaml': 'failOn: info\n', 'ci/strict.yaml': 'failOn: critical\n'})
    expect(loadConfig({cwd: root, explicit: 'ci/strict.yaml'}).settings.failOn).toBe('critical')
  })

  it('names the file, the line and the path of each problem', () => {
    const root = tree({
      '.ipsec-doctor.yaml': ['failOn: sometimes', 'thresholds:', '  certWarnDays: soon', '  treshold: 3', 'severity:', '  dpd-ack-missed: fatal', 'devices:', '  R1:', '    disable: [Not A Rule]'].join('\n'),
    })
    const {file, problems} = problemsOf(() => loadConfig({cwd: root}))
    expect(file).toBe('.ipsec-doctor.yaml')
    expect(problems).toHaveLength(5)
    expect(problems).toContainEqual(expect.stringMatching(/^line 1: failOn: Invalid option: expected one of "critical"\|"error"\|"warning"\|"info"\|"never"$/))
    expect(problems).toContainEqual(expect.stringMatching(/^line 3: thresholds\.certWarnDays: .*expected number/))
    expect(problems).toContainEqual('line 4: thresholds.treshold: unknown key')
    expect(problems).toContainEqual(expect.stringMatching(/^line 6: severity\.dpd-ack-missed: /))
    expect(problems).toContainEqual(expect.stringMatching(/^line 9: devices\.R1\.disable\.0: must be a rule id/))
  })

  it('reports syntax errors and a missing --config file without a stack trace', () => {
    const root = tree({'.ipsec-doctor.json': '{"failOn": "error",}', 'bad.yaml': 'a: [1, 2\n'})
    expect(problemsOf(() => loadConfig({cwd: root})).problems[0]).toMatch(/^(line \d+: |not valid JSON)/)
    expect(problemsOf(() => loadConfig({cwd: root, explicit: 'bad.yaml'})).problems[0]).toMatch(/^line \d+: /)
    const missing = problemsOf(() => loadConfig({cwd: root, explicit: 'nope.yaml'}))
    expect(missing.file).toBe('nope.yaml')
    expect(missing.problems).toEqual(['cannot read: ENOENT'])
  })

  it('error message lists all problems under the file name', () => {
    const root = tree({'.ipsec-doctor.json': '{"maxWarnings": -1}'})
    expect(() => loadConfig({cwd: root})).toThrow(/^invalid configuration \.ipsec-doctor\.json:\n {2}line 1: maxWarnings: /)
  })

  it('overlays per-device settings: wildcard patterns first, exact names last', () => {
    const config = {
      thresholds: {certWarnDays: 30},
      disable: ['ipsec-no-traffic'],
      severity: {'dpd-ack-missed': 'error' as const},
      devices: {
        R1: {thresholds: {certWarnDays: 10}, severity: {'dpd-ack-missed': 'info' as const}},
        'R*': {thresholds: {certWarnDays: 20, dpdMissThreshold: 3}, disable: ['crypto-weak-encryption']},
      },
    }
    expect(settingsForDevice(config, 'R1')).toEqual({
      thresholds: {certWarnDays: 10, dpdMissThreshold: 3},
      disabled: ['ipsec-no-traffic', 'crypto-weak-encryption'],
      severityOverrides: {'dpd-ack-missed': 'info'},
    })
    expect(settingsForDevice(config, 'srx1')).toEqual({thresholds: {certWarnDays: 30}, disabled: ['ipsec-no-traffic'], severityOverrides: {'dpd-ack-missed': 'error'}})
    expect(deviceMatches('lab-*.example', 'lab-r1.example')).toBe(true)
    expect(deviceMatches('lab-*.example', 'lab-r1Xexample')).toBe(false)
  })

  it('points out rule ids that no loaded rule has', () => {
    const config = {disable: ['ike-stuck-mm-no-state', 'ike-stuck-mm-nostate'], devices: {R1: {severity: {'no-such-rule': 'info' as const}}}}
    expect(unknownRuleIds(config, new Set(['ike-stuck-mm-no-state']))).toEqual([
      'disable: unknown rule "ike-stuck-mm-nostate"',
      'devices.R1.severity: unknown rule "no-such-rule"',
    ])
  })

  it('has a JSON Schema for editors that accepts the sample config and rejects what the loader rejects', () => {
    const ajv = new Ajv2020({allErrors: true, strict: false})
    addFormats(ajv)
    const validate = ajv.compile(configJsonSchema())
    const sample = parseYaml(readFileSync(join(import.meta.dirname, '..', 'examples', 'ci', 'ipsec-doctor.yaml'), 'utf8'))
    expect(validate(sample)).toBe(true)
    expect(validate({failOn: 'sometimes'})).toBe(false)
    expect(validate({thresholds: {treshold: 3}})).toBe(false)
    expect(validate({devices: {R1: {disable: ['Not A Rule']}}})).toBe(false)
    // and the sample is what the loader accepts too
    const root = tree({'.ipsec-doctor.yaml': readFileSync(join(import.meta.dirname, '..', 'examples', 'ci', 'ipsec-doctor.yaml'), 'utf8')})
    expect(loadConfig({cwd: root}).settings).toEqual(sample)
  })
})
