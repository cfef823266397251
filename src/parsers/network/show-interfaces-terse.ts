/**
 * Junos `show interfaces terse` (also `show interfaces st0 terse`, `show interfaces terse st0*`): one
 * interfaceStatus per physical interface and per logical unit of the "Interface Admin Link Proto Local
 * Remote" table. A unit line may carry a family and an address; more of them follow on continuation
 * lines that print only the Proto and Local columns, or only Local ("inet6 2001:db8::1/64",
 * "fe80::1/64"). The spacing is gone (paste.ts), so a line is read by its words: an interface line
 * has Admin and Link words after the name, a continuation line has one or two words.
 * The Remote column follows an arrow ("10.0.0.1 --> 10.0.0.16", "aenet --> ae0.0").
 *
 * A unit's continuation lines may be cut away with no sign of it, so the last record with a family
 * is partial unless the output ended at a prompt.
 */
import type {InterfaceStatus, LinkState} from '../../model/index.js'
import {addressKind} from '../../reading/address.js'
import {rawAppend} from '../../model/raw.js'
import {LineAccount} from '../account.js'
import {IdRegistry} from '../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {scoreLines} from '../cisco/common.js'
import {addMaskedField} from '../cisco/modern-common.js'
import {finishAccount, isFilteredPipe, markPartial} from '../junos/finish.js'
import {isTunnelInterface} from './common.js'

// "Interface Admin Link Proto Local Remote"
const HEADER = /^Interface Admin Link Proto Local Remote$/i
// "ge-0/0/0.0 up up inet 198.51.100.10/30", "st0 up up", "lo0.16384 up up inet 127.0.0.1"
const ROW = /^[a-z][\w-]*(?:\/\d+)*(?::\d+)?(?:\.\d+)? (?:up|down) (?:up|down)(?: \S+){0,2}$/i
// "ge-0/0/0", "ge-0/0/0:1.0", "st0.1", "lo0.16384", "dsc", "irb.10", "reth0.0", "fxp0"
const NAME = /^[a-z][\w-]*(?:\/\d+)*(?::\d+)?(?:\.\d+)?$/i
// "inet", "inet6", "iso", "mpls", "tnp", "eth-switch", "aenet", "multiservice", "bridge", "vpls", "ccc"
const FAMILY = /^(?:inet6?|iso|mpls|tnp|eth-switch|ethernet-switching|aenet|multiservice|bridge|vpls|ccc|tcc|mlppp|mlfr-end-to-end|mlfr-uni-nni|pppoe|vlan|any|evpn)$/i
// "up" / "down" (Admin and Link columns)
const UP_DOWN = /^(?:up|down)$/i
// "0x4" (tnp family's Local value)
const TNP_LOCAL = /^0x[0-9a-f]+$/i

interface Unit {
  fact: InterfaceStatus
  family: string | null
}

function state(word: string): LinkState {
  return word.toLowerCase() === 'up' ? 'up' : 'down'
}

/** A Local value: an address or prefix, a masked one, or a family's own local value ("tnp 0x4"). */
function isLocal(word: string): boolean {
  const slash = word.indexOf('/')
  return addressKind(slash > 0 ? word.slice(0, slash) : word) !== null || TNP_LOCAL.test(word)
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  let current: Unit | null = null
  let last: Unit | null = null

  /** Adds a family and/or a Local value (with the Remote of the captured line) to the current unit. */
  const addTo = (rec: Unit, family: string | null, local: string | null, remote: string | null, line: Line) => {
    const raw = rec.fact.raw
    if (family !== null) {
      rec.family = family
      if (!rec.fact.families.includes(family)) rec.fact.families.push(family)
      const k = raw.labels.filter((l) => l === 'Proto' || l.startsWith('Proto (')).length
      rawAppend(raw, k === 0 ? 'Proto' : `Proto (${k + 1})`, family, line.n)
    }
    // "aenet --> ae0.0": a family whose Remote names the bundle, no Local
    if (local === null && remote !== null) rawAppend(raw, 'Remote', remote, line.n)
    if (local !== null) {
      const k = rec.fact.addresses.length
      rawAppend(raw, k === 0 ? 'Local' : `Local (${k + 1})`, local, line.n)
      if (remote !== null) rawAppend(raw, k === 0 ? 'Remote' : `Remote (${k + 1})`, remote, line.n)
      rec.fact.addresses.push({address: local, family: rec.family, remote})
    }
    rec.fact.source.endLine = line.n
    acct.consume(line)
  }

  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    if (HEADER.test(t)) {
      acct.ignore(line)
      continue
    }
    const all = t.split(' ')
    // "10.255.0.1 --> 0/0": the Remote column after its arrow
    const arrow = all.indexOf('-->')
    const remote = arrow >= 0 ? (all[arrow + 1] ?? null) : null
    const w = arrow >= 0 ? all.slice(0, arrow) : all
    if (arrow >= 0 && (remote === null || all.length > arrow + 2)) {
      acct.reject(line, 'the Remote column after "-->" is not one value')
      continue
    }
    if (w.length >= 3 && w.length <= 5 && NAME.test(w[0]) && UP_DOWN.test(w[1]) && UP_DOWN.test(w[2])) {
      const bad = w.length >= 4 && !FAMILY.test(w[3]) ? `"${w[3]}" is not an address family` : w.length === 5 && !isLocal(w[4]) ? `"${w[4]}" is not a local address` : null
      if (bad !== null) {
        acct.reject(line, bad)
        current = null
        last = null
        continue
      }
      const fact: InterfaceStatus = {
        kind: 'interfaceStatus', id: ids.unique(`interface:${w[0]}`), source: sourceOf(ctx, line.n, line.n), raw: {labels: [], values: [], lines: []},
        name: w[0], adminStatus: state(w[1]), linkStatus: state(w[2]), protocolStatus: null, addresses: [], families: [], tunnel: isTunnelInterface(w[0], 'junos'),
      }
      rawAppend(fact.raw, 'Interface', w[0], line.n)
      rawAppend(fact.raw, 'Admin', w[1], line.n)
      rawAppend(fact.raw, 'Link', w[2], line.n)
      acct.add(fact)
      acct.consume(line)
      current = {fact, family: null}
      last = current
      if (w.length >= 4) addTo(current, w[3], w[4] ?? null, remote, line)
      continue
    }
    // continuation: "inet6 2001:db8::1/64", "inet6", "fe80::1/64", "10.0.0.6" (+ "--> 0/0")
    const family = w.length <= 2 && FAMILY.test(w[0]) ? w[0] : null
    const local = family !== null ? (w[1] ?? null) : w.length === 1 ? w[0] : null
    const fits = (family !== null || local !== null) && (local === null || isLocal(local))
    if (!fits) {
      acct.reject(line, 'not an interface line or an address line of the Interface Admin Link Proto Local Remote table')
      continue
    }
    if (current === null) {
      if (isFilteredPipe(ctx.pipe)) {
        acct.ignore(line)
        acct.warn(`line ${line.n}: "${t}" is an address line whose interface line was filtered away: not read`)
      } else acct.reject(line, 'address line without its interface line before it')
      continue
    }
    if (family === null && current.family === null) {
      acct.reject(line, `address line of ${current.fact.name} without an address family`)
      continue
    }
    addTo(current, family, local, remote, line)
  }
  // a continuation line of the last unit may have been cut away: nothing in the output says so
  if (last !== null && last.fact.families.length > 0 && ctx.endedByPrompt !== true) markPartial(last.fact)
  const result = finishAccount(acct, ctx)
  // finishAccount names the string fields that hold a mask; an address list is named here
  for (const f of result.facts as InterfaceStatus[]) if (f.addresses.some((a) => addressKind(a.address.split('/')[0]) === 'masked')) addMaskedField(f, 'addresses')
  return result
}

export const showInterfacesTerse: ParserSpec = {
  id: 'junos/show-interfaces-terse',
  vendor: 'junos',
  command: 'show interfaces terse',
  // "show interfaces st0 terse", "show interfaces ge-0/0/0.0 terse": the interface before the word terse
  aliases: ['show interfaces * terse'],
  detect(lines: Line[]): number {
    return scoreLines(lines.slice(0, 40), [HEADER], [ROW])
  },
  parse,
}
