/**
 * Crypto configuration as evidence: what the device is configured to offer and accept, read from
 * running-config sections, the config-view show commands (`show crypto isakmp policy`, `show crypto
 * ipsec transform-set`, ...) and Junos `show configuration security ike|ipsec` (curly or `display
 * set`). Crypto maps read from configuration reuse the CryptoMap / CryptoMapEntry kinds of
 * platform.ts, so the config- rules that run on `show crypto map` run on them too.
 *
 * Pre-shared keys are never stored: only whether one is set (`pskSet`).
 * Algorithm names are normalized to lower case vendor words ("aes-256", "sha256", "3des");
 * the vendor's own text stays in `raw`.
 */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableStr} from './common.js'

const IkeVersion = z.union([z.literal(1), z.literal(2)])

export const IkeProposal = z
  .object({
    kind: z.literal('ikeProposal'),
    ...factBase,
    name: z.string().describe('IOS/ASA policy priority ("10"), IKEv2 proposal name, Junos proposal name'),
    version: IkeVersion.nullable().describe('IKE version the proposal is for (null: either / unknown)'),
    isDefault: z.boolean().describe('A built-in default suite (IOS default policy, IKEv2 "default" proposal)'),
    encryption: z.array(z.string()).describe('Normalized encryption algorithms, in order of preference'),
    integrity: z.array(z.string()).describe('Normalized integrity (hash) algorithms'),
    prf: z.array(z.string()),
    dhGroups: z.array(z.number().int()),
    authentication: nullableStr().describe('pre-share, rsa-sig, ecdsa-sig, ... (IKEv1 / Junos)'),
    lifetimeSec: nullableInt(),
  })
  .describe('A phase 1 proposal: IOS/ASA isakmp or ikev1/ikev2 policy, IKEv2 proposal, Junos ike proposal')
export type IkeProposal = z.infer<typeof IkeProposal>

export const IpsecProposal = z
  .object({
    kind: z.literal('ipsecProposal'),
    ...factBase,
    name: z.string(),
    protocol: nullableStr().describe('esp / ah'),
    encryption: z.array(z.string()).describe('Normalized ("aes-256", "aes-gcm-256", "3des", "null")'),
    integrity: z.array(z.string()).describe('Normalized ("sha1", "sha256", "md5"); empty for GCM'),
    mode: nullableStr().describe('tunnel / transport'),
    lifetimeSec: nullableInt(),
    lifetimeKb: nullableInt(),
  })
  .describe('A phase 2 proposal: IOS/ASA transform set or IKEv2 ipsec-proposal, Junos ipsec proposal')
export type IpsecProposal = z.infer<typeof IpsecProposal>

export const Identity = z
  .object({
    type: z.string().describe('address, fqdn, user-fqdn (email), dn, key-id, hostname'),
    value: nullableStr(),
  })
  .describe('An IKE identity as configured')
export type Identity = z.infer<typeof Identity>

export const IkePolicy = z
  .object({
    kind: z.literal('ikePolicy'),
    ...factBase,
    name: z.string(),
    proposals: z.array(z.string()).describe('Proposal names (or Junos proposal-set)'),
    mode: nullableStr().describe('main / aggressive (Junos ike policy)'),
    pskSet: nullableBool().describe('A pre-shared key is configured (the key is never kept)'),
    matchLocal: z.array(z.string()).describe('IOS IKEv2 policy "match address local"'),
  })
  .describe('IOS IKEv2 policy (proposals it offers) or Junos ike policy (mode, proposals, PSK)')
export type IkePolicy = z.infer<typeof IkePolicy>

export const IkeGateway = z
  .object({
    kind: z.literal('ikeGateway'),
    ...factBase,
    name: z.string().describe('Junos gateway, IOS IKEv2 profile / keyring peer / isakmp key, ASA tunnel-group'),
    origin: z.enum(['junos-gateway', 'ikev2-profile', 'ikev2-keyring', 'isakmp-key', 'tunnel-group', 'isakmp-profile']).describe('What the configuration calls it'),
    peers: z.array(z.string()).describe('Remote addresses it applies to'),
    ikePolicy: nullableStr(),
    keyring: nullableStr(),
    versions: z.array(IkeVersion).describe('IKE versions allowed (empty: unknown)'),
    pskSet: nullableBool(),
    localIdentity: Identity.nullable(),
    remoteIdentity: Identity.nullable(),
    localAddress: nullableStr(),
    externalInterface: nullableStr(),
    dpd: nullableBool().describe('Dead peer detection configured'),
    dpdInterval: nullableInt(),
    lifetimeSec: nullableInt(),
    natTraversal: nullableBool(),
    trustpoints: z.array(z.string()).optional().describe('IOS-XE IKEv2 profile "pki trustpoint" names, in order (sign/verify stays in raw); absent when none is configured'),
  })
  .describe('Who the device talks IKE to, and how: Junos gateway, IOS IKEv2 profile / keyring, ASA tunnel-group')
export type IkeGateway = z.infer<typeof IkeGateway>

export const IpsecPolicy = z
  .object({
    kind: z.literal('ipsecPolicy'),
    ...factBase,
    name: z.string().describe('Junos ipsec policy, IOS ipsec profile'),
    proposals: z.array(z.string()).describe('Proposal / transform-set names'),
    transforms: z.array(z.string()).describe('Transform contents when printed ("esp-256-aes esp-sha256-hmac")'),
    pfs: nullableBool(),
    pfsGroup: nullableInt(),
    ikeProfile: nullableStr(),
    lifetimeSec: nullableInt(),
    lifetimeKb: nullableInt(),
  })
  .describe('Phase 2 policy: Junos ipsec policy, IOS ipsec profile (tunnel protection)')
export type IpsecPolicy = z.infer<typeof IpsecPolicy>

export const Selector = z.object({
  local: z.string().describe('Prefix, "10.1.0.0/16"; 0.0.0.0/0 for any'),
  remote: z.string(),
  service: nullableStr().describe('Protocol/service when limited ("any" when not)'),
  name: nullableStr().describe('Traffic-selector name'),
})
export type Selector = z.infer<typeof Selector>

export const VpnTunnel = z
  .object({
    kind: z.literal('vpnTunnel'),
    ...factBase,
    name: z.string().describe('Junos vpn name, IOS tunnel interface, MX rule/term'),
    routeBased: z.boolean().describe('Bound to a tunnel interface (st0.x, Tunnel0, VTI) rather than a policy / crypto map'),
    gateway: nullableStr().describe('Junos ike gateway'),
    ipsecPolicy: nullableStr().describe('Junos ipsec-policy / IOS tunnel protection ipsec profile'),
    bindInterface: nullableStr(),
    tunnelSource: nullableStr(),
    tunnelDestination: nullableStr(),
    tunnelAddress: nullableStr(),
    proxyIds: z.array(Selector).describe('proxy-identity (one) or traffic-selectors'),
    establishTunnels: nullableStr().describe('immediately / on-traffic / responder-only'),
    shutdown: nullableBool(),
  })
  .describe('A route-based or Junos VPN: Junos vpn, IOS/IOS-XE tunnel interface with tunnel protection, MX rule term')
export type VpnTunnel = z.infer<typeof VpnTunnel>

export const AclEntry = z.object({
  line: z.number().int().min(1),
  seq: nullableInt(),
  action: z.string().describe('permit / deny'),
  protocol: nullableStr(),
  source: z.string().describe('Prefix ("10.1.1.0/24"), "any", or an object-group name as written'),
  destination: z.string(),
  text: z.string().describe('The entry as printed'),
  hits: nullableInt(),
})
export type AclEntry = z.infer<typeof AclEntry>

export const AccessList = z
  .object({
    kind: z.literal('accessList'),
    ...factBase,
    name: z.string(),
    aclType: nullableStr().describe('extended / standard'),
    entries: z.array(AclEntry),
  })
  .describe('An access list (crypto ACLs, NAT ACLs)')
export type AccessList = z.infer<typeof AccessList>

export const NatRule = z
  .object({
    kind: z.literal('natRule'),
    ...factBase,
    name: z.string().describe('A stable label: "nat (inside,outside) 1" / "ip nat inside source list NAT"'),
    exemption: z.boolean().describe('Identity NAT / no-NAT for the matched traffic (ASA twice-NAT with real = mapped, IOS deny in the NAT ACL)'),
    realInterface: nullableStr(),
    mappedInterface: nullableStr(),
    realSource: nullableStr().describe('Real source: prefix, object name, or "any"'),
    mappedSource: nullableStr(),
    realDestination: nullableStr(),
    mappedDestination: nullableStr(),
    accessList: nullableStr().describe('IOS NAT ACL / route-map name'),
    text: z.string(),
  })
  .describe('A NAT rule that may catch VPN traffic before encryption')
export type NatRule = z.infer<typeof NatRule>

export const NetObject = z
  .object({
    kind: z.literal('netObject'),
    ...factBase,
    name: z.string(),
    objectType: z.string().describe('network / network-group'),
    prefixes: z.array(z.string()).describe('Members as prefixes ("10.1.1.0/24"), nested group names as written'),
  })
  .describe('ASA object network / object-group network, to resolve ACL and NAT members')
export type NetObject = z.infer<typeof NetObject>
