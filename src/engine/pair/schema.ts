/**
 * The `tunnelPair` entity: one tunnel seen from both of its ends (two captured devices), with the
 * comparisons the pair- rules read. Side A is the device whose name sorts first. Verdict fields
 * (spiMismatch, proxyMismatch ...) are plain booleans so that "unknown" is false and rules stay
 * silent when one side lacks the output; the detail fields beside them are null when unknown.
 * This module imports only the model, so kinds.ts can register it without an import cycle.
 */
import {z} from 'zod'
import {factBase, IkeState, nullableBool, nullableInt, nullableStr, Vendor} from '../../model/index.js'

const PairIkeState = z.union([IkeState, z.literal('missing')]).nullable().describe('Best IKE state of the side toward the other; missing = no IKE SA; null = no IKE output captured')

export const TunnelPair = z
  .object({
    kind: z.literal('tunnelPair'),
    ...factBase,
    entityLabel: z.string().describe('Human label: "tunnel R1 (192.0.2.1) <-> srx1 (198.51.100.2)"'),
    deviceA: z.string(),
    deviceB: z.string(),
    vendorA: Vendor,
    vendorB: Vendor,
    addressA: nullableStr().describe('Local crypto endpoint of side A'),
    addressB: nullableStr().describe('Local crypto endpoint of side B'),
    matchedBy: z.enum(['endpoints', 'cookies', 'spis', 'proxy-ids', 'log', 'none']).describe('How the two ends were found to belong together (log = the responder\'s log names the initiator\'s address; none = one side only)'),
    focusDevice: z.string().describe('The device the findings are reported on (stale or stuck side, else A)'),
    otherDevice: z.string(),
    // presence
    unmatched: z.boolean().describe('The tunnel is configured or seen on one side only'),
    presentDevice: nullableStr(),
    missingDevice: nullableStr().describe('Captured peer device that has no trace of the tunnel'),
    presentAs: nullableStr().describe('What the present side holds: IKE SA, IPsec SAs, crypto map entry ...'),
    // phase 1
    ikeStateA: PairIkeState,
    ikeStateB: PairIkeState,
    ikeStateRawA: nullableStr(),
    ikeStateRawB: nullableStr(),
    oneSideStuck: z.boolean().describe('One side negotiating (or down) while the other is established or holds nothing'),
    stuckDevice: nullableStr(),
    stuckState: nullableStr(),
    stuckPeerDevice: nullableStr().describe('The other end of the stuck device'),
    otherSideState: nullableStr().describe('What the other end holds: "an established IKE SA" or "no IKE SA for it"'),
    stuckPointsAt: z.enum(['path', 'policy', 'path-or-policy', 'authentication', 'stale-sa']).nullable(),
    stuckReason: nullableStr(),
    // phase 2 selectors
    flowsA: nullableInt().describe('IPsec flows of A toward B (null without IPsec SA output)'),
    flowsB: nullableInt(),
    proxyMismatch: z.boolean(),
    proxyMirrorOk: nullableBool(),
    unmirroredA: z.array(z.string()).describe('Proxy ids of A with no mirror on B ("local -> remote")'),
    unmirroredB: z.array(z.string()),
    routeBasedMix: z.boolean().describe('One end 0.0.0.0/0 (route-based), the other specific subnets'),
    // SPIs
    spiMismatch: z.boolean(),
    spiMirrorOk: nullableBool(),
    staleDevice: nullableStr().describe('Side whose SAs the other side does not know (both names when both)'),
    spiDetail: nullableStr(),
    outboundSpisA: z.array(z.string()),
    inboundSpisA: z.array(z.string()),
    outboundSpisB: z.array(z.string()),
    inboundSpisB: z.array(z.string()),
    // transforms
    transformMismatch: z.boolean(),
    transformDiffs: z.array(z.string()).describe('"encryption: R1 aes-128-cbc, srx1 3des" ...'),
    pfsA: nullableBool(),
    pfsB: nullableBool(),
    dhGroupA: nullableInt(),
    dhGroupB: nullableInt(),
    // lifetimes
    lifetimeMismatch: z.boolean(),
    lifetimeA: nullableStr().describe('"4608000 kB / 3600 s" from the crypto map entry'),
    lifetimeB: nullableStr(),
    lifetimeShorterDevice: nullableStr(),
    // counters
    encapsA: nullableInt(),
    decapsA: nullableInt(),
    encapsB: nullableInt(),
    decapsB: nullableInt(),
    trafficIssue: z.enum(['lost-in-transit', 'no-reply', 'partial-loss']).nullable().describe('partial-loss only from same-interval deltas (--before on both ends)'),
    trafficFrom: nullableStr().describe('Device whose encapsulated packets do not arrive / are not answered'),
    trafficTo: nullableStr(),
    trafficSent: nullableInt(),
    trafficReceived: nullableInt(),
    trafficDetail: nullableStr(),
    // log reason joined to the silence of the other end (log-reason.ts)
    logReasonJoined: z.boolean().describe('One end only sees silence (stuck phase 1, no answer, no IPsec SA) and the other end\'s log names why'),
    logReason: z.string().nullable().describe('Event the responder logged: proposal-mismatch, psk-mismatch, psk-missing, tunnel-group-missing, id-mismatch, proxy-id-mismatch, ts-mismatch ...'),
    logReasonPhase: nullableInt().describe('Phase the logged reason stops (1 or 2)'),
    logReasonDevice: nullableStr().describe('The device whose log names the reason (the responder)'),
    logReasonDetail: nullableStr().describe('What the line names: the attribute with both values, the proxies, the reason'),
    silentDevice: nullableStr().describe('The device that only sees silence (the initiator)'),
    silentSign: nullableStr().describe('How the silence shows: its IKE state (MM_NO_STATE, MM_WAIT_MSG2), "no answer (...)", "phase 1 up (QM_IDLE), no IPsec SA"'),
    // capture timing
    captureGapSec: nullableInt().describe('Seconds between the two capture times (null when either lacks one)'),
    capturesClose: z.boolean().describe('Captures at most pairMaxGapSec apart, or times unknown'),
  })
  .describe('One tunnel seen from both ends')
export type TunnelPair = z.infer<typeof TunnelPair>

export const TUNNEL_PAIR_DERIVED: Record<string, string> = {
  peer: 'Address of the other end, seen from the focus device',
  presenceEvidence: 'Lines that show the tunnel on the present side',
  ikeEvidence: 'IKE SA rows of both sides',
  proxyEvidence: 'Proxy identities / traffic selectors of both sides',
  spiEvidence: 'SPIs of both sides',
  transformEvidence: 'Transforms, PFS and DH groups of both sides',
  lifetimeEvidence: 'Configured SA lifetimes of both sides',
  phase2Mismatch: 'For the message of pair-transform-mismatch: "tunnel R1 (192.0.2.1) <-> srx1 (198.51.100.2): phase 2 parameters differ, encryption: R1 3des, srx1 aes-128-cbc"',
  lifetimeDiffers: 'For the message of pair-lifetime-mismatch: "tunnel ...: SA lifetimes differ (R1 4608000 kB / 3600 s, srx1 4608000 kB / 28800 s); R1 always rekeys first"',
  trafficEvidence: 'Encaps / decaps counters of both sides',
  proxyIdSubject: 'For the message of pair-proxy-id-mismatch: the pair label',
  proxyIdDetail: 'For the message of pair-proxy-id-mismatch: "proxy ids do not mirror; without a mirror on <deviceB>: <unmirroredA>; without a mirror on <deviceA>: <unmirroredB>"',
  logReasonEvidence: 'How the silent side shows its silence (IKE state row, its own no-answer log lines); the responder\'s log lines join the evidence with the cause they name',
}

export interface ExtraEntityKind {
  kind: string
  schema: z.ZodType
  derivedFields: Record<string, string>
}

export const PAIR_ENTITY_KINDS: ExtraEntityKind[] = [{kind: 'tunnelPair', schema: TunnelPair, derivedFields: TUNNEL_PAIR_DERIVED}]

export {PAIR_LIMITS} from './limits.js'
