import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {captureChunks, buildDevice, type Device} from '../src/gen/index.js'
import {ingestText} from '../src/ingest/index.js'
import {DiagnoseDocument, ParseDocument, emptyFacts, type Certificate, type Finding} from '../src/model/index.js'
import {Redactor, redactDiagnose, redactParse} from '../src/redact/index.js'
import {ensureBuilt, runCli} from './bad-input/helpers.js'
import {rawFromFields, rawGet} from '../src/model/raw.js'

function hex8(n: number): string {
  return n.toString(16).toUpperCase().padStart(8, '0')
}

/** Every secret the generator put into a capture, in each printed form. */
function secretsOf(device: Device): string[] {
  const out = new Set<string>([device.hostname, device.localAddress])
  for (const t of device.tunnels) {
    out.add(t.peerAddress)
    out.add(t.remoteNet.address)
    if (t.responderCookie !== '0000000000000000') out.add(t.responderCookie)
    out.add(t.initiatorCookie)
    if (t.fault === 'mm-no-state' || t.fault === 'mm-key-exch' || t.fault === 'no-phase2' || t.fault === 'not-matured') continue
    out.add(String(t.inboundSpi)).add(String(t.outboundSpi)).add(hex8(t.inboundSpi)).add(hex8(t.outboundSpi))
  }
  return [...out]
}

async function parseGenerated(vendor: 'cisco' | 'junos', tunnels: number, seed: number): Promise<{device: Device; doc: ParseDocument}> {
  const device = buildDevice({vendor, tunnels, faults: 0.3, seed})
  const text = [...captureChunks(device)].join('')
  return {device, doc: await ingestText(text, {file: `${device.hostname}.txt`})}
}

/** Whole-word search so "10.1.0.1" is not reported inside "10.1.0.12" and SPI digits not inside counters. */
function leaks(json: string, secrets: string[]): string[] {
  return secrets.filter((s) => new RegExp(`(?<![\\w.])${s.replace(/[.]/g, '\\.')}(?![\\w])`, 'i').test(json))
}

const CERT_SUBJECT = 'C=FI, O=Company-ABC, CN=vpn-gw.example.net'
const CERT_ISSUER = 'C=FI, O=Company-ABC, CN=Company ABC class 2'

function handMadeDocument(): ParseDocument {
  const facts = emptyFacts()
  const cert: Certificate = {
    kind: 'certificate',
    id: 'cert:5',
    source: {file: 'srx-edge1.txt', startLine: 3, endLine: 10, command: 'show ipsec certificates', device: 'srx-edge1', vendor: 'junos'},
    raw: rawFromFields({
      Subject: {value: CERT_SUBJECT, line: 3},
      Issuer: {value: CERT_ISSUER, line: 10},
      'IP address': {value: '2001:db8:10::1', line: 9},
      'Email address': {value: 'pki-admin@example.net', line: 9},
    }),
    subject: CERT_SUBJECT,
    issuer: CERT_ISSUER,
    serial: '22314868',
    certId: '5',
    role: 'local',
    status: null,
    flags: ['trusted'],
    trusted: true,
    references: 0,
    validFrom: '2003-03-01T01:20:42Z',
    validTo: '2003-03-31T01:50:42Z',
    renewDate: null,
    trustpoints: [],
    keySize: null,
    signatureAlgorithm: null,
    altNames: ['2001:db8:10::1', 'pki-admin@example.net'],
    node: null,
  }
  facts.certificate.push(cert)
  return {
    schemaVersion: 2,
    tool: {name: 'ipsec-doctor', version: '0.0.0'},
    inputs: ['captures/srx-edge1.txt'],
    devices: [{name: 'srx-edge1', vendor: 'junos', platform: null, files: ['srx-edge1.txt'], captureTime: null}],
    facts,
    blocks: [
      {
        file: 'srx-edge1.txt',
        startLine: 1,
        endLine: 12,
        device: 'srx-edge1',
        vendor: 'junos',
        command: 'show ipsec certificates',
        commandRaw: 'show ipsec certificates detail',
        args: ['detail'],
        pipe: null,
        detectedBy: 'prompt',
        parser: 'junos/show-ipsec-certificates',
        node: null,
        facts: 1,
        consumedLines: 9,
        ignoredLines: 1,
        unparsed: [
          {line: 11, text: 'admin@srx-edge1> show ike security-associations 2001:db8:10::1'},
          {line: 12, text: 'operator@core-sw7> ping 203.0.113.9 spi 0x1A2B3C4D via fe80::1'},
        ],
        warnings: ['peer vpn-peer.customer.example.org (198.18.7.7) sent cookie 93870456fa000011'],
      },
    ],
    diagnostics: [{level: 'warning', file: 'srx-edge1.txt', line: 11, message: 'srx-edge1.txt:11: no parser for "show ike security-associations 2001:db8:10::1"'}],
    summary: {files: 1, lines: 12, blocks: 1, facts: 1, unparsedLines: 2, ignoredOutsideBlocks: 0},
  }
}

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'ipsec-zero-decaps',
    title: 'Tunnel sends but never receives',
    severity: 'error',
    baseSeverity: 'error',
    category: 'ipsec',
    device: 'hub-rtr1',
    vendor: 'cisco',
    entity: {kind: 'ipsecFlow', id: 'flow:10.1.0.7:100.64.6.0/24', label: 'peer 10.1.0.7 SA SPI 0x1A2B3C4D'},
    message: 'No packets decapsulated from 10.1.0.7 on hub-rtr1',
    explanation: 'Peer 10.1.0.7 encrypts nothing back; check its crypto ACL.',
    evidence: [
      {file: 'hub-rtr1.txt', line: 40, field: '#pkts decaps', value: '0'},
      {file: 'hub-rtr1.txt', line: 52, field: 'spi', value: '0x1A2B3C4D(439041101)'},
    ],
    causes: ['The peer 10.1.0.7 has no route back to 172.16.0.0/255.255.0.0'],
    remediation: [{vendor: 'cisco', command: 'show crypto ipsec sa peer 10.1.0.7', purpose: 'Counters of this peer', disruptive: false, device: 'hub-rtr1'}],
    confirm: ['ping 10.1.0.7 source 198.51.100.1'],
    confidence: {level: 'medium', reason: 'single snapshot of the SA toward 10.1.0.7', settle: 'show crypto ipsec sa peer 10.1.0.7'},
    fingerprint: 'sha1:4b2d0c8e1f',
    relatedTo: null,
    location: {file: 'hub-rtr1.txt', startLine: 30, endLine: 70},
    ...over,
  }
}

function diagnoseDocument(findings: Finding[]): DiagnoseDocument {
  return {
    schemaVersion: 2,
    tool: {name: 'ipsec-doctor', version: '0.0.0'},
    time: {at: '2026-11-23T10:15:32Z', source: 'capture'},
    findings,
    missing: [{device: 'hub-rtr1', vendor: 'cisco', command: 'show crypto isakmp sa detail', reason: 'lifetimes of 10.1.0.7', rules: ['lifetime-expiring']}],
    suppressed: {baseline: 0, disabled: 0},
    diagnostics: [],
    summary: {devices: 1, facts: 3, rulesRun: 1, bySeverity: {critical: 0, error: 1, warning: 0, info: 0}, exitCode: 1},
  } as DiagnoseDocument
}

describe('redactParse on generated captures', () => {
  for (const vendor of ['cisco', 'junos'] as const) {
    it(`${vendor}: leaves no address, host name, cookie or SPI of the capture`, async () => {
      const {device, doc} = await parseGenerated(vendor, 40, 11)
      expect(doc.summary.facts).toBeGreaterThan(40)
      const before = JSON.stringify(doc)
      const secrets = secretsOf(device)
      // the secrets are really in the document before redaction (otherwise the check below proves nothing)
      expect(leaks(before, [device.hostname, device.localAddress, device.tunnels[0].peerAddress])).toHaveLength(3)
      const redacted = redactParse(doc)
      expect(leaks(JSON.stringify(redacted), secrets)).toEqual([])
      expect(() => ParseDocument.parse(redacted)).not.toThrow()
    })
  }

  it('gives the same token to the same value everywhere and different tokens to different values', async () => {
    const {doc} = await parseGenerated('cisco', 25, 3)
    const redacted = redactParse(doc)
    const peerTokens = redacted.facts.ikeSa.map((sa) => sa.remoteAddress)
    expect(peerTokens.every((t) => t !== null && /^ip-\d+$/.test(t))).toBe(true)
    expect(new Set(peerTokens).size).toBe(doc.facts.ikeSa.length)
    // a peer keeps its token from the ISAKMP table to the IPsec flow of the same peer
    for (const [i, sa] of doc.facts.ikeSa.entries()) {
      const flows = doc.facts.ipsecFlow.map((f, j) => ({f, j})).filter(({f}) => f.remoteAddress === sa.remoteAddress)
      for (const {j} of flows) expect(redacted.facts.ipsecFlow[j].remoteAddress).toBe(redacted.facts.ikeSa[i].remoteAddress)
    }
    expect(new Set(redacted.facts.ikeSa.map((sa) => sa.localAddress)).size).toBe(1)
    expect(redacted.devices[0].name).toBe('host-1')
    for (const b of redacted.blocks) expect(b.device).toBe('host-1')
  })

  it('replaces SPIs in numeric fields and in printed raw values with the same number', async () => {
    const {doc} = await parseGenerated('cisco', 10, 5)
    const redacted = redactParse(doc)
    const sas = redacted.facts.ipsecSa
    expect(sas.length).toBeGreaterThan(0)
    for (const [i, sa] of sas.entries()) {
      expect(sa.spi).toBeLessThanOrEqual(2 * 10)
      expect(sa.spi).not.toBe(doc.facts.ipsecSa[i].spi)
      for (const value of sa.raw.values) expect(value).not.toContain(String(doc.facts.ipsecSa[i].spi))
    }
    // the outbound SPI of a flow is the same SPI as its outbound SA: same stand-in number
    for (const flow of redacted.facts.ipsecFlow.filter((f) => (f.currentOutboundSpi ?? 0) > 0)) {
      const out = sas.find((sa) => sa.flowId === flow.id && sa.direction === 'outbound')
      if (out) expect(flow.currentOutboundSpi).toBe(out.spi)
    }
  })

  it('keeps netmasks and wildcard masks, which identify nothing', () => {
    const r = new Redactor()
    expect(r.redactText('(172.16.0.0/255.255.0.0/0/0) permit ip 10.0.0.0 0.0.0.255 any')).toBe('(ip-1/255.255.0.0/0/0) permit ip ip-2 0.0.0.255 any')
  })

  it('is deterministic: the same document redacts to the same text', async () => {
    const {doc} = await parseGenerated('junos', 15, 9)
    expect(JSON.stringify(redactParse(doc))).toBe(JSON.stringify(redactParse(doc)))
  })
})

describe('redaction of certificates, IPv6, e-mail and free text', () => {
  it('replaces subjects, issuers, alternative names, prompts of other devices and names in warnings', () => {
    const doc = handMadeDocument()
    const redacted = redactParse(doc)
    const json = JSON.stringify(redacted)
    for (const secret of ['srx-edge1', 'Company-ABC', 'vpn-gw.example.net', '2001:db8:10::1', 'pki-admin', 'core-sw7', 'operator@', '203.0.113.9', 'fe80::1', 'vpn-peer.customer', '198.18.7.7', '93870456fa000011', '1A2B3C4D']) {
      expect(json, secret).not.toContain(secret)
    }
    const cert = redacted.facts.certificate[0]
    expect(cert.subject).toMatch(/^dn-\d+$/)
    expect(cert.issuer).toMatch(/^dn-\d+$/)
    expect(cert.subject).not.toBe(cert.issuer)
    expect(rawGet(cert.raw, 'Subject')?.value).toBe(cert.subject)
    expect(rawGet(cert.raw, 'Issuer')?.value).toBe(cert.issuer)
    expect(cert.altNames[0]).toBe(rawGet(cert.raw, 'IP address')?.value)
    expect(redacted.blocks[0].unparsed[0].text).toMatch(/^user-1@host-1> show ike security-associations ip-\d+$/)
    expect(redacted.blocks[0].unparsed[1].text).toMatch(/^user-2@host-2> ping ip-\d+ spi spi-1 via ip-\d+$/)
    expect(redacted.inputs[0]).toBe('captures/host-1.txt')
    // vocabulary stays readable
    expect(redacted.blocks[0].command).toBe('show ipsec certificates')
    expect(cert.validTo).toBe('2003-03-31T01:50:42Z')
    expect(() => ParseDocument.parse(redacted)).not.toThrow()
  })
})

describe('redactDiagnose', () => {
  it('redacts evidence, labels, messages, remediation and confirm commands, and fingerprints', () => {
    const doc = diagnoseDocument([finding({}), finding({ruleId: 'ike-nat-traversal', fingerprint: 'sha1:99aa', relatedTo: 'sha1:4b2d0c8e1f'})])
    const redacted = redactDiagnose(doc)
    const json = JSON.stringify(redacted)
    for (const secret of ['10.1.0.7', '198.51.100.1', 'hub-rtr1', '1A2B3C4D', '439041101', 'sha1:']) expect(json, secret).not.toContain(secret)
    const [first, second] = redacted.findings
    expect(first.remediation[0].command).toBe('show crypto sa peer ip-1'.replace('crypto sa', 'crypto ipsec sa'))
    expect(first.message).toBe('No packets decapsulated from ip-1 on host-1')
    expect(first.evidence[1].value).toBe('spi-1')
    expect(first.entity.label).toBe('peer ip-1 SA SPI spi-1')
    expect(first.causes[0]).toBe('The peer ip-1 has no route back to ip-3/255.255.0.0')
    expect(second.relatedTo).toBe(first.fingerprint)
    expect(first.fingerprint).toMatch(/^fp-\d+$/)
    expect(first.ruleId).toBe('ipsec-zero-decaps')
    // confidence: the level is vocabulary and stays; reason and settle command are redacted like other text
    expect(first.confidence.level).toBe('medium')
    expect(first.confidence.reason).toBe('single snapshot of the SA toward ip-1')
    expect(first.confidence.settle).toBe('show crypto ipsec sa peer ip-1')
    expect(() => DiagnoseDocument.parse(redacted)).not.toThrow()
  })

  it('one Redactor gives the parse and the diagnose document of a run the same tokens', async () => {
    const {doc} = await parseGenerated('cisco', 5, 2)
    const peer = doc.facts.ikeSa[3].remoteAddress as string
    const r = new Redactor()
    const parse = r.redactParse(doc)
    const diag = r.redactDiagnose(diagnoseDocument([finding({device: doc.devices[0].name, message: `peer ${peer} is stuck`})]))
    expect(diag.findings[0].message).toBe(`peer ${parse.facts.ikeSa[3].remoteAddress} is stuck`)
    expect(diag.findings[0].device).toBe(parse.devices[0].name)
  })
})

describe('--redact through the CLI, in every output format', () => {
  let dir: string
  let file: string
  let device: Device
  beforeAll(() => {
    ensureBuilt()
    dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-redact-'))
    device = buildDevice({vendor: 'cisco', tunnels: 12, faults: 0.5, seed: 4})
    file = join(dir, `${device.hostname}.txt`)
    writeFileSync(file, [...captureChunks(device)].join(''))
  }, 120_000)
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('without --redact the same run prints the secrets (so the checks below can fail)', () => {
    const r = runCli(['diagnose', '--format', 'json', '--at', '2026-11-23T12:00:00Z', file])
    expect(leaks(r.stdout, secretsOf(device)).length).toBeGreaterThan(10)
  })

  const runs: Array<[string, string[]]> = [
    ['parse --json', ['parse', '--json', '--redact']],
    ['parse (table)', ['parse', '--redact']],
    ...(['table', 'json', 'junit', 'sarif', 'markdown'] as const).map((f): [string, string[]] => [`diagnose --format ${f}`, ['diagnose', '--redact', '--format', f, '--at', '2026-11-23T12:00:00Z']]),
  ]
  for (const [what, args] of runs) {
    it(`${what}: no address, host name, cookie or SPI of the capture in stdout or stderr`, () => {
      const r = runCli([...args, file])
      expect([0, 1]).toContain(r.status)
      expect(r.stdout.length).toBeGreaterThan(100)
      expect(r.stdout).toMatch(/ip-\d+|host-\d+/)
      expect(leaks(r.stdout + r.stderr, secretsOf(device))).toEqual([])
    })
  }
})
