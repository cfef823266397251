/**
 * Runs a rule's own examples (in the spirit of eslint's RuleTester): every `fires` example must make
 * the rule fire with the expected severity, every `silent` example must not. Examples are partial
 * entities; the tester adds id, kind, source and raw, and the default thresholds.
 */
import type {Severity} from '../model/index.js'
import type {RuleExample, RuleSpec} from './rule.js'
import {RuleSetEngine} from './evaluate.js'
import {DEFAULT_THRESHOLDS} from './thresholds.js'
import {newRaw} from '../model/raw.js'

export interface ExampleFailure {
  ruleId: string
  group: 'fires' | 'silent'
  index: number
  name: string
  message: string
}

export function exampleEntity(rule: RuleSpec, ex: RuleExample): Record<string, unknown> {
  const vendor = (ex.context?.vendor as string | undefined) ?? rule.vendors[0]
  return {
    kind: rule.entity,
    id: `${rule.entity}:example`,
    source: {file: 'example.txt', startLine: 1, endLine: 1, command: 'example', device: 'R1', vendor},
    raw: newRaw(),
    ...ex.entity,
  }
}

export function exampleFacts(rule: RuleSpec, ex: RuleExample) {
  const vendor = (ex.context?.vendor as string | undefined) ?? rule.vendors[0]
  return {
    entity: exampleEntity(rule, ex),
    derived: ex.derived ?? {},
    thresholds: {...DEFAULT_THRESHOLDS, ...ex.thresholds},
    context: {vendor, platform: null, device: 'R1', time: '2026-01-01T00:00:00.000Z', timeSource: 'flag', symptom: null, ...ex.context},
  }
}

/** Runs every example of the rule; returns the failures (empty = all pass). Multi-kind rules: set `kind` in the example entity. */
export async function testRuleExamples(rule: RuleSpec): Promise<ExampleFailure[]> {
  const engine = new RuleSetEngine([rule])
  const failures: ExampleFailure[] = []
  for (const group of ['fires', 'silent'] as const) {
    for (const [index, ex] of rule.examples[group].entries()) {
      const name = ex.name ?? `${group}[${index}]`
      const hits = await engine.evaluate(exampleFacts(rule, ex))
      const hit = hits.find((h) => h.rule.id === rule.id)
      if (group === 'silent' && hit) failures.push({ruleId: rule.id, group, index, name, message: `fired (${hit.severity}) but must stay silent`})
      if (group === 'fires') {
        const expected: Severity = ex.severity ?? rule.severity
        if (!hit) failures.push({ruleId: rule.id, group, index, name, message: 'did not fire'})
        else if (hit.severity !== expected)
          failures.push({ruleId: rule.id, group, index, name, message: `fired with severity ${hit.severity}, expected ${expected}`})
      }
    }
  }
  return failures
}
