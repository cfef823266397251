/**
 * IOS-XE phase 1 outputs: `show crypto isakmp sa detail` (the Codes legend, the IPv4 table with its
 * Engine-id line per SA, the empty IPv6 table) and `show crypto ikev2 sa detailed` (one record per
 * SA with the full list of detail lines), in the layouts of
 * test/fixtures/cisco/show-crypto-isakmp-sa/detail.txt and show-crypto-ikev2-sa/iosxe-detailed.txt.
 */
import {behindNat} from './cisco-ipsec.js'
import {chunk, hoursMinSec, pad} from './text.js'
import type {Tunnel} from './tunnels.js'

/** IKE version of a tunnel on an IOS-XE device: every second tunnel runs IKEv2. */
export function xeIkeVersion(t: Tunnel): 1 | 2 {
  return t.index % 2 === 1 ? 2 : 1
}

/** Phase 1 never finished on these tunnels (the Cisco faults mm-no-state and mm-key-exch). */
export function phase1Stuck(t: Tunnel): boolean {
  return t.fault === 'mm-no-state' || t.fault === 'mm-key-exch'
}

/** The IKEv1 proposal (isakmp columns) and the IKEv2 one (ikev2 "Encr:" line) a tunnel negotiated. */
interface IkeSuite {
  encr: string
  hash: string
  dh: number
  v2Encr: string
  v2Prf: string
  /** "None" for the AEAD cipher, which has no separate integrity. */
  v2Hash: string
  v2Dh: number
}

const SUITES: readonly IkeSuite[] = [
  {encr: 'aes', hash: 'sha256', dh: 14, v2Encr: 'AES-CBC, keysize: 256', v2Prf: 'SHA256', v2Hash: 'SHA256', v2Dh: 14},
  {encr: 'aes256', hash: 'sha', dh: 5, v2Encr: 'AES-GCM, keysize: 256', v2Prf: 'SHA384', v2Hash: 'None', v2Dh: 20},
  {encr: '3des', hash: 'sha', dh: 2, v2Encr: 'AES-CBC, keysize: 128', v2Prf: 'SHA256', v2Hash: 'SHA256', v2Dh: 14},
]

export function ikeSuiteOf(t: Tunnel): IkeSuite {
  return SUITES[t.index % SUITES.length]
}

const ISAKMP_LEGEND = [
  'Codes: C - IKE configuration mode, D - Dead Peer Detection',
  '       K - Keepalives, N - NAT-traversal',
  '       T - cTCP encapsulation, X - IKE Extended Authentication',
  '       psk - Preshared key, rsig - RSA signature',
  '       renc - RSA encryption',
  'IPv4 Crypto ISAKMP SA',
  '',
  'C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.',
  '',
]

/** The output of `show crypto isakmp sa detail` for `tunnels`. */
export function* isakmpSaDetail(tunnels: Iterable<Tunnel>): Generator<string> {
  yield chunk(ISAKMP_LEGEND)
  for (const t of tunnels) {
    const s = ikeSuiteOf(t)
    const stuck = phase1Stuck(t)
    const lifetime = hoursMinSec(stuck ? 0 : t.ikeLifetimeRemainingSec)
    const caps = stuck ? '' : behindNat(t) ? ' DN' : ' D'
    const row = `${pad(t.connId, 5)} ${pad(t.localAddress, 16)}${pad(t.peerAddress, 16)}${pad('', 7)}ACTIVE ${pad(s.encr, 4)} ${pad(s.hash, 6)} psk  ${pad(s.dh, 2)} ${lifetime}${caps}`
    yield chunk([row, `       Engine-id:Conn-id =  SW:${t.connId - 1000}`, ''])
  }
  yield chunk(['IPv6 Crypto ISAKMP SA', ''])
}

const IKEV2_HEADER = 'Tunnel-id Local                 Remote                fvrf/ivrf            Status '

function msgIds(local: number, remote: number): string[] {
  const row = (label: string, a: number, b: number): string => `      ${pad(`Local ${label} ${a}`, 33)}Remote ${label} ${pad(b, 10)}`
  return [row('req msg id: ', local, remote), row('next msg id:', local, remote), row('req queued: ', local, remote), row('window:     ', 5, 5)]
}

/** One record of `show crypto ikev2 sa detailed` (IOS-XE). */
export function ikev2Record(t: Tunnel, tunnelId: number): string {
  const stuck = phase1Stuck(t)
  const port = behindNat(t) ? 4500 : 500
  const s = ikeSuiteOf(t)
  const status = stuck ? 'IN-NEG ' : 'READY  '
  const head = `${pad(tunnelId, 10)}${pad(`${t.localAddress}/${port}`, 22)}${pad(`${t.peerAddress}/${port}`, 22)}${pad('none/none', 21)}${status}`
  const active = stuck ? 0 : 86_400 - t.ikeLifetimeRemainingSec
  const requests = stuck ? 0 : (t.ikeOutPackets % 40) + 1
  const lines = [
    IKEV2_HEADER,
    head,
    stuck
      ? '      Encr: Unknown - 0, PRF: Unknown - 0, Hash: None, DH Grp:0, Auth sign: Unknown - 0, Auth verify: Unknown - 0'
      : `      Encr: ${s.v2Encr}, PRF: ${s.v2Prf}, Hash: ${s.v2Hash}, DH Grp:${s.v2Dh}, Auth sign: PSK, Auth verify: PSK`,
    `      Life/Active Time: 86400/${active} sec`,
    `      CE id: ${stuck ? 0 : t.connId}, Session-id: ${t.index + 1}`,
    `      Status Description: ${stuck ? (t.fault === 'mm-no-state' ? 'Initiator waiting for INIT_SA response' : 'Initiator waiting for AUTH response') : 'Negotiation done'}`,
    `      Local spi: ${t.initiatorCookie.toUpperCase()}       Remote spi: ${t.fault === 'mm-no-state' ? '0000000000000000' : t.responderCookie.toUpperCase()}`,
    `      Local id: ${t.localAddress}`,
    `      Remote id: ${t.fault === 'mm-no-state' ? '' : t.peerAddress}`,
    ...msgIds(requests, stuck ? 0 : requests + (t.index % 3)),
    stuck ? '      DPD not configured.' : '      DPD configured for 10 seconds, retry 2',
    '      Fragmentation not  configured.',
    '      Dynamic Route Update: disabled',
    '      Extended Authentication not configured.',
    behindNat(t) ? '      NAT-T is detected  outside' : '      NAT-T is not detected  ',
    '      Cisco Trust Security SGT is disabled',
    `      Initiator of SA : ${t.index % 4 === 1 ? 'Yes' : 'No'}`,
    '      PEER TYPE: Other',
    '',
  ]
  return chunk(lines)
}

/** The output of `show crypto ikev2 sa detailed` for `tunnels`. */
export function* ikev2SaDetailed(tunnels: Iterable<Tunnel>): Generator<string> {
  yield ' IPv4 Crypto IKEv2  SA \n\n'
  let id = 1
  for (const t of tunnels) yield ikev2Record(t, id++)
  yield ' IPv6 Crypto IKEv2  SA \n\n'
}
