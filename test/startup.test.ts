/**
 * Start-up: a run loads what its command uses. A diagnosis with the built-in rules and no config file
 * loads neither the schemas (zod) nor the rule validator (ajv); the zod-free constants agree with the
 * schemas they stand beside. oclif is entered through the sub-path exports the commands use. Parser
 * modules load when a block needs them.
 */
import {spawnSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, it} from 'vitest'
import {modulesLoaded} from '../bench/modules.js'
import {FACT_KINDS, SEVERITIES} from '../src/model/constants.js'
import {FACT_SCHEMAS, Severity} from '../src/model/index.js'

const root = join(import.meta.dirname, '..')

/** Packages a CLI run loads, by name. */
function packagesLoaded(args: string[], cwd: string): Set<string> {
  const names = modulesLoaded(args, cwd).urls.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1])
  return new Set(names.filter((n): n is string => n !== undefined))
}

/** Our own modules a CLI run loads, relative to dist/ ("parsers/cisco/show-clock.js"), and what it printed. */
function distLoaded(args: string[], cwd: string): {modules: Set<string>; stdout: string} {
  const dist = pathToFileURL(join(root, 'dist')).href + '/'
  const {urls, stdout} = modulesLoaded(args, cwd)
  return {modules: new Set(urls.filter((u) => u.startsWith(dist)).map((u) => u.slice(dist.length))), stdout}
}

describe('start-up', () => {
  it('diagnose with the built-in rules loads neither zod nor ajv (npm test builds first)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'no-config-'))
    const loaded = packagesLoaded(['diagnose', join(root, 'examples', 'cisco-mm-no-state'), '--fail-on', 'never'], cwd)
    expect(loaded.has('@oclif/core')).toBe(true)
    expect(loaded.has('json-rules-engine')).toBe(true)
    expect([...loaded].filter((p) => p === 'zod' || p === 'ajv')).toEqual([])
    // oclif is entered through its sub-path exports (execute, command, flags, args): its index, which
    // loads every part and checks the Node version with semver, is not
    expect(loaded.has('semver')).toBe(false)
  })

  it('--help loads oclif without its index (semver, which only the index uses, is not loaded)', () => {
    const loaded = packagesLoaded(['--help'], root)
    expect(loaded.has('@oclif/core')).toBe(true)
    expect(loaded.has('semver')).toBe(false)
  })

  it('no run loads @oclif/plugin-help: help is a command of ours over oclif\'s Help class', () => {
    expect(packagesLoaded(['diagnose', join(root, 'examples', 'cisco-mm-no-state'), '--fail-on', 'never'], root).has('@oclif/plugin-help')).toBe(false)
    expect(packagesLoaded(['help', 'diagnose'], root).has('@oclif/plugin-help')).toBe(false)
  })

  it('help [COMMAND] prints the root help and a command\'s help as --help does', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'run.js'), ...args], {cwd: root, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
    const root1 = cli('help')
    expect(root1.status).toBe(0)
    expect(root1.stdout).toBe(cli('--help').stdout)
    expect(root1.stdout).toMatch(/^ {2}diagnose {2,}Diagnose IPsec problems/m)
    expect(root1.stdout).toMatch(/^ {2}help {2,}Display help for ipsec-doctor\./m)
    const diagnose = cli('help', 'diagnose')
    expect(diagnose.status).toBe(0)
    expect(diagnose.stdout).toBe(cli('diagnose', '--help').stdout)
    expect(diagnose.stdout).toContain('$ ipsec-doctor diagnose INPUTS...')
    expect(cli('help', 'rules', 'list').stdout).toContain('$ ipsec-doctor rules list')
  })

  it('a user rule pack is validated, so it loads ajv', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pack-'))
    mkdirSync(join(cwd, 'my-rules'))
    copyFileSync(join(root, 'rules', 'ike', 'ike-down.json'), join(cwd, 'my-rules', 'ike-down.json'))
    const loaded = packagesLoaded(['rules', 'list', '--rules', join(cwd, 'my-rules')], cwd)
    expect(loaded.has('ajv')).toBe(true)
  })

  it('diagnosing typed commands loads their parsers only; a headless paste loads all and still parses', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lazy-'))
    const typed = distLoaded(['diagnose', join(root, 'examples', 'cisco-mm-no-state'), '--fail-on', 'never'], cwd)
    const parsers = [...typed.modules].filter((m) => m.startsWith('parsers/'))
    // show clock, show crypto isakmp sa, show crypto ipsec sa (IOS and ASA print it: both are candidates)
    for (const m of ['cisco/show-clock.js', 'cisco/show-crypto-isakmp-sa.js', 'cisco/show-crypto-ipsec-sa.js', 'cisco/asa-show-crypto-ipsec-sa.js']) expect(parsers).toContain(`parsers/${m}`)
    expect(parsers.filter((m) => m.startsWith('parsers/junos/') || m.startsWith('parsers/cisco/config/') || m === 'parsers/registry.js')).toEqual([])
    expect(parsers).not.toContain('parsers/cisco/show-crypto-pki-certificates.js')
    expect(typed.stdout).toContain('ike-stuck-mm-no-state')

    // the same IKE table pasted without a prompt: only the content can tell, so every parser loads
    const headless = join(cwd, 'headless.txt')
    writeFileSync(headless, readFileSync(join(root, 'examples', 'cisco-mm-no-state', 'HQ-R1.txt'), 'utf8').split('\n').slice(4, 8).join('\n') + '\n')
    const pasted = distLoaded(['diagnose', headless, '--fail-on', 'never'], cwd)
    expect(pasted.modules).toContain('parsers/junos/show-system-uptime.js')
    expect(pasted.modules).toContain('parsers/cisco/config/show-running-config.js')
    expect(pasted.stdout).toContain('ike-stuck-mm-no-state')
  })

  it('the pair and delta builders load only when two devices or an earlier capture can give them entities', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sources-'))
    // the builders (pair/views.js is also read by log evidence, so it is not among them)
    const builders = ['engine/pair/source.js', 'engine/pair/index.js', 'engine/config-pair/index.js', 'engine/delta/source.js', 'engine/delta/index.js', 'engine/status/counter-delta.js']
    const engine = (m: Set<string>) => builders.filter((b) => m.has(b))
    const one = distLoaded(['diagnose', join(root, 'examples', 'cisco-mm-no-state'), '--fail-on', 'never'], cwd)
    expect(engine(one.modules)).toEqual([])
    expect(one.stdout).toContain('ike-stuck-mm-no-state')
    const two = distLoaded(['diagnose', join(root, 'examples', 'pair-proxy-id-mismatch'), '--fail-on', 'never'], cwd)
    expect(two.modules).toContain('engine/pair/source.js')
    expect(two.modules).toContain('engine/config-pair/index.js')
    expect(two.modules).not.toContain('engine/delta/source.js')
    expect(two.stdout).toContain('pair-proxy-id-mismatch')
  })

  it('the constants without schemas agree with the schemas', () => {
    expect(FACT_KINDS).toEqual(Object.keys(FACT_SCHEMAS))
    expect([...SEVERITIES]).toEqual(Severity.options)
  })
})
