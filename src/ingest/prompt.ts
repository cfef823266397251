/** Recognises CLI prompt lines of both vendors and the command typed after them. */
import type {Vendor} from '../model/index.js'

export interface PromptLine {
  device: string
  vendor: Vendor
  /** Text typed after the prompt, trimmed; "" for a bare prompt. */
  command: string
}

// "user@srx1> show security ike security-associations", "{master:0}root@mx1# run show ..."
const JUNOS = /^\s*(?:\{[\w:-]+\}\s*)?[\w.-]+@([\w.-]+)(?::[\w~/.-]*)?\s?[>#%]\s*(.*)$/
// "Router1#show crypto isakmp sa", "ASA/pri/act# sh cry isa sa", "R1(config)#do show crypto map", "R1>"
const CISCO = /^\s*([A-Za-z][\w./-]{0,62})(?:\(config[\w-]*\))?([#>])\s*(.*)$/
// Words a typed command starts with; guards against output lines that happen to contain # or >.
const CISCO_VERB = /^(?:sh|sho|show|do|term|terminal|clear|clea|cle|ping|debug|deb|undebug|un|dir|en|enable|conf|configure|exit|end|wr|write|copy|traceroute|more|dis|disable|logout|q|quit)\b/i

export function parsePrompt(text: string): PromptLine | null {
  if (text.includes('@')) {
    const j = JUNOS.exec(text)
    if (j) return {device: j[1], vendor: 'junos', command: j[2].trim()}
  }
  if (!text.includes('#') && !text.includes('>')) return null
  const c = CISCO.exec(text)
  if (!c) return null
  const rest = c[3].trim()
  if (rest !== '' && !CISCO_VERB.test(rest)) return null
  return {device: c[1], vendor: 'cisco', command: rest.replace(/^do\s+/i, '')}
}
