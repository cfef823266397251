/** The built-in rules as the build packs them (dist/builtin-rules.json) are the rules of rules/, validated. */
import {existsSync, mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {BUILTIN_RULES_DIR} from '../src/engine/loader.js'
import {loadRuleDir, writeBuiltinPack} from '../src/engine/rule-files.js'

const fromDir = () => loadRuleDir(BUILTIN_RULES_DIR, 'builtin').rules.map((r) => ({...r, file: relative(BUILTIN_RULES_DIR, r.file)}))

describe('built-in rule pack', () => {
  it('holds every rule of rules/ as read and validated from the files', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pack-')), 'builtin-rules.json')
    const n = writeBuiltinPack(out)
    const packed = JSON.parse(readFileSync(out, 'utf8')).rules
    expect(n).toBe(packed.length)
    expect(packed.length).toBe(readdirSync(BUILTIN_RULES_DIR, {recursive: true}).filter((f) => String(f).endsWith(".json") && !String(f).startsWith("catalogue") && String(f) !== "rule.schema.json").length)
    expect(packed).toEqual(fromDir())
  })

  it('the one the build wrote is current with rules/ (npm test builds first)', () => {
    const built = join(import.meta.dirname, '..', 'dist', 'builtin-rules.json')
    if (!existsSync(built)) throw new Error('dist/builtin-rules.json is missing: run npm run build')
    expect(JSON.parse(readFileSync(built, 'utf8')).rules).toEqual(fromDir())
  })
})
