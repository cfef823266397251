/**
 * Deltas of two captures of the same device: `diagnose --before old.txt new.txt`, or one input set in
 * which a device appears in two files with different capture times (timeline.ts splits those). For
 * every device captured at both times this yields flowDelta, peerDelta, dropDelta and
 * redundancyDelta entities, which the engine evaluates with the delta- rules.
 */
import type {DroppedPackets, Redundancy, Vendor} from '../../model/index.js'
import {DeviceIndex, type DeviceFacts} from '../device-index.js'
import type {ExtraEntity} from '../pair/entity.js'
import type {Thresholds} from '../thresholds.js'
import {at, extra, ResetTracker, timing, timingFields, type Capture, type Timing} from './common.js'
import {flowDeltas} from './flows.js'
import {peerDeltas} from './peers.js'
import type {DropDelta, RedundancyDelta} from './schema.js'
import {newRaw} from '../../model/raw.js'

export interface DeltaInput {
  /** Facts per device of the later capture and of the earlier one. */
  after: Map<string, DeviceFacts>
  before: Map<string, DeviceFacts>
  /** Capture time (ms) of a device in the later / earlier capture, null when it holds none. */
  afterMs: (device: string) => number | null
  beforeMs: (device: string) => number | null
  thresholdsFor: (device: string) => Thresholds
}

function vendorOf(facts: DeviceFacts): Vendor | null {
  for (const list of Object.values(facts)) if (list && list.length > 0) return list[0].source.vendor
  return null
}

function fileOf(facts: DeviceFacts): string {
  for (const list of Object.values(facts)) if (list && list.length > 0) return list[0].source.file
  return '?'
}

/** Which earlier device goes with which later one: same name; else the only device on each side. */
export function pairDevices(after: Map<string, DeviceFacts>, before: Map<string, DeviceFacts>): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const name of after.keys()) if (before.has(name)) out.push([name, name])
  if (out.length === 0 && after.size === 1 && before.size === 1) out.push([[...after.keys()][0], [...before.keys()][0]])
  return out
}

function dropDeltas(ix1: DeviceIndex, ix2: DeviceIndex, t: Timing, stuckPeers: Set<string>): ExtraEntity[] {
  const out: ExtraEntity[] = []
  const key = (d: DroppedPackets) => d.interface ?? d.ipAddress ?? '?'
  const before = new Map((ix1.facts.droppedPackets ?? []).map((d) => [key(d), d]))
  for (const d2 of ix2.facts.droppedPackets ?? []) {
    const d1 = before.get(key(d2))
    if (!d1) continue
    const reset = new ResetTracker()
    const dDrops = reset.delta('Drop Count', d1.dropCount, d2.dropCount) ?? 0
    const peers = d2.interface ? [...(ix2.peersByInterface.get(d2.interface) ?? [])].filter((p) => stuckPeers.has(p)) : []
    const entity: DropDelta = {
      kind: 'dropDelta', id: `drop-delta:${key(d2)}`, source: d2.source, raw: newRaw(),
      entityLabel: `interface ${key(d2)} (two captures)`,
      ...timingFields(t, reset),
      interface: d2.interface, drops1: d1.dropCount, drops2: d2.dropCount, dDrops, stuckPeers: peers,
    }
    out.push(extra(entity as unknown as Record<string, unknown>, d2, d2.source.device, d2.source.vendor, peers.length === 1 ? peers[0] : null, [at(d1, 'Drop Count', 't1')], [at(d2, 'Drop Count', 't2')]))
  }
  return out
}

function redundancyDeltas(ix1: DeviceIndex, ix2: DeviceIndex, t: Timing): ExtraEntity[] {
  const key = (r: Redundancy) => `${r.scope}|${r.name ?? r.primary ?? '?'}`
  const before = new Map((ix1.facts.redundancy ?? []).map((r) => [key(r), r]))
  const out: ExtraEntity[] = []
  for (const r2 of ix2.facts.redundancy ?? []) {
    const r1 = before.get(key(r2))
    if (!r1) continue
    const reset = new ResetTracker()
    const dFailures = reset.delta('Failure counter', r1.failureCounter, r2.failureCounter)
    const entity: RedundancyDelta = {
      kind: 'redundancyDelta', id: `redundancy-delta:${key(r2)}`, source: r2.source, raw: newRaw(),
      entityLabel: `redundancy ${r2.name ?? r2.primary ?? '?'} (two captures)`,
      ...timingFields(t, reset),
      name: r2.name, failures1: r1.failureCounter, failures2: r2.failureCounter, dFailures,
      primaryState2: r2.primaryState, backupState2: r2.backupState,
    }
    out.push(extra(entity as unknown as Record<string, unknown>, r2, r2.source.device, r2.source.vendor, null, [at(r1, 'Failure counter', 't1')], [at(r2, 'Failure counter', 't2')]))
  }
  return out
}

function capture(device: string, facts: DeviceFacts, ms: number | null): Capture {
  return {device, vendor: vendorOf(facts) ?? 'cisco', ms, iso: ms !== null ? new Date(ms).toISOString() : null, file: fileOf(facts)}
}

export function deltaEntities(input: DeltaInput): ExtraEntity[] {
  const out: ExtraEntity[] = []
  for (const [device, beforeName] of pairDevices(input.after, input.before)) {
    const f2 = input.after.get(device)!
    const f1 = input.before.get(beforeName)!
    const t = timing(capture(beforeName, f1, input.beforeMs(beforeName)), capture(device, f2, input.afterMs(device)))
    if (t.intervalSec !== null && t.intervalSec <= 0) continue // not "before" at all: same or later time
    const ix1 = new DeviceIndex(f1)
    const ix2 = new DeviceIndex(f2)
    const peers = peerDeltas(ix1, ix2, t)
    const stuck = new Set(peers.filter((p) => p.entity.stuckBoth === true).map((p) => p.entity.remoteAddress as string))
    const entities = [...flowDeltas(ix1, ix2, t, input.thresholdsFor(device)), ...peers, ...dropDeltas(ix1, ix2, t, stuck), ...redundancyDeltas(ix1, ix2, t)]
    const vendor = vendorOf(f2) ?? 'cisco'
    for (const e of entities) {
      e.device = device
      e.vendor = vendor
      e.entity.source = {...e.entity.source, device, vendor}
    }
    out.push(...entities)
  }
  return out
}

