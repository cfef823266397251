/**
 * A device that reloaded shortly before the capture names the first cause of SPI findings: the SAs its
 * peer still encrypts with were lost in the reload (conditions.md, ipsec-invalid-spi / pair-spi-mismatch:
 * "one side rebooted or cleared"). The uptime comes from `show version` ("uptime is 16 minutes") or
 * Junos `show system uptime` ("System booted: ... (00:23:13 ago)"); the cause names it with its line.
 */
import type {Evidence} from '../model/index.js'
import {rawGet} from '../model/raw.js'
import type {DeviceFacts} from './device-index.js'
import type {RankedFinding} from './grouping.js'

/** Up for less than this: a reload the peers' SAs (IKE lifetimes up to a day) can have outlived. */
const RECENT_SEC = 24 * 3600

/** Findings whose first cause a reload explains. */
const SPI_RULES = /^(?:ipsec-invalid-spi|pair-spi-mismatch|delta-invalid-spi-rising)$/

interface Reload {
  device: string
  uptimeSec: number
  printed: string
  evidence: Evidence
}

// "(00:23:13 ago)", "(5w0d 03:22 ago)", "(1d 02:10 ago)": the age Junos prints after "System booted:"
const JUNOS_AGE = /\((?:(\d+)w)?(?:(\d+)d)? ?(\d{1,2}):(\d{2})(?::(\d{2}))? ago\)/

function reloadOf(device: string, facts: DeviceFacts): Reload | null {
  for (const d of facts.deviceInfo ?? []) {
    if (d.uptimeSeconds === null || d.uptime === null) continue
    const raw = rawGet(d.raw, 'uptime')
    const line = raw?.line ?? d.source.startLine
    return {device, uptimeSec: d.uptimeSeconds, printed: `uptime is ${d.uptime}`, evidence: {file: d.source.file, line, field: 'uptime', value: d.uptime}}
  }
  for (const t of facts.captureTime ?? []) {
    const booted = rawGet(t.raw, 'System booted')
    const m = booted ? JUNOS_AGE.exec(booted.value) : null
    if (!booted || !m) continue
    const sec = (Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0)) * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5] ?? 0)
    return {device, uptimeSec: sec, printed: `System booted: ${booted.value}`, evidence: {file: t.source.file, line: booted.line, field: 'System booted', value: booted.value}}
  }
  return null
}

function spoken(sec: number): string {
  if (sec < 3600) return `${Math.max(1, Math.round(sec / 60))} min`
  return sec < 86400 ? `${Math.round(sec / 360) / 10} h` : `${Math.round(sec / 8640) / 10} days`
}

/** Puts the reload of the finding's device, or of a device its evidence comes from (a pair's other end), first among its causes. */
export function applyReloadEvidence(ranked: RankedFinding[], deviceFacts: Map<string, DeviceFacts>): void {
  const recent = new Map<string, Reload>()
  for (const [device, facts] of deviceFacts) {
    const r = reloadOf(device, facts)
    if (r && r.uptimeSec < RECENT_SEC) recent.set(device, r)
  }
  if (recent.size === 0) return
  for (const {finding: f} of ranked) {
    if (!SPI_RULES.test(f.ruleId)) continue
    // the finding's device and those its evidence comes from (both ends of a pair finding)
    const devices = new Set([f.device, ...f.evidence.flatMap((ev) => (ev.device ? [ev.device] : []))])
    for (const device of devices) {
      const r = recent.get(device)
      if (!r) continue
      const cause = `${r.device} reloaded ${spoken(r.uptimeSec)} before the capture (${r.printed}): the SAs its peer still uses were lost in the reload`
      f.causes = [cause, ...f.causes.filter((c) => c !== cause)]
      f.evidence = [...f.evidence, r.evidence]
    }
  }
}
