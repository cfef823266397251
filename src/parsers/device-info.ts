/**
 * The deviceInfo fact of the three `show version` readers (IOS/IOS-XE, ASA, Junos), and the platform
 * a model names. Pure: the readers hand over what they read.
 */
import type {DeviceInfo, RawValues} from '../model/index.js'
import {spelledDurationSeconds} from '../reading/durations.js'
import {sourceOf, type ParseContext} from './types.js'

export type DevicePlatform = NonNullable<DeviceInfo['platform']>

export interface DeviceInfoValues {
  hostname: string | null
  model: string | null
  platform: DevicePlatform | null
  version: string | null
  uptime: string | null
  lastRestart: string | null
  reloadReason: string | null
  imageFile: string | null
}

export function emptyDeviceValues(): DeviceInfoValues {
  return {hostname: null, model: null, platform: null, version: null, uptime: null, lastRestart: null, reloadReason: null, imageFile: null}
}

// "ISR4331/K9", "ASR1001-X", "CSR1000V", "C8300-1N1S-6T", "C8000V", "C1111-4P", "C1121X-8P", "C9300-48P"
const IOS_XE_MODEL = /^(?:ISR4\d{3}|ASR-?1\d{3}|CSR1000V|C8\d{3}|C8000V|C11\d{2}[A-Z]*-|C9\d{3}|ISR1100)/
// ISR G2 and older ("CISCO2911/K9" -> "2911", "C891F-K9", "881", "1841", "7206VXR")
const IOS_MODEL = /^(?:CISCO)?(?:C?8\d{2}[A-Z]*|1[89]\d{2}|2[89]\d{2}|3[89]\d{2}|7[23]\d{2}[A-Z]*)(?:[-/]|$)/
// "ASA5516", "ASA5506W-X", "ASAv"
const ASA_MODEL = /^ASA/
// "srx340", "vsrx", "SRX5800"
const SRX_MODEL = /^v?srx/i
// "mx480", "vmx", "mx204"
const MX_MODEL = /^v?mx\d*$/i

/** The platform a model names, or null: ISR4xxx/ASR1k/CSR1000v/Cat8k are IOS-XE, ISR G2 IOS, srx/mx Junos. */
export function platformOfModel(model: string | null): DevicePlatform | null {
  if (model === null) return null
  const m = model.toUpperCase()
  if (ASA_MODEL.test(m)) return 'asa'
  if (IOS_XE_MODEL.test(m)) return 'ios-xe'
  if (IOS_MODEL.test(m)) return 'ios'
  if (SRX_MODEL.test(model)) return 'junos-srx'
  if (MX_MODEL.test(model)) return 'junos-mx'
  return null
}

/** The fact, from the first to the last line a value was read from. */
export function deviceInfoFact(ctx: ParseContext, raw: RawValues, v: DeviceInfoValues, node: string | null, partial: boolean): DeviceInfo {
  const first = Math.min(...raw.lines)
  const last = Math.max(...raw.lines)
  const fact: DeviceInfo = {
    kind: 'deviceInfo',
    id: `device:${node ?? ctx.node ?? 'self'}`,
    source: sourceOf(ctx, first, last),
    raw,
    hostname: v.hostname,
    model: v.model,
    platform: v.platform,
    version: v.version,
    uptime: v.uptime,
    uptimeSeconds: v.uptime === null ? null : spelledDurationSeconds(v.uptime),
    lastRestart: v.lastRestart,
    reloadReason: v.reloadReason,
    imageFile: v.imageFile,
    node: node ?? ctx.node,
  }
  if (partial) fact.partial = true
  return fact
}
