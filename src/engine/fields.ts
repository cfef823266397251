/**
 * Checks that a rule only refers to fields that exist: entity paths against the zod schema of its
 * kind, derived paths against derived-fields.ts, thresholds against Thresholds, context against
 * CONTEXT_FIELDS. Used by the loader (so `rules lint` and user packs get the same errors) and by
 * the meta-test.
 */
import {z} from 'zod'
import {ruleKinds, type ConditionNode, type LeafCondition, type RuleSpec} from './rule.js'
import {entitySchema} from './kinds.js'
import {CONTEXT_FIELDS, derivedFieldsOf} from './derived-fields.js'
import {THRESHOLD_KEYS} from './thresholds.js'

export interface FieldProblem {
  /** JSON pointer into the rule file. */
  path: string
  message: string
}

function unwrap(schema: z.ZodType): z.ZodType {
  let cur: z.ZodType = schema
  for (let i = 0; i < 10; i++) {
    if (cur instanceof z.ZodNullable || cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType
    else if (cur instanceof z.ZodDefault) cur = cur.def.innerType as z.ZodType
    else break
  }
  return cur
}

/** True when the dotted path (without "$.") exists in the schema; records accept any key. */
export function schemaHasPath(schema: z.ZodType, segments: string[]): boolean {
  let cur = unwrap(schema)
  for (const seg of segments) {
    if (cur instanceof z.ZodObject) {
      const next = (cur.shape as Record<string, z.ZodType>)[seg]
      if (!next) return false
      cur = unwrap(next)
    } else if (cur instanceof z.ZodRecord) {
      cur = unwrap(cur.def.valueType as z.ZodType)
    } else if (cur instanceof z.ZodArray && /^\d+$/.test(seg)) {
      cur = unwrap(cur.element as z.ZodType)
    } else if (cur instanceof z.ZodArray && seg === 'length') {
      return true
    } else {
      return false
    }
  }
  return true
}

function segmentsOf(path: string): string[] {
  return path.replace(/^\$\.?/, '').split('.').filter(Boolean)
}

/** Checks one fact reference (fact + path). Returns a message or null. */
export function checkReference(rule: Pick<RuleSpec, 'entity' | 'alsoRunsOn'>, fact: string, path: string | undefined): string | null {
  const segs = path ? segmentsOf(path) : []
  const kinds = ruleKinds(rule)
  const kindText = kinds.length === 1 ? `entity kind "${kinds[0]}"` : `none of the entity kinds ${kinds.map((k) => `"${k}"`).join(', ')}`
  switch (fact) {
    case 'entity': {
      const schemas = kinds.map(entitySchema).filter((s): s is z.ZodType => s !== undefined)
      if (schemas.length === 0) return null // unknown kind is reported by the loader
      if (segs.length === 0) return 'a condition on the whole entity needs a path'
      return schemas.some((schema) => schemaHasPath(schema, segs)) ? null : `${kindText} has no field "${segs.join('.')}"`
    }
    case 'derived': {
      if (segs.length === 0) return 'a condition on derived needs a path'
      const catalogues = kinds.map(derivedFieldsOf)
      if (catalogues.some((fields) => segs[0] in fields)) return null
      return `no derived value "${segs[0]}" for ${kinds.join('/')} (known: ${[...new Set(catalogues.flatMap((c) => Object.keys(c)))].join(', ')})`
    }
    case 'thresholds':
      if (segs.length === 0) return 'a condition on thresholds needs a path'
      return (THRESHOLD_KEYS as string[]).includes(segs[0]) ? null : `unknown threshold "${segs[0]}"`
    case 'context':
      if (segs.length === 0) return 'a condition on context needs a path'
      return segs[0] in CONTEXT_FIELDS ? null : `unknown context field "${segs[0]}"`
    default:
      return `unknown fact "${fact}"`
  }
}

function walkConditions(node: ConditionNode, pointer: string, visit: (leaf: LeafCondition, pointer: string) => void): void {
  if ('all' in node) node.all.forEach((c, i) => walkConditions(c, `${pointer}/all/${i}`, visit))
  else if ('any' in node) node.any.forEach((c, i) => walkConditions(c, `${pointer}/any/${i}`, visit))
  else if ('not' in node) walkConditions(node.not, `${pointer}/not`, visit)
  else visit(node, pointer)
}

/** Every placeholder {{x}} of a template. */
export function templateFields(template: string): string[] {
  // "Phase 1 to {{remoteAddress}} stuck in {{stateRaw}}" -> remoteAddress, stateRaw
  return [...template.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1])
}

/** Placeholders that are always available, whatever the entity. */
const BUILTIN_PLACEHOLDERS = new Set(['label', 'device', 'vendor', 'time', 'timeSource', 'severity', 'reason'])

function checkPlaceholder(rule: RuleSpec, name: string): string | null {
  if (BUILTIN_PLACEHOLDERS.has(name)) return null
  if (name.startsWith('raw.')) return null // vendor labels vary by train: checked at run time (left as is)
  if (name.startsWith('derived.')) return checkReference(rule, 'derived', `$.${name.slice(8)}`)
  if (name.startsWith('thresholds.')) return checkReference(rule, 'thresholds', `$.${name.slice(11)}`)
  return checkReference(rule, 'entity', `$.${name}`)
}

/** All field problems of a rule (conditions, escalations, message, evidence, examples). */
export function checkRuleFields(rule: RuleSpec): FieldProblem[] {
  const problems: FieldProblem[] = []
  const visit = (leaf: LeafCondition, pointer: string) => {
    const m = checkReference(rule, leaf.fact, leaf.path)
    if (m) problems.push({path: pointer, message: m})
    const v = leaf.value as {fact?: string; path?: string} | null
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.fact === 'string') {
      const mv = checkReference(rule, v.fact, v.path)
      if (mv) problems.push({path: `${pointer}/value`, message: mv})
    }
  }
  walkConditions(rule.conditions, '/conditions', visit)
  rule.escalations?.forEach((e, i) => walkConditions(e.conditions, `/escalations/${i}/conditions`, visit))
  for (const name of templateFields(rule.message)) {
    const m = checkPlaceholder(rule, name)
    if (m) problems.push({path: '/message', message: `placeholder {{${name}}}: ${m}`})
  }
  // a kind's own message is checked against that kind alone
  for (const [kind, template] of Object.entries(rule.messages ?? {})) {
    if (!ruleKinds(rule).includes(kind)) problems.push({path: `/messages/${kind}`, message: `the rule does not run on "${kind}"`})
    else for (const name of templateFields(template)) {
      const m = checkPlaceholder({...rule, entity: kind, alsoRunsOn: []}, name)
      if (m) problems.push({path: `/messages/${kind}`, message: `placeholder {{${name}}}: ${m}`})
    }
  }
  rule.evidence.forEach((item, i) => {
    let m: string | null = null
    if (item.startsWith('$.')) m = checkReference(rule, 'entity', item)
    else if (item.startsWith('derived.')) m = checkReference(rule, 'derived', `$.${item.slice(8)}`)
    if (m) problems.push({path: `/evidence/${i}`, message: m})
  })
  for (const group of ['fires', 'silent'] as const) {
    rule.examples[group].forEach((ex, i) => {
      for (const key of Object.keys(ex.entity)) {
        const m = checkReference(rule, 'entity', `$.${key}`)
        if (m) problems.push({path: `/examples/${group}/${i}/entity/${key}`, message: m})
      }
      for (const key of Object.keys(ex.derived ?? {})) {
        const m = checkReference(rule, 'derived', `$.${key}`)
        if (m) problems.push({path: `/examples/${group}/${i}/derived/${key}`, message: m})
      }
    })
  }
  return problems
}
