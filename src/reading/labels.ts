/**
 * The one "Label: value" scanner. Lines are canonical (single spaces, see paste.ts), so the only
 * signs of a label are its words and its colon. Both vendors print several pairs on a line:
 *
 *   "Role: Initiator, State: UP"                      comma-separated (Junos, IOS)
 *   "Local: 192.0.2.1:500, Remote: 198.51.100.7:500"  a value may hold colons of its own
 *   "Type : L2L Role : initiator"                     ASA columns, spaces collapsed: one-word values
 *   "Encr: AES-CBC, keysize: 256, DH Grp:14"          a label glued to its value after a comma
 *   "Issuer: C=FI, O=Company"                          commas inside a value without a label after them
 */

export interface LabeledValue {
  /** Label as printed, trimmed ("Input bytes", "Lifetime Remaining"). */
  label: string
  value: string
}

// the last word of a label before its colon: "Role", "SAs#", "endpt.", "(k/sec)", "flow_id"
const LAST_LABEL_WORD = /^[A-Za-z(#][\w#/().'-]*$/
// a label glued to its value after a comma ("DH Grp:14"): words of letters only
const GLUED_LABEL = /^[A-Za-z][A-Za-z #/()\-.'_]{0,47}$/

/**
 * Positions of the colons that end a label: a colon followed by a blank or the end of the text, or a
 * colon glued to its value ("DH Grp:14") when the words before it, back to a ", " or the start, are
 * label words. "4.4.4.5:500", "SW:1" and "00:10:20" are values.
 */
/** Where the text after the last ", " before `at` starts (0 when there is none). */
function afterComma(text: string, at: number): number {
  const comma = text.lastIndexOf(', ', at)
  return comma < 0 ? 0 : comma + 2
}

function labelColons(text: string): number[] {
  const out: number[] = []
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
    if (i + 1 === text.length || text[i + 1] === ' ') {
      // "... Role :", "Lifetime Remaining:", "(k/sec):"; not "12:57:48 -0800:". Only the last word
      // before the colon (past a blank before it) is read: no copy of the words before it.
      let end = i
      while (end > 0 && text[end - 1] === ' ') end--
      if (LAST_LABEL_WORD.test(text.slice(text.lastIndexOf(' ', end - 1) + 1, end))) out.push(i)
    } else if (GLUED_LABEL.test(text.slice(afterComma(text, i), i).trim())) out.push(i)
  }
  return out
}

/**
 * Every labelled value of a line, in order; [] when the line holds no label. Text before the first
 * label that is not a label itself is dropped (", VPN Monitoring: UP" reads as one pair).
 * `oneWordValues`: the output's values are single words, so the words between two colons are always
 * a value and the next label ("Total incoming IKEv2 SA Count: 0 active: 0 negotiating: 0").
 */
export function labelPairs(text: string, opts: {oneWordValues?: boolean} = {}): LabeledValue[] {
  const colons = labelColons(text)
  if (colons.length === 0) return []
  const out: LabeledValue[] = []
  // the first label runs back to a ", " or the start of the line
  const head = text.slice(0, colons[0])
  let label = head.slice(afterComma(head, head.length)).trim()
  let valueStart = colons[0] + 1
  for (let k = 1; k <= colons.length; k++) {
    if (k === colons.length) {
      out.push({label, value: text.slice(valueStart).trim()})
      break
    }
    // between two label colons: this pair's value, then the next pair's label
    const segment = text.slice(valueStart, colons[k])
    const split = segment.lastIndexOf(', ')
    if (split >= 0) {
      out.push({label, value: segment.slice(0, split).trim()})
      label = segment.slice(split + 2).trim()
    } else if (isColumn(text, colons[k - 1], segment.trim()) || (opts.oneWordValues === true && segment.trim().includes(' '))) {
      // "Type : L2L Role : initiator": ASA columns, spaces collapsed, hold one-word values
      const words = segment.trim()
      const space = words.indexOf(' ')
      out.push({label, value: words.slice(0, space)})
      label = words.slice(space + 1)
    } else continue // "sa timing: remaining key lifetime (k/sec): (4608000/3587)": one value
    valueStart = colons[k] + 1
  }
  return out
}

/**
 * Whether the words between two label colons are a one-word value and the next label, as in ASA
 * columns: the first colon stood apart ("Type : L2L Role"), or the next label is capitalised as
 * ASA labels are ("Type: L2L Role"); not "sa timing: remaining key lifetime (k/sec):".
 */
function isColumn(text: string, colon: number, words: string): boolean {
  const space = words.indexOf(' ')
  if (space < 0) return false
  return text[colon - 1] === ' ' || /^[A-Z]/.test(words.slice(space + 1))
}

/** labelPairs as a map keyed by lower-cased label (the first of a repeated label wins). */
export function labelMap(text: string): Map<string, LabeledValue> {
  const map = new Map<string, LabeledValue>()
  for (const p of labelPairs(text)) if (!map.has(p.label.toLowerCase())) map.set(p.label.toLowerCase(), p)
  return map
}
