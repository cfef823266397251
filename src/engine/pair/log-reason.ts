/**
 * Both ends, one cause (issue 14): the initiator only sees silence (stuck in MM_NO_STATE or
 * MM_WAIT_MSG2, no answer in its log, phase 1 up and no IPsec SA), while the responder's log names the
 * reason (proposal mismatch with both values, pre-shared key mismatch, no key or tunnel group, identity,
 * proxy ids, transform set). The catalogue's cross-vendor index (shared/knowledge/log-messages.md,
 * section 5) is the map: the responder logs the parameter, the initiator the symptom. The two are
 * joined on the pair entity (rules/pair/pair-responder-logs-cause.json); when the responder holds no
 * SA at all (its address unknown to the pairing), the pair is built from the log: the responder's
 * lines name the initiator's own address.
 */
import type {Evidence, LogEvent, LogEventName} from '../../model/index.js'
import type {DeviceFacts} from '../device-index.js'
import {detailOf, usable} from '../log-evidence.js'
import type {ExtraEntity} from './entity.js'
import type {TunnelPair} from './schema.js'
import {bestIke, evidence, type DeviceViews, type TunnelView} from './views.js'

/** Events a responder logs that name why it refused, with the phase they stop (null: the line's own). */
const REASONS: Partial<Record<LogEventName, 1 | 2 | null>> = {
  'proposal-mismatch': null,
  'psk-mismatch': 1,
  'auth-failed': 1,
  'psk-missing': 1,
  'tunnel-group-missing': 1,
  'id-mismatch': 1,
  'cert-invalid': 1,
  'cert-expired': 1,
  'cert-not-yet-valid': 1,
  'proxy-id-mismatch': 2,
  'ts-mismatch': 2,
}

/** What the initiator logs when nobody answers (its own side of the silence). */
const SILENT_EVENTS = new Set<LogEventName>(['no-response', 'retransmit', 'negotiation-timeout', 'phase2-rejected'])
const STUCK = new Set(['negotiating', 'down', 'failed'])

/** The fields this module sets on every pair (null / false when no log joins the two ends). */
export interface LogReasonFields {
  logReasonJoined: boolean
  logReason: LogEventName | null
  logReasonPhase: number | null
  logReasonDevice: string | null
  logReasonDetail: string | null
  silentDevice: string | null
  silentSign: string | null
}

export const NO_LOG_REASON: LogReasonFields = {logReasonJoined: false, logReason: null, logReasonPhase: null, logReasonDevice: null, logReasonDetail: null, silentDevice: null, silentSign: null}

interface Silence {
  sign: string
  evidence: Evidence[]
}

function logEvidence(e: LogEvent): Evidence {
  const text = e.text.length > 160 ? `${e.text.slice(0, 157)}...` : e.text
  return {file: e.source.file, line: e.source.startLine, field: e.messageId ?? `log (${e.family})`, value: e.count > 1 ? `${text} (${e.count} times)` : text, device: e.source.device}
}

/** How the initiator's view toward the responder shows silence in the phase the reason stops. */
function silenceOf(v: TunnelView, own: LogEvent[], phase: 1 | 2): Silence | null {
  const best = bestIke(v)
  const logged = own.find((e) => e.peer === v.remote && SILENT_EVENTS.has(e.event) && (e.phase === null || e.phase === phase) && usable(e, own))
  if (phase === 1) {
    if (best.state === 'established') return null
    if (best.row && STUCK.has(best.state)) {
      const sign = best.raw ?? best.state
      return {sign, evidence: [evidence(best.row, ['state', 'State', 'Status'], sign), ...(logged ? [logEvidence(logged)] : [])]}
    }
    return logged ? {sign: `no answer (${logged.messageId ?? logged.text.slice(0, 60)}${logged.count > 1 ? `, ${logged.count} times` : ''})`, evidence: [logEvidence(logged)]} : null
  }
  if (best.state !== 'established' || !best.row) return logged ? {sign: `phase 2 refused (${logged.messageId ?? logged.text.slice(0, 60)})`, evidence: [logEvidence(logged)]} : null
  const withSas = v.flows.some((f) => (f.currentOutboundSpi ?? 0) > 0 || (v.sasByFlow.get(f.id) ?? []).length > 0)
  if (withSas) return null
  if (!v.ipsecCaptured && !logged) return null
  const sign = `phase 1 up (${best.raw ?? best.state}), no IPsec SA`
  return {sign, evidence: [evidence(best.row, ['state', 'State', 'Status'], best.raw ?? best.state), ...v.flows.slice(0, 1).map((f) => evidence(f, ['current outbound spi', 'current_peer'], '0x0')), ...(logged ? [logEvidence(logged)] : [])]}
}

/** The responder's usable reasons naming one of the initiator's addresses, latest first. */
function reasonsToward(events: LogEvent[], addresses: Set<string>): LogEvent[] {
  const out = events.filter((e) => e.peer !== null && addresses.has(e.peer) && e.event in REASONS && usable(e, events))
  return out.sort((a, b) => (b.lastTime ?? b.time ?? '').localeCompare(a.lastTime ?? a.time ?? '') || b.source.startLine - a.source.startLine)
}

/** Builds the pair of the initiator's view and the responder (its view toward the initiator, when it has one). */
type Build = (initiator: TunnelView, responder: DeviceViews, responderView: TunnelView | null) => ExtraEntity

/**
 * Sets the log-reason fields on the pairs a responder's log explains (buildPair starts every pair
 * with NO_LOG_REASON), and adds a pair for an initiator whose responder holds
 * nothing the pairing could see (its log alone names the initiator). `build` makes such a pair.
 */
export function joinLogReasons(pairs: ExtraEntity[], byDevice: Map<string, DeviceFacts>, devices: DeviceViews[], build: Build): ExtraEntity[] {
  const views = new Map(devices.map((d) => [d.device, d]))
  for (const [responder, facts] of byDevice) {
    const events = facts.logEvent ?? []
    if (events.length === 0) continue
    for (const init of devices) {
      if (init.device === responder) continue
      const reasons = reasonsToward(events, init.locals)
      if (reasons.length === 0) continue
      const own = byDevice.get(init.device)?.logEvent ?? []
      const mine = views.get(responder)
      for (const v of init.views) {
        if (!v.local || !reasons.some((e) => e.peer === v.local)) continue
        // the view must point at the responder: one of its addresses, or, unknown, no other captured device
        if (mine && mine.locals.size > 0 ? !mine.locals.has(v.remote) : devices.some((d) => d.device !== responder && d.locals.has(v.remote))) continue
        const e = reasons.find((r) => r.peer === v.local)!
        const phase = REASONS[e.event] ?? e.phase ?? 1
        const silence = silenceOf(v, own, phase)
        if (!silence) continue
        let pair = pairs.find((p) => sameTunnel(p.entity as unknown as TunnelPair, init.device, v.local!, responder))
        if (!pair) {
          const back = mine?.views.find((x) => x.remote === v.local) ?? null
          pair = build(v, mine ?? {device: responder, vendor: e.source.vendor, views: [], locals: new Set()}, back)
          pairs.push(pair)
        }
        const fields: LogReasonFields = {
          logReasonJoined: true, logReason: e.event, logReasonPhase: phase, logReasonDevice: responder, logReasonDetail: detailOf(e), silentDevice: init.device, silentSign: silence.sign,
        }
        Object.assign(pair.entity, fields)
        focusOnInitiator(pair, v, responder, e.localAddress ?? v.remote)
        pair.derived.evidence.logReasonEvidence = silence.evidence
      }
    }
  }
  for (const p of pairs) p.derived.evidence.logReasonEvidence ??= []
  return pairs
}

/**
 * The joined finding is reported on the initiator (where the user sees the silence), toward the
 * responder's address (from its log line or the initiator's view when the pairing had none), and its
 * remediation speaks of the initiator's and the responder's side, the initiator first.
 */
function focusOnInitiator(pair: ExtraEntity, v: TunnelView, responder: string, responderAddress: string): void {
  const ent = pair.entity as unknown as TunnelPair
  if (ent.deviceA === responder) ent.addressA ??= responderAddress
  if (ent.deviceB === responder) ent.addressB ??= responderAddress
  ent.entityLabel = `tunnel ${ent.deviceA} (${ent.addressA ?? '?'}) <-> ${ent.deviceB} (${ent.addressB ?? '?'})`
  ent.focusDevice = v.device
  ent.otherDevice = responder
  ent.source = {...(v.ike[0]?.source ?? ent.source), device: v.device, vendor: v.vendor}
  pair.device = v.device
  pair.vendor = v.vendor
  pair.derived.values.peer = responderAddress
  // remediation steps say "On the <side>": the initiator's and the responder's
  for (const side of pair.sides ?? []) side.placeholders.side = side.device === v.device ? 'initiator side' : 'responder side'
  pair.sides?.sort((a, b) => Number(b.device === v.device) - Number(a.device === v.device))
}

function sameTunnel(p: TunnelPair, device: string, address: string, other: string): boolean {
  if (p.deviceA === device) return p.addressA === address && p.deviceB === other
  return p.deviceB === device && p.addressB === address && p.deviceA === other
}
