/**
 * When no rule fired: never a bare "no problem". What was checked (the outputs read), what could not
 * be (the outputs the rules' `requires` still want, or the user skipped), and the next command to run
 * on each device. Shared by `diagnose` (table, Markdown) and the guided session (src/wizard/report.ts).
 */
import type {MissingData} from '../model/index.js'
import {explainsSymptom, type Symptom} from '../engine/symptoms.js'

export interface CheckedOutput {
  device: string
  command: string
}

export interface UncheckedOutput {
  device: string
  command: string
  /** Rules that need it (empty when only a symptom's own list asked for it). */
  rules: string[]
  /** The user skipped it (wizard). */
  skipped?: boolean
}

export interface NothingFoundInput {
  checked: CheckedOutput[]
  notChecked: UncheckedOutput[]
  /** What the outputs were collected for: the wizard's symptom, or every rule (diagnose). Default rules. */
  scope?: 'symptom' | 'rules'
}

/** Items listed inline before "and N more". */
const MAX_LISTED = 8
/** Rules named after a next command. */
const MAX_RULES = 4

function listed(items: string[]): string {
  const unique = [...new Set(items)]
  const shown = unique.slice(0, MAX_LISTED).join(', ')
  return unique.length > MAX_LISTED ? `${shown} and ${unique.length - MAX_LISTED} more` : shown
}

/**
 * The first wanted output of each device, in the order given (callers list the most useful first); an
 * output the user skipped only when the device has nothing else to ask.
 */
export function nextPerDevice(notChecked: UncheckedOutput[]): UncheckedOutput[] {
  const seen = new Set<string>()
  const out: UncheckedOutput[] = []
  for (const n of [...notChecked.filter((x) => !x.skipped), ...notChecked.filter((x) => x.skipped)]) {
    if (seen.has(n.device)) continue
    seen.add(n.device)
    out.push(n)
  }
  return out
}

export function nothingFoundLines(input: NothingFoundInput): string[] {
  const given = listed(input.checked.map((c) => `${c.command} (${c.device})`))
  const lines = [given ? `No rule fired on the outputs given: ${given}.` : 'No rule fired.']
  const open = input.notChecked
  if (open.length > 0) {
    lines.push(`Not checked, for lack of data: ${listed(open.map((n) => `${n.command} on ${n.device}${n.skipped ? ' (skipped)' : ''}`))}.`)
    for (const n of nextPerDevice(open)) {
      const rules = n.rules.length > 0 ? ` (it decides ${n.rules.slice(0, MAX_RULES).join(', ')}${n.rules.length > MAX_RULES ? ' ...' : ''})` : ''
      lines.push(`Next on ${n.device}: run \`${n.command}\`${rules}.`)
    }
    lines.push('Or capture the same outputs again in a minute: counters that do not move tell more than one snapshot.')
  } else {
    const needs = input.scope === 'symptom' ? 'this symptom needs' : 'the rules need'
    lines.push(`Every output ${needs} was given. Capture them again in a minute (counters that do not move tell more than one snapshot), and capture the peer.`)
  }
  return lines
}

/** Posture rules (configuration and algorithm reviews): they do not decide a fault. */
const POSTURE = /^(config-|crypto-)/

/**
 * diagnose's missing data as outputs not checked, the one that decides most first: with a symptom,
 * the outputs of rules that explain it; else those of fault rules before posture reviews.
 */
export function missingAsUnchecked(missing: readonly MissingData[], symptom?: Symptom | null): UncheckedOutput[] {
  const weight = (m: MissingData) => m.rules.filter((r) => (symptom ? explainsSymptom(r, symptom) : !POSTURE.test(r))).length
  return missing
    .map((m, i) => ({m, i, w: weight(m)}))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .map(({m}) => ({device: m.device, command: m.command, rules: m.rules}))
}
