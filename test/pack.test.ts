/**
 * The package as users install it: `npm pack`, then `npm install --omit=dev` of the tarball in an
 * empty folder, then `diagnose` on the bundled example, by the CLI and by the library entry. Catches a
 * run-time import that is only a devDependency (or not declared at all) and works by accident of
 * hoisting in the checkout.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const work = mkdtempSync(join(tmpdir(), 'ipsec-doctor-pack-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

describe('packed package, production dependencies only', () => {
  it('installs and diagnoses the bundled example', () => {
    // dist/ and the oclif manifest come from the build `npm test` runs first
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], {cwd: ROOT, encoding: 'utf8'})
    const tarball = join(work, out.trim().split('\n').pop()!)
    const app = join(work, 'app')
    execFileSync('mkdir', ['-p', app])
    writeFileSync(join(app, 'package.json'), JSON.stringify({name: 'pack-check', private: true}))
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', tarball], {cwd: app, encoding: 'utf8'})
    const run = spawnSync(join(app, 'node_modules', '.bin', 'ipsec-doctor'), ['diagnose', join(ROOT, 'examples', 'cisco-mm-no-state'), '--format', 'json', '--fail-on', 'never'], {cwd: app, encoding: 'utf8'})
    expect(run.stderr, run.stderr).not.toMatch(/Cannot find (?:module|package)/)
    expect(run.status, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout)
    expect(doc.findings.map((f: {ruleId: string}) => f.ruleId)).toContain('ike-stuck-mm-no-state')
    // the library entry, as the README shows it: import {ingestFiles, diagnose} from 'ipsec-doctor'
    const script = `import {ingestFiles, diagnose} from 'ipsec-doctor'\nconst out = await diagnose(await ingestFiles([${JSON.stringify(join(ROOT, 'examples', 'cisco-mm-no-state'))}]))\nconsole.log(out.findings.map((f) => f.ruleId).join(' '))`
    const lib = spawnSync(process.execPath, ['--input-type=module', '-e', script], {cwd: app, encoding: 'utf8'})
    expect(lib.status, lib.stderr).toBe(0)
    expect(lib.stdout.split(' ').map((s) => s.trim())).toContain('ike-stuck-mm-no-state')
  }, 300_000)
})
