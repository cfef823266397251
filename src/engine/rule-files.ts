/**
 * Rule directories: every *.json under a directory (recursively), validated against
 * rules/rule.schema.json and the checks the schema cannot express (fields that exist in the model,
 * platforms, placeholders). A broken file becomes a RuleLoadError naming the file and the JSON path;
 * the other rules still load. Used for user packs, `rules lint`, the build and the tests.
 */
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {basename, join, relative} from 'node:path'
import type {ErrorObject, ValidateFunction} from 'ajv'
import {ruleKinds, type LoadedRule, type RuleSpec} from './rule.js'
import {isKnownEntityKind, knownEntityKinds} from './kinds.js'
import {checkRuleFields} from './fields.js'
import {FILLED_PLACEHOLDERS} from './placeholders.js'
import {platformVendor, type Platform} from './platform.js'
import {confirmSpec} from './rule.js'
import {BUILTIN_PACK_FILE, BUILTIN_RULES_DIR, formatLoadError, type LoadedPack, type RuleLoadError} from './loader.js'

/** Files of rules/ that hold schema material, not rules. */
const NOT_RULE_FILES = new Set(['rule.schema.json'])
/** Directories of the built-in pack that hold data other than rules (the per-platform command catalogue). */
const NOT_RULE_DIRS = new Set(['catalogue'])

let validator: ValidateFunction | undefined
function ruleValidator(): ValidateFunction {
  if (!validator) {
    // ajv is loaded only when rules are validated: user packs, `rules lint`, the build, tests
    const {Ajv} = createRequire(import.meta.url)('ajv') as typeof import('ajv')
    const schema = JSON.parse(readFileSync(join(BUILTIN_RULES_DIR, 'rule.schema.json'), 'utf8'))
    // validateSchema: false: do not compile the draft-07 meta-schema on every start just to check our
    // own shipped schema (~30 ms of a ~70 ms compile); the rule files are still validated in full.
    // code.optimize: false skips ajv's clean-up pass over the generated code (~8 of ~33 ms): the same
    // checks and errors, in a slightly longer function that validates a hundred files once.
    validator = new Ajv({allErrors: true, strict: false, validateSchema: false, code: {optimize: false}}).compile(schema)
  }
  return validator
}

function listJsonFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    const st = statSync(full)
    if (st.isDirectory()) {
      if (!NOT_RULE_DIRS.has(name)) out.push(...listJsonFiles(full))
    }
    else if (name.endsWith('.json') && !NOT_RULE_FILES.has(name)) out.push(full)
  }
  return out
}

/**
 * ajv reports every failed branch of an anyOf; keep the errors that point deepest into the file,
 * which name the actual mistake, and drop the "must match a schema in anyOf" summaries.
 */
function summarizeAjvErrors(errors: ErrorObject[]): Array<{path: string; message: string}> {
  const useful = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if')
  const pool = useful.length > 0 ? useful : errors
  // An error whose path is an ancestor of another error's path comes from a failed anyOf branch
  // (e.g. "/conditions/all/0 must have property all" next to "/conditions/all/0/operator ..."): drop it.
  const paths = [...new Set(pool.map((e) => e.instancePath))]
  const leaves = new Set(paths.filter((p) => !paths.some((q) => q !== p && q.startsWith(`${p}/`))))
  const byPath = new Map<string, ErrorObject[]>()
  for (const e of pool) if (leaves.has(e.instancePath)) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e])
  const out: Array<{path: string; message: string}> = []
  for (const [path, errs] of byPath) {
    const missing = errs.filter((e) => e.keyword === 'required').map((e) => (e.params as {missingProperty: string}).missingProperty)
    if (missing.length > 0) out.push({path, message: `missing required ${missing.length === 1 ? 'property' : 'properties'} ${missing.map((m) => `"${m}"`).join(', ')}`})
    for (const e of errs.filter((x) => x.keyword !== 'required')) {
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (unknown property "${(e.params as {additionalProperty: string}).additionalProperty}")`
          : e.keyword === 'enum'
            ? ` (one of ${(e.params as {allowedValues: unknown[]}).allowedValues.join(', ')})`
            : ''
      const msg = `${e.message ?? 'invalid'}${extra}`
      if (!out.some((o) => o.path === path && o.message === msg)) out.push({path, message: msg})
    }
  }
  return out.slice(0, 8)
}

/** Validates one parsed rule object; returns the errors (empty when valid). */
export function validateRule(data: unknown, file: string): RuleLoadError[] {
  const validate = ruleValidator()
  if (!validate(data)) return summarizeAjvErrors(validate.errors ?? []).map((e) => ({file, ...e}))
  const rule = data as RuleSpec
  const errors: RuleLoadError[] = []
  const expectedId = basename(file, '.json')
  if (rule.id !== expectedId) errors.push({file, path: '/id', message: `id "${rule.id}" must equal the file name "${expectedId}"`})
  ruleKinds(rule).forEach((kind, i) => {
    if (!isKnownEntityKind(kind))
      errors.push({file, path: i === 0 ? '/entity' : `/alsoRunsOn/${i - 1}`, message: `unknown entity kind "${kind}" (known: ${knownEntityKinds().join(', ')})`})
  })
  for (const vendor of rule.vendors) {
    if (!rule.remediation[vendor])
      errors.push({file, path: '/remediation', message: `no remediation steps for vendor "${vendor}" listed in vendors`})
  }
  if (ruleKinds(rule).every(isKnownEntityKind)) for (const p of checkRuleFields(rule)) errors.push({file, ...p})
  errors.push(...checkRemediationScopes(rule).map((e) => ({file, ...e})))
  return errors
}

/**
 * Platform lists and ifKnown names of remediation and confirm steps: a step of the `cisco` list may
 * name only Cisco platforms (and so on), and ifKnown only placeholders the facts can fill.
 */
function checkRemediationScopes(rule: RuleSpec): Array<{path: string; message: string}> {
  const out: Array<{path: string; message: string}> = []
  for (const section of ['remediation', 'confirm'] as const) {
    for (const [vendor, list] of Object.entries(rule[section] ?? {})) {
      ;(list as unknown[]).forEach((item, i) => {
        const step = section === 'confirm' ? confirmSpec(item as string) : (item as {platforms?: string[]; ifKnown?: string[]})
        for (const p of step.platforms ?? [])
          if (platformVendor(p as Platform) !== vendor) out.push({path: `/${section}/${vendor}/${i}/platforms`, message: `platform "${p}" is not a ${vendor} platform`})
        for (const name of step.ifKnown ?? [])
          if (!FILLED_PLACEHOLDERS.includes(name)) out.push({path: `/${section}/${vendor}/${i}/ifKnown`, message: `"${name}" is not a placeholder the facts fill (${FILLED_PLACEHOLDERS.join(', ')})`})
      })
    }
  }
  return out
}

/** Reads and validates one rule file. */
export function loadRuleFile(file: string, pack: string): {rule?: LoadedRule; errors: RuleLoadError[]} {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return {errors: [{file, path: '', message: `not valid JSON: ${(error as Error).message}`}]}
  }
  const errors = validateRule(data, file)
  if (errors.length > 0) return {errors}
  return {rule: {...(data as RuleSpec), file, pack}, errors: []}
}

/** Loads every rule file of a directory tree. A missing directory is an error, not a crash. */
export function loadRuleDir(dir: string, pack = dir): LoadedPack {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return {rules: [], errors: [{file: dir, path: '', message: 'rule directory not found'}]}
  const rules: LoadedRule[] = []
  const errors: RuleLoadError[] = []
  for (const file of listJsonFiles(dir)) {
    const res = loadRuleFile(file, pack)
    errors.push(...res.errors)
    if (res.rule) rules.push(res.rule)
  }
  return {rules, errors}
}

/**
 * Validates the built-in rules in full and writes them as one pack file (the build does this); throws
 * with every error when a rule is invalid, so a broken rule never ships.
 */
export function writeBuiltinPack(out = BUILTIN_PACK_FILE): number {
  const {rules, errors} = loadRuleDir(BUILTIN_RULES_DIR, 'builtin')
  if (errors.length > 0) throw new Error(errors.map((e) => formatLoadError(e)).join('\n'))
  const packed = rules.map((r) => ({...r, file: relative(BUILTIN_RULES_DIR, r.file)}))
  writeFileSync(out, JSON.stringify({rules: packed}))
  return packed.length
}

