/** peerDelta: one IKE peer (IKE SA rows, Junos IKE statistics and the peer's flows) at t1 and t2. */
import type {Evidence, IkeSa, IkeStats} from '../../model/index.js'
import type {DeviceIndex} from '../device-index.js'
import type {ExtraEntity} from '../pair/entity.js'
import {at, extra, ResetTracker, sumOrNull, timingFields, type Timing} from './common.js'
import type {PeerDelta} from './schema.js'
import {newRaw, rawGet} from '../../model/raw.js'

const RANK = ['established', 'negotiating', 'failed', 'down', 'deleting', 'unknown']

function best(rows: IkeSa[]): IkeSa | undefined {
  return rows.filter((r) => !r.deleted).sort((a, b) => RANK.indexOf(a.state) - RANK.indexOf(b.state))[0]
}

const cookieKey = (s: IkeStats) => `${s.initiatorCookie ?? ''}:${s.responderCookie ?? ''}`

function statsOf(ix: DeviceIndex, peer: string): IkeStats | undefined {
  return (ix.facts.ikeStats ?? []).find((s) => s.remoteAddress === peer)
}

/** Messages IDs of Junos quick-mode negotiations in progress toward the peer. */
function negotiationIds(rows: IkeSa[]): Set<string> {
  const out = new Set<string>()
  for (const r of rows) for (const n of r.phase2Negotiations) if (n.messageId && !n.flags.some((f) => f.includes('waiting for done'))) out.add(n.messageId)
  return out
}

/**
 * IOS: kilobytes used by the outbound SA of a flow to the peer (same SPI at both times), against the
 * configured kB lifetime of the crypto map entry: how often the volume lifetime forces a rekey.
 */
function kbRate(peer: string, ix1: DeviceIndex, ix2: DeviceIndex, intervalSec: number) {
  const entry = (ix2.facts.cryptoMapEntry ?? []).find((e) => e.peers.includes(peer) && e.lifetimeKb)
  if (!entry?.lifetimeKb) return null
  let best: {consumed: number; spi: string; evidence: Evidence[]} | null = null
  for (const f2 of ix2.flowsByPeer.get(peer) ?? []) {
    const out2 = ix2.sasOfFlow(f2).find((x) => x.direction === 'outbound' && x.protocol === 'esp' && x.lifetimeRemainingKb !== null)
    if (!out2) continue
    const out1 = (ix1.flowsByPeer.get(peer) ?? []).flatMap((f1) => ix1.sasOfFlow(f1)).find((x) => x.direction === 'outbound' && x.spi === out2.spi && x.lifetimeRemainingKb !== null)
    if (!out1) continue
    const consumed = out1.lifetimeRemainingKb! - out2.lifetimeRemainingKb!
    const evidence = [at(out1, 'sa timing', 't1'), at(out2, 'sa timing', 't2'), at(entry, 'Security association lifetime', 't2')]
    if (consumed >= 0 && (!best || consumed > best.consumed)) best = {consumed, spi: `0x${out2.spi.toString(16).toUpperCase()}`, evidence}
  }
  return best ? {...best, kbPerSec: best.consumed / intervalSec, lifetimeKb: entry.lifetimeKb} : null
}

export function peerDeltas(ix1: DeviceIndex, ix2: DeviceIndex, t: Timing): ExtraEntity[] {
  const peers = new Set<string>()
  for (const sa of ix2.facts.ikeSa ?? []) if (sa.remoteAddress) peers.add(sa.remoteAddress)
  for (const st of ix2.facts.ikeStats ?? []) if (st.remoteAddress) peers.add(st.remoteAddress)
  const out: ExtraEntity[] = []
  for (const peer of peers) {
    const rows1 = ix1.ikeByPeer.get(peer) ?? []
    const rows2 = ix2.ikeByPeer.get(peer) ?? []
    const st1 = statsOf(ix1, peer)
    const st2 = statsOf(ix2, peer)
    if (rows1.length === 0 && !st1) continue
    out.push(one(peer, rows1, rows2, st1, st2, ix1, ix2, t))
  }
  return out
}

function one(peer: string, rows1: IkeSa[], rows2: IkeSa[], st1: IkeStats | undefined, st2: IkeStats | undefined, ix1: DeviceIndex, ix2: DeviceIndex, t: Timing): ExtraEntity {
  const reset = new ResetTracker()
  const b1 = best(rows1)
  const b2 = best(rows2)
  const state1 = b1?.state ?? (rows1.length > 0 ? 'deleting' : 'missing')
  const state2 = b2?.state ?? (rows2.length > 0 ? 'deleting' : 'missing')
  const stuckBoth = rows1.length > 0 && rows2.length > 0 && state1 !== 'established' && state1 !== 'missing' && ['negotiating', 'down', 'failed'].includes(state2)
  const conn1 = new Set(rows1.map((r) => r.connId).filter((c): c is number => c !== null && c !== 0))
  const newConnIds = new Set(rows2.map((r) => r.connId).filter((c): c is number => c !== null && c !== 0 && !conn1.has(c))).size
  const deleted1 = new Set(rows1.filter((r) => r.deleted).map((r) => `${r.connId}|${r.stateRaw}`))
  const newDeletedRows = rows2.filter((r) => r.deleted && !deleted1.has(`${r.connId}|${r.stateRaw}`)).length
  // Junos: the same quick-mode Message ID still in progress
  const ids1 = negotiationIds(rows1)
  const stillIds = [...negotiationIds(rows2)].filter((id) => ids1.has(id))
  // IOS: QM_IDLE both times, a flow to the peer with outbound SPI 0 both times, and Drop Count rose
  const flows1 = ix1.flowsByPeer.get(peer) ?? []
  const flows2 = ix2.flowsByPeer.get(peer) ?? []
  const noSpi = (fl: typeof flows1) => fl.length > 0 && fl.every((f) => f.transportParent || (f.currentOutboundSpi ?? 0) === 0)
  const drops = (ix: DeviceIndex) => ix.dropCount(ix.interfacesByPeer.get(peer) ?? []).count
  const d1 = drops(ix1)
  const d2 = drops(ix2)
  const dropsRose = d1 !== null && d2 !== null && d2 > d1
  const iosStuck = state1 === 'established' && state2 === 'established' && noSpi(flows1) && noSpi(flows2) && dropsRose
  const phase2Stuck = stillIds.length > 0 || iosStuck
  const phase2Detail = stillIds.length > 0
    ? `quick-mode negotiation (Message ID ${stillIds.join(', ')}) still in progress at both captures`
    : iosStuck ? `IKE SA established at both captures, outbound SPI still 0, Drop Count rose from ${d1} to ${d2}` : null
  // Cookie change = new IKE SA: the statistics start again.
  if (st1 && st2 && cookieKey(st1) !== cookieKey(st2)) reset.force('the IKE SA was re-created (new cookies)')
  const ikeRow1 = rows1.find((r) => r.inPackets !== null)
  const ikeRow2 = rows2.find((r) => r.inPackets !== null && (!ikeRow1 || r.initiatorCookie === ikeRow1.initiatorCookie))
  const inP1 = st1?.inPackets ?? ikeRow1?.inPackets
  const inP2 = st2?.inPackets ?? ikeRow2?.inPackets
  const outP1 = st1?.outPackets ?? ikeRow1?.outPackets
  const outP2 = st2?.outPackets ?? ikeRow2?.outPackets
  const dInPackets = reset.delta('Input packets', inP1, inP2)
  const dOutPackets = reset.delta('Output packets', outP1, outP2)
  const dAcksMissed = reset.delta('R-U-THERE-ACK notifications missed', st1?.dpd?.acksMissed, st2?.dpd?.acksMissed)
  const dInvalidSpi = reset.delta('Invalid SPI notifications', sumOrNull(st1?.invalidSpiReceived, st1?.invalidSpiSent), sumOrNull(st2?.invalidSpiReceived, st2?.invalidSpiSent))
  const dDeletesReceived = reset.delta('Delete IPsec SA payloads received', st1?.deletesReceived, st2?.deletesReceived)
  const dDeletesSent = reset.delta('Delete IPsec SA payloads sent', st1?.deletesSent, st2?.deletesSent)
  const dRekeys = reset.delta('IPSec tunnel rekeys', st1?.rekeys, st2?.rekeys)
  const dSasCreated = reset.delta('IPSec security associations created', st1?.ipsecSasCreated, st2?.ipsecSasCreated)
  const saCount = Math.max(1, (ix2.flowsByPeer.get(peer) ?? []).filter((f) => !f.transportParent).length)
  let rekeysPer600s: number | null = null
  let rekeyBasis: string | null = null
  if (dRekeys !== null && t.intervalSec && t.intervalSec > 0 && !reset.forced) {
    rekeysPer600s = Math.round(((dRekeys / saCount) * 600 * 100) / t.intervalSec) / 100
    rekeyBasis = `${dRekeys} rekeys ${t.intervalText} over ${saCount} SA(s)`
  }
  let kbEvidence: Evidence[] = []
  if (rekeysPer600s === null && t.intervalSec && t.intervalSec > 0) {
    const kb = kbRate(peer, ix1, ix2, t.intervalSec)
    if (kb) {
      rekeysPer600s = Math.round(((kb.kbPerSec * 600) / kb.lifetimeKb) * 100) / 100
      rekeyBasis = `${kb.consumed} kB ${t.intervalText} on SA ${kb.spi}, lifetime ${kb.lifetimeKb} kB`
      kbEvidence = kb.evidence
    }
  }
  const entity: PeerDelta = {
    kind: 'peerDelta',
    id: `peer-delta:${peer}`,
    source: (rows2[0] ?? st2 ?? rows1[0] ?? st1)!.source,
    raw: newRaw(),
    entityLabel: `peer ${peer} (two captures)`,
    ...timingFields(t, reset),
    remoteAddress: peer,
    localAddress: st2?.localAddress ?? b2?.localAddress ?? rows2[0]?.localAddress ?? st1?.localAddress ?? null,
    state1, state2,
    stateRaw1: b1?.stateRaw ?? null,
    stateRaw2: b2?.stateRaw ?? null,
    stuckBoth, newConnIds, newDeletedRows, phase2Stuck, phase2Detail,
    dInPackets, dOutPackets, dAcksMissed, acksMissed2: st2?.dpd?.acksMissed ?? null,
    dInvalidSpi, dDeletesReceived, dDeletesSent, dRekeys, dSasCreated, rekeysPer600s, rekeyBasis,
  }
  const stateEv = (rows: IkeSa[], when: 't1' | 't2'): Evidence[] => rows.filter((r) => !r.deleted || when === 't2').slice(0, 3).map((r) => at(r, ['state', 'State', 'Status'], when, r.stateRaw))
  const statEv = (labels: string[]) => [st1, st2].flatMap((st, i) => (st ? labels.filter((l) => rawGet(st.raw, l)).map((l) => at(st, l, i === 0 ? 't1' : 't2')) : []))
  const topics: Record<string, Evidence[]> = {
    stateEvidence: [...stateEv(rows1, 't1'), ...stateEv(rows2, 't2')],
    dpdEvidence: statEv(['R-U-THERE-ACK notifications missed', 'R-U-THERE-ACK missed', 'R-U-THERE notifications sent']),
    invalidSpiEvidence: statEv(['Invalid SPI notifications received', 'Invalid SPI notifications sent']),
    deletesEvidence: statEv(['Delete IPsec SA payloads received', 'Delete IPsec SA payloads sent']),
    rekeyEvidence: [...statEv(['IPSec tunnel rekeys', 'IPSec security associations']), ...kbEvidence],
    ikePacketEvidence: statEv(['Input packets', 'Output packets']).concat(
      st1 || st2 ? [] : [ikeRow1, ikeRow2].flatMap((r, i) => (r ? [at(r, 'Input packets', i === 0 ? 't1' : 't2'), at(r, 'Output packets', i === 0 ? 't1' : 't2')] : [])),
    ),
    phase2Evidence: [...rows1, ...rows2].flatMap((r) => r.phase2Negotiations.filter((n) => stillIds.includes(n.messageId ?? '')).map((n) => ({file: r.source.file, line: n.line, field: 'Message ID', value: n.messageId ?? '?', device: r.source.device}))),
  }
  const last = rows2[0] ?? st2 ?? rows1[0] ?? st1!
  const out = extra(entity as unknown as Record<string, unknown>, last, last.source.device, last.source.vendor, peer, topics.stateEvidence.filter((e) => e.field.endsWith('(t1)')), topics.stateEvidence.filter((e) => e.field.endsWith('(t2)')))
  Object.assign(out.derived.evidence, topics)
  return out
}
