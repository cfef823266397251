/** The union of all normalized facts and the per-kind collections of the parse document. */
import {z} from 'zod'
import {FACT_KINDS, emptyFacts} from './constants.js'
import {IkeSa, IkeStats} from './ike.js'
import {IpsecFlow, IpsecSa} from './ipsec.js'
import {IpsecStats} from './stats.js'
import {CryptoSession} from './session.js'
import {CaptureTime, Certificate, ClusterStatus, CryptoMap, CryptoMapEntry, DeviceInfo, DroppedPackets, EngineConnection, Redundancy} from './platform.js'
import {LogEvent} from './log.js'
import {IkeActivePeer, StatusCounter, TrustpointStatus, VpnSession} from './status.js'
import {InterfaceStatus, Route} from './network.js'
import {NatTranslation} from './nat.js'
import {AccessList, IkeGateway, IkePolicy, IkeProposal, IpsecPolicy, IpsecProposal, NatRule, NetObject, VpnTunnel} from './config.js'

/** One schema per fact kind. Adding a kind here adds it to the union, the document and the JSON Schema. */
export const FACT_SCHEMAS = {
  ikeSa: IkeSa,
  ikeStats: IkeStats,
  ipsecFlow: IpsecFlow,
  ipsecSa: IpsecSa,
  ipsecStats: IpsecStats,
  engineConnection: EngineConnection,
  droppedPackets: DroppedPackets,
  cryptoMap: CryptoMap,
  cryptoMapEntry: CryptoMapEntry,
  certificate: Certificate,
  redundancy: Redundancy,
  captureTime: CaptureTime,
  cryptoSession: CryptoSession,
  logEvent: LogEvent,
  vpnSession: VpnSession,
  statusCounter: StatusCounter,
  trustpointStatus: TrustpointStatus,
  ikeActivePeer: IkeActivePeer,
  ikeProposal: IkeProposal, ipsecProposal: IpsecProposal, ikePolicy: IkePolicy, ikeGateway: IkeGateway, ipsecPolicy: IpsecPolicy, vpnTunnel: VpnTunnel, accessList: AccessList, natRule: NatRule, netObject: NetObject,
  deviceInfo: DeviceInfo,
  clusterStatus: ClusterStatus,
  interfaceStatus: InterfaceStatus,
  route: Route,
  natTranslation: NatTranslation,
} as const

export type FactKind = keyof typeof FACT_SCHEMAS
export {FACT_KINDS}

export const Fact = z.discriminatedUnion('kind', [
  IkeSa,
  IkeStats,
  IpsecFlow,
  IpsecSa,
  IpsecStats,
  EngineConnection,
  DroppedPackets,
  CryptoMap,
  CryptoMapEntry,
  Certificate,
  Redundancy,
  CaptureTime,
  CryptoSession,
  LogEvent,
  VpnSession,
  StatusCounter,
  TrustpointStatus,
  IkeActivePeer,
  IkeProposal, IpsecProposal, IkePolicy, IkeGateway, IpsecPolicy, VpnTunnel, AccessList, NatRule, NetObject,
  DeviceInfo,
  ClusterStatus,
  InterfaceStatus,
  Route,
  NatTranslation,
])
export type Fact = z.infer<typeof Fact>
export type FactOf<K extends FactKind> = z.infer<(typeof FACT_SCHEMAS)[K]>

export const FactsByKind = z.object(
  Object.fromEntries(FACT_KINDS.map((k) => [k, z.array(FACT_SCHEMAS[k])])) as {
    [K in FactKind]: z.ZodArray<(typeof FACT_SCHEMAS)[K]>
  },
)
export type FactsByKind = {[K in FactKind]: FactOf<K>[]}

export {emptyFacts}
