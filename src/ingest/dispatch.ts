/**
 * Chooses the parser for a raw block (by typed command, or by content for headless pastes), splits
 * chassis-cluster output per node, runs the parser and turns the outcome into an accounted Block.
 * Parsers are loaded on demand: await prepare(raw) before dispatch(raw).
 */
import type {Block, Diagnostic, Fact, UnparsedLine, Vendor} from '../model/index.js'
import {allLoadedParsers, allParsersLoaded, loadedParser, loadParsers} from '../parsers/load.js'
import type {Line, ParseContext, ParserSpec} from '../parsers/types.js'
import {normalizePaste, saidInChat} from '../reading/paste.js'
import {isAuthorText, isLongSentence, isNameLine, isProseLine, isTicketHistory} from '../reading/prose.js'
import {clusterNode} from './clean.js'
import {argsFor, canonicalPipe, isSilentCommand, matchCommand, splitPipe, type CommandMatch} from './commands.js'
import {MAX_INTERLEAVED, MAX_LINE_LENGTH, type RawBlock} from './split.js'
import {addInterleaved, dispatchLog, withTunnelEvents} from './log-block.js'
import {isReachabilityCommand, reachabilityBlock} from './reachability.js'
import {rawNote} from '../model/raw.js'

/** Minimum detect() score for a headless block to be given to a parser. */
export const DETECT_THRESHOLD = 0.3

export interface DispatchResult {
  /** One part per block (several when chassis-cluster output was split per node). */
  parts: {block: Block; facts: Fact[]}[]
  diagnostics: Diagnostic[]
  /**
   * Set when the block should be cut at an author's sentence and its later part read by its content,
   * which needs every parser: load them all (loadParsers('all')) and dispatch the block again.
   */
  needsAllParsers?: true
}

interface Choice {
  parser: ParserSpec | null
  canonical: string | null
  args: string[]
  pipe: string | null
  reason: string | null
}

function bestByContent(candidates: readonly ParserSpec[], body: Line[]): {parser: ParserSpec; score: number} | null {
  let best: {parser: ParserSpec; score: number} | null = null
  for (const p of candidates) {
    let score = 0
    try {
      score = p.detect(body)
    } catch {
      score = 0
    }
    if (score > 0 && (best === null || score > best.score)) best = {parser: p, score}
  }
  return best
}

/**
 * Junos configuration mode shows the configuration below the hierarchy it names, without the word
 * "configuration": "root@srx# show security ike" prints "gateway gw-dc {" relative to security ike.
 * When the content is configuration, those words are its prefix, as the arguments of "show
 * configuration security ike" are.
 */
function configModeArgs(parser: ParserSpec, command: string): string[] {
  if (parser.id !== 'junos/show-configuration') return []
  // "show security ike", "show security ipsec vpn vpn-dc", "show services ipsec-vpn"
  const m = /^show ((?:security|services) .+)$/.exec(command.trim())
  return m ? m[1].split(/\s+/) : []
}

/**
 * The parsers a typed command names. The prompt's vendor is a prior; command words that only the other
 * vendor has decide. Words both vendors print (`show version`) give both vendors' parsers, the prompt
 * vendor's first: the content decides ("srx1> show version" looks like a Cisco prompt).
 */
function commandMatch(typed: string, vendor: Vendor | null): CommandMatch | null {
  const own = matchCommand(typed, vendor)
  if (own === null || vendor === null) return own ?? matchCommand(typed, null)
  const other = matchCommand(typed, vendor === 'cisco' ? 'junos' : 'cisco')
  if (other === null || other.canonical !== own.canonical) return own
  return {...own, parsers: [...own.parsers, ...other.parsers.filter((p) => p.command === own.canonical)]}
}

/**
 * The parsers dispatch(raw) may run: the ones its typed command names, else every parser when there
 * is content to detect (a headless paste, a command no parser has by name, an output split across
 * code fences), else none. A body of blank lines is detected by no parser
 * (test/parser-catalogue.test.ts), so it needs none loaded.
 */
export function parsersFor(raw: RawBlock): readonly string[] | 'all' {
  if (raw.log) return []
  // a part in a later code fence may be another output without its prompt, read by its content
  if (raw.fenceBreaks.length > 0) return 'all'
  const m = raw.typed !== null ? commandMatch(raw.typed, raw.vendor) : null
  if (m) return m.parsers.map((p) => p.id)
  return raw.hasContent ? 'all' : []
}

/** Loads the parsers dispatch(raw) needs (see parsersFor). */
export function prepare(raw: RawBlock): Promise<void> {
  return loadParsers(parsersFor(raw))
}

/** The parser the content names (the prompt vendor's first, when vendorFirst); null without content (see parsersFor) or below the threshold. */
function detected(raw: RawBlock, vendorFirst: boolean): {parser: ParserSpec; score: number} | null {
  if (!raw.hasContent) return null
  const all = allLoadedParsers()
  const pool = vendorFirst && raw.vendor ? all.filter((p) => p.vendor === raw.vendor) : all
  const best = bestByContent(pool, raw.body) ?? (pool !== all ? bestByContent(all, raw.body) : null)
  return best && best.score >= DETECT_THRESHOLD ? best : null
}

function choose(raw: RawBlock): Choice {
  if (raw.typed !== null) {
    const m = commandMatch(raw.typed, raw.vendor)
    if (m) {
      const candidates = m.parsers.map((p) => loadedParser(p.id))
      const parser = candidates.length === 1 ? candidates[0] : (bestByContent(candidates, raw.body)?.parser ?? candidates[0])
      return {parser, canonical: parser.command, args: argsFor(parser, raw.typed), pipe: m.pipe, reason: null}
    }
    // a command no parser has by name: the content may still be output ipsec-doctor reads
    const {command, pipe} = splitPipe(raw.typed)
    const best = detected(raw, false)
    if (best) return {parser: best.parser, canonical: best.parser.command, args: configModeArgs(best.parser, command), pipe: canonicalPipe(pipe), reason: null}
    return {parser: null, canonical: null, args: [], pipe, reason: `no parser for command "${command}"`}
  }
  const best = detected(raw, true)
  if (best) return {parser: best.parser, canonical: best.parser.command, args: [], pipe: null, reason: null}
  return {parser: null, canonical: null, args: [], pipe: null, reason: 'could not tell which command printed these lines'}
}

/** Splits a block body at "node0:" headers; header lines and all-blank leftovers count as ignored. */
function splitNodes(raw: RawBlock): {segments: {node: string | null; lines: Line[]}[]; ignored: number} {
  const body = raw.body
  // usual case, no "node0:" header (the splitter noted it): one segment holding the body itself, no copy
  if (!raw.hasNodeHeader) return raw.hasContent ? {segments: [{node: null, lines: body}], ignored: 0} : {segments: [], ignored: body.length}
  const all: {node: string | null; lines: Line[]}[] = [{node: null, lines: []}]
  let ignored = 0
  for (const line of body) {
    const node = clusterNode(line.text)
    if (node) {
      all.push({node, lines: []})
      ignored++
    } else all[all.length - 1].lines.push(line)
  }
  const segments = all.filter((s) => s.node !== null || s.lines.some((l) => l.text.trim() !== ''))
  for (const s of all) if (!segments.includes(s)) ignored += s.lines.length
  return {segments, ignored}
}

// "line 30: SA lacks its transform" / "SA 0x1B3C3D4E at line 30 lacks ..."
const LINE_REF = /\bline (\d+)\b/
// "line 2: " at the start of a parser warning
const LEADING_LINE = /^line \d+:\s*/

/** A parser warning as a diagnostic: at the line it names, else at the block's line range. */
function warningAt(warning: string, file: string, lines: Line[], fallback: number): Diagnostic {
  const named = LINE_REF.exec(warning)
  if (named) {
    const n = Number(named[1])
    return {level: 'warning', file, line: n, message: `${file}:${n}: ${warning.replace(LEADING_LINE, '')}`}
  }
  const first = lines[0]?.n ?? fallback
  const last = lines[lines.length - 1]?.n ?? first
  return {level: 'warning', file, line: first, message: `${file}:${first}${last > first ? `-${last}` : ''}: ${warning}`}
}

/** Copies the author's note of a line onto every raw value read from that line (evidence shows it). */
function attachNotes(facts: Fact[], lines: Line[]): void {
  let notes: Map<number, string> | null = null
  // an indexed loop: it runs once per block, over every line, before for-of would be optimized
  for (let i = 0; i < lines.length; i++) if (lines[i].note) (notes ??= new Map()).set(lines[i].n, lines[i].note as string)
  if (notes === null) return
  for (const f of facts) {
    const raw = f.raw
    for (let i = 0; i < raw.lines.length; i++) {
      const note = notes.get(raw.lines[i])
      if (note !== undefined) rawNote(raw, raw.labels[i], note)
    }
  }
}

/**
 * Parses a raw block. When an author pasted the next output without its prompt in the next code fence,
 * the block's parser reads none of that fence's lines: the block is cut there and each part read on
 * its own, the later one by its content (see fenceCut).
 */
export function dispatch(raw: RawBlock, file: string, fallbackDevice: string): DispatchResult {
  const result = dispatchWhole(raw, file, fallbackDevice)
  const cut = fenceCut(raw, result)
  if (cut === null) return result
  // a cut part is read by its content; the block's own command loaded only its parsers (prepare)
  if (!allParsersLoaded()) return {...result, needsAllParsers: true}
  const head = dispatch(cut[0], file, fallbackDevice)
  const tail = dispatch(cut[1], file, fallbackDevice)
  return {parts: [...head.parts, ...tail.parts], diagnostics: [...head.diagnostics, ...tail.diagnostics]}
}

/**
 * Where to cut a block at a code fence or an author's sentence: the first such break whose lines after
 * it (up to the next break) the parser read none of, or, in a headless block, whose lines before it it
 * read none of. Blank lines and an author's sentences do not count as read or unread. Null when no
 * part is unread.
 */
function fenceCut(raw: RawBlock, result: DispatchResult): [RawBlock, RawBlock] | null {
  if (raw.log) return null
  const unparsed = new Set<number>()
  for (const p of result.parts) for (const u of p.block.unparsed) unparsed.add(u.line)
  if (raw.fenceBreaks.length === 0 && unparsed.size === 0) return null
  const isProse = (l: Line) => isProseLine(l.text, l.original ?? l.text)
  const unread = (from: number, to: number) => {
    const content = raw.body.slice(from, to).filter((l) => l.text !== '' && !isProse(l))
    return content.length > 0 && content.every((l) => unparsed.has(l.n))
  }
  // an author's sentence between two outputs ("Keyring on our side:") breaks the block as a fence does
  const breaks = new Set(raw.fenceBreaks)
  // (only a sentence followed by an unread line can break; walked backwards, the next line is known)
  let nextUnread = false
  for (let i = raw.body.length - 1; i >= 0 && unparsed.size > 0; i--) {
    const l = raw.body[i]
    if (l.text === '') continue
    if (nextUnread && isProse(l)) breaks.add(i + 1)
    nextUnread = unparsed.has(l.n)
  }
  const edges = [0, ...[...breaks].sort((a, b) => a - b), raw.body.length]
  for (let j = 1; j < edges.length - 1; j++) {
    const at = edges[j]
    if (at <= 0 || at >= raw.body.length) continue
    if (unread(at, edges[j + 1]) || (raw.typed === null && unread(edges[j - 1], at))) return splitBody(raw, at)
  }
  return null
}

/** The block's body before `at` (with the command, prompt and lines set apart) and from `at` on, a headless block of the same device. */
function splitBody(raw: RawBlock, at: number): [RawBlock, RawBlock] {
  const start = raw.body[at].n
  const head: RawBlock = {...raw, endLine: start - 1, body: raw.body.slice(0, at), fenceBreaks: raw.fenceBreaks.filter((b) => b < at), endedByPrompt: false}
  const tail: RawBlock = {
    ...raw, startLine: start, typed: null, detectedBy: 'content', inherited: raw.device !== null, body: raw.body.slice(at), ignored: 0, consumed: 0,
    tooLong: [], interleaved: [], interleavedSetAside: null, deviceError: null, hasContent: true, fenceBreaks: raw.fenceBreaks.filter((b) => b > at).map((b) => b - at),
  }
  return [head, tail]
}

/** Parses a raw block whole; over-long lines are added to its account as unparsed, with one warning each. */
function dispatchWhole(raw: RawBlock, file: string, fallbackDevice: string): DispatchResult {
  const result = dispatchBody(raw, file, fallbackDevice)
  withTunnelEvents(result.parts)
  // log lines that landed inside this output (console messages): facts of the block's device
  if (raw.interleaved.length > 0) addInterleaved(raw, file, result.parts)
  const aside = raw.interleavedSetAside
  if (aside) {
    result.diagnostics.push({
      level: 'warning', file, line: aside.first,
      message: `${file}:${aside.first}: ${aside.count} more console message line(s) inside this output (lines ${aside.first}-${aside.last}) were counted, not read: only the first ${MAX_INTERLEAVED} are; capture the log on its own (show logging, show log kmd) to have them all read`,
    })
  }
  if (raw.tooLong.length === 0) return result
  const first = result.parts[0].block
  for (const l of raw.tooLong) {
    first.unparsed.push({line: l.n, text: `${l.text.slice(0, 80)}…`, reason: `line of ${l.text.length} characters (over ${MAX_LINE_LENGTH}) not parsed`})
    result.diagnostics.push({level: 'warning', file, line: l.n, message: `${file}:${l.n}: line of ${l.text.length} characters skipped (longer than ${MAX_LINE_LENGTH})`})
  }
  first.unparsed.sort((a, b) => a.line - b.line)
  return result
}

function dispatchBody(raw: RawBlock, file: string, fallbackDevice: string): DispatchResult {
  if (raw.log) return dispatchLog(raw, file, fallbackDevice)
  const choice = choose(raw)
  // a device named by an earlier prompt of the other vendor did not print this output
  const inheritedOther = raw.inherited && choice.parser !== null && raw.vendor !== null && choice.parser.vendor !== raw.vendor
  const device = inheritedOther ? fallbackDevice : (raw.device ?? fallbackDevice)
  const diagnostics: Diagnostic[] = []
  const base = {file, startLine: raw.startLine, endLine: raw.endLine, device, commandRaw: raw.typed, args: choice.args, pipe: choice.pipe}
  const vendor: Vendor | null = choice.parser?.vendor ?? raw.vendor

  if (raw.typed !== null && isSilentCommand(raw.typed)) {
    const block: Block = {...base, vendor, command: null, args: [], detectedBy: 'prompt', parser: null, node: null, facts: 0, consumedLines: raw.consumed, ignoredLines: raw.ignored + raw.body.length, unparsed: [], warnings: []}
    return {parts: [{block, facts: []}], diagnostics}
  }

  // a ping or traceroute typed between two captures: decoration, not a command without a parser
  if (raw.typed !== null && isReachabilityCommand(raw.typed) && choice.parser === null) {
    const set = reachabilityBlock(raw, base, vendor)
    return {parts: [{block: set.block, facts: []}], diagnostics: set.diagnostics}
  }

  if (raw.deviceError !== null && !raw.hasContent) {
    diagnostics.push({level: 'info', file, line: raw.startLine, message: `${file}:${raw.startLine}: ${device} answered "${raw.typed}" with an error: ${raw.deviceError}`})
    const block: Block = {...base, vendor, command: null, detectedBy: 'prompt', parser: null, node: null, facts: 0, consumedLines: raw.consumed, ignoredLines: raw.ignored + raw.body.length, unparsed: [], warnings: [`device error: ${raw.deviceError}`]}
    return {parts: [{block, facts: []}], diagnostics}
  }

  if (!choice.parser) {
    // blanks and an author's sentences are decoration; what is left was not understood. Lines no
    // command claimed are read with the looser test (a post's opening lines, a ticket's summary).
    const isDecoration = raw.typed === null ? isAuthorText : isProseLine
    const content = withoutSignature(raw.body.filter((l) => l.text.trim() !== '' && !isDecoration(l.text, l.original ?? l.text)), raw.body)
    const unparsed: UnparsedLine[] = content.map((l) => ({line: l.n, text: l.text, reason: choice.reason ?? undefined}))
    if (content.length > 0) {
      diagnostics.push({level: 'warning', file, line: content[0].n, message: `${choice.reason}: ${content.length} line(s) at ${file}:${content[0].n}-${content[content.length - 1].n} not parsed`})
    }
    const block: Block = {...base, vendor, command: null, detectedBy: raw.typed ? 'prompt' : 'none', parser: null, node: null, facts: 0, consumedLines: raw.consumed, ignoredLines: raw.ignored + raw.body.length - content.length, unparsed, warnings: []}
    return {parts: [{block, facts: []}], diagnostics}
  }

  const parser = choice.parser
  const {segments, ignored: nodeIgnored} = splitNodes(raw)
  const parts: DispatchResult['parts'] = []
  segments.forEach((seg, i) => {
    const ctx: ParseContext = {file, device, vendor: parser.vendor, command: parser.command, args: choice.args, pipe: choice.pipe, node: seg.node, endedByPrompt: i < segments.length - 1 || raw.endedByPrompt}
    const first = i === 0
    let result
    try {
      result = parser.parse(seg.lines, ctx)
    } catch (error) {
      const message = `parser ${parser.id} failed at ${file}:${seg.lines[0]?.n ?? raw.startLine}: ${(error as Error).message}`
      diagnostics.push({level: 'error', file, line: seg.lines[0]?.n ?? raw.startLine, message})
      result = {facts: [], warnings: [message], consumed: 0, ignored: 0, unparsed: seg.lines.filter((l) => l.text.trim() !== '').map((l) => ({line: l.n, text: l.text, reason: 'parser error'}))}
      result.ignored = seg.lines.length - result.unparsed.length
    }
    // an author's sentence between two parts of the output is decoration, not a line the parser missed;
    // what a chat's speaker wrote ("[10:04] Sara M: and phase 2?") is read with the looser test
    const isWritten = (u: UnparsedLine) => {
      const text = normalizePaste(u.text).text
      return isProseLine(text, u.text) || isLongSentence(text) || isTicketHistory(text) || (saidInChat(u.text) && isAuthorText(text, u.text))
    }
    if (result.unparsed.some(isWritten)) {
      const kept = result.unparsed.filter((u) => !isWritten(u))
      result = {...result, ignored: result.ignored + result.unparsed.length - kept.length, unparsed: kept}
    }
    attachNotes(result.facts, seg.lines)
    for (const w of result.warnings) diagnostics.push(warningAt(w, file, seg.lines, raw.startLine))
    parts.push({facts: result.facts, block: {
      ...base,
      startLine: first ? raw.startLine : (seg.lines[0]?.n ?? raw.startLine),
      endLine: i === segments.length - 1 ? raw.endLine : (seg.lines[seg.lines.length - 1]?.n ?? raw.endLine),
      vendor: parser.vendor,
      command: parser.command,
      detectedBy: raw.typed ? 'prompt' : 'content',
      parser: parser.id,
      node: seg.node,
      facts: result.facts.length,
      consumedLines: result.consumed + (first ? raw.consumed : 0),
      ignoredLines: result.ignored + (first ? raw.ignored + nodeIgnored : 0),
      unparsed: result.unparsed,
      warnings: result.warnings,
    }})
  })
  if (segments.length === 0) {
    parts.push({facts: [], block: {...base, vendor: parser.vendor, command: parser.command, detectedBy: raw.typed ? 'prompt' : 'content', parser: parser.id, node: null, facts: 0, consumedLines: raw.consumed, ignoredLines: raw.ignored + raw.body.length, unparsed: [], warnings: ['command printed no output']}})
  }
  return {parts, diagnostics}
}

/**
 * The lines left after an author's text was set aside, without a name signed below that text ("Still
 * down on our side. Answers inline." / "Priya"): a name line whose line above (blanks aside) was
 * author text, and below which nothing follows or a blank line does.
 */
function withoutSignature(content: Line[], body: Line[]): Line[] {
  const kept = new Set(content)
  return content.filter((l) => {
    if (!isNameLine(l.text)) return true
    const i = body.indexOf(l)
    let above = i - 1
    while (above >= 0 && body[above].text.trim() === '') above--
    const below = body[i + 1]
    return !(above >= 0 && !kept.has(body[above]) && (below === undefined || below.text.trim() === ''))
  })
}
