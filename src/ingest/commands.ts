/**
 * Maps a typed command ("sh cry isa sa | i QM", "show ike sec 1.1.1.1 detail") to the parsers whose
 * canonical command it abbreviates, with the remaining words as arguments. It reads the parsers'
 * metadata only (the catalogue), so matching a command loads no parser.
 */
import {CATALOGUE} from '../parsers/catalogue.js'
import type {ParserInfo} from '../parsers/types.js'
import type {Vendor} from '../model/index.js'

export interface CommandMatch {
  canonical: string
  args: string[]
  pipe: string | null
  /** Parsers that print this command (several when vendors/platforms share the words). */
  parsers: ParserInfo[]
}

interface Entry {
  words: string[]
  parser: ParserInfo
}

const ENTRIES: Entry[] = CATALOGUE.flatMap((p) =>
  [p.command, ...(p.aliases ?? [])].map((c) => ({words: c.split(' '), parser: p})),
)

/**
 * Spellings that name an output on both vendors: a prompt's shape is not enough to choose between
 * them (dispatch.ts reads the content). Other shared words ("show ipsec sa", ASA and legacy Junos)
 * keep deciding by the prompt, as they always have.
 */
const SHARED_WORDS = new Set(['show route'])

/** Commands that print nothing worth parsing: their blocks are accounted as ignored. */
const SILENT = [
  'terminal length',
  'terminal width',
  'terminal pager',
  'terminal monitor',
  'set cli screen-length',
  'set cli screen-width',
  'enable',
  'configure terminal',
  'exit',
  'end',
  'logout',
  'quit',
  'disable',
  // "All possible debugging has been turned off"
  'undebug all',
  'no debug all',
  // ASA multi-context: "changeto context tenant-b" prints nothing, the prompt changes
  'changeto',
].map((c) => c.split(' '))

function isAbbrev(typed: string, word: string): boolean {
  return typed === word || (typed.length >= 2 && word.startsWith(typed)) || (typed.length === 1 && word.length === 1)
}

/** A "*" word of a spelling stands for one argument typed inside the command ("show interfaces * terse"). */
const ANY = '*'

function prefixMatch(tokens: string[], words: string[]): boolean {
  if (tokens.length < words.length) return false
  for (let i = 0; i < words.length; i++) if (words[i] !== ANY && !isAbbrev(tokens[i], words[i])) return false
  return true
}

export function splitPipe(typed: string): {command: string; pipe: string | null} {
  const i = typed.indexOf('|')
  if (i < 0) return {command: typed.trim(), pipe: null}
  return {command: typed.slice(0, i).trim(), pipe: typed.slice(i).trim().replace(/\s+/g, ' ')}
}

/** Normalizes a pipe to its long form for parsers: "| i spi" -> "| include spi", "| dis json" -> "| display json". */
export function canonicalPipe(pipe: string | null): string | null {
  if (!pipe) return null
  const m = /^\|\s*(\S+)\s*(.*)$/.exec(pipe)
  if (!m) return pipe
  const verbs = ['include', 'exclude', 'begin', 'section', 'display', 'match', 'except', 'count', 'no-more', 'last', 'find']
  const typedVerb = m[1].toLowerCase()
  // Cisco resolves one-letter pipe verbs in this order: i = include, e = exclude, b = begin, s = section.
  const verb = verbs.find((v) => v.startsWith(typedVerb)) ?? m[1]
  let rest = m[2]
  if (verb === 'display') rest = rest.replace(/^js\w*$/i, 'json').replace(/^x\w*$/i, 'xml')
  return `| ${verb}${rest ? ` ${rest}` : ''}`
}

/**
 * Every parser whose command (or alias) the typed words abbreviate, the longest match first, with the
 * arguments after the first one's words. Several parsers answer when platforms share the words (IOS
 * and ASA `show crypto isakmp sa [detail]`): the content decides among them (dispatch.ts).
 */
export function matchCommand(typed: string, vendor: Vendor | null): CommandMatch | null {
  const {command, pipe} = splitPipe(typed)
  const tokens = command.toLowerCase().split(/\s+/).filter(Boolean)
  if (tokens.length === 0) return null
  const longest = new Map<ParserInfo, number>()
  const spelled = new Set<string>()
  for (const e of ENTRIES) {
    if (vendor && e.parser.vendor !== vendor) continue
    if (!prefixMatch(tokens, e.words)) continue
    longest.set(e.parser, Math.max(longest.get(e.parser) ?? 0, e.words.length))
    spelled.add(e.words.join(' '))
  }
  if (longest.size === 0) return null
  // words both vendors print under ("show route": Junos, and ASA): the prompt ("srx1>" looks like
  // Cisco) does not decide, the content does; the prompt vendor's parsers stay first
  if (vendor) {
    for (const e of ENTRIES) {
      if (e.parser.vendor === vendor || !SHARED_WORDS.has(e.words.join(' ')) || !spelled.has(e.words.join(' ')) || !prefixMatch(tokens, e.words)) continue
      longest.set(e.parser, Math.max(longest.get(e.parser) ?? 0, e.words.length) - 0.5)
    }
  }
  const parsers = [...longest].sort((a, b) => b[1] - a[1]).map(([p]) => p)
  return {canonical: parsers[0].command, args: argsFor(parsers[0], typed), pipe: canonicalPipe(pipe), parsers}
}

/**
 * The typed words after the parser's command. They count from the shortest spelling of the parser
 * that matches, so an alias such as "show crypto ipsec sa detail" still leaves ["detail"].
 */
export function argsFor(parser: ParserInfo, typed: string): string[] {
  const command = splitPipe(typed).command
  const tokens = command.toLowerCase().split(/\s+/).filter(Boolean)
  // by id: the parser may be the loaded spec, a different object from its catalogue entry
  const matching = ENTRIES.filter((e) => e.parser.id === parser.id && prefixMatch(tokens, e.words))
  const words = command.split(/\s+/).filter(Boolean)
  if (matching.length === 0) return words.slice(tokens.length)
  const shortest = matching.reduce((a, b) => (b.words.length < a.words.length ? b : a))
  // the words a "*" stood for are arguments too: "show interfaces st0 terse" gives ["st0"]
  const inside = shortest.words.flatMap((w, i) => (w === ANY ? [words[i]] : []))
  return [...inside, ...words.slice(shortest.words.length)]
}

/**
 * The spelling of the parser's command (canonical or alias) that the typed words abbreviate, the
 * longest first: `show crypto ipsec sa count` and `show crypto isakmp sa count` share one parser and
 * one canonical command but are different outputs, as are ASA `show running-config ipsec` and
 * `show running-config tunnel-group`. Null when no spelling matches or the parser's aliases are mere
 * spellings of one output.
 */
export function spellingOf(parserId: string, typed: string): string | null {
  if (!CATALOGUE.some((p) => p.id === parserId && p.aliasesAreViews)) return null
  const tokens = splitPipe(typed).command.toLowerCase().split(/\s+/).filter(Boolean)
  let best: Entry | null = null
  for (const e of ENTRIES) if (e.parser.id === parserId && prefixMatch(tokens, e.words) && (!best || e.words.length > best.words.length)) best = e
  return best ? best.words.join(' ') : null
}

export function isSilentCommand(typed: string): boolean {
  const tokens = splitPipe(typed).command.toLowerCase().split(/\s+/).filter(Boolean)
  return tokens.length > 0 && SILENT.some((w) => prefixMatch(tokens, w))
}

