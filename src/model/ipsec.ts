/** IPsec (phase 2) entities: a flow (proxy-id pair / named SA with its counters) and its individual SAs. */
import {z} from 'zod'
import {factBase, nullableBool, nullableInt, nullableStr} from './common.js'

export const TrafficSelector = z
  .object({
    address: z.string().describe('Network address, e.g. 10.1.1.0 or 2001:db8::'),
    prefixLength: z.number().int().nullable().describe('Prefix length derived from the mask'),
    protocol: z.number().int().nullable().describe('IP protocol number, 0 = any'),
    port: z.number().int().nullable().describe('Port, 0 = any'),
  })
  .describe('One side of a proxy identity / traffic selector')
export type TrafficSelector = z.infer<typeof TrafficSelector>

export const IpsecFlow = z
  .object({
    kind: z.literal('ipsecFlow'),
    ...factBase,
    name: nullableStr().describe('Junos security association name / SRX tunnel id'),
    interface: nullableStr().describe('IOS interface of the crypto map'),
    cryptoMap: nullableStr(),
    localAddress: nullableStr().describe('Local crypto endpoint'),
    remoteAddress: nullableStr().describe('Peer (remote crypto endpoint / current_peer)'),
    remotePort: nullableInt().describe('Peer port when printed (500/4500)'),
    localIdent: TrafficSelector.nullable(),
    remoteIdent: TrafficSelector.nullable(),
    flags: z.array(z.string()),
    transportParent: z.boolean().describe('IOS transport_parent placeholder flow (guard: not a fault)'),
    state: z.enum(['up', 'down', 'unknown']).describe('up = has SAs / installed; down = no SAs'),
    downReason: nullableStr().describe('Why the tunnel is down, as printed (Junos inactive-tunnels "Tunnel Down Reason")'),
    interfaceFamily: z.enum(['up', 'down', 'no-reference']).nullable().describe('Junos "Interface family"'),
    encaps: nullableInt(),
    encrypt: nullableInt(),
    digest: nullableInt(),
    decaps: nullableInt(),
    decrypt: nullableInt(),
    verify: nullableInt(),
    compressed: nullableInt(),
    decompressed: nullableInt(),
    notCompressed: nullableInt(),
    compressFailed: nullableInt(),
    decompressFailed: nullableInt(),
    sendErrors: nullableInt(),
    recvErrors: nullableInt(),
    errorCounters: z.record(z.string(), z.number()).describe('Detail error counters by vendor label (#pkts replay failed (rcv) ...)'),
    pathMtu: nullableInt(),
    mediaMtu: nullableInt(),
    plaintextMtu: nullableInt(),
    ipMtu: nullableInt(),
    currentOutboundSpi: nullableInt().describe('Current outbound SPI as unsigned 32-bit integer (0 = none)'),
    pfs: nullableBool(),
    dhGroup: nullableInt(),
    natT: nullableBool().describe('UDP encapsulation / port 4500'),
    saCount: z.number().int().describe('Number of IPsec SAs of this flow in the capture'),
    node: nullableStr(),
  })
  .describe('IPsec flow: a proxy-id pair (IOS ident block) or a named SA group (Junos) with its counters')
export type IpsecFlow = z.infer<typeof IpsecFlow>

export const IpsecSa = z
  .object({
    kind: z.literal('ipsecSa'),
    ...factBase,
    flowId: nullableStr().describe('id of the IpsecFlow this SA belongs to'),
    name: nullableStr().describe('Junos SA name'),
    remoteAddress: nullableStr(),
    direction: z.enum(['inbound', 'outbound']),
    protocol: z.enum(['esp', 'ah', 'pcp']),
    spi: z.number().int().min(0).describe('SPI as unsigned 32-bit integer'),
    transform: nullableStr().describe('Transform as printed, e.g. "esp-3des esp-sha-hmac"'),
    encryption: nullableStr().describe('Normalized cipher: none, des, 3des, aes-128-cbc, aes-256-gcm ...'),
    integrity: nullableStr().describe('Normalized integrity: none, md5, sha1, sha256 ...; null when not printed or not applicable (AEAD ciphers such as AES-GCM)'),
    mode: z.enum(['tunnel', 'transport']).nullable(),
    type: z.enum(['dynamic', 'manual']).nullable(),
    state: z.enum(['installed', 'not-installed', 'active', 'unknown']),
    connId: nullableInt(),
    lifetimeRemainingKb: nullableInt(),
    lifetimeRemainingSec: nullableInt(),
    softLifetimeExpired: nullableBool(),
    softLifetimeRemainingSec: nullableInt(),
    hardLifetimeRemainingSec: nullableInt(),
    antiReplay: nullableBool(),
    replayWindow: nullableInt(),
    ivSizeBytes: nullableInt(),
    natT: nullableBool(),
    node: nullableStr(),
  })
  .describe('One IPsec SA (one direction, one protocol)')
export type IpsecSa = z.infer<typeof IpsecSa>
