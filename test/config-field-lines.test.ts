/**
 * Configuration lines field captures showed unparsed: IOS `crypto isakmp peer` with `set
 * aggressive-mode ...`, IOS-XE IKEv2 profile `pki trustpoint`, Junos ES-PIC `interfaces es-*` tunnel
 * units. Each is read in the field's forms (collapsed spaces, no indentation, tabs, a note at line
 * end, masked addresses, `| include`, a cut) into the same fact.
 */
import {describe, expect, it} from 'vitest'
import type {Fact, IkeGateway, IkePolicy, VpnTunnel} from '../src/model/index.js'
import {parserById} from '../src/parsers/registry.js'
import {pastedLines} from '../src/reading/paste.js'
import type {ParseResult} from '../src/parsers/types.js'
import type {DeviceFacts} from '../src/engine/device-index.js'
import {configEnds} from '../src/engine/config-pair/views.js'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

function run(parserId: string, text: string, o: {args?: string[]; pipe?: string | null} = {}): ParseResult {
  const p = parserById(parserId)!
  return p.parse(pastedLines(text), {file: 'cfg.txt', device: 'dut', vendor: p.vendor, command: p.command, args: o.args ?? [], pipe: o.pipe ?? null, node: null})
}
const ios = (text: string, pipe: string | null = null) => run('cisco/show-running-config', text, {pipe})
const junos = (text: string, args: string[], pipe: string | null = null) => run('junos/show-configuration', text, {args, pipe})
const of = <K extends Fact['kind']>(r: ParseResult, kind: K) => r.facts.filter((f): f is Extract<Fact, {kind: K}> => f.kind === kind)

const PEER = [
  'crypto isakmp peer address 203.0.113.50',
  ' set aggressive-mode password 7 0822455D0A16544541',
  ' set aggressive-mode client-endpoint fqdn spoke14.lab.example',
  '!',
  'crypto isakmp peer hostname hub.example',
  ' set aggressive-mode password hunter2-secret',
  '!',
  'end',
]

describe('IOS crypto isakmp peer with set aggressive-mode', () => {
  const policy = (r: ParseResult) => of(r, 'ikePolicy').map((p: IkePolicy) => ({name: p.name, mode: p.mode, pskSet: p.pskSet}))
  const expected = [{name: '203.0.113.50', mode: 'aggressive', pskSet: true}, {name: 'hub.example', mode: 'aggressive', pskSet: true}]

  it('is an ikePolicy in aggressive mode named by the peer, the password only noted as set', () => {
    const r = ios(PEER.join('\n'))
    expect(r.unparsed).toEqual([])
    expect(policy(r)).toEqual(expected)
    const text = JSON.stringify(r.facts)
    expect(text).not.toContain('0822455D0A16544541')
    expect(text).not.toContain('hunter2-secret')
    expect(text).toContain('fqdn spoke14.lab.example')
  })

  it('gives the same facts in the field forms', () => {
    const forms: Record<string, string> = {
      'collapsed spaces': PEER.map((l) => l.replace(/ /g, '   ')).join('\n'),
      'indentation stripped': PEER.map((l) => l.trim()).join('\n'),
      tabs: PEER.map((l) => l.replace(/^ /, '\t').replace(/ /g, '\t')).join('\n'),
      'note at line end': PEER.map((l) => (l.includes('aggressive-mode password') ? `${l}   <-- spoke initiates AM` : l)).join('\n'),
    }
    for (const [name, text] of Object.entries(forms)) {
      const r = ios(text)
      expect(r.unparsed, name).toEqual([])
      expect(policy(r), name).toEqual(expected)
    }
    const masked = ios(PEER.join('\n').replace('203.0.113.50', 'x.x.x.x'))
    expect(masked.unparsed).toEqual([])
    expect(policy(masked)[0]).toEqual({...expected[0], name: 'x.x.x.x'})
    expect(of(masked, 'ikePolicy')[0].masked).toEqual(['name'])
    // cut after the password line: the record is there, marked partial
    const cut = ios(PEER.slice(0, 2).join('\n'))
    expect(cut.unparsed).toEqual([])
    expect(policy(cut)).toEqual([expected[0]])
    expect(of(cut, 'ikePolicy')[0].partial).toBe(true)
  })

  it('under | include the lines are read, not left unparsed', () => {
    const r = ios(PEER.filter((l) => /isakmp peer|aggressive/.test(l)).join('\n'), '| include isakmp peer|aggressive')
    expect(r.unparsed).toEqual([])
    expect(policy(r)).toEqual(expected)
  })

  it('fires config-aggressive-mode with the line of the setting as evidence', async () => {
    const capture = ['spoke14#show running-config | section crypto isakmp', ...PEER.slice(0, 4), 'spoke14#'].join('\n')
    const out = await diagnose(await ingestText(capture, {file: 'spoke14.txt'}), {at: '2026-11-23T12:00:00Z'})
    const f = out.findings.filter((x) => x.ruleId === 'config-aggressive-mode')
    expect(f.map((x) => x.message)).toEqual(['IKE policy 203.0.113.50 uses aggressive mode'])
    expect(f[0].evidence.map((e) => `${e.file}:${e.line} ${e.field}=${e.value}`)).toContain('spoke14.txt:3 mode=aggressive')
    expect(JSON.stringify(out)).not.toContain('0822455D0A16544541')
  })
})

const PROFILE = [
  'crypto ikev2 profile IKEV2-PROF-DC',
  ' match identity remote fqdn dc-edge.corp.example',
  ' authentication remote rsa-sig',
  ' authentication local rsa-sig',
  ' pki trustpoint TP-CORP-CA',
  ' pki trustpoint TP-SIGN-2 sign',
  ' pki trustpoint TP-VERIFY-9 verify',
  '!',
]

describe('IOS-XE IKEv2 profile pki trustpoint', () => {
  const tps = (r: ParseResult) => of(r, 'ikeGateway').map((g: IkeGateway) => g.trustpoints)
  it('lists the trustpoints on the profile in every form', () => {
    const forms: Record<string, string> = {
      clean: PROFILE.join('\n'),
      'collapsed spaces': PROFILE.map((l) => l.replace(/ /g, '  ')).join('\n'),
      'indentation stripped': PROFILE.map((l) => l.trim()).join('\n'),
      tabs: PROFILE.map((l) => l.replace(/ /g, '\t')).join('\n'),
      'note at line end': PROFILE.map((l) => (l.includes('pki') ? `${l}   <<< expired CA?` : l)).join('\n'),
    }
    for (const [name, text] of Object.entries(forms)) {
      const r = ios(text)
      expect(r.unparsed, name).toEqual([])
      expect(tps(r), name).toEqual([['TP-CORP-CA', 'TP-SIGN-2', 'TP-VERIFY-9']])
    }
    // cut after the first trustpoint
    const cut = ios(PROFILE.slice(0, 5).join('\n'))
    expect(cut.unparsed).toEqual([])
    expect(tps(cut)).toEqual([['TP-CORP-CA']])
    expect(of(cut, 'ikeGateway')[0].partial).toBe(true)
  })
})

const ES_CURLY = [
  'unit 0 {',
  '    tunnel {',
  '        source 198.51.100.80;',
  '        destination 192.0.2.44;',
  '    }',
  '    family inet {',
  '        ipsec-sa sa-annex;',
  '        address 10.250.44.1/30;',
  '    }',
  '}',
]
const ES_SET = [
  'set interfaces es-0/3/0 unit 0 tunnel source 198.51.100.80',
  'set interfaces es-0/3/0 unit 0 tunnel destination 192.0.2.44',
  'set interfaces es-0/3/0 unit 0 family inet ipsec-sa sa-annex',
  'set interfaces es-0/3/0 unit 0 family inet address 10.250.44.1/30',
]

describe('Junos ES-PIC es interface tunnel unit', () => {
  const tun = (r: ParseResult) => of(r, 'vpnTunnel').map((t: VpnTunnel) => ({name: t.name, bind: t.bindInterface, src: t.tunnelSource, dst: t.tunnelDestination, addr: t.tunnelAddress, gw: t.gateway}))
  const want = {name: 'sa-annex', bind: 'es-0/3/0.0', src: '198.51.100.80', dst: '192.0.2.44', addr: '10.250.44.1', gw: '192.0.2.44'}

  it('binds the SA to the peer at destination from the local source, curly and display set', () => {
    const forms: Record<string, ParseResult> = {
      curly: junos(ES_CURLY.join('\n'), ['interfaces', 'es-0/3/0']),
      'curly, indentation stripped': junos(ES_CURLY.map((l) => l.trim()).join('\n'), ['interfaces', 'es-0/3/0']),
      'curly, tabs': junos(ES_CURLY.map((l) => l.replace(/ {4}/g, '\t')).join('\n'), ['interfaces', 'es-0/3/0']),
      'curly, whole interfaces': junos(['es-0/3/0 {', ...ES_CURLY, '}'].join('\n'), ['interfaces']),
      'curly, note at line end': junos(ES_CURLY.map((l) => (l.includes('destination') ? `${l}   <-- annex office` : l)).join('\n'), ['interfaces', 'es-0/3/0']),
      'display set': junos(ES_SET.join('\n'), ['interfaces'], '| display set'),
      'display set, collapsed spaces': junos(ES_SET.map((l) => l.replace(/ /g, '   ')).join('\n'), ['interfaces'], '| display set'),
    }
    for (const [name, r] of Object.entries(forms)) {
      expect(r.unparsed, name).toEqual([])
      expect(tun(r), name).toEqual([want])
    }
  })

  it('masked, filtered and cut captures', () => {
    const masked = junos(ES_SET.join('\n').replace(/192\.0\.2\.44/g, 'x.x.x.x'), ['interfaces'], '| display set')
    expect(masked.unparsed).toEqual([])
    expect(tun(masked)).toEqual([{...want, dst: 'x.x.x.x', gw: 'x.x.x.x'}])
    expect(of(masked, 'vpnTunnel')[0].masked).toEqual(['tunnelDestination', 'gateway'])
    const filtered = junos(ES_SET.filter((l) => l.includes('tunnel')).join('\n'), ['interfaces'], '| display set | match tunnel')
    expect(filtered.unparsed).toEqual([])
    expect(tun(filtered)).toEqual([{...want, name: 'es-0/3/0.0', addr: null}])
    const cut = junos(ES_CURLY.slice(0, 4).join('\n'), ['interfaces', 'es-0/3/0'])
    expect(cut.unparsed).toEqual([])
    expect(tun(cut)).toEqual([{...want, name: 'es-0/3/0.0', addr: null}])
    expect(of(cut, 'vpnTunnel')[0].partial).toBe(true)
  })

  it('gives the pair logic its local and peer address', () => {
    const r = junos([...ES_SET, 'set security ike policy 192.0.2.44 mode main', 'set security ike policy 192.0.2.44 pre-shared-key ascii-text "$9$x"'].join('\n'), [], '| display set')
    expect(r.unparsed).toEqual([])
    const byKind: Record<string, Fact[]> = {}
    for (const f of r.facts) (byKind[f.kind] ??= []).push(f)
    const ends = configEnds('j2350', 'junos', byKind as DeviceFacts)
    expect(ends.map((e) => ({label: e.label, peer: e.peer, local: e.local, routeBased: e.routeBased}))).toEqual([{label: 'vpn sa-annex', peer: '192.0.2.44', local: '198.51.100.80', routeBased: true}])
    expect(ends[0].ev.peer.map((e) => `${e.line} ${e.field}=${e.value}`)).toEqual(['5 address=192.0.2.44'])
  })
})
