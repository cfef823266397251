/**
 * A rule that runs on several entity kinds may give each kind its own message (`messages`); the
 * placeholders of a kind's message are checked against that kind alone.
 */
import {describe, expect, it} from 'vitest'
import {checkRuleFields} from '../src/engine/fields.js'
import {loadRules} from '../src/engine/index.js'
import type {RuleSpec} from '../src/engine/rule.js'

describe('per-kind messages', () => {
  it('a finding on a kind with its own message uses it (ipsec-invalid-spi: the log line, the SRX counter, the IOS flow)', async () => {
    const {rules} = await loadRules()
    const rule = rules.find((r) => r.id === 'ipsec-invalid-spi')!
    expect(Object.keys(rule.messages ?? {}).sort()).toEqual(['ipsecFlow', 'ipsecStats', 'logEvent'])
  })

  it('a placeholder of another kind, or a kind the rule does not run on, is a problem', () => {
    const base = {id: 'x', title: 'x', severity: 'warning', category: 'ipsec', vendors: ['cisco'], entity: 'ipsecFlow', alsoRunsOn: ['logEvent'], conditions: {all: []}, message: 'Flow to {{remoteAddress}}', explanation: 'x', evidence: [], causes: [], remediation: {}, examples: {fires: [], silent: []}} as unknown as RuleSpec
    expect(checkRuleFields({...base, messages: {logEvent: '{{peer}} sends {{spi}}'}})).toEqual([])
    expect(checkRuleFields({...base, messages: {logEvent: '{{peer}} on {{saCount}}'}}).map((p) => p.path)).toEqual(['/messages/logEvent'])
    expect(checkRuleFields({...base, messages: {ikeSa: 'x {{remoteAddress}}'}}).map((p) => p.path)).toEqual(['/messages/ikeSa'])
  })
})
