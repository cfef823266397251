/**
 * The CI examples, exercised: the `ipsec-doctor` commands of examples/ci/github-actions.yml and
 * examples/ci/gitlab-ci.yml run with the built CLI (bin/run.js, through an `ipsec-doctor` shim on
 * PATH) in a scratch repository holding the captures of examples/, and the exit codes and the reports
 * they write are checked.
 */
import {spawnSync, type SpawnSyncReturns} from 'node:child_process'
import {chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import Ajv04 from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import {XMLParser, XMLValidator} from 'fast-xml-parser'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {DiagnoseDocument} from '../src/model/index.js'

const ROOT = join(import.meta.dirname, '..')
const EXAMPLES = join(ROOT, 'examples')
const BIN = join(ROOT, 'bin', 'run.js')
const SHIM_DIR = mkdtempSync(join(tmpdir(), 'ipsec-doctor-shim-'))

function newestMtime(dir: string): number {
  let newest = 0
  for (const e of readdirSync(dir, {withFileTypes: true})) {
    const p = join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** `npm test` builds first; a stale or missing dist/ (local runs) is rebuilt. Type errors elsewhere still emit. */
function ensureBuilt(): void {
  const built = join(ROOT, 'dist', 'commands', 'diagnose.js')
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, 'src'))) return
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, stdio: 'ignore'})
  expect(existsSync(built)).toBe(true)
}

const EXAMPLE_SETS = readdirSync(EXAMPLES, {withFileTypes: true})
  .filter((e) => e.isDirectory() && e.name !== 'ci')
  .map((e) => e.name)

/** A scratch capture repository: captures/<example>/<device>.txt for the given example sets. */
function captureRepo(sets: string[]): string {
  const repo = mkdtempSync(join(tmpdir(), 'ipsec-doctor-ci-'))
  mkdirSync(join(repo, 'captures'))
  for (const s of sets) cpSync(join(EXAMPLES, s), join(repo, 'captures', s), {recursive: true})
  return repo
}

function sh(command: string, cwd: string): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: {...process.env, PATH: `${SHIM_DIR}:${process.env.PATH}`, NO_COLOR: '1'},
  })
}

function expectNoStack(r: SpawnSyncReturns<string>): void {
  // "    at fn (file:1:2)": a stack frame
  expect(r.stderr).not.toMatch(/\n\s+at \S+ \(/)
}

/** The workflow steps that call the gate, as written in the file. */
function githubGateCommands(): string[] {
  const wf = parseYaml(readFileSync(join(EXAMPLES, 'ci', 'github-actions.yml'), 'utf8'))
  const steps: {run?: string; uses?: string; with?: Record<string, string>}[] = wf.jobs['ipsec-doctor'].steps
  return steps.map((s) => s.run ?? '').filter((run) => run.startsWith('ipsec-doctor '))
}

const sarifSchema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'))
const ajv = new Ajv04({allErrors: true, strict: false, unicodeRegExp: false})
addFormats(ajv)
const validateSarif = ajv.compile(sarifSchema)
const ajv2020 = new Ajv2020({allErrors: true, strict: false})
addFormats(ajv2020)
/** The published JSON Schema of `diagnose --json` (generated from the zod model by `npm run schema`). */
const validateDiagnoseJson = ajv2020.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'diagnose-output.schema.json'), 'utf8')))
const xml = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['testsuite', 'testcase', 'failure'].includes(n)})

beforeAll(() => {
  ensureBuilt()
  writeFileSync(join(SHIM_DIR, 'ipsec-doctor'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
  chmodSync(join(SHIM_DIR, 'ipsec-doctor'), 0o755)
}, 300_000)

describe('GitHub Actions example', {timeout: 120_000}, () => {
  it('has one gate step whose SARIF file is the one uploaded, with the permission upload needs', () => {
    const wf = parseYaml(readFileSync(join(EXAMPLES, 'ci', 'github-actions.yml'), 'utf8'))
    expect(wf.permissions['security-events']).toBe('write')
    const [gate] = githubGateCommands()
    const upload = wf.jobs['ipsec-doctor'].steps.find((s: {uses?: string}) => s.uses?.startsWith('github/codeql-action/upload-sarif'))
    expect(gate).toContain(`--format sarif --output ${upload.with.sarif_file}`)
  })

  it('fails (exit 1) on unhealthy captures and writes valid SARIF, JUnit and Markdown', () => {
    const repo = captureRepo(EXAMPLE_SETS)
    // an empty baseline: every finding is new
    writeFileSync(join(repo, '.ipsec-doctor-baseline.json'), JSON.stringify({baselineVersion: 1, tool: {name: 'ipsec-doctor', version: '0'}, judgedAt: 'x', findings: []}))
    const [gate] = githubGateCommands()
    const r = sh(gate, repo)
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/gate failed \(--fail-on error\): \d+ finding\(s\) at or above error/)
    expectNoStack(r)

    const sarif = JSON.parse(readFileSync(join(repo, 'reports', 'ipsec-doctor.sarif'), 'utf8'))
    expect(validateSarif(sarif)).toBe(true)
    const results = sarif.runs[0].results
    expect(results.length).toBeGreaterThan(5)
    for (const res of results) {
      const uri: string = res.locations[0].physicalLocation.artifactLocation.uri
      expect(uri).toMatch(/^captures\/[\w-]+\/[\w.-]+\.txt$/) // relative to the repository root
      expect(existsSync(join(repo, uri))).toBe(true)
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1)
      expect(res.partialFingerprints['ipsecDoctorFingerprint/v1']).toMatch(/\S/)
    }
    expect(results.some((x: {ruleId: string}) => x.ruleId === 'ike-stuck-mm-no-state')).toBe(true)

    const junitText = readFileSync(join(repo, 'reports', 'ipsec-doctor.xml'), 'utf8')
    expect(XMLValidator.validate(junitText)).toBe(true)
    const suites = xml.parse(junitText).testsuites.testsuite
    expect(suites.some((s: {'@name': string}) => s['@name'] === 'HQ-R1')).toBe(true)
    expect(Number(xml.parse(junitText).testsuites['@failures'])).toBeGreaterThan(0)

    const md = readFileSync(join(repo, 'reports', 'ipsec-doctor.md'), 'utf8')
    expect(md).toMatch(/^### ipsec-doctor: .*\d+ error/)
  })

  it('passes (exit 0) once the known findings are in the committed baseline, and names what was suppressed', () => {
    const repo = captureRepo(EXAMPLE_SETS)
    const rec = sh('ipsec-doctor baseline captures/ -o .ipsec-doctor-baseline.json', repo)
    expect(rec.status).toBe(0)
    const baseline = JSON.parse(readFileSync(join(repo, '.ipsec-doctor-baseline.json'), 'utf8'))
    expect(baseline.findings.length).toBeGreaterThan(5)
    const r = sh(githubGateCommands()[0], repo)
    expect(r.stderr).not.toContain('gate failed')
    expect(r.status).toBe(0)
    const sarif = JSON.parse(readFileSync(join(repo, 'reports', 'ipsec-doctor.sarif'), 'utf8'))
    expect(sarif.runs[0].results).toEqual([])
    expect(readFileSync(join(repo, 'reports', 'ipsec-doctor.md'), 'utf8')).toContain(`${baseline.findings.length} known finding(s) suppressed`)
  })

  it('exits 2 without a stack trace when the baseline file is missing or there is no capture', () => {
    const repo = captureRepo(['cisco-healthy'])
    const noBaseline = sh(githubGateCommands()[0], repo)
    expect(noBaseline.status).toBe(2)
    expect(noBaseline.stderr).toContain('baseline .ipsec-doctor-baseline.json: cannot read (ENOENT)')
    expectNoStack(noBaseline)
    const empty = mkdtempSync(join(tmpdir(), 'ipsec-doctor-empty-'))
    mkdirSync(join(empty, 'captures'))
    const none = sh('ipsec-doctor diagnose captures/ --format sarif --output r.sarif', empty)
    expect(none.status).toBe(2)
    expect(none.stderr).toContain('no readable capture')
    expect(existsSync(join(empty, 'r.sarif'))).toBe(false)
    expectNoStack(none)
  })
})

describe('GitLab CI example', {timeout: 120_000}, () => {
  const job = parseYaml(readFileSync(join(EXAMPLES, 'ci', 'gitlab-ci.yml'), 'utf8'))['ipsec-doctor']

  it('runs the gate and leaves the JUnit report where artifacts:reports:junit expects it', () => {
    const repo = captureRepo(['cisco-mm-no-state', 'junos-dpd-misses', 'cisco-healthy'])
    // the gate, but starting from a baseline of the healthy device only
    expect(sh('ipsec-doctor baseline captures/cisco-healthy -o .ipsec-doctor-baseline.json', repo).status).toBe(0)
    const scripts: string[] = job.script
    expect(scripts.length).toBeGreaterThan(0)
    let status = 0
    for (const line of scripts) {
      const r = sh(line, repo)
      expectNoStack(r)
      status = r.status ?? -1
      if (status !== 0) break
    }
    expect(status).toBe(1)
    expect(job.artifacts.when).toBe('always')
    const junitPath = join(repo, job.artifacts.reports.junit)
    const text = readFileSync(junitPath, 'utf8')
    expect(XMLValidator.validate(text)).toBe(true)
    const doc = xml.parse(text).testsuites
    expect(doc.testsuite.map((s: {'@name': string}) => s['@name']).sort()).toEqual(['BR-R2', 'HQ-R1', 'mx-core2'])
    const hq = doc.testsuite.find((s: {'@name': string}) => s['@name'] === 'HQ-R1')
    const failing = hq.testcase.filter((c: {failure?: unknown}) => c.failure)
    expect(failing.map((c: {'@name': string}) => c['@name'])).toContainEqual(expect.stringMatching(/^ike-stuck-mm-no-state: peer 198\.51\.100\.20/))
    // passing checks are listed as passing test cases too
    expect(hq.testcase.length).toBeGreaterThan(failing.length)
    for (const p of job.artifacts.paths) expect(existsSync(join(repo, p))).toBe(true)
  })
})

describe('gate behaviour through the CLI', {timeout: 120_000}, () => {
  it('healthy captures pass; the JSON document matches the model and carries the exit code', () => {
    const repo = captureRepo(['cisco-healthy'])
    const r = sh('ipsec-doctor diagnose captures/ --json', repo)
    expect(r.status).toBe(0)
    const doc = DiagnoseDocument.parse(JSON.parse(r.stdout))
    expect(doc.findings.filter((f) => f.severity === 'error' || f.severity === 'critical')).toEqual([])
    expect(doc.summary.exitCode).toBe(0)
  })

  it('--fail-on and --max-warnings decide the exit code; the JSON summary agrees', () => {
    const repo = captureRepo(['cisco-mm-no-state'])
    const never = sh('ipsec-doctor diagnose captures/ --fail-on never --json', repo)
    expect(never.status).toBe(0)
    const doc = DiagnoseDocument.parse(JSON.parse(never.stdout))
    expect(validateDiagnoseJson(JSON.parse(never.stdout))).toBe(true)
    expect(validateDiagnoseJson({...doc, findings: [{ruleId: 'x'}]})).toBe(false)
    const warnings = doc.findings.filter((f) => f.severity === 'warning').length
    expect(warnings).toBeGreaterThan(0)
    expect(sh(`ipsec-doctor diagnose captures/ --fail-on never --max-warnings ${warnings}`, repo).status).toBe(0)
    const over = sh(`ipsec-doctor diagnose captures/ --fail-on never --max-warnings ${warnings - 1} --json`, repo)
    expect(over.status).toBe(1)
    expect(JSON.parse(over.stdout).summary.exitCode).toBe(1)
    expect(sh('ipsec-doctor diagnose captures/ --fail-on error', repo).status).toBe(1)
    const bad = sh('ipsec-doctor diagnose captures/ --fail-on sometimes', repo)
    expect(bad.status).toBe(2)
    expectNoStack(bad)
  })

  it('reads .ipsec-doctor.yaml upward from the working directory; a broken one is exit 2 naming the file', () => {
    const repo = captureRepo(['cisco-mm-no-state'])
    const before = JSON.parse(sh('ipsec-doctor diagnose captures/ --fail-on never --json', repo).stdout)
    expect(before.findings.some((f: {ruleId: string}) => f.ruleId === 'crypto-pfs-disabled')).toBe(true)
    cpSync(join(EXAMPLES, 'ci', 'ipsec-doctor.yaml'), join(repo, '.ipsec-doctor.yaml'))
    const after = sh('ipsec-doctor diagnose . --fail-on never --json', join(repo, 'captures'))
    const doc = JSON.parse(after.stdout)
    // the sample config's lab-* section matches nothing here, which is worth a warning
    expect(after.stderr).toContain('devices.lab-* matches no device in the captures')
    expect(doc.findings.some((f: {ruleId: string}) => f.ruleId === 'crypto-pfs-disabled')).toBe(false)
    expect(doc.suppressed.disabled).toBeGreaterThan(0)
    writeFileSync(join(repo, '.ipsec-doctor.yaml'), 'thresholds:\n  certWarnDays: soon\n')
    const broken = sh('ipsec-doctor diagnose captures/', repo)
    expect(broken.status).toBe(2)
    expect(broken.stderr).toContain('invalid configuration .ipsec-doctor.yaml')
    expect(broken.stderr).toMatch(/line 2: thresholds\.certWarnDays: /)
    expectNoStack(broken)
  })

  it('gives the same SARIF twice: stable fingerprints, judged at the capture clock', () => {
    const repo = captureRepo(['junos-dpd-misses', 'cisco-one-way'])
    const cmd = 'ipsec-doctor diagnose captures/ --fail-on never --format sarif --output a.sarif'
    expect(sh(cmd, repo).status).toBe(0)
    expect(sh(cmd.replace('a.sarif', 'b.sarif'), repo).status).toBe(0)
    const a = readFileSync(join(repo, 'a.sarif'), 'utf8')
    expect(readFileSync(join(repo, 'b.sarif'), 'utf8')).toBe(a)
    expect(JSON.parse(a).runs[0].invocations[0].properties.timeSource).toBe('capture')
  })

  it('--redact leaves no device name or address in any report, JUnit passing cases included', () => {
    const repo = captureRepo(['cisco-mm-no-state'])
    const r = sh('ipsec-doctor diagnose captures/ --redact --fail-on never --format junit --output r.xml --format sarif --output r.sarif --format markdown --output r.md --json', repo)
    expect(r.status).toBe(0)
    const texts = [r.stdout, ...['r.xml', 'r.sarif', 'r.md'].map((f) => readFileSync(join(repo, f), 'utf8'))]
    for (const text of texts) {
      expect(text).not.toContain('HQ-R1')
      expect(text).not.toContain('198.51.100.20')
      expect(text).not.toContain('203.0.113.10')
    }
    const suites = xml.parse(texts[1]).testsuites.testsuite
    expect(suites).toHaveLength(1)
    expect(suites[0].testcase.length).toBeGreaterThan(3)
    // the same token names the device in the JSON document and the JUnit suite
    expect(JSON.parse(r.stdout).findings[0].device).toBe(suites[0]['@name'])
  })

  it('a broken user rule pack is a usage error (exit 2) naming the file and the JSON path', () => {
    const repo = captureRepo(['cisco-healthy'])
    mkdirSync(join(repo, 'my-rules'))
    writeFileSync(join(repo, 'my-rules', 'broken.json'), JSON.stringify({id: 'my-broken-rule', title: 'x'}))
    const r = sh('ipsec-doctor diagnose captures/ --rules my-rules', repo)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/error: rule not loaded: my-rules\/broken\.json: \/\S*: /)
    expectNoStack(r)
  })

  it('says when a result depends on the current time, and --at pins it', () => {
    const repo = mkdtempSync(join(tmpdir(), 'ipsec-doctor-at-'))
    writeFileSync(join(repo, 'r7.txt'), 'dst src state conn-id slot status\n10.0.0.2 10.0.0.1 QM_IDLE 1001 0 ACTIVE\n')
    const now = sh('ipsec-doctor diagnose r7.txt --json', repo)
    expect(now.stderr).toContain('note: judged against the current time for r7 (no capture clock, no --at)')
    expect(JSON.parse(now.stdout).time.source).toBe('now')
    const pinned = sh('ipsec-doctor diagnose r7.txt --at 2024-03-01T10:00:00Z --json', repo)
    expect(pinned.stderr).not.toContain('judged against the current time')
    expect(JSON.parse(pinned.stdout).time).toMatchObject({at: '2024-03-01T10:00:00.000Z', source: 'flag'})
  })

  it('baseline writes where the config file says, and diagnose reads it from there', () => {
    const repo = captureRepo(['cisco-mm-no-state'])
    writeFileSync(join(repo, '.ipsec-doctor.yaml'), 'baseline: known/findings.json\n')
    const rec = sh('ipsec-doctor baseline captures/', repo)
    expect(rec.status).toBe(0)
    expect(rec.stderr).toMatch(/wrote \d+ finding\(s\) to known\/findings\.json/)
    const r = sh('ipsec-doctor diagnose captures/ --fail-on info --json', repo)
    expect(r.status).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.findings).toEqual([])
    expect(doc.suppressed.baseline).toBeGreaterThan(0)
    expect(doc.baseline).toEqual({file: 'known/findings.json', stale: []})
  })

  it('rejects two formats on stdout and an --output without a format slot', () => {
    const repo = captureRepo(['cisco-healthy'])
    const two = sh('ipsec-doctor diagnose captures/ --format json --format sarif', repo)
    expect(two.status).toBe(2)
    expect(two.stderr).toContain('only one format can go to stdout')
    const orphan = sh('ipsec-doctor diagnose captures/ --format json --output a.json --output b.json', repo)
    expect(orphan.status).toBe(2)
    expect(orphan.stderr).toContain('--output b.json has no --format before it')
  })
})
