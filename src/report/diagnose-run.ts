/**
 * The work behind `ipsec-doctor diagnose`, apart from printing: config, ingest, rules, engine,
 * baseline, redaction, gate and rendering. Returns what to print and the exit code; never throws for
 * bad input (the command turns a thrown error into a one-line message and exit 2).
 */
import {createWriteStream, mkdirSync, writeFileSync} from 'node:fs'
import {dirname, relative, resolve, sep} from 'node:path'
import type {DiagnoseDocument, ParseDocument, Severity} from '../model/index.js'
import type {LoadedConfig} from '../config/load.js'
import type {FailOn} from './gate.js'
import type {CheckedPair} from './junit.js'
import {enumerateChecks, renderFormat, type OutputTarget, type RenderContext, type RuleInfo} from './outputs.js'
import {diagnosticText} from './shared.js'

export const EXIT_OK = 0
export const EXIT_FAIL = 1
export const EXIT_USAGE = 2

export interface DiagnoseRunOptions {
  inputs: string[]
  cwd?: string
  device?: string
  at?: string
  rulesDirs?: string[]
  configFile?: string
  failOn?: FailOn
  maxWarnings?: number
  baseline?: string
  /** Ignore any baseline (flag or config): `ipsec-doctor baseline` records all findings. */
  noBaseline?: boolean
  redact?: boolean
  /** Earlier captures of the same devices (--before): enables the delta- checks. */
  before?: string[]
  targets: OutputTarget[]
  /** Colour for a table written to stdout. */
  color: boolean
  /** Skip writing this target to stdout (oclif prints the document itself under --json). */
  jsonHandledByCaller?: boolean
  /** The symptom the user reports (--symptom): findings that explain it rank first, with a lower evidence bar. */
  symptom?: 'down' | 'one-way' | 'flapping' | 'certificate'
}

export interface DiagnoseRunResult {
  exitCode: number
  doc: DiagnoseDocument | null
  /** Text for stdout (at most one target goes there). */
  stdout: string | null
  /** Set instead of `stdout` when the stdout target is JSON: the caller streams it (json-stream.ts). */
  stdoutJson?: DiagnoseDocument | null
  /** One-line messages for stderr: warnings, gate result, files written. */
  messages: string[]
  /** `baseline` of the config file (absolute), for `ipsec-doctor baseline` to write to by default. */
  configBaseline?: string | null
}

/** Shown paths: relative to the cwd when that is shorter. */
function shown(file: string, cwd: string): string {
  const rel = relative(cwd, file)
  return rel && !rel.startsWith('..') ? rel : file
}

function usage(message: string): DiagnoseRunResult {
  return {exitCode: EXIT_USAGE, doc: null, stdout: null, messages: [`error: ${message}`]}
}

/** --at must be an instant: "2024-03-01T10:00:00Z" or a date. */
function checkAt(at: string | undefined): string | null {
  if (at === undefined) return null
  return Number.isNaN(Date.parse(at)) ? `--at ${at}: not an ISO 8601 time (e.g. 2024-03-01T10:00:00Z)` : null
}

function deviceNames(parse: ParseDocument): string[] {
  const names = new Set(parse.devices.map((d) => d.name))
  for (const b of parse.blocks) names.add(b.device)
  return [...names].sort()
}

/** A note when some device was judged against the wall clock: such a result can flip overnight. */
function currentTimeNote(doc: DiagnoseDocument): string | null {
  const judgedNow = (doc.time.devices ?? []).filter((d) => d.source === 'now').map((d) => d.device)
  if (judgedNow.length === 0 && !(doc.time.source === 'now' && !doc.time.devices)) return null
  const which = judgedNow.length > 0 ? ` for ${judgedNow.slice(0, 5).join(', ')}${judgedNow.length > 5 ? ' ...' : ''}` : ''
  return `note: judged against the current time${which} (no capture clock, no --at): certificate and lifetime results can change from one run to the next; pass --at or capture \`show clock\``
}

/**
 * Renders every target: files are written (directories created), the stdout one is returned. JSON is
 * never built as one string: files are streamed, the stdout document handed back for the caller to
 * stream.
 */
async function writeTargets(
  doc: DiagnoseDocument,
  opts: DiagnoseRunOptions,
  ctx: RenderContext,
  cwd: string,
): Promise<{stdout: string | null; stdoutJson: DiagnoseDocument | null; messages: string[]; error: string | null}> {
  let stdout: string | null = null
  let stdoutJson: DiagnoseDocument | null = null
  const messages: string[] = []
  for (const target of opts.targets) {
    if (target.file === null) {
      if (target.format === 'json' && opts.jsonHandledByCaller) continue
      if (target.format === 'json') stdoutJson = doc
      else stdout = await renderFormat(target.format, doc, {...ctx, color: target.format === 'table' && opts.color})
      continue
    }
    const path = resolve(cwd, target.file)
    try {
      mkdirSync(dirname(path), {recursive: true})
      if (target.format === 'json') await writeJsonFile(path, doc)
      else writeFileSync(path, await renderFormat(target.format, doc, ctx))
      messages.push(`wrote ${target.format} report to ${shown(path, cwd)}`)
    } catch (error) {
      return {stdout, stdoutJson, messages, error: `error: cannot write ${target.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`}
    }
  }
  return {stdout, stdoutJson, messages, error: null}
}

/** Streams the JSON document into a file. */
async function writeJsonFile(path: string, doc: DiagnoseDocument): Promise<void> {
  const {writeJson} = await import('./json-stream.js')
  const out = createWriteStream(path)
  const done = new Promise<void>((ok, fail) => {
    out.on('finish', ok)
    out.on('error', fail)
  })
  await writeJson(out, doc)
  out.end()
  await done
}

/** The outputs read, per device and command (with the filter typed), in capture order: "what was checked". */
function outputsRead(parse: ParseDocument, redactText: (text: string) => string): {device: string; command: string}[] {
  const seen = new Set<string>()
  const out: {device: string; command: string}[] = []
  for (const b of parse.blocks) {
    if (!b.command) continue
    const command = b.pipe ? `${b.command} ${b.pipe}` : b.command
    const key = `${b.device}\u0000${command}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({device: redactText(b.device), command})
  }
  return out
}

/** The checks with redacted names (entities shared between checks stay shared); as they are without redaction. */
function junitChecks(checks: CheckedPair[], redactText: ((text: string) => string) | null): CheckedPair[] {
  if (!redactText) return checks
  const redacted = new Map<CheckedPair['entity'], CheckedPair['entity']>()
  return checks.map((c) => {
    // device before id and label, as before the sharing: tokens are numbered in order of first sight
    const device = redactText(c.device)
    let entity = redacted.get(c.entity)
    if (!entity) redacted.set(c.entity, (entity = {kind: c.entity.kind, id: redactText(c.entity.id), label: redactText(c.entity.label)}))
    return {device, ruleId: c.ruleId, entity}
  })
}

export async function runDiagnose(opts: DiagnoseRunOptions): Promise<DiagnoseRunResult> {
  const cwd = opts.cwd ?? process.cwd()
  const atProblem = checkAt(opts.at)
  if (atProblem) return usage(atProblem)

  const {findConfigFile, settingsForDevice, unknownRuleIds, deviceMatches, ConfigError, NO_CONFIG} = await import('../config/settings.js')
  let config: LoadedConfig
  try {
    // the schemas are loaded only when there is a file to read
    const file = opts.configFile ? resolve(cwd, opts.configFile) : findConfigFile(cwd)
    config = file ? (await import('../config/load.js')).readConfigFile(file, cwd) : NO_CONFIG
  } catch (error) {
    if (error instanceof ConfigError) return {exitCode: EXIT_USAGE, doc: null, stdout: null, messages: [`error: ${error.message}`]}
    throw error
  }
  const settings = config.settings
  const failOn: FailOn = opts.failOn ?? settings.failOn ?? 'error'
  const maxWarnings = opts.maxWarnings ?? settings.maxWarnings
  const messages: string[] = []

  // --before, or a device captured in two files at different times, gives an earlier capture.
  const {loadCaptures} = await import('../engine/delta/timeline.js')
  const {doc: parse, before} = await loadCaptures(opts.inputs, opts.before, {device: opts.device})
  const inputErrors = parse.diagnostics.filter((d) => d.level === 'error')
  if (parse.blocks.length === 0) {
    const why = inputErrors.map(diagnosticText)
    return {exitCode: EXIT_USAGE, doc: null, stdout: null, messages: [...why, 'error: no readable capture in the inputs']}
  }

  const engine = await import('../engine/index.js')
  const rulesDirs = [...config.rulesDirs, ...(opts.rulesDirs ?? []).map((d) => resolve(cwd, d))]
  const pack = await engine.loadRules(rulesDirs)
  // A broken user rule (--rules, config) is a usage error: the gate would not check what the user
  // thinks. A broken built-in rule is our bug: reported, but it does not turn every run into exit 2.
  const builtinPrefix = `${engine.BUILTIN_RULES_DIR}${sep}`
  const userRuleErrors = pack.errors.filter((e) => !resolve(e.file).startsWith(builtinPrefix))
  for (const e of pack.errors) {
    const level = userRuleErrors.includes(e) ? 'error' : 'warning'
    messages.push(`${level}: rule not loaded: ${engine.formatLoadError(e, cwd)}`)
  }
  for (const p of unknownRuleIds(settings, new Set(pack.rules.map((r) => r.id)))) messages.push(`warning: ${shown(config.file ?? '', cwd)}: ${p}`)

  const devices = deviceNames(parse)
  for (const pattern of Object.keys(settings.devices ?? {})) {
    if (!devices.some((d) => deviceMatches(pattern, d))) messages.push(`warning: ${shown(config.file ?? '', cwd)}: devices.${pattern} matches no device in the captures`)
  }
  const deviceOverrides: Record<string, {disabled: string[]; severityOverrides: Record<string, Severity>; thresholds: Record<string, number>}> = {}
  for (const device of devices) {
    const s = settingsForDevice(settings, device)
    deviceOverrides[device] = {disabled: s.disabled, severityOverrides: s.severityOverrides, thresholds: s.thresholds}
  }
  let doc = await engine.diagnose(parse, {
    at: opts.at,
    rules: pack.rules,
    thresholds: settings.thresholds,
    disabled: settings.disable,
    severityOverrides: settings.severity,
    deviceOverrides,
    before,
    symptom: opts.symptom ?? null,
  })
  doc = {
    ...doc,
    diagnostics: [
      ...doc.diagnostics.filter((d) => !d.message.startsWith('rule not loaded: ')),
      ...pack.errors.map((e) => ({
        level: userRuleErrors.includes(e) ? ('error' as const) : ('warning' as const),
        file: e.file,
        line: null,
        message: `rule not loaded: ${engine.formatLoadError(e, cwd)}`,
      })),
    ],
  }

  const baselineFile = opts.noBaseline ? null : opts.baseline ? resolve(cwd, opts.baseline) : config.baseline
  if (baselineFile) {
    const {applyBaseline, readBaseline, BaselineError} = await import('../baseline/index.js')
    try {
      doc = applyBaseline(doc, readBaseline(baselineFile, shown(baselineFile, cwd)), shown(baselineFile, cwd))
    } catch (error) {
      if (error instanceof BaselineError) return usage(error.message)
      throw error
    }
  }
  // One token table for the document and everything else printed (JUnit checks, messages), so a
  // device or address gets the same token everywhere; the parse document teaches it the host names.
  let redactText = (text: string) => text
  if (opts.redact) {
    const {Redactor} = await import('../redact/index.js')
    const redactor = new Redactor()
    redactor.redactParse(parse)
    doc = redactor.redactDiagnose(doc)
    redactText = (text) => redactor.redactText(text)
  }

  const {evaluateGate} = await import('./gate.js')
  const gate = evaluateGate(doc.findings, failOn, maxWarnings)
  const unusable = inputErrors.length > 0 || userRuleErrors.length > 0
  const exitCode = unusable ? EXIT_USAGE : gate.exitCode
  doc = {...doc, summary: {...doc.summary, exitCode}}
  for (const d of inputErrors) messages.push(redactText(diagnosticText(d)))
  const note = currentTimeNote(doc)
  if (note) messages.push(note)
  if (gate.exitCode === EXIT_FAIL) messages.push(`ipsec-doctor: gate failed (--fail-on ${failOn}): ${gate.reasons.join('; ')}`)

  const rules: RuleInfo[] = pack.rules
  const wantsJunit = opts.targets.some((t) => t.format === 'junit')
  const disabledFor = (device: string) => new Set(deviceOverrides[device]?.disabled ?? settings.disable ?? [])
  const {entityLabel} = await import('../engine/findings.js')
  const checks = wantsJunit ? junitChecks(enumerateChecks(parse, rules, disabledFor, entityLabel), opts.redact ? redactText : null) : undefined
  const ctx: RenderContext = {color: false, failOn, rules, checks, devices: devices.map(redactText), checked: outputsRead(parse, redactText), symptom: opts.symptom ?? null}
  const written = await writeTargets(doc, opts, ctx, cwd)
  messages.push(...written.messages)
  if (written.error) return {exitCode: EXIT_USAGE, doc, stdout: written.stdout, stdoutJson: written.stdoutJson, messages: [...messages, written.error]}
  return {exitCode, doc, stdout: written.stdout, stdoutJson: written.stdoutJson, messages, configBaseline: config.baseline}
}
