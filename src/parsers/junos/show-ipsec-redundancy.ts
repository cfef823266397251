/**
 * Junos (ES-PIC, legacy) `show ipsec redundancy [interface <if> | security-associations <sa>]`.
 *
 * PIC redundancy:                       Tunnel (peer) redundancy:
 *   Failure counter: 0                    Security association: sa-dynamic, Failure counter: 0
 *   Primary interface: es-1/3/0, State: Active    Local IP: 4.4.4.4
 *   Backup interface : es-1/1/0, State: Standby   Primary remote IP: 4.4.4.5, State: Standby
 *                                          Backup remote IP : 3.3.3.3, State: Standby
 * Output: one redundancy fact per block (scope interface or security-association).
 */
import type {Redundancy} from '../../model/index.js'
import {LineAccount, toInt} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {head, putRaw, splitFields} from './fields.js'
import {IdRegistry} from '../ids.js'
import {finishAccount, markPartial} from './finish.js'
import {newRaw, rawHas} from '../../model/raw.js'

// "Security association: sa-dynamic, Failure counter: 0"
const SA_HEADER = /^\s*Security association:\s*\S+/i
// "Failure counter: 0" alone on its line (PIC redundancy)
const FAILURE_ONLY = /^\s*Failure counter\s*:\s*\S+\s*$/i
// "Primary interface: es-1/3/0, State: Active" / "Backup remote IP : 3.3.3.3, State: Standby"
const MEMBER = /^\s*(Primary|Backup)\s+(interface|remote IP)\s*:/i

interface Block {
  fact: Redundancy
  first: number
  last: number
  /** Built from lines a filter left without their "Security association:" line. */
  headless?: true
}

// "Local IP: 4.4.4.4" / "Primary remote IP: 4.4.4.5, State: Standby" (tunnel redundancy lines)
const TUNNEL_LINE = /^(?:Local IP|(?:Primary|Backup) remote IP) ?:/i

function newFact(ctx: ParseContext, scope: Redundancy['scope'], line: Line): Redundancy {
  return {
    kind: 'redundancy', id: '', source: sourceOf(ctx, line.n, line.n), raw: newRaw(),
    scope, name: null, failureCounter: null, primary: null, primaryState: null, backup: null, backupState: null,
  }
}

/** Applies the fields of one line; false when nothing on it was understood. */
function applyLine(b: Block, line: Line, acc: LineAccount): boolean {
  const f = b.fact
  const fields = splitFields(line.text)
  if (fields.length === 0) return false
  const member = MEMBER.exec(line.text)
  let known = 0
  for (const field of fields) {
    const key = field.label.toLowerCase()
    if (key === 'security association') f.name = field.value
    else if (key === 'failure counter') {
      f.failureCounter = toInt(field.value)
      if (f.failureCounter === null) acc.warn(`line ${line.n}: Failure counter is not a number: "${field.value}"`)
    } else if (key === 'local ip') {
      // kept in raw only: the model has no local address for redundancy
    } else if (member && (key === 'primary interface' || key === 'primary remote ip')) f.primary = field.value
    else if (member && (key === 'backup interface' || key === 'backup remote ip')) f.backup = field.value
    else if (member && key === 'state') {
      if (member[1].toLowerCase() === 'primary') f.primaryState = field.value.toLowerCase()
      else f.backupState = field.value.toLowerCase()
    } else continue
    known++
    // "State" repeats on every member line: record it as "Backup interface State"
    const label = key === 'state' && member ? `${member[0].replace(/ ?:\s*$/, '').trim()} State` : field.label
    putRaw(f.raw, label, field.value, line)
  }
  return known > 0
}

/** Scope of the block a line starts, or null when it continues the current one. */
function startsBlock(text: string, block: Block | null): Redundancy['scope'] | null {
  if (SA_HEADER.test(text)) return 'security-association'
  if (FAILURE_ONLY.test(text)) return 'interface'
  const member = MEMBER.exec(text)
  if (!member || member[2].toLowerCase() !== 'interface') return null
  const current = block?.fact
  if (!current || current.scope !== 'interface') return 'interface'
  // A second "Primary interface" (or a member already filled) starts the next PIC pair
  const slot = member[1].toLowerCase() === 'primary' ? current.primary : current.backup
  return slot !== null ? 'interface' : null
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  let block = null as Block | null
  let headless = 0
  const closed: Redundancy[] = []
  const close = () => {
    if (!block) return
    const f = block.fact
    const name = block.headless ? `filtered-${++headless}` : f.scope === 'security-association' ? f.name : f.primary
    f.id = ids.unique(`redundancy:${f.scope}:${name ?? 'unknown'}`)
    closed.push(f)
    f.source = sourceOf(ctx, block.first, block.last)
    acc.add(f)
    block = null
  }

  for (const line of lines) {
    const text = line.text
    if (text.trim() === '') continue
    const scope = startsBlock(text, block)
    if (scope) {
      close()
      block = {fact: newFact(ctx, scope, line), first: line.n, last: line.n}
    } else if (TUNNEL_LINE.test(text) && (!block || (block.headless && repeats(block.fact, text)))) {
      // a tunnel line a filter left without its "Security association:" line (a new tunnel when its
      // label repeats)
      close()
      block = {fact: newFact(ctx, 'security-association', line), first: line.n, last: line.n, headless: true}
      markPartial(block.fact)
    }
    if (!block) continue
    if (applyLine(block, line, acc)) {
      acc.consume(line)
      block.last = line.n
    }
  }
  close()
  // every block prints its primary and backup member: the last one is cut when it lacks one
  const last = closed.at(-1)
  if (last && (last.primary === null || last.backup === null)) markPartial(last)
  return finishAccount(acc, ctx)
}

/** Whether the labels of a tunnel line are already filled in `f` (the line belongs to the next tunnel). */
function repeats(f: Redundancy, text: string): boolean {
  const member = MEMBER.exec(text)
  if (!member) return rawHas(f.raw, 'Local IP')
  return (member[1].toLowerCase() === 'primary' ? f.primary : f.backup) !== null
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines)) {
    if (MEMBER.test(l.text) && /State:/i.test(l.text)) return 0.95
    if (FAILURE_ONLY.test(l.text) || /^\s*Security association:.*Failure counter:/i.test(l.text)) score = 0.8
  }
  return score
}

export const showIpsecRedundancy: ParserSpec = {
  id: 'junos/show-ipsec-redundancy',
  vendor: 'junos',
  command: 'show ipsec redundancy',
  detect,
  parse,
}
