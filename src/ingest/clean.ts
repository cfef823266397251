/**
 * Per-line cleaning and classification of capture text: terminal residue is removed, and lines that
 * carry no command output (syslog, pager prompts, Junos banners, author notes) are recognised so
 * they can be counted as ignored rather than handed to a parser.
 */

// "\x1b[7m --More-- \x1b[27m", "\x1b[K"
// "\x1b]0;noc@jump01: ~\x07" (an xterm title a terminal log keeps)
const ANSI = /\x1b\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]/g
// " --More-- ", "---(more)---", "---(more 45%)---", "<--- More --->"
const PAGER = /\s*(?:--\s?More\s?--|-+\(more(?: \d+%)?\)-+|<-+ More -+>)\s*/gi
// control characters other than tab (after backspaces were applied)
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g
// same class, non-global, for a quick test
const SPECIAL = /[\x00-\x08\x0b-\x1f\x7f]/

/** Removes ANSI sequences, applies backspaces, drops pager markers and stray control characters. */
export function cleanLine(text: string): string {
  let t = text
  // one test for ESC, backspace and other control characters; most lines have none
  if (SPECIAL.test(t)) {
    if (t.includes('\x1b')) t = t.replace(ANSI, '')
    if (t.includes('\b')) t = applyBackspaces(t)
    t = t.replace(CONTROL, '')
  }
  // every pager marker spells "More" or "more"; cheap test first, the regex only when it can match
  if (t.includes('ore')) {
    t = t.replace(PAGER, ' ')
    if (t.trim() === '') t = ''
  }
  return t
}

function applyBackspaces(t: string): string {
  const out: string[] = []
  for (const ch of t) {
    if (ch === '\b') out.pop()
    else out.push(ch)
  }
  return out.join('')
}

export type LineClass = 'blank' | 'syslog' | 'banner' | 'annotation' | 'cluster-rule' | 'content'

// "*Mar  1 00:01:02.123: %CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi"
// "000123: Nov 23 17:00:01.123 UTC: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP"
const IOS_SYSLOG = /^\s*(?:\d+:\s*)?[*.]?(?:[A-Z][a-z]{2}\s+\d{1,2}\s+(?:\d{4}\s+)?\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?:\s+[A-Za-z]{2,5})?:\s*)?%[A-Z][A-Z0-9_]*-\d-[A-Z0-9_]+:/
// "Nov 23 17:00:01  srx1 kmd[1442]: KMD_PM_SA_ESTABLISHED: Local gateway: 1.1.1.1"
const JUNOS_SYSLOG = /^[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\S+\s+[\w./-]+(?:\[\d+\])?:\s/
// "{master}", "{primary:node0}", "{master:0}[edit]", "[edit]", "[edit security ike]"
const BANNER = /^\s*(?:\{[\w:-]+\}(?:\[edit[^\]]*\])?|\[edit(?: [^\]]*)?\])\s*$/
// "! note from the engineer", "// note", "# note", "## Verification" (a Markdown heading; not "#pkts ...", "##pkts ...")
const ANNOTATION = /^\s*(?:!|\/\/|#{1,6}\s)/
// "--------------------------------------------------------------------------" after "node0:"
const RULE = /^\s*-{10,}\s*$/
// what a terminal log holds around the device session: "Script started on 2025-04-22 16:40:03+02:00 [...]",
// "Script done on ...", "jdoe@jump01:~$ ssh admin@10.30.0.1" (the jump host's shell), "Password:",
// "(admin@10.30.0.1) Password:", "Last login: Tue Apr 22 16:39:12 2025 from 10.9.0.4",
// "--- JUNOS 10.4R16.5 built 2015-01-15 03:42:06 UTC" (the Junos login banner), "^C"
// "=~=~=~=~=~=~=~=~=~=~=~= PuTTY log 2026.12.04 09:12:31 =~=~=~=~=~=~=~=~=~=~=~="
const SESSION_RESIDUE = /^(?:Script (?:started|done) on \d{4}-|=~=~=~.{0,40}PuTTY log|[\w.-]+@[\w.-]+:[~/][^\s$#]*[$#] ?(?:ssh|telnet|exit|logout)\b|(?:\(\S+\) )?Password: ?$|Last login: |--- JUNOS \S+ built |\^C$)/

/** Classifies a normalized line (src/reading/paste.ts: no indentation, single spaces). */
export function classify(text: string): LineClass {
  if (text === '') return 'blank'
  const first = 0
  const c = text.charCodeAt(0)
  if ((c === 123 /* { */ || c === 91) /* [ */ && BANNER.test(text)) return 'banner'
  if (text.includes('%') && IOS_SYSLOG.test(text)) return 'syslog'
  // Junos syslog starts with a capital letter (month) in the first column
  if (c >= 65 && c <= 90 && JUNOS_SYSLOG.test(text)) return 'syslog'
  // an annotation's first non-blank character is "!", "/" or "#"
  const lead = text.charCodeAt(first)
  if ((lead === 33 || lead === 47 || lead === 35) && ANNOTATION.test(text)) return 'annotation'
  if (c === 45 /* - */ && RULE.test(text)) return 'cluster-rule'
  // SESSION_RESIDUE's lines start with one of "S=(PL-^" or hold a jump host's "user@host:"
  if ((c === 83 || c === 61 || c === 40 || c === 80 || c === 76 || c === 45 || c === 94 || text.includes('@')) && SESSION_RESIDUE.test(text)) return 'banner'
  return 'content'
}

// "node0:" on its own line (Junos chassis cluster)
const NODE = /^\s*(node\d+):\s*$/
export function clusterNode(text: string): string | null {
  return NODE.exec(text)?.[1] ?? null
}
