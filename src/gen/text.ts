/** Small text helpers shared by the renderers of the generator. */

export function pad(text: string | number, width: number): string {
  return String(text).padEnd(width)
}

export function padLeft(text: string | number, width: number): string {
  return String(text).padStart(width)
}

/** The lines joined and ended with a newline: one chunk of a streamed capture. */
export function chunk(lines: readonly string[]): string {
  return lines.join('\n') + '\n'
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

export function two(n: number): string {
  return String(n).padStart(2, '0')
}

/** "10:15:32" of a time, UTC. */
export function hms(time: Date): string {
  return `${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())}`
}

/** A remaining or elapsed time in seconds as "23:59:33" (hours may exceed 24). */
export function hoursMinSec(seconds: number): string {
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`
}

/** Wildcard mask of a netmask: 255.255.0.0 -> 0.0.255.255. */
export function wildcard(mask: string): string {
  return mask
    .split('.')
    .map((o) => String(255 - Number(o)))
    .join('.')
}
