/**
 * The rules engine end to end on hand-built fact sets: derivation guards, escalation, root-cause
 * grouping, missing-data hints, the time source, user rule packs, overrides, the gate, and "no false
 * alarms" on healthy captures.
 */
import {mkdtempSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DiagnoseDocument, type Fact} from '../src/model/index.js'
import {diagnose, loadRules} from '../src/engine/index.js'
import {RuleSetEngine} from '../src/engine/evaluate.js'
import {exampleFacts} from '../src/engine/tester.js'
import {deriveDevice} from '../src/engine/derive.js'
import {DEFAULT_THRESHOLDS} from '../src/engine/thresholds.js'
import {newRaw, rawSet} from '../src/model/raw.js'
import {
  certificate,
  concentrator,
  cryptoMap,
  cryptoMapEntry,
  documentOf,
  droppedPackets,
  ikeSa,
  ikeStats,
  ipsecFlow,
  ipsecSa,
} from '../src/engine/synthetic.js'

const {rules} = await loadRules()
const AT = '2026-06-01T12:00:00.000Z'
const run = (facts: Fact[], opts = {}) => diagnose(documentOf(facts), {rules, at: AT, ...opts})
const ids = (doc: {findings: Array<{ruleId: string}>}) => doc.findings.map((f) => f.ruleId).sort()

const R1 = {device: 'R1', vendor: 'cisco' as const, file: 'R1.txt'}
const withRaw = <T extends Fact>(f: T, raw: Record<string, [string, number]>): T => {
  for (const [k, [value, line]] of Object.entries(raw)) rawSet(f.raw, k, value, line)
  return f
}

function iosStuckPeer(extra: Fact[] = []): Fact[] {
  return [
    withRaw(ikeSa({remoteAddress: '192.0.2.2', localAddress: '192.0.2.1', stateRaw: 'MM_NO_STATE', state: 'negotiating', connId: 1004, mode: 'main'}, {...R1, line: 5}), {
      dst: ['192.0.2.2', 5],
      state: ['MM_NO_STATE', 5],
      'conn-id': ['1004', 5],
    }),
    ipsecFlow({id: 'flow:1', interface: 'Serial0/0', remoteAddress: '192.0.2.2', localAddress: '192.0.2.1', encaps: 0, decaps: 0, currentOutboundSpi: 0, saCount: 0}, {...R1, line: 20}),
    ...extra,
  ]
}

describe('derivation guards (no false alarms)', () => {
  it('a deleted MM_NO_STATE leftover next to QM_IDLE for the same peer is normal', async () => {
    const doc = await run([
      ikeSa({remoteAddress: '192.0.2.2', localAddress: '192.0.2.1', stateRaw: 'QM_IDLE', state: 'established', connId: 1005}, R1),
      ikeSa({remoteAddress: '192.0.2.2', localAddress: '192.0.2.1', stateRaw: 'MM_NO_STATE', state: 'negotiating', connId: 0, deleted: true}, R1),
    ])
    expect(ids(doc)).toEqual([])
  })

  it('the same MM_NO_STATE row without a QM_IDLE row is a stuck phase 1', async () => {
    const doc = await run([ikeSa({remoteAddress: '192.0.2.2', stateRaw: 'MM_NO_STATE', state: 'negotiating', connId: 1004}, R1)])
    expect(ids(doc)).toEqual(['ike-stuck-mm-no-state'])
    expect(doc.findings[0].severity).toBe('warning')
  })

  it('a freshly built SA with zero counters is only info "no traffic yet"', async () => {
    const doc = await run([
      ikeSa({remoteAddress: '192.0.2.2', stateRaw: 'QM_IDLE', state: 'established'}, R1),
      ipsecFlow({id: 'f', remoteAddress: '192.0.2.2', encaps: 0, decaps: 0, sendErrors: 0, recvErrors: 0, currentOutboundSpi: 0x1234, saCount: 2}, R1),
    ])
    expect(doc.findings.map((f) => [f.ruleId, f.severity])).toEqual([['ipsec-no-traffic', 'info']])
    expect(doc.findings[0].message).toContain('no traffic yet')
  })

  it('a transport_parent flow without SAs is not a fault', async () => {
    const doc = await run([
      ikeSa({remoteAddress: '192.0.2.2', stateRaw: 'QM_IDLE', state: 'established'}, R1),
      ipsecFlow({id: 'parent', remoteAddress: '192.0.2.2', transportParent: true, encaps: 0, decaps: 0, currentOutboundSpi: 0, saCount: 0, flags: ['transport_parent']}, R1),
      ipsecFlow({id: 'child', remoteAddress: '192.0.2.2', encaps: 466, decaps: 465, currentOutboundSpi: 0x99, saCount: 2}, R1),
    ])
    expect(ids(doc)).toEqual([])
  })

  it('a healthy IOS concentrator of 300 tunnels produces no finding at all', async () => {
    const doc = await diagnose(concentrator(300), {rules, at: AT})
    expect(doc.findings).toEqual([])
  })

  it('a healthy Junos peer (matured IKE, installed SAs, DPD answered) produces no finding', async () => {
    const J = {device: 'J1', vendor: 'junos' as const}
    const doc = await run([
      ikeSa({remoteAddress: '10.50.0.2', stateRaw: 'Matured', state: 'established', mode: 'main', encryption: 'aes-256-cbc', integrity: 'sha256', ipsecSasCreated: 2, inPackets: 40, outPackets: 41}, J),
      ipsecFlow({id: 'jf', name: 'sa-hq', remoteAddress: '10.50.0.2', interfaceFamily: 'up', state: 'up'}, J),
      ipsecSa({flowId: 'jf', name: 'sa-hq', direction: 'inbound', spi: 1, encryption: 'aes-256-cbc', integrity: 'sha256', type: 'dynamic', state: 'installed', antiReplay: true, replayWindow: 64, softLifetimeExpired: false, hardLifetimeRemainingSec: 3000}, J),
      ipsecSa({flowId: 'jf', name: 'sa-hq', direction: 'outbound', spi: 2, encryption: 'aes-256-cbc', integrity: 'sha256', type: 'dynamic', state: 'installed', antiReplay: true, replayWindow: 64, softLifetimeExpired: false, hardLifetimeRemainingSec: 3000}, J),
      ikeStats({remoteAddress: '10.50.0.2', ipsecSasCreated: 2, ipsecSasDeleted: 0, rekeys: 1, deletesReceived: 0, deletesSent: 0, invalidSpiReceived: 0, invalidSpiSent: 0, dpd: {requestsReceived: 3, requestsSent: 4, acksReceived: 4, acksSent: 3, acksMissed: 0, worstAckDelayMs: 30}}, J),
    ])
    expect(ids(doc)).toEqual([])
  })
})

describe('escalation and evidence', () => {
  it('drops on the interface toward a stuck peer escalate it to error, with the drop line as evidence', async () => {
    const drops = withRaw(droppedPackets({interface: 'Serial0/0', ipAddress: '192.0.2.1', dropCount: 12}, {...R1, line: 40}), {'Drop Count': ['12', 41]})
    const doc = await run(iosStuckPeer([drops]))
    const stuck = doc.findings.find((f) => f.ruleId === 'ike-stuck-mm-no-state')!
    expect(stuck.severity).toBe('error')
    expect(stuck.baseSeverity).toBe('warning')
    expect(stuck.explanation).toContain('traffic for the peer is being dropped')
    expect(stuck.evidence).toEqual([
      {file: 'R1.txt', line: 5, field: 'dst', value: '192.0.2.2'},
      {file: 'R1.txt', line: 5, field: 'state', value: 'MM_NO_STATE'},
      {file: 'R1.txt', line: 5, field: 'conn-id', value: '1004'},
      {file: 'R1.txt', line: 41, field: 'Drop Count (Serial0/0)', value: '12'},
    ])
    expect(stuck.remediation.map((s) => s.command)).toContain('clear crypto isakmp 1004')
    expect(stuck.remediation.every((s) => s.vendor === 'cisco' && s.device === 'R1')).toBe(true)
  })

  it('severity overrides, disabled rules and per-device overrides apply after evaluation', async () => {
    const facts = iosStuckPeer()
    const overridden = await run(facts, {severityOverrides: {'ike-stuck-mm-no-state': 'critical'}})
    expect(overridden.findings.find((f) => f.ruleId === 'ike-stuck-mm-no-state')!.severity).toBe('critical')
    const disabled = await run(facts, {disabled: ['ike-stuck-mm-no-state']})
    expect(ids(disabled)).not.toContain('ike-stuck-mm-no-state')
    expect(disabled.suppressed.disabled).toBe(1)
    const perDevice = await run(facts, {deviceOverrides: {R1: {disabled: ['ike-stuck-mm-no-state']}, R9: {disabled: ['ipsec-no-traffic']}}})
    expect(ids(perDevice)).not.toContain('ike-stuck-mm-no-state')
  })

  it('thresholds can be retuned: oneWayMinPackets sets when unanswered packets are one-way, encapsFloor when that is an error', async () => {
    const two = [ipsecFlow({id: 'f', remoteAddress: '192.0.2.2', encaps: 2, decaps: 0, currentOutboundSpi: 7, saCount: 2}, R1)]
    expect(ids(await run(two))).toEqual([])
    expect(ids(await run(two, {thresholds: {oneWayMinPackets: 2}}))).toEqual(['ipsec-zero-decaps'])
    const five = [ipsecFlow({id: 'f', remoteAddress: '192.0.2.2', encaps: 5, decaps: 0, currentOutboundSpi: 7, saCount: 2}, R1)]
    expect((await run(five)).findings.map((f) => [f.ruleId, f.severity])).toEqual([['ipsec-zero-decaps', 'warning']])
    expect((await run(five, {thresholds: {encapsFloor: 5}})).findings.map((f) => [f.ruleId, f.severity])).toEqual([['ipsec-zero-decaps', 'error']])
    const bad = await run(five, {thresholds: {encapsFlor: 5}})
    expect(bad.diagnostics.map((d) => d.message)).toContain('unknown threshold "encapsFlor"')
  })

  it('the fingerprint depends on rule, device and entity, not on counters', async () => {
    const a = await run([ipsecFlow({id: 'f', remoteAddress: '192.0.2.2', encaps: 50, decaps: 0, currentOutboundSpi: 7, saCount: 2}, R1)])
    const b = await run([ipsecFlow({id: 'f', remoteAddress: '192.0.2.2', encaps: 900, decaps: 0, currentOutboundSpi: 7, saCount: 2}, R1)])
    expect(a.findings[0].fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(a.findings[0].fingerprint).toBe(b.findings[0].fingerprint)
    const c = await run([ipsecFlow({id: 'f', remoteAddress: '192.0.2.2', encaps: 50, decaps: 0, currentOutboundSpi: 7, saCount: 2}, {...R1, device: 'R2'})])
    expect(c.findings[0].fingerprint).not.toBe(a.findings[0].fingerprint)
  })
})

describe('aggregating (posture) rules', () => {
  it('one finding per device and severity counts every tunnel, cites the first ones, keeps a stable fingerprint', async () => {
    const weak = (n: number) => {
      const doc = concentrator(n)
      for (const sa of doc.facts.ipsecSa) Object.assign(sa, {encryption: '3des', transform: 'esp-3des esp-sha256-hmac'})
      return doc
    }
    const a = await diagnose(weak(40), {rules, at: AT})
    expect(a.findings.map((f) => [f.ruleId, f.severity])).toEqual([['crypto-weak-encryption', 'warning']])
    const [f] = a.findings
    expect(f.occurrences!.count).toBe(40)
    expect(f.occurrences!.entities).toHaveLength(20)
    expect(f.message).toMatch(/uses a weak cipher: 3des \(and 39 more like it on HUB\)$/)
    expect(new Set(f.evidence.map((e) => e.line)).size).toBe(3)
    const b = await diagnose(weak(7), {rules, at: AT})
    expect(b.findings[0].occurrences!.count).toBe(7)
    expect(b.findings[0].fingerprint).toBe(f.fingerprint)
    expect(() => DiagnoseDocument.parse(a)).not.toThrow()
  })
})

describe('root cause and symptoms', () => {
  it('a stuck phase 1 explains the drops toward that peer: root first, symptom related to it', async () => {
    const drops = droppedPackets({interface: 'Serial0/0', ipAddress: '192.0.2.1', dropCount: 80}, R1)
    const other = ipsecFlow({id: 'ok', remoteAddress: '198.51.100.9', encaps: 500, decaps: 0, currentOutboundSpi: 5, saCount: 2}, R1)
    const doc = await run(iosStuckPeer([drops, other]))
    expect(doc.findings.map((f) => f.ruleId)).toEqual(['ike-stuck-mm-no-state', 'engine-drops-no-connection', 'ipsec-zero-decaps'])
    const [root, symptom, unrelated] = doc.findings
    expect(symptom.relatedTo).toBe(root.fingerprint)
    expect(root.relatedTo).toBeNull()
    expect(unrelated.relatedTo).toBeNull()
  })

  it('a stuck peer with a deleted retry row: one stuck finding, the duplicate rows grouped under it', async () => {
    const doc = await run([
      ikeSa({remoteAddress: '198.51.100.20', localAddress: '203.0.113.10', stateRaw: 'MM_NO_STATE', state: 'negotiating', connId: 1004}, R1),
      ikeSa({remoteAddress: '198.51.100.20', localAddress: '203.0.113.10', stateRaw: 'MM_NO_STATE', state: 'negotiating', connId: 0, deleted: true}, R1),
    ])
    expect(doc.findings.map((f) => f.ruleId)).toEqual(['ike-stuck-mm-no-state', 'ike-duplicate-sas'])
    expect(doc.findings[0].entity.label).toBe('peer 198.51.100.20 conn-id 1004')
    expect(doc.findings[1].relatedTo).toBe(doc.findings[0].fingerprint)
  })

  it('a failed Junos negotiation explains the phase 2 negotiation in progress on the same peer', async () => {
    const J = {device: 'J1', vendor: 'junos' as const}
    const doc = await run([
      ikeSa({remoteAddress: '10.50.0.2', stateRaw: 'Not matured', state: 'negotiating', flags: ['waiting for remove'], phase2InProgress: 1, phase2Negotiations: []}, J),
    ])
    expect(doc.findings.map((f) => [f.ruleId, f.relatedTo === null])).toEqual([
      ['ike-negotiation-failed', true],
      ['ipsec-phase2-in-progress', false],
    ])
  })
})

describe('crypto engine rows', () => {
  it('pairs an outbound row with its inbound sibling even when an IKE row reuses the conn id', async () => {
    const eng = (connId: number, iface: string | null, encrypt: number, decrypt: number) =>
      ({kind: 'engineConnection', id: `eng:${connId}:${iface ?? 'ike'}`, source: {file: 'R1.txt', startLine: 1, endLine: 1, command: 'show crypto engine connections active', device: 'R1', vendor: 'cisco'}, raw: newRaw(), connId, interface: iface, ipAddress: null, state: 'set', algorithm: null, encryption: null, integrity: null, encrypt, decrypt}) as Fact
    const flow = ipsecFlow({id: 'f', remoteAddress: '192.0.2.2', encaps: 900, decaps: 880, currentOutboundSpi: 9, saCount: 2}, R1)
    const facts = [
      flow,
      ipsecSa({flowId: 'f', direction: 'inbound', spi: 1, connId: 2000}, R1),
      ipsecSa({flowId: 'f', direction: 'outbound', spi: 2, connId: 2001}, R1),
      eng(2000, 'Gi0/0', 0, 880),
      eng(2001, 'Gi0/0', 900, 0),
      eng(2000, null, 0, 0),
    ]
    expect(ids(await run(facts))).toEqual([])
    const oneWay = await run([...facts.slice(0, 3), eng(2000, 'Gi0/0', 0, 0), eng(2001, 'Gi0/0', 900, 0), eng(2000, null, 0, 0)])
    expect(ids(oneWay)).toEqual(['engine-zero-decrypt'])
  })
})

describe('crypto map entries', () => {
  it('an entry without peers is incomplete, not "never negotiated"; a static entry whose peer has no IKE SA is flagged', async () => {
    const doc = await run([
      cryptoMap({name: 'VPN', interfaces: ['Gi0/1']}, R1),
      cryptoMapEntry({map: 'VPN', seq: 10, peers: ['192.0.2.2'], currentPeer: '192.0.2.2', accessList: '101', transformSets: ['TS'], interfaces: ['Gi0/1']}, R1),
      cryptoMapEntry({map: 'VPN', seq: 20, peers: [], currentPeer: '0.0.0.0', accessList: null, transformSets: [], interfaces: ['Gi0/1']}, R1),
      ikeSa({remoteAddress: '198.51.100.1', stateRaw: 'QM_IDLE', state: 'established'}, R1),
    ])
    expect(doc.findings.map((f) => [f.ruleId, f.entity.label])).toEqual([
      ['config-crypto-map-incomplete', 'crypto map VPN 20'],
      ['ike-no-sa-for-configured-peer', 'crypto map VPN 10'],
    ])
  })
})

describe('missing data', () => {
  it('says which command to run on which device for the checks that had no data', async () => {
    const doc = await run([ikeSa({remoteAddress: '192.0.2.2', stateRaw: 'QM_IDLE', state: 'established'}, R1)])
    const ipsec = doc.missing.find((m) => m.command === 'show crypto ipsec sa')!
    expect(ipsec.device).toBe('R1')
    expect(ipsec.reason).toMatch(/^run `show crypto ipsec sa` on R1 to check .*phase 2 SAs/)
    expect(ipsec.rules).toContain('ipsec-zero-decaps')
    expect(doc.missing.some((m) => m.command === 'show crypto isakmp sa')).toBe(false)
    expect(doc.missing.every((m) => m.vendor === 'cisco')).toBe(true)
  })

  it('asks only for commands the platform prints (classic IOS: no IKEv2/session; ASA: no crypto engine)', async () => {
    const ios = await run([ikeSa({remoteAddress: '192.0.2.2', stateRaw: 'QM_IDLE', state: 'established'}, R1)])
    expect(ios.missing.map((m) => m.command)).toEqual(expect.arrayContaining(['show crypto engine connections active']))
    expect(ios.missing.map((m) => m.command)).not.toContain('show crypto ikev2 sa')
    const asaDoc = documentOf([ikeSa({remoteAddress: '192.0.2.2', stateRaw: 'MM_ACTIVE', state: 'established'}, {...R1, device: 'FW1'})])
    asaDoc.devices[0].platform = 'asa'
    const asa = await diagnose(asaDoc, {rules, at: AT})
    expect(asa.missing.map((m) => m.command)).toContain('show crypto ikev2 sa')
    expect(asa.missing.map((m) => m.command)).not.toContain('show crypto engine connections active')
  })

  it('asks for the device clock only when certificates were captured', async () => {
    const without = await run([ikeSa({remoteAddress: '192.0.2.2', stateRaw: 'QM_IDLE', state: 'established'}, R1)])
    expect(without.missing.map((m) => m.command)).not.toContain('show clock')
    const withCert = await run([certificate({subject: 'CN=r1', validFrom: '2025-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z'}, R1)])
    const clock = withCert.missing.find((m) => m.command === 'show clock')!
    expect(clock.rules).toEqual(['cert-expired', 'cert-expiring-soon', 'cert-not-yet-valid'])
  })

  it('Junos devices get Junos commands; an alternative command satisfies the need', async () => {
    const J = {device: 'J1', vendor: 'junos' as const, command: 'show security ike security-associations'}
    const doc = await run([ikeSa({remoteAddress: '10.50.0.2', stateRaw: 'UP', state: 'established'}, J)])
    expect(doc.missing.every((m) => m.device === 'J1' && m.vendor === 'junos')).toBe(true)
    expect(doc.missing.map((m) => m.command)).toContain('show security ike statistics')
    expect(doc.missing.map((m) => m.command)).not.toContain('show services ipsec-vpn ike statistics')
    expect(doc.missing.map((m) => m.command)).not.toContain('show ike security-associations detail')
  })
})

describe('time source', () => {
  const cert = () => certificate({subject: 'CN=r1', validFrom: '2025-01-01T00:00:00.000Z', validTo: '2026-06-20T00:00:00.000Z'}, R1)

  it('uses the capture time when the capture holds one', async () => {
    const doc = documentOf([cert()])
    doc.devices[0].captureTime = '2026-06-15T00:00:00.000Z'
    const out = await diagnose(doc, {rules, at: '2030-01-01T00:00:00Z'})
    expect(out.time).toMatchObject({at: '2026-06-15T00:00:00.000Z', source: 'capture'})
    expect(out.findings.map((f) => [f.ruleId, f.severity])).toEqual([['cert-expiring-soon', 'error']])
    expect(out.findings[0].message).toContain('capture time')
  })

  it('falls back to --at, then to the clock, and says which', async () => {
    const flag = await diagnose(documentOf([cert()]), {rules, at: '2026-05-01T00:00:00Z'})
    expect(flag.time).toMatchObject({at: '2026-05-01T00:00:00.000Z', source: 'flag'})
    expect(ids(flag)).toEqual([])
    const now = await diagnose(documentOf([cert()]), {rules, now: () => new Date('2027-01-01T00:00:00Z')})
    expect(now.time).toMatchObject({at: '2027-01-01T00:00:00.000Z', source: 'now'})
    expect(ids(now)).toEqual(['cert-expired'])
    expect(now.findings[0].message).toContain('now time')
    const bad = await diagnose(documentOf([cert()]), {rules, at: 'yesterday', now: () => new Date('2027-01-01T00:00:00Z')})
    expect(bad.time.source).toBe('now')
    expect(bad.diagnostics.some((d) => d.message.includes('--at "yesterday"'))).toBe(true)
  })
})

describe('user rule packs', () => {
  const userRule = {
    id: 'site-peer-on-watchlist',
    title: 'Peer on the site watch list',
    severity: 'info',
    category: 'ike',
    vendors: ['cisco'],
    entity: 'ikeSa',
    conditions: {all: [{fact: 'entity', path: '$.remoteAddress', operator: 'in', value: ['192.0.2.2']}]},
    message: 'Peer {{remoteAddress}} is on the watch list',
    explanation: 'This peer is known to be flaky at our site.',
    evidence: ['dst'],
    causes: ['Known flaky peer'],
    remediation: {cisco: [{command: 'show crypto isakmp sa peer <peer>', purpose: 'Look at it', disruptive: false}]},
    examples: {fires: [{entity: {remoteAddress: '192.0.2.2'}}], silent: [{entity: {remoteAddress: '192.0.2.3'}}]},
  }

  function pack(files: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-rules-'))
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(join(dir, 'site'), {recursive: true})
      writeFileSync(join(dir, 'site', name), typeof body === 'string' ? body : JSON.stringify(body))
    }
    return dir
  }

  it('adds its rules to the built-in ones; a broken file is reported with file and JSON path, the rest still run', async () => {
    const broken = {...userRule, id: 'site-broken', conditions: {all: [{fact: 'entity', path: '$.remoteAddress', operator: 'matches', value: 'x'}]}}
    const dir = pack({'site-peer-on-watchlist.json': userRule, 'site-broken.json': broken, 'site-garbage.json': '{nope'})
    const doc = await diagnose(documentOf(iosStuckPeer()), {rulesDirs: [dir], at: AT})
    expect(ids(doc)).toEqual(['ike-stuck-mm-no-state', 'site-peer-on-watchlist'])
    const messages = doc.diagnostics.filter((d) => d.level === 'error').map((d) => d.message)
    expect(messages).toHaveLength(2)
    expect(messages[0]).toMatch(/site-broken\.json: \/conditions\/all\/0\/operator: must be equal to one of the allowed values/)
    expect(messages[1]).toMatch(/site-garbage\.json: \/: not valid JSON/)
    expect(doc.diagnostics.find((d) => d.message.includes('site-broken'))!.file).toBe(join(dir, 'site', 'site-broken.json'))
  })

  it('a user rule with a built-in id replaces it; a missing directory is a clear error', async () => {
    const retuned = {...JSON.parse(readFileSync(join(import.meta.dirname, '..', 'rules', 'ike', 'ike-stuck-mm-no-state.json'), 'utf8')), severity: 'critical'}
    const dir = pack({'ike-stuck-mm-no-state.json': retuned})
    const doc = await diagnose(documentOf(iosStuckPeer()), {rulesDirs: [dir, '/nonexistent/rules'], at: AT})
    expect(doc.findings.map((f) => [f.ruleId, f.severity])).toEqual([['ike-stuck-mm-no-state', 'critical']])
    expect(doc.diagnostics.map((d) => d.message)).toContain('rule not loaded: /nonexistent/rules: /: rule directory not found')
  })

  it('rules refer to model fields only: a typo in a user rule is reported, not silently never firing', async () => {
    const typo = {...userRule, id: 'site-typo', conditions: {all: [{fact: 'entity', path: '$.remoteAdress', operator: 'equal', value: 'x'}]}}
    const dir = pack({'site-typo.json': typo})
    const {errors} = await loadRules([dir])
    expect(errors).toEqual([{file: join(dir, 'site', 'site-typo.json'), path: '/conditions/all/0', message: 'entity kind "ikeSa" has no field "remoteAdress"'}])
  })
})

describe('the gate agrees with json-rules-engine', () => {
  it('on every rule example', async () => {
    for (const rule of rules) {
      const gated = new RuleSetEngine([rule])
      const full = new RuleSetEngine([rule], {useGate: false})
      for (const ex of [...rule.examples.fires, ...rule.examples.silent]) {
        const facts = exampleFacts(rule, ex)
        const a = (await gated.evaluate(facts)).map((h) => h.severity)
        const b = (await full.evaluate(facts)).map((h) => h.severity)
        expect(a, `${rule.id} ${ex.name ?? ''}`).toEqual(b)
      }
    }
  })

  it('on a concentrator with faults, and the gate skips the healthy entities', async () => {
    const doc = concentrator(200, 7)
    const facts = Object.values(doc.facts).flat() as Fact[]
    const derived = deriveDevice({ikeSa: doc.facts.ikeSa, ipsecFlow: doc.facts.ipsecFlow, ipsecSa: doc.facts.ipsecSa}, {at: Date.parse(AT), thresholds: DEFAULT_THRESHOLDS})
    for (const kind of ['ikeSa', 'ipsecFlow', 'ipsecSa']) {
      const kindRules = rules.filter((r) => r.entity === kind && r.vendors.includes('cisco'))
      const gated = new RuleSetEngine(kindRules)
      const full = new RuleSetEngine(kindRules, {useGate: false})
      for (const f of facts.filter((x) => x.kind === kind)) {
        const input = {entity: f as unknown as Record<string, unknown>, derived: derived.get(f)!.values, thresholds: DEFAULT_THRESHOLDS, context: {vendor: 'cisco'}}
        expect((await gated.evaluate(input)).map((h) => h.rule.id)).toEqual((await full.evaluate(input)).map((h) => h.rule.id))
      }
      expect(gated.stats.skipped).toBeGreaterThan(gated.stats.runs)
    }
  })
})

describe('document', () => {
  it('matches the DiagnoseDocument schema and counts severities', async () => {
    const doc = await run(iosStuckPeer([droppedPackets({interface: 'Serial0/0', dropCount: 3}, R1), cryptoMap({name: 'VPN', interfaces: []}, R1), cryptoMapEntry({map: 'VPN', seq: 10, peers: ['192.0.2.2'], accessList: '101', transformSets: ['TS'], pfs: false}, R1)]))
    expect(() => DiagnoseDocument.parse(doc)).not.toThrow()
    expect(doc.summary.bySeverity).toEqual({
      critical: 0,
      error: doc.findings.filter((f) => f.severity === 'error').length,
      warning: doc.findings.filter((f) => f.severity === 'warning').length,
      info: doc.findings.filter((f) => f.severity === 'info').length,
    })
    expect(doc.summary.rulesRun).toBe(rules.length)
    expect(doc.summary.exitCode).toBe(1)
    expect(ids(doc)).toEqual(['config-crypto-map-not-applied', 'crypto-pfs-disabled', 'engine-drops-no-connection', 'ike-stuck-mm-no-state'])
  })
})
