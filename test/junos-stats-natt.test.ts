/**
 * Junos data-plane counters feed peerZeroDecaps (ike-nat-traversal escalates on it): the device
 * totals of `show security ipsec statistics` when the complete SA listing holds tunnels toward one
 * peer only, the statistics of `... index N` when N is a tunnel of the peer; never device totals of
 * a device with tunnels toward several peers.
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const ike = (peer: string, index: number) => [
  `IKE peer ${peer}, Index ${index}, Gateway Name: GW-${index}`,
  '  Role: Initiator, State: UP',
  '  Initiator cookie: 91d2f0a3c4b5e617, Responder cookie: 0e7f3a2b9c1d4a58',
  '  Exchange type: IKEv2, Authentication method: Pre-shared-keys',
  '  Local gateway interface: ge-0/0/0.0',
  '  Routing instance: default',
  `  Local: 192.168.1.10:4500, Remote: ${peer}:4500`,
  '  Lifetime: Expires in 25133 seconds',
  '  Flags: IKE SA is created',
  '',
]

const statistics = (header: string, encrypted: number, decrypted: number) => [
  header, 'ESP Statistics:', '  Encrypted bytes:          8741996', `  Decrypted bytes:          ${decrypted * 100}`,
  `  Encrypted packets:          ${encrypted}`, `  Decrypted packets:              ${decrypted}`,
  'AH Statistics:', '  Input bytes:                    0', '  Output bytes:                   0', '  Input packets:                  0', '  Output packets:                 0',
  'Errors:', '  AH authentication failures: 0, Replay errors: 0', '  ESP authentication failures: 0, ESP decryption failures: 0',
  '  Bad headers: 0, Bad trailers: 0', '  Invalid SPI: 0, TS check fail: 0', '  Exceeds tunnel MTU: 0', '  Discarded: 0', '',
]

function capture(peers: string[], stats: string[]): string {
  const rows = peers.flatMap((p, i) => [
    `  <${131074 + i} ESP:aes-cbc-256/sha256 c41a7e0${i} 3011/ unlim - root 4500 ${p}`,
    `  >${131074 + i} ESP:aes-cbc-256/sha256 9e03b71${i} 3011/ unlim - root 4500 ${p}`,
  ])
  return [
    'user@shop31-srx> show security ike security-associations detail', ...peers.flatMap((p, i) => ike(p, 2938774 + i)),
    'user@shop31-srx> show security ipsec security-associations',
    `  Total active tunnels: ${peers.length}     Total Ipsec sas: ${peers.length}`,
    '  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway', ...rows, '',
    ...stats, 'user@shop31-srx> ',
  ].join('\n')
}

async function natT(text: string): Promise<Array<[string, string]>> {
  const doc = await ingestText(text, {file: 'srx.txt'})
  const findings = (await diagnose(doc, {at: '2026-11-23T12:00:00Z'})).findings.filter((f) => f.ruleId === 'ike-nat-traversal')
  return findings.map((f) => [f.severity, (f.occurrences?.entities ?? [f.entity]).map((e) => e.label).join(', ')])
}

describe('Junos ipsec statistics and the NAT-T escalation', () => {
  it('device totals, one tunnel: nothing decrypted escalates NAT traversal to a warning', async () => {
    const text = capture(['198.51.100.50'], statistics('user@shop31-srx> show security ipsec statistics', 61342, 0))
    expect((await natT(text)).map(([s]) => s)).toEqual(['warning'])
  })

  it('device totals with tunnels toward two peers belong to neither: info', async () => {
    const text = capture(['198.51.100.50', '203.0.113.9'], statistics('user@shop31-srx> show security ipsec statistics', 61342, 0))
    expect((await natT(text)).map(([s]) => s)).toEqual(['info'])
  })

  it('statistics of a tunnel index belong to that tunnel\'s peer', async () => {
    const text = capture(['198.51.100.50', '203.0.113.9'], [
      ...statistics('user@shop31-srx> show security ipsec statistics index 131074', 61342, 0),
      ...statistics('user@shop31-srx> show security ipsec statistics index 131075', 5000, 4990),
    ])
    const got = await natT(text)
    expect(got.map(([s]) => s).sort()).toEqual(['info', 'warning'])
    expect(got.find(([s]) => s === 'warning')![1]).toContain('198.51.100.50')
  })
})
