/**
 * MX services PIC outputs: `show services ipsec-vpn ike security-associations detail` and
 * `show services ipsec-vpn ipsec security-associations detail`, one service set with a rule term
 * per tunnel, in the layouts of test/fixtures/junos/show-services-ipsec-vpn-ike-security-associations/
 * detail-not-matured.txt and show-services-ipsec-vpn-ipsec-security-associations/detail.txt.
 */
import {junosHasPhase2} from './junos.js'
import {ikeDetailBody, ikeDetailTail, junosIdentity} from './junos-srx.js'
import {chunk} from './text.js'
import type {Tunnel} from './tunnels.js'

const SERVICE_SET = 'Service set: sset-hub, IKE Routing-instance: default\n\n'

/** One record of MX `show services ipsec-vpn ike security-associations detail`. */
export function mxIkeRecord(t: Tunnel): string {
  const matured = junosHasPhase2(t)
  const local = `${t.localAddress}:500`
  const remote = `${t.peerAddress}:500`
  return chunk([
    `IKE peer ${t.peerAddress}`,
    `  Role: ${t.index % 2 === 0 ? 'Initiator' : 'Responder'}, State: ${matured ? 'Matured' : 'Not matured'}`,
    `  Initiator cookie: ${t.initiatorCookie}, Responder cookie: ${t.responderCookie}`,
    '  Exchange type: Main, Authentication method: Pre-shared-keys',
    `  Local: ${local}, Remote: ${remote}`,
    `  Lifetime: Expires in ${matured ? t.ikeLifetimeRemainingSec : 0} seconds`,
    ...ikeDetailBody(t, matured, ['   Authentication        : sha1', '   Encryption            : aes-256-cbc', '   Pseudo random function: hmac-sha1']),
    ...ikeDetailTail(t, matured, matured ? 'Caller notification sent' : 'Caller notification sent, Waiting for done', local, remote),
  ])
}

/** The output of MX `show services ipsec-vpn ike security-associations detail` for `tunnels`. */
export function* mxIkeSaDetail(tunnels: Iterable<Tunnel>): Generator<string> {
  yield SERVICE_SET
  for (const t of tunnels) yield mxIkeRecord(t)
}

/** One rule term of MX `show services ipsec-vpn ipsec security-associations detail`. */
export function mxIpsecRecord(t: Tunnel): string {
  const state = t.fault === 'not-installed' ? 'Not installed' : 'Installed'
  const soft = t.fault === 'soft-expired' ? 'Expired' : `Expires in ${Math.max(1, t.remainingSec - 540)} seconds`
  const sa = (direction: string, spi: number): string[] => [
    `    Direction: ${direction}, SPI: ${spi}, AUX-SPI: 0`,
    `      Mode: tunnel, Type: dynamic, State: ${state}`,
    '      Protocol: ESP, Authentication: hmac-sha1-96, Encryption: aes-cbc (256 bits)',
    `      Soft lifetime: ${soft}`,
    `      Hard lifetime: Expires in ${t.remainingSec} seconds`,
    '      Anti-replay service: Enabled, Replay window size: 64',
    '',
  ]
  return chunk([
    `  Rule: rule-hub, Term: term-${t.index + 1}, Tunnel index: ${t.index + 1}`,
    `  Local gateway: ${t.localAddress}, Remote gateway: ${t.peerAddress}`,
    `  IPSec inside interface: ms-1/0/0.${t.index + 1}, Tunnel MTU: 1500`,
    '  UDP encapsulate: Disabled, UDP Destination port: 0',
    `  Local identity: ${junosIdentity(t.localNet.address, t.localNet.prefix)}`,
    `  Remote identity: ${junosIdentity(t.remoteNet.address, t.remoteNet.prefix)}`,
    '',
    ...sa('inbound', t.inboundSpi),
    ...sa('outbound', t.outboundSpi),
  ])
}

/** The output of MX `show services ipsec-vpn ipsec security-associations detail` for `tunnels`. */
export function* mxIpsecSaDetail(tunnels: Iterable<Tunnel>): Generator<string> {
  yield SERVICE_SET
  for (const t of tunnels) if (junosHasPhase2(t)) yield mxIpsecRecord(t)
}
