/** One line saying what a parsed capture holds, e.g. "2 IKE SAs, peer 10.0.0.2 in MM_KEY_EXCH" or "configuration: 1 gateway (peer 203.0.113.1), 1 VPN". */
import type {ParseDocument} from '../model/index.js'

const MAX_PEERS = 3

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function ikePart(doc: ParseDocument): string[] {
  const sas = doc.facts.ikeSa
  if (sas.length === 0) return []
  const live = sas.filter((s) => !s.deleted)
  const byPeer = new Map<string, string>()
  for (const sa of live.length > 0 ? live : sas) {
    const peer = sa.remoteAddress ?? '?'
    const state = sa.stateRaw ?? sa.state
    // An established row wins over a negotiating leftover for the same peer.
    if (!byPeer.has(peer) || sa.state === 'established') byPeer.set(peer, state)
  }
  const peers = [...byPeer.entries()]
  const shown = peers.slice(0, MAX_PEERS).map(([peer, state]) => `peer ${peer} in ${state}`)
  if (peers.length > MAX_PEERS) shown.push(`${peers.length - MAX_PEERS} more peers`)
  const deleted = sas.length - live.length
  return [`${plural(sas.length, 'IKE SA')}${deleted > 0 ? ` (${deleted} deleted)` : ''}`, ...shown]
}

function ipsecPart(doc: ParseDocument): string[] {
  const flows = doc.facts.ipsecFlow.filter((f) => !f.transportParent)
  const sas = doc.facts.ipsecSa
  const parts: string[] = []
  if (flows.length > 0) {
    const up = flows.filter((f) => f.state === 'up').length
    const encaps = flows.reduce((n, f) => n + (f.encaps ?? 0), 0)
    const decaps = flows.reduce((n, f) => n + (f.decaps ?? 0), 0)
    const counted = flows.some((f) => f.encaps !== null || f.decaps !== null)
    parts.push(`${plural(flows.length, 'IPsec flow')} (${up} with SAs)${counted ? `, encaps ${encaps} / decaps ${decaps}` : ''}`)
  }
  if (sas.length > 0) {
    const inbound = sas.filter((s) => s.direction === 'inbound').length
    parts.push(`${plural(sas.length, 'IPsec SA')} (${inbound} in, ${sas.length - inbound} out)`)
  }
  return parts
}

function otherParts(doc: ParseDocument): string[] {
  const f = doc.facts
  const parts: string[] = []
  if (f.ikeStats.length > 0) {
    const missed = f.ikeStats.reduce((n, s) => n + (s.dpd?.acksMissed ?? 0), 0)
    parts.push(`IKE statistics for ${plural(f.ikeStats.length, 'peer')}${missed > 0 ? `, ${missed} DPD ACKs missed` : ''}`)
  }
  if (f.ipsecStats.length > 0) parts.push(`${plural(f.ipsecStats.length, 'IPsec statistics block')}`)
  if (f.engineConnection.length > 0) parts.push(plural(f.engineConnection.length, 'engine connection'))
  if (f.droppedPackets.length > 0) {
    const drops = f.droppedPackets.reduce((n, d) => n + d.dropCount, 0)
    parts.push(`${drops} packets dropped without a connection`)
  }
  if (f.cryptoMap.length > 0 || f.cryptoMapEntry.length > 0) {
    const unapplied = f.cryptoMap.filter((m) => m.interfaces.length === 0).length
    parts.push(`${plural(f.cryptoMapEntry.length, 'crypto map entry', 'crypto map entries')}${unapplied > 0 ? ` (${unapplied} map not applied)` : ''}`)
  }
  if (f.certificate.length > 0) {
    const expiries = f.certificate.map((c) => c.validTo).filter((d): d is string => d !== null).sort()
    parts.push(`${plural(f.certificate.length, 'certificate')}${expiries.length > 0 ? `, first expiry ${expiries[0].slice(0, 10)}` : ''}`)
  }
  if (f.redundancy.length > 0) {
    const failures = f.redundancy.reduce((n, r) => n + (r.failureCounter ?? 0), 0)
    parts.push(`redundancy state of ${plural(f.redundancy.length, 'path')}${failures > 0 ? `, ${failures} failovers` : ''}`)
  }
  for (const t of f.captureTime) parts.push(`device time ${t.time}`)
  for (const d of f.deviceInfo) parts.push([d.model, d.version, d.uptime === null ? null : `up ${d.uptime}`].filter((x) => x !== null).join(' ') || 'device information')
  if (f.clusterStatus.length > 0) {
    const notPrimaryOrSecondary = f.clusterStatus.filter((r) => r.status !== 'primary' && r.status !== 'secondary')
    parts.push(`chassis cluster: ${plural(f.clusterStatus.length, 'node row')}${notPrimaryOrSecondary.length > 0 ? `, ${notPrimaryOrSecondary.map((r) => `${r.node} ${r.status}${r.redundancyGroup === null ? '' : ` in group ${r.redundancyGroup}`}`).join(', ')}` : ''}`)
  }
  return parts
}

/** Configuration views: what they configure ("configuration: 1 IKE proposal, 1 gateway (peer 203.0.113.1), 1 VPN"). */
function configPart(doc: ParseDocument): string[] {
  const f = doc.facts
  const items: string[] = []
  if (f.ikeProposal.length > 0) items.push(plural(f.ikeProposal.length, 'IKE proposal'))
  if (f.ipsecProposal.length > 0) items.push(plural(f.ipsecProposal.length, 'IPsec proposal'))
  if (f.ikePolicy.length > 0) items.push(plural(f.ikePolicy.length, 'IKE policy', 'IKE policies'))
  if (f.ikeGateway.length > 0) {
    const peers = [...new Set(f.ikeGateway.flatMap((g) => g.peers))]
    items.push(`${plural(f.ikeGateway.length, 'gateway')}${peers.length > 0 ? ` (peer ${peers.slice(0, MAX_PEERS).join(', ')}${peers.length > MAX_PEERS ? ' ...' : ''})` : ''}`)
  }
  if (f.ipsecPolicy.length > 0) items.push(plural(f.ipsecPolicy.length, 'IPsec policy', 'IPsec policies'))
  if (f.vpnTunnel.length > 0) items.push(plural(f.vpnTunnel.length, 'VPN'))
  if (f.accessList.length > 0) items.push(plural(f.accessList.length, 'access list'))
  if (f.natRule.length > 0) items.push(plural(f.natRule.length, 'NAT rule'))
  return items.length > 0 ? [`configuration: ${items.join(', ')}`] : []
}

/** Status views: sessions and how many are not up, active peers, counters with failures, trustpoints, interfaces, routes. */
function statusPart(doc: ParseDocument): string[] {
  const f = doc.facts
  const parts: string[] = []
  const sessions = [...f.cryptoSession.map((s) => s.status === 'up'), ...f.vpnSession.map((s) => s.status === 'up')]
  if (sessions.length > 0) {
    const down = sessions.filter((up) => !up).length
    parts.push(`${plural(sessions.length, 'session')}${down > 0 ? ` (${down} not up)` : ''}`)
  }
  if (f.ikeActivePeer.length > 0) parts.push(plural(f.ikeActivePeer.length, 'active IKE peer'))
  if (f.statusCounter.length > 0) {
    const failing = f.statusCounter.filter((c) => c.failure && c.value > 0).length
    parts.push(`${plural(f.statusCounter.length, 'counter')}${failing > 0 ? ` (${failing} counting failures)` : ''}`)
  }
  if (f.trustpointStatus.length > 0) {
    const bad = f.trustpointStatus.filter((t) => t.ok === false).length
    parts.push(`${plural(f.trustpointStatus.length, 'trustpoint')}${bad > 0 ? ` (${bad} not usable)` : ''}`)
  }
  if (f.interfaceStatus.length > 0) {
    const down = f.interfaceStatus.filter((i) => i.tunnel && (i.linkStatus === 'down' || i.protocolStatus === 'down')).length
    parts.push(`${plural(f.interfaceStatus.length, 'interface')}${down > 0 ? ` (${plural(down, 'tunnel interface')} down)` : ''}`)
  }
  if (f.route.length > 0) parts.push(plural(new Set(f.route.map((r) => r.prefix)).size, 'route'))
  return parts
}

/** Log lines: how many, and the events that name a cause ("proposal-mismatch from 198.51.100.99"). */
function logPart(doc: ParseDocument): string[] {
  const events = doc.facts.logEvent ?? []
  if (events.length === 0) return []
  const lines = events.reduce((n, e) => n + e.count, 0)
  const named = new Set<string>()
  for (const e of events) if (e.event !== 'unknown' && e.event !== 'benign') named.add(`${e.event}${e.peer ? ` from ${e.peer}` : ''}`)
  const shown = [...named].slice(0, MAX_PEERS)
  if (named.size > MAX_PEERS) shown.push(`${named.size - MAX_PEERS} more events`)
  return [`${plural(lines, 'log line')}${shown.length > 0 ? `: ${shown.join(', ')}` : ' of no known meaning'}`]
}

/** The summary shown right after a paste; says so when the capture held no facts. */
export function summarizeCapture(doc: ParseDocument): string {
  const parts = [...ikePart(doc), ...ipsecPart(doc), ...otherParts(doc), ...statusPart(doc), ...configPart(doc), ...logPart(doc)]
  const unparsed = doc.summary.unparsedLines
  if (parts.length === 0) parts.push('no entries (the command printed nothing to diagnose)')
  if (unparsed > 0) parts.push(`${plural(unparsed, 'line')} not understood`)
  return parts.join(', ')
}
