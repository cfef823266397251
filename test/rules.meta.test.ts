/**
 * Meta-test of the rule pack: every rule file validates against rules/rule.schema.json, refers only to
 * fields the model (zod schemas), the derivation step and the thresholds have, and its own examples
 * behave: each `fires` example fires with the expected severity, each `silent` example stays silent.
 */
import {describe, expect, it} from 'vitest'
import {BUILTIN_RULES_DIR, loadRuleDir} from '../src/engine/loader.js'
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
    const rule = pack.rules.find((r) => r.id === 'ipsec-zero-decaps')!
    const broken = {...rule, conditions: {all: [{fact: 'entity' as const, path: '$.decapz', operator: 'equal', value: 0}]}}
    expect(checkRuleFields(broken)).toEqual([{path: '/conditions/all/0', message: 'entity kind "ipsecFlow" has no field "decapz"'}])
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
