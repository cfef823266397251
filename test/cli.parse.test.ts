import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {runCommand} from '@oclif/test'
import {describe, expect, it} from 'vitest'

const root = join(import.meta.dirname, '..')
const bin = join(root, 'bin', 'run.js')

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {cwd: root, input, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
  return {code: r.status, stdout: r.stdout, stderr: r.stderr}
}

describe('parse command in-process', () => {
  it('prints the parse document with --json', async () => {
    const {stdout} = await runCommand(['parse', 'examples/cisco-healthy', '--json'], {root})
    const doc = JSON.parse(stdout)
    expect(doc.schemaVersion).toBe(2)
    expect(doc.devices.map((d: {name: string}) => d.name)).toEqual(['BR-R2'])
    expect(doc.facts.ikeSa.map((f: {stateRaw: string}) => f.stateRaw)).toEqual(['QM_IDLE', 'MM_NO_STATE'])
  })
})

describe('parse command as a subprocess (bin/run.js)', () => {
  it('reads stdin with --device and exits 0', () => {
    const capture = 'dst src state conn-id slot status\n10.0.0.2 10.0.0.1 QM_IDLE 1001 0 ACTIVE\n'
    const r = run(['parse', '-', '--device', 'R7', '--json'], capture)
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.facts.ikeSa[0].source.device).toBe('R7')
    expect(doc.blocks[0].detectedBy).toBe('content')
  })

  it('names a missing file in one line, without a stack trace, and exits 2', () => {
    const r = run(['parse', 'no/such/capture.txt'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('no/such/capture.txt: no such file or directory')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('--strict exits 1 when a line was not understood, and lists it with file:line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsd-cli-'))
    const f = join(dir, 'r1.txt')
    writeFileSync(f, 'R1#show crypto isakmp sa\ndst src state conn-id slot status\n10.0.0.2 10.0.0.1 QM_IDLE 1001 0 ACTIVE\nJUNK-77 0x3f ==\n')
    const loose = run(['parse', f])
    expect(loose.code).toBe(0)
    expect(loose.stdout).toContain(`${f}:4`)
    const strict = run(['parse', f, '--strict'])
    expect(strict.code).toBe(1)
  })

  it('prints plain tables when output is not a terminal', () => {
    const out = execFileSync(process.execPath, [bin, 'parse', 'examples/cisco-healthy'], {cwd: root, encoding: 'utf8'})
    expect(out).toContain('show crypto isakmp sa')
    expect(out).not.toMatch(/\x1b\[/)
  })
})
