/**
 * Paste normalization: what a capture looks like after a terminal, a ticket, a chat tool or a web
 * page had it, brought back to one canonical form before any parser sees it.
 *
 *  - tabs, non-breaking and other Unicode spaces become spaces; zero-width characters go;
 *  - Markdown residue goes: code fences, backticks, a leading "> " quote, "*" / "**" emphasis, an
 *    outer table pipe, the rule under a table's header row;
 *  - an author's note at the end of a line ("<-- this one", "<<YOUR SIDE", "  ! note", "  # note",
 *    "  (nothing comes back!)") is split off and kept as the line's annotation;
 *  - a note on its own line ("<SNIP>", "...", "[output omitted]", "--- output cropped here ---") is
 *    recognised as decoration;
 *  - the speaker of a chat or ticket line ("[10:02] Tomasz K.: ") goes like a quote marker;
 *  - runs of spaces collapse to one and the indentation goes.
 *
 * The result is the same whatever happened to the whitespace on the way, so parsers read one form:
 * columns and indentation carry no meaning, words do.
 */

import type {Line} from './line.js'
import {isAddressLike, isMaskedAddress} from './address.js'
import {PERSONAL_WORDS, PROSE_WORDS} from './prose.js'

export type PastedKind = 'content' | 'blank' | 'note' | 'fence'

export interface PastedLine {
  /** Canonical text: single spaces, no indentation, no trailing blanks, no note. */
  text: string
  /** The author's note split off the end of the line, without its marker ("this one"). */
  note: string | null
  kind: PastedKind
}

// tab, NBSP, ogham space, en/em/thin... spaces, narrow NBSP, math space, ideographic space, BOM
const WIDE_SPACE = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/g
// zero-width space, joiners, word joiner
const ZERO_WIDTH = /[\u200b-\u200d\u2060]/g
// "```", "```text", "~~~"
const FENCE = /^\s*(?:`{3,}|~{3,})[\w-]*\s*$/
// "|---|---|---|", "| --- | :---: |", "---|---": the rule under a Markdown table's header row
const TABLE_RULE = /^\s*\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?\s*)?$/
// "> 203.0.113.5 ..." (Markdown quote, possibly nested "> > ")
const QUOTE = /^\s*(?:>\s)+/

/**
 * A note at the end of a line. Group 1 is the marker with its note.
 *  "QM_IDLE 1004 ACTIVE   <-- never comes up", "State : MM_ACTIVE <<YOUR SIDE", "... <== here",
 *  "... --> peer side"
 */
// (not Junos `show interfaces terse`'s Remote column, "--> 0/0", "--> 10.0.0.16", "--> ae0.0", "--> X.X.X.5")
const ARROW_NOTE = /\s(?:<-+|<=+|<<+|-{2,}>(?! ?(?:[\dxX.:/]+|[a-z]{2,4}\d[\w./:-]*|<[\w.-]+>)(?:\s|$))|={2,}>)(?:\s|$).*$|\s(?:<-+|<<+|<=+)[A-Za-z].*$/
// "crypto map VPN 10  ! primary", "#pkts decaps: 0  # none back", "...  // see below"
const MARK_NOTE = /\s{2,}(?:!|#|\/\/)(?:\s.*|)$/
// what MARK_NOTE needs and an indented "    #pkts encaps: 12" lacks: a mark followed by a blank or the line's end
const MARK_ALONE = /(?:!|#|\/\/)(?:\s|$)/
// "#pkts decaps: 0  (nothing comes back!)", "... 1004 ACTIVE  (this is the stuck one)"
const PAREN_NOTE = /\s+\(([^()]*)\)\s*$/

// "<Customer IP>", "<VPN GW public IP 1>": a placeholder of words an author put where a value was
const PLACEHOLDER_WITH_SPACES = /<[A-Za-z][\w-]*(?: [\w-]+){1,5}>/g

/** Words a device prints in parentheses at the end of a line; never an author's note. */
const DEVICE_PARENS = /^(?:deleted|none|sec|secs|seconds|kb|kb\/sec|k\/sec|bytes\/sec|ms|bytes|packets|active|inactive|standby|up|down|expired|dormant)$/i

// words of an author's note about what was left out
const LEFT_OUT = String.raw`(?:snip(?:ped)?|omitted|truncated|trimmed|cropped|removed|cut|more lines|more output|output continues|lines? (?:deleted|skipped))`
/**
 * Lines that are a note and nothing else: "...", "…", "[...]", "<SNIP>", "[output omitted]",
 * "<output truncated>", "(many more lines)", "--- output cropped here ---", "-- snip --", "snip".
 */
// regex-safety: built once from the constant LEFT_OUT above, no input text; spans are bounded ({0,60}, {0,100})
// ("[snip - ah/pcp and outbound, outbound esp uses conn id 2094, same transform]": what follows the word may be long)
const NOTE_LINE = new RegExp(
  String.raw`^(?:\.{2,}|…|[[<(]\s*(?:\.{2,}|…)\s*[\]>)]` +
    String.raw`|[[<(][^[\]<>()]{0,60}\b${LEFT_OUT}\b[^[\]<>()]{0,100}[\]>)]` +
    String.raw`|[-=~*#]{2,}.{0,60}\b${LEFT_OUT}\b.{0,60}[-=~*#]{2,}` +
    String.raw`|(?:output )?${LEFT_OUT}(?: here)?\.?)$`,
  'i',
)

// "--no SA to 198.51.100.77, stuck--", "-- this is the hub --", "===== R1 =====",
// "=== Side A: r1-edge (ISR4331, IOS-XE 17.6.5) -- responder ===", "### R2 ###": words an author framed
// with a run of one mark on both sides (a device prints such runs alone, as rules, never around words)
const FRAMED_NOTE = /^([-=#*~])\1+ ?[A-Za-z0-9][^]{0,100}? ?\1{2,}$/
// "[... same every ~30 s until 00:31 ...]", "(... 40 more lines ...)": what was left out, in brackets
const ELLIPSIS_NOTE = /^[[(<] ?(?:\.{2,}|…)[^[\]<>()]{0,80}[\]>)]$|^[[(<][^[\]<>()]{0,80}(?:\.{2,}|…) ?[\]>)]$/

// "(1 min later)", "[60 s later]", "... 5 minutes later:", "~30s later, same command": the author marks
// the time between two runs of a command
const TIME_LAPSE = /^[([]?(?:\.{2,} ?|…)?(?:(?:about|approx\.?|~) ?)?\d+ ?(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?) later\b[^()[\]]{0,60}[)\]]?:?$/i

/**
 * A line that is an author's note and nothing else: NOTE_LINE, words framed with a mark, an ellipsis
 * in brackets, the time between two runs ("(1 min later)"), or a remark in parentheses that reads as prose ("(indentation lost when pasting from
 * the jump host, sorry)").
 */
function isNoteLine(text: string): boolean {
  if (NOTE_LINE.test(text)) return true
  if (!text.includes(' ')) return false
  if (text.includes('later') && TIME_LAPSE.test(text)) return true
  const c = text.charCodeAt(0)
  if (c === 40 /* ( */ && text.endsWith(')') && text.indexOf(')') === text.length - 1 && isProseRemark(text.slice(1, -1), false) && isWrittenRemark(text.slice(1, -1))) return true
  return (FRAMED_NOTE.test(text) && framesWords(text)) || ((c === 91 || c === 40 || c === 60) /* [ ( < */ && ELLIPSIS_NOTE.test(text))
}

/**
 * Whether what a FRAMED_NOTE line frames holds a word ("R1", "Side A", "stuck"): an IOS NAT row of
 * addresses between "---" columns ("--- 198.51.100.140 10.5.20.15 --- ---") frames none.
 */
function framesWords(text: string): boolean {
  return text.split(' ').some((w) => /[A-Za-z]/.test(w) && !isAddressLike(w.replace(/[,:;]$/, '')))
}

/** Words a person writes (PROSE_WORDS or personal words): a parenthesised line of device output has none. */
function isWrittenRemark(inner: string): boolean {
  return inner.split(' ').some((w) => {
    const x = w.replace(/^[("'“]+|[)"'”,.;:!?]+$/g, '').toLowerCase()
    return PROSE_WORDS.has(x) || PERSONAL_WORDS.has(x)
  })
}

function stripMarkdown(t: string): string {
  let s = t
  if (s.includes('`')) s = s.replace(/`+/g, '')
  if (s.charCodeAt(0) === 62 /* > */ || /^\s+>\s/.test(s)) s = s.replace(QUOTE, '')
  // "| 203.0.113.5 | QM_IDLE |" (Markdown table row): outer pipes go, inner ones become spaces
  const trimmed = s.trim()
  if (trimmed.length > 2 && trimmed.startsWith('|') && trimmed.endsWith('|')) s = trimmed.slice(1, -1).replace(/\s\|\s/g, '  ')
  // "**QM_IDLE**", "*text*", "* text", "text **"
  if (s.includes('*')) {
    const u = s.trim()
    // "ikev1 pre-shared-key *****": a key the device masks is a value, not emphasis
    const maskedEnd = /(?:^|\s)\*{3,}$/.test(u)
    // "**Problem:** after the weekend ...": a bold lead-in, closed inside the line
    if (/^\*\*[^*]+\*\*\s/.test(u)) s = u.replace(/^\*\*([^*]+)\*\*/, '$1')
    // "**ikev1 pre-shared-key *******": emphasis around it ends in the two stars that close it
    else if (maskedEnd) s = u.startsWith('**') ? u.replace(/^\*\*\s?/, '').slice(0, -2) : u.startsWith('* ') ? u.slice(2) : s
    else if (u.startsWith('**') || u.endsWith('**')) s = u.replace(/^\*\*+\s?/, '').replace(/\s?\*\*+$/, '')
    else if (u.length > 2 && u.startsWith('*') && u.endsWith('*')) s = u.slice(1, -1)
    else if (u.startsWith('* ')) s = u.slice(2)
  }
  return s
}

/**
 * Where an author's note at the end of the line starts, or -1. `arrows`: the line may hold "<" or ">"
 * (every arrow has one); every mark is "!", "#" or "//".
 */
function noteStart(t: string, arrows: boolean): number {
  let cut = -1
  const arrow = arrows ? ARROW_NOTE.exec(t) : null
  if (arrow) cut = arrow.index
  const mark = MARK_ALONE.test(t) ? MARK_NOTE.exec(t) : null
  if (mark && (cut < 0 || mark.index < cut)) cut = mark.index
  if (cut < 0 && t.endsWith(')')) {
    const paren = PAREN_NOTE.exec(t)
    if (paren && isProseRemark(paren[1], t.slice(paren.index, paren.index + 2) === '  ')) cut = paren.index
  }
  return cut
}

/** The note that starts at `cut`, without its marker or parentheses. */
function noteFrom(t: string, cut: number): string {
  return t.slice(cut).trim().replace(/^(?:<-+|<=+|<<+|-{2,}>|={2,}>|!|#|\/\/)\s*/, '').replace(/^\((.*)\)$/, '$1').trim()
}

/** A parenthesised remark that reads as prose: several words, or an exclamation or question. */
function isProseRemark(inner: string, wideGap: boolean): boolean {
  const text = inner.trim()
  if (text === '' || DEVICE_PARENS.test(text)) return false
  if (/[!?]$/.test(text)) return true
  // a masked address is no word of prose: "(local 192.0.2.1 remote <peer-ip>)" is the device's, as unmasked
  const words = text.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w) && !isMaskedAddress(w))
  return words.length >= (wideGap ? 2 : 3) && !/[=:/]/.test(text)
}

/**
 * A character one of the rewriting steps acts on: anything outside printable ASCII (tabs, Unicode
 * spaces, zero-width characters), Markdown marks, arrows and placeholders. Most device lines have none.
 */
// One negated class (printable ASCII but ` * | < > ~), which V8 scans about twice as fast as the
// alternation of two classes it replaces.
const REWRITE_CHAR = /[^\x20-\x29\x2b-\x3b\x3d\x3f-\x5f\x61-\x7b\x7d]/

// "[10:02] Tomasz K.: ", "[2025-05-19 08:31 UTC] Customer (K. Osei): ", "[9:41 AM] Anna: ": who
// speaks in a chat log or a ticket's history, before what they wrote or pasted
// "2026-12-06 06:24 UTC [A. Novak] ", "2026-12-06 06:37 UTC  [J. Brandt / FW team]  " (a ticket's work log);
// a speaker's name is words of a name or initials, never a device label ("[10:11:58] Total IKE SA: 1")
const CHAT_SPEAKER = /^\s*(?:\[(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?(?: [A-Z]{2,4})?\] [A-Z][a-z][\w.'-]*(?: (?:[A-Z][a-z][\w.'-]*|[A-Z]\.?|\([\w.' -]{1,40}\))){0,3}:|\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?: [A-Z]{2,4})? +\[[A-Z][^\]]{0,40}\])(?: +|$)/

// "[2026-03-04 10:11:58] ", "[03/04/2026 10:11:58 AM] ", "[10:11:58.123] ": the time a terminal program
// (SecureCRT, MobaXterm, a logging wrapper) put in front of every line it logged; no speaker follows
const TERMINAL_STAMP = /^\[(?:(?:\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})[ T])?\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,6})?(?: ?[AaPp][Mm])?(?: [A-Z]{2,4})?\](?:[ \t]|$)/

/** Whether a line as pasted starts with the speaker of a chat or ticket line ("[10:04] Sara M: ..."). */
export function saidInChat(original: string): boolean {
  const quote = original.charCodeAt(0) === 62 /* > */ ? QUOTE.exec(original) : null
  return CHAT_SPEAKER.test(quote ? original.slice(quote[0].length) : original)
}

/** Normalizes one line as pasted; see the module comment. */
export function normalizePaste(original: string): PastedLine {
  // the speaker of a chat line goes, as a quote marker does; a speaker line with nothing after is a note
  // a speaker starts the line with "[" or a date's digit (blanks before it aside)
  // (inside a mail's quote too: "> [10:03] Dave K: asa-edge1# show crypto ikev1 sa"; the quote marker stays)
  const quote = original.charCodeAt(0) === 62 /* > */ ? QUOTE.exec(original) : null
  const said = quote ? original.slice(quote[0].length) : original
  const lead = said.charCodeAt(0) === 32 ? said.trimStart().charCodeAt(0) : said.charCodeAt(0)
  const speaker = (lead === 91 || (lead >= 48 && lead <= 57)) && said.includes(']') ? CHAT_SPEAKER.exec(said) : null
  if (speaker) {
    const rest = said.slice(speaker[0].length)
    return rest.trim() === '' ? {text: '', note: collapse(said), kind: 'note'} : normalizePaste(quote ? quote[0] + rest : rest)
  }
  // the terminal's time goes too; what follows keeps its indentation ("[...]    Active SA: 1")
  const stamp = lead === 91 ? TERMINAL_STAMP.exec(said.trimStart()) : null
  if (stamp) return normalizePaste((quote ? quote[0] : '') + said.trimStart().slice(stamp[0].length))
  if (!REWRITE_CHAR.test(original)) return normalizePlain(original)
  let t = original
  t = t.replace(WIDE_SPACE, ' ')
  if (t.includes('\u200b') || t.includes('\u200c') || t.includes('\u200d') || t.includes('\u2060')) t = t.replace(ZERO_WIDTH, '')
  if (t.trim() === '') return {text: '', note: null, kind: 'blank'}
  if (FENCE.test(t) || (t.includes('|') && TABLE_RULE.test(t))) return {text: '', note: null, kind: 'fence'}
  // an empty Markdown quote line
  if (/^\s*>+\s*$/.test(t)) return {text: '', note: null, kind: 'blank'}
  t = stripMarkdown(t)
  const whole = collapse(t)
  if (isNoteLine(whole)) return {text: '', note: whole, kind: 'note'}
  // "<Customer IP>" is one masked value: keep it one word
  if (t.includes('<')) t = t.replace(PLACEHOLDER_WITH_SPACES, (m) => m.replace(/ /g, '_'))
  const cut = noteStart(t, t.includes('<') || t.includes('>'))
  const note = cut < 0 ? null : noteFrom(t, cut)
  // "**Encrypt : aes-256 Hash : SHA**   << this one": the emphasis closed before the note
  const text = collapse(cut < 0 ? t : stripMarkdown(t.slice(0, cut)))
  if (text === '') return note === null ? {text: '', note: null, kind: 'blank'} : {text: '', note, kind: 'note'}
  if (isNoteLine(text)) return {text: '', note: text, kind: 'note'}
  return {text, note, kind: 'content'}
}

/**
 * normalizePaste for a line without REWRITE_CHAR: no space to convert, no Markdown, fence, quote,
 * placeholder or arrow (each has a "<" or ">") to undo, so only the note checks and the collapsing remain.
 */
function normalizePlain(t: string): PastedLine {
  const whole = collapse(t)
  if (whole === '') return {text: '', note: null, kind: 'blank'}
  if (isNoteLine(whole)) return {text: '', note: whole, kind: 'note'}
  const cut = noteStart(t, false)
  if (cut < 0) return {text: whole, note: null, kind: 'content'}
  const note = noteFrom(t, cut)
  const text = collapse(t.slice(0, cut))
  if (text === '') return {text: '', note, kind: 'note'}
  if (isNoteLine(text)) return {text: '', note: text, kind: 'note'}
  return {text, note, kind: 'content'}
}

/**
 * Whether a line was indented as captured, inside any Markdown quote: ">     {esp-aes 256 }" is an
 * indented line under a quote's "> " (a continuation line quoted in a mail or post).
 */
export function wasIndented(line: Line): boolean {
  if (line.original === undefined) return false
  let o = line.original.charCodeAt(0) === 62 /* > */ ? line.original.replace(QUOTE, '') : line.original
  // "[2026-03-04 10:11:58]     Rekey SA: 0": indented after the terminal's time
  const stamp = o.charCodeAt(0) === 91 /* [ */ ? TERMINAL_STAMP.exec(o) : null
  if (stamp) o = o.slice(stamp[0].length)
  return /^\s/.test(o)
}

/** Runs of blanks to one space, no leading or trailing blanks. */
export function collapse(t: string): string {
  let s = t.trim()
  if (s.includes('  ')) s = s.replace(/ {2,}/g, ' ')
  return s
}

/**
 * A captured line as parsers see it: canonical text, the note kept beside it, the captured text kept
 * when it differs. Note-only lines and code fences come out blank (decoration).
 */
export function pastedLine(n: number, captured: string): Line {
  const p = normalizePaste(captured)
  return {n, text: p.text, note: p.note, original: captured !== p.text ? captured : undefined}
}

/** A whole text as pasted lines (tests, the wizard): split on CRLF, LF or CR. */
export function pastedLines(text: string): Line[] {
  return text.split(/\r\n|\n|\r/).map((t, i) => pastedLine(i + 1, t))
}
