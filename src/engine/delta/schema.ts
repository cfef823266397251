/**
 * Entities of two captures of one device (t1 = before, t2 = after): per IPsec flow (`flowDelta`),
 * per IKE peer (`peerDelta`, IKE SA rows and IKE statistics), per interface drop row (`dropDelta`)
 * and per redundancy entry (`redundancyDelta`). Counter deltas follow `delta-counter-reset`: a
 * counter lower at t2, or a changed SPI / IKE cookie, means the counters restarted, so the t2 value
 * is the change and `counterReset` is true. Imports only the model (kinds.ts registers these).
 */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableNum, nullableStr} from '../../model/index.js'
import type {ExtraEntityKind} from '../pair/schema.js'

const timing = {
  entityLabel: z.string(),
  intervalSec: nullableInt().describe('t2 - t1 in seconds (null when a capture has no time)'),
  intervalText: z.string().describe('"over 300 s", or "between the two captures (interval unknown)"'),
  timeBefore: nullableStr(),
  timeAfter: nullableStr(),
  fileBefore: z.string(),
  fileAfter: z.string(),
  counterReset: z.boolean().describe('A counter went down, or the SPI / IKE SA changed: deltas are the t2 values'),
  resetNote: nullableStr().describe('"counter reset between captures (...)" when counterReset'),
}

export const FlowDelta = z
  .object({
    kind: z.literal('flowDelta'),
    ...factBase,
    ...timing,
    remoteAddress: nullableStr(),
    name: nullableStr().describe('Junos SA name'),
    proxy: z.string().describe('"local -> remote" proxy ids'),
    state1: z.string(),
    state2: z.string().describe('up / down / unknown, or gone when the flow is no longer printed'),
    hasSas1: z.boolean(),
    hasSas2: z.boolean(),
    encaps1: nullableInt(),
    encaps2: nullableInt(),
    decaps1: nullableInt(),
    decaps2: nullableInt(),
    dEncaps: nullableInt(),
    dDecaps: nullableInt(),
    dSendErrors: nullableInt().describe('Δ(#send errors + #pkts compr. failed)'),
    dRecvErrors: nullableInt().describe('Δ(#recv errors + #pkts decompress failed)'),
    sendErrorRate: nullableNum().describe('dSendErrors / dEncaps (1 when dEncaps is 0)'),
    recvErrorRate: nullableNum(),
    spi1: nullableStr().describe('Current outbound SPI at t1 (hex)'),
    spi2: nullableStr(),
    spiChanged: z.boolean(),
    ikeEstablishedBoth: nullableBool().describe('The peer IKE SA is established at t1 and t2'),
    dDrops: nullableInt().describe('Δ engine Drop Count on the flow interface'),
    rekeyDue1: z.boolean().describe('At t1 the SA was about to rekey (soft lifetime expired / IOS few seconds left)'),
    rekeyNotCompleted: z.boolean(),
    rekeyDetail: nullableStr(),
  })
  .describe('One IPsec flow at two capture times')
export type FlowDelta = z.infer<typeof FlowDelta>

export const PeerDelta = z
  .object({
    kind: z.literal('peerDelta'),
    ...factBase,
    ...timing,
    remoteAddress: z.string(),
    localAddress: nullableStr(),
    state1: z.string().describe('Best IKE state at t1 (missing = no IKE SA)'),
    state2: z.string(),
    stateRaw1: nullableStr(),
    stateRaw2: nullableStr(),
    stuckBoth: z.boolean().describe('Not established at t1 nor at t2, and still negotiating at t2'),
    newConnIds: z.number().int().describe('IKE SA conn-ids at t2 that t1 did not have'),
    newDeletedRows: z.number().int(),
    phase2Stuck: z.boolean(),
    phase2Detail: nullableStr(),
    dInPackets: nullableInt().describe('Δ IKE input packets'),
    dOutPackets: nullableInt(),
    dAcksMissed: nullableInt().describe('Δ R-U-THERE-ACK notifications missed'),
    acksMissed2: nullableInt(),
    dInvalidSpi: nullableInt().describe('Δ invalid SPI notifications received + sent'),
    dDeletesReceived: nullableInt(),
    dDeletesSent: nullableInt(),
    dRekeys: nullableInt(),
    dSasCreated: nullableInt(),
    rekeysPer600s: nullableNum().describe('Rekeys per 600 s per SA (Junos rekey counter, or IOS kB rate against the lifetime)'),
    rekeyBasis: nullableStr(),
  })
  .describe('One IKE peer at two capture times')
export type PeerDelta = z.infer<typeof PeerDelta>

export const DropDelta = z
  .object({
    kind: z.literal('dropDelta'),
    ...factBase,
    ...timing,
    interface: nullableStr(),
    drops1: z.number().int(),
    drops2: z.number().int(),
    dDrops: z.number().int(),
    stuckPeers: z.array(z.string()).describe('Peers over this interface whose IKE SA is stuck at both times'),
  })
  .describe('Crypto engine dropped packets of one interface at two capture times')
export type DropDelta = z.infer<typeof DropDelta>

export const RedundancyDelta = z
  .object({
    kind: z.literal('redundancyDelta'),
    ...factBase,
    ...timing,
    name: nullableStr(),
    failures1: nullableInt(),
    failures2: nullableInt(),
    dFailures: nullableInt(),
    primaryState2: nullableStr(),
    backupState2: nullableStr(),
  })
  .describe('Junos IPsec redundancy at two capture times')
export type RedundancyDelta = z.infer<typeof RedundancyDelta>

const DELTA_DERIVED: Record<string, string> = {
  peer: 'Peer address the entity belongs to',
  beforeEvidence: 'Lines of the first capture (t1)',
  afterEvidence: 'Lines of the second capture (t2)',
}

const PEER_DELTA_DERIVED: Record<string, string> = {
  ...DELTA_DERIVED,
  stateEvidence: 'IKE SA rows of the peer at t1 and t2',
  dpdEvidence: 'DPD counters at t1 and t2',
  invalidSpiEvidence: 'Invalid SPI notification counters at t1 and t2',
  deletesEvidence: 'Delete payload counters at t1 and t2',
  rekeyEvidence: 'Rekey and SA created/deleted counters at t1 and t2',
  ikePacketEvidence: 'IKE input/output packet counters at t1 and t2',
  phase2Evidence: 'Quick-mode negotiations in progress at both times',
}

export const DELTA_ENTITY_KINDS: ExtraEntityKind[] = [
  {
    kind: 'flowDelta',
    schema: FlowDelta,
    derivedFields: {
      ...DELTA_DERIVED,
      trafficEvidence: 'encaps / decaps / outbound SPI at t1 and t2',
      errorEvidence: 'Error counters with the packet counters at t1 and t2',
      rekeyEvidence: 'Outbound SPI and SA lifetimes at t1 and t2',
    },
  },
  {kind: 'peerDelta', schema: PeerDelta, derivedFields: PEER_DELTA_DERIVED},
  {kind: 'dropDelta', schema: DropDelta, derivedFields: DELTA_DERIVED},
  {kind: 'redundancyDelta', schema: RedundancyDelta, derivedFields: DELTA_DERIVED},
]
