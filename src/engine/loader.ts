/**
 * Loads rule packs. The built-in pack of a built CLI is one file the build validated
 * (dist/builtin-rules.json); rule directories (user packs, rules/ beside the sources) are read and
 * validated by src/engine/rule-files.ts, which is loaded only then: a diagnosis with the built-in pack
 * loads neither ajv nor the model's schemas. Rule files are data: nothing in them is executed.
 */
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {LoadedRule} from './rule.js'

export interface RuleLoadError {
  file: string
  /** JSON pointer into the file, e.g. "/conditions/all/0/operator" ("" = the whole file). */
  path: string
  message: string
}

export interface LoadedPack {
  rules: LoadedRule[]
  errors: RuleLoadError[]
}

/** rules/ of the package (works from src/ under tsx and from dist/). */
export const BUILTIN_RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules')

/**
 * The built-in pack as the build validated and wrote it (dist/builtin-rules.json, `npm run build`):
 * a run of the built CLI reads one file and validates nothing. Absent beside src/ (tests, bin/dev.js),
 * where the rule files are read and validated as user packs are.
 */
export const BUILTIN_PACK_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'builtin-rules.json')

/**
 * The built-in pack plus user packs. A user rule with the id of an earlier rule replaces it (so a
 * pack can retune a built-in rule); duplicate ids inside one pack are an error.
 */
export async function loadRules(userDirs: string[] = [], builtinDir = BUILTIN_RULES_DIR): Promise<LoadedPack> {
  const byId = new Map<string, LoadedRule>()
  const errors: RuleLoadError[] = []
  const packs: Array<[string, string]> = [[builtinDir, 'builtin'], ...userDirs.map((d): [string, string] => [d, d])]
  for (const [dir, pack] of packs) {
    const loaded = pack === 'builtin' && dir === BUILTIN_RULES_DIR && existsSync(BUILTIN_PACK_FILE) ? readBuiltinPack() : (await import('./rule-files.js')).loadRuleDir(dir, pack)
    errors.push(...loaded.errors)
    const seen = new Map<string, string>()
    for (const rule of loaded.rules) {
      const prior = seen.get(rule.id)
      if (prior) {
        errors.push({file: rule.file, path: '/id', message: `duplicate rule id "${rule.id}" (also in ${prior})`})
        continue
      }
      seen.set(rule.id, rule.file)
      byId.set(rule.id, rule)
    }
  }
  return {rules: [...byId.values()], errors}
}

/** The built-in rules of the pack file, with their file paths made absolute again. */
function readBuiltinPack(): LoadedPack {
  const packed = JSON.parse(readFileSync(BUILTIN_PACK_FILE, 'utf8')) as {rules: LoadedRule[]}
  return {rules: packed.rules.map((r) => ({...r, file: join(BUILTIN_RULES_DIR, r.file)})), errors: []}
}

/** "file: /json/path: message" for terminals and logs; paths relative to the cwd when shorter. */
export function formatLoadError(e: RuleLoadError, cwd = process.cwd()): string {
  const rel = relative(cwd, e.file)
  const file = rel && !rel.startsWith('..') ? rel : e.file
  return `${file}: ${e.path || '/'}: ${e.message}`
}
