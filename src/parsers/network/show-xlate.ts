/**
 * ASA `show xlate [detail]`: one natTranslation fact per translation. A translation is "TCP PAT from
 * inside:10.1.1.5/51000 to outside:203.0.113.5/1024" (a port after the slash) or "NAT from
 * inside:10.5.0.0/16 to outside:10.5.0.0/16" (a network length after the slash), then "flags ri idle
 * 0:00:12 timeout 0:00:30" on the same line or on the next one. The real address (after "from") is the
 * inside local, the mapped one (after "to") the inside global; show xlate prints no destination. The
 * "N in use, M most used" line and the flags legend are decoration.
 */
import type {RawValues} from '../../model/index.js'
import {rawAppend} from '../../model/raw.js'
import {LineAccount} from '../account.js'
import {IdRegistry} from '../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {scoreLines} from '../cisco/common.js'
import {isFiltered, markPartial} from '../cisco/modern-common.js'
import {addressOrNetwork, addressWithPort, natTranslation, type TranslationParts} from './nat-common.js'

// "2 in use, 5 most used"
const IN_USE = /^\d+ in use, \d+ most used$/i
// "Flags: D - DNS, e - extended, I - identity, i - dynamic, r - portmap," and its continuation
// "s - static, T - twice, N - net-to-net"
const LEGEND = /^(?:Flags: )?[A-Za-z] - [\w -]+(?:, [A-Za-z] - [\w -]+)*,?$/
// "TCP PAT from inside:10.1.1.5/51000 to outside:203.0.113.5/1024 flags ri idle 0:00:12 timeout 0:00:30",
// "NAT from inside:10.5.0.0/16 to outside:10.5.0.0/16" (flags on the next line)
const XLATE = /^(?:(TCP|UDP|ICMP|SCTP) PAT|(NAT)) from ([^\s:]+):(\S+) to ([^\s:]+):(\S+)(?: (flags\b.*))?$/i
// "flags sIT idle 0:01:02 timeout 0:00:00" (the line under a translation), "flags ri idle 0:00:12
// timeout 0:00:30 refcnt 1 xlate id 0x7f3a2c"
const FLAGS = /^flags(?: (?!idle\b|timeout\b)(\S+))?((?: (?:idle|timeout|refcnt) \S+| xlate id \S+)*)$/i
// "Global 203.0.113.5 Local 10.1.1.5", "PAT Global 203.0.113.5(1024) Local 10.1.1.5(51000)" (before 8.3)
const OLD_FORM = /^(?:PAT )?Global \S+ Local \S+/i
// "idle 0:00:12", "timeout 0:00:30", "refcnt 1", "xlate id 0x7f3a2c"
const TAIL_PAIR = /(idle|timeout|refcnt|xlate id) (\S+)/gi

interface Open {
  line: Line
  raw: RawValues
  parts: TranslationParts
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let open: Open | null = null

  /** Reads "flags sIT idle 0:01:02 timeout 0:00:00" into the open translation; false when it is not that. */
  const readFlags = (o: Open, text: string, line: Line): boolean => {
    const m = FLAGS.exec(text)
    if (!m) return false
    const flags = m[1] ?? ''
    rawAppend(o.raw, 'flags', flags, line.n)
    for (const p of m[2].matchAll(TAIL_PAIR)) rawAppend(o.raw, p[1], p[2], line.n)
    o.parts.flags = flags
    o.parts.translation = flags.includes('s') ? 'static' : /[ir]/.test(flags) ? 'dynamic' : null
    o.parts.identityFlag = flags.includes('I')
    return true
  }

  const close = (o: Open, last: Line, partial: boolean): void => {
    const fact = natTranslation(ctx, ids, [o.line.n, last.n], o.raw, o.parts)
    if (partial) markPartial(fact)
    acct.add(fact)
    acct.consume(o.line)
    if (last !== o.line) acct.consume(last)
  }

  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    if (IN_USE.test(t) || LEGEND.test(t)) {
      acct.ignore(line)
      continue
    }
    if (FLAGS.test(t)) {
      if (open !== null) {
        readFlags(open, t, line)
        close(open, line, false)
        open = null
      } else if (isFiltered(ctx)) acct.ignore(line)
      else acct.reject(line, 'flags line without its translation line above it')
      continue
    }
    if (open !== null) {
      // a translation whose flags line was filtered away
      close(open, open.line, true)
      open = null
    }
    if (OLD_FORM.test(t)) {
      acct.reject(line, 'xlate in the form before ASA 8.3 (Global/Local): not read')
      continue
    }
    const m = XLATE.exec(t)
    if (!m) {
      acct.reject(line, 'not a translation line')
      continue
    }
    const pat = m[1] !== undefined
    const real = pat ? addressWithPort(m[4]) : addressOrNetwork(m[4])
    const mapped = pat ? addressWithPort(m[6]) : addressOrNetwork(m[6])
    if (real === null || mapped === null) {
      acct.reject(line, `"${real === null ? m[4] : m[6]}" is not an address`)
      continue
    }
    const raw: RawValues = {labels: [], values: [], lines: []}
    rawAppend(raw, 'Type', pat ? `${m[1]} PAT` : m[2], line.n)
    rawAppend(raw, 'from', `${m[3]}:${m[4]}`, line.n)
    rawAppend(raw, 'to', `${m[5]}:${m[6]}`, line.n)
    const o: Open = {
      line, raw,
      parts: {protocol: pat ? m[1].toLowerCase() : null, addresses: {insideLocal: real, insideGlobal: mapped}, realInterface: m[3], mappedInterface: m[5], translation: null},
    }
    if (m[7] === undefined) {
      open = o
      continue
    }
    if (readFlags(o, m[7], line)) close(o, line, false)
    else acct.reject(line, `"${m[7]}" after the translation not understood`)
  }
  // the flags line of the last translation was cut, unless the output ended at a prompt
  if (open !== null) close(open, open.line, ctx.endedByPrompt !== true || isFiltered(ctx))
  return acct.finish()
}

export const showXlate: ParserSpec = {
  id: 'cisco/show-xlate',
  vendor: 'cisco',
  command: 'show xlate',
  detect(lines: Line[]): number {
    return scoreLines(lines.slice(0, 40), [IN_USE], [XLATE])
  },
  parse,
}
