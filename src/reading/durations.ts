/**
 * Spelled-out durations as devices print an uptime: IOS "3 weeks, 2 days, 4 hours, 11 minutes",
 * "1 year, 12 weeks, 3 days", ASA "52 days 3 hours", "2 hours 3 mins", "4 mins 25 secs".
 */

const UNIT_SECONDS: Record<string, number> = {
  // a year as 365 days: IOS does not say how it counts one
  year: 365 * 86400,
  week: 7 * 86400,
  day: 86400,
  hour: 3600,
  min: 60,
  minute: 60,
  sec: 1,
  second: 1,
}

// "3 weeks", "1 year", "25 secs", "11 minutes"
const PART = /^(\d+) ([a-z]+?)s?$/

/** Seconds of a spelled-out duration; null when any part is not "<number> <unit>". */
export function spelledDurationSeconds(text: string): number | null {
  const parts = text.trim().replace(/,/g, ' ').split(/\s+/)
  if (parts.length === 0 || parts.length % 2 !== 0) return null
  let total = 0
  for (let i = 0; i < parts.length; i += 2) {
    const m = PART.exec(`${parts[i]} ${parts[i + 1].toLowerCase()}`)
    const unit = m ? UNIT_SECONDS[m[2]] : undefined
    if (!m || unit === undefined) return null
    total += Number(m[1]) * unit
  }
  return total
}
