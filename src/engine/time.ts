/**
 * The instant time-dependent checks (certificate validity, lifetimes) are judged against, per device:
 * the capture's own time (show clock, Junos timestamps) when it holds one, else --at, else now.
 */
import type {ParseDocument} from '../model/index.js'

export type TimeSource = 'capture' | 'flag' | 'now'

export interface DeviceTime {
  device: string
  at: string
  ms: number
  source: TimeSource
}

export interface ResolvedTimes {
  byDevice: Map<string, DeviceTime>
  /** The document-level time: the latest capture time if any device has one, else --at, else now. */
  overall: {at: string; source: TimeSource}
  /** --at or now, for devices without a capture time. */
  fallback: {ms: number; source: TimeSource}
  problems: string[]
}

export function resolveTimes(doc: ParseDocument, at: string | undefined, now: Date): ResolvedTimes {
  const problems: string[] = []
  let fallback: {ms: number; source: TimeSource} = {ms: now.getTime(), source: 'now'}
  if (at !== undefined) {
    const ms = Date.parse(at)
    if (Number.isNaN(ms)) problems.push(`--at "${at}" is not an ISO 8601 time; using the current time`)
    else fallback = {ms, source: 'flag'}
  }
  const captureByDevice = new Map<string, number>()
  const note = (device: string, iso: string | null | undefined) => {
    const ms = iso ? Date.parse(iso) : NaN
    if (!Number.isNaN(ms)) captureByDevice.set(device, Math.max(captureByDevice.get(device) ?? -Infinity, ms))
  }
  for (const d of doc.devices) note(d.name, d.captureTime)
  for (const t of doc.facts.captureTime ?? []) note(t.source.device, t.time)
  const byDevice = new Map<string, DeviceTime>()
  const names = new Set([...doc.devices.map((d) => d.name), ...captureByDevice.keys()])
  for (const device of names) {
    const ms = captureByDevice.get(device)
    const chosen = ms !== undefined ? {ms, source: 'capture' as const} : fallback
    byDevice.set(device, {device, at: new Date(chosen.ms).toISOString(), ms: chosen.ms, source: chosen.source})
  }
  const captures = [...captureByDevice.values()]
  const overall =
    captures.length > 0
      ? {at: new Date(Math.max(...captures)).toISOString(), source: 'capture' as const}
      : {at: new Date(fallback.ms).toISOString(), source: fallback.source}
  return {byDevice, overall, fallback, problems}
}

/** Time of a device not listed in doc.devices (facts with an unexpected device name). */
export function timeFor(times: ResolvedTimes, device: string): DeviceTime {
  const known = times.byDevice.get(device)
  if (known) return known
  const {ms, source} = times.fallback
  return {device, at: new Date(ms).toISOString(), ms, source}
}
