/**
 * IOS-XE `show crypto session detail`: the Code legend, then per peer its interface, uptime,
 * session status, peer line, Phase1_id, the IKE SA with its capabilities, and the IPSEC FLOW with
 * its Active SAs and inbound/outbound counters, in the layout of
 * test/fixtures/cisco/show-crypto-session/detail-crypto-map.txt.
 */
import {behindNat} from './cisco-ipsec.js'
import {phase1Stuck, xeIkeVersion} from './cisco-ike.js'
import {ciscoHasPhase2} from './cisco.js'
import {chunk, hoursMinSec} from './text.js'
import type {Device, Tunnel} from './tunnels.js'

const LEGEND = [
  'Crypto session current status',
  '',
  'Code: C - IKE Configuration mode, D - Dead Peer Detection     ',
  'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation     ',
  'X - IKE Extended Authentication, F - IKE Fragmentation',
  'R - IKE Auto Reconnect, U - IKE Dynamic Route Update',
  'S - SIP VPN',
  '',
]

/** "3d04h" past a day, "00:12:15" below. */
function uptime(seconds: number): string {
  if (seconds < 86_400) return hoursMinSec(seconds)
  return `${Math.floor(seconds / 86_400)}d${String(Math.floor((seconds % 86_400) / 3600)).padStart(2, '0')}h`
}

function sessionStatus(t: Tunnel): string {
  if (phase1Stuck(t)) return 'DOWN-NEGOTIATING'
  return ciscoHasPhase2(t) ? 'UP-ACTIVE     ' : 'UP-IDLE'
}

/** One peer of `show crypto session detail`. */
export function sessionRecord(t: Tunnel, device: Device): string {
  const stuck = phase1Stuck(t)
  const phase2 = ciscoHasPhase2(t)
  const port = behindNat(t) ? 4500 : 500
  const version = xeIkeVersion(t)
  const up = 86_400 - t.ikeLifetimeRemainingSec + 3600 * (t.index % 90)
  const lines = [`Interface: ${device.interfaceName}`]
  if (!stuck) lines.push(`Uptime: ${uptime(up)}`)
  lines.push(
    `Session status: ${sessionStatus(t)}`,
    `Peer: ${t.peerAddress} port ${port} fvrf: (none) ivrf: (none)`,
    `      Phase1_id: ${stuck ? '(none)' : t.peerAddress}`,
    '      Desc: (none)',
    `  Session ID: ${version === 2 ? t.index + 1 : 0}  `,
    `  IKEv${version} SA: local ${t.localAddress}/${port} remote ${t.peerAddress}/${port} ${stuck ? 'Inactive' : 'Active'} `,
    stuck
      ? `          Capabilities:(none) connid:${t.connId} lifetime:0`
      : `          Capabilities:${behindNat(t) ? 'DN' : 'D'} connid:${t.connId} lifetime:${hoursMinSec(t.ikeLifetimeRemainingSec)}`,
    `  IPSEC FLOW: permit ip ${t.localNet.address}/${t.localNet.mask} ${t.remoteNet.address}/${t.remoteNet.mask} `,
    `        Active SAs: ${phase2 ? 2 : 0}, origin: crypto map`,
    phase2
      ? `        Inbound:  #pkts dec'ed ${t.decaps} drop ${t.recvErrors} life (KB/Sec) ${t.remainingKbIn}/${t.remainingSec}`
      : "        Inbound:  #pkts dec'ed 0 drop 0 life (KB/Sec) 0/0",
    phase2
      ? `        Outbound: #pkts enc'ed ${t.encaps} drop ${t.sendErrors} life (KB/Sec) ${t.remainingKbOut}/${t.remainingSec}`
      : "        Outbound: #pkts enc'ed 0 drop 0 life (KB/Sec) 0/0",
    '',
  )
  return chunk(lines)
}

/** The output of `show crypto session detail` for `tunnels`. */
export function* cryptoSessionDetail(device: Device, tunnels: Iterable<Tunnel>): Generator<string> {
  yield chunk(LEGEND)
  for (const t of tunnels) yield sessionRecord(t, device)
}
