/**
 * Turns a rule hit on one entity into a Finding: label, message, evidence lines, remediation for the
 * device's vendor with placeholders filled, fingerprint.
 */
import {hash} from 'node:crypto'
import {causesForState} from './causes.js'
import type {Evidence, Fact, Finding, RemediationStep, Severity, TrafficSelector, Vendor} from '../model/index.js'
import type {Derived} from './derive.js'
import type {RuleHit} from './evaluate.js'
import type {LoadedRule} from './rule.js'
import {resolvePath} from './operators.js'
import {candidatePlatforms, platformLabel, stepPlatforms} from './platform.js'
import {confirmSpec, type ConfirmSpec, type RemediationStepSpec} from './rule.js'
import type {RawValues} from '../model/index.js'
import {rawGet} from '../model/raw.js'

export interface FindingContext {
  device: string
  vendor: Vendor
  time: string
  timeSource: string
  thresholds: object
  /** Platform of each device as known from its captures (src/engine/platform.ts); absent = unknown. */
  platformOf?: (device: string) => string | null
}

/** One end of a two-sided entity (pair- rules): its device, vendor and placeholder values. */
export interface FindingSide {
  device: string
  vendor: Vendor
  placeholders: Record<string, string>
}

/** A fact, or an entity built from several captures (pair-, delta-). */
export type FindingEntity = Fact | (Record<string, unknown> & {kind: string; id: string; source: Fact['source']; raw: Fact['raw']})
type AnyFact = FindingEntity

const get = (f: AnyFact, key: string): unknown => (f as Record<string, unknown>)[key]
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null)

function selector(s: TrafficSelector | null | undefined): string | null {
  if (!s) return null
  return s.prefixLength !== null ? `${s.address}/${s.prefixLength}` : s.address
}

/** Human label of an entity: "peer 192.0.2.2 conn-id 1004", "crypto map VPN 10" ... */
export function entityLabel(f: AnyFact): string {
  const peer = str(get(f, 'remoteAddress'))
  switch (f.kind) {
    case 'ikeSa': {
      const conn = str(get(f, 'connId'))
      return `peer ${peer ?? '?'}${conn ? ` conn-id ${conn}` : ''}`
    }
    case 'ikeStats':
      return `peer ${peer ?? '?'} (IKE statistics)`
    case 'ipsecFlow': {
      const name = str(get(f, 'name'))
      if (name) return `SA ${name}${peer ? ` peer ${peer}` : ''}`
      const l = selector(get(f, 'localIdent') as TrafficSelector | null)
      const r = selector(get(f, 'remoteIdent') as TrafficSelector | null)
      return `flow ${l ?? '?'} -> ${r ?? '?'} peer ${peer ?? '?'}`
    }
    case 'ipsecSa': {
      const spi = get(f, 'spi') as number
      const name = str(get(f, 'name'))
      return `${name ? `SA ${name} ` : ''}${get(f, 'direction')} ${get(f, 'protocol')} SPI 0x${spi.toString(16).toUpperCase()}${peer ? ` peer ${peer}` : ''}`
    }
    case 'ipsecStats': {
      const index = str(get(f, 'tunnelIndex'))
      // MX services: one record per "PIC: ms-1/0/0, Service set: ss1" section
      const serviceSet = rawValue(f, 'Service set')
      return index ? `tunnel index ${index}` : serviceSet ? `IPsec statistics of service set ${serviceSet}` : 'IPsec statistics (device totals)'
    }
    case 'engineConnection':
      return `engine connection ${get(f, 'connId')}${str(get(f, 'interface')) ? ` on ${get(f, 'interface')}` : ''}`
    case 'droppedPackets':
      return `interface ${str(get(f, 'interface')) ?? '?'}${str(get(f, 'ipAddress')) ? ` (${get(f, 'ipAddress')})` : ''}`
    case 'cryptoMap':
      return `crypto map ${get(f, 'name')}`
    case 'cryptoMapEntry':
      return `${get(f, 'isTemplate') ? 'dynamic map' : 'crypto map'} ${get(f, 'map')} ${get(f, 'seq')}`
    case 'certificate':
      return `certificate ${str(get(f, 'subject')) ?? str(get(f, 'certId')) ?? f.id}`
    case 'redundancy':
      return `redundancy ${str(get(f, 'name')) ?? str(get(f, 'primary')) ?? f.id}`
    case 'logEvent':
      return `log ${str(get(f, 'messageId')) ?? str(get(f, 'event'))}${str(get(f, 'peer')) ? ` peer ${get(f, 'peer')}` : ''} (line ${f.source.startLine})`
    default:
      // Entities derived from several captures carry their own label (pair-, delta- kinds).
      if (str(get(f, 'entityLabel'))) return str(get(f, 'entityLabel'))!
      return peer ? `${f.kind} peer ${peer}` : `${f.kind} ${f.id}`
  }
}

/** IPv4 dotted mask / wildcard of a prefix length, or null for IPv6 and unknown lengths. */
function ipv4Masks(address: string, prefixLength: number | null): {mask: string; wildcard: string} | null {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || prefixLength === null || prefixLength < 0 || prefixLength > 32) return null
  const bits = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0
  const dotted = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')
  return {mask: dotted(bits), wildcard: dotted(~bits >>> 0)}
}

/** "10.1.0.0 0.0.255.255" (IOS ACL address + wildcard), "host 10.1.1.1" for a /32. */
function aclNet(s: TrafficSelector | null | undefined): string | null {
  if (!s) return null
  const m = ipv4Masks(s.address, s.prefixLength ?? 32)
  if (!m) return null
  return m.wildcard === '0.0.0.0' ? `host ${s.address}` : `${s.address} ${m.wildcard}`
}

/** "10.1.0.0 255.255.0.0" (IOS/ASA show route address + mask). */
function maskedNet(s: TrafficSelector | null | undefined): string | null {
  if (!s) return null
  const m = ipv4Masks(s.address, s.prefixLength ?? 32)
  return m ? `${s.address} ${m.mask}` : null
}

/** A host address of the selector: only when the selector is one host (a prefix is not a ping target). */
function hostOf(s: TrafficSelector | null | undefined): string | null {
  if (!s) return null
  const single = s.prefixLength === null || s.prefixLength === 32 || (s.address.includes(':') && s.prefixLength === 128)
  return single && s.address !== '0.0.0.0' ? s.address : null
}

const rawValue = (f: AnyFact, label: string): string | null => {
  const r = f.raw ? rawGet(f.raw as RawValues, label) : undefined
  return r && r.value !== '' ? r.value : null
}

/** Log events whose tunnelGroup holds the trustpoint the line names (src/parsers/log/cisco.ts CRL_FETCH_FAIL, asa.ts 717054/717055). */
const TRUSTPOINT_EVENTS = new Set(['crl-fetch-failed', 'cert-expired', 'cert-expiring'])

/**
 * Values for <placeholders> in remediation commands, where the entity knows them. Each name is filled
 * only from the field that means that thing (rules/README.md lists them); a value that would make
 * the command wrong is not filled (a current peer of 0.0.0.0, a prefix as a ping target, an SRX
 * index where a VPN name belongs).
 */
export function placeholderValues(f: AnyFact, derived: Derived): Record<string, string> {
  const out: Record<string, string> = {}
  const set = (key: string, v: unknown) => {
    const s = str(v)
    if (s && !(key in out)) out[key] = s
  }
  const command = f.source?.command ?? ''
  const srx = command.startsWith('show security ')
  const services = command.startsWith('show services ')
  const peers = get(f, 'peers') as string[] | undefined
  const current = str(get(f, 'currentPeer'))
  set('peer', get(f, 'remoteAddress'))
  set('peer', derived.values.peer)
  set('peer', current === '0.0.0.0' ? null : current)
  set('peer', peers?.[0])
  set('primary-peer', peers?.[0])
  if (current && current !== '0.0.0.0' && peers && peers.length > 1 && current !== peers[0]) set('backup-peer', current)
  if (current !== '0.0.0.0') set('current-peer', current)
  set('local-address', get(f, 'localAddress'))
  // IOS conn-id; on an SRX the same field holds the IKE SA index, which no conn-id command takes.
  if (!srx && !services) set('conn-id', get(f, 'connId'))
  const name = str(get(f, 'name'))
  // a Junos gateway's name is not a vpn name: its vpn is the one vpn of the configuration that uses it
  const vpns = f.kind === 'ikeGateway' ? derived.values.gatewayVpns : null
  if (Array.isArray(vpns) && vpns.length === 1) set('vpn', vpns[0])
  if (srx) {
    // SRX: "VPN Name" is the VPN; the SA/tunnel index is the "ID" column or a numeric name.
    set('vpn', rawValue(f, 'VPN Name'))
    if (f.kind !== 'ikeGateway' && name && !/^\d+$/.test(name)) set('vpn', name)
    const id = rawValue(f, 'ID')?.replace(/^[<>]/, '')
    if (f.kind !== 'ikeSa' && f.kind !== 'ikeStats') {
      set('index', id && /^\d+$/.test(id) ? id : null)
      set('index', name && /^\d+$/.test(name) ? name : null)
      set('index', get(f, 'tunnelIndex'))
    }
  } else if (services) {
    set('service-set', rawValue(f, 'Service set'))
    set('rule', rawValue(f, 'Rule'))
    set('term', rawValue(f, 'Term'))
  } else {
    set('sa-name', name)
  }
  set('map', get(f, 'cryptoMap'))
  set('map', f.kind === 'cryptoMap' ? get(f, 'name') : get(f, 'map'))
  set('seq', get(f, 'seq'))
  set('interface', get(f, 'interface'))
  set('interface', (get(f, 'interfaces') as string[] | undefined)?.[0])
  set('acl', get(f, 'accessList'))
  set('transform-set', (get(f, 'transformSets') as string[] | undefined)?.[0])
  set('cert-id', get(f, 'certId'))
  const role = get(f, 'role')
  if (f.kind === 'certificate' && (role === 'local' || role === 'router')) set('local-cert-id', get(f, 'certId'))
  if (f.kind === 'certificate' && role === 'ca') set('ca-cert-id', get(f, 'certId'))
  // the trustpoint is named by a trustpoint status row, by a certificate's trustpoints, or by a log
  // line about one (IOS CRL fetch, ASA 717054/717055), which the log readers keep in tunnelGroup
  if (f.kind === 'trustpointStatus') set('trustpoint', name)
  // Junos ike policy: the policy itself, or the one a gateway uses
  if (f.kind === 'ikePolicy') set('ike-policy', name)
  if (f.kind === 'ikeGateway') set('ike-policy', get(f, 'ikePolicy'))
  set('trustpoint', (get(f, 'trustpoints') as string[] | undefined)?.[0])
  if (f.kind === 'logEvent' && TRUSTPOINT_EVENTS.has(str(get(f, 'event')) ?? '')) set('trustpoint', get(f, 'tunnelGroup'))
  set('subject', get(f, 'subject'))
  const remote = get(f, 'remoteIdent') as TrafficSelector | null
  const local = get(f, 'localIdent') as TrafficSelector | null
  set('remote-net', selector(remote))
  set('local-net', selector(local))
  set('remote-net-acl', aclNet(remote))
  set('local-net-acl', aclNet(local))
  set('remote-net-mask', maskedNet(remote))
  set('local-net-mask', maskedNet(local))
  set('remote-host', hostOf(remote))
  set('local-host', hostOf(local))
  return out
}

/**
 * Placeholders of one side of a pair entity (src/engine/pair), made to mean the same as above on the
 * side's platform: an SRX flow name is the VPN name, or the index when numeric; a legacy SA name is
 * not a VPN name on any other platform.
 */
export function sidePlaceholderValues(values: Record<string, string>, platform: string | null): Record<string, string> {
  const out = {...values}
  const name = out['sa-name']
  if (platform === 'junos-srx' || platform === 'junos-mx') {
    delete out['sa-name']
    if (platform === 'junos-srx' && name) {
      if (/^\d+$/.test(name)) out.index ??= name
      else out.vpn ??= name
    }
  }
  if (platform === 'junos-srx' || platform === 'junos-mx' || platform === 'junos-es') delete out['conn-id']
  return out
}

/**
 * Remediation commands split once at their <placeholders>: literal text at even indexes, names at odd
 * ones. A hub has thousands of findings citing the same few dozen rule commands.
 */
const commandParts = new Map<string, string[]>()

export function fillCommand(command: string, values: Record<string, string>): string {
  let parts = commandParts.get(command)
  // "clear crypto sa peer <peer>" -> ["clear crypto sa peer ", "peer", ""]
  if (!parts) commandParts.set(command, (parts = command.split(/<([a-z][a-z-]*)>/)))
  // "clear crypto sa peer <peer>" -> "clear crypto sa peer 192.0.2.2"; an unknown name stays as written.
  let out = parts[0]
  for (let i = 1; i < parts.length; i += 2) out += (values[parts[i]] ?? `<${parts[i]}>`) + parts[i + 1]
  return out
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '?'
  if (Array.isArray(v)) return v.length > 0 ? v.map(formatValue).join(', ') : '(none)'
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000)
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** The value of one {{placeholder}} of a message template. */
function placeholder(name: string, f: AnyFact, derived: Derived, ctx: FindingContext, extra: Record<string, string>): string {
  if (name in extra) return extra[name]
  if (name === 'device') return ctx.device
  if (name === 'vendor') return ctx.vendor
  if (name === 'time') return ctx.time
  if (name === 'timeSource') return ctx.timeSource
  if (name.startsWith('raw.')) return rawGet(f.raw, name.slice(4))?.value ?? '?'
  if (name.startsWith('derived.')) return formatValue(resolvePath(derived.values, name.slice(8)))
  if (name.startsWith('thresholds.')) return formatValue(resolvePath(ctx.thresholds, name.slice(11)))
  return formatValue(resolvePath(f, name))
}

/** Message templates split once at their {{placeholders}}, like commandParts. */
const templateParts = new Map<string, string[]>()

/** Fills {{placeholders}} of a message template. */
export function fillTemplate(template: string, f: AnyFact, derived: Derived, ctx: FindingContext, extra: Record<string, string>): string {
  let parts = templateParts.get(template)
  // "{{remoteAddress}} stuck in {{stateRaw}}" -> ["", "remoteAddress", " stuck in ", "stateRaw", ""]
  if (!parts) templateParts.set(template, (parts = template.split(/\{\{\s*([^}\s]+)\s*\}\}/)))
  // "{{remoteAddress}} stuck in {{stateRaw}}" -> "192.0.2.2 stuck in MM_NO_STATE"
  let out = parts[0]
  for (let i = 1; i < parts.length; i += 2) out += placeholder(parts[i], f, derived, ctx, extra) + parts[i + 1]
  return out
}

/** Evidence lines for the rule's evidence list; never empty (falls back to the entity's lines). */
export function collectEvidence(items: string[], f: AnyFact, derived: Derived): Evidence[] {
  const out: Evidence[] = []
  const file = f.source.file
  for (const item of items) {
    if (item.startsWith('$.')) {
      const v = resolvePath(f, item)
      if (v !== null && v !== undefined) out.push({file, line: f.source.startLine, field: item.slice(2), value: formatValue(v)})
    } else if (item.startsWith('derived.')) {
      const name = item.slice(8)
      const own = derived.evidence[name]
      if (own && own.length > 0) out.push(...own)
      else {
        const v = derived.values[name]
        if (v !== null && v !== undefined) out.push({file, line: f.source.startLine, field: `${name} (derived)`, value: formatValue(v)})
      }
    } else {
      const raw = rawGet(f.raw, item)
      if (raw) out.push(raw.note ? {file, line: raw.line, field: item, value: raw.value, note: raw.note} : {file, line: raw.line, field: item, value: raw.value})
    }
  }
  if (out.length === 0) out.push({file, line: f.source.startLine, field: f.kind, value: entityLabel(f)})
  return out
}

/**
 * Whether a step is handed to a device that can be any of `candidates` with these placeholder values:
 * null = left out (no form on the platform, or a placeholder it needs is not known), [] = as is,
 * else the platforms it is labelled with.
 */
export function selectStep(step: Pick<RemediationStepSpec, 'platforms' | 'ifKnown'> | ConfirmSpec, candidates: ReturnType<typeof candidatePlatforms>, values: Record<string, string>): string[] | null {
  const chosen = stepPlatforms(step, candidates)
  if (!chosen) return null
  if (step.ifKnown?.some((name) => !(name in values))) return null
  return chosen
}

export function fingerprintOf(ruleId: string, device: string, entityId: string): string {
  // One-shot hash (Node >= 20.12): same digest as createHash().update().digest(), without a Hash object per finding.
  return hash('sha256', `${ruleId}\u0000${device}\u0000${entityId}`, 'hex')
}

export function buildFinding(
  hit: RuleHit<LoadedRule>,
  severity: Severity,
  f: AnyFact,
  derived: Derived,
  ctx: FindingContext,
  sides?: FindingSide[],
): Finding {
  const rule = hit.rule
  const label = entityLabel(f)
  const values = placeholderValues(f, derived)
  const extra = {label, reason: hit.escalation ?? '', severity}
  // Two-sided entities get each side's steps in its own vendor's syntax, on its own device; each side
  // gets only the steps of its platform (or, platform unknown, the variants labelled by platform).
  const targets = sides && sides.length > 0 ? sides : [{device: ctx.device, vendor: ctx.vendor, placeholders: {}}]
  const remediation: RemediationStep[] = []
  const confirm: string[] = []
  for (const side of targets) {
    const platform = ctx.platformOf?.(side.device) ?? null
    const fill = sides && sides.length > 0 ? sidePlaceholderValues({...values, ...side.placeholders}, platform) : values
    const candidates = candidatePlatforms(side.vendor, platform)
    for (const s of rule.remediation[side.vendor] ?? []) {
      const chosen = selectStep(s, candidates, fill)
      if (!chosen) continue
      remediation.push({
        vendor: side.vendor,
        command: fillCommand(s.command, fill),
        purpose: fillCommand(s.purpose, fill),
        disruptive: s.disruptive,
        device: side.device,
        ...(chosen.length > 0 ? {platforms: chosen} : {}),
      })
    }
    for (const c of rule.confirm?.[side.vendor] ?? []) {
      const spec = confirmSpec(c)
      const chosen = selectStep(spec, candidates, fill)
      if (!chosen) continue
      const text = (chosen.length > 0 ? `[${platformLabel(chosen)}] ` : '') + fillCommand(spec.command, fill)
      confirm.push(targets.length > 1 ? `${side.device}: ${text}` : text)
    }
  }
  const explanation = hit.escalation ? `${rule.explanation} Severity ${severity}: ${hit.escalation}.` : rule.explanation
  return {
    ruleId: rule.id,
    title: rule.title,
    severity,
    baseSeverity: hit.baseSeverity,
    category: rule.category,
    device: ctx.device,
    vendor: ctx.vendor,
    entity: {kind: f.kind, id: f.id, label},
    message: fillTemplate(rule.messages?.[f.kind] ?? rule.message, f, derived, ctx, extra),
    explanation,
    evidence: collectEvidence(rule.evidence, f, derived),
    causes: causesForState(rule.causes, (f as {stateRaw?: unknown}).stateRaw),
    remediation,
    confirm,
    // Set by the caller from the evidence (confidence.ts), which needs the finding's confirm list.
    confidence: {level: 'medium', reason: 'not assessed', settle: null},
    fingerprint: fingerprintOf(rule.id, ctx.device, f.id),
    relatedTo: null,
    location: {file: f.source.file, startLine: f.source.startLine, endLine: f.source.endLine},
  }
}

