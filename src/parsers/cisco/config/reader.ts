/**
 * Cisco IOS / IOS-XE / ASA crypto configuration as printed by `show running-config` (whole, `|
 * section crypto`, `| include crypto|isakmp|ipsec`) and the ASA `show running-config crypto|ipsec|
 * tunnel-group|access-list|nat` views. Lines come without indentation (src/reading/paste.ts), so a
 * line that starts with a top-level keyword opens a section and any other line belongs to the last
 * open one by its words. Sections ipsec-doctor does not model are ignored, not reported.
 * The facts are built in build.ts.
 */
import {LineAccount} from '../../account.js'
import type {Line, ParseContext} from '../../types.js'
import {RawFields} from '../common.js'
import {toInt} from '../../../reading/numbers.js'

export type SectionType =
  | 'ike-policy' | 'ikev2-policy' | 'ikev2-proposal' | 'ikev2-keyring-peer' | 'ikev2-keyring' | 'ikev2-profile'
  | 'isakmp-profile' | 'keyring' | 'transform-set' | 'ipsec-proposal' | 'ipsec-profile' | 'map-entry'
  | 'interface' | 'acl' | 'object' | 'tunnel-group' | 'isakmp-peer' | 'ignored'

/** One configuration block: its head words and the sub-commands that followed it. */
export interface Section {
  type: SectionType
  name: string
  /** Words of the head line. */
  head: string[]
  start: number
  end: number
  fields: RawFields
  /** Sub-commands as word lists with their line. */
  subs: {words: string[]; line: Line}[]
  /** map-entry: map name and sequence; isTemplate for dynamic maps. */
  map?: string
  seq?: number
  isTemplate?: boolean
}

/** Top-level words of a configuration; anything else continues the open section. */
const TOP = new Set([
  'crypto', 'interface', 'tunnel-group', 'access-list', 'object', 'object-group', 'nat', 'group-policy', 'hostname',
  'version', 'boot', 'service', 'username', 'router', 'line', 'end', 'logging', 'ntp', 'snmp-server', 'aaa',
  'aaa-server', 'enable', 'license', 'control-plane', 'banner', 'route', 'route-map', 'class-map', 'policy-map',
  'spanning-tree', 'vlan', 'webvpn', 'dns', 'ssh', 'telnet', 'http', 'same-security-traffic', 'names',
  'domain-name', 'arp', 'icmp', 'failover', 'monitor-interface', 'timeout', 'dhcpd', 'threat-detection',
  'sysopt', 'pager', 'console', 'asdm', 'clock', 'archive', 'file', 'redundancy', 'platform', 'track', 'event',
  'alias', 'call-home', 'ipv6', 'key', 'vpdn', 'multilink', 'memory', 'prompt', 'passwd', 'cryptochecksum:',
  'firewall', 'xlate', 'access-group', 'subscriber', 'diagnostic', 'flow', 'cdp', 'lldp',
])
/** "ip ..." that is global (an interface's "ip address", "ip nat inside" are sub-commands). */
const IP_GLOBAL = new Set(['access-list', 'route', 'domain', 'domain-name', 'ssh', 'http', 'sla', 'prefix-list', 'dhcp',
  'name-server', 'cef', 'forward-protocol', 'local', 'scp', 'ftp', 'tftp', 'host', 'multicast-routing', 'routing',
  'subnet-zero', 'classless', 'flow-export', 'ips', 'inspect', 'audit', 'community-list', 'as-path', 'bgp-community',
  'default-gateway', 'finger', 'icmp', 'options', 'source-route', 'radius', 'tacacs'])
// "Building configuration...", "Current configuration : 4711 bytes", ": Saved", ": Written by enable_15 at ...", "ASA Version 9.8(4)"
const PREAMBLE = /^(?:Building configuration\.*|Current configuration ?: ?\d+ bytes|:.*|ASA Version \S+.*|end)$/

/** The reader's view of one capture block. */
export class CiscoConfigReader {
  readonly acc: LineAccount
  readonly sections: Section[] = []
  /** One-liners: "crypto isakmp key", ASA "crypto map X 10 set peer", "nat (...)", "access-list ...". */
  readonly lines: {words: string[]; line: Line}[] = []
  open: Section | null = null
  /** `| include` output: interface sub-commands arrive without their interface. */
  readonly filtered: boolean

  constructor(readonly allLines: Line[], readonly ctx: ParseContext, readonly asa: boolean) {
    this.acc = new LineAccount(allLines)
    this.filtered = /^\| ?(?:include|i|inc|grep|match)\b/i.test(ctx.pipe ?? '')
  }

  private section(type: SectionType, name: string, words: string[], line: Line, extra: Partial<Section> = {}): Section {
    const s: Section = {type, name, head: words, start: line.n, end: line.n, fields: new RawFields(), subs: [], ...extra}
    this.sections.push(s)
    this.open = s
    return s
  }

  read(line: Line): void {
    const text = line.text
    if (text === '') return this.acc.ignore(line)
    // "!" and the ASA's ": end" / ": Saved" close any open section (a pasted capture may lose the "!" before ": end")
    if (text.startsWith('!') || text.startsWith(':')) {
      this.open = null
      return this.acc.ignore(line)
    }
    const words = text.split(' ')
    if (this.isTop(words)) return this.top(words, line)
    if (PREAMBLE.test(text) && this.open === null) return this.acc.ignore(line)
    const s = this.open
    if (s === null) return this.orphan(words, line)
    s.end = line.n
    if (s.type === 'ignored') return
    // IKEv2 keyring: "peer NAME" opens a peer inside the keyring
    if (s.type === 'ikev2-keyring' || s.type === 'ikev2-keyring-peer') {
      if (words[0] === 'peer' && words[1]) {
        const keyring = s.type === 'ikev2-keyring' ? s.name : (s.head[3] ?? s.name)
        this.section('ikev2-keyring-peer', `${keyring}/${words[1]}`, ['crypto', 'ikev2', 'keyring', keyring, 'peer', words[1]], line)
        return
      }
      if (s.type === 'ikev2-keyring') return this.acc.reject(line, 'unknown line in a crypto ikev2 keyring')
    }
    s.subs.push({words, line})
  }

  /** Does this line open a section (or stand alone at the top)? */
  private isTop(words: string[]): boolean {
    const w = words[0]
    const s = this.open
    // ASA "show running-config all": "no crypto map VPN 10 set nat-t-disable" (a setting that is off)
    if (w === 'no') return words[1] === 'crypto'
    if (w === 'ip') return IP_GLOBAL.has(words[1]) || (words[1] === 'nat' && ['source', 'pool'].includes(words[3] ?? words[2]))
    if (w === 'crypto' && s?.type === 'interface' && (words[1] === 'map' ? words.length === 3 : words[1] === 'ipsec')) return false
    // ASA tunnel interfaces: "tunnel source interface outside" is a sub-command, never a top word
    // ASA object NAT inside "object network NAME": "nat (inside,outside) dynamic interface" (no "source"
    // word, unlike twice NAT "nat (inside,outside) [after-auto] source static A A ..."), whatever its indentation
    if (w === 'nat' && s?.type === 'object' && s.head[0] === 'object' && /^(?:static|dynamic)$/.test(words[2] ?? '')) return false
    return TOP.has(w) || (w === 'nat' && words[1]?.startsWith('('))
  }

  private top(words: string[], line: Line): void {
    this.open = null
    const [w0, w1, w2, w3] = words
    if (w0 === 'crypto') return this.crypto(words, line)
    if (w0 === 'no' && w1 === 'crypto') return this.negated(words, line)
    if (w0 === 'interface' && w1) return void this.section('interface', words.slice(1).join(' '), words, line)
    if (w0 === 'ip' && w1 === 'access-list' && w3) return void this.section('acl', w3, words, line)
    if ((w0 === 'object' || w0 === 'object-group') && w1 === 'network' && w2) return void this.section('object', w2, words, line)
    if (w0 === 'tunnel-group' && w1) {
      if (w2 === 'ipsec-attributes') return void this.section('tunnel-group', w1, words, line)
      if (w2 === 'type') return this.one(words, line)
      return void this.section('ignored', w1, words, line)
    }
    if (w0 === 'access-list' || (w0 === 'nat' && w1?.startsWith('(')) || (w0 === 'ip' && w1 === 'nat')) return this.one(words, line)
    this.section('ignored', w0, words, line)
  }

  private one(words: string[], line: Line): void {
    this.lines.push({words, line})
  }

  private crypto(words: string[], line: Line): void {
    const [, w1, w2, w3, w4] = words
    const rest = words.slice(1).join(' ')
    // "crypto isakmp policy 10" / "crypto ikev1 policy 10"
    if ((w1 === 'isakmp' || w1 === 'ikev1') && w2 === 'policy' && w3) return void this.section('ike-policy', w3, words, line)
    if (w1 === 'ikev2' && w2 === 'policy' && w3) return void this.section('ikev2-policy', w3, words, line)
    if (w1 === 'ikev2' && w2 === 'proposal' && w3) return void this.section('ikev2-proposal', w3, words, line)
    if (w1 === 'ikev2' && w2 === 'keyring' && w3) return void this.section('ikev2-keyring', w3, words, line)
    if (w1 === 'ikev2' && w2 === 'profile' && w3) return void this.section('ikev2-profile', w3, words, line)
    if (w1 === 'isakmp' && w2 === 'profile' && w3) return void this.section('isakmp-profile', w3, words, line)
    if (w1 === 'keyring' && w2) return void this.section('keyring', w2, words, line)
    // "crypto isakmp peer address 203.0.113.50" / "crypto isakmp peer hostname hub.example" (its
    // "set aggressive-mode ..." lines follow)
    if (w1 === 'isakmp' && w2 === 'peer' && (w3 === 'address' || w3 === 'hostname') && w4) return void this.section('isakmp-peer', w4, words, line)
    // "crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac" / ASA "crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac"
    if (w1 === 'ipsec' && w2 === 'transform-set' && w3) return void this.section('transform-set', w3, words, line)
    if (w1 === 'ipsec' && w2 === 'ikev1' && w3 === 'transform-set' && w4) return void this.section('transform-set', w4, words, line)
    // ASA "crypto ipsec ikev2 ipsec-proposal P"
    if (w1 === 'ipsec' && w2 === 'ikev2' && w3 === 'ipsec-proposal' && w4) return void this.section('ipsec-proposal', w4, words, line)
    if (w1 === 'ipsec' && w2 === 'profile' && w3) return void this.section('ipsec-profile', w3, words, line)
    // "crypto map VPN 10 ipsec-isakmp [dynamic DYN]" (IOS), ASA "crypto map VPN 10 set peer 1.2.3.4" one-liners
    const seq = toInt(w3)
    if ((w1 === 'map' || w1 === 'dynamic-map') && w2 && w3 && /^\d+$/.test(w3) && seq !== null) {
      const isTemplate = w1 === 'dynamic-map'
      if (words.length > 4 && (w4 === 'set' || w4 === 'match')) {
        // ASA: each line names its entry
        const entry = this.entry(w2, seq, isTemplate, line)
        entry.subs.push({words: words.slice(4), line})
        entry.end = Math.max(entry.end, line.n)
        this.open = null
        return
      }
      const entry = this.entry(w2, seq, isTemplate, line)
      entry.head = words
      this.open = entry
      return
    }
    // everything else is a one-liner: "crypto isakmp key ...", "crypto map VPN interface outside",
    // "crypto ikev1 enable outside", "crypto isakmp keepalive 10 3", "crypto ipsec security-association lifetime seconds 3600"
    if (/^(?:isakmp|ikev1|ikev2|map|ipsec|dynamic-map)\b/.test(rest)) return this.one(words, line)
    // pki / ca trustpoints and certificate chains: not modelled
    this.section('ignored', rest, words, line)
  }

  /**
   * "no crypto map VPN 10 set reverse-route": ASA `show running-config all` prints the settings that
   * are off; the entry keeps them ("no" + the setting). Other "no crypto ..." defaults are not modelled.
   */
  private negated(words: string[], line: Line): void {
    const [, , w2, w3, w4, w5] = words
    const seq = toInt(w4)
    if ((w2 === 'map' || w2 === 'dynamic-map') && w3 && seq !== null && /^\d+$/.test(w4) && (w5 === 'set' || w5 === 'match')) {
      const entry = this.entry(w3, seq, w2 === 'dynamic-map', line)
      entry.subs.push({words: ['no', ...words.slice(5)], line})
      entry.end = Math.max(entry.end, line.n)
      this.open = null
      return
    }
    this.section('ignored', words.slice(1).join(' '), words, line)
  }

  /** The entry of a map, created at its first line (ASA prints one line per setting). */
  private entry(map: string, seq: number, isTemplate: boolean, line: Line): Section {
    const found = this.sections.find((s) => s.type === 'map-entry' && s.map === map && s.seq === seq && !!s.isTemplate === isTemplate)
    if (found) return found
    const s = this.section('map-entry', `${map} ${seq}`, ['crypto', isTemplate ? 'dynamic-map' : 'map', map, String(seq)], line, {map, seq, isTemplate})
    return s
  }

  /** A sub-command with no section before it (`| include` output, or a cut capture). */
  private orphan(words: string[], line: Line): void {
    // "crypto map VPN" / "tunnel protection ipsec profile P" under an interface that the filter left out
    if (this.filtered || words[0] === 'tunnel') return this.one(['(orphan)', ...words], line)
    this.acc.reject(line, 'configuration line outside any section')
  }
}
