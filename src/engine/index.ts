/**
 * The rules engine library: `diagnose(doc, opts)` runs the rule pack over a parse document and
 * returns the findings document. Steps: load and validate rules, resolve time and thresholds per
 * device, derive cross-entity values per device, run one json-rules-engine Engine per (entity kind,
 * vendor) over that kind's facts, build findings, group root causes with their symptoms, and list
 * the commands to collect next.
 */
import type {DiagnoseDocument, Diagnostic, Fact, ParseDocument, Severity, Vendor} from '../model/index.js'
import {FACT_KINDS, SCHEMA_VERSION} from '../model/constants.js'
import {DeviceDeriver, type Phase2Capture} from './derive.js'
import {orientIkeRows, orientWithCurrent} from './orient.js'
import {confidenceOf} from './confidence.js'
import {rankForSymptom, type Symptom} from './symptoms.js'
import type {Derived} from './derive.js'
import type {DeviceFacts} from './device-index.js'
import {RuleSetEngine} from './evaluate.js'
import {devicePlatforms} from './platform.js'
import {buildFinding, entityLabel, type FindingContext, type FindingEntity, type FindingSide} from './findings.js'
import {Aggregator} from './aggregate.js'
import type {EntityFacts, RuleHit} from './evaluate.js'
import {groupFindings, type RankedFinding} from './grouping.js'
import {formatLoadError, loadRules, type RuleLoadError} from './loader.js'
import {applyLogEvidence, logCouldExplain} from './log-evidence.js'
import {applyNetworkEvidence} from './network-evidence.js'
import {applyReloadEvidence} from './reload-evidence.js'
import {dateLogEvents} from '../parsers/log/index.js'
import {CapturedCommands, missingData} from './missing.js'
import {ruleKinds, type LoadedRule} from './rule.js'
import {resolveThresholds, type Thresholds} from './thresholds.js'
export {SYMPTOMS, isSymptom, explainsSymptom, rankForSymptom, ONE_WAY_RULES, type Symptom} from './symptoms.js'
import {resolveTimes, timeFor} from './time.js'
import {builtinSources, type EntitySource} from './sources.js'
import {AnonymousFlowFindings} from './anonymous-flows.js'
import {endKeys, pinKeys} from './pins.js'
import type {IpsecFlow} from '../model/index.js'

export interface DeviceOverride {
  disabled?: string[]
  severityOverrides?: Record<string, Severity>
  thresholds?: Partial<Thresholds>
}

export interface DiagnoseOptions {
  /** ISO time from --at: used for devices whose capture holds no time. */
  at?: string
  /** User rule packs (--rules DIR), loaded after the built-in pack. */
  rulesDirs?: string[]
  thresholds?: Partial<Thresholds>
  /** Rule ids not to report. */
  disabled?: string[]
  severityOverrides?: Record<string, Severity>
  /** Per device name. */
  deviceOverrides?: Record<string, DeviceOverride>
  /** Already loaded rules (tests, benchmark); replaces loading from disk. */
  rules?: LoadedRule[]
  /** Builders of multi-capture entities; default: the built-in pair-, delta- and config-pair sources. */
  entitySources?: EntitySource[]
  /** Clock for "now" (tests). */
  now?: () => Date
  toolVersion?: string
  /** An earlier capture of the same device(s) (--before): the delta- entities compare it with `doc`. */
  before?: ParseDocument
  /** The symptom the user reports: rules read it as context.symptom, and findings that explain it rank first. */
  symptom?: Symptom | null
}

/**
 * Facts of the document split by device name, each kind in model order. When `commands` is given,
 * the captured commands are collected in the same pass (a pass over every fact of a 10,000-tunnel
 * capture costs milliseconds in memory reads alone).
 */
function factsByDevice(doc: ParseDocument, commands?: CapturedCommands): Map<string, DeviceFacts> {
  const out = new Map<string, DeviceFacts>()
  for (const kind of FACT_KINDS) {
    // Facts of one device come in long runs: the list of the previous fact is reused while the device stays the same.
    let lastDevice: string | null = null
    let lastCommand: string | null = null
    let list: Fact[] = []
    for (const fact of (doc.facts[kind] ?? []) as Fact[]) {
      const {device, command} = fact.source
      if (device !== lastDevice) {
        let facts = out.get(device)
        if (!facts) out.set(device, (facts = {}))
        list = (facts as Record<string, Fact[]>)[kind] ??= []
      }
      if (commands && (device !== lastDevice || command !== lastCommand)) commands.add(device, command)
      lastDevice = device
      lastCommand = command
      list.push(fact)
    }
  }
  for (const facts of out.values()) orientIkeRows(facts)
  return out
}

/** The captured commands of the document, given the ones of its FACT_KINDS facts (see factsByDevice). */
function withOtherCommands(doc: ParseDocument, commands: CapturedCommands): Map<string, Set<string>> {
  for (const b of doc.blocks) commands.add(b.device, b.command)
  const modelKinds = new Set<string>(FACT_KINDS)
  for (const [kind, list] of Object.entries(doc.facts)) if (!modelKinds.has(kind)) commands.addFacts(list as Fact[])
  return commands.byDevice
}

/** Compiles one engine per (kind, vendor) on first use. */
class EngineCache {
  private readonly engines = new Map<string, RuleSetEngine<LoadedRule> | null>()
  constructor(private readonly rules: LoadedRule[]) {}

  get(kind: string, vendor: Vendor): RuleSetEngine<LoadedRule> | null {
    const key = `${kind}\u0000${vendor}`
    let engine = this.engines.get(key)
    if (engine === undefined) {
      const rules = this.rules.filter((r) => ruleKinds(r).includes(kind) && r.vendors.includes(vendor))
      engine = rules.length > 0 ? new RuleSetEngine(rules) : null
      this.engines.set(key, engine)
    }
    return engine
  }
}

/** Canonical commands that list every phase 2 SA of a device (unfiltered, no peer argument). */
const PHASE2_COMMANDS = new Set([
  'show crypto ipsec sa',
  'show security ipsec security-associations',
  'show ipsec security-associations',
  'show services ipsec-vpn ipsec security-associations',
])
// Arguments that do not narrow the listing; pipes that do not filter lines.
const WHOLE_LISTING_ARGS = new Set(['detail', 'brief', 'extensive'])
const HARMLESS_PIPE = /^\|\s*(no-more|display\s+(json|xml))\s*$/i

/**
 * Per device: whether a complete phase 2 listing was captured and whether it was empty. The
 * parsers give no fact for an empty listing ("There are no ipsec sas", "Total active tunnels: 0"),
 * so this is read from the document's command blocks.
 */
function phase2Captures(doc: ParseDocument): Map<string, Phase2Capture> {
  const out = new Map<string, Phase2Capture>()
  for (const b of doc.blocks) {
    if (b.command === null || !PHASE2_COMMANDS.has(b.command)) continue
    const args = (b.args ?? []).filter((a) => !WHOLE_LISTING_ARGS.has(a.toLowerCase()))
    const unfiltered = b.pipe === null || b.pipe === undefined || HARMLESS_PIPE.test(b.pipe)
    const whole = args.length === 0 && unfiltered
    const cur = out.get(b.device) ?? {complete: false, empty: true, emptyPeers: new Set<string>()}
    // "show crypto ipsec sa peer 198.51.100.7" -> "There are no ipsec sas for peer 198.51.100.7": read, and empty
    if (args.length === 2 && args[0].toLowerCase() === 'peer' && unfiltered && b.facts === 0 && b.consumedLines > 0 && b.unparsed.length === 0) cur.emptyPeers.add(args[1])
    if (b.facts > 0) cur.empty = false
    if (whole) {
      cur.complete = true
      // An empty listing is one that was read (a marker line consumed) and held nothing.
      if (b.facts === 0 && b.unparsed.length > 0) cur.empty = false
      if (b.facts === 0 && b.consumedLines === 0) cur.empty = false
    }
    out.set(b.device, cur)
  }
  for (const c of out.values()) if (!c.complete) c.empty = false
  return out
}

/**
 * Devices with an unfiltered `show security ike active-peer [detail]` (no `| match`, no other
 * argument): a configured gateway missing from it is not an active peer. An empty listing gives no
 * fact, so this is read from the command blocks; a block that left lines unparsed does not count.
 */
function activePeerListings(doc: ParseDocument): Set<string> {
  const out = new Set<string>()
  for (const b of doc.blocks) {
    if (b.command !== 'show security ike active-peer' || b.unparsed.length > 0) continue
    const args = (b.args ?? []).filter((a) => a.toLowerCase() !== 'detail')
    if (args.length === 0 && (b.pipe === null || b.pipe === undefined || HARMLESS_PIPE.test(b.pipe))) out.add(b.device)
  }
  return out
}

// IKEv1 SA listings ("show crypto isakmp sa" is read as one of these on IOS and ASA alike)
const IKE_LISTING_COMMANDS = new Set(['show crypto isakmp sa', 'show crypto ikev1 sa'])

/**
 * Devices whose IKEv1 SA listing was captured unfiltered and read whole: rows or an empty listing (ASA
 * "There are no IKEv1 SAs", IOS headers without rows). An empty listing gives no fact, so this is read
 * from the command blocks; a block with unparsed lines, or one that printed nothing, does not count.
 */
function ikeListings(doc: ParseDocument): Set<string> {
  const out = new Set<string>()
  for (const b of doc.blocks) {
    if (b.command === null || !IKE_LISTING_COMMANDS.has(b.command) || b.unparsed.length > 0) continue
    if (b.facts === 0 && b.consumedLines + b.ignoredLines <= 1) continue
    const args = (b.args ?? []).filter((a) => !WHOLE_LISTING_ARGS.has(a.toLowerCase()))
    if (args.length === 0 && (b.pipe === null || b.pipe === undefined || HARMLESS_PIPE.test(b.pipe))) out.add(b.device)
  }
  return out
}

function loadErrorDiagnostic(e: RuleLoadError): Diagnostic {
  return {level: 'error', file: e.file, line: null, message: `rule not loaded: ${formatLoadError(e)}`}
}

/** Facts and capture times of the earlier capture, for the delta- source. */
function beforeContext(before: ParseDocument, current: Map<string, DeviceFacts>) {
  const times = resolveTimes(before, undefined, new Date(0))
  const byDevice = factsByDevice(before)
  for (const [device, facts] of byDevice) {
    const now = current.get(device)
    if (now) orientWithCurrent(facts, now)
  }
  return {
    byDevice,
    captureMs: (device: string) => (times.byDevice.get(device)?.source === 'capture' ? timeFor(times, device).ms : null),
  }
}

export async function diagnose(doc: ParseDocument, opts: DiagnoseOptions = {}): Promise<DiagnoseDocument> {
  const diagnostics: Diagnostic[] = [...doc.diagnostics]
  const loaded = opts.rules ? {rules: opts.rules, errors: []} : await loadRules(opts.rulesDirs ?? [])
  diagnostics.push(...loaded.errors.map(loadErrorDiagnostic))
  const rules = loaded.rules
  const ruleOrder = new Map(rules.map((r, i) => [r.id, i]))
  const engines = new EngineCache(rules)

  const base = resolveThresholds(opts.thresholds)
  for (const p of base.problems) diagnostics.push({level: 'warning', file: '-', line: null, message: p})
  const times = resolveTimes(doc, opts.at, opts.now?.() ?? new Date())
  for (const p of times.problems) diagnostics.push({level: 'warning', file: '-', line: null, message: p})
  // log times printed without a year or a date, on devices whose capture holds no clock: dated against --at
  if (times.fallback.source === 'flag' && doc.facts.logEvent?.length) dateLogEvents(doc.facts.logEvent, (d) => (timeFor(times, d).source === 'flag' ? timeFor(times, d).at : null))

  const globalDisabled = new Set(opts.disabled ?? [])
  const ranked: RankedFinding[] = []
  let suppressedDisabled = 0
  let factCount = 0
  const aggregator = new Aggregator()
  const flowFindings = new AnonymousFlowFindings()
  const symptom = opts.symptom ?? null
  /** Builds the finding of a hit, or hands it to the aggregator for aggregating (posture) rules. */
  const record = (hit: RuleHit<LoadedRule>, severity: Severity, entity: FindingEntity, derived: Derived, fctx: FindingContext, sides?: FindingSide[]) => {
    const order = ruleOrder.get(hit.rule.id) ?? 0
    const build = () => {
      const finding = buildFinding(hit, severity, entity, derived, fctx, sides)
      finding.confidence = confidenceOf({rule: hit.rule, entity, derived, finding, thresholds: fctx.thresholds as Thresholds, timeSource: fctx.timeSource, symptom})
      return finding
    }
    if (!hit.rule.aggregate) {
      const item: RankedFinding = {finding: build(), role: hit.rule.role, peer: (derived.values.peer as string | null) ?? null, ruleOrder: order}
      const pins = sides ? pinKeys(hit.rule.id, entity, derived, fctx.device) : undefined
      if (pins) item.pins = pins
      const ends = sides ? endKeys(entity, derived, fctx.device) : undefined
      if (ends) item.ends = ends
      ranked.push(item)
      if (entity.kind === 'ipsecFlow') flowFindings.note(item, entity as IpsecFlow)
      return
    }
    const label = () => entityLabel(entity)
    aggregator.add(hit.rule.id, fctx.device, severity, order, {kind: entity.kind, id: entity.id, label}, build)
  }
  const commands = new CapturedCommands()
  const deviceFacts = factsByDevice(doc, commands)
  const platformOf = new Map(doc.devices.map((d) => [d.name, d.platform]))
  const phase2 = phase2Captures(doc)
  const activePeers = activePeerListings(doc)
  const ikeListed = ikeListings(doc)
  // Remediation is chosen by the platform the device's captures show (platform.ts), which also
  // corrects a device whose first block was read by a parser shared by two platforms.
  const remediationPlatforms = devicePlatforms(doc)
  const remediationPlatformOf = (device: string) => remediationPlatforms.get(device) ?? null

  for (const [device, facts] of deviceFacts) {
    const override = opts.deviceOverrides?.[device] ?? {}
    const thresholds = override.thresholds ? resolveThresholds(opts.thresholds, override.thresholds).thresholds : base.thresholds
    const time = timeFor(times, device)
    const disabled = new Set([...globalDisabled, ...(override.disabled ?? [])])
    const severityOverrides = {...opts.severityOverrides, ...override.severityOverrides}
    // Derived values are computed fact by fact and dropped unless a finding keeps them: holding all
    // of them until the end would keep tens of thousands of short-lived objects alive.
    const deriver = new DeviceDeriver(facts, {at: time.ms, thresholds, phase2: phase2.get(device), activePeers: activePeers.has(device), ikeListing: ikeListed.has(device)})
    const contextByVendor = new Map<Vendor, Record<string, unknown>>()
    for (const kind of Object.keys(facts)) {
      const list = (facts as Record<string, Fact[]>)[kind]
      factCount += list.length
      const derive = deriver.forKind(kind)
      let engineVendor: Vendor | null = null
      let engine: RuleSetEngine<LoadedRule> | null = null
      let context: Record<string, unknown> | undefined
      let findingContext: FindingContext | undefined
      // The engine input, refilled per fact rather than allocated (77,000 facts on a 10k capture).
      // Safe because each evaluation is awaited before the next fact; the engine and the memo read
      // the values, never keep this object.
      const input: EntityFacts = {entity: {}, derived: {}, thresholds, context: {}}
      // Index loops (here and over the hits): this async function runs mostly unoptimized, where
      // for...of allocates an iterator and its results per fact (7 MB per run on the 10k capture).
      for (let i = 0; i < list.length; i++) {
        const fact = list[i]
        // Every fact is derived in list order, engine or not (an SA's "representative" depends on it).
        const derived = derive(fact)
        const vendor = fact.source.vendor
        if (vendor !== engineVendor) {
          engine = engines.get(kind, vendor)
          engineVendor = vendor
          context = contextByVendor.get(vendor)
          if (!context) contextByVendor.set(vendor, (context = {vendor, platform: platformOf.get(device) ?? null, device, time: time.at, timeSource: time.source, symptom}))
          findingContext = {device, vendor, time: time.at, timeSource: time.source, thresholds, platformOf: remediationPlatformOf}
        }
        if (!engine || !context || !findingContext) continue
        input.entity = fact as unknown as Record<string, unknown>
        input.derived = derived.values
        input.context = context
        const pending = engine.evaluate(input)
        // Most entities pass no gate or hit the memo: their result is ready without a promise.
        const hits = Array.isArray(pending) ? pending : await pending
        for (let h = 0; h < hits.length; h++) {
          const hit = hits[h]
          if (disabled.has(hit.rule.id)) {
            suppressedDisabled++
            continue
          }
          const severity = severityOverrides[hit.rule.id] ?? hit.severity
          record(hit, severity, fact, derived, findingContext)
        }
      }
    }
  }

  const sources = opts.entitySources ?? (await builtinSources(deviceFacts.size, opts.before !== undefined))
  if (sources.length > 0) {
    const ctx = {
      captureMs: (device: string) => (times.byDevice.get(device)?.source === 'capture' ? timeFor(times, device).ms : null),
      timeMs: (device: string) => timeFor(times, device).ms,
      thresholds: base.thresholds,
      before: opts.before ? beforeContext(opts.before, deviceFacts) : undefined,
    }
    for (const source of sources) {
      for (const extra of source(deviceFacts, ctx)) {
        const engine = engines.get(extra.entity.kind, extra.vendor)
        if (!engine) continue
        const override = opts.deviceOverrides?.[extra.device] ?? {}
        const thresholds = override.thresholds ? resolveThresholds(opts.thresholds, override.thresholds).thresholds : base.thresholds
        const time = timeFor(times, extra.device)
        const context = {vendor: extra.vendor, platform: platformOf.get(extra.device) ?? null, device: extra.device, time: time.at, timeSource: time.source, symptom}
        const hits = await engine.evaluate({entity: extra.entity, derived: extra.derived.values, thresholds, context})
        const disabled = new Set([...globalDisabled, ...(override.disabled ?? [])])
        for (const hit of hits) {
          if (disabled.has(hit.rule.id)) {
            suppressedDisabled++
            continue
          }
          const severity = {...opts.severityOverrides, ...override.severityOverrides}[hit.rule.id] ?? hit.severity
          const fctx = {device: extra.device, vendor: extra.vendor, time: time.at, timeSource: time.source, thresholds, platformOf: remediationPlatformOf}
          record(hit, severity, extra.entity, extra.derived, fctx, extra.sides)
        }
      }
    }
  }

  ranked.push(...aggregator.results())
  // a filtered view's unnamed flow does not repeat a finding of the named flow it may be
  flowFindings.prune(ranked)
  const explained = applyLogEvidence(ranked, deviceFacts)
  applyReloadEvidence(ranked, deviceFacts)
  applyNetworkEvidence(ranked, deviceFacts)
  // findings the show output left without a cause that a log line could name: the device log is asked for them
  const openCauses = new Map<string, Set<string>>()
  for (const {finding: f} of ranked) {
    if (explained.has(f) || !logCouldExplain(f.ruleId)) continue
    const set = openCauses.get(f.device) ?? new Set<string>()
    openCauses.set(f.device, set.add(f.ruleId))
  }
  const findings = rankForSymptom(groupFindings(ranked, explained), symptom)
  const missing = missingData(doc, (device) => {
    const off = new Set([...globalDisabled, ...(opts.deviceOverrides?.[device]?.disabled ?? [])])
    return rules.filter((r) => !off.has(r.id))
  }, withOtherCommands(doc, commands), (device) => openCauses.get(device) ?? new Set())
  const bySeverity: Record<Severity, number> = {critical: 0, error: 0, warning: 0, info: 0}
  for (const f of findings) bySeverity[f.severity]++
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'ipsec-doctor', version: opts.toolVersion ?? doc.tool.version},
    time: {
      at: times.overall.at,
      source: times.overall.source,
      devices: [...times.byDevice.values()].map(({device, at, source}) => ({device, at, source})),
    },
    findings,
    missing,
    suppressed: {baseline: 0, disabled: suppressedDisabled},
    diagnostics,
    summary: {
      devices: new Set([...doc.devices.map((d) => d.name), ...deviceFacts.keys()]).size,
      facts: factCount,
      rulesRun: rules.length,
      bySeverity,
      exitCode: bySeverity.critical + bySeverity.error > 0 ? 1 : 0,
    },
  }
}

export {loadRules, formatLoadError, BUILTIN_RULES_DIR, type RuleLoadError} from './loader.js'
export {DEFAULT_THRESHOLDS, resolveThresholds, type Thresholds} from './thresholds.js'
export type {LoadedRule, RuleSpec} from './rule.js'
export {builtinSources, type EntitySource, type EntitySourceContext, type SourcedEntity} from './sources.js'
export type {FindingSide} from './findings.js'
