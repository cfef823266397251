/**
 * IOS / IOS-XE `show ip interface brief` and ASA `show interface ip brief`: one interfaceStatus per
 * row of the "Interface IP-Address OK? Method Status Protocol" table. The spacing is gone (paste.ts),
 * so a row is read from both ends: the name and the address first, the Protocol word last, the Status
 * before it ("administratively down" is two words: the interface is shut, admin and link down).
 */
import type {InterfaceStatus, LinkState} from '../../model/index.js'
import {addressKind} from '../../reading/address.js'
import {LineAccount} from '../account.js'
import {IdRegistry} from '../ids.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {RawFields, scoreLines} from '../cisco/common.js'
import {addMaskedField, isFiltered, markPartial} from '../cisco/modern-common.js'
import {isTunnelInterface} from './common.js'

// "Interface IP-Address OK? Method Status Protocol"
const HEADER = /^Interface IP-Address OK\? Method Status Protocol$/i
// "GigabitEthernet0/0/2 unassigned YES NVRAM administratively down down" / "Tunnel100 10.99.0.1 YES NVRAM up up"
const ROW = /^[A-Za-z][\w./:-]* \S+ (?:YES|NO) \S+ (?:up|down|administratively down|deleted|reset) (?:up|down)$/i
// "GigabitEthernet0/0/1", "Port-channel1.100", "Internal-Data0/0", "Virtual-Access2.1", "NVI0"
const NAME = /^[A-Za-z][\w./:-]*$/
// "up", "down", "administratively down", "deleted", "reset"
const STATUS = /^(?:up|down|administratively down|deleted|reset)$/i
// "YES" / "NO" (the OK? column)
const OK = /^(?:YES|NO)$/i

function state(word: string): LinkState {
  const w = word.toLowerCase()
  return w === 'up' ? 'up' : w === 'down' ? 'down' : null
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acct = new LineAccount(lines)
  const ids = new IdRegistry()
  const filtered = isFiltered(ctx)
  for (const line of lines) {
    const t = line.text
    if (t === '') continue
    if (HEADER.test(t)) {
      acct.ignore(line)
      continue
    }
    const w = t.split(' ')
    const protocol = w[w.length - 1]
    const twoWordStatus = w.length === 7 && w[4].toLowerCase() === 'administratively'
    const status = twoWordStatus ? `${w[4]} ${w[5]}` : w[4]
    if ((w.length !== 6 && !twoWordStatus) || !NAME.test(w[0]) || !OK.test(w[2]) || !STATUS.test(status ?? '') || state(protocol) === null) {
      acct.reject(line, 'not a row of the Interface IP-Address OK? Method Status Protocol table')
      continue
    }
    const address = w[1]
    const kind = addressKind(address)
    if (kind === null && address.toLowerCase() !== 'unassigned') {
      acct.reject(line, `"${address}" is neither an address nor "unassigned"`)
      continue
    }
    const f = new RawFields()
    f.set('Interface', w[0], line)
    f.set('IP-Address', address, line)
    f.set('OK?', w[2], line)
    f.set('Method', w[3], line)
    f.set('Status', status, line)
    f.set('Protocol', protocol, line)
    const shut = twoWordStatus
    const link = shut ? 'down' : state(status)
    if (link === null) acct.warn(`line ${line.n}: Status "${status}" of ${w[0]} is neither up nor down: link state left unknown`)
    const fact: InterfaceStatus = {
      kind: 'interfaceStatus', id: ids.unique(`interface:${w[0]}`), source: sourceOf(ctx, line.n, line.n), raw: f.fields,
      name: w[0], adminStatus: shut ? 'down' : link === null ? null : 'up', linkStatus: link, protocolStatus: state(protocol),
      addresses: kind === null ? [] : [{address, family: null, remote: null}], families: [], tunnel: isTunnelInterface(w[0], 'cisco'),
    }
    if (kind === 'masked') addMaskedField(fact, 'addresses')
    if (filtered) markPartial(fact)
    acct.add(fact)
    acct.consume(line)
  }
  return acct.finish()
}

export const showIpInterfaceBrief: ParserSpec = {
  id: 'cisco/show-ip-interface-brief',
  vendor: 'cisco',
  command: 'show ip interface brief',
  aliases: ['show interface ip brief'],
  detect(lines: Line[]): number {
    return scoreLines(lines.slice(0, 40), [HEADER], [ROW])
  },
  parse,
}
