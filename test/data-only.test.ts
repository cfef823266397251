/**
 * User rule packs and config files are data: validated, never executed. Each hostile rule below is
 * a copy of a valid built-in rule with one bad part; validation must reject it (naming the file and
 * the JSON path), and nothing may run: a marker file that the payloads would write must not appear,
 * and Object.prototype must stay clean. Strings that are plain data (a value compared with a fact,
 * a message) may hold code-like text; the engine must only compare or print them.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ConfigError, readConfigFile} from '../src/config/load.js'
import {BUILTIN_RULES_DIR, diagnose, loadRules, type RuleLoadError} from '../src/engine/index.js'
import {loadRuleDir} from '../src/engine/rule-files.js'
import {ingestText} from '../src/ingest/index.js'

let dir: string
let marker: string

type Json = Record<string, unknown>

/** A payload that, if anything evaluated it, would create the marker file. */
function payload(): string {
  return `(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'executed'))()`
}

function baseRule(id: string): Json {
  const rule = JSON.parse(readFileSync(join(BUILTIN_RULES_DIR, 'ike', 'ike-stuck-mm-sa-setup.json'), 'utf8')) as Json
  delete rule.$schema
  return {...rule, id}
}

/** Writes one rule into its own pack directory and loads that pack. */
function loadPack(name: string, rule: Json): RuleLoadError[] {
  const pack = join(dir, name)
  mkdirSync(pack, {recursive: true})
  writeFileSync(join(pack, `${rule.id}.json`), JSON.stringify(rule, null, 2))
  return loadRuleDir(pack).errors
}

function firstLeaf(rule: Json): Json {
  return ((rule.conditions as {all: Json[]}).all[0] ?? {}) as Json
}

function expectNothingRan(): void {
  expect(existsSync(marker)).toBe(false)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-data-only-'))
  marker = join(dir, 'EXECUTED')
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('rule packs are validated data', () => {
  it('the unmodified copy of a built-in rule loads (so each rejection below is caused by its bad part)', () => {
    expect(loadPack('clean', baseRule('user-stuck-copy'))).toEqual([])
  })

  const hostile: Array<[string, (r: Json) => void, RegExp]> = [
    ['a top-level "$require"', (r) => (r.$require = 'child_process'), /\$require/],
    ['"$require" inside a condition', (r) => (firstLeaf(r).$require = 'fs'), /\/conditions/],
    ['a function as the operator', (r) => (firstLeaf(r).operator = `function (a, b) { return ${payload()} }`), /\/conditions\/all\/0\/operator/],
    ['an unknown operator', (r) => (firstLeaf(r).operator = 'regexMatch'), /\/conditions\/all\/0\/operator/],
    ['a JSONPath filter expression as the path', (r) => (firstLeaf(r).path = `$[?(@.constructor.constructor("${payload().replace(/"/g, "'")}")())]`), /\/conditions\/all\/0\/path/],
    ['code as the fact name', (r) => (firstLeaf(r).fact = "process.mainModule.require('child_process')"), /\/conditions\/all\/0\/fact/],
    ['an object with "$require" as the compared value', (r) => (firstLeaf(r).value = {$require: 'fs'}), /\/conditions\/all\/0\/value/],
    ['an array value holding a "$require" object', (r) => Object.assign(firstLeaf(r), {operator: 'in', value: ['MM_NO_STATE', {$require: 'fs'}]}), /\/conditions\/all\/0\/value/],
    ['a "__proto__" key', (r) => Object.defineProperty(r, '__proto__', {value: {polluted: true}, enumerable: true}), /__proto__|unknown property/],
    ['a function-like remediation step object', (r) => ((r.remediation as {cisco: Json[]}).cisco[0].run = payload()), /\/remediation\/cisco\/0/],
  ]

  for (const [what, spoil, where] of hostile) {
    it(`rejects ${what}, naming the file and the place, and runs nothing`, () => {
      const rule = baseRule('user-stuck-copy')
      spoil(rule)
      const errors = loadPack(what.replace(/\W+/g, '-'), rule)
      expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0)
      expect(errors.every((e) => e.file.endsWith('user-stuck-copy.json'))).toBe(true)
      expect(errors.map((e) => `${e.path} ${e.message}`).join('\n')).toMatch(where)
      expectNothingRan()
    })
  }

  it('code-like text in a compared value or a message is only compared and printed', async () => {
    const rule = baseRule('user-stuck-copy')
    rule.message = `${payload()} {{remoteAddress}}`
    ;(rule.conditions as {all: Json[]}).all.push({fact: 'entity', path: '$.stateRaw', operator: 'notEqual', value: payload()})
    const pack = join(dir, 'inert')
    mkdirSync(pack, {recursive: true})
    writeFileSync(join(pack, 'user-stuck-copy.json'), JSON.stringify(rule))
    const {rules, errors} = await loadRules([pack])
    expect(errors.filter((e) => e.file.startsWith(pack))).toEqual([])
    const doc = await ingestText('R1#show crypto isakmp sa\ndst src state conn-id slot\n10.0.0.2 10.0.0.1 MM_SA_SETUP 5 0\nR1#\n', {file: 'r1.txt'})
    const result = await diagnose(doc, {rules, at: '2026-11-23T10:00:00Z'})
    const mine = result.findings.filter((f) => f.ruleId === 'user-stuck-copy')
    expect(mine).toHaveLength(1)
    expect(mine[0].message).toContain("require('fs')")
    expect(mine[0].message).toContain('10.0.0.2')
    expectNothingRan()
  })
})

describe('config files are validated data', () => {
  function writeConfig(name: string, text: string): string {
    const file = join(dir, name)
    writeFileSync(file, text)
    return file
  }

  it('a clean config loads (so the rejections below are caused by the bad part)', () => {
    const file = writeConfig('clean.yaml', 'failOn: warning\nthresholds:\n  certWarnDays: 45\n')
    expect(readConfigFile(file).settings.failOn).toBe('warning')
  })

  const hostile: Array<[string, string, string]> = [
    ['a !!js/function tag', 'bad-tag.yaml', `failOn: !!js/function "function () { ${payload()} }"\n`],
    ['a custom tag on an unknown key', 'bad-require.yaml', `$require: !!js/eval "${payload().replace(/"/g, "'")}"\n`],
    ['a "__proto__" key in YAML', 'bad-proto.yaml', '__proto__:\n  polluted: true\nfailOn: error\n'],
    ['a "__proto__" key in JSON', 'bad-proto.json', '{"__proto__": {"polluted": true}, "failOn": "error"}\n'],
    ['a "constructor" key', 'bad-constructor.json', '{"constructor": {"prototype": {"polluted": true}}}\n'],
    ['a function-like threshold', 'bad-threshold.yaml', `thresholds:\n  certWarnDays: "${payload().replace(/"/g, "'")}"\n`],
  ]

  for (const [what, name, text] of hostile) {
    it(`rejects ${what} with a ConfigError and runs nothing`, () => {
      const file = writeConfig(name, text)
      let error: unknown = null
      try {
        readConfigFile(file)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConfigError)
      expect(String((error as Error).message)).toContain(name)
      expectNothingRan()
    })
  }
})
