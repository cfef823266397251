/**
 * Interface and route views (interfaceStatus, route) through ingest: the typed command (full,
 * abbreviated, with an interface or a prefix inside or after it) picks the parser, a headless paste is
 * recognised by its content, and "show route", which both ASA and Junos print, is told apart by the
 * content whatever the prompt looks like.
 */
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'
import {argsFor, matchCommand} from '../src/ingest/commands.js'
import {summarizeCapture} from '../src/wizard/summary.js'

const parsersOf = (doc: Awaited<ReturnType<typeof ingestText>>) => doc.blocks.map((b) => b.parser)
const unparsed = (doc: Awaited<ReturnType<typeof ingestText>>) => doc.blocks.flatMap((b) => b.unparsed)

const IOS_BRIEF = [
  'Interface              IP-Address      OK? Method Status                Protocol',
  'GigabitEthernet0/0/0   198.51.100.10   YES NVRAM  up                    up',
  'GigabitEthernet0/0/2   unassigned      YES NVRAM  administratively down down',
  'Tunnel100              10.99.0.1       YES NVRAM  up                    down',
]
const TERSE = [
  'Interface               Admin Link Proto    Local                 Remote',
  'st0                     up    up',
  'st0.0                   up    up   inet     10.99.0.6/30',
  'st0.1                   up    down inet     10.99.0.10/30',
]
const JUNOS_ROUTE = [
  'inet.0: 14 destinations, 14 routes (14 active, 0 holddown, 0 hidden)',
  '+ = Active Route, - = Last Active, * = Both',
  '',
  '10.10.0.0/16       *[Static/5] 3w2d 04:11:37',
  '                    > via st0.0',
]
const ASA_ROUTE = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  'Gateway of last resort is 198.51.100.9 to network 0.0.0.0',
  '',
  'S*       0.0.0.0 0.0.0.0 [1/0] via 198.51.100.9, outside',
  'V        10.80.0.0 255.255.0.0 connected by VPN (advertised), outside',
]
const IOS_ROUTE = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  'Gateway of last resort is 198.51.100.9 to network 0.0.0.0',
  '',
  'S*    0.0.0.0/0 [1/0] via 198.51.100.9',
  '      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks',
  'S        10.80.0.0/16 is directly connected, Tunnel100',
]

describe('interface and route commands are dispatched to their parsers', () => {
  it('IOS show ip interface brief, typed in full and abbreviated, gives interfaceStatus facts', async () => {
    for (const typed of ['show ip interface brief', 'sh ip int br', 'show ip interface brief | include up']) {
      const doc = await ingestText([`R1#${typed}`, ...IOS_BRIEF, 'R1#'].join('\n'), {file: 'r1.txt'})
      expect(parsersOf(doc), typed).toEqual(['cisco/show-ip-interface-brief'])
      expect(unparsed(doc), typed).toEqual([])
      const tu = doc.facts.interfaceStatus.find((i) => i.name === 'Tunnel100')
      expect(tu, typed).toMatchObject({adminStatus: 'up', linkStatus: 'up', protocolStatus: 'down', tunnel: true, addresses: [{address: '10.99.0.1'}]})
      expect(doc.facts.interfaceStatus.find((i) => i.name === 'GigabitEthernet0/0/2')).toMatchObject({adminStatus: 'down', linkStatus: 'down', addresses: []})
    }
  })

  it('ASA show interface ip brief goes to the same parser', async () => {
    const doc = await ingestText(['asa-hq# sh int ip br', ...IOS_BRIEF, 'asa-hq#'].join('\n'), {file: 'asa.txt'})
    expect(parsersOf(doc)).toEqual(['cisco/show-ip-interface-brief'])
    expect(doc.facts.interfaceStatus).toHaveLength(3)
  })

  it('Junos show interfaces terse with the interface before or after "terse", and at a prompt that looks like Cisco', async () => {
    for (const typed of ['user@srx1> show interfaces terse', 'user@srx1> show interfaces st0 terse', 'user@srx1> show interfaces terse st0*', 'srx1> show int terse | match st0', 'root@srx1# run show interfaces st0 terse']) {
      const doc = await ingestText([typed, ...TERSE].join('\n'), {file: 'srx.txt'})
      expect(parsersOf(doc), typed).toEqual(['junos/show-interfaces-terse'])
      expect(unparsed(doc), typed).toEqual([])
      expect(doc.facts.interfaceStatus.map((i) => [i.name, i.linkStatus]), typed).toEqual([['st0', 'up'], ['st0.0', 'up'], ['st0.1', 'down']])
      expect(doc.facts.interfaceStatus.every((i) => i.tunnel && i.protocolStatus === null), typed).toBe(true)
    }
    expect(argsFor(matchCommand('show interfaces st0 terse', 'junos')!.parsers[0], 'show interfaces st0 terse')).toEqual(['st0'])
    expect(argsFor(matchCommand('show interfaces terse st0*', 'junos')!.parsers[0], 'show interfaces terse st0*')).toEqual(['st0*'])
  })

  it('show route: Junos and ASA output are told apart by content, whatever the prompt suggests', async () => {
    const cases: [string, string[], string][] = [
      ['user@srx1> show route 10.10.1.1', JUNOS_ROUTE, 'junos/show-route'],
      ['srx1> show route', JUNOS_ROUTE, 'junos/show-route'],
      ['> show route', JUNOS_ROUTE, 'junos/show-route'],
      ['asa-hq# show route', ASA_ROUTE, 'cisco/show-ip-route'],
      ['> show route', ASA_ROUTE, 'cisco/show-ip-route'],
      ['R1#show ip route', IOS_ROUTE, 'cisco/show-ip-route'],
      ['R1#sh ip ro 10.80.0.0 255.255.0.0 longer-prefixes', IOS_ROUTE, 'cisco/show-ip-route'],
    ]
    for (const [typed, body, parser] of cases) {
      const doc = await ingestText([typed, ...body].join('\n'), {file: 'cap.txt'})
      expect(parsersOf(doc), typed).toEqual([parser])
      expect(unparsed(doc), typed).toEqual([])
      expect(doc.facts.route.length, typed).toBeGreaterThan(0)
    }
  })

  it('route facts carry protocol, next hop and interface', async () => {
    const doc = await ingestText(['user@srx1> show route', ...JUNOS_ROUTE, 'R1#show ip route', ...IOS_ROUTE, 'asa# show route', ...ASA_ROUTE].join('\n'), {file: 'cap.txt'})
    const byDevice = (d: string) => doc.facts.route.filter((r) => r.source.device === d).map((r) => [r.prefix, r.protocol, r.nextHop, r.interface, r.active])
    expect(byDevice('srx1')).toEqual([['10.10.0.0/16', 'static', null, 'st0.0', true]])
    expect(byDevice('R1')).toEqual([['0.0.0.0/0', 'static', '198.51.100.9', null, null], ['10.80.0.0/16', 'static', null, 'Tunnel100', null]])
    expect(byDevice('asa')).toEqual([['0.0.0.0/0', 'static', '198.51.100.9', 'outside', null], ['10.80.0.0/16', 'vpn', null, 'outside', null]])
  })

  it('headless pastes are recognised by their content', async () => {
    const cases: [string[], string][] = [
      [IOS_BRIEF, 'cisco/show-ip-interface-brief'],
      [TERSE, 'junos/show-interfaces-terse'],
      [JUNOS_ROUTE, 'junos/show-route'],
      [IOS_ROUTE, 'cisco/show-ip-route'],
      [ASA_ROUTE, 'cisco/show-ip-route'],
    ]
    for (const [body, parser] of cases) {
      const doc = await ingestText(body.join('\n'), {file: 'paste.txt'})
      expect(parsersOf(doc), parser).toEqual([parser])
      expect(doc.blocks[0].detectedBy, parser).toBe('content')
      expect(unparsed(doc), parser).toEqual([])
    }
  })

  it('an author\'s note rides on the values of its line, and the Junos Remote column is not taken for one', async () => {
    const doc = await ingestText(['user@srx1> show interfaces terse lo0', 'Interface Admin Link Proto Local Remote', 'lo0 up up', 'lo0.0 up up inet 10.255.0.1 --> 0/0', 'st0.1 up down inet 10.99.0.10/30   <-- this one'].join('\n'), {file: 'srx.txt'})
    const lo = doc.facts.interfaceStatus.find((i) => i.name === 'lo0.0')
    expect(lo?.addresses).toEqual([{address: '10.255.0.1', family: 'inet', remote: '0/0'}])
    const st = doc.facts.interfaceStatus.find((i) => i.name === 'st0.1')
    expect(st?.raw.notes?.Link).toBe('this one')
  })

  it('the wizard\'s one-line summary of a paste counts interfaces, tunnel interfaces down, and routes', async () => {
    const doc = await ingestText(['user@srx1> show interfaces terse st0*', ...TERSE, 'user@srx1> show route', ...JUNOS_ROUTE].join('\n'), {file: 'srx.txt'})
    const line = summarizeCapture(doc)
    expect(line).toContain('3 interfaces (1 tunnel interface down)')
    expect(line).toContain('1 route')
  })
})

describe('show ip route <prefix> for a destination the device has no route to', () => {
  it('reads "% Subnet not in table" as that answer, with a warning, not as an unparsed line', async () => {
    const doc = await ingestText(['R1#show ip route 10.99.0.0', '% Subnet not in table', 'R1#'].join('\n') + '\n', {file: 'r1.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.blocks[0].warnings).toEqual(['line 2: no route to the destination asked for (% Subnet not in table)'])
  })
})
