/**
 * Builders of complete, schema-valid facts with neutral defaults, for tests and the benchmark:
 * `ikeSa({stateRaw: 'QM_IDLE', ...})` fills every other field of the kind. Also a generator of a
 * concentrator-sized parse document.
 */
import {newRaw} from '../model/raw.js'
import type {Certificate, CryptoMap, CryptoMapEntry, DroppedPackets, Fact, IkeSa, IkeStats, IpsecFlow, IpsecSa, ParseDocument, Vendor} from '../model/index.js'
import {SCHEMA_VERSION, emptyFacts} from '../model/constants.js'

export interface Where {
  device?: string
  vendor?: Vendor
  file?: string
  line?: number
  command?: string
}

let counter = 0
function base(kind: string, where: Where, id?: string) {
  const line = where.line ?? 1
  return {
    kind,
    id: id ?? `${kind}:${++counter}`,
    source: {
      file: where.file ?? `${where.device ?? 'R1'}.txt`,
      startLine: line,
      endLine: line,
      command: where.command ?? 'show',
      device: where.device ?? 'R1',
      vendor: where.vendor ?? 'cisco',
    },
    raw: newRaw(),
  }
}

export function ikeSa(p: Partial<IkeSa> = {}, where: Where = {}): IkeSa {
  return {
    ...base('ikeSa', {command: 'show crypto isakmp sa', ...where}, p.id),
    version: 1, localAddress: null, localPort: null, remoteAddress: null, remotePort: null, state: 'unknown',
    stateRaw: null, mode: null, role: null, connId: null, deleted: false, statusRaw: null, initiatorCookie: null,
    responderCookie: null, lifetimeRemainingSec: null, lifetimeSec: null, encryption: null, integrity: null, prf: null,
    dhGroup: null, authMethod: null, flags: [], ipsecSasCreated: null, ipsecSasDeleted: null, phase2InProgress: null,
    phase2Negotiations: [], inBytes: null, outBytes: null, inPackets: null, outPackets: null, natT: null,
    dpdEnabled: null, node: null,
    ...p,
  } as IkeSa
}

export function ipsecFlow(p: Partial<IpsecFlow> = {}, where: Where = {}): IpsecFlow {
  return {
    ...base('ipsecFlow', {command: 'show crypto ipsec sa', ...where}, p.id),
    name: null, interface: null, cryptoMap: null, localAddress: null, remoteAddress: null, remotePort: null,
    localIdent: null, remoteIdent: null, flags: [], transportParent: false, state: 'unknown', downReason: null,
    interfaceFamily: null, encaps: null, encrypt: null, digest: null, decaps: null, decrypt: null, verify: null,
    compressed: null, decompressed: null, notCompressed: null, compressFailed: null, decompressFailed: null,
    sendErrors: null, recvErrors: null, errorCounters: {}, pathMtu: null, mediaMtu: null, plaintextMtu: null,
    ipMtu: null, currentOutboundSpi: null, pfs: null, dhGroup: null, natT: null, saCount: 0, node: null,
    ...p,
  } as IpsecFlow
}

export function ipsecSa(p: Partial<IpsecSa> = {}, where: Where = {}): IpsecSa {
  return {
    ...base('ipsecSa', {command: 'show crypto ipsec sa', ...where}, p.id),
    flowId: null, name: null, remoteAddress: null, direction: 'inbound', protocol: 'esp', spi: 0, transform: null,
    encryption: null, integrity: null, mode: null, type: null, state: 'unknown', connId: null,
    lifetimeRemainingKb: null, lifetimeRemainingSec: null, softLifetimeExpired: null, softLifetimeRemainingSec: null,
    hardLifetimeRemainingSec: null, antiReplay: null, replayWindow: null, ivSizeBytes: null, natT: null, node: null,
    ...p,
  } as IpsecSa
}

export function ikeStats(p: Partial<IkeStats> = {}, where: Where = {}): IkeStats {
  return {
    ...base('ikeStats', {vendor: 'junos', command: 'show services ipsec-vpn ike statistics', ...where}, p.id),
    remoteAddress: null, localAddress: null, initiatorCookie: null, responderCookie: null, ipsecSasCreated: null,
    ipsecSasDeleted: null, rekeys: null, inBytes: null, outBytes: null, inPackets: null, outPackets: null,
    deletesReceived: null, deletesSent: null, dpd: null, invalidSpiReceived: null, invalidSpiSent: null, counters: {},
    ...p,
  } as IkeStats
}

export function droppedPackets(p: Partial<DroppedPackets> = {}, where: Where = {}): DroppedPackets {
  return {
    ...base('droppedPackets', {command: 'show crypto engine connections dropped-packet', ...where}, p.id),
    interface: null, ipAddress: null, dropCount: 0, reason: 'connection not established',
    ...p,
  } as DroppedPackets
}

export function cryptoMap(p: Partial<CryptoMap> = {}, where: Where = {}): CryptoMap {
  return {...base('cryptoMap', {command: 'show crypto map', ...where}, p.id), name: 'VPN', interfaces: [], entryCount: 0, ...p} as CryptoMap
}

export function cryptoMapEntry(p: Partial<CryptoMapEntry> = {}, where: Where = {}): CryptoMapEntry {
  return {
    ...base('cryptoMapEntry', {command: 'show crypto map', ...where}, p.id),
    map: 'VPN', seq: 10, type: 'ipsec-isakmp', isTemplate: false, dynamicTemplate: null, peers: [], accessList: null,
    aclEntries: [], currentPeer: null, lifetimeKb: null, lifetimeSec: null, pfs: null, dhGroup: null,
    transformSets: [], transforms: [], interfaces: [],
    ...p,
  } as CryptoMapEntry
}

export function certificate(p: Partial<Certificate> = {}, where: Where = {}): Certificate {
  return {
    ...base('certificate', {command: 'show crypto pki certificates', ...where}, p.id),
    subject: null, issuer: null, serial: null, certId: null, role: 'router', status: null, flags: [], trusted: null,
    references: null, validFrom: null, validTo: null, renewDate: null, trustpoints: [], keySize: null,
    signatureAlgorithm: null, altNames: [],
    ...p,
  } as Certificate
}

/** A parse document holding the given facts; devices and blocks are derived from their sources. */
export function documentOf(facts: Fact[], devices?: ParseDocument['devices']): ParseDocument {
  const byKind = emptyFacts() as unknown as Record<string, Fact[]>
  const blocks = new Map<string, ParseDocument['blocks'][number]>()
  const names = new Map<string, Vendor>()
  for (const f of facts) {
    ;(byKind[f.kind] ??= []).push(f)
    names.set(f.source.device, f.source.vendor)
    const key = `${f.source.device}\u0000${f.source.command}`
    if (!blocks.has(key))
      blocks.set(key, {
        file: f.source.file, startLine: 1, endLine: 1, device: f.source.device, vendor: f.source.vendor,
        command: f.source.command, commandRaw: f.source.command, args: [], pipe: null, detectedBy: 'prompt',
        parser: null, node: null, facts: 0, consumedLines: 0, ignoredLines: 0, unparsed: [], warnings: [],
      })
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'ipsec-doctor', version: '0.0.0-test'},
    inputs: [],
    devices: devices ?? [...names].map(([name, vendor]) => ({name, vendor, platform: null, files: [`${name}.txt`], captureTime: null})),
    facts: byKind as unknown as ParseDocument['facts'],
    blocks: [...blocks.values()],
    diagnostics: [],
    summary: {files: 0, lines: 0, blocks: blocks.size, facts: facts.length, unparsedLines: 0, ignoredOutsideBlocks: 0},
  }
}

/** IPv4 address number n within 10.0.0.0/8 (n < 2^24). */
function addr(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

/**
 * An IOS concentrator with `tunnels` healthy tunnels (one QM_IDLE IKE SA, one flow with traffic, an
 * inbound and an outbound ESP SA each). `faultEvery` > 0 makes every n-th tunnel one-way (zero decaps).
 */
export function concentrator(tunnels: number, faultEvery = 0): ParseDocument {
  const facts: Fact[] = []
  const where: Where = {device: 'HUB', vendor: 'cisco'}
  for (let i = 0; i < tunnels; i++) {
    const peer = addr(i + 256)
    const broken = faultEvery > 0 && i % faultEvery === 0
    facts.push(ikeSa({remoteAddress: peer, localAddress: '192.0.2.1', stateRaw: 'QM_IDLE', state: 'established', connId: i + 1, mode: 'main'}, {...where, line: i + 1}))
    const flowId = `flow:${peer}`
    facts.push(
      ipsecFlow(
        {
          id: flowId, interface: 'GigabitEthernet0/0', cryptoMap: 'VPN', localAddress: '192.0.2.1', remoteAddress: peer,
          localIdent: {address: '10.255.0.0', prefixLength: 16, protocol: 0, port: 0},
          remoteIdent: {address: addr((i + 1) << 8), prefixLength: 24, protocol: 0, port: 0}, state: 'up',
          encaps: 5000 + i, encrypt: 5000 + i, digest: 5000 + i, decaps: broken ? 0 : 4900 + i, decrypt: broken ? 0 : 4900 + i,
          verify: broken ? 0 : 4900 + i, sendErrors: 0, recvErrors: 0, pathMtu: 1500, mediaMtu: 1500,
          currentOutboundSpi: 0x10000 + i, saCount: 2, pfs: false,
        },
        {...where, command: 'show crypto ipsec sa', line: 100_000 + i * 40},
      ),
    )
    for (const direction of ['inbound', 'outbound'] as const)
      facts.push(
        ipsecSa(
          {
            flowId, remoteAddress: peer, direction, spi: (direction === 'inbound' ? 0x20000 : 0x10000) + i, transform: 'esp-aes 256 esp-sha256-hmac',
            encryption: 'aes-256-cbc', integrity: 'sha256', mode: 'tunnel', type: 'dynamic', state: 'active', connId: 20_000 + i * 2 + (direction === 'inbound' ? 0 : 1),
            lifetimeRemainingKb: 4_000_000, lifetimeRemainingSec: 2000, antiReplay: true, replayWindow: 64,
          },
          {...where, command: 'show crypto ipsec sa', line: 100_000 + i * 40 + (direction === 'inbound' ? 20 : 30)},
        ),
      )
  }
  return documentOf(facts)
}
