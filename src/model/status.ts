/**
 * Status views engineers are asked for next (issue 16 part 3): ASA `show vpn-sessiondb [detail] l2l`
 * sessions, counter rows of statistics outputs (ASA `show asp drop` and `show vpn-sessiondb summary`,
 * IOS `show crypto ikev2 stats ...` and `show crypto isakmp|ipsec sa count`, SRX `show security ipsec
 * tunnel-events-statistics`), IOS trustpoint status and SRX IKE active peers.
 */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableStr} from './common.js'
import {TrafficSelector} from './ipsec.js'

export const VpnSessionIke = z
  .object({
    version: z.union([z.literal(1), z.literal(2)]).nullable().describe('1 for an "IKEv1:" / "IKE:" section, 2 for "IKEv2:"'),
    tunnelId: nullableStr().describe('"Tunnel ID" as printed, e.g. "12.1"'),
    localPort: nullableInt().describe('"UDP Src Port"'),
    remotePort: nullableInt().describe('"UDP Dst Port"'),
    mode: nullableStr().describe('"IKE Neg Mode" (IKEv1: Main / Aggressive)'),
    authMode: nullableStr().describe('"Auth Mode" (IKEv1) or "Loc Auth Mode" (IKEv2), as printed'),
    remoteAuthMode: nullableStr().describe('IKEv2 "Rem Auth Mode"'),
    encryption: nullableStr().describe('As printed, e.g. AES256'),
    hashing: nullableStr(),
    prf: nullableStr(),
    dhGroup: nullableInt(),
    rekeyIntervalSec: nullableInt().describe('"Rekey Int (T)"'),
    rekeyLeftSec: nullableInt().describe('"Rekey Left(T)"'),
    line: z.number().int().describe('Line of the section header (or of its first line when the header was filtered away)'),
  })
  .describe('IKE tunnel section of an ASA vpn-sessiondb detail session')
export type VpnSessionIke = z.infer<typeof VpnSessionIke>

export const VpnSessionIpsec = z
  .object({
    tunnelId: nullableStr(),
    localIdent: TrafficSelector.nullable().describe('"Local Addr" (10.1.0.0/255.255.255.0/0/0) as a selector'),
    remoteIdent: TrafficSelector.nullable().describe('"Remote Addr"'),
    encryption: nullableStr(),
    hashing: nullableStr(),
    encapsulation: nullableStr().describe('Tunnel / Transport, with NAT-T when printed'),
    pfsGroup: nullableInt(),
    rekeyIntervalSec: nullableInt(),
    rekeyLeftSec: nullableInt(),
    rekeyIntervalKb: nullableInt().describe('"Rekey Int (D)" in K-Bytes'),
    rekeyLeftKb: nullableInt(),
    idleTimeoutMin: nullableInt(),
    idleLeftMin: nullableInt(),
    bytesTx: nullableInt(),
    bytesRx: nullableInt(),
    packetsTx: nullableInt(),
    packetsRx: nullableInt(),
    line: z.number().int(),
  })
  .describe('IPsec tunnel section of an ASA vpn-sessiondb detail session')
export type VpnSessionIpsec = z.infer<typeof VpnSessionIpsec>

export const VpnSessionStatus = z
  .enum(['up', 'no-ipsec', 'absent'])
  .describe('up: listed with IPsec tunnels (or not counted); no-ipsec: IKE tunnel but "IPsec Tunnels: 0"; absent: the peer asked for with "filter ipaddress" has no session')
export type VpnSessionStatus = z.infer<typeof VpnSessionStatus>

export const VpnSession = z
  .object({
    kind: z.literal('vpnSession'),
    ...factBase,
    status: VpnSessionStatus,
    connection: nullableStr().describe('"Connection" (tunnel group / peer name) as printed'),
    index: nullableInt().describe('Session "Index"'),
    remoteAddress: nullableStr().describe('"IP Addr" (or the filtered peer for an absent session)'),
    protocols: z.array(z.string()).describe('"Protocol" words, e.g. ["IKEv2", "IPsec"]'),
    encryption: nullableStr().describe('"Encryption" as printed, e.g. "IKEv2: (1)AES256 IPsec: (1)AES256"'),
    hashing: nullableStr(),
    groupPolicy: nullableStr(),
    tunnelGroup: nullableStr(),
    bytesTx: nullableInt(),
    bytesRx: nullableInt(),
    loginTime: nullableStr().describe('"Login Time" as printed'),
    durationSec: nullableInt().describe('"Duration" (0h:45m:12s, 1d 2h:03m:04s) in seconds'),
    ikeTunnelCount: nullableInt().describe('"IKEv1 Tunnels" / "IKEv2 Tunnels" / "IKE Tunnels"'),
    ipsecTunnelCount: nullableInt().describe('"IPsec Tunnels"'),
    detail: z.boolean().describe('Printed by the detail form (tunnel sections or tunnel counts)'),
    ikeTunnels: z.array(VpnSessionIke),
    ipsecTunnels: z.array(VpnSessionIpsec),
    natT: nullableBool().describe('UDP port 4500 or an "IPsecOverNatT" protocol'),
  })
  .describe('ASA LAN-to-LAN VPN session (show vpn-sessiondb [detail] l2l [filter ipaddress <peer>])')
export type VpnSession = z.infer<typeof VpnSession>

export const CounterSet = z
  .enum([
    'asp-drop',
    'vpn-session-summary',
    'isakmp-sa-count',
    'ipsec-sa-count',
    'ikev2-stats',
    'ikev2-exchange',
    'ikev2-timeout',
    'ikev2-ext-service',
    'tunnel-events',
  ])
  .describe('Which output the counter row comes from')
export type CounterSet = z.infer<typeof CounterSet>

export const StatusCounter = z
  .object({
    kind: z.literal('statusCounter'),
    ...factBase,
    set: CounterSet,
    section: nullableStr().describe('Section the row is printed under: "Frame drop", "Flow drop", "ERROR NOTIFY", "Tunnels Summary", "AAA OPERATION", ...'),
    name: z.string().describe('Row label as printed ("IPSec tunnel is down", "IKE_AUTH", "Site-to-Site VPN", "Active ISAKMP SA\'s")'),
    code: nullableStr().describe('Short code of the row when printed: ASP drop reason "(ipsec-tun-down)", IKEv2 exchange or notify name'),
    value: z.number().int().describe('The row\'s main count: drops, timeouts, events, active sessions, failures, notifies received (see the set)'),
    values: z.record(z.string(), z.number()).describe('Every count of the row by column ("TX(REQ)", "Active", "FAILED", ...)'),
    vpn: z.boolean().describe('The row is about VPN (ASP drop reasons: the IPsec/IKE/tunnel ones; every other set: true)'),
    failure: z.boolean().describe('The row counts failures: VPN drop reasons, timeouts, error notifies, failed external operations, failure events, rejected requests'),
    since: nullableStr().describe('ASP "Last clearing:" of the section, as printed'),
    node: nullableStr().describe('Chassis-cluster node when the output was split per node'),
  })
  .describe('One counter row of a statistics output')
export type StatusCounter = z.infer<typeof StatusCounter>

export const TrustpointStatus = z
  .object({
    kind: z.literal('trustpointStatus'),
    ...factBase,
    name: z.string().describe('Trustpoint name'),
    caCertificate: nullableStr().describe('"configured", "not configured", "pending" ... of the issuing CA certificate'),
    caSubject: nullableStr(),
    routerCertificate: nullableStr().describe('Router (identity) certificate: "configured", "not configured", "pending" ...'),
    routerSubject: nullableStr(),
    keysGenerated: nullableBool(),
    caAuthenticated: nullableBool(),
    certificateRequest: nullableStr().describe('"Certificate request(s)" as printed: Yes / None / Pending'),
    ok: nullableBool().describe('Keys generated, CA authenticated and a router certificate configured (null when the State block is not printed)'),
    problems: z.array(z.string()).describe('What is not ok, in words'),
  })
  .describe('IOS trustpoint (show crypto pki trustpoints status)')
export type TrustpointStatus = z.infer<typeof TrustpointStatus>

export const IkeActivePeer = z
  .object({
    kind: z.literal('ikeActivePeer'),
    ...factBase,
    remoteAddress: nullableStr().describe('"Remote Address" / detail "Peer address"; null only when a filter (| match) removed the detail block\'s "Peer address" line'),
    remotePort: nullableInt(),
    ikeId: nullableStr().describe('"Peer IKE-ID"'),
    username: nullableStr().describe('XAUTH / AAA username ("not available" = null)'),
    assignedIp: nullableStr().describe('"Assigned IP" (0.0.0.0 = null)'),
    node: nullableStr(),
    ikeSaIndexes: z.array(z.number().int()).describe('detail: "Active IKE SA indexes" (empty for the table form)'),
    ipsecTunnelCount: nullableInt().describe('detail: "IPSec tunnels active" (null for the table form)'),
  })
  .describe('SRX IKE active peer (show security ike active-peer [detail])')
export type IkeActivePeer = z.infer<typeof IkeActivePeer>
