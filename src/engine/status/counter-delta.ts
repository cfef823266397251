/**
 * Counter rows (statusCounter facts: ASA `show asp drop`, IOS-XE `show crypto ikev2 stats ...`, SRX
 * `show security ipsec tunnel-events-statistics`) at two capture times of one device: one counterDelta
 * per row printed at both times, with the change. A lower count at t2, or a changed ASP "Last
 * clearing" time, means the counters were cleared: the t2 value is then the change (delta-counter-reset).
 */
import type {StatusCounter, Vendor} from '../../model/index.js'
import {at, extra, ResetTracker, timing, timingFields, type Capture} from '../delta/common.js'
import {pairDevices} from '../delta/index.js'
import type {DeviceFacts} from '../device-index.js'
import {type EntitySource, type SourcedEntity} from '../sources.js'
import type {CounterDelta} from './schema.js'
import {newRaw} from '../../model/raw.js'

function key(c: StatusCounter): string {
  return `${c.node ?? ''}|${c.set}|${c.section ?? ''}|${c.code ?? c.name}`
}

function capture(device: string, facts: DeviceFacts, ms: number | null): Capture {
  let vendor: Vendor = 'cisco'
  let file = '?'
  for (const list of Object.values(facts)) {
    if (list && list.length > 0) {
      vendor = list[0].source.vendor
      file = list[0].source.file
      break
    }
  }
  return {device, vendor, ms, iso: ms !== null ? new Date(ms).toISOString() : null, file}
}

export const counterDeltaSource: EntitySource = (byDevice, ctx) => {
  const before = ctx.before
  if (!before) return []
  const out: SourcedEntity[] = []
  for (const [device, beforeName] of pairDevices(byDevice, before.byDevice)) {
    const f2 = byDevice.get(device)!
    const f1 = before.byDevice.get(beforeName)!
    const rows2 = f2.statusCounter ?? []
    if (rows2.length === 0) continue
    const t = timing(capture(beforeName, f1, before.captureMs(beforeName)), capture(device, f2, ctx.captureMs(device)))
    if (t.intervalSec !== null && t.intervalSec <= 0) continue
    const rows1 = new Map((f1.statusCounter ?? []).map((c) => [key(c), c]))
    for (const c2 of rows2) {
      const c1 = rows1.get(key(c2))
      if (!c1) continue
      const reset = new ResetTracker()
      if (c1.since !== null && c2.since !== null && c1.since !== c2.since) reset.force(`Last clearing changed from ${c1.since} to ${c2.since}`)
      const dValue = reset.delta(c2.code ?? c2.name, c1.value, c2.value) ?? 0
      const entity: CounterDelta = {
        kind: 'counterDelta', id: `counter-delta:${key(c2)}`, source: {...c2.source, device}, raw: newRaw(),
        entityLabel: `${c2.name}${c2.code && c2.code !== c2.name ? ` (${c2.code})` : ''} (two captures)`,
        ...timingFields(t, reset),
        set: c2.set, section: c2.section, name: c2.name, code: c2.code, vpn: c2.vpn, failure: c2.failure,
        value1: c1.value, value2: c2.value, dValue,
        ratePerMin: t.intervalSec !== null && t.intervalSec > 0 ? Math.round((dValue / t.intervalSec) * 600) / 10 : null,
      }
      const label = c2.raw.labels[0] ?? c2.name
      out.push(extra(entity as unknown as Record<string, unknown>, c2, device, c2.source.vendor, null, [at(c1, c1.raw.labels[0] ?? label, 't1')], [at(c2, label, 't2')]))
    }
  }
  return out
}
