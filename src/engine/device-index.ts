/**
 * Per-device lookup tables over the facts of one device, built once so that every derived value is
 * a map lookup instead of a scan (a concentrator has tens of thousands of facts).
 *
 * Tables that only some derivations need (engine rows, drops, certificates, peer/interface links)
 * are built on first use: a 10,000-tunnel capture would otherwise pay for tables of outputs it does
 * not hold, or that no derivation of its kinds reads.
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

/** Shared result of drop lookups on a device without dropped-packet output (never mutated). */
/**
 * A table keyed by conn id. Conn ids are the engine's connection numbers, small and dense (1001-21999
 * for 30,000 rows on a 10,000-tunnel hub), so they index an array: a Map cost a hash lookup per row
 * and several MB of tables per run for the garbage collector to move. Ids that are not small
 * non-negative integers, or lie far beyond the entries so far, go to a Map; either way the last
 * value set for an id is the one found.
 */
export class ConnIdTable<V> {
  private readonly dense: Array<V | undefined> = []
  private readonly sparse = new Map<number, V>()
  private entries = 0

  get(id: number): V | undefined {
    const v = id >= 0 && id < this.dense.length ? this.dense[id] : undefined
    return v !== undefined ? v : this.sparse.size > 0 ? this.sparse.get(id) : undefined
  }

  set(id: number, value: V): void {
    this.entries++
    // The array grows to at most a few times the number of entries (plus a small floor).
    if (Number.isInteger(id) && id >= 0 && id < Math.max(4096, 4 * this.entries)) {
      while (this.dense.length <= id) this.dense.push(undefined)
      this.dense[id] = value
      this.sparse.delete(id)
    } else {
      this.sparse.set(id, value)
    }
  }
}

/** An IPsec SA with its flow and the flow's first inbound SA of the same protocol. */
export interface SaLink {
  sa: IpsecSa
  flow: IpsecFlow | undefined
  inbound: IpsecSa | undefined
}

const NO_DROPS = Object.freeze([]) as unknown as DroppedPackets[]
/** dropCount() on a device without dropped-packet output (shared, never mutated). */
const NO_DROP_COUNT: {count: number | null; rows: DroppedPackets[]} = Object.freeze({count: null, rows: NO_DROPS})

export class DeviceIndex {
  readonly facts: DeviceFacts
  readonly ikeByPeer = new Map<string, IkeSa[]>()
  readonly flowsByPeer = new Map<string, IpsecFlow[]>()
  readonly flowsById = new Map<string, IpsecFlow>()
  readonly sasByFlow = new Map<string, IpsecSa[]>()
  readonly mapsByName = new Map<string, CryptoMap>()
  readonly entriesByMap = new Map<string, CryptoMapEntry[]>()
  /**
   * First entry of a map naming a peer, by map then peer (a hub map has one entry per peer). Nested
   * maps look up the strings the facts already hold instead of building a "map\0peer" key per flow.
   */
  private readonly entryByMapPeer = new Map<string, Map<string, CryptoMapEntry>>()
  readonly hasIke: boolean
  readonly hasFlows: boolean
  readonly hasDrops: boolean

  private saByConnIdTable?: ConnIdTable<IpsecSa>
  private engineByConnIdTable?: ConnIdTable<EngineConnection>
  private dropsByInterfaceTable?: Map<string, DroppedPackets[]>
  private dropsByAddressTable?: Map<string, DroppedPackets[]>
  private mapsByInterfaceTable?: Map<string, string[]>
  private interfacesByPeerTable?: Map<string, Set<string>>
  private peersByInterfaceTable?: Map<string, Set<string>>
  private certsBySubjectTable?: Map<string, Certificate[]>
  private saLinkTable?: ConnIdTable<SaLink>

  constructor(facts: DeviceFacts) {
    this.facts = facts
    for (const sa of facts.ikeSa ?? []) push(this.ikeByPeer, sa.remoteAddress, sa)
    for (const flow of facts.ipsecFlow ?? []) {
      push(this.flowsByPeer, flow.remoteAddress, flow)
      this.flowsById.set(flow.id, flow)
    }
    // a device with one IKE peer whose flows all name no peer (legacy ES-PIC SA blocks print none):
    // the flows are that peer's
    const flows = facts.ipsecFlow ?? []
    if (this.ikeByPeer.size === 1 && flows.length > 0 && flows.every((f) => f.remoteAddress === null)) {
      const [peer] = this.ikeByPeer.keys()
      for (const flow of flows) push(this.flowsByPeer, peer, flow)
    }
    for (const sa of facts.ipsecSa ?? []) push(this.sasByFlow, sa.flowId ?? (sa.name ? `name:${sa.name}` : null), sa)
    for (const m of facts.cryptoMap ?? []) this.mapsByName.set(m.name, m)
    for (const e of facts.cryptoMapEntry ?? []) {
      push(this.entriesByMap, e.map, e)
      let byPeer = this.entryByMapPeer.get(e.map)
      if (!byPeer) this.entryByMapPeer.set(e.map, (byPeer = new Map()))
      for (const p of e.peers) if (!byPeer.has(p)) byPeer.set(p, e)
    }
    this.hasIke = (facts.ikeSa?.length ?? 0) > 0
    this.hasFlows = (facts.ipsecFlow?.length ?? 0) > 0
    this.hasDrops = (facts.droppedPackets?.length ?? 0) > 0
  }

  get saByConnId(): ConnIdTable<IpsecSa> {
    if (!this.saByConnIdTable) {
      this.saByConnIdTable = new ConnIdTable()
      for (const sa of this.facts.ipsecSa ?? []) if (sa.connId !== null) this.saByConnIdTable.set(sa.connId, sa)
    }
    return this.saByConnIdTable
  }

  get engineByConnId(): ConnIdTable<EngineConnection> {
    if (!this.engineByConnIdTable) {
      const table = (this.engineByConnIdTable = new ConnIdTable())
      // IPsec rows carry an interface; IKE rows (no interface) may reuse the same numbers on some trains.
      for (const row of this.facts.engineConnection ?? []) {
        const known = table.get(row.connId)
        if (!known || (known.interface === null && row.interface !== null)) table.set(row.connId, row)
      }
    }
    return this.engineByConnIdTable
  }

  get dropsByInterface(): Map<string, DroppedPackets[]> {
    if (!this.dropsByInterfaceTable) this.indexDrops()
    return this.dropsByInterfaceTable!
  }

  get dropsByAddress(): Map<string, DroppedPackets[]> {
    if (!this.dropsByAddressTable) this.indexDrops()
    return this.dropsByAddressTable!
  }

  private indexDrops(): void {
    this.dropsByInterfaceTable = new Map()
    this.dropsByAddressTable = new Map()
    for (const d of this.facts.droppedPackets ?? []) {
      push(this.dropsByInterfaceTable, d.interface, d)
      push(this.dropsByAddressTable, d.ipAddress, d)
    }
  }

  get mapsByInterface(): Map<string, string[]> {
    if (!this.mapsByInterfaceTable) {
      this.mapsByInterfaceTable = new Map()
      for (const m of this.facts.cryptoMap ?? []) for (const i of m.interfaces) push(this.mapsByInterfaceTable, i, m.name)
    }
    return this.mapsByInterfaceTable
  }

  get certsBySubject(): Map<string, Certificate[]> {
    if (!this.certsBySubjectTable) {
      this.certsBySubjectTable = new Map()
      for (const c of this.facts.certificate ?? []) push(this.certsBySubjectTable, c.subject, c)
    }
    return this.certsBySubjectTable
  }

  /**
   * The SA of each conn id (as saByConnId) with its flow and the flow's first inbound SA of the same
   * protocol, for the engine rows. Built flow by flow, so a flow is looked up by its (long) id once
   * rather than twice per engine row. SAs without flow or name have no link (no flow, no inbound).
   */
  get saLinkByConnId(): ConnIdTable<SaLink> {
    if (!this.saLinkTable) {
      const table = (this.saLinkTable = new ConnIdTable<SaLink>())
      const saByConnId = this.saByConnId
      for (const [key, sas] of this.sasByFlow) {
        // For an SA with a flow id, the key of its group is that id (and the flow's sasOfFlow is the group).
        const groupFlow = this.flowsById.get(key)
        for (const sa of sas) {
          if (sa.connId === null || saByConnId.get(sa.connId) !== sa) continue
          const flow = sa.flowId ? groupFlow : undefined
          const inbound = flow ? sas.find((s) => s.direction === 'inbound' && s.protocol === sa.protocol) : undefined
          table.set(sa.connId, {sa, flow, inbound})
        }
      }
    }
    return this.saLinkTable
  }

  /** Interfaces that lead to a peer: from flows (IOS interface) and from map entries. */
  get interfacesByPeer(): Map<string, Set<string>> {
    if (!this.interfacesByPeerTable) this.linkPeersAndInterfaces()
    return this.interfacesByPeerTable!
  }

  get peersByInterface(): Map<string, Set<string>> {
    if (!this.peersByInterfaceTable) this.linkPeersAndInterfaces()
    return this.peersByInterfaceTable!
  }

  private linkPeersAndInterfaces(): void {
    const byPeer = (this.interfacesByPeerTable = new Map<string, Set<string>>())
    const byInterface = (this.peersByInterfaceTable = new Map<string, Set<string>>())
    const link = (peer: string, iface: string) => {
      const a = byPeer.get(peer) ?? new Set<string>()
      a.add(iface)
      byPeer.set(peer, a)
      const b = byInterface.get(iface) ?? new Set<string>()
      b.add(peer)
      byInterface.set(iface, b)
    }
    for (const flow of this.facts.ipsecFlow ?? []) if (flow.interface && flow.remoteAddress) link(flow.remoteAddress, flow.interface)
    for (const e of this.facts.cryptoMapEntry ?? []) {
      const interfaces = e.interfaces.length > 0 ? e.interfaces : (this.mapsByName.get(e.map)?.interfaces ?? [])
      for (const p of e.peers) for (const i of interfaces) link(p, i)
    }
  }

  /** The crypto map entry of a flow: its map's entry that names its peer. */
  entryOfFlow(flow: IpsecFlow): CryptoMapEntry | undefined {
    if (!flow.cryptoMap || !flow.remoteAddress) return undefined
    return this.entryByMapPeer.get(flow.cryptoMap)?.get(flow.remoteAddress)
  }

  /** SAs of a flow: by flow id, else by the Junos SA name. */
  sasOfFlow(flow: IpsecFlow): IpsecSa[] {
    return this.sasByFlow.get(flow.id) ?? (flow.name ? (this.sasByFlow.get(`name:${flow.name}`) ?? []) : [])
  }

  /** Drop rows of an interface (by name, or by the address printed with it). */
  dropsOn(iface: string | null | undefined, address?: string | null): DroppedPackets[] {
    if (!this.hasDrops) return NO_DROPS
    const rows = iface ? (this.dropsByInterface.get(iface) ?? []) : []
    if (rows.length > 0 || !address) return rows
    return this.dropsByAddress.get(address) ?? []
  }

  /** Total drop count over interfaces; null when the device capture has no dropped-packet output. */
  dropCount(interfaces: Iterable<string>): {count: number | null; rows: DroppedPackets[]} {
    if (!this.hasDrops) return NO_DROP_COUNT
    const rows: DroppedPackets[] = []
    for (const i of interfaces) rows.push(...this.dropsOn(i))
    return {count: rows.reduce((s, r) => s + r.dropCount, 0), rows}
  }

  ikeEstablished(peer: string | null): boolean | null {
    if (!this.hasIke) return null
    if (!peer) return null
    const rows = this.ikeByPeer.get(peer)
    if (rows) for (const sa of rows) if (sa.state === 'established' && !sa.deleted) return true
    return false
  }
}
