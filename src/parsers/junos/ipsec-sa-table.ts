/**
 * The SRX tunnel table of `show security ipsec security-associations` ("ID Algorithm SPI Life:sec/kb
 * Mon lsys Port Gateway" and its rows "<131073 ESP:aes-cbc-128/sha1 2d5bf1c2 3363/ unlim - root 500
 * 192.0.2.2"), and the flow collection the text and structured readers share: flows are keyed by
 * tunnel id, so the table, the detail and the inactive-tunnels output of one tunnel share the flow id.
 */
import {tokenKind} from '../../reading/tokens.js'
import type {IpsecFlow, IpsecSa} from '../../model/index.js'
import {LineAccount, toInt, toSpi} from '../account.js'
import type {Line, ParseContext} from '../types.js'
import {extend, newIpsecFlow, newIpsecSa, nodePrefix, splitLife, splitSaAlgorithm} from './srx-common.js'
import {newRaw, rawSet, rawValue} from '../../model/raw.js'

export function flowId(ctx: ParseContext, tunnel: string): string {
  return `ipsec:${nodePrefix(ctx)}${tunnel}`
}

export function saId(ctx: ParseContext, tunnel: string, direction: string, spi: number): string {
  return `ipsec-sa:${nodePrefix(ctx)}${tunnel}:${direction}:0x${spi.toString(16).padStart(8, '0')}`
}

/** A table row of the SRX tunnel table, as the text and the structured readers both see it. */
export interface SaRow {
  direction: string | null
  tunnel: string
  algorithm: string | null
  spi: string
  life: string | null
  monitor: string | null
  system: string | null
  port: string | null
  gateway: string | null
}

/** Collects flows by tunnel id while rows/blocks arrive, then emits flows followed by their SAs. */
export class FlowSet {
  readonly flows = new Map<string, {flow: IpsecFlow; sas: IpsecSa[]}>()
  constructor(readonly ctx: ParseContext) {}

  flow(tunnel: string, line: number): {flow: IpsecFlow; sas: IpsecSa[]} {
    let entry = this.flows.get(tunnel)
    if (!entry) {
      const flow = newIpsecFlow(this.ctx, flowId(this.ctx, tunnel), line, line)
      flow.name = tunnel
      entry = {flow, sas: []}
      this.flows.set(tunnel, entry)
    }
    extend(entry.flow, line)
    return entry
  }

  addSa(tunnel: string, sa: IpsecSa): void {
    const entry = this.flow(tunnel, sa.source.startLine)
    sa.flowId = entry.flow.id
    entry.sas.push(sa)
  }

  emit(acct: LineAccount): void {
    for (const {flow, sas} of this.flows.values()) {
      flow.saCount = sas.length
      if (flow.state === 'unknown' && sas.length > 0) flow.state = 'up'
      // Mon column "D" / detail "VPN Monitoring: DOWN": the monitor probes of the tunnel fail
      if (sas.some((sa) => /^(d|down)$/i.test(rawValue(sa.raw, 'Mon') ?? rawValue(sa.raw, 'VPN Monitoring') ?? rawValue(sa.raw, 'sa-monitoring-state') ?? ''))) flow.flags.push('vpn monitoring down')
      for (const sa of sas) {
        if (sa.name === null) sa.name = flow.name
        if (sa.remoteAddress === null) sa.remoteAddress = flow.remoteAddress
        if (sa.natT === null) sa.natT = flow.natT
      }
      acct.add(flow)
      for (const sa of sas) acct.add(sa)
    }
  }
}

/** Builds the SA of one table row and updates its flow (gateway, port, NAT-T). */
export function addTableRow(set: FlowSet, row: SaRow, start: number, end: number, rawFields: IpsecSa['raw']): IpsecSa | null {
  const spi = toSpi(row.spi, true)
  if (spi === null) return null
  const direction = row.direction === '>' ? 'outbound' : 'inbound'
  const sa = newIpsecSa(set.ctx, saId(set.ctx, row.tunnel, direction, spi), start, end)
  sa.raw = rawFields
  sa.direction = direction
  sa.spi = spi
  if (row.algorithm) {
    const alg = splitSaAlgorithm(row.algorithm)
    sa.transform = row.algorithm
    if (alg.protocol) sa.protocol = alg.protocol
    sa.encryption = alg.encryption
    sa.integrity = alg.integrity
  }
  if (row.life) {
    const life = splitLife(row.life)
    sa.lifetimeRemainingSec = life.sec
    sa.lifetimeRemainingKb = life.kb
  }
  sa.state = 'active'
  const {flow} = set.flow(row.tunnel, start)
  extend(flow, end)
  if (row.gateway) flow.remoteAddress = row.gateway
  const port = toInt(row.port)
  if (port !== null) {
    flow.remotePort = port
    flow.natT = port === 4500
  }
  set.addSa(row.tunnel, sa)
  return sa
}

type TableKey = 'tunnel' | 'algorithm' | 'spi' | 'life' | 'monitor' | 'system' | 'port' | 'gateway'
// "  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway" (or vsys, or the older
// "ID    Gateway          Port  Algorithm       SPI      Life:sec/kb  Mon vsys")
const TABLE_LABEL = /\bID\b|Algorithm|SPI|Life:sec\/kb|Mon|[lv]sys|Port|Gateway/g

export interface TableColumn {
  key: TableKey
  /** Header label as printed ("lsys" or "vsys" ...), the raw field name. */
  label: string
}

export function tableColumns(text: string): TableColumn[] | null {
  // "  ID    Algorithm       SPI      Life:sec/kb  Mon lsys Port  Gateway"
  if (!/^ID /.test(text) || !/SPI/.test(text) || !/Life/.test(text)) return null
  const map: Record<string, TableKey> = {ID: 'tunnel', Algorithm: 'algorithm', SPI: 'spi', 'Life:sec/kb': 'life', Mon: 'monitor', lsys: 'system', vsys: 'system', Port: 'port', Gateway: 'gateway'}
  return [...text.matchAll(TABLE_LABEL)].map((m) => ({key: map[m[0]], label: m[0]}))
}

/** Whitespace split that re-joins "3363/ unlim" into one cell. */
function rowCells(text: string): string[] {
  const cells: string[] = []
  for (const tok of text.trim().split(/\s+/)) {
    const prev = cells.at(-1)
    // "3363/" + "unlim" -> "3363/unlim"
    if (prev !== undefined && (prev.endsWith('/') || tok.startsWith('/')) && /\d|unlim/.test(prev + tok)) cells[cells.length - 1] = prev + tok
    else cells.push(tok)
  }
  return cells
}

/** One row of the SRX tunnel table: "<131073 ESP:aes-cbc-128/sha1 2d5bf1c2 3363/ unlim - root 500 192.0.2.2". */
export function readTableRow(set: FlowSet, table: TableColumn[] | null, line: Line, acct: LineAccount): void {
  const cols = table ?? DEFAULT_TABLE
  const cells = rowCells(line.text)
  const dir = /^([<>])/.exec(cells[0] ?? '')
  if (dir) cells[0] = cells[0].slice(1)
  if (cells.length !== cols.length || tokenKind(cells[0]) !== 'number') {
    acct.reject(line, `not a tunnel row (${cells.length} cells for ${cols.length} columns)`)
    return
  }
  const row: SaRow = {direction: dir ? dir[1] : null, tunnel: '', algorithm: null, spi: '', life: null, monitor: null, system: null, port: null, gateway: null}
  const rawFields: IpsecSa['raw'] = newRaw()
  cols.forEach(({key, label}, i) => {
    if (key === 'tunnel') row.tunnel = cells[i]
    else if (key === 'spi') row.spi = cells[i]
    else row[key] = cells[i]
    rawSet(rawFields, label, key === 'tunnel' && dir ? dir[1] + cells[i] : cells[i], line)
  })
  const sa = addTableRow(set, row, line.n, line.n, rawFields)
  if (!sa) acct.reject(line, `SPI "${row.spi}" is not a 32-bit number`)
  else {
    if (!dir) acct.warn(`line ${line.n}: no </> direction on tunnel ${row.tunnel}, assumed inbound`)
    acct.consume(line)
  }
}

/** Columns of the current SRX table, for rows a filter left without their header. */
const DEFAULT_TABLE: TableColumn[] = [
  {key: 'tunnel', label: 'ID'}, {key: 'algorithm', label: 'Algorithm'}, {key: 'spi', label: 'SPI'}, {key: 'life', label: 'Life:sec/kb'},
  {key: 'monitor', label: 'Mon'}, {key: 'system', label: 'lsys'}, {key: 'port', label: 'Port'}, {key: 'gateway', label: 'Gateway'},
]
