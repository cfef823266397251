/** IKE (phase 1) entities: one SA per row/peer block, and per-peer IKE statistics with DPD counters. */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableStr} from './common.js'

/**
 * Small vendor-neutral state vocabulary. The vendor state stays in `stateRaw`; docs/state-mapping.md
 * lists every vendor value and where it lands.
 */
export const IkeState = z
  .enum(['established', 'negotiating', 'failed', 'deleting', 'down', 'unknown'])
  .describe('Normalized IKE SA state')
export type IkeState = z.infer<typeof IkeState>

export const Phase2Negotiation = z.object({
  messageId: nullableStr().describe('Junos "Message ID" of the quick-mode negotiation'),
  role: z.enum(['initiator', 'responder']).nullable(),
  localAddress: nullableStr(),
  localPort: nullableInt(),
  remoteAddress: nullableStr(),
  remotePort: nullableInt(),
  localIdentity: nullableStr().describe('Identity as printed, e.g. ipv4_subnet(tcp:80,[0..7]=10.1.1.0/24)'),
  remoteIdentity: nullableStr(),
  flags: z.array(z.string()).describe('Flags, lower-cased, e.g. "waiting for done"'),
  line: z.number().int().describe('Line of the "Negotiation type" header'),
})
export type Phase2Negotiation = z.infer<typeof Phase2Negotiation>

export const IkeSa = z
  .object({
    kind: z.literal('ikeSa'),
    ...factBase,
    version: z.union([z.literal(1), z.literal(2)]).nullable().describe('IKE version when known'),
    localAddress: nullableStr(),
    localPort: nullableInt(),
    remoteAddress: nullableStr().describe('The peer address'),
    remotePort: nullableInt(),
    state: IkeState,
    stateRaw: nullableStr().describe('State exactly as printed: MM_NO_STATE, QM_IDLE, Matured, READY, UP ...'),
    mode: z.enum(['main', 'aggressive', 'ikev2']).nullable().describe('Exchange mode'),
    role: z.enum(['initiator', 'responder']).nullable(),
    connId: nullableInt().describe('IOS conn-id / ASA/IOS-XE session id / SRX index'),
    deleted: z.boolean().describe('IOS "ACTIVE (deleted)" / status DELETED / conn-id 0: a leftover of a failed or replaced SA'),
    statusRaw: nullableStr().describe('IOS status column as printed'),
    initiatorCookie: nullableStr(),
    responderCookie: nullableStr(),
    lifetimeRemainingSec: nullableInt().describe('Seconds until the IKE SA expires'),
    lifetimeSec: nullableInt().describe('Configured/negotiated lifetime in seconds'),
    encryption: nullableStr().describe('Normalized cipher, e.g. des, 3des, aes-128-cbc, aes-256-gcm'),
    integrity: nullableStr().describe('Normalized hash, e.g. md5, sha1, sha256'),
    prf: nullableStr(),
    dhGroup: nullableInt(),
    authMethod: nullableStr().describe('pre-shared-keys, rsa-signatures, ...'),
    flags: z.array(z.string()).describe('Flags/notifications, lower-cased'),
    ipsecSasCreated: nullableInt(),
    ipsecSasDeleted: nullableInt(),
    phase2InProgress: nullableInt(),
    phase2Negotiations: z.array(Phase2Negotiation),
    inBytes: nullableInt(),
    outBytes: nullableInt(),
    inPackets: nullableInt(),
    outPackets: nullableInt(),
    natT: nullableBool().describe('NAT traversal in use (port 4500 or a NAT-T flag)'),
    dpdEnabled: nullableBool(),
    node: nullableStr().describe('Chassis-cluster node (node0/node1) when the output was split per node'),
  })
  .describe('IKE / ISAKMP security association (phase 1)')
export type IkeSa = z.infer<typeof IkeSa>

export const DpdStats = z
  .object({
    requestsReceived: nullableInt().describe('R-U-THERE notifications received'),
    requestsSent: nullableInt().describe('R-U-THERE notifications sent'),
    acksReceived: nullableInt().describe('R-U-THERE-ACK notifications received'),
    acksSent: nullableInt().describe('R-U-THERE-ACK notifications sent'),
    acksMissed: nullableInt().describe('R-U-THERE-ACK notifications missed'),
    worstAckDelayMs: nullableInt().describe('Worst case R-U-THERE-ACK delay in milliseconds'),
  })
  .describe('Dead peer detection statistics of one IKE peer')
export type DpdStats = z.infer<typeof DpdStats>

export const IkeStats = z
  .object({
    kind: z.literal('ikeStats'),
    ...factBase,
    remoteAddress: nullableStr(),
    localAddress: nullableStr(),
    initiatorCookie: nullableStr(),
    responderCookie: nullableStr(),
    ipsecSasCreated: nullableInt(),
    ipsecSasDeleted: nullableInt(),
    rekeys: nullableInt().describe('IPsec tunnel rekeys'),
    inBytes: nullableInt(),
    outBytes: nullableInt(),
    inPackets: nullableInt(),
    outPackets: nullableInt(),
    deletesReceived: nullableInt().describe('Delete IPsec SA payloads received'),
    deletesSent: nullableInt().describe('Delete IPsec SA payloads sent'),
    dpd: DpdStats.nullable(),
    invalidSpiReceived: nullableInt().describe('Invalid SPI notifications received'),
    invalidSpiSent: nullableInt().describe('Invalid SPI notifications sent'),
    counters: z.record(z.string(), z.number()).describe('Any further counters, by vendor label'),
  })
  .describe('IKE statistics of one peer (Junos services/security ike statistics), including DPD')
export type IkeStats = z.infer<typeof IkeStats>
