/** The reading layer's own rules: paste normalization, notes, prose, and the address classifier. */
import {describe, expect, it} from 'vitest'
import {addressKind, addressPort, isMaskedAddress} from '../src/reading/address.js'
import {labelPairs} from '../src/reading/labels.js'
import {typedRow} from '../src/reading/tokens.js'
import {normalizePaste, pastedLines} from '../src/reading/paste.js'
import {isProseLine} from '../src/reading/prose.js'

describe('normalizePaste', () => {
  it('takes the time an author marks between two runs of a command as a note', () => {
    for (const l of ['(1 min later)', '[60 s later]', '... 5 minutes later:', '~30s later, same command', '(about 2 mins later)']) expect(normalizePaste(l).kind, l).toBe('note')
    expect(normalizePaste('Rekey 3 s later than expected').kind).toBe('content')
  })

  it('drops the speaker of a chat or ticket line, as a quote marker', () => {
    expect(normalizePaste('[10:14] Marek: R1#show crypto isakmp sa')).toEqual({text: 'R1#show crypto isakmp sa', note: null, kind: 'content'})
    expect(normalizePaste('[10:02] Tomasz K.:').kind).toBe('note')
    expect(normalizePaste('[2025-05-19 08:31 UTC] Customer (K. Osei):').kind).toBe('note')
    expect(normalizePaste('2026-12-06 06:37 UTC  [J. Brandt / FW team]  hq-fw#show crypto isakmp sa').text).toBe('hq-fw#show crypto isakmp sa')
    expect(normalizePaste('2026-12-06 06:24 UTC [A. Novak]').kind).toBe('note')
    expect(normalizePaste('[9:41 AM] Anna:   203.0.113.5  QM_IDLE  <-- this one')).toEqual({text: '203.0.113.5 QM_IDLE', note: 'this one', kind: 'content'})
    // device lines in brackets keep their text
    expect(normalizePaste('[edit security ike]').text).toBe('[edit security ike]')
    expect(normalizePaste('[10:14] ipsec: no sa for spi 0x2f6b0c19').text).toBe('[10:14] ipsec: no sa for spi 0x2f6b0c19')
  })

  it.each([
    ['  QM_IDLE 1004 ACTIVE   <-- never comes up', 'QM_IDLE 1004 ACTIVE', 'never comes up'],
    ['State : MM_ACTIVE <<YOUR SIDE', 'State : MM_ACTIVE', 'YOUR SIDE'],
    ['    #pkts decaps: 0  (nothing comes back!)', '#pkts decaps: 0', 'nothing comes back!'],
    ['crypto map VPN 10  ! primary', 'crypto map VPN 10', 'primary'],
    ['Remote Address  Port  (unknown peer maybe)', 'Remote Address Port', 'unknown peer maybe'],
    ['x 1 <== here', 'x 1', 'here'],
    ['**Encrypt : aes-256 Hash : SHA**   << this one', 'Encrypt : aes-256 Hash : SHA', 'this one'],
  ])('splits the note off %j', (line, text, note) => {
    expect(normalizePaste(line)).toEqual({text, note, kind: 'content'})
  })

  it.each([
    ['10.0.0.3 10.0.0.1 MM_NO_STATE 4 0 ACTIVE (deleted)', '10.0.0.3 10.0.0.1 MM_NO_STATE 4 0 ACTIVE (deleted)'],
    ['      #pkts encaps: 4, #pkts encrypt: 4', '#pkts encaps: 4, #pkts encrypt: 4'],
    ['  sa timing: remaining key lifetime (k/sec): (4608000/3587)', 'sa timing: remaining key lifetime (k/sec): (4608000/3587)'],
    ['\tType\t: L2L\u00a0 Role : initiator', 'Type : L2L Role : initiator'],
    ['**QM_IDLE**', 'QM_IDLE'],
    ['> 203.0.113.5 QM_IDLE', '203.0.113.5 QM_IDLE'],
    ['| 203.0.113.5 | QM_IDLE |', '203.0.113.5 QM_IDLE'],
    ['`show crypto isakmp sa`', 'show crypto isakmp sa'],
    ['IKE Peer: <Customer IP>', 'IKE Peer: <Customer_IP>'],
    ['*Mar  1 00:01:02: %CRYPTO-4-X: y', '*Mar 1 00:01:02: %CRYPTO-4-X: y'],
  ])('keeps device text whole: %j', (line, text) => {
    expect(normalizePaste(line)).toMatchObject({text, note: null, kind: 'content'})
  })

  it('a bold lead-in closed inside the line loses its marks; masked keys keep their stars', () => {
    expect(normalizePaste('**Problem:** after the weekend the tunnel is down')).toMatchObject({text: 'Problem: after the weekend the tunnel is down', kind: 'content'})
    expect(normalizePaste(' ikev1 pre-shared-key *****')).toMatchObject({text: 'ikev1 pre-shared-key *****', kind: 'content'})
  })

  it.each(['|---|---|---|', '| --- | :---: |', '---|---'])('%j (a Markdown table rule) is decoration', (line) => {
    expect(normalizePaste(line)).toEqual({text: '', note: null, kind: 'fence'})
  })

  it.each(['*--no SA to 198.51.100.77, stuck--*', '-- this is the hub --'])('%j (words framed with dashes) is a note line', (line) => {
    expect(normalizePaste(line).kind).toBe('note')
  })

  it.each(['===== R1 =====', '=== Side A: r1-edge (ISR4331, IOS-XE 17.6.5) -- responder ===', '### R2 ###', '  ~~~ hub ~~~'])('%j (words framed with one mark) is a note line', (line) => {
    expect(normalizePaste(line).kind).toBe('note')
  })

  it.each(['--- 198.51.100.140 10.5.20.15 --- ---', '---  X.X.X.140   10.5.20.15   ---   ---'])('%j (an IOS NAT static row between "---" columns) is content, not words framed', (line) => {
    expect(normalizePaste(line).kind).toBe('content')
  })

  it.each(['(indentation lost when pasting from the jump host, sorry)', '(3600 on HQ vs 28800 on DR - someone "fixed" the DR map years ago.)', '[... same every ~30 s until 00:31 ...]', '(... 40 more lines ...)'])('%j (a remark or an ellipsis in brackets) is a note line', (line) => {
    expect(normalizePaste(line).kind).toBe('note')
  })

  it.each(['(none)', '(Peer is not responding)', '(missing peer or access-list definition)', '(missing peer or access-list definition) (this is the problem!)', '(3 entries, 2 announced)', '--------------------', '=====', '#pkts encaps: 5, #pkts encrypt: 5', '[edit security ike]'])('%j (device output) stays content or what it was', (line) => {
    expect(normalizePaste(line).kind).not.toBe('note')
  })

  it.each(['<SNIP>', '<snip>', '...', '…', '[...]', '[output omitted]', '<output truncated>', '--- output cropped here ---', '(many more lines)', '-- snip --'])('%j is a note line', (line) => {
    expect(normalizePaste(line).kind).toBe('note')
  })

  it('code fences and empty quotes are decoration; blank stays blank', () => {
    expect(normalizePaste('```text').kind).toBe('fence')
    expect(normalizePaste('>').kind).toBe('blank')
    expect(normalizePaste(' \t\u00a0').kind).toBe('blank')
  })

  it('pastedLines keeps the captured text and numbers every line', () => {
    const lines = pastedLines('a  b\r\n  c <-- x\rd')
    expect(lines).toEqual([
      {n: 1, text: 'a b', note: null, original: 'a  b'},
      {n: 2, text: 'c', note: 'x', original: '  c <-- x'},
      {n: 3, text: 'd', note: null},
    ])
  })
})

describe('isProseLine', () => {
  it('documentation headings and written list items around an output are an author\'s', () => {
    expect(['Meaning:', 'Action:', 'Purpose:'].every((l) => isProseLine(l))).toBe(true)
    expect(isProseLine('The ID field is the tunnel index (131073).', '* The ID field is the tunnel index (131073).')).toBe(true)
    expect(isProseLine('Mon - means VPN monitoring is not enabled.', '- Mon `-` means VPN monitoring is not enabled.')).toBe(true)
    // the same words without a list mark, and device rows that start with a mark, stay output
    expect(isProseLine('The ID field is the tunnel index (131073).', 'The ID field is the tunnel index (131073).')).toBe(false)
    expect(isProseLine('* 10.0.0.0/8 [Static/5] 3w2d 04:12:55', '* 10.0.0.0/8 [Static/5] 3w2d 04:12:55')).toBe(false)
    expect(isProseLine('Tunnel events:')).toBe(false)
  })

  it.each(['On the J-series we ran:', 'and got:', 'Selected lines from the capture:', 'Customer side (Cisco):', 'Our side (SRX), same minute:', 'then on the SRX side'])('%j is an author sentence', (l) => expect(isProseLine(l)).toBe(true))
  it.each([
    'Hi all, tunnel from our branch (BR-RTR01, 2911, 15.4(3)M) to HQ never comes up. Output below:',
    'Thanks in advance, this is what I see on the 2911 (15.4):',
    'We upgraded both ASAs to 9.8(4) last week and since then phase 2 drops every hour.',
    'Hi all, new SRX300 on 21.2R3, tunnel to our DC never comes up. IKE SA table is empty:',
    'From my MX960 (MS-MPC), everything fine on this side:',
    'the DC side is an ASA, they say they use aes-256/sha256/group14. Any idea?',
    'Confirm that IKE phase 1 is up:',
    'Lab write-up, step 6: phase 1 comes up but no phase 2. ASA 9.8 on the left, a 2901 on the right.',
    "Lab write-up, step 6 - tunnel won't come up, kmd says cert invalid:",
  ])('%j is an author sentence with models and versions', (l) => expect(isProseLine(l)).toBe(true))
  it.each([
    'i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
    '% No active sessions found with the specified peer 203.0.113.5',
    'Local selector 10.1.0.0/0 - 10.1.255.255/65535',
    'Peer 203.0.113.5 port 500 fvrf: (none) ivrf: (none)',
    'IKE peer 203.0.113.5, Index 4, Gateway Name: gw-hq',
    'Phase 1 lifetime remaining 600 of 28800 seconds:',
    'Kilobyte Volume Rekey has been disabled',
    'Total number of IKEv2 SAs on the box 12 of which 10 are active in the table',
  ])('%j (digits, no person) stays device output', (l) => expect(isProseLine(l)).toBe(false))
  it.each(['inbound esp sas:', 'There are no ipsec sas', 'Interfaces using crypto map VPN-MAP:', 'Traffic statistics:', 'Total active tunnels: 0', 'PFS (Y/N): N, DH group: none', 'No IKE SAs found', 'IPv4 Crypto ISAKMP SA'])('%j is device output', (l) => expect(isProseLine(l)).toBe(false))
})

describe('address classifier', () => {
  it('decides real addresses with node:net', () => {
    expect(addressKind('192.0.2.1')).toBe('ipv4')
    expect(addressKind('2001:db8::1')).toBe('ipv6')
    expect(addressKind('10:15:32')).toBeNull()
    expect(addressKind('256.1.1.1')).toBeNull()
    expect(addressKind('QM_IDLE')).toBeNull()
  })
  it.each(['X.X.X.X', 'x.x.x.x', 'a.b.c.d', '203.0.X.X', 'xxx.xxx.xxx.xxx', '<peer-ip>', '<Customer_IP>', '<VPN_GW_PUBLIC_IP1>', '[REDACTED]'])('%j is a masked address', (t) => {
    expect(isMaskedAddress(t)).toBe(true)
    expect(addressKind(t)).toBe('masked')
  })
  it.each(['1.2.3.4', 'ACTIVE', '(none)', '1.2.3', 'Tunnel0'])('%j is not a mask', (t) => expect(isMaskedAddress(t)).toBe(false))
  it('splits address and port in every printed form', () => {
    expect(addressPort('192.0.2.1:4500')).toEqual({address: '192.0.2.1', port: 4500, kind: 'ipv4'})
    expect(addressPort('192.0.2.1/500')).toEqual({address: '192.0.2.1', port: 500, kind: 'ipv4'})
    expect(addressPort('[2001:db8::1]:500')).toEqual({address: '2001:db8::1', port: 500, kind: 'ipv6'})
    expect(addressPort('2001:db8::1/4500')).toEqual({address: '2001:db8::1', port: 4500, kind: 'ipv6'})
    expect(addressPort('2001:db8::1')).toEqual({address: '2001:db8::1', port: null, kind: 'ipv6'})
    expect(addressPort('X.X.X.X:500')).toEqual({address: 'X.X.X.X', port: 500, kind: 'masked'})
    expect(addressPort('<peer-ip>/4500')).toEqual({address: '<peer-ip>', port: 4500, kind: 'masked'})
  })
})

describe('labelPairs: the one Label: value scanner', () => {
  it.each([
    ['Role: Initiator, State: UP', [['Role', 'Initiator'], ['State', 'UP']]],
    ['Local: 192.0.2.1:500, Remote: 198.51.100.7:500', [['Local', '192.0.2.1:500'], ['Remote', '198.51.100.7:500']]],
    ['Type : L2L Role : initiator', [['Type', 'L2L'], ['Role', 'initiator']]],
    ['Type: L2L Role: initiator', [['Type', 'L2L'], ['Role', 'initiator']]],
    ['Auth : preshared Lifetime: 86400', [['Auth', 'preshared'], ['Lifetime', '86400']]],
    ['Encr: AES-CBC, keysize: 256, DH Grp:14, Auth sign: PSK', [['Encr', 'AES-CBC'], ['keysize', '256'], ['DH Grp', '14'], ['Auth sign', 'PSK']]],
    ['Issuer: C=FI, O=Company', [['Issuer', 'C=FI, O=Company']]],
    ['sa timing: remaining key lifetime (k/sec): (4608000/3587)', [['sa timing', 'remaining key lifetime (k/sec): (4608000/3587)']]],
    ['flow_id: SW:1, crypto map: VPN', [['flow_id', 'SW:1'], ['crypto map', 'VPN']]],
    ['Uptime: 00:10:20', [['Uptime', '00:10:20']]],
    ['#pkts encaps: 4, #pkts encrypt: 4', [['#pkts encaps', '4'], ['#pkts encrypt', '4']]],
    [', VPN Monitoring: UP', [['VPN Monitoring', 'UP']]],
    ['Multi-sa, Configured SAs# 1, Negotiated SAs#: 1', [['Negotiated SAs#', '1']]],
    ['Tue Jan 13 2015 12:57:48 -0800: IPSec SA negotiation successfully completed (1 times)', []],
    ['in use settings ={Tunnel, }', []],
  ])('%j', (line, pairs) => {
    expect(labelPairs(line).map((p) => [p.label, p.value])).toEqual(pairs)
  })
})

describe('tokenKind: the one token classifier for table rows', () => {
  it('reads a row by the kind of each word, whatever happened to the columns', () => {
    expect(typedRow('203.0.113.2 X.X.X.7 MM_NO_STATE 1004 ACTIVE').map((t) => t.kind)).toEqual(['address', 'masked', 'state', 'number', 'state'])
    expect(typedRow('5802591 UP aca1b7cf4e6f3b5c 0c1e7bd8b7a6c5d4 IKEv2 192.0.2.2').map((t) => t.kind)).toEqual(['number', 'state', 'cookie', 'cookie', 'word', 'address'])
    expect(typedRow('1007 192.168.1.1 2001:db8::1 ACTIVE aes sha256 psk 14 23:59:33 D').map((t) => t.kind)).toEqual(['number', 'address', 'address', 'state', 'word', 'word', 'word', 'number', 'duration', 'word'])
    expect(typedRow('1 192.0.2.1/500 198.51.100.7/4500 none/none IN-NEG 0xB1A7F6C5').map((t) => t.kind)).toEqual(['number', 'address-port', 'address-port', 'word', 'state', 'hex'])
    expect(typedRow('')).toEqual([])
  })
})
