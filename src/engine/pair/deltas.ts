/**
 * Same-interval counters of both ends: when both devices were also captured earlier (--before),
 * each side's encaps/decaps change over its own interval. Partial loss (B decapsulates fewer than
 * half of what A encapsulated) is judged only from these, never from cumulative counters, because
 * each side may have cleared its counters at a different time.
 */
import type {IpsecFlow} from '../../model/index.js'
import {DeviceIndex, type DeviceFacts} from '../device-index.js'
import {flowKey} from '../delta/flows.js'

export interface EarlierCaptures {
  byDevice: Map<string, DeviceFacts>
  captureMs(device: string): number | null
}

export interface FlowChange {
  dEncaps: number | null
  dDecaps: number | null
  /** t1 and t2 of the side, ms (null when unknown). */
  t1: number | null
  t2: number | null
}

/** Change of a flow's counters since the earlier capture of its device; null when not captured then. */
export function flowChanges(before: EarlierCaptures | undefined, afterMs: (device: string) => number | null) {
  const indexes = new Map<string, Map<string, IpsecFlow>>()
  const earlier = (device: string) => {
    let map = indexes.get(device)
    if (!map) {
      const facts = before?.byDevice.get(device)
      map = new Map((facts ? (new DeviceIndex(facts).facts.ipsecFlow ?? []) : []).map((f) => [flowKey(f), f]))
      indexes.set(device, map)
    }
    return map
  }
  return (device: string, flow: IpsecFlow): FlowChange | null => {
    if (!before) return null
    const f1 = earlier(device).get(flowKey(flow))
    if (!f1) return null
    // delta-counter-reset: a new SPI or a counter that went down means the t2 value is the change.
    const reset = (f1.currentOutboundSpi ?? 0) !== (flow.currentOutboundSpi ?? 0) || (flow.encaps ?? 0) < (f1.encaps ?? 0) || (flow.decaps ?? 0) < (f1.decaps ?? 0)
    const d = (v1: number | null, v2: number | null) => (v1 === null || v2 === null ? null : reset ? v2 : v2 - v1)
    return {dEncaps: d(f1.encaps, flow.encaps), dDecaps: d(f1.decaps, flow.decaps), t1: before.captureMs(device), t2: afterMs(device)}
  }
}

/** Both sides' intervals line up within `toleranceSec` (unknown times are accepted). */
export function sameInterval(x: FlowChange, y: FlowChange, toleranceSec: number): boolean {
  const close = (p: number | null, q: number | null) => p === null || q === null || Math.abs(p - q) <= toleranceSec * 1000
  return close(x.t1, y.t1) && close(x.t2, y.t2)
}
