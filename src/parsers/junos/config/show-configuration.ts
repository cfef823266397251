/**
 * `show configuration security ike`, `show configuration security ipsec`, `show configuration
 * services ipsec-vpn` (and `show configuration [security]` as a whole), in the curly-brace form and
 * in the `| display set` form. Both become statements: the full path of words from the root
 * ("security ike gateway GW address 198.51.100.2") with the line it came from; build.ts turns the
 * statements into facts. Curly output is relative to the command's arguments, which prefix it.
 */
import {LineAccount} from '../../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../../types.js'
import {scoreLines} from '../../cisco/common.js'
import {buildJunosFacts, type Statement} from './build.js'

// "proposal IKE-PROP {", "security {", "inactive: vpn OLD {"
const OPEN = /^(?:inactive: )?(.+?) ?\{$/
// "}" (also "} ## comment")
const CLOSE = /^\}/
// "authentication-method pre-shared-keys;", "proposals [ P1 P2 ];", "pre-shared-key ascii-text "$9$x"; ## SECRET-DATA"
const LEAF = /^(?:inactive: )?(.+?);(?: ?##.*)?$/
// "set security ike gateway GW address 198.51.100.2", "deactivate security ipsec vpn OLD"
const SET = /^(set|deactivate|delete) (.+)$/
// "## Last commit: 2024-01-02 10:00:00 UTC by admin", "/* comment */", "{master:0}", "[edit]", "version 21.4R3;"
const DECOR = /^(?:#.*|\/\*.*\*\/|\{(?:master|backup|primary|secondary)(?::\d+)?\}|\[edit.*\]|version \d\S*;)$/

/** Words of a statement, quotes kept together and list brackets dropped: `proposals [ A B ]` -> proposals A B. */
export function words(text: string): string[] {
  const out: string[] = []
  // "description \"to branch 1\"" keeps the quoted text as one word
  const re = /"([^"]*)"|(\S+)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) {
    const w = m[1] ?? m[2]
    if (w !== '[' && w !== ']') out.push(w)
  }
  return out
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const statements: Statement[] = []
  const inactive = new Set<string>()
  // curly output is printed below the hierarchy the command named
  const prefix = ctx.args.filter((a) => !a.startsWith('|'))
  const stack: {words: string[]; inactive: boolean}[] = []
  let depthError = false
  for (const line of lines) {
    const text = line.text
    if (text === '' || DECOR.test(text)) {
      acc.ignore(line)
      continue
    }
    let m: RegExpExecArray | null
    if ((m = SET.exec(text))) {
      if (m[1] === 'set') statements.push({path: words(m[2]), line, inactive: false})
      else if (m[1] === 'deactivate') inactive.add(words(m[2]).join(' '))
      continue
    }
    if (CLOSE.test(text)) {
      if (stack.pop() === undefined) depthError = true
      continue
    }
    if ((m = OPEN.exec(text))) {
      stack.push({words: words(m[1]), inactive: text.startsWith('inactive: ') || (stack[stack.length - 1]?.inactive ?? false)})
      continue
    }
    if ((m = LEAF.exec(text))) {
      statements.push({path: [...prefix, ...stack.flatMap((s) => s.words), ...words(m[1])], line, inactive: text.startsWith('inactive: ') || (stack[stack.length - 1]?.inactive ?? false)})
      continue
    }
    acc.reject(line, 'not a configuration statement')
  }
  if (depthError || stack.length > 0) acc.warn(`unbalanced braces in the configuration (${stack.length > 0 ? `${stack.length} block(s) not closed` : 'a "}" without its block'}): cut capture?`)
  // "deactivate security ipsec vpn OLD" marks every statement below that path
  for (const s of statements) if (!s.inactive && [...inactive].some((p) => `${s.path.join(' ')} `.startsWith(`${p} `))) s.inactive = true
  return buildJunosFacts(statements, ctx, acc, stack.length > 0, lines)
}

export const showConfiguration: ParserSpec = {
  id: 'junos/show-configuration',
  vendor: 'junos',
  command: 'show configuration',
  // "set security ike gateway GW address ...", "gateway GW {", "ike-policy IKE-POL;", "bind-interface st0.0;", "proxy-identity {"
  detect: (lines) => scoreLines(lines, [/^set (?:security (?:ike|ipsec)|services ipsec-vpn) /, /^(?:ike-policy|ipsec-policy|bind-interface|external-interface) \S+;$/], [/^(?:proposal|policy|gateway|vpn) \S+ \{$/, /^proxy-identity \{$/]),
  parse,
}
