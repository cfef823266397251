/**
 * The `configPair` entity: the configuration of one tunnel read on both of its ends (two captured
 * devices), with the comparisons the config-pair- rules read. Verdicts are plain booleans (unknown
 * is false, so rules stay silent when one side lacks the configuration); details beside them say
 * which attribute differs and both values. Imports only the model (kinds.ts registers it).
 */
import {z} from 'zod'
import {factBase, Vendor} from '../../model/index.js'

export const ConfigPair = z
  .object({
    kind: z.literal('configPair'),
    ...factBase,
    entityLabel: z.string().describe('"R1 crypto map VPN 10 <-> srx1 vpn VPN-R1"'),
    deviceA: z.string(),
    deviceB: z.string(),
    vendorA: Vendor,
    vendorB: Vendor,
    tunnelA: z.string().describe('What configures the tunnel on A: "crypto map VPN 10", "vpn VPN-R1", "interface Tunnel0"'),
    tunnelB: z.string(),
    matchedBy: z.enum(['addresses', 'peer', 'only-tunnels']).describe('How the two ends were paired: both addresses, one peer address, or the only configured tunnel of each device'),
    ikeNoCommon: z.boolean().describe('No phase 1 proposal of A is acceptable to B'),
    ikeDiffs: z.array(z.string()).describe('"encryption: R1 aes-256, srx1 3des" for the closest proposals'),
    ipsecNoCommon: z.boolean(),
    ipsecDiffs: z.array(z.string()),
    pfsMismatch: z.boolean().describe('PFS on one side only, or different PFS groups'),
    pfsDetail: z.string().nullable(),
    selectorsNotMirrored: z.boolean(),
    selectorsA: z.array(z.string()).describe('"10.1.0.0/16 -> 10.2.0.0/16"'),
    selectorsB: z.array(z.string()),
    routeVsPolicy: z.boolean().describe('A route-based end (any/any) against a policy-based end with specific selectors, and no proxy ids on the route-based end'),
    routeBasedDevice: z.string().nullable(),
    peerMismatch: z.boolean().describe('A peer address that is not the other end\'s local address'),
    peerDetail: z.string().nullable(),
    dpdOneSide: z.boolean(),
    dpdDevice: z.string().nullable().describe('The side with DPD'),
    lifetimeMismatch: z.boolean(),
    lifetimeDetail: z.string().nullable(),
    versionMismatch: z.boolean(),
    versionDetail: z.string().nullable(),
    identityMismatch: z.boolean(),
    identityDetail: z.string().nullable(),
    phase1Stuck: z.boolean().describe('A side also holds an IKE SA toward the other stuck in negotiation (state captured next to the configuration)'),
    stuckState: z.string().nullable(),
  })
  .describe('One tunnel configured on both ends, compared')
export type ConfigPair = z.infer<typeof ConfigPair>

export const CONFIG_PAIR_DERIVED: Record<string, string> = {
  peer: 'Address of the other end, seen from the focus device',
  otherPeer: 'Address of the focus device, seen from the other end (its peer address)',
  ikeEvidence: 'Phase 1 proposals of both sides',
  ipsecEvidence: 'Phase 2 proposals of both sides',
  pfsEvidence: 'PFS settings of both sides',
  selectorEvidence: 'Crypto ACL entries / proxy ids / traffic selectors of both sides',
  peerEvidence: 'Peer and local addresses of both sides',
  dpdEvidence: 'DPD settings of both sides',
  lifetimeEvidence: 'Phase 2 lifetimes of both sides',
  versionEvidence: 'IKE versions of both sides',
  identityEvidence: 'IKE identities of both sides',
  stuckEvidence: 'The IKE SA stuck in negotiation',
  proxyIdSubject: 'For the message of pair-proxy-id-mismatch: "Selectors of <entityLabel>"',
  proxyIdDetail: 'For the message of pair-proxy-id-mismatch: "not mirror images: <deviceA> <selectorsA>, <deviceB> <selectorsB>"',
  proposalSubject: 'For the message of ike-proposal-mismatch: "of <deviceA> (<tunnelA>) and <deviceB> (<tunnelB>)"',
  proposalDetail: 'For the message of ike-proposal-mismatch: "none of <deviceA>\'s is accepted by <deviceB>: <ikeDiffs>"',
  transformEvidence: 'What pair-transform-mismatch cites: the phase 2 proposals of both sides when they share nothing, the PFS settings of both sides when PFS differs',
  phase2Mismatch: 'For the message of pair-transform-mismatch: "No phase 2 proposal of R1 (crypto map VPN 10) matches srx1 (vpn VPN-R1): ..." or "PFS differs between the ends of ...: R1 PFS group14, srx1 no PFS"',
  lifetimeDiffers: 'For the message of pair-lifetime-mismatch: "Phase 2 lifetimes differ on R1 crypto map VPN 10 <-> srx1 vpn VPN-R1: R1 3600 s, srx1 28800 s"',
}

export const CONFIG_PAIR_KINDS = [{kind: 'configPair', schema: ConfigPair, derivedFields: CONFIG_PAIR_DERIVED}]
