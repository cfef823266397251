/**
 * Junos `show version` -> deviceInfo: "Hostname:", "Model:", "Junos:" (or, before 15.1, the
 * "JUNOS Software Release [..]" / "JUNOS Base OS Software Suite [..]" package line). The other package
 * lines are decoration. A chassis cluster prints one section per node ("node0:" + dashes): one fact
 * per node. A fact without its host name, model or version was cut or filtered: partial.
 */
import type {DeviceInfo} from '../../model/index.js'
import {LineAccount} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {deviceInfoFact, emptyDeviceValues, platformOfModel, type DeviceInfoValues} from '../device-info.js'
import {RawFields} from '../cisco/common.js'
import {head} from './fields.js'
import {finishAccount} from './finish.js'

// "Hostname: srx1" / "Model: srx340" / "Junos: 21.4R3-S4.9"
const FIELD = /^(Hostname|Model|Junos): (\S+)$/
// "JUNOS Software Release [21.4R3-S4.9]" / "JUNOS Base OS Software Suite [12.3R12.4]" / "JUNOS OS libs [20180816.8630ec5_builder_stable_11]"
const PACKAGE = /^(JUNOS|Junos) (.+?) ?\[([^\]]+)\]$/
// the packages that name the release when there is no "Junos:" line
const RELEASE_PACKAGE = /^(?:Software Release|Base OS Software Suite|Base OS boot)$/
// "KERNEL 11.4R7.5 #0 built by builder on 2013-03-01 05:11:55 UTC" (old releases, after the packages)
const KERNEL = /^KERNEL \S+ #\d+ built by /
// "node0:" / "{primary:node0}" / "--------------------------------------------------------------------------"
const NODE = /^(node\d+):$/
const DECORATION = /^-{5,}$|^\{(?:primary|secondary|hold|ineligible|disabled|lost|master|backup)(?::node\d+)?\}$/i

interface Section {
  node: string | null
  f: RawFields
  v: DeviceInfoValues
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const sections: Section[] = []
  let cur: Section | null = null
  let node: string | null = null
  const section = (): Section => {
    if (cur === null) sections.push((cur = {node, f: new RawFields(), v: emptyDeviceValues()}))
    return cur
  }
  for (const line of lines) {
    const t = line.text
    if (t === '' || DECORATION.test(t)) {
      acc.ignore(line)
      continue
    }
    const n = NODE.exec(t)
    if (n) {
      node = n[1]
      cur = null
      acc.ignore(line)
      continue
    }
    const field = FIELD.exec(t)
    if (field) {
      let s = section()
      if (s.f.has(field[1])) {
        // the next node's section, its "node1:" header filtered or cut away
        acc.warn(`line ${line.n}: a second "${field[1]}:" line, read as the next node's section (its "nodeN:" header is missing)`)
        node = null
        cur = null
        s = section()
      }
      if (field[1] === 'Hostname') s.v.hostname = field[2]
      else if (field[1] === 'Model') s.v.model = field[2]
      else s.v.version = field[2]
      s.f.set(field[1], field[2], line)
      acc.consume(line)
      continue
    }
    const pkg = PACKAGE.exec(t)
    if (pkg) {
      const s = section()
      if (s.v.version === null && RELEASE_PACKAGE.test(pkg[2])) {
        s.v.version = pkg[3]
        s.f.set(`${pkg[1]} ${pkg[2]}`, pkg[3], line)
        acc.consume(line)
      } else acc.ignore(line)
      continue
    }
    if (KERNEL.test(t)) acc.ignore(line)
    else acc.reject(line, 'not a line of Junos show version this reader knows')
  }
  const ids = new Set<string>()
  for (const s of sections) {
    if (s.f.size === 0) continue
    s.v.platform = platformOfModel(s.v.model)
    const partial = s.v.hostname === null || s.v.model === null || s.v.version === null
    const fact: DeviceInfo = deviceInfoFact(ctx, s.f.fields, s.v, s.node, partial)
    // sections without their node header: "device:self", "device:self#2"
    if (ids.has(fact.id)) fact.id = `${fact.id}#${ids.size + 1}`
    ids.add(fact.id)
    acc.add(fact)
  }
  return finishAccount(acc, ctx)
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines, 12)) {
    // "Junos: 21.4R3-S4.9" / "JUNOS Software Release [12.1X46-D40.2]"
    if (/^Junos: \S+$/.test(l.text) || /^JUNOS (?:Software Release|Base OS boot) \[/.test(l.text)) return 0.95
    if (/^(?:Hostname|Model): \S+$/.test(l.text)) score = Math.max(score, 0.4)
  }
  return score
}

export const showVersion: ParserSpec = {
  id: 'junos/show-version',
  vendor: 'junos',
  command: 'show version',
  detect,
  parse,
}
