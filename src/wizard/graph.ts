/**
 * The wizard's decision graph: symptoms, platforms, the show command of each platform for each kind of
 * data, and the yes/no questions about facts no output can show. All of it lives in graph.json (data,
 * validated here with zod); the session code only walks it.
 */
import {existsSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {z} from 'zod'
import {Vendor} from '../model/index.js'

export const Platform = z.object({
  id: z.string(),
  label: z.string(),
  vendor: Vendor,
})
export type Platform = z.infer<typeof Platform>

export const CommandSpec = z.object({
  why: z.string().describe('Why the wizard asks for this output, shown next to the command'),
  healthy: z.string().describe('What the output shows once the tunnel is fixed'),
  platforms: z.record(z.string(), z.string()).describe('Platform id -> command in that platform\'s syntax'),
})
export type CommandSpec = z.infer<typeof CommandSpec>

export const Symptom = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  start: z.array(z.string()).describe('Command keys asked first, in order (skipped where a platform lacks them)'),
  ifNeverUp: z
    .array(z.string())
    .optional()
    .describe('Command keys asked of every side after the start keys, only when the outputs so far do not show phase 1 up (src/wizard/phase1.ts): the configuration views of a tunnel that never came up'),
  rules: z.array(z.string()).describe('Rule id patterns relevant to the symptom ("ike-*", "*")'),
})
export type Symptom = z.infer<typeof Symptom>

export const AnswerEffect = z.object({
  boost: z.array(z.object({rules: z.array(z.string()), weight: z.number()})),
  causes: z.array(z.string()).describe('Words; causes containing one of them move up'),
})
export type AnswerEffect = z.infer<typeof AnswerEffect>

export const Question = z.object({
  // Matches an id such as "nat-between-peers".
  id: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string(),
  help: z.string(),
  symptoms: z.array(z.string()),
  askIfFindings: z.array(z.string()).describe('Ask only when a finding matches one of these patterns (empty: always)'),
  effects: z.object({yes: AnswerEffect, no: AnswerEffect}),
})
export type Question = z.infer<typeof Question>

export const DecisionGraph = z
  .object({
    platforms: z.array(Platform).min(1),
    commands: z.record(z.string(), CommandSpec),
    symptoms: z.array(Symptom).min(1),
    questions: z.array(Question),
    limits: z.object({followUps: z.number().int().min(0)}),
  })
  .superRefine((g, ctx) => {
    const platformIds = new Set(g.platforms.map((p) => p.id))
    for (const [key, cmd] of Object.entries(g.commands)) {
      for (const p of Object.keys(cmd.platforms)) {
        if (!platformIds.has(p)) ctx.addIssue({code: 'custom', path: ['commands', key, 'platforms', p], message: `unknown platform "${p}"`})
      }
    }
    const symptomIds = new Set(g.symptoms.map((s) => s.id))
    g.symptoms.forEach((s, i) => {
      s.start.forEach((key, j) => {
        if (!g.commands[key]) ctx.addIssue({code: 'custom', path: ['symptoms', i, 'start', j], message: `unknown command key "${key}"`})
      })
      s.ifNeverUp?.forEach((key, j) => {
        if (!g.commands[key]) ctx.addIssue({code: 'custom', path: ['symptoms', i, 'ifNeverUp', j], message: `unknown command key "${key}"`})
      })
    })
    g.questions.forEach((q, i) =>
      q.symptoms.forEach((s, j) => {
        if (!symptomIds.has(s)) ctx.addIssue({code: 'custom', path: ['questions', i, 'symptoms', j], message: `unknown symptom "${s}"`})
      }),
    )
  })
export type DecisionGraph = z.infer<typeof DecisionGraph>

/** graph.json sits beside this module in src/; the compiled module in dist/ falls back to the source copy. */
function defaultGraphPath(): string {
  const beside = fileURLToPath(new URL('graph.json', import.meta.url))
  if (existsSync(beside)) return beside
  return fileURLToPath(new URL('../../src/wizard/graph.json', import.meta.url))
}

/** Loads and validates a graph file; throws an Error whose message names the file and the JSON path. */
export function loadGraph(file: string = defaultGraphPath()): DecisionGraph {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read decision graph ${file}: ${(error as Error).message}`)
  }
  const parsed = DecisionGraph.safeParse(data)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new Error(`invalid decision graph ${file} at ${first.path.join('.') || '(root)'}: ${first.message}`)
  }
  return parsed.data
}

/** "ike-*" matches by prefix, "*" matches everything, anything else must be equal. */
export function matchesPattern(ruleId: string, pattern: string): boolean {
  if (pattern === '*') return true
  if (pattern.endsWith('*')) return ruleId.startsWith(pattern.slice(0, -1))
  return ruleId === pattern
}

export function matchesAny(ruleId: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesPattern(ruleId, p))
}

export function platformById(graph: DecisionGraph, id: string): Platform | undefined {
  return graph.platforms.find((p) => p.id === id)
}

export function symptomById(graph: DecisionGraph, id: string): Symptom | undefined {
  return graph.symptoms.find((s) => s.id === id)
}

/** Collapses whitespace and case so that commands typed differently compare equal. */
export function normalizeCommand(command: string): string {
  // Collapses runs of blanks: "show  crypto\tisakmp sa" -> "show crypto isakmp sa".
  return command.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** Trailing words that pick a view of the same output. */
const VIEW_WORDS = new Set(['detail', 'detailed', 'brief', 'extensive', 'terse'])

/** "show security ike security-associations detail" -> "show security ike security-associations". */
export function baseCommand(command: string): string {
  const words = normalizeCommand(command).split(' ')
  while (words.length > 1 && VIEW_WORDS.has(words[words.length - 1])) words.pop()
  return words.join(' ')
}

export interface PlannedCommand {
  key: string | null
  command: string
  why: string
  healthy: string | null
}

/** The command for a data key on a platform, or undefined when that platform has no such output. */
export function commandFor(graph: DecisionGraph, key: string, platformId: string): PlannedCommand | undefined {
  const spec = graph.commands[key]
  const command = spec?.platforms[platformId]
  if (!spec || !command) return undefined
  return {key, command, why: spec.why, healthy: spec.healthy}
}

/** Default test for "these two commands print the same output": equal apart from a view word. */
export function sameBaseCommand(a: string, b: string): boolean {
  return baseCommand(a) === baseCommand(b)
}

/**
 * Looks a vendor command (e.g. from diagnose's missing[]) up in the graph to reuse its explanation.
 * `same` tells whether two commands print the same output; the session asks the parsers, so that
 * "show crypto ikev2 sa" finds "show crypto ikev2 sa detailed" and "show crypto ikev1 sa" finds the
 * ASA's "show crypto isakmp sa". The platform's own entry wins over other platforms' entries.
 */
export function describeCommand(
  graph: DecisionGraph,
  command: string,
  platformId: string,
  same: (a: string, b: string) => boolean = sameBaseCommand,
): PlannedCommand | undefined {
  for (const [key, spec] of Object.entries(graph.commands)) {
    const own = spec.platforms[platformId]
    if (own && same(own, command)) return {key, command: own, why: spec.why, healthy: spec.healthy}
  }
  for (const [key, spec] of Object.entries(graph.commands)) {
    if (Object.values(spec.platforms).some((c) => same(c, command))) return {key, command, why: spec.why, healthy: spec.healthy}
  }
  return undefined
}
