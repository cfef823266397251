/** Terminal view of the parse document: the line account per block, then a compact table per fact kind. */
import Table from 'cli-table3'
import pc from 'picocolors'
import type {Fact, FactKind, ParseDocument} from '../model/index.js'
import {FACT_KINDS} from '../model/constants.js'
import {COMPACT_CHARS} from './table.js'

export interface ParseTableOptions {
  color: boolean
}

type Colors = ReturnType<typeof pc.createColors>

const orDash = (v: unknown): string => (v === null || v === undefined || v === '' ? '-' : String(v))
const hexSpi = (spi: number): string => `0x${spi.toString(16).padStart(8, '0')}`

type KindColumns = {[K in FactKind]?: {head: string[]; row: (f: Extract<Fact, {kind: K}>) => string[]}}

/** Kinds without an entry here (new ones) show their id only. */
const GENERIC_COLUMNS = {head: ['id'], row: (f: Fact) => [f.id]}

/** The few columns that tell one fact of a kind from another, beside id and location. */
const KIND_COLUMNS: KindColumns = {
  ikeSa: {
    head: ['peer', 'state', 'as printed', 'ver', 'deleted'],
    row: (f) => [orDash(f.remoteAddress), f.state, orDash(f.stateRaw), orDash(f.version), f.deleted ? 'yes' : 'no'],
  },
  ikeStats: {
    head: ['peer', 'DPD acks missed', 'invalid SPI rcvd', 'deletes rcvd'],
    row: (f) => [orDash(f.remoteAddress), orDash(f.dpd?.acksMissed), orDash(f.invalidSpiReceived), orDash(f.deletesReceived)],
  },
  ipsecFlow: {
    head: ['peer', 'state', 'encaps', 'decaps', 'SAs'],
    row: (f) => [orDash(f.remoteAddress), f.state, orDash(f.encaps), orDash(f.decaps), String(f.saCount)],
  },
  ipsecSa: {
    head: ['peer', 'dir', 'SPI', 'transform', 'state'],
    row: (f) => [orDash(f.remoteAddress), f.direction, hexSpi(f.spi), orDash(f.transform), f.state],
  },
  engineConnection: {
    head: ['conn-id', 'interface', 'algorithm', 'encrypt', 'decrypt'],
    row: (f) => [String(f.connId), orDash(f.interface), orDash(f.algorithm), orDash(f.encrypt), orDash(f.decrypt)],
  },
  droppedPackets: {
    head: ['interface', 'reason', 'drops'],
    row: (f) => [orDash(f.interface), f.reason, String(f.dropCount)],
  },
  cryptoMap: {
    head: ['map', 'interfaces', 'entries'],
    row: (f) => [f.name, f.interfaces.join(', ') || '-', String(f.entryCount)],
  },
  cryptoMapEntry: {
    head: ['map', 'seq', 'peers', 'acl', 'template'],
    row: (f) => [f.map, String(f.seq), f.peers.join(', ') || '-', orDash(f.accessList), f.isTemplate ? 'yes' : 'no'],
  },
  certificate: {
    head: ['subject', 'role', 'valid to', 'trusted'],
    row: (f) => [orDash(f.subject), f.role, orDash(f.validTo), orDash(f.trusted)],
  },
  redundancy: {
    head: ['scope', 'primary', 'backup'],
    row: (f) => [f.scope, `${orDash(f.primary)} (${orDash(f.primaryState)})`, `${orDash(f.backup)} (${orDash(f.backupState)})`],
  },
  deviceInfo: {
    head: ['hostname', 'model', 'platform', 'version', 'uptime'],
    row: (f) => [orDash(f.hostname), orDash(f.model), orDash(f.platform), orDash(f.version), orDash(f.uptime)],
  },
  clusterStatus: {
    head: ['group', 'node', 'priority', 'status', 'monitor failures'],
    row: (f) => [orDash(f.redundancyGroup), f.node, orDash(f.priority), f.status, f.monitorFailures.join(' ') || '-'],
  },
  captureTime: {
    head: ['time', 'zone', 'assumed UTC'],
    row: (f) => [f.time, orDash(f.timezone), f.assumedUtc ? 'yes' : 'no'],
  },
  ipsecStats: {
    head: ['tunnel', 'encrypted pkts', 'decrypted pkts', 'replay errors', 'auth failures'],
    row: (f) => [orDash(f.tunnelIndex ?? 'total'), orDash(f.encryptedPackets), orDash(f.decryptedPackets), orDash(f.replayErrors), orDash(f.authFailures)],
  },
  cryptoSession: {
    head: ['interface', 'peer', 'status', 'as printed', 'IKE', 'active SAs'],
    row: (f) => [orDash(f.interface), orDash(f.remoteAddress), f.status, orDash(f.statusRaw), f.ikeState, orDash(f.activeSas)],
  },
}

function newTable(head: string[], color: boolean): Table.Table {
  return new Table({head, chars: COMPACT_CHARS, style: color ? {head: ['bold'], border: ['grey']} : {head: [], border: []}})
}

function blockSection(doc: ParseDocument, c: Colors, color: boolean): string[] {
  const out: string[] = []
  const deviceNames = [...new Set([...doc.devices.map((d) => d.name), ...doc.blocks.map((b) => b.device)])]
  for (const name of deviceNames) {
    const device = doc.devices.find((d) => d.name === name)
    const platform = device?.platform ? ` ${device.platform}` : ''
    const clock = device?.captureTime ? `, captured ${device.captureTime}` : ''
    out.push(c.bold(`Device ${name} (${orDash(device?.vendor)}${platform}${clock})`))
    const table = newTable(['lines', 'vendor', 'command', 'parser', 'facts', 'unparsed'], color)
    const unparsed: string[] = []
    for (const b of doc.blocks.filter((x) => x.device === name)) {
      const command = b.commandRaw && b.commandRaw !== b.command ? `${orDash(b.command)} (${b.commandRaw})` : orDash(b.command)
      table.push([`${b.file}:${b.startLine}-${b.endLine}`, orDash(b.vendor), command, orDash(b.parser), String(b.facts), String(b.unparsed.length)])
      for (const u of b.unparsed) unparsed.push(`  ${b.file}:${u.line}  ${u.text}${u.reason ? c.dim(`  (${u.reason})`) : ''}`)
      for (const w of b.warnings) unparsed.push(`  ${b.file}:${b.startLine}  ${c.yellow(`warning: ${w}`)}`)
    }
    out.push(table.toString())
    if (unparsed.length > 0) {
      out.push(c.yellow('Unparsed lines:'))
      for (const u of unparsed) out.push(u)
    }
    out.push('')
  }
  return out
}

function factSection(doc: ParseDocument, c: Colors, color: boolean): string[] {
  const out: string[] = []
  for (const kind of FACT_KINDS) {
    const facts = (doc.facts[kind] ?? []) as Fact[]
    if (facts.length === 0) continue
    const spec = (KIND_COLUMNS[kind] ?? GENERIC_COLUMNS) as {head: string[]; row: (f: Fact) => string[]}
    const table = newTable(['device', ...spec.head, 'source'], color)
    for (const f of facts) table.push([f.source.device, ...spec.row(f), `${f.source.file}:${f.source.startLine}-${f.source.endLine}`])
    out.push(c.bold(`${kind} (${facts.length})`), table.toString(), '')
  }
  return out
}

export function renderParseTable(doc: ParseDocument, opts: ParseTableOptions): string {
  const c = pc.createColors(opts.color)
  const out = [...blockSection(doc, c, opts.color), ...factSection(doc, c, opts.color)]
  // diagnostics go to stderr (the parse command prints them), so a redirected table stays data only
  const s = doc.summary
  out.push(`${s.files} file(s), ${s.lines} line(s), ${s.blocks} block(s), ${s.facts} fact(s), ${s.unparsedLines} unparsed line(s)`)
  return `${out.join('\n')}\n`
}
