/** Device- or tunnel-level IPsec data-plane counters (Junos `show security ipsec statistics`). */
import {z} from 'zod'
import {factBase, nullableInt} from './common.js'

export const IpsecStats = z
  .object({
    kind: z.literal('ipsecStats'),
    ...factBase,
    tunnelIndex: nullableInt().describe('Tunnel id of `index N`; null for the device-wide totals'),
    encryptedBytes: nullableInt().describe('ESP encrypted bytes'),
    encryptedPackets: nullableInt().describe('ESP encrypted packets'),
    decryptedBytes: nullableInt().describe('ESP decrypted bytes'),
    decryptedPackets: nullableInt().describe('ESP decrypted packets'),
    ahInBytes: nullableInt(),
    ahOutBytes: nullableInt(),
    ahInPackets: nullableInt(),
    ahOutPackets: nullableInt(),
    replayErrors: nullableInt().describe('Anti-replay check failures'),
    authFailures: nullableInt().describe('ESP authentication failures'),
    ahAuthFailures: nullableInt().describe('AH authentication failures'),
    decryptFailures: nullableInt().describe('ESP decryption failures'),
    badHeaders: nullableInt(),
    badTrailers: nullableInt(),
    invalidSpi: nullableInt().describe('Packets for an SPI the device does not know'),
    tsCheckFail: nullableInt().describe('Decrypted packets outside the negotiated traffic selectors'),
    exceedsMtu: nullableInt().describe('Packets dropped because they exceed the tunnel MTU'),
    discarded: nullableInt(),
    counters: z.record(z.string(), z.number()).describe('Every counter as printed, by vendor label (section/label)'),
    node: z.string().nullable().describe('Chassis-cluster node when the output was split per node'),
  })
  .describe('IPsec data-plane statistics, device-wide or of one tunnel')
export type IpsecStats = z.infer<typeof IpsecStats>
