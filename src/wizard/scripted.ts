/**
 * `troubleshoot --answers FILE`: replays a session from a JSON or YAML file (the answers, and the
 * outputs as inline text or file paths) for reproducible sessions and for runs without a terminal.
 * A saved session JSON carries the same document under "answers", so it can be replayed as is.
 */
import {readFileSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve} from 'node:path'
import {parse as parseYaml} from 'yaml'
import {z} from 'zod'
import type {Vendor} from '../model/index.js'
import type {CaptureInput, CaptureRequest} from './capture.js'
import {normalizeCommand} from './graph.js'
import type {Choice, Printer, Prompter, TriState} from './io.js'
import {SessionAborted} from './io.js'

const FactAnswer = z.union([z.boolean(), z.enum(['yes', 'no', 'unknown'])])

export const SideAnswer = z.object({
  name: z.string().min(1).describe('Device name, as in its prompt'),
  platform: z.string().min(1).describe('Platform id from src/wizard/graph.json: cisco-ios, cisco-ios-xe, cisco-asa, junos-srx, junos-mx, junos-legacy'),
})

export const CaptureAnswer = z
  .object({
    device: z.string().min(1),
    command: z.string().min(1).describe('The command as the wizard asks for it (case and spacing are ignored)'),
    file: z.string().optional().describe('Capture file, relative to the answers file'),
    text: z.string().optional().describe('The output itself'),
  })
  .refine((c) => (c.file === undefined) !== (c.text === undefined), {message: 'give exactly one of "file" or "text"'})
export type CaptureAnswer = z.infer<typeof CaptureAnswer>

export const AnswersFile = z.object({
  symptom: z.string().describe('Symptom id from src/wizard/graph.json: tunnel-down, one-way, flapping, certificate, everything'),
  local: SideAnswer,
  remote: SideAnswer.nullable().optional().describe('Omit (or null) when there is no capture of the remote side'),
  captures: z.array(CaptureAnswer).default([]),
  facts: z.record(z.string(), FactAnswer).default({}).describe('Answers to the yes/no questions by question id (graph.json "questions"); missing ones count as unknown'),
  save: z
    .object({markdown: z.string().optional(), json: z.string().optional()})
    .nullable()
    .optional()
    .describe('Where to save the session at the end; omit to save nothing'),
})
export type AnswersFile = z.infer<typeof AnswersFile>

/**
 * Reads an answers file (or a saved session JSON with an "answers" member), "-" for stdin; the message
 * names the path on error. Relative capture paths resolve from the file's directory (stdin: the cwd).
 */
export function loadAnswers(file: string): {answers: AnswersFile; baseDir: string} {
  let data: unknown
  try {
    data = parseYaml(readFileSync(file === '-' ? 0 : file, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read answers file ${file}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (data && typeof data === 'object' && 'answers' in data) data = (data as {answers: unknown}).answers
  const parsed = AnswersFile.safeParse(data)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new Error(`invalid answers file ${file} at ${first.path.join('.') || '(root)'}: ${first.message}`)
  }
  return {answers: parsed.data, baseDir: file === '-' ? process.cwd() : dirname(resolve(file))}
}

function toTriState(v: boolean | TriState | undefined): TriState {
  if (v === true) return 'yes'
  if (v === false) return 'no'
  return v ?? 'unknown'
}

export class ScriptedPrompter implements Prompter {
  private readonly used = new Set<CaptureAnswer>()

  /**
   * `sameOutput` lets an answers file name a command as typed ("sh cry isa sa") or as another platform
   * spells it; without it, commands must match apart from case and spacing.
   */
  constructor(
    private readonly answers: AnswersFile,
    private readonly baseDir: string,
    private readonly out: Printer,
    private readonly sameOutput: (a: string, b: string, vendor: Vendor) => boolean = (a, b) => normalizeCommand(a) === normalizeCommand(b),
  ) {}

  private echo(message: string, answer: string): void {
    this.out.line(`${this.out.green('?')} ${this.out.bold(message)} ${this.out.cyan(answer)} ${this.out.dim('(answers file)')}`)
  }

  private valueFor(step: string): string | undefined {
    const a = this.answers
    if (step === 'symptom') return a.symptom
    if (step === 'local.name') return a.local.name
    if (step === 'local.platform') return a.local.platform
    if (step === 'remote.name') return a.remote?.name
    if (step === 'remote.platform') return a.remote?.platform
    if (step === 'save.markdown') return a.save?.markdown ?? ''
    if (step === 'save.json') return a.save?.json ?? ''
    return undefined
  }

  async select<T extends string>(step: string, message: string, choices: Choice<T>[]): Promise<T> {
    const value = this.valueFor(step)
    const choice = choices.find((c) => c.value === value)
    if (!choice) {
      const allowed = choices.map((c) => c.value).join(', ')
      throw new SessionAborted(`answers file: "${step}" is ${value === undefined ? 'missing' : `"${value}"`}; expected one of ${allowed}`)
    }
    this.echo(message, choice.name)
    return choice.value
  }

  async text(step: string, message: string, defaultValue: string): Promise<string> {
    const value = this.valueFor(step) ?? defaultValue
    if (value !== '') this.echo(message, value)
    return value
  }

  async confirm(step: string, message: string): Promise<boolean> {
    let value: boolean
    if (step === 'has-remote') value = Boolean(this.answers.remote)
    else if (step === 'save') value = Boolean(this.answers.save && (this.answers.save.markdown || this.answers.save.json))
    else throw new SessionAborted(`answers file: no answer for "${step}"`)
    this.echo(message, value ? 'Yes' : 'No')
    return value
  }

  async fact(step: string, message: string): Promise<TriState> {
    // Step "fact:nat-between-peers" -> question id "nat-between-peers".
    const id = step.replace(/^fact:/, '')
    const value = toTriState(this.answers.facts[id])
    this.echo(message, value === 'unknown' ? "Don't know" : value === 'yes' ? 'Yes' : 'No')
    return value
  }

  async capture(_step: string, req: CaptureRequest, retry: number): Promise<CaptureInput> {
    const open = this.answers.captures.filter((c) => c.device === req.device && !this.used.has(c))
    const wanted = normalizeCommand(req.command)
    const entry = open.find((c) => normalizeCommand(c.command) === wanted) ?? open.find((c) => this.sameOutput(c.command, req.command, req.vendor))
    if (!entry || retry > 0) {
      this.out.line(this.out.dim(`  (answers file: no ${retry > 0 ? 'other ' : ''}output of "${req.command}" for ${req.device}; skipped)`))
      return {kind: 'skip'}
    }
    this.used.add(entry)
    if (entry.file !== undefined) {
      const absolute = isAbsolute(entry.file) ? entry.file : resolve(this.baseDir, entry.file)
      // Evidence cites the file as seen from the working directory when it lies below it.
      const below = relative(process.cwd(), absolute)
      const path = below && !below.startsWith('..') && !isAbsolute(below) ? below : absolute
      this.out.line(this.out.dim(`  (answers file: output read from ${entry.file})`))
      return {kind: 'file', path}
    }
    // A YAML block ends with a newline ("...ACTIVE\n"); it does not start another line.
    const lines = entry.text!.replace(/\n$/, '').split('\n').length
    this.out.line(this.out.dim(`  (answers file: ${lines} lines of pasted output)`))
    return {kind: 'paste', text: entry.text!}
  }

  /** Captures in the file that the session never asked for (a typo in device or command, or not needed). */
  unused(): CaptureAnswer[] {
    return this.answers.captures.filter((c) => !this.used.has(c))
  }
}

/** JSON Schema of the answers file (src/wizard/answers.schema.json is generated from it, see its test). */
export function answersJsonSchema(): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'ipsec-doctor troubleshoot answers file',
    ...z.toJSONSchema(AnswersFile, {io: 'input', unrepresentable: 'any'}),
  }
}
