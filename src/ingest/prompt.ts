/**
 * Recognises the lines where somebody typed a command: a prompt of either vendor followed by the
 * command, a prompt trimmed by a document author ("> show ...", "$ show ..."), or a bare command.
 * Lines reach here already normalized (single spaces, no indentation; see src/reading/paste.ts).
 *
 * The prompt's shape is only a prior on the vendor ("srx1>" looks like Cisco user exec); the command
 * words decide when they are unambiguous (dispatch.ts). Junos "run" and Cisco "do" are removed.
 */
import type {Vendor} from '../model/index.js'

export interface PromptLine {
  /** Device name from the prompt; null for a trimmed prompt or a bare command. */
  device: string | null
  /** Vendor the prompt's shape suggests; null when it says nothing. */
  vendor: Vendor | null
  /** Text typed after the prompt, trimmed, without "run " / "do "; "" for a bare prompt. */
  command: string
}

// A host name an author masked before posting: "<hostname>", "<ASA>", "[router]", "{srx}", "***"
const MASKED_HOST = String.raw`<[A-Za-z][\w.-]{0,40}>|\[[A-Za-z][\w.-]{0,40}\]|\{[A-Za-z][\w.-]{0,40}\}|\*{3,}`
// "user@srx1> show security ike sa", "{master:0}root@mx1# run show ...", "admin@fw1:~$ ...", "user@<hostname>> show ..."
// regex-safety: built once from the constant MASKED_HOST, no input text
const JUNOS = new RegExp(String.raw`^(?:\{[\w:-]+\}\s?)?[\w.-]+@([\w.-]+|${MASKED_HOST})(?::[\w~/.-]*)?\s?[>#%$]\s?(.*)$`)
// "Router1#show crypto isakmp sa", "ASA/pri/act# sh cry isa sa", "R1(config-if)#do show crypto map",
// "srx1> show security ...", "2#sh crypto session" (a prompt that lost characters), "fw01/ctx-a#",
// "<hostname>(config)# show clock" (a masked name)
// regex-safety: built once from the constant MASKED_HOST, no input text
const HOST = new RegExp(String.raw`^([A-Za-z0-9][\w./:-]{0,62}?|${MASKED_HOST})(?:\((?:config|cfg)[\w-]*\))?([#>])\s?(.*)$`)
// "> show security ipsec sa", "# show crypto map", "$ show ..." (prompt trimmed to its last character)
const TRIMMED = /^[>#$%]\s?(.*)$/
// Words a typed command starts with; guards against output lines that happen to contain # or >.
// ("packet-tracer input inside tcp ...", "capture CAP ...", "changeto context tenant-b": ASA)
const VERB = /^(?:sh|sho|show|do|run|term|terminal|clear|clea|cle|ping|debug|deb|undebug|un|dir|en|enable|conf|configure|exit|end|wr|write|copy|traceroute|more|dis|disable|logout|q|quit|request|monitor|file|set|edit|commit|top|up|help|packet-tracer|capture|changeto|test|ssh|telnet)\b/i
// "show crypto isakmp sa", "sh cry ipsec sa | i peer", "debug crypto condition peer ipv4 192.0.2.1",
// "undebug all", "term mon": a command line pasted without a prompt
const BARE = /^(?:(?:sh|sho|show)\s[a-z]|(?:debug|deb)\s+cry|undebug\s+all\b|term(?:inal)?\s+mon)/i

/** "do show crypto map" -> "show crypto map"; "run show security ike sa" -> "show security ike sa". */
export function stripModePrefix(command: string): string {
  return command.replace(/^(?:do|run)\s+(?=\S)/i, '')
}

function typed(rest: string): string | null {
  const command = rest.trim()
  if (command === '') return ''
  return VERB.test(command) ? stripModePrefix(command) : null
}

export function parsePrompt(text: string): PromptLine | null {
  if (text.includes('@')) {
    const j = JUNOS.exec(text)
    if (j) {
      const command = typed(j[2])
      if (command !== null) return {device: j[1], vendor: 'junos', command}
    }
  }
  if (text.includes('#') || text.includes('>')) {
    const c = HOST.exec(text)
    if (c) {
      const command = typed(c[3])
      if (command !== null) return {device: c[1], vendor: 'cisco', command}
    }
  }
  const c = text.charCodeAt(0)
  // TRIMMED's first character (> # $ %), tested before the pattern allocates a match
  const t = c === 62 || c === 35 || c === 36 || c === 37 ? TRIMMED.exec(text) : null
  if (t) {
    const command = typed(t[1])
    if (command) return {device: null, vendor: null, command}
  }
  return null
}

/** A bare command line pasted without a prompt: "show crypto isakmp sa" between two outputs. */
export function bareCommand(text: string): string | null {
  if (!BARE.test(text) || text.includes(': ') || text.endsWith(':')) return null
  return text.trim()
}

// an author's lead-in that names the command whose output follows, ending in a colon:
//   "debug crypto ikev2 (trimmed):", "show crypto ipsec sa peer 192.0.2.1 on the hub:" (the command first)
//   "Logging buffer, filtered on the peer (show logging | i 198.51.100.40):" (the command in parentheses)
//   "Output of show crypto isakmp sa:", "Result of 'show security ike sa':" (after "output of")
// ("show version | match "Hostname|Junos:" (trimmed):": a colon inside the command is the command's)
const LEAD_IN_FIRST = /^((?:sh|sho|show|debug|deb)\s[^()]+?)(?:\s\([^()]*\)| on (?:the )?[\w-]+(?: side)?)?\s?:$/i
const LEAD_IN_PAREN = /\(((?:sh|sho|show|debug|deb)\s[^()]+?)\)\s?:$/i
const LEAD_IN_OUTPUT = /^(?:the )?(?:output|result)s? (?:of|from) (['"`‘“]?)((?:sh|sho|show|debug|deb)\s.+?)(['"`’”]?)\s?:$/i
// a command quoted as a whole: "'show security ike sa'", "“show crypto map”"
const QUOTE_PAIRS = new Set(["''", '""', '``', '‘’', '“”'])

/**
 * The command an author's lead-in line names for the output below it (see LEAD_IN_*), or null. Only a
 * line ending in a colon qualifies: the lead-in stands where the prompt and the command would be.
 */
export function leadInCommand(text: string): string | null {
  if (!text.endsWith(':')) return null
  const o = LEAD_IN_OUTPUT.exec(text)
  // a quote closing the command is the command's own ("| match "Role|Remote"") unless one opened it
  if (o) return stripModePrefix(QUOTE_PAIRS.has(o[1] + o[3]) ? o[2] : o[2] + o[3])
  const m = LEAD_IN_PAREN.exec(text) ?? LEAD_IN_FIRST.exec(text)
  return m ? stripModePrefix(m[1].trim()) : null
}

/**
 * A device's answer to a mistyped or unsupported command: output of that command, not garbage, and
 * not part of the next block.
 */
// "% Invalid input detected at '^' marker.", "% Incomplete command.", "% Ambiguous command: "sh cr"",
// "ERROR: % Incomplete command", "ERROR: % Invalid input detected at '^' marker.",
// "syntax error, expecting <command>.", "error: syntax error: foo", "unknown command.", "^"
const DEVICE_ERROR = /^(?:(?:ERROR:\s?)?%\s?(?:Invalid input|Incomplete command|Ambiguous command|Unrecognized command|Unknown command|Type "show \?"|Invalid command)|(?:error:\s)?syntax error\b|unknown command\.?$|error: (?:unknown command|command is not valid|invalid (?:command|argument))|\^$)/i

export function isDeviceError(text: string): boolean {
  return DEVICE_ERROR.test(text)
}
