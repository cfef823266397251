/**
 * Could this capture have shown where a crypto map is applied? The binding is the ASA top-level line
 * `crypto map VPN interface outside` and, on IOS, the `crypto map VPN` line indented under its
 * `interface` section. A capture that could not show it (a filter that drops it, IOS `| section
 * crypto` which prints no interface section, an excerpt cut before the interfaces) says nothing about
 * whether the map is applied: its map fact is partial, and an empty interface list is then unknown,
 * not "not applied".
 */
import type {CiscoConfigReader} from './reader.js'

// "| include outside_map 20", "| i crypto map", "| section crypto", "| begin crypto map", "| exclude pfs", "| grep -v pfs"
const PIPE = /^\|\s*(\S+)\s*(.*)$/

type Verb = 'include' | 'exclude' | 'begin' | 'section' | 'whole' | 'other'

/**
 * The output modifier by its verb. The pipe comes canonical from ingest (src/ingest/commands.ts
 * canonicalPipe: "| i" is "| include", "| s" is "| section"); ASA "| grep" keeps its own flags.
 */
function verbOf(word: string, rest: string): {verb: Verb; pattern: string} {
  const w = word.toLowerCase()
  // ASA "| grep -v pfs" (exclude), "| grep -i crypto" (case-insensitive include: read as include)
  if (w === 'grep') return rest.startsWith('-v ') ? {verb: 'exclude', pattern: rest.slice(3)} : {verb: 'include', pattern: rest.replace(/^-i /, '')}
  if (w === 'include' || w === 'match') return {verb: 'include', pattern: rest}
  if (w === 'exclude' || w === 'except') return {verb: 'exclude', pattern: rest}
  if (w === 'begin' || w === 'section') return {verb: w, pattern: rest}
  if (w === 'no-more' || w === 'display') return {verb: 'whole', pattern: ''}
  return {verb: 'other', pattern: rest}
}

/** Does the filter's pattern match this line? An unreadable pattern counts as no. */
function matches(pattern: string, line: string): boolean {
  try {
    // regex-safety: the author's own filter pattern, run once on one synthetic line of under 100 characters
    return new RegExp(pattern.replace(/^"(.*)"$/, '$1')).test(line)
  } catch {
    return false
  }
}

/** True when the capture would have printed the binding of map `name` had there been one. */
export function bindingShown(r: CiscoConfigReader, name: string): boolean {
  // the line that binds the map, as the device prints it before any filter
  const line = r.asa ? `crypto map ${name} interface outside` : ` crypto map ${name}`
  const m = PIPE.exec((r.ctx.pipe ?? '').trim())
  const {verb, pattern} = m ? verbOf(m[1], m[2]) : {verb: 'whole' as Verb, pattern: ''}
  // IOS prints the binding inside an interface section: without one in the capture (an excerpt, a
  // cut, `| section crypto`), only an include filter that keeps the line itself could show it
  const interfaces = r.asa || r.sections.some((s) => s.type === 'interface')
  switch (verb) {
    case 'include':
      return matches(pattern, line)
    case 'exclude':
      return interfaces && !matches(pattern, line)
    case 'begin':
    case 'whole':
      return interfaces
    case 'section':
      // IOS `| section interface|crypto` keeps the interface sections whole; ASA has no section filter
      return !r.asa && interfaces
    default:
      return false
  }
}
