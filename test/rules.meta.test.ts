/**
 * Meta-test of the rule pack: every rule file validates against rules/rule.schema.json, refers only to
 * fields the model (zod schemas), the derivation step and the thresholds have, and its own examples
 * behave: each `fires` example fires with the expected severity, each `silent` example stays silent.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BUILTIN_RULES_DIR} from '../src/engine/loader.js'
import {loadRuleDir} from '../src/engine/rule-files.js'
import {checkRuleFields} from '../src/engine/fields.js'
import {testRuleExamples} from '../src/engine/tester.js'

const pack = loadRuleDir(BUILTIN_RULES_DIR, 'builtin')

describe('built-in rule pack', () => {
  it('loads without errors', () => {
    expect(pack.errors).toEqual([])
    expect(pack.rules.length).toBeGreaterThanOrEqual(3)
  })

  it('has unique ids and each file sits in its category directory', () => {
    const ids = pack.rules.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of pack.rules) expect(rule.file).toContain(`/rules/${rule.category}/${rule.id}.json`)
  })

  it('every rule has at least one firing and one silent example', () => {
    for (const rule of pack.rules) {
      expect(rule.examples.fires.length, rule.id).toBeGreaterThan(0)
      expect(rule.examples.silent.length, rule.id).toBeGreaterThan(0)
    }
  })
})

describe.each(pack.rules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('refers only to fields that exist', () => {
    expect(checkRuleFields(rule)).toEqual([])
  })

  it('passes its own examples', async () => {
    expect(await testRuleExamples(rule)).toEqual([])
  })
})

describe('field checker', () => {
  it('reports a condition on a field the model lacks', () => {
    const rule = pack.rules.find((r) => r.id === 'ipsec-recv-errors')!
    const broken = {...rule, conditions: {all: [{fact: 'entity' as const, path: '$.decapz', operator: 'equal', value: 0}]}}
    expect(checkRuleFields(broken)).toEqual([{path: '/conditions/all/0', message: 'entity kind "ipsecFlow" has no field "decapz"'}])
    // a rule on several kinds: the field is on none of them
    const zero = pack.rules.find((r) => r.id === 'ipsec-zero-decaps')!
    expect(checkRuleFields({...zero, conditions: {all: [{fact: 'entity' as const, path: '$.decapz', operator: 'equal', value: 0}]}})).toEqual([{path: '/conditions/all/0', message: 'none of the entity kinds "ipsecFlow", "ipsecStats" has no field "decapz"'}])
  })

  it('reports unknown derived values, thresholds and message placeholders', () => {
    const rule = pack.rules.find((r) => r.id === 'ike-stuck-mm-no-state')!
    const broken = {
      ...rule,
      message: 'peer {{remoteAdress}}',
      conditions: {
        all: [
          {fact: 'derived' as const, path: '$.nope', operator: 'equal', value: 1},
          {fact: 'entity' as const, path: '$.connId', operator: 'greaterThan', value: {fact: 'thresholds' as const, path: '$.noSuch'}},
        ],
      },
    }
    const paths = checkRuleFields(broken).map((p) => p.path)
    expect(paths).toEqual(['/conditions/all/0', '/conditions/all/1/value', '/message'])
  })
})

describe('rules list / show / lint (library side)', () => {
  it('lint reports schema errors, unknown fields and failing examples with file and JSON path', async () => {
    const {lintRuleDir, renderLint} = await import('../src/engine/rules-report.js')
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-lint-'))
    const good = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'ipsec', 'ipsec-zero-decaps.json'), 'utf8'))
    const wrongExample = {...good, id: 'site-wrong-example', examples: {fires: [{entity: {encaps: 1, decaps: 0}, derived: {hasSas: true}}], silent: good.examples.silent}}
    const badSeverity = {...good, id: 'site-bad-severity', severity: 'fatal'}
    writeFileSync(join(dir, 'site-wrong-example.json'), JSON.stringify(wrongExample))
    writeFileSync(join(dir, 'site-bad-severity.json'), JSON.stringify(badSeverity))
    writeFileSync(join(dir, 'ipsec-zero-decaps.json'), JSON.stringify(good))
    const result = await lintRuleDir(dir)
    expect(result.rules).toBe(2)
    expect(result.errors).toEqual([
      {file: join(dir, 'site-bad-severity.json'), path: '/severity', message: 'must be equal to one of the allowed values (one of critical, error, warning, info)'},
      {file: join(dir, 'site-wrong-example.json'), path: '/examples/fires/0', message: 'example "fires[0]" did not fire'},
    ])
    expect(renderLint(result).split('\n').at(-1)).toBe('2 problem(s) in 2 file(s); 2 rules loaded')
    expect((await lintRuleDir(join(import.meta.dirname, '..', 'rules'))).errors).toEqual([])
  })

  it('show explains conditions, escalations and remediation per vendor', async () => {
    const {renderRule} = await import('../src/engine/rules-report.js')
    const text = renderRule(pack.rules.find((r) => r.id === 'cert-expired')!)
    expect(text).toContain('derived.daysToExpiry < 0')
    expect(text).toContain('Severity error when (no IKE SA references the certificate (Junos References: 0)):')
    expect(text).toContain('Remediation (cisco):')
    expect(text).toContain('Remediation (junos):')
    expect(text).toMatch(/clear ike security-associations <peer> {3}\[disruptive: drops traffic\]/)
  })
})

describe('rules commands (in-process through oclif)', () => {
  const root = join(import.meta.dirname, '..')

  it('rules list --json lists every rule with id, severity, category, vendors, title', async () => {
    const {runCommand} = await import('@oclif/test')
    const {stdout} = await runCommand(['rules', 'list', '--json', '--category', 'dpd'], {root})
    const list = JSON.parse(stdout) as Array<{id: string; severity: string; vendors: string[]; title: string}>
    expect(list.map((r) => r.id)).toEqual(['dpd-ack-delay-high', 'dpd-ack-missed', 'dpd-inactive', 'dpd-one-sided'])
    expect(list[1]).toMatchObject({severity: 'warning', vendors: ['cisco', 'junos'], title: 'DPD acknowledgements missed'})
  })

  it('rules show explains a rule; rules lint exits 1 on a broken pack with file and JSON path', async () => {
    const {runCommand} = await import('@oclif/test')
    const show = await runCommand(['rules', 'show', 'ike-stuck-mm-no-state'], {root})
    expect(show.stdout).toContain('Remediation (cisco):')
    expect(show.stdout).toContain('entity.stateRaw = "MM_NO_STATE"')
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-cli-lint-'))
    writeFileSync(join(dir, 'x-broken.json'), JSON.stringify({id: 'x-broken'}))
    const before = process.exitCode
    const lint = await runCommand(['rules', 'lint', dir], {root})
    expect(process.exitCode).toBe(1)
    process.exitCode = before
    expect(lint.stdout).toContain(`${join(dir, 'x-broken.json')}: /: missing required properties "title"`)
  })
})
