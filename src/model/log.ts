/**
 * A log line read as evidence: Cisco IOS/IOS-XE syslog and debug, ASA/FTD syslog and debug, Junos
 * kmd/iked syslog and SRX "Tunnel events". One fact per distinct message (repeats are counted).
 * The catalogue behind the events is shared/knowledge/log-messages.md.
 */
import {z} from 'zod'
import {factBase, nullableInt, nullableStr} from './common.js'

export const LOG_EVENTS = [
  'proposal-mismatch',
  'proposal-scan-miss',
  'psk-mismatch',
  'auth-failed',
  'psk-missing',
  'tunnel-group-missing',
  'no-response',
  'retransmit',
  'negotiation-timeout',
  'mode-failure',
  'phase2-rejected',
  'proxy-id-mismatch',
  'ts-mismatch',
  'invalid-spi',
  'delete-not-sent',
  'replay',
  'integrity-failed',
  'cleartext-received',
  'policy-mismatch-decap',
  'id-mismatch',
  'peer-address-mismatch',
  'cert-invalid',
  'cert-expired',
  'cert-not-yet-valid',
  'cert-expiring',
  'crl-fetch-failed',
  'nat-detected',
  'no-nat',
  'dpd-peer-dead',
  'tunnel-up',
  'tunnel-down',
  'sa-established',
  'sa-deleted',
  'sa-out-of-sync',
  'ike-not-encrypted',
  'sa-not-authenticated',
  'isakmp-off',
  'isakmp-on',
  'crypto-map-incomplete',
  'negotiation-started',
  'teardown',
  'cleanup',
  'compliance-blocked',
  'host-inbound-blocked',
  'vpn-monitor-failed',
  'engine-error',
  'key-missing-local',
  'benign',
  'unknown',
] as const

export const LogEventName = z.enum(LOG_EVENTS).describe('Normalized meaning of the line (see shared/knowledge/log-messages.md)')
export type LogEventName = z.infer<typeof LogEventName>

export const LogFamily = z
  .enum(['ios-syslog', 'ios-debug', 'asa-syslog', 'asa-debug', 'junos-syslog', 'srx-tunnel-event', 'unknown'])
  .describe('Which kind of log printed the line')
export type LogFamily = z.infer<typeof LogFamily>

export const LogEvent = z
  .object({
    kind: z.literal('logEvent'),
    ...factBase,
    family: LogFamily,
    messageId: nullableStr().describe('Mnemonic or message id: "CRYPTO-4-IKMP_BAD_MESSAGE", "ASA-5-713257", "KMD_PM_SA_ESTABLISHED", "IKEv2-PROTO-1"'),
    level: nullableInt().describe('Syslog level of the message tag (0-7), null when none was printed'),
    host: nullableStr().describe('Host named in the line prefix (syslog relay or Junos file), null when none'),
    time: nullableStr().describe('ISO 8601 when the year is known (printed or resolved from the capture clock), else "--MM-DDTHH:MM:SS" (year-less)'),
    timeRaw: nullableStr().describe('Time stamp as printed'),
    yearless: z.boolean().describe('The printed time had no year and none could be resolved'),
    clockUnsynced: z.boolean().describe('IOS "*" (or ".") before the time: the device clock was not synced'),
    sequence: nullableInt().describe('Device sequence number before the time ("000123:")'),
    event: LogEventName,
    phase: z.union([z.literal(1), z.literal(2)]).nullable().describe('IKE phase the line is about, when known'),
    peer: nullableStr().describe('Peer address named by the line'),
    localAddress: nullableStr(),
    remotePort: nullableInt(),
    attribute: nullableStr().describe('Mismatching attribute (Encryption, Hash, Group, ...)'),
    received: nullableStr().describe('Value the peer proposed, when printed'),
    configured: nullableStr().describe('Value configured here, when printed'),
    spi: nullableStr().describe('SPI as printed (0x...)'),
    localProxy: nullableStr(),
    remoteProxy: nullableStr(),
    reason: nullableStr().describe('Reason / state / notify the line names'),
    tunnelGroup: nullableStr().describe('ASA tunnel group, Junos VPN or gateway name'),
    verified: z.boolean().describe('False for catalogue entries marked (unverified): hints that never raise a finding alone'),
    count: z.number().int().min(1).describe('How many times the same message was seen (repeats, or "(n times)")'),
    firstTime: nullableStr(),
    lastTime: nullableStr(),
    lines: z.array(z.number().int()).describe('Capture lines of every occurrence (first occurrences, capped at 20)'),
    text: z.string().describe('The message without its prefix, continuation lines joined'),
    loggedByPeer: z.literal(true).optional().describe('The line was printed by the other end of the tunnel (an author quoted it): it named this device\'s own address as its peer, or one of this device\'s peers as its local end. peer is then that other end and localAddress this device. Absent otherwise'),
  })
  .describe('A log or debug line read as evidence (syslog, ASA messages, Junos kmd/iked, SRX tunnel events)')
export type LogEvent = z.infer<typeof LogEvent>
