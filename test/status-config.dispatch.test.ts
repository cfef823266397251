/**
 * Issue 16 commands through ingest, as an engineer captures them in one session: each block reaches
 * its parser with its arguments (and its chassis-cluster node), no line is left unparsed, and the key
 * values arrive as facts. Captures: test/fixtures/dispatch/ (written from the vendors' documented
 * layouts).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ingestText} from '../src/ingest/index.js'

/** A printed value with its line, whichever way the document stores them ({label: {value, line}} or parallel arrays). */
function rawOfFact(f: {raw: unknown}, label: string): {value: string; line: number} | undefined {
  const r = f.raw as {labels?: string[]; values?: string[]; lines?: number[]} & Record<string, {value: string; line: number}>
  if (Array.isArray(r.labels)) {
    const i = r.labels.indexOf(label)
    return i < 0 ? undefined : {value: (r.values as string[])[i], line: (r.lines as number[])[i]}
  }
  const v = r[label]
  return v ? {value: v.value, line: v.line} : undefined
}

const DIR = join(import.meta.dirname, 'fixtures', 'dispatch')
const ingest = (name: string) => ingestText(readFileSync(join(DIR, name), 'utf8'), {file: name})
const blocksOf = (doc: Awaited<ReturnType<typeof ingest>>) => doc.blocks.filter((b) => b.parser !== null).map((b) => [b.commandRaw, b.parser, b.args.join(' '), b.node, b.unparsed.length])

describe('ASA: running-config all crypto map, running-config ipsec, ipsec sa detail, vpn-sessiondb detail l2l filter', () => {
  it('dispatches every block and reads it whole', async () => {
    const doc = await ingest('asa-status-config.txt')
    expect(blocksOf(doc)).toEqual([
      ['show running-config all crypto map', 'cisco/asa-show-running-config', 'map', null, 0],
      ['show running-config ipsec', 'cisco/asa-show-running-config', '', null, 0],
      ['show crypto ipsec sa detail', 'cisco/asa-show-crypto-ipsec-sa', 'detail', null, 0],
      ['show vpn-sessiondb detail l2l filter ipaddress 203.0.113.9', 'cisco/asa-show-vpn-sessiondb', 'detail l2l filter ipaddress 203.0.113.9', null, 0],
    ])
    const entry = doc.facts.cryptoMapEntry[0]
    expect([entry.map, entry.seq, entry.peers, entry.pfs, entry.dhGroup, entry.lifetimeSec, entry.interfaces]).toEqual(['outside_map', 10, ['203.0.113.9'], true, 14, 28800, ['outside']])
    // "no crypto map outside_map 10 set nat-t-disable" of the "all" view: the setting is off
    expect(rawOfFact(entry, 'set nat-t-disable')).toEqual({value: 'no', line: 11})
    expect(doc.facts.ipsecProposal.map((p) => [p.name, p.encryption, p.integrity])).toEqual([['ESP-AES-256-SHA', ['aes-256'], ['sha1']], ['AES256', ['aes-256'], ['sha256']]])
    expect(doc.facts.ipsecFlow.map((f) => [f.remoteAddress, f.encaps, f.decaps])).toEqual([['203.0.113.9', 120, 0]])
    expect(doc.facts.vpnSession.map((s) => [s.remoteAddress, s.status, s.ipsecTunnelCount])).toEqual([['203.0.113.9', 'up', 1]])
  })
})

describe('IOS-XE: ikev2 stats exchange|timeout|ext-service, ikev2 sa remote|local, isakmp|ipsec sa count', () => {
  it('dispatches every block with its arguments and reads it whole', async () => {
    const doc = await ingest('iosxe-stats-sa-counts.txt')
    expect(blocksOf(doc)).toEqual([
      ['show crypto ikev2 stats exchange', 'cisco/show-crypto-ikev2-stats', 'exchange', null, 0],
      ['show crypto ikev2 stats timeout', 'cisco/show-crypto-ikev2-stats', 'timeout', null, 0],
      ['show crypto ikev2 sa remote 192.0.2.2', 'cisco/show-crypto-ikev2-sa', 'remote 192.0.2.2', null, 0],
      ['show crypto ikev2 sa local 192.0.2.1 detail', 'cisco/show-crypto-ikev2-sa', 'local 192.0.2.1 detail', null, 0],
      ['show crypto isakmp sa count', 'cisco/show-crypto-sa-count', '', null, 0],
      ['show crypto ipsec sa count', 'cisco/show-crypto-sa-count', '', null, 0],
      ['show crypto ikev2 stats ext-service', 'cisco/show-crypto-ikev2-stats', 'ext-service', null, 0],
    ])
    const sets = new Map<string, number>()
    for (const c of doc.facts.statusCounter) sets.set(c.set, (sets.get(c.set) ?? 0) + 1)
    expect(Object.fromEntries(sets)).toEqual({'ikev2-exchange': 4, 'ikev2-timeout': 4, 'isakmp-sa-count': 4, 'ipsec-sa-count': 1, 'ikev2-ext-service': 4})
    expect(doc.facts.statusCounter.filter((c) => c.set === 'ikev2-timeout' && c.value > 0).map((c) => [c.name, c.value])).toEqual([['IKE_SA_INIT', 3], ['CREATE_CHILD_SA', 1]])
    // the remote and the local detail view print one SA: it is read once, with the SPIs only the detail view prints
    expect(doc.facts.ikeSa.map((s) => [s.remoteAddress, s.stateRaw, s.initiatorCookie, s.dpdEnabled])).toEqual([['192.0.2.2', 'READY', '1A2B3C4D5E6F7081', true]])
  })
})

describe('Junos: configuration | display set, MX services ipsec-vpn, SA detail by index and per cluster node', () => {
  it('dispatches every block (cluster output split per node) and reads it whole', async () => {
    const doc = await ingest('srx-mx-config-sa.txt')
    expect(blocksOf(doc)).toEqual([
      ['show configuration security ike | display set', 'junos/show-configuration', 'security ike', null, 0],
      ['show security ike security-associations index 5 detail', 'junos/show-security-ike-security-associations', 'index 5 detail', null, 0],
      ['show security ipsec security-associations index 67108866 detail', 'junos/show-security-ipsec-security-associations', 'index 67108866 detail', null, 0],
      ['show security ike security-associations detail', 'junos/show-security-ike-security-associations', 'detail', 'node0', 0],
      ['show security ike security-associations detail', 'junos/show-security-ike-security-associations', 'detail', 'node1', 0],
      ['show security ipsec security-associations detail', 'junos/show-security-ipsec-security-associations', 'detail', 'node0', 0],
      ['show security ipsec security-associations detail', 'junos/show-security-ipsec-security-associations', 'detail', 'node1', 0],
      ['show configuration services ipsec-vpn', 'junos/show-configuration', 'services ipsec-vpn', null, 0],
    ])
    expect(doc.facts.ikeSa.map((s) => [s.remoteAddress, s.stateRaw, s.node])).toEqual([['192.0.2.1', 'UP', null], ['192.0.2.1', 'UP', 'node0']])
    expect(doc.facts.ipsecSa.map((s) => [s.direction, s.node])).toEqual([['inbound', null], ['outbound', null], ['inbound', 'node0']])
    const gw = doc.facts.ikeGateway.find((g) => g.name === 'GW')
    expect([gw?.peers, gw?.versions, gw?.dpd, gw?.externalInterface]).toEqual([['192.0.2.1'], [2], true, 'ge-0/0/0.0'])
    const term = doc.facts.vpnTunnel[0]
    expect([term.source.device, term.name, term.gateway, term.ipsecPolicy, term.proxyIds.map((p) => `${p.local} -> ${p.remote}`)]).toEqual(['mx1', 'VPN-RULE/T1', '192.0.2.1', 'IPSEC-POL', ['10.1.0.0/24 -> 10.2.0.0/24']])
  })
})
