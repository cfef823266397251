/**
 * Junos date formats -> ISO 8601 (UTC, "Z").
 *
 * - certificates (ES-PIC): "2003 Mar 1st, 01:20:42 GMT" (ordinal suffix st/nd/rd/th)
 * - show system uptime:    "2026-11-23 17:02:11 UTC"
 * - SRX PKI:               "01- 6-2023 10:33 UTC" (month-day-year, space padded)
 * - syslog-like:           "Mar  1 01:20:42 2003 GMT"
 */

export interface JunosDate {
  /** ISO 8601 instant in UTC, e.g. "2003-03-01T01:20:42Z". */
  iso: string
  /** Zone as printed (UTC, GMT, CET ...), null when none was printed. */
  zone: string | null
  /** True when the zone was missing or unknown, so the time was read as UTC. */
  assumedUtc: boolean
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
}

/** Offsets in minutes east of UTC for zone abbreviations Junos prints; ambiguous ones (IST, CST in Asia) use the common US/EU meaning. */
export const ZONE_OFFSETS_MIN: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, UT: 0,
  WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  JST: 540, KST: 540, SGT: 480, HKT: 480, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** Builds the result from calendar fields given in the printed zone; null when a field is out of range. */
function build(y: number, mo: number, d: number, h: number, mi: number, s: number, zoneText: string | undefined): JunosDate | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null
  const zone = zoneText ? zoneText.toUpperCase() : null
  let offset = 0
  let assumedUtc = true
  if (zone !== null) {
    // "+0100", "-05:00", "UTC+2"
    const numeric = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(zone)
    if (numeric) {
      offset = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0))
      assumedUtc = false
    } else if (zone in ZONE_OFFSETS_MIN) {
      offset = ZONE_OFFSETS_MIN[zone]
      assumedUtc = false
    }
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offset * 60_000
  const t = new Date(ms)
  if (Number.isNaN(ms) || t.getUTCFullYear() < 1900) return null
  // Reject days that roll over (Feb 30th)
  const local = new Date(Date.UTC(y, mo - 1, d))
  if (local.getUTCDate() !== d) return null
  const iso = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}Z`
  return {iso, zone: zoneText ?? null, assumedUtc}
}

/** Parses any of the Junos date forms above; null when the text is not a date. */
export function parseJunosDate(text: string): JunosDate | null {
  // "Mar  1 01:20:42 2003" -> "Mar 1 01:20:42 2003"
  const t = text.trim().replace(/\s+/g, ' ')
  // "2003 Mar 1st, 01:20:42 GMT" / "2003 Mar 31st, 01:50:42 GMT" / "2004 Aug 22nd, 07:08:32"
  const cert = /^(\d{4}) ([A-Za-z]{3})[a-z]* (\d{1,2})(?:st|nd|rd|th)?,? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?$/.exec(t)
  if (cert) {
    const mo = MONTHS[cert[2].toLowerCase()]
    if (!mo) return null
    return build(+cert[1], mo, +cert[3], +cert[4], +cert[5], +(cert[6] ?? 0), cert[7])
  }
  // "2026-11-23 17:02:11 UTC" / "2026-11-23 17:02:11 CET" / "2026-11-23 17:02:11"
  const isoLike = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?: ?([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?$/.exec(t)
  if (isoLike) return build(+isoLike[1], +isoLike[2], +isoLike[3], +isoLike[4], +isoLike[5], +(isoLike[6] ?? 0), isoLike[7])
  // "01- 6-2023 10:33 UTC" (collapsed: "01- 6-2023" -> "01- 6-2023"; spaces inside are allowed)
  const pki = /^(\d{1,2})- ?(\d{1,2})-(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([A-Za-z]{1,5}))?$/.exec(t)
  if (pki) return build(+pki[3], +pki[1], +pki[2], +pki[4], +pki[5], +(pki[6] ?? 0), pki[7])
  // "Mar  1 01:20:42 2003 GMT"
  const unix = /^([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) (\d{4})(?: ([A-Za-z]{1,5}))?$/.exec(t)
  if (unix) {
    const mo = MONTHS[unix[1].toLowerCase()]
    if (!mo) return null
    return build(+unix[6], mo, +unix[2], +unix[3], +unix[4], +unix[5], unix[7])
  }
  return null
}
