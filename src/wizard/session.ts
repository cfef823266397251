/**
 * The guided session: symptom -> platforms -> the symptom's first commands -> diagnose -> the commands
 * the rules still miss (diagnose's missing[], limited to rules relevant to the symptom) -> yes/no facts
 * that reorder the causes -> ranked findings with remediation -> optional save. What is asked, and in
 * which order, comes from the decision graph and from the rules; nothing here names a command.
 */
import type {DiagnoseDocument, MissingData, ParseDocument} from '../model/index.js'
import type {WizardBackend} from './backend.js'
import type {AcceptedCapture, CaptureRequest} from './capture.js'
import {checkCapture} from './capture.js'
import {withChosenPlatforms} from './platform-handover.js'
import type {DecisionGraph, Platform, PlannedCommand, Symptom} from './graph.js'
import {commandFor, describeCommand, matchesAny, normalizeCommand, platformById, sameBaseCommand, symptomById} from './graph.js'
import type {Printer, Prompter, TriState} from './io.js'
import {SessionAborted} from './io.js'
import {phase1Up} from './phase1.js'
import type {RankedFinding} from './ranking.js'
import {rankFindings} from './ranking.js'

export interface Side {
  role: 'local' | 'remote'
  name: string
  platform: Platform
}

export interface SkippedCommand {
  device: string
  command: string
}

export interface SessionState {
  symptom: Symptom
  sides: Side[]
  captures: AcceptedCapture[]
  skipped: SkippedCommand[]
  facts: Record<string, TriState>
  diagnosis: DiagnoseDocument | null
  diagnoseError: string | null
  ranked: RankedFinding[]
  /** Commands skipped or still wanted by rules relevant to the symptom, that the platform can print. */
  notChecked: NotChecked[]
}

export interface NotChecked {
  device: string
  command: string
  skipped: boolean
  /** Relevant rules that need it (empty when only the symptom's own list asked for it). */
  rules: string[]
}

export interface SessionOptions {
  graph: DecisionGraph
  backend: WizardBackend
  prompter: Prompter
  printer: Printer
}

/** Tries per command before the wizard gives up on it and moves on. */
const MAX_ATTEMPTS = 5

/**
 * One turn of the event loop. A replayed session (or a run of resolved prompts) otherwise goes from
 * step to step on promise callbacks alone, and a Ctrl-C signal would wait until the session ended.
 */
function betweenSteps(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

// "show configuration security ike" -> "security ike"; ASA "show running-config tunnel-group" -> "tunnel-group"
const CONFIG_SECTION = /^show (?:configuration|running-config) (.+)$/

/**
 * Two configuration views that name different sections ("show configuration security ike" and "...
 * security ipsec", ASA "show running-config crypto" and "... tunnel-group"): one parser reads them,
 * but they are different outputs. The whole configuration is not another section.
 */
function otherConfigSections(a: string, b: string): boolean {
  // the words before an output modifier ("| section crypto" filters the whole configuration)
  const section = (c: string) => CONFIG_SECTION.exec(normalizeCommand(c).split('|')[0].trim())?.[1]
  const sa = section(a)
  const sb = section(b)
  return sa !== undefined && sb !== undefined && sa !== sb
}

export class Session {
  private readonly graph: DecisionGraph
  private readonly backend: WizardBackend
  private readonly prompter: Prompter
  private readonly out: Printer
  private step = 0
  /** device -> normalized commands asked or seen in a capture. */
  private readonly covered = new Map<string, Set<string>>()
  state!: SessionState

  constructor(opts: SessionOptions) {
    this.graph = opts.graph
    this.backend = opts.backend
    this.prompter = opts.prompter
    this.out = opts.printer
  }

  async run(): Promise<SessionState> {
    const out = this.out
    out.line(out.bold('ipsec-doctor troubleshoot') + out.dim(': a few questions, the show outputs that matter, then the likely causes. Ctrl-C quits.'))
    const symptom = await this.askSymptom()
    const sides = await this.askSides()
    this.state = {symptom, sides, captures: [], skipped: [], facts: {}, diagnosis: null, diagnoseError: null, ranked: [], notChecked: []}

    out.line()
    out.line(out.bold(`Collecting outputs for "${symptom.label}"`))
    for (const side of sides) {
      for (const key of symptom.start) {
        const planned = commandFor(this.graph, key, side.platform.id)
        if (planned) await this.collect(side, planned, null)
      }
    }
    // a tunnel that never came up has no SAs to compare: then the configuration views of both ends
    if ((symptom.ifNeverUp ?? []).length > 0 && !phase1Up(this.mergedCaptures())) {
      for (const side of sides) {
        for (const key of symptom.ifNeverUp ?? []) {
          const planned = commandFor(this.graph, key, side.platform.id)
          if (planned) await this.collect(side, planned, null)
        }
      }
    }
    await this.followUps()
    await this.askFacts()
    this.state.ranked = rankFindings(this.state.diagnosis?.findings ?? [], symptom, this.state.facts, this.graph)
    this.state.notChecked = this.notChecked()
    return this.state
  }

  private async askSymptom(): Promise<Symptom> {
    const id = await this.prompter.select(
      'symptom',
      'What is the problem?',
      this.graph.symptoms.map((s) => ({value: s.id, name: s.label, description: s.description})),
    )
    return symptomById(this.graph, id)!
  }

  private async askSide(role: 'local' | 'remote', taken: string | null): Promise<Side> {
    const where = role === 'local' ? 'this side (the device you are troubleshooting from)' : 'the remote peer'
    const platformId = await this.prompter.select(
      `${role}.platform`,
      `Which platform is ${where}?`,
      this.graph.platforms.map((p) => ({value: p.id, name: p.label})),
    )
    const platform = platformById(this.graph, platformId)!
    let name = (await this.prompter.text(`${role}.name`, `Name of ${role === 'local' ? 'this device' : 'the remote device'} (as in its prompt):`, role === 'local' ? 'local-gw' : 'remote-gw')).trim()
    if (name === taken) name = `${name}-remote`
    return {role, name, platform}
  }

  private async askSides(): Promise<Side[]> {
    const local = await this.askSide('local', null)
    const hasRemote = await this.prompter.confirm('has-remote', 'Can you also capture outputs on the remote peer?', false)
    if (!hasRemote) return [local]
    return [local, await this.askSide('remote', local.name)]
  }

  private coveredFor(device: string): Set<string> {
    let set = this.covered.get(device)
    if (!set) this.covered.set(device, (set = new Set()))
    return set
  }

  /** Two commands print the same output when a parser reads both (or they differ only in a view word). */
  private sameOutput(side: Side, a: string, b: string): boolean {
    if (sameBaseCommand(a, b)) return true
    if (otherConfigSections(a, b)) return false
    const pa = this.backend.parsersFor(a, side.platform.vendor)
    const pb = this.backend.parsersFor(b, side.platform.vendor)
    return pa !== null && pb !== null && pa.parserIds.some((id) => pb.parserIds.includes(id))
  }

  /** True when the command was asked already, or a capture of the device held its output. */
  private isCovered(side: Side, command: string): boolean {
    return [...this.coveredFor(side.name)].some((c) => this.sameOutput(side, c, command))
  }

  /**
   * The command to ask of this side for a command a rule wants, or null when the platform cannot print
   * it. Rules name commands per vendor; the graph tells which platform prints which output (no
   * "show crypto engine" on an ASA, no legacy "show ipsec security-associations" on an SRX) and gives
   * the platform's own spelling ("... detailed"). Commands the graph does not know are asked as named.
   */
  private platformCommand(side: Side, command: string): PlannedCommand | null {
    const same = (a: string, b: string) => this.sameOutput(side, a, b)
    const known = describeCommand(this.graph, command, side.platform.id, same)
    if (!known?.key) return {key: null, command, why: '', healthy: null}
    const own = this.graph.commands[known.key].platforms[side.platform.id]
    if (!own || !same(own, command)) return null
    return {...known, command: own}
  }

  private async collect(side: Side, planned: PlannedCommand, neededBy: string[] | null): Promise<void> {
    if (this.isCovered(side, planned.command)) return
    await betweenSteps()
    const out = this.out
    const covered = this.coveredFor(side.name)
    covered.add(normalizeCommand(planned.command))
    this.step++
    out.line()
    out.line(`${out.bold(`Step ${this.step}`)} ${out.dim('·')} on ${out.bold(side.name)} (${side.platform.label}) run:`)
    out.line(`    ${out.cyan(planned.command)}`)
    out.line(`  Why: ${planned.why}`)
    if (neededBy) out.line(out.dim(`  Needed by: ${neededBy.join(', ')}`))
    const req: CaptureRequest = {
      device: side.name,
      vendor: side.platform.vendor,
      platformLabel: side.platform.label,
      command: planned.command,
      label: `<${side.name}: ${planned.command}>`,
    }
    const stepId = `capture:${side.name}:${planned.command}`
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const input = await this.prompter.capture(stepId, req, attempt)
      if (input.kind === 'skip') break
      const check = await checkCapture(this.backend, req, input)
      if (check.ok) {
        this.state.captures.push(check.capture)
        for (const c of check.capture.commandsSeen) covered.add(normalizeCommand(c))
        out.line(`  ${out.green('✔')} Understood: ${check.capture.summary}`)
        for (const note of check.capture.notes) out.line(out.dim(`    note: ${note}`))
        return
      }
      out.line(`  ${out.red('✘')} ${check.message}`)
    }
    this.state.skipped.push({device: side.name, command: planned.command})
    out.line(out.dim(`  Skipped "${planned.command}" on ${side.name}; the checks that need it stay undecided.`))
  }

  private mergedCaptures(): ParseDocument | null {
    const docs = this.state.captures.map((c) => c.doc)
    return docs.length > 0 ? this.backend.merge(docs) : null
  }

  private async diagnose(): Promise<void> {
    const docs = this.state.captures.map((c) => c.doc)
    if (docs.length === 0) {
      this.state.diagnosis = null
      return
    }
    try {
      await betweenSteps()
      // The platform the user chose selects the remediation (an ASA gets ASA commands).
      this.state.diagnosis = await this.backend.diagnose(withChosenPlatforms(this.backend.merge(docs), this.state.sides), this.state.symptom.id)
      this.state.diagnoseError = null
    } catch (error) {
      if (error instanceof SessionAborted) throw error
      this.state.diagnosis = null
      this.state.diagnoseError = (error as Error).message
    }
  }

  /**
   * Rules that also need an output the user skipped on that device: asking the rest of their inputs
   * would not let them run.
   */
  private blockedRules(device: string): Set<string> {
    const skipped = this.state.skipped.filter((s) => s.device === device)
    const side = this.state.sides.find((s) => s.name === device)
    const blocked = new Set<string>()
    if (!side) return blocked
    for (const m of this.state.diagnosis?.missing ?? []) {
      if (m.device !== device) continue
      const planned = this.platformCommand(side, m.command)
      if (planned && skipped.some((s) => normalizeCommand(s.command) === normalizeCommand(planned.command))) for (const r of m.rules) blocked.add(r)
    }
    return blocked
  }

  /** The missing data diagnose reports for rules that matter for the symptom, on devices of the session. */
  private nextMissing(): {side: Side; missing: MissingData; rules: string[]} | null {
    // the configuration views are for a tunnel that never came up: not follow-ups once phase 1 is up
    const neverUp = new Set(this.state.symptom.ifNeverUp ?? [])
    const up = neverUp.size > 0 && phase1Up(this.mergedCaptures())
    const candidates = (this.state.diagnosis?.missing ?? [])
      .map((missing) => {
        const blocked = this.blockedRules(missing.device)
        return {
          missing,
          side: this.state.sides.find((s) => s.name === missing.device),
          rules: missing.rules.filter((r) => matchesAny(r, this.state.symptom.rules) && !blocked.has(r)),
        }
      })
      .filter((c): c is {side: Side; missing: MissingData; rules: string[]} => c.side !== undefined && c.rules.length > 0)
      .filter((c) => {
        const planned = this.platformCommand(c.side, c.missing.command)
        return planned !== null && !this.isCovered(c.side, planned.command) && !this.isCovered(c.side, c.missing.command) && !(up && planned.key !== null && neverUp.has(planned.key))
      })
    candidates.sort((a, b) => b.rules.length - a.rules.length)
    return candidates[0] ?? null
  }

  private notChecked(): NotChecked[] {
    const list: NotChecked[] = this.state.skipped.map((s) => ({...s, skipped: true, rules: []}))
    for (const m of this.state.diagnosis?.missing ?? []) {
      const side = this.state.sides.find((s) => s.name === m.device)
      const rules = m.rules.filter((r) => matchesAny(r, this.state.symptom.rules))
      if (!side || rules.length === 0) continue
      const planned = this.platformCommand(side, m.command)
      if (!planned) continue
      const entry = list.find((e) => e.device === m.device && normalizeCommand(e.command) === normalizeCommand(planned.command))
      if (entry) entry.rules.push(...rules.filter((r) => !entry.rules.includes(r)))
      else list.push({device: m.device, command: planned.command, skipped: false, rules})
    }
    return list
  }

  private async followUps(): Promise<void> {
    await this.diagnose()
    for (let n = 0; n < this.graph.limits.followUps; n++) {
      const next = this.nextMissing()
      if (!next) break
      if (n === 0) {
        this.out.line()
        this.out.line(this.out.bold('More data needed') + this.out.dim(': some checks for this symptom could not run yet.'))
      }
      const known = this.platformCommand(next.side, next.missing.command)!
      const planned: PlannedCommand = {...known, why: known.why || next.missing.reason}
      await this.collect(next.side, planned, next.rules)
      await this.diagnose()
    }
  }

  private async askFacts(): Promise<void> {
    const findings = this.state.diagnosis?.findings ?? []
    const symptom = this.state.symptom
    const questions = this.graph.questions.filter(
      (q) => q.symptoms.includes(symptom.id) && (q.askIfFindings.length === 0 || findings.some((f) => matchesAny(f.ruleId, q.askIfFindings))),
    )
    if (questions.length === 0) return
    this.out.line()
    this.out.line(this.out.bold('A few facts the outputs cannot show') + this.out.dim(' (they reorder the likely causes):'))
    for (const q of questions) this.state.facts[q.id] = await this.prompter.fact(`fact:${q.id}`, q.text, q.help)
  }
}
