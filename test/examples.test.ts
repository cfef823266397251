/**
 * End-to-end: every examples/<scenario>/ folder is diagnosed by the built CLI as a subprocess and
 * must produce the findings listed in its expected.json (rule, device, severity), and none of the
 * rules listed under "absent".
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {SEVERITY_RANK, type Severity} from '../src/model/index.js'

const root = join(import.meta.dirname, '..')
const examplesDir = join(root, 'examples')

interface Expected {
  description: string
  args?: string[]
  inputs?: string[]
  findings: {ruleId: string; device: string; severity?: Severity}[]
  absent: string[]
  maxSeverity?: Severity
}

const scenarios = readdirSync(examplesDir).filter((d) => existsSync(join(examplesDir, d, 'expected.json')))

describe('examples end to end through the CLI', () => {
  it('has at least 12 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12)
  })

  for (const name of scenarios) {
    it(name, () => {
      const exp = JSON.parse(readFileSync(join(examplesDir, name, 'expected.json'), 'utf8')) as Expected
      const inputs = exp.inputs ?? [join('examples', name)]
      const r = spawnSync(process.execPath, [join(root, 'bin', 'run.js'), 'diagnose', ...inputs, ...(exp.args ?? []), '--format', 'json', '--fail-on', 'never'], {cwd: root, encoding: 'utf8'})
      expect(r.stderr).not.toMatch(/\n\s+at /)
      expect(r.status, r.stderr).toBe(0)
      const doc = JSON.parse(r.stdout) as {findings: {ruleId: string; device: string; severity: Severity}[]}
      const got = doc.findings.map((f) => `${f.ruleId} ${f.device} ${f.severity}`)
      for (const want of exp.findings) {
        const match = doc.findings.find((f) => f.ruleId === want.ruleId && f.device === want.device && (!want.severity || f.severity === want.severity))
        expect(match, `expected ${want.ruleId} on ${want.device} (${want.severity ?? 'any'}); got:\n${got.join('\n')}`).toBeDefined()
      }
      for (const ruleId of exp.absent) expect(got.filter((g) => g.startsWith(`${ruleId} `)), `${ruleId} must not fire`).toEqual([])
      if (exp.maxSeverity) {
        const worst = doc.findings.filter((f) => SEVERITY_RANK[f.severity] > SEVERITY_RANK[exp.maxSeverity!])
        expect(worst.map((f) => `${f.ruleId} ${f.severity}`)).toEqual([])
      }
    })
  }
})
