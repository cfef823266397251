/**
 * Scores the rules on the labeled field-diagnosis set (test/fixtures/field-diagnosis): each
 * `<name>.txt` capture has a hand-written `<name>.expect.json` ({symptom, must, mustNot, maxSeverity}).
 * Every capture runs end to end through the CLI (`node bin/run.js diagnose --format json`), once
 * without a symptom and once with its labeled symptom.
 *
 *   npx tsx scripts/diagnosis-score.ts [DIR]      (run `npm run build` first)
 *
 * Prints recall (failures whose `must` rules all fire, with the expected confidence where given),
 * false alarms (healthy captures and traps, symptom null, with an error or critical finding), the
 * one-way-first check and every capture that misses its label. Exit 1 when any label is missed.
 */
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

export interface Expectation {
  symptom: 'one-way' | 'down' | 'flapping' | 'certificate' | null
  must: Array<{rule: string; confidence?: 'high' | 'medium' | 'low'}>
  mustNot: string[]
  maxSeverity?: 'info' | 'warning'
}

export interface Found {
  ruleId: string
  severity: string
  confidence?: {level: string; reason: string; settle: string | null}
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const FIELD_DIR = join(ROOT, 'test/fixtures/field-diagnosis')
const RANK: Record<string, number> = {info: 1, warning: 2, error: 3, critical: 4}
const ONE_WAY = new Set(['ipsec-zero-decaps', 'ipsec-zero-encaps', 'engine-zero-decrypt', 'ipsec-stats-one-way', 'pair-encaps-decaps-mismatch', 'delta-one-way-traffic', 'ike-one-way-traffic', 'delta-ike-one-way', 'session-l2l-one-way'])

export function labeledCaptures(dir = FIELD_DIR): Array<{name: string; file: string; expect: Expectation}> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expect.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.expect\.json$/, '')
      return {name, file: join(dir, `${name}.txt`), expect: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expectation}
    })
}

/** Findings of `diagnose --format json` on one capture (optionally with --symptom). */
export function diagnoseFile(file: string, symptom: string | null): Found[] {
  const args = [join(ROOT, 'bin/run.js'), 'diagnose', file, '--format', 'json', '--fail-on', 'never', '--at', '2026-11-23T12:00:00Z']
  if (symptom) args.push('--symptom', symptom)
  const out = execFileSync(process.execPath, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
  return (JSON.parse(out) as {findings: Found[]}).findings
}

/** What does not match the label; empty when the capture meets it. */
export function problems(expect: Expectation, found: Found[], withSymptom: boolean): string[] {
  const out: string[] = []
  for (const m of expect.must) {
    const f = found.find((x) => x.ruleId === m.rule)
    if (!f) out.push(`${m.rule} did not fire`)
    else if (m.confidence && !withSymptom && f.confidence?.level !== m.confidence) out.push(`${m.rule} confidence ${f.confidence?.level}, expected ${m.confidence}`)
    if (f && !f.confidence) out.push(`${m.rule} has no confidence`)
  }
  for (const r of expect.mustNot) if (found.some((x) => x.ruleId === r)) out.push(`${r} fired but must not`)
  if (expect.symptom === null) {
    const cap = RANK[expect.maxSeverity ?? 'warning']
    for (const f of found) if (RANK[f.severity] > cap) out.push(`${f.ruleId} is ${f.severity}, at most ${expect.maxSeverity ?? 'warning'} allowed`)
  }
  if (withSymptom && expect.symptom === 'one-way' && expect.must.some((m) => ONE_WAY.has(m.rule)) && !ONE_WAY.has(found[0]?.ruleId ?? '')) {
    out.push(`one-way symptom: first finding is ${found[0]?.ruleId ?? 'none'}, not a one-way rule`)
  }
  return out
}

export function isFalseAlarm(expect: Expectation, found: Found[]): boolean {
  return expect.symptom === null && found.some((f) => RANK[f.severity] >= RANK.error)
}

function main(): void {
  const dir = process.argv[2] ? resolve(process.argv[2]) : FIELD_DIR
  const set = labeledCaptures(dir)
  let failures = 0
  let named = 0
  let namedWithSymptom = 0
  let healthy = 0
  let falseAlarms = 0
  let oneWay = 0
  let oneWayFirst = 0
  const missed: string[] = []
  for (const c of set) {
    const plain = diagnoseFile(c.file, null)
    const p = problems(c.expect, plain, false)
    if (c.expect.symptom === null) {
      healthy++
      if (isFalseAlarm(c.expect, plain)) falseAlarms++
    } else {
      failures++
      if (c.expect.must.every((m) => plain.some((f) => f.ruleId === m.rule))) named++
      const sym = diagnoseFile(c.file, c.expect.symptom)
      if (c.expect.must.every((m) => sym.some((f) => f.ruleId === m.rule))) namedWithSymptom++
      if (c.expect.symptom === 'one-way') {
        oneWay++
        if (ONE_WAY.has(sym[0]?.ruleId ?? '')) oneWayFirst++
      }
      p.push(...problems(c.expect, sym, true).map((s) => `with --symptom ${c.expect.symptom}: ${s}`))
    }
    if (p.length > 0) missed.push(`${c.name}: ${p.join('; ')}`)
  }
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`)
  console.log(`labeled captures: ${set.length} (${failures} failures, ${healthy} healthy or traps)`)
  console.log(`recall: ${named}/${failures} failures named by the right rule (${pct(named, failures)}); with the labeled symptom ${namedWithSymptom}/${failures} (${pct(namedWithSymptom, failures)})`)
  console.log(`false alarms: ${falseAlarms}/${healthy} healthy captures and traps with an error or critical finding (${pct(falseAlarms, healthy)})`)
  console.log(`one-way first with --symptom one-way: ${oneWayFirst}/${oneWay}`)
  console.log(`labels fully met: ${set.length - missed.length}/${set.length}`)
  for (const m of missed) console.log(`  MISSED ${m}`)
  process.exitCode = missed.length > 0 ? 1 : 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
