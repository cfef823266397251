/**
 * SRX outputs: `show security ike security-associations detail` (IKEv1 records with index, gateway
 * name, peer ike-id, the four algorithms, traffic statistics, flags, IPsec SA counts and, on a
 * phase 1 that is not up, the quick mode negotiation in progress) and
 * `show security ipsec security-associations detail` (ID, VPN name, gateways, identities, DF-bit and
 * bind-interface, negotiation counters, tunnel events, and both SAs with lifetimes, mode, state and
 * anti-replay), in the layouts of test/fixtures/junos/show-security-ike-security-associations/
 * detail-ikev1-natt.txt and show-security-ipsec-security-associations/detail.txt.
 */
import {junosHasPhase2} from './junos.js'
import {DAYS, MONTHS, chunk, hms, two} from './text.js'
import type {Device, Tunnel} from './tunnels.js'

/** One tunnel in five sits behind NAT (port 4500), as on the Cisco side. */
function natT(t: Tunnel): boolean {
  return t.index % 5 === 3
}

function portOf(t: Tunnel): number {
  return natT(t) ? 4500 : 500
}

/** "ipv4_subnet(any:0,[0..7]=10.1.0.0/16)" */
export function junosIdentity(address: string, prefix: number): string {
  return `ipv4_subnet(any:0,[0..7]=${address}/${prefix})`
}

/** `  Input  bytes  :                 5412` with the value right-aligned as the device prints it. */
function counter(label: string, value: number): string {
  return `   ${label}:${String(value).padStart(21)}`
}

/** The algorithm, traffic, flag and count lines shared by SRX and MX IKE detail records. */
export function ikeDetailBody(t: Tunnel, up: boolean, algorithms: string[]): string[] {
  return [
    '  Algorithms:',
    ...algorithms,
    '  Traffic statistics:',
    counter('Input  bytes  ', up ? t.ikeInBytes : 0),
    counter('Output bytes  ', t.ikeOutBytes),
    counter('Input  packets', up ? t.ikeInPackets : 0),
    counter('Output packets', t.ikeOutPackets),
  ]
}

/**
 * The flags, IPsec SA counts and phase 2 line ending SRX and MX IKE detail records, with the quick
 * mode negotiation a phase 1 that is not up still shows, and the blank line after the record.
 */
export function ikeDetailTail(t: Tunnel, up: boolean, flags: string, local: string, remote: string): string[] {
  const lines = [
    `  Flags: ${flags}`,
    `  IPSec security associations: ${up ? t.ipsecCreated : 0} created, ${up ? t.ipsecDeleted : 0} deleted`,
    `  Phase 2 negotiations in progress: ${up ? 0 : 1}`,
  ]
  if (!up) {
    lines.push(
      '',
      '    Negotiation type: Quick mode, Role: Initiator, Message ID: 0',
      `    Local: ${local}, Remote: ${remote}`,
      `    Local identity: ${junosIdentity(t.localNet.address, t.localNet.prefix)}`,
      `    Remote identity: ${junosIdentity(t.remoteNet.address, t.remoteNet.prefix)}`,
      '    Flags: Caller notification sent, Waiting for done',
    )
  }
  lines.push('')
  return lines
}

/** One record of SRX `show security ike security-associations detail`. */
export function srxIkeRecord(t: Tunnel): string {
  const up = junosHasPhase2(t)
  const local = `${t.localAddress}:${portOf(t)}`
  const remote = `${t.peerAddress}:${portOf(t)}`
  return chunk([
    `IKE peer ${t.peerAddress}, Index ${5_802_592 + t.index}, Gateway Name: gw-${t.name}`,
    `  Role: ${t.index % 2 === 0 ? 'Initiator' : 'Responder'}, State: ${up ? 'UP' : 'DOWN'}`,
    `  Initiator cookie: ${t.initiatorCookie}, Responder cookie: ${t.responderCookie}`,
    '  Exchange type: Main, Authentication method: Pre-shared-keys',
    `  Local: ${local}, Remote: ${remote}`,
    `  Lifetime: Expires in ${up ? t.ikeLifetimeRemainingSec : 0} seconds`,
    `  Peer ike-id: ${up ? t.peerAddress : 'not valid'}`,
    '  Xauth assigned IP: 0.0.0.0',
    ...ikeDetailBody(t, up, [
      '   Authentication        : hmac-sha256-128',
      '   Encryption            : aes-cbc (256 bits)',
      '   Pseudo random function: hmac-sha256',
      '   Diffie-Hellman group  : DH-group-14',
    ]),
    ...ikeDetailTail(t, up, 'IKE SA is created', local, remote),
  ])
}

/** The output of SRX `show security ike security-associations detail` for `tunnels`. */
export function* srxIkeSaDetail(tunnels: Iterable<Tunnel>): Generator<string> {
  for (const t of tunnels) yield srxIkeRecord(t)
}

/** "Mon Nov 23 2026 09:50:12" */
function eventTime(time: Date): string {
  return `${DAYS[time.getUTCDay()]} ${MONTHS[time.getUTCMonth()]} ${two(time.getUTCDate())} ${time.getUTCFullYear()} ${hms(time)}`
}

/** One tunnel of SRX `show security ipsec security-associations detail` (tunnels with IPsec SAs). */
export function srxIpsecRecord(t: Tunnel, device: Device): string {
  const rekeyed = new Date(device.captureTime.getTime() - (3600 - t.remainingSec) * 1000)
  const first = new Date(rekeyed.getTime() - 3600_000 * (1 + (t.index % 5)))
  const state = t.fault === 'not-installed' ? 'not installed' : 'installed'
  const soft = t.fault === 'soft-expired' ? 'Expired' : `Expires in ${Math.max(1, t.remainingSec - 540)} seconds`
  const monitoring = t.fault === 'family-down' ? 'DOWN' : 'UP'
  const sa = (direction: string, spi: number): string[] => [
    `  Direction: ${direction}, SPI: 0x${spi.toString(16).padStart(8, '0')}, AUX-SPI: 0`,
    `                              , VPN Monitoring: ${monitoring}`,
    `    Hard lifetime: Expires in ${t.remainingSec} seconds`,
    `    Lifesize Remaining:  ${Math.min(t.remainingKbIn, 4_608_000)} kilobytes`,
    `    Soft lifetime: ${soft}`,
    `    Mode: Tunnel(0 0), Type: dynamic, State: ${state}`,
    '    Protocol: ESP, Authentication: hmac-sha256-128, Encryption: aes-cbc (256 bits)',
    '    Anti-replay service: counter-based enabled, Replay window size: 64',
  ]
  return chunk([
    `  ID: ${131_073 + t.index} Virtual-system: root, VPN Name: ${t.name}`,
    `  Local Gateway: ${t.localAddress}, Remote Gateway: ${t.peerAddress}`,
    `  Local Identity: ${junosIdentity(t.localNet.address, t.localNet.prefix)}`,
    `  Remote Identity: ${junosIdentity(t.remoteNet.address, t.remoteNet.prefix)}`,
    '  Version: IKEv1',
    `  DF-bit: clear, Copy-Outer-DSCP Disabled, Bind-interface: st0.${t.index}`,
    `  Port: ${portOf(t)}, Nego#: ${t.ipsecCreated}, Fail#: 0, Def-Del#: 0 Flag: 0x600a29 `,
    '  Multi-sa, Configured SAs# 1, Negotiated SAs#: 1 ',
    '  Tunnel events: ',
    `    ${eventTime(rekeyed)}: IPSec SA negotiation successfully completed (${t.ipsecCreated} times)`,
    `    ${eventTime(first)}: IKE SA negotiation successfully completed (${t.rekeys + 1} times)`,
    `    ${eventTime(first)}: Tunnel is ready. Waiting for trigger event or peer to trigger negotiation (1 times)`,
    ...sa('inbound', t.inboundSpi),
    ...sa('outbound', t.outboundSpi),
    '',
  ])
}

/** The output of SRX `show security ipsec security-associations detail` for `tunnels`. */
export function* srxIpsecSaDetail(device: Device, tunnels: Iterable<Tunnel>): Generator<string> {
  for (const t of tunnels) if (junosHasPhase2(t)) yield srxIpsecRecord(t, device)
}
