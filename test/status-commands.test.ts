/**
 * Status commands of issue 16 part 3 through ingest: the typed command picks the status parser (not
 * the parser of a shorter command it extends), arguments reach it, and the new rules fire on the
 * facts, in one capture and across two (ASP drops rising).
 */
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {ingestText} from '../src/ingest/index.js'

const parsersOf = (doc: Awaited<ReturnType<typeof ingestText>>) => doc.blocks.map((b) => b.parser)

describe('status commands are dispatched to their parsers', () => {
  it('ASA vpn-sessiondb detail l2l with a peer filter and no session: an absent session, and the finding', async () => {
    const text = ['asa-hq# show vpn-sessiondb detail l2l filter ipaddress 203.0.113.9', 'INFO: There are presently no active sessions of the type specified', 'asa-hq#'].join('\n')
    const doc = await ingestText(text, {file: 'asa.txt'})
    expect(parsersOf(doc)).toContain('cisco/asa-show-vpn-sessiondb')
    const s = doc.facts.vpnSession[0]
    expect(s).toMatchObject({status: 'absent', remoteAddress: '203.0.113.9'})
    expect(doc.devices.find((d) => d.name === 'asa-hq')?.platform).toBe('asa')
    const result = await diagnose(doc, {at: '2026-12-01T00:00:00Z'})
    const f = result.findings.find((x) => x.ruleId === 'session-l2l-down')
    expect(f?.message).toContain('203.0.113.9')
    expect(f?.remediation.map((r) => r.command)).toContain('show running-config tunnel-group 203.0.113.9')
  })

  it('summary and asp drop go to their own ASA parsers', async () => {
    const text = [
      'asa-hq# show vpn-sessiondb summary', 'VPN Session Summary', 'Active : Cumulative : Peak Concur : Inactive', 'Site-to-Site VPN : 2 : 15 : 3',
      'asa-hq# show asp drop', 'Frame drop:', '  IPSec spoof detected (ipsec-spoof)   412', 'Last clearing: Never', 'asa-hq#',
    ].join('\n')
    const doc = await ingestText(text, {file: 'asa.txt'})
    expect(parsersOf(doc)).toEqual(expect.arrayContaining(['cisco/asa-show-vpn-sessiondb-summary', 'cisco/asa-show-asp-drop']))
    const result = await diagnose(doc, {at: '2026-12-01T00:00:00Z'})
    expect(result.findings.find((x) => x.ruleId === 'ipsec-asp-vpn-drops')?.severity).toBe('error')
  })

  it('IOS count, brief, stats and trustpoint commands are not taken by the parsers of the shorter commands', async () => {
    const text = [
      'R1#show crypto isakmp sa count', "Active ISAKMP SA's: 2", "Dead ISAKMP SA's: 0",
      'R1#show crypto ipsec sa count', 'IPsec SA total: 6, active: 6, rekeying: 0, unused: 0, invalid: 0',
      'R1#show crypto session brief', 'Status: A- Active, U - Up, D - Down, I - Idle, S - Standby, N - Negotiating', 'K - No IKE', 'ivrf = (none)',
      'Peer I/F Username Group/Phase1_id Uptime Status', '203.0.113.9 Tu1 203.0.113.9 DN',
      'R1#show crypto ikev2 stats timeout', 'Crypto IKEv2 Timeout Statistics', 'EXCHANGES TIMEOUTS', 'IKE_SA_INIT 3',
      'R1#show crypto pki trustpoints status', 'Trustpoint VPN-TP:', 'Issuing CA certificate configured:', 'Router General Purpose certificate not configured.', 'State:',
      'Keys generated ............. Yes (General Purpose, non-exportable)', 'Issuing CA authenticated ....... Yes', 'Certificate request(s) ..... None',
      'R1#',
    ].join('\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(parsersOf(doc)).toEqual(['cisco/show-crypto-sa-count', 'cisco/show-crypto-sa-count', 'cisco/show-crypto-session-brief', 'cisco/show-crypto-ikev2-stats', 'cisco/show-crypto-pki-trustpoints-status'])
    expect(doc.blocks.every((b) => b.unparsed.length === 0)).toBe(true)
    const result = await diagnose(doc, {at: '2026-12-01T00:00:00Z'})
    const ids = result.findings.map((f) => f.ruleId)
    expect(ids).toEqual(expect.arrayContaining(['ike-ikev2-timeouts', 'cert-trustpoint-not-ok', 'session-down']))
  })

  it('show crypto ikev2 sa remote|local <addr> [detail] is the ikev2 SA parser with its arguments', async () => {
    const text = [
      'R1#show crypto ikev2 sa remote 192.0.2.2 detail',
      ' IPv4 Crypto IKEv2  SA',
      '',
      'Tunnel-id Local                 Remote                fvrf/ivrf            Status',
      '1         198.51.100.1/500      192.0.2.2/500         none/none            READY',
      '      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK',
      '      Life/Active Time: 86400/1234 sec',
      'R1#',
    ].join('\n')
    const doc = await ingestText(text, {file: 'r1.txt'})
    expect(doc.blocks[0]).toMatchObject({parser: 'cisco/show-crypto-ikev2-sa', args: ['remote', '192.0.2.2', 'detail']})
    expect(doc.facts.ikeSa[0]).toMatchObject({remoteAddress: '192.0.2.2', state: 'established'})
  })

  it('ASA show crypto ipsec sa detail is the ASA ipsec parser', async () => {
    const doc = await ingestText(['asa-hq# show crypto ipsec sa detail', 'There are no ipsec sas', 'asa-hq#'].join('\n'), {file: 'asa.txt'})
    expect(doc.blocks[0].parser).toBe('cisco/asa-show-crypto-ipsec-sa')
  })

  it('SRX active peers and tunnel events', async () => {
    const text = [
      'admin@srx> show security ike active-peer',
      'Remote Address Port Peer IKE-ID AAA username Assigned IP',
      '198.51.100.2 500 198.51.100.2 not available 0.0.0.0',
      'admin@srx> show security ipsec tunnel-events-statistics',
      'IKE SA negotiation successfully completed : 5',
      'IPSec SA negotiation failed with error: No proposal chosen : 9',
      'admin@srx>',
    ].join('\n')
    const doc = await ingestText(text, {file: 'srx.txt'})
    expect(parsersOf(doc)).toEqual(['junos/show-security-ike-active-peer', 'junos/show-security-ipsec-tunnel-events-statistics'])
    expect(doc.facts.ikeActivePeer).toHaveLength(1)
    const result = await diagnose(doc, {at: '2026-12-01T00:00:00Z'})
    expect(result.findings.find((f) => f.ruleId === 'ipsec-tunnel-failure-events')?.severity).toBe('error')
  })

  it('SRX ike / ipsec security-associations detail, by index and per cluster node, go to the SA parsers', async () => {
    for (const [typed, id] of [
      ['show security ike security-associations detail', 'junos/show-security-ike-security-associations'],
      ['show security ike security-associations index 5808796 detail', 'junos/show-security-ike-security-associations'],
      ['show security ipsec security-associations detail', 'junos/show-security-ipsec-security-associations'],
      ['show security ipsec security-associations index 131073 detail', 'junos/show-security-ipsec-security-associations'],
    ]) {
      const text = [`{primary:node0}`, `admin@srx> ${typed}`, 'node0:', '--------------------------------------------------------------------------', 'node1:', '--------------------------------------------------------------------------', '{primary:node0}', 'admin@srx>'].join('\n')
      const doc = await ingestText(text, {file: 'srx.txt'})
      expect(doc.blocks.map((b) => b.parser), typed).toContain(id)
    }
  })
})

describe('ASP drops between two captures', () => {
  const capture = (time: string, spoof: number, since = 'Never') => [
    'asa-hq# show clock', time,
    'asa-hq# show asp drop', 'Frame drop:', `  IPSec spoof detected (ipsec-spoof)   ${spoof}`, `  Flow is denied by configured rule (acl-drop)   50`, `Last clearing: ${since}`,
    'asa-hq#',
  ].join('\n')

  it('a VPN reason that grows fires delta-asp-vpn-drops-rising; a flat one does not', async () => {
    const before = await ingestText(capture('10:00:00.000 UTC Tue Mar 5 2024', 100), {file: 'before.txt'})
    const after = await ingestText(capture('10:05:00.000 UTC Tue Mar 5 2024', 460), {file: 'after.txt'})
    const result = await diagnose(after, {before})
    const f = result.findings.filter((x) => x.ruleId === 'delta-asp-vpn-drops-rising')
    expect(f).toHaveLength(1)
    expect(f[0].message).toContain('rose by 360')
    expect(f[0].severity).toBe('error') // 72 per minute
    const flat = await diagnose(await ingestText(capture('10:05:00.000 UTC Tue Mar 5 2024', 100), {file: 'after.txt'}), {before})
    expect(flat.findings.filter((x) => x.ruleId === 'delta-asp-vpn-drops-rising')).toEqual([])
  })

  it('counters cleared between the captures: the later count is the change', async () => {
    const before = await ingestText(capture('10:00:00.000 UTC Tue Mar 5 2024', 900), {file: 'before.txt'})
    const after = await ingestText(capture('10:05:00.000 UTC Tue Mar 5 2024', 30, '10:01:00 UTC Mar 5 2024 by enable_15'), {file: 'after.txt'})
    const f = (await diagnose(after, {before})).findings.find((x) => x.ruleId === 'delta-asp-vpn-drops-rising')
    expect(f?.message).toContain('rose by 30')
  })
})

describe('ASA show vpn-sessiondb l2l: the 9.x "Tunnel Zone" line', () => {
  it('is a known label: kept in raw, no line unparsed', async () => {
    const text = [
      'fw/pri/act# show vpn-sessiondb l2l',
      '',
      'Session Type: LAN-to-LAN',
      '',
      'Connection   : 192.0.2.77',
      'Index        : 5797                   IP Addr      : 192.0.2.77',
      'Protocol     : IKEv1 IPsec',
      'Encryption   : IKEv1: (1)AES256  IPsec: (1)AES256',
      'Hashing      : IKEv1: (1)SHA256  IPsec: (1)SHA256',
      'Bytes Tx     : 88103422               Bytes Rx     : 61877015',
      'Login Time   : 22:40:55 UTC Thu Aug 28 2025',
      'Duration     : 15h:47m:08s',
      'Tunnel Zone  : 0',
      'fw/pri/act# ',
    ].join('\n') + '\n'
    const doc = await ingestText(text, {file: 'fw.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.vpnSession[0].raw.labels).toContain('Tunnel Zone')
  })
})

describe('ASA show asp drop: reason codes with an underscore', () => {
  it('reads "FP L2 rule drop (l2_acl)" as a counter row', async () => {
    const text = ['fw# show asp drop', 'Frame drop:', '  FP L2 rule drop (l2_acl)                                                  1540', '  IPSec spoof detected (ipsec-spoof)   412', 'Last clearing: Never', 'fw#'].join('\n') + '\n'
    const doc = await ingestText(text, {file: 'fw.txt'})
    expect(doc.summary.unparsedLines).toBe(0)
    expect(doc.facts.statusCounter.map((c) => [c.code, c.value, c.vpn])).toEqual([['l2_acl', 1540, false], ['ipsec-spoof', 412, true]])
  })
})

describe('an absent ASA L2L session beside a logged phase 2 refusal', () => {
  it('is listed under the refusal that explains it', async () => {
    const text = [
      'fw# show vpn-sessiondb l2l filter ipaddress 203.0.113.44', 'INFO: There are presently no active sessions',
      'fw# show crypto ikev2 sa', '', 'IKEv2 SAs:', '', 'Session-id:7, Status:UP-ACTIVE, IKE count:1, CHILD count:0', '',
      'Tunnel-id                 Local                                               Remote                                                  Status         Role',
      ' 41938427 198.51.100.5/500                                    203.0.113.44/500                                         READY    RESPONDER',
      '      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK',
      'fw# show logging | include 751022',
      'Dec 07 2026 09:14:02: %ASA-3-751022: Local:198.51.100.5:500 Remote:203.0.113.44:500 Username:203.0.113.44 IKEv2 Tunnel rejected: Crypto Map Policy not found for remote traffic selector 10.1.0.0/10.1.255.255/0/0 local traffic selector 172.16.50.0/172.16.50.255/0/0!',
      'fw# ',
    ].join('\n') + '\n'
    const doc = await ingestText(text, {file: 'fw.txt'})
    const {findings} = await diagnose(doc, {at: '2026-12-07T09:20:00Z'})
    const refusal = findings.find((f) => f.ruleId === 'pair-proxy-id-mismatch')
    const absent = findings.find((f) => f.ruleId === 'session-l2l-down')
    expect(refusal).toBeDefined()
    expect(absent?.relatedTo).toBe(refusal?.fingerprint)
  })
})
