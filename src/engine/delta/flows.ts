/** flowDelta: one IPsec flow (IOS proxy-id pair, Junos named SA) at t1 and t2. */
import type {IpsecFlow, IpsecSa} from '../../model/index.js'
import {DeviceIndex} from '../device-index.js'
import type {ExtraEntity} from '../pair/entity.js'
import {proxyText, spiHex} from '../pair/views.js'
import type {Thresholds} from '../thresholds.js'
import {at, extra, ResetTracker, sumOrNull, timingFields, type Timing} from './common.js'
import type {FlowDelta} from './schema.js'
import {newRaw, rawGet} from '../../model/raw.js'

export function flowKey(f: IpsecFlow): string {
  return `${f.remoteAddress ?? '?'}|${f.name ?? ''}|${f.cryptoMap ?? ''}|${proxyText(f)}`
}

function outboundSpi(f: IpsecFlow, sas: IpsecSa[]): number | null {
  if (f.currentOutboundSpi) return f.currentOutboundSpi
  const out = sas.filter((s) => s.direction === 'outbound' && s.protocol !== 'pcp')
  return out.length > 0 ? out[out.length - 1].spi : f.currentOutboundSpi
}

const hasSas = (f: IpsecFlow) => (f.currentOutboundSpi ?? 0) > 0 || f.saCount > 0

function rekeyDue(sas: IpsecSa[], vendor: string, t: Thresholds): {due: boolean; hardSec: number | null} {
  if (vendor === 'junos') {
    const expired = sas.filter((s) => s.softLifetimeExpired === true)
    const hard = expired.map((s) => s.hardLifetimeRemainingSec ?? s.lifetimeRemainingSec).filter((x): x is number => x !== null)
    return {due: expired.length > 0, hardSec: hard.length > 0 ? Math.max(...hard) : null}
  }
  const outbound = sas.filter((s) => s.direction === 'outbound' && s.protocol === 'esp')
  const secs = outbound.map((s) => s.lifetimeRemainingSec).filter((x): x is number => x !== null)
  return {due: outbound.length === 1 && secs.length === 1 && secs[0] < t.rekeyStalledIosSec, hardSec: secs[0] ?? null}
}

function interfaceDrops(ix: DeviceIndex, f: IpsecFlow): number | null {
  if (!ix.hasDrops) return null
  return ix.dropsOn(f.interface, f.localAddress).reduce((s, r) => s + r.dropCount, 0)
}

/** One flowDelta per flow printed at t2 (and per Junos SA that was due to rekey at t1 and is gone). */
export function flowDeltas(ix1: DeviceIndex, ix2: DeviceIndex, t: Timing, thresholds: Thresholds): ExtraEntity[] {
  const out: ExtraEntity[] = []
  const before = new Map<string, IpsecFlow>()
  for (const f of ix1.facts.ipsecFlow ?? []) if (!f.transportParent) before.set(flowKey(f), f)
  const seen = new Set<string>()
  for (const f2 of ix2.facts.ipsecFlow ?? []) {
    if (f2.transportParent) continue
    const key = flowKey(f2)
    const f1 = before.get(key)
    if (!f1 || seen.has(key)) continue
    seen.add(key)
    out.push(one(f1, f2, ix1, ix2, t, thresholds))
  }
  for (const [key, f1] of before) {
    if (seen.has(key)) continue
    const sas1 = ix1.sasOfFlow(f1)
    if (rekeyDue(sas1, f1.source.vendor, thresholds).due) out.push(one(f1, null, ix1, ix2, t, thresholds))
  }
  return out
}

function one(f1: IpsecFlow, f2: IpsecFlow | null, ix1: DeviceIndex, ix2: DeviceIndex, t: Timing, th: Thresholds): ExtraEntity {
  const reset = new ResetTracker()
  const sas1 = ix1.sasOfFlow(f1)
  const sas2 = f2 ? ix2.sasOfFlow(f2) : []
  const spi1 = outboundSpi(f1, sas1)
  const spi2 = f2 ? outboundSpi(f2, sas2) : null
  const spiChanged = !!spi1 && !!spi2 && spi1 !== spi2
  if (spiChanged) reset.force(`outbound SPI changed from ${spiHex(spi1!)} to ${spiHex(spi2!)}`)
  const dEncaps = reset.delta('#pkts encaps', f1.encaps, f2?.encaps)
  const dDecaps = reset.delta('#pkts decaps', f1.decaps, f2?.decaps)
  const dSendErrors = reset.delta('#send errors', sumOrNull(f1.sendErrors, f1.compressFailed), f2 ? sumOrNull(f2.sendErrors, f2.compressFailed) : null)
  const dRecvErrors = reset.delta('#recv errors', sumOrNull(f1.recvErrors, f1.decompressFailed), f2 ? sumOrNull(f2.recvErrors, f2.decompressFailed) : null)
  const drops1 = interfaceDrops(ix1, f1)
  const drops2 = f2 ? interfaceDrops(ix2, f2) : null
  const dDrops = drops1 !== null && drops2 !== null ? (drops2 < drops1 ? drops2 : drops2 - drops1) : null
  const peer = f1.remoteAddress
  const est1 = ix1.ikeEstablished(peer)
  const est2 = ix2.ikeEstablished(peer)
  const due = rekeyDue(sas1, f1.source.vendor, th)
  let rekeyNotCompleted = false
  let rekeyDetail: string | null = null
  if (due.due && f1.source.vendor === 'junos' && t.intervalSec !== null && due.hardSec !== null && t.intervalSec >= due.hardSec) {
    const spis1 = new Set(sas1.map((s) => s.spi))
    if (!f2 || sas2.length === 0) {
      rekeyNotCompleted = true
      rekeyDetail = `soft lifetime expired at t1 with ${due.hardSec} s to hard expiry; ${t.intervalText} the SA is gone with no successor`
    } else if (sas2.every((s) => spis1.has(s.spi))) {
      rekeyNotCompleted = true
      rekeyDetail = `soft lifetime expired at t1 with ${due.hardSec} s to hard expiry; ${t.intervalText} it still holds the same SPIs`
    }
  } else if (due.due && f1.source.vendor === 'cisco' && (!spi2 || spi2 === 0) && (dDrops ?? 0) > 0) {
    rekeyNotCompleted = true
    rekeyDetail = `${due.hardSec} s of SA lifetime left at t1; at t2 the outbound SPI is 0 and Drop Count rose by ${dDrops}`
  }
  const rate = (d: number | null, base: number | null) => (d === null || base === null ? null : base === 0 ? (d > 0 ? 1 : 0) : d / base)
  const entity: FlowDelta = {
    kind: 'flowDelta',
    id: `flow-delta:${flowKey(f1)}`,
    source: f1.source,
    raw: newRaw(),
    entityLabel: `${f1.name ? `SA ${f1.name}` : `flow ${proxyText(f1)}`} peer ${peer ?? '?'} (two captures)`,
    ...timingFields(t, reset),
    remoteAddress: peer,
    name: f1.name,
    proxy: proxyText(f1),
    state1: f1.state,
    state2: f2 ? f2.state : 'gone',
    hasSas1: hasSas(f1),
    hasSas2: f2 ? hasSas(f2) : false,
    encaps1: f1.encaps,
    encaps2: f2?.encaps ?? null,
    decaps1: f1.decaps,
    decaps2: f2?.decaps ?? null,
    dEncaps,
    dDecaps,
    dSendErrors,
    dRecvErrors,
    sendErrorRate: rate(dSendErrors, dEncaps),
    recvErrorRate: rate(dRecvErrors, dDecaps),
    spi1: spi1 ? spiHex(spi1) : spi1 === 0 ? '0x00000000' : null,
    spi2: spi2 ? spiHex(spi2) : spi2 === 0 ? '0x00000000' : null,
    spiChanged,
    ikeEstablishedBoth: est1 === null || est2 === null ? null : est1 && est2,
    dDrops,
    rekeyDue1: due.due,
    rekeyNotCompleted,
    rekeyDetail,
  }
  const pick = (labels: string[]) => [f1, f2].flatMap((f, i) => (f ? labels.filter((l) => rawGet(f.raw, l)).map((l) => at(f, l, i === 0 ? 't1' : 't2')) : []))
  const sasEvidence = (sas: IpsecSa[], when: 't1' | 't2') =>
    sas.filter((s) => s.direction === 'outbound').slice(0, 2).map((s) => at(s, ['Soft lifetime', 'sa timing', 'SPI', 'spi'], when))
  const topics = {
    trafficEvidence: pick(['#pkts encaps', '#pkts decaps', 'current outbound spi']),
    errorEvidence: pick(['#pkts encaps', '#pkts decaps', '#send errors', '#recv errors', '#pkts compr. failed', '#pkts decompress failed']),
    rekeyEvidence: [...pick(['current outbound spi']), ...sasEvidence(sas1, 't1'), ...sasEvidence(sas2, 't2')],
  }
  const ev1 = topics.trafficEvidence.filter((e) => e.field.endsWith('(t1)'))
  const ev2 = topics.trafficEvidence.filter((e) => e.field.endsWith('(t2)'))
  if (ev1.length === 0) ev1.push(at(f1, ['current_peer', 'Remote Gateway'], 't1', peer))
  const last = f2 ?? f1
  const out = extra(entity as unknown as Record<string, unknown>, last, last.source.device, last.source.vendor, peer, ev1, ev2)
  Object.assign(out.derived.evidence, topics)
  return out
}
