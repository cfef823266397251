/**
 * Per-device lookup tables over the facts of one device, built once so that every derived value is
 * a map lookup instead of a scan (a concentrator has tens of thousands of facts).
 */
import type {
  Certificate,
  CryptoMap,
  CryptoMapEntry,
  DroppedPackets,
  EngineConnection,
  Fact,
  IkeSa,
  IpsecFlow,
  IpsecSa,
} from '../model/index.js'

export type DeviceFacts = {[K in Fact['kind']]?: Array<Extract<Fact, {kind: K}>>}

function push<K, V>(map: Map<K, V[]>, key: K | null | undefined, value: V): void {
  if (key === null || key === undefined) return
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export class DeviceIndex {
  readonly facts: DeviceFacts
  readonly ikeByPeer = new Map<string, IkeSa[]>()
  readonly flowsByPeer = new Map<string, IpsecFlow[]>()
  readonly flowsById = new Map<string, IpsecFlow>()
  readonly sasByFlow = new Map<string, IpsecSa[]>()
  readonly saByConnId = new Map<number, IpsecSa>()
  readonly engineByConnId = new Map<number, EngineConnection>()
  readonly dropsByInterface = new Map<string, DroppedPackets[]>()
  readonly dropsByAddress = new Map<string, DroppedPackets[]>()
  readonly mapsByName = new Map<string, CryptoMap>()
  readonly entriesByMap = new Map<string, CryptoMapEntry[]>()
  /** First entry of a map naming a peer, by "map\0peer" (a hub map has one entry per peer). */
  private readonly entryByMapPeer = new Map<string, CryptoMapEntry>()
  readonly mapsByInterface = new Map<string, string[]>()
  /** Interfaces that lead to a peer: from flows (IOS interface) and from map entries. */
  readonly interfacesByPeer = new Map<string, Set<string>>()
  readonly peersByInterface = new Map<string, Set<string>>()
  readonly certsBySubject = new Map<string, Certificate[]>()
  readonly hasIke: boolean
  readonly hasFlows: boolean
  readonly hasDrops: boolean

  constructor(facts: DeviceFacts) {
    this.facts = facts
    for (const sa of facts.ikeSa ?? []) push(this.ikeByPeer, sa.remoteAddress, sa)
    for (const flow of facts.ipsecFlow ?? []) {
      push(this.flowsByPeer, flow.remoteAddress, flow)
      this.flowsById.set(flow.id, flow)
      if (flow.interface && flow.remoteAddress) this.link(flow.remoteAddress, flow.interface)
    }
    for (const sa of facts.ipsecSa ?? []) {
      push(this.sasByFlow, sa.flowId ?? (sa.name ? `name:${sa.name}` : null), sa)
      if (sa.connId !== null) this.saByConnId.set(sa.connId, sa)
    }
    // IPsec rows carry an interface; IKE rows (no interface) may reuse the same numbers on some trains.
    for (const row of facts.engineConnection ?? []) {
      const known = this.engineByConnId.get(row.connId)
      if (!known || (known.interface === null && row.interface !== null)) this.engineByConnId.set(row.connId, row)
    }
    for (const d of facts.droppedPackets ?? []) {
      push(this.dropsByInterface, d.interface, d)
      push(this.dropsByAddress, d.ipAddress, d)
    }
    for (const m of facts.cryptoMap ?? []) {
      this.mapsByName.set(m.name, m)
      for (const i of m.interfaces) push(this.mapsByInterface, i, m.name)
    }
    for (const e of facts.cryptoMapEntry ?? []) {
      push(this.entriesByMap, e.map, e)
      for (const p of e.peers) if (!this.entryByMapPeer.has(`${e.map}\u0000${p}`)) this.entryByMapPeer.set(`${e.map}\u0000${p}`, e)
      const interfaces = e.interfaces.length > 0 ? e.interfaces : (this.mapsByName.get(e.map)?.interfaces ?? [])
      for (const p of e.peers) for (const i of interfaces) this.link(p, i)
    }
    for (const c of facts.certificate ?? []) push(this.certsBySubject, c.subject, c)
    this.hasIke = (facts.ikeSa?.length ?? 0) > 0
    this.hasFlows = (facts.ipsecFlow?.length ?? 0) > 0
    this.hasDrops = (facts.droppedPackets?.length ?? 0) > 0
  }

  private link(peer: string, iface: string): void {
    const a = this.interfacesByPeer.get(peer) ?? new Set<string>()
    a.add(iface)
    this.interfacesByPeer.set(peer, a)
    const b = this.peersByInterface.get(iface) ?? new Set<string>()
    b.add(peer)
    this.peersByInterface.set(iface, b)
  }

  /** The crypto map entry of a flow: its map's entry that names its peer. */
  entryOfFlow(flow: IpsecFlow): CryptoMapEntry | undefined {
    if (!flow.cryptoMap || !flow.remoteAddress) return undefined
    return this.entryByMapPeer.get(`${flow.cryptoMap}\u0000${flow.remoteAddress}`)
  }

  /** SAs of a flow: by flow id, else by the Junos SA name. */
  sasOfFlow(flow: IpsecFlow): IpsecSa[] {
    return this.sasByFlow.get(flow.id) ?? (flow.name ? (this.sasByFlow.get(`name:${flow.name}`) ?? []) : [])
  }

  /** Drop rows of an interface (by name, or by the address printed with it). */
  dropsOn(iface: string | null | undefined, address?: string | null): DroppedPackets[] {
    const rows = iface ? (this.dropsByInterface.get(iface) ?? []) : []
    if (rows.length > 0 || !address) return rows
    return this.dropsByAddress.get(address) ?? []
  }

  /** Total drop count over interfaces; null when the device capture has no dropped-packet output. */
  dropCount(interfaces: Iterable<string>): {count: number | null; rows: DroppedPackets[]} {
    if (!this.hasDrops) return {count: null, rows: []}
    const rows: DroppedPackets[] = []
    for (const i of interfaces) rows.push(...this.dropsOn(i))
    return {count: rows.reduce((s, r) => s + r.dropCount, 0), rows}
  }

  ikeEstablished(peer: string | null): boolean | null {
    if (!this.hasIke) return null
    if (!peer) return null
    return (this.ikeByPeer.get(peer) ?? []).some((sa) => sa.state === 'established' && !sa.deleted)
  }
}
