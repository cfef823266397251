/**
 * Log events as evidence (src/engine/log-evidence.ts and the rules over logEvent facts): a show
 * capture read by its parser plus log lines read by the log reader, diagnosed together.
 */
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {diagnose} from '../src/engine/index.js'
import {emptyFacts, SCHEMA_VERSION, type Fact, type FactKind, type ParseDocument, type Vendor} from '../src/model/index.js'
import {showCryptoIsakmpSa} from '../src/parsers/cisco/show-crypto-isakmp-sa.js'
import {readLog} from '../src/parsers/log/index.js'
import type {ParseContext} from '../src/parsers/types.js'
import {pastedLine} from '../src/reading/paste.js'

const lines = (text: string, from = 1) => text.trim().split('\n').map((t, i) => pastedLine(from + i, t))
const ctx = (device: string, vendor: Vendor, command: string): ParseContext => ({file: `${device}.txt`, device, vendor, command, args: [], pipe: null, node: null})

function doc(device: string, vendor: Vendor, facts: Fact[]): ParseDocument {
  const byKind = emptyFacts()
  for (const f of facts) (byKind[f.kind as FactKind] as Fact[]).push(f)
  return {
    schemaVersion: SCHEMA_VERSION, tool: {name: 'ipsec-doctor', version: 'test'}, inputs: [`${device}.txt`],
    devices: [{name: device, vendor, platform: null, files: [`${device}.txt`], captureTime: null}], facts: byKind, blocks: [], diagnostics: [],
    summary: {files: 1, lines: 0, blocks: 0, facts: facts.length, unparsedLines: 0, ignoredOutsideBlocks: 0},
  }
}

const ISAKMP_KEY_EXCH = `
dst src state conn-id slot status
192.0.2.2 198.51.100.1 MM_KEY_EXCH 1004 0 ACTIVE
`
const SANITY = `
*Mar 1 00:51:05.987: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.2 failed its sanity check or is malformed
*Mar 1 00:51:15.990: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.2 failed its sanity check or is malformed
*Mar 1 00:51:25.991: %CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.2 failed its sanity check or is malformed
`

async function run(facts: Fact[], device = 'R1', vendor: Vendor = 'cisco') {
  return diagnose(doc(device, vendor, facts), {now: () => new Date('2026-12-07T00:00:00Z')})
}

describe('log events rank the causes of show-output findings', () => {
  it('stuck MM_KEY_EXCH with sanity-check failures from that peer: key mismatch first, log lines cited', async () => {
    const show = showCryptoIsakmpSa.parse(lines(ISAKMP_KEY_EXCH), ctx('R1', 'cisco', 'show crypto isakmp sa')).facts
    const log = readLog(lines(SANITY, 10), ctx('R1', 'cisco', 'show logging')).facts
    const out = await run([...show, ...log])
    const stuck = out.findings.find((f) => f.ruleId === 'ike-stuck-mm-key-exch')!
    expect(stuck).toBeDefined()
    expect(stuck.causes[0]).toMatch(/^Pre-shared key mismatch, named by the log \(CRYPTO-4-IKMP_BAD_MESSAGE at R1\.txt:10, 3 times\)/)
    expect(stuck.causes[0]).toContain('re-enter the same key on both ends')
    expect(stuck.causes.filter((c) => c.startsWith('Pre-shared key mismatch'))).toHaveLength(1)
    // the '*' before the times: the device clock was never synced, and the evidence says so
    expect(stuck.evidence.filter((e) => e.line === 10).map((e) => [e.field, e.value])).toEqual([
      ['CRYPTO-4-IKMP_BAD_MESSAGE', '%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 192.0.2.2 failed its sanity check or is malformed (3 times) [device clock not synced]'],
    ])
    // the log branch of the rule stays silent: the stuck-state finding carries the log, once
    expect(out.findings.filter((f) => f.ruleId === 'ike-stuck-mm-key-exch')).toHaveLength(1)
    expect(out.findings.filter((f) => f.entity.kind === 'logEvent').map((f) => f.ruleId)).toEqual([])
  })

  it('without the show output the log alone raises ike-stuck-mm-key-exch, an error, on the log line', async () => {
    const out = await run(readLog(lines(SANITY), ctx('R1', 'cisco', 'show logging')).facts)
    const f = out.findings.filter((x) => x.ruleId === 'ike-stuck-mm-key-exch')
    expect(f).toHaveLength(1)
    expect(f[0].entity.kind).toBe('logEvent')
    expect(f[0].severity).toBe('error')
    expect(f[0].message).toMatch(/^Phase 1 to 192\.0\.2\.2 fails authentication \(.*logged 3 time\(s\)\)/)
    expect(f[0].evidence[0]).toMatchObject({line: 1, field: 'message'})
  })

  it('a later success line cancels an earlier failure', async () => {
    const log = readLog(lines(`${SANITY}\nISAKMP: (1005):SA has been authenticated with 192.0.2.2`), ctx('R1', 'cisco', 'show logging')).facts
    const out = await run(log)
    expect(out.findings.map((f) => f.ruleId)).not.toContain('ike-stuck-mm-key-exch')
  })
})

describe('log-only faults and traps', () => {
  it('ASA 713257 names the attribute and both values', async () => {
    const log = readLog(lines("Dec 07 2026 01:02:03: %ASA-5-713257: Group = 203.0.113.9, IP = 203.0.113.9, Phase 1 failure: Mismatched attribute types for class Group: Rcv'd: Group 2 Cfg'd: Group 14"), ctx('fw', 'cisco', 'show logging')).facts
    const out = await run(log, 'fw')
    const f = out.findings.find((x) => x.ruleId === 'ike-proposal-mismatch')!
    expect(f.message).toBe('Phase 1 proposals with 203.0.113.9 do not match: Group: received Group 2, configured Group 14 (logged 1 time(s))')
    expect(f.severity).toBe('error')
  })

  it('invalid SPI from an address that is not a peer (a scan) stays silent; from a configured peer it is reported', async () => {
    const show = showCryptoIsakmpSa.parse(lines('dst src state conn-id slot status\n192.0.2.2 198.51.100.1 QM_IDLE 1004 0 ACTIVE'), ctx('R1', 'cisco', 'show crypto isakmp sa')).facts
    const log = readLog(lines(`
%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=198.51.100.1, prot=50, spi=0x77B40000(2008285184), srcaddr=203.0.113.77
%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi for destaddr=198.51.100.1, prot=50, spi=0x1B3C3D4E(456277326), srcaddr=192.0.2.2
`, 5), ctx('R1', 'cisco', 'show logging')).facts
    const out = await run([...show, ...log])
    const spi = out.findings.filter((f) => f.ruleId === 'ipsec-invalid-spi')
    expect(spi.map((f) => f.message)).toEqual([expect.stringContaining('192.0.2.2 sends ESP with SPI 0x1B3C3D4E')])
  })

  it('benign lines of a working negotiation and success lines raise nothing', async () => {
    const log = readLog(lines(`
ISAKMP:(0):Encryption algorithm offered does not match policy!
ISAKMP:(0):atts are not acceptable. Next payload is 3
ISAKMP:(0):atts are acceptable. Next payload is 3
ISAKMP: (1002):His hash no match - this node outside NAT
ISAKMP: (1002):No NAT Found for self or peer
ISAKMP-ERROR: (0):Failed to find peer index node to update peer_info_list
ISAKMP: (1005):SA has been authenticated with 192.0.2.50
%CRYPTO-4-IKMP_NO_SA: IKE message from 192.0.2.50 has no SA and is not an initialization offer
%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP . Peer 192.0.2.50:500 Id: 192.0.2.50
`), ctx('R1', 'cisco', 'show logging')).facts
    const out = await run(log)
    expect(out.findings.map((f) => f.ruleId)).toEqual([])
  })

  it('SRX kmd "No proposal chosen" repeated: ike-proposal-mismatch on the SRX', async () => {
    const text = 'Dec 7 10:02:11 fw1 kmd[1402]: IKE negotiation failed with error: No proposal chosen. IKE Version: 1, VPN: vpn1 Gateway: gw1, Local: 198.51.100.1/500, Remote: 203.0.113.9/500, Local IKE-ID: Not-Available, Remote IKE-ID: Not-Available, VR-ID: 0, Role: Initiator'
    const log = readLog(lines(`${text}\n${text.replace('10:02:11', '10:02:41')}`), ctx('fw1', 'junos', 'show log')).facts
    const out = await run(log, 'fw1', 'junos')
    const f = out.findings.find((x) => x.ruleId === 'ike-proposal-mismatch')!
    expect(f.message).toContain('(logged 2 time(s))')
    expect(f.remediation.every((s) => s.vendor === 'junos')).toBe(true)
  })
})

describe('both ends', () => {
  it("the responder's log (ASA 713257) ranks the causes of the initiator's MM_NO_STATE", async () => {
    const show = showCryptoIsakmpSa.parse(lines('dst src state conn-id slot status\n203.0.113.9 198.51.100.20 MM_NO_STATE 1004 0 ACTIVE'), ctx('BR-R1', 'cisco', 'show crypto isakmp sa')).facts
    const log = readLog(lines("Dec 07 2026 09:13:40: %ASA-5-713257: IP = 198.51.100.20, Phase 1 failure: Mismatched attribute types for class Group: Rcv'd: Group 2 Cfg'd: Group 14", 3), ctx('asa-dc', 'cisco', 'show logging')).facts
    const d = doc('BR-R1', 'cisco', [...show, ...log])
    d.devices.push({name: 'asa-dc', vendor: 'cisco', platform: 'asa', files: ['asa-dc.txt'], captureTime: null})
    const out = await diagnose(d, {now: () => new Date('2026-12-07T00:00:00Z')})
    const stuck = out.findings.find((f) => f.ruleId === 'ike-stuck-mm-no-state' && f.device === 'BR-R1')!
    expect(stuck.causes[0]).toBe('IKE proposal mismatch (Group: received Group 2, configured Group 14), named by the log of asa-dc, the peer (ASA-5-713257 at asa-dc.txt:3)')
    expect(stuck.evidence.find((e) => e.device === 'asa-dc')).toMatchObject({file: 'asa-dc.txt', line: 3, field: 'ASA-5-713257'})
    expect(out.findings.find((f) => f.ruleId === 'ike-proposal-mismatch')?.device).toBe('asa-dc')
  })
})

describe('SRX tunnel events of a detail output', () => {
  it('rank the causes of the down IKE SA of that gateway, the latest event first', async () => {
    const {ingestText} = await import('../src/ingest/index.js')
    const text = [
      'netops@srx> show security ike security-associations',
      'Index State Initiator cookie Responder cookie Mode Remote Address',
      '6892513 DOWN 9d2f0e44c1a5b7e8 0000000000000000 Main 203.0.113.200',
      '',
      'netops@srx> show security ipsec security-associations detail',
      '  ID: 131073 Virtual-system: root, VPN Name: vpn-hq',
      '  Local Gateway: 198.51.100.1, Remote Gateway: 203.0.113.200',
      '  Local Identity: ipv4_subnet(any:0,[0..7]=10.1.0.0/16)',
      '  Remote Identity: ipv4_subnet(any:0,[0..7]=10.2.0.0/16)',
      '  Version: IKEv1',
      '  Tunnel events:',
      '    Mon Dec 07 2026 10:11:12: No response from peer. Negotiation failed (512 times)',
      "    Mon Dec 07 2026 09:11:12: Peer's IKE-ID validation failed during negotiation (1 times)",
      '',
    ].join('\n')
    const d = await ingestText(text, {file: 'srx.txt'})
    const out = await diagnose(d, {now: () => new Date('2026-12-07T12:00:00Z')})
    // no answer logged for the peer: the DOWN SA is ike-one-way-traffic (log-messages.md JUN-16), not a bare ike-down
    expect(out.findings.map((f) => f.ruleId)).not.toContain('ike-down')
    const down = out.findings.find((f) => f.ruleId === 'ike-one-way-traffic')!
    expect(down).toBeDefined()
    expect(down.entity.kind).toBe('ikeSa')
    expect(down.causes[0]).toMatch(/^No answer from the peer .*named by the log \("No response from peer\. Negotiation failed" at srx\.txt:12, 512 times\)/)
    expect(down.evidence.some((e) => e.line === 12)).toBe(true)
    // the earlier IKE-ID failure, with no success after it, is named next
    expect(down.causes.some((c) => c.startsWith('IKE identity mismatch'))).toBe(true)
  })
})

describe('IOS-XE IKEv2 packet debug', () => {
  const dump = (notify: string) => lines(`
Nov 23 11:47:12.403: IKEv2:(SESSION ID = 7,SA ID = 1):Received Packet [From 198.51.100.20:500/To 192.0.2.1:500/VRF i0:f0]
Initiator SPI : 5E7D0C9A81B23F44 - Responder SPI : 2A4C6E8F0B1D3F57 Message id: 1
IKEv2 IKE_AUTH Exchange RESPONSE
Payload contents:
 NOTIFY(${notify})
`)
  it('the notify of a received packet names the failure and the packet names the peer', () => {
    const auth = readLog(dump('AUTHENTICATION_FAILED'), ctx('R1', 'cisco', 'show logging')).facts as Array<{event: string; peer: string | null; localAddress: string | null; remotePort: number | null}>
    expect(auth.map((e) => [e.event, e.peer, e.localAddress, e.remotePort])).toEqual([['auth-failed', '198.51.100.20', '192.0.2.1', 500]])
    const ts = readLog(dump('TS_UNACCEPTABLE'), ctx('R1', 'cisco', 'show logging')).facts as Array<{event: string; peer: string | null; phase: number | null}>
    expect(ts.map((e) => [e.event, e.peer, e.phase])).toEqual([['ts-mismatch', '198.51.100.20', 2]])
    const masked = readLog(lines('Nov 23 11:50:12.334: IKEv2:(SESSION ID = 7,SA ID = 1):Received Packet [From <peer-ip>:500/To 192.0.2.1:500/VRF i0:f0] Payload contents: NOTIFY(TS_UNACCEPTABLE)'), ctx('R1', 'cisco', 'show logging')).facts as Array<{peer: string | null}>
    expect(masked.map((e) => e.peer)).toEqual(['<peer-ip>'])
  })
})

describe('a log line that names the cause leads the findings it explains', () => {
  it('ASA: phase 2 refused for the proxies (713061) first, the missing phase 2 listed under it', async () => {
    const {ingestFiles} = await import('../src/ingest/index.js')
    const out = await diagnose(await ingestFiles([join(import.meta.dirname, '..', 'examples', 'log-asa-proxy-id-mismatch')]), {now: () => new Date('2026-12-07T12:00:00Z')})
    const errors = out.findings.filter((f) => f.severity === 'error')
    expect(errors.map((f) => f.ruleId)).toEqual(['pair-proxy-id-mismatch', 'ipsec-phase2-not-established'])
    expect(errors[1].relatedTo).toBe(errors[0].fingerprint)
  })

  it('a state finding no log explains stays a root of its own', async () => {
    const out = await run([...showCryptoIsakmpSa.parse(lines(ISAKMP_KEY_EXCH), ctx('R1', 'cisco', 'show crypto isakmp sa')).facts])
    expect(out.findings.every((f) => f.relatedTo === undefined || f.relatedTo === null)).toBe(true)
  })
})

describe('kmd logs one phase 2 refusal in two lines', () => {
  const refusal = (second: string, pid = 1442) => lines(`
Nov 23 10:15:01 srx1 kmd[1442]: IKE Phase-2: Failed to match the peer proposed traffic-selectors for the tunnel [p2_remote_proxy_id=ipv4_subnet(any:0,[0..7]=10.20.0.0/24), p2_local_proxy_id=ipv4_subnet(any:0,[0..7]=10.10.0.0/24)] local ip: 192.0.2.1, remote peer ip: 198.51.100.7
Nov 23 10:15:${second} srx1 kmd[${pid}]: KMD_VPN_TS_MISMATCH: Traffic-selector mismatch, vpn name: vpn-branch7, Peer Proposed traffic-selector local-ip: ipv4(10.10.0.0-10.10.0.255), Peer Proposed traffic-selector remote-ip: ipv4(10.20.0.0-10.20.0.255)
`)
  const peers = (second: string, pid?: number) => (readLog(refusal(second, pid), ctx('srx1', 'junos', 'show log kmd')).facts as Array<{event: string; peer: string | null}>).map((e) => [e.event, e.peer])

  it('the line naming only the VPN takes the peer of the refusal just before it (same process, same second)', () => {
    expect(peers('01')).toEqual([['proxy-id-mismatch', '198.51.100.7'], ['ts-mismatch', '198.51.100.7']])
    // another second or another process: not known to be the same refusal
    expect(peers('09')).toEqual([['proxy-id-mismatch', '198.51.100.7'], ['ts-mismatch', null]])
    expect(peers('01', 2001)).toEqual([['proxy-id-mismatch', '198.51.100.7'], ['ts-mismatch', null]])
  })

  it('gives one top-level finding for the peer, the second wording listed under it', async () => {
    const out = await run(readLog(refusal('01'), ctx('srx1', 'junos', 'show log kmd')).facts as Fact[], 'srx1', 'junos')
    const proxy = out.findings.filter((f) => f.ruleId === 'pair-proxy-id-mismatch')
    expect(proxy).toHaveLength(2)
    expect(proxy[0].relatedTo ?? null).toBeNull()
    expect(proxy[1].relatedTo).toBe(proxy[0].fingerprint)
    expect(proxy.map((f) => f.entity.label)).toEqual(['log proxy-id-mismatch peer 198.51.100.7 (line 1)', 'log KMD_VPN_TS_MISMATCH peer 198.51.100.7 (line 2)'])
  })
})
