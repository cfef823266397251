/** IOS-XE crypto sessions (`show crypto session [detail]`): one per interface + peer, with its IKE SAs and flows. */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableStr} from './common.js'
import {IkeState} from './ike.js'
import {TrafficSelector} from './ipsec.js'

export const SessionStatus = z
  .enum(['up', 'negotiating', 'down', 'unknown'])
  .describe('Normalized session status: UP-ACTIVE/UP-IDLE/UP-NO-IKE = up, DOWN-NEGOTIATING = negotiating, DOWN = down')
export type SessionStatus = z.infer<typeof SessionStatus>

export const SessionIkeSa = z
  .object({
    version: z.union([z.literal(1), z.literal(2)]).nullable().describe('1 for "IKEv1 SA" / "IKE SA", 2 for "IKEv2 SA"'),
    localAddress: nullableStr(),
    localPort: nullableInt(),
    remoteAddress: nullableStr(),
    remotePort: nullableInt(),
    active: z.boolean().describe('Printed "Active" (false for "Inactive")'),
    stateRaw: z.string().describe('Active / Inactive as printed'),
    capabilities: nullableStr().describe('Detail "Capabilities:" codes, e.g. "D" or "(none)"'),
    connId: nullableInt(),
    lifetimeRemainingSec: nullableInt().describe('Detail "lifetime:23:47:45" in seconds'),
    line: z.number().int(),
  })
  .describe('One "IKEv1 SA:" / "IKEv2 SA:" line of a crypto session')
export type SessionIkeSa = z.infer<typeof SessionIkeSa>

export const SessionFlow = z
  .object({
    selector: z.string().describe('Flow text after "IPSEC FLOW:", e.g. "permit 47 host 10.1.1.1 host 10.2.2.2"'),
    action: nullableStr().describe('permit / deny'),
    protocol: nullableInt().describe('IP protocol number, 0 = ip'),
    localIdent: TrafficSelector.nullable(),
    remoteIdent: TrafficSelector.nullable(),
    activeSas: nullableInt().describe('"Active SAs:" count (inbound + outbound)'),
    origin: nullableStr().describe('"origin:" as printed, e.g. "crypto map"'),
    decrypted: nullableInt().describe('Detail "#pkts dec\'ed"'),
    encrypted: nullableInt().describe('Detail "#pkts enc\'ed"'),
    inDrops: nullableInt(),
    outDrops: nullableInt(),
    inLifetimeKb: nullableInt(),
    inLifetimeSec: nullableInt(),
    outLifetimeKb: nullableInt(),
    outLifetimeSec: nullableInt(),
    line: z.number().int().describe('Line of the "IPSEC FLOW:" header'),
  })
  .describe('One "IPSEC FLOW:" entry of a crypto session')
export type SessionFlow = z.infer<typeof SessionFlow>

export const CryptoSession = z
  .object({
    kind: z.literal('cryptoSession'),
    ...factBase,
    interface: nullableStr(),
    profile: nullableStr().describe('IKE/IKEv2 profile'),
    uptime: nullableStr().describe('Detail "Uptime:" as printed'),
    status: SessionStatus,
    statusRaw: nullableStr().describe('UP-ACTIVE, UP-IDLE, UP-NO-IKE, DOWN-NEGOTIATING, DOWN as printed'),
    remoteAddress: nullableStr().describe('Peer address'),
    remotePort: nullableInt(),
    fvrf: nullableStr(),
    ivrf: nullableStr(),
    phase1Id: nullableStr().describe('Detail "Phase1_id:"'),
    sessionId: nullableInt(),
    ikeState: IkeState.describe('established when an IKE SA is Active; negotiating when the session is DOWN-NEGOTIATING; down otherwise'),
    ikeSas: z.array(SessionIkeSa),
    flows: z.array(SessionFlow),
    activeSas: nullableInt().describe('Sum of the flows\' "Active SAs:"'),
    natT: nullableBool().describe('Peer port 4500'),
  })
  .describe('IOS-XE crypto session (show crypto session [detail])')
export type CryptoSession = z.infer<typeof CryptoSession>
