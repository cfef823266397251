/**
 * Phase 2 comparisons of two matched tunnel views: proxy-id mirror, SPI mirror, transforms,
 * lifetimes and encaps/decaps. Each check returns its verdict, the detail the message prints, and
 * the evidence lines of both sides.
 */
import type {Evidence, IpsecFlow, IpsecSa} from '../../model/index.js'
import {sameInterval, type FlowChange} from './deltas.js'
import {PAIR_LIMITS} from './limits.js'
import {comparableSas, evidence, inboundSpis, isAnySelector, mirrored, outboundSpis, proxyText, spiHex, type TunnelView} from './views.js'

export interface FlowPair {
  a: IpsecFlow
  b: IpsecFlow
  sasA: IpsecSa[]
  sasB: IpsecSa[]
}

export interface ProxyResult {
  pairs: FlowPair[]
  unmirroredA: IpsecFlow[]
  unmirroredB: IpsecFlow[]
  mirrorOk: boolean | null
  routeBasedMix: boolean
  evidence: Evidence[]
}

const IDENT_LABELS = {local: ['local ident', 'local ident (addr/mask/prot/port)', 'Local Identity'], remote: ['remote ident', 'remote ident (addr/mask/prot/port)', 'Remote Identity']}

function flowIdentEvidence(f: IpsecFlow): Evidence[] {
  return [evidence(f, IDENT_LABELS.local), evidence(f, IDENT_LABELS.remote)]
}

/** A flow whose capture printed neither selector (an SRX brief table row, a filtered view): its proxy ids are not known. */
const selectorsUnknown = (f: IpsecFlow) => f.localIdent === null && f.remoteIdent === null

/** One side's outbound SPI is among the other's inbound SPIs: the two flows are the two ends of one SA pair. */
function spiLinked(a: TunnelView, fa: IpsecFlow, b: TunnelView, fb: IpsecFlow): boolean {
  const sasA = a.sasByFlow.get(fa.id) ?? []
  const sasB = b.sasByFlow.get(fb.id) ?? []
  const inB = new Set(inboundSpis(sasB))
  const inA = new Set(inboundSpis(sasA))
  return outboundSpis(fa, sasA).some((x) => inB.has(x)) || outboundSpis(fb, sasB).some((x) => inA.has(x))
}

/**
 * Pairs the flows of two ends by mirrored proxy ids. A flow whose selectors the capture did not print
 * is paired by its SPIs instead, and is never counted as a flow without a mirror: unknown selectors
 * are not different ones.
 */
export function compareProxies(a: TunnelView, b: TunnelView): ProxyResult {
  const pairs: FlowPair[] = []
  const usedB = new Set<IpsecFlow>()
  const unmirroredA: IpsecFlow[] = []
  const link = (fa: IpsecFlow, fb: IpsecFlow) => {
    usedB.add(fb)
    pairs.push({a: fa, b: fb, sasA: a.sasByFlow.get(fa.id) ?? [], sasB: b.sasByFlow.get(fb.id) ?? []})
  }
  const unknownA: IpsecFlow[] = []
  for (const fa of a.flows) {
    if (selectorsUnknown(fa)) {
      unknownA.push(fa)
      continue
    }
    const fb = b.flows.find((x) => !usedB.has(x) && mirrored(fa, x)) ?? b.flows.find((x) => !usedB.has(x) && selectorsUnknown(x) && spiLinked(a, fa, b, x))
    if (fb) link(fa, fb)
    else unmirroredA.push(fa)
  }
  for (const fa of unknownA) {
    const fb = b.flows.find((x) => !usedB.has(x) && spiLinked(a, fa, b, x))
    if (fb) link(fa, fb)
  }
  const unmirroredB = b.flows.filter((f) => !usedB.has(f) && !selectorsUnknown(f))
  const bothHaveFlows = a.flows.some((f) => !selectorsUnknown(f)) && b.flows.some((f) => !selectorsUnknown(f))
  const mirrorOk = bothHaveFlows ? unmirroredA.length === 0 && unmirroredB.length === 0 : null
  const anyA = a.flows.some((f) => isAnySelector(f.localIdent) && isAnySelector(f.remoteIdent))
  const anyB = b.flows.some((f) => isAnySelector(f.localIdent) && isAnySelector(f.remoteIdent))
  const routeBasedMix = bothHaveFlows && anyA !== anyB
  const shown = mirrorOk === false ? [...unmirroredA, ...unmirroredB, ...(unmirroredA.length === 0 || unmirroredB.length === 0 ? [...a.flows, ...b.flows] : [])] : []
  const ev = [...new Set(shown)].slice(0, 8).flatMap(flowIdentEvidence)
  return {pairs, unmirroredA, unmirroredB, mirrorOk, routeBasedMix, evidence: ev}
}

export interface SpiResult {
  mirrorOk: boolean | null
  staleDevices: string[]
  detail: string | null
  evidence: Evidence[]
  outA: number[]
  inA: number[]
  outB: number[]
  inB: number[]
}

function spiEvidence(sas: IpsecSa[], flow: IpsecFlow): Evidence[] {
  const out = sas.filter((s) => s.protocol !== 'pcp').map((s) => evidence(s, ['spi', 'SPI'], `${spiHex(s.spi)} (${s.direction})`))
  if (out.length === 0 && flow.currentOutboundSpi) out.push(evidence(flow, 'current outbound spi', spiHex(flow.currentOutboundSpi)))
  if (out.length === 0) out.push(evidence(flow, ['current outbound spi', 'current_peer', 'remote crypto endpt.', 'Remote Gateway'], 'no SAs'))
  return out
}

/** A's outbound SPIs must be among B's inbound SPIs and the reverse, per mirrored flow. */
export function compareSpis(a: TunnelView, b: TunnelView, pairs: FlowPair[]): SpiResult {
  const res: SpiResult = {mirrorOk: null, staleDevices: [], detail: null, evidence: [], outA: [], inA: [], outB: [], inB: []}
  const stale = new Set<string>()
  const details: string[] = []
  for (const p of pairs) {
    const sasA = comparableSas(p.sasA, PAIR_LIMITS.nearExpirySec)
    const sasB = comparableSas(p.sasB, PAIR_LIMITS.nearExpirySec)
    const outA = sasA.length > 0 ? outboundSpis(p.a, sasA) : p.sasA.length === 0 && p.a.currentOutboundSpi ? [p.a.currentOutboundSpi] : []
    const outB = sasB.length > 0 ? outboundSpis(p.b, sasB) : p.sasB.length === 0 && p.b.currentOutboundSpi ? [p.b.currentOutboundSpi] : []
    const inA = inboundSpis(sasA)
    const inB = inboundSpis(sasB)
    res.outA.push(...outA)
    res.inA.push(...inA)
    res.outB.push(...outB)
    res.inB.push(...inB)
    const hasA = outA.length > 0 || inA.length > 0
    const hasB = outB.length > 0 || inB.length > 0
    if (!hasA && !hasB) continue
    if (res.mirrorOk === null) res.mirrorOk = true
    const what = proxyText(p.a)
    if (hasA && !hasB && (p.sasB.length === 0 && !p.b.currentOutboundSpi)) {
      stale.add(a.device)
      details.push(`${a.device} holds SAs for ${what} (outbound ${outA.map(spiHex).join(', ') || 'none'}) and ${b.device} holds none`)
    } else if (hasB && !hasA && (p.sasA.length === 0 && !p.a.currentOutboundSpi)) {
      stale.add(b.device)
      details.push(`${b.device} holds SAs for ${what} (outbound ${outB.map(spiHex).join(', ') || 'none'}) and ${a.device} holds none`)
    } else {
      const aKnown = outA.length === 0 || inB.length === 0 || outA.some((s) => inB.includes(s))
      const bKnown = outB.length === 0 || inA.length === 0 || outB.some((s) => inA.includes(s))
      if (!aKnown) {
        stale.add(a.device)
        details.push(`${a.device} sends with outbound SPI ${outA.map(spiHex).join(', ')}, not among ${b.device}'s inbound SPIs ${inB.map(spiHex).join(', ')}`)
      }
      if (!bKnown) {
        stale.add(b.device)
        details.push(`${b.device} sends with outbound SPI ${outB.map(spiHex).join(', ')}, not among ${a.device}'s inbound SPIs ${inA.map(spiHex).join(', ')}`)
      }
    }
    if (details.length > 0 && res.evidence.length === 0) res.evidence.push(...spiEvidence(p.sasA, p.a), ...spiEvidence(p.sasB, p.b))
  }
  // no flow of one end matched one of the other (an SRX inactive tunnel prints no selectors and no
  // SPI): one end holding SAs toward the other, whose flows toward it were printed whole and hold none,
  // is the same "A holds SAs and B holds none"
  if (res.mirrorOk === null) {
    for (const [x, y] of [[a, b], [b, a]]) {
      if (!holdsSas(x) || !holdsNoSa(y)) continue
      const out = x.flows.flatMap((f) => outboundSpis(f, x.sasByFlow.get(f.id) ?? []))
      stale.add(x.device)
      details.push(`${x.device} holds SAs toward ${y.device} (outbound ${out.map(spiHex).join(', ') || 'none'}) and ${y.device} holds none`)
      res.mirrorOk = true
      res.evidence.push(...x.flows.flatMap((f) => spiEvidence(x.sasByFlow.get(f.id) ?? [], f)))
    }
  }
  if (stale.size > 0) res.mirrorOk = false
  res.staleDevices = [...stale]
  res.detail = details.length > 0 ? details.join('; ') : null
  return res
}

function holdsSas(v: TunnelView): boolean {
  return v.flows.some((f) => (v.sasByFlow.get(f.id)?.length ?? 0) > 0 || (f.currentOutboundSpi ?? 0) > 0)
}

/** The end printed its flows toward the other whole, and none holds an SA. */
function holdsNoSa(v: TunnelView): boolean {
  return v.flows.length > 0 && v.flows.every((f) => f.partial !== true && (v.sasByFlow.get(f.id)?.length ?? 0) === 0 && !f.currentOutboundSpi)
}

export interface TransformResult {
  diffs: string[]
  evidence: Evidence[]
  pfsA: boolean | null
  pfsB: boolean | null
  dhA: number | null
  dhB: number | null
}

function activeSa(sas: IpsecSa[]): IpsecSa | undefined {
  const esp = sas.filter((s) => s.protocol === 'esp')
  return esp.find((s) => s.direction === 'outbound') ?? esp[0] ?? sas.find((s) => s.protocol === 'ah')
}

function differs(x: unknown, y: unknown): boolean {
  return x !== null && x !== undefined && y !== null && y !== undefined && x !== y
}

/** Transforms of the SAs of mirrored flows, PFS/DH of flows and of the crypto map entries. */
export function compareTransforms(a: TunnelView, b: TunnelView, pairs: FlowPair[]): TransformResult {
  const res: TransformResult = {diffs: [], evidence: [], pfsA: null, pfsB: null, dhA: null, dhB: null}
  const add = (field: string, va: unknown, vb: unknown, ev: Evidence[]) => {
    const text = `${field}: ${a.device} ${va}, ${b.device} ${vb}`
    if (res.diffs.includes(text)) return
    res.diffs.push(text)
    res.evidence.push(...ev)
  }
  for (const p of pairs) {
    const sa = activeSa(p.sasA)
    const sb = activeSa(p.sasB)
    if (sa && sb) {
      const labels = ['transform', 'Encryption', 'Protocol']
      if (differs(sa.protocol, sb.protocol)) add('protocol', sa.protocol, sb.protocol, [evidence(sa, labels), evidence(sb, ['Protocol', 'transform'])])
      if (differs(sa.encryption, sb.encryption)) add('encryption', sa.encryption, sb.encryption, [evidence(sa, labels), evidence(sb, ['Encryption', 'transform'])])
      if (differs(sa.integrity, sb.integrity)) add('integrity', sa.integrity, sb.integrity, [evidence(sa, ['transform', 'Authentication']), evidence(sb, ['Authentication', 'transform'])])
      if (differs(sa.mode, sb.mode)) add('mode', sa.mode, sb.mode, [evidence(sa, ['in use settings', 'Mode']), evidence(sb, ['Mode', 'in use settings'])])
    }
    res.pfsA ??= p.a.pfs
    res.pfsB ??= p.b.pfs
    res.dhA ??= p.a.dhGroup
    res.dhB ??= p.b.dhGroup
    if (differs(p.a.pfs, p.b.pfs)) add('PFS', p.a.pfs ? 'Y' : 'N', p.b.pfs ? 'Y' : 'N', [evidence(p.a, 'PFS (Y/N)'), evidence(p.b, 'PFS (Y/N)')])
    if (differs(p.a.dhGroup, p.b.dhGroup)) add('PFS DH group', p.a.dhGroup, p.b.dhGroup, [evidence(p.a, 'DH group'), evidence(p.b, 'DH group')])
  }
  const ea = entryToward(a, b)
  const eb = entryToward(b, a)
  if (ea && eb) {
    res.pfsA ??= ea.pfs
    res.pfsB ??= eb.pfs
    res.dhA ??= ea.dhGroup
    res.dhB ??= eb.dhGroup
    if (differs(ea.pfs, eb.pfs)) add('PFS', ea.pfs ? 'Y' : 'N', eb.pfs ? 'Y' : 'N', [evidence(ea, 'PFS (Y/N)'), evidence(eb, 'PFS (Y/N)')])
    if (differs(ea.dhGroup, eb.dhGroup)) add('PFS DH group', ea.dhGroup, eb.dhGroup, [evidence(ea, 'DH group'), evidence(eb, 'DH group')])
    // Both print their transform-set contents and share no cipher + integrity combination.
    const norm = (t: string) => t.toLowerCase().split(/\s+/).filter(Boolean).sort().join(' ') // "esp-256-aes esp-sha256-hmac"
    const ta = new Set(ea.transforms.map(norm))
    if (ta.size > 0 && eb.transforms.length > 0 && !eb.transforms.some((t) => ta.has(norm(t))))
      add('transform sets', ea.transforms.join(' | '), eb.transforms.join(' | '), [evidence(ea, 'Transform sets'), evidence(eb, 'Transform sets')])
  }
  return res
}

/** The static crypto map entry of `x` whose peers include the other side's address. */
export function entryToward(x: TunnelView, other: TunnelView) {
  return x.entries.find((e) => (other.local ? e.peers.includes(other.local) : true) && !e.isTemplate) ?? x.entries[0]
}

export interface LifetimeResult {
  mismatch: boolean
  textA: string | null
  textB: string | null
  shorter: string | null
  evidence: Evidence[]
}

export function compareLifetimes(a: TunnelView, b: TunnelView): LifetimeResult {
  const ea = entryToward(a, b)
  const eb = entryToward(b, a)
  const text = (e: typeof ea) => (e && (e.lifetimeKb !== null || e.lifetimeSec !== null) ? `${e.lifetimeKb ?? '?'} kB / ${e.lifetimeSec ?? '?'} s` : null)
  const res: LifetimeResult = {mismatch: false, textA: text(ea), textB: text(eb), shorter: null, evidence: []}
  if (!ea || !eb) return res
  const secDiff = differs(ea.lifetimeSec, eb.lifetimeSec)
  const kbDiff = differs(ea.lifetimeKb, eb.lifetimeKb)
  if (!secDiff && !kbDiff) return res
  res.mismatch = true
  const aShorter = secDiff ? ea.lifetimeSec! < eb.lifetimeSec! : ea.lifetimeKb! < eb.lifetimeKb!
  res.shorter = aShorter ? a.device : b.device
  res.evidence = [evidence(ea, 'Security association lifetime'), evidence(eb, 'Security association lifetime')]
  return res
}

export interface TrafficResult {
  issue: 'lost-in-transit' | 'no-reply' | 'partial-loss' | null
  from: string | null
  to: string | null
  sent: number | null
  received: number | null
  detail: string | null
  encapsA: number | null
  decapsA: number | null
  encapsB: number | null
  decapsB: number | null
  evidence: Evidence[]
}

const sum = (xs: Array<number | null>) => (xs.some((x) => x === null) || xs.length === 0 ? null : xs.reduce((s: number, x) => s + (x ?? 0), 0))

/** Encaps on one side against decaps on the other, per mirrored flow (IOS counters only). */
export function compareTraffic(a: TunnelView, b: TunnelView, pairs: FlowPair[], encapsFloor: number, change?: (device: string, flow: IpsecFlow) => FlowChange | null): TrafficResult {
  const res: TrafficResult = {
    issue: null, from: null, to: null, sent: null, received: null, detail: null,
    encapsA: sum(pairs.map((p) => p.a.encaps)), decapsA: sum(pairs.map((p) => p.a.decaps)),
    encapsB: sum(pairs.map((p) => p.b.encaps)), decapsB: sum(pairs.map((p) => p.b.decaps)),
    evidence: [],
  }
  for (const p of pairs) {
    for (const [x, y, fx, fy] of [[a, b, p.a, p.b], [b, a, p.b, p.a]] as const) {
      if (res.issue || fx.encaps === null || fy.decaps === null || fx.encaps < encapsFloor) continue
      const ev = [evidence(fx, '#pkts encaps'), evidence(fy, '#pkts decaps'), evidence(fy, '#pkts encaps')]
      if (fy.decaps === 0) {
        Object.assign(res, {issue: 'lost-in-transit', from: x.device, to: y.device, sent: fx.encaps, received: 0, evidence: ev})
        res.detail = `${x.device} encapsulated ${fx.encaps} packets for ${proxyText(fx)} and ${y.device} decapsulated none: ESP is lost between them`
      } else if (fy.encaps === 0) {
        Object.assign(res, {issue: 'no-reply', from: x.device, to: y.device, sent: fx.encaps, received: fy.decaps, evidence: ev})
        res.detail = `${y.device} decapsulated ${fy.decaps} of ${x.device}'s ${fx.encaps} packets but encapsulated none back: ${y.device} does not encrypt its replies`
      }
    }
  }
  if (!res.issue && change) partialLoss(res, a, b, pairs, encapsFloor, change)
  return res
}

/** (c) Both directions count, but B decapsulated fewer than half of A's encaps over the same interval. */
function partialLoss(res: TrafficResult, a: TunnelView, b: TunnelView, pairs: FlowPair[], encapsFloor: number, change: (device: string, flow: IpsecFlow) => FlowChange | null): void {
  for (const p of pairs) {
    for (const [x, y, fx, fy] of [[a, b, p.a, p.b], [b, a, p.b, p.a]] as const) {
      const cx = change(x.device, fx)
      const cy = change(y.device, fy)
      if (res.issue || !cx || !cy || !sameInterval(cx, cy, PAIR_LIMITS.maxCaptureGapSec)) continue
      if (cx.dEncaps === null || cy.dDecaps === null || cx.dEncaps < encapsFloor || cy.dDecaps <= 0 || cy.dDecaps >= 0.5 * cx.dEncaps) continue
      Object.assign(res, {issue: 'partial-loss', from: x.device, to: y.device, sent: cx.dEncaps, received: cy.dDecaps})
      res.detail = `between the captures ${x.device} encapsulated ${cx.dEncaps} packets for ${proxyText(fx)} and ${y.device} decapsulated only ${cy.dDecaps}: part of the ESP traffic is lost on the way`
      res.evidence = [evidence(fx, '#pkts encaps'), evidence(fy, '#pkts decaps')]
    }
  }
}
