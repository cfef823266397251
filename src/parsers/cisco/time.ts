/**
 * Cisco date/time forms ("17:02:11 UTC Mar 1 2025", "*17:02:11.123 UTC Mon Nov 23 2026") to ISO 8601.
 * Exported for the IOS-XE and ASA parsers, which print the same forms.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
}

/** Standard offsets (hours east of UTC) of zone abbreviations that are unambiguous enough. */
export const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 1, BST: 1, CET: 1, CEST: 2, MET: 1, MEST: 2, EET: 2, EEST: 3, MSK: 3,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8, HST: -10,
  JST: 9, KST: 9, HKT: 8, SGT: 8, AWST: 8, AEST: 10, AEDT: 11, NZST: 12, NZDT: 13,
}

export interface CiscoTime {
  /** ISO 8601 instant, e.g. "2025-03-01T17:02:11Z" (milliseconds kept when printed). */
  iso: string
  /** Zone as printed ("UTC", "CET"), null when none was printed. */
  zone: string | null
  /** True when the zone was UTC/GMT or its offset is known and was applied. */
  zoneKnown: boolean
  /** The offset applied, in hours (0 for UTC or an unknown zone). */
  offsetHours: number
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0')
}

/**
 * Builds the instant from its parts. `applyOffset` false keeps the wall time as UTC (certificates:
 * IOS prints them in the configured zone but the caller only wants a warning).
 */
function build(
  year: number, month: number, day: number, h: number, mi: number, s: number, ms: string | undefined,
  zone: string | null, applyOffset: boolean,
): CiscoTime | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return null
  const known = zone === null ? false : zone.toUpperCase() in ZONE_OFFSETS
  const offset = known && applyOffset ? ZONE_OFFSETS[zone!.toUpperCase()] : 0
  const millis = ms === undefined ? 0 : Number(ms.padEnd(3, '0').slice(0, 3))
  // Reject impossible days such as "Feb 30 2025"
  if (new Date(Date.UTC(year, month - 1, day)).getUTCMonth() !== month - 1) return null
  const t = Date.UTC(year, month - 1, day, h, mi, s, millis) - offset * 3600_000
  const d = new Date(t)
  const frac = ms === undefined ? '' : `.${pad(d.getUTCMilliseconds(), 3)}`
  const iso =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}Z`
  const isUtc = zone !== null && ZONE_OFFSETS[zone.toUpperCase()] === 0
  return {iso, zone, zoneKnown: isUtc || (known && applyOffset), offsetHours: offset}
}

/**
 * Certificate validity form: "17:02:11 UTC Mar 1 2025" (also "17:02:11 CET Mar  1 2025").
 * The wall time is kept as UTC; check `zoneKnown` (false for any zone but UTC/GMT) to warn.
 */
export function parseCertDate(text: string): CiscoTime | null {
  // "17:02:11 UTC Mar 1 2025"
  const m = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?\s+([A-Za-z]{1,6})\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})$/.exec(text.trim())
  if (!m) return null
  const month = MONTHS[m[6].toLowerCase()]
  if (!month) return null
  return build(Number(m[8]), month, Number(m[7]), Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], false)
}

export interface ClockReading extends CiscoTime {
  /** Leading "*" (never set) or "." (set, but not synchronized): the time is not authoritative. */
  marker: '*' | '.' | null
}

/**
 * `show clock` form: "*17:02:11.123 UTC Mon Nov 23 2026" or ".17:02:11.123 CET Mon Nov 23 2026".
 * Known zone offsets are applied.
 */
export function parseClock(text: string): ClockReading | null {
  // "*17:02:11.123 UTC Mon Nov 23 2026" / "17:02:11.123 PST Mon Nov 23 2026"
  const m = /^([*.])?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?\s+([A-Za-z]{1,6})\s+(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})$/.exec(
    text.trim(),
  )
  if (!m) return null
  const month = MONTHS[m[7].toLowerCase()]
  if (!month) return null
  const t = build(Number(m[9]), month, Number(m[8]), Number(m[2]), Number(m[3]), Number(m[4]), m[5], m[6], true)
  return t ? {...t, marker: (m[1] as '*' | '.' | undefined) ?? null} : null
}
