/**
 * ASA outputs (all tunnels IKEv1 LAN-to-LAN): `show crypto ipsec sa` (per crypto map entry: the
 * access-list, idents, the ASA counter set, PMTU/DF/ICMP lines, both current SPIs, SA State and
 * anti-replay bitmaps), `show crypto ikev1 sa detail` and `show vpn-sessiondb detail l2l`, in the
 * layouts of test/fixtures/cisco/asa-show-crypto-ipsec-sa/asa9-l2l-two-peers.txt,
 * asa-show-crypto-ikev1-sa/ikev1-detail.txt and asa-show-vpn-sessiondb/detail-ikev2.txt.
 */
import {behindNat} from './cisco-ipsec.js'
import {phase1Stuck} from './cisco-ike.js'
import {ciscoHasPhase2, crypoMapSeqOf} from './cisco.js'
import {DAYS, MONTHS, chunk, hms, pad} from './text.js'
import {type Device, type Tunnel, hex8} from './tunnels.js'

interface AsaSuite {
  transform: string
  ivBytes: number
  ikeEncrypt: string
  ikeHash: string
  sessionEncr: string
  sessionHash: string
  dh: number
}

const SUITES: readonly AsaSuite[] = [
  {transform: 'esp-aes-256 esp-sha-hmac', ivBytes: 16, ikeEncrypt: 'aes-256', ikeHash: 'SHA', sessionEncr: 'AES256', sessionHash: 'SHA1', dh: 14},
  {transform: 'esp-aes-256 esp-sha-256-hmac', ivBytes: 16, ikeEncrypt: 'aes-256', ikeHash: 'SHA256', sessionEncr: 'AES256', sessionHash: 'SHA256', dh: 14},
  {transform: 'esp-3des esp-md5-hmac', ivBytes: 8, ikeEncrypt: '3des', ikeHash: 'MD5', sessionEncr: '3DES', sessionHash: 'MD5', dh: 2},
]

function suiteOf(t: Tunnel): AsaSuite {
  return SUITES[t.index % SUITES.length]
}

/** The ASA crypto map conn_id of a tunnel's SAs. */
function asaConnId(t: Tunnel): number {
  return 8192 + 4 * t.index
}

function bitmap(packets: number): string {
  return packets === 0 ? '0x00000000 0x00000000' : packets >= 64 ? '0xFFFFFFFF 0xFFFFFFFF' : '0x00000000 0x00000001'
}

/** One crypto map entry of ASA `show crypto ipsec sa` (only tunnels with IPsec SAs are printed). */
export function asaIpsecEntry(t: Tunnel, device: Device): string {
  const s = suiteOf(t)
  const nat = behindNat(t)
  const seq = crypoMapSeqOf(t)
  const port = nat ? 4500 : 0
  const settings = `{L2L, Tunnel, ${nat ? 'NAT-T-Encaps, ' : ''}${t.index % 3 === 1 ? 'PFS Group 14, ' : ''}IKEv1, }`
  const sa = (direction: string, spi: number, kb: number, packets: number): string[] => [
    `    ${direction} esp sas:`,
    `      spi: 0x${hex8(spi)} (${spi})`,
    '         SA State: active',
    `         transform: ${s.transform} no compression `,
    `         in use settings =${settings}`,
    `         slot: 0, conn_id: ${asaConnId(t)}, crypto-map: ${device.cryptoMap}`,
    `         sa timing: remaining key lifetime (kB/sec): (${kb}/${t.remainingSec})`,
    `         IV size: ${s.ivBytes} bytes`,
    '         replay detection support: Y',
    '         Anti replay bitmap: ',
    `          ${bitmap(packets)}`,
  ]
  return chunk([
    `    Crypto map tag: ${device.cryptoMap}, seq num: ${seq}, local addr: ${t.localAddress}`,
    '',
    `      access-list VPN-ACL-${seq} extended permit ip ${t.localNet.address} ${t.localNet.mask} ${t.remoteNet.address} ${t.remoteNet.mask} `,
    `      local ident (addr/mask/prot/port): (${t.localNet.address}/${t.localNet.mask}/0/0)`,
    `      remote ident (addr/mask/prot/port): (${t.remoteNet.address}/${t.remoteNet.mask}/0/0)`,
    `      current_peer: ${t.peerAddress}`,
    '',
    '',
    `      #pkts encaps: ${t.encaps}, #pkts encrypt: ${t.encaps}, #pkts digest: ${t.encaps}`,
    `      #pkts decaps: ${t.decaps}, #pkts decrypt: ${t.decaps}, #pkts verify: ${t.decaps}`,
    '      #pkts compressed: 0, #pkts decompressed: 0',
    `      #pkts not compressed: ${t.encaps}, #pkts comp failed: 0, #pkts decomp failed: 0`,
    '      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0',
    '      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0',
    '      #TFC rcvd: 0, #TFC sent: 0',
    '      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0',
    `      #send errors: ${t.sendErrors}, #recv errors: ${t.recvErrors}`,
    '',
    `      local crypto endpt.: ${t.localAddress}/${port}, remote crypto endpt.: ${t.peerAddress}/${port}`,
    `      path mtu 1500, ipsec overhead ${nat ? '82(52)' : '74(44)'}, media mtu 1500`,
    '      PMTU time remaining (sec): 0, DF policy: copy-df',
    '      ICMP error validation: disabled, TFC packets: disabled',
    `      current outbound spi: ${hex8(t.outboundSpi)}`,
    `      current inbound spi : ${hex8(t.inboundSpi)}`,
    '',
    ...sa('inbound', t.inboundSpi, t.remainingKbIn, t.decaps),
    ...sa('outbound', t.outboundSpi, t.remainingKbOut, t.encaps),
    '',
  ])
}

/** The output of ASA `show crypto ipsec sa` for `tunnels`. */
export function* asaIpsecSa(device: Device, tunnels: Iterable<Tunnel>): Generator<string> {
  yield 'interface: outside\n'
  for (const t of tunnels) if (ciscoHasPhase2(t)) yield asaIpsecEntry(t, device)
}

function asaIkeState(t: Tunnel): string {
  if (t.fault === 'mm-no-state') return 'MM_WAIT_MSG2'
  if (t.fault === 'mm-key-exch') return 'MM_WAIT_MSG4'
  return 'MM_ACTIVE'
}

/** The output of ASA `show crypto ikev1 sa detail` for `tunnels`. */
export function* asaIkev1SaDetail(tunnels: readonly Tunnel[]): Generator<string> {
  const n = tunnels.length
  yield chunk(['', 'IKEv1 SAs:', '', `   Active SA: ${n}`, '    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)', `Total IKE SA: ${n}`, ''])
  let i = 1
  for (const t of tunnels) {
    const s = suiteOf(t)
    const pair = (a: string, b: string): string => `    ${pad(a, 26)}${b}`
    yield chunk([
      `${pad(i++, 3)} IKE Peer: ${t.peerAddress}`, // "1   IKE Peer: ...", "1000 IKE Peer: ..."
      pair('Type    : L2L', `Role    : ${t.index % 2 === 0 ? 'initiator' : 'responder'}`),
      pair('Rekey   : no', `State   : ${asaIkeState(t)}`),
      pair(`Encrypt : ${s.ikeEncrypt}`, `Hash    : ${s.ikeHash}`),
      pair('Auth    : preshared', 'Lifetime: 86400'),
      `    Lifetime Remaining: ${phase1Stuck(t) ? 0 : t.ikeLifetimeRemainingSec}`,
    ])
  }
  yield '\nThere are no IKEv2 SAs\n'
}

/** "10:15:32 UTC Tue Mar 5 2024" */
function loginTime(time: Date): string {
  return `${hms(time)} UTC ${DAYS[time.getUTCDay()]} ${MONTHS[time.getUTCMonth()]} ${time.getUTCDate()} ${time.getUTCFullYear()}`
}

/** "0h:45m:12s" */
function duration(seconds: number): string {
  return `${Math.floor(seconds / 3600)}h:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m:${String(seconds % 60).padStart(2, '0')}s`
}

/** "Label        : value                  Label2       : value2" */
function twoColumns(a: string, av: string | number, b: string, bv: string | number): string {
  return `  ${pad(a, 13)}: ${pad(av, 23)}${pad(b, 13)}: ${bv}`
}

/** One session of `show vpn-sessiondb detail l2l` (tunnels whose phase 1 is up). */
export function asaSessionRecord(t: Tunnel, index: number, device: Device): string {
  const s = suiteOf(t)
  const phase2 = ciscoHasPhase2(t)
  const age = 86_400 - t.ikeLifetimeRemainingSec
  const login = new Date(device.captureTime.getTime() - age * 1000)
  const bytesTx = t.encaps * 120
  const bytesRx = t.decaps * 118
  const top = (label: string, value: string | number): string => `${pad(label, 13)}: ${value}`
  const lines = [
    top('Connection', t.peerAddress),
    twoColumns('Index', index, 'IP Addr', t.peerAddress).slice(2),
    top('Protocol', phase2 ? 'IKEv1 IPsec' : 'IKEv1'),
    top('Encryption', `IKEv1: (1)${s.sessionEncr}${phase2 ? `  IPsec: (1)${s.sessionEncr}` : ''}`),
    top('Hashing', `IKEv1: (1)${s.sessionHash}${phase2 ? `  IPsec: (1)${s.sessionHash}` : ''}`),
    twoColumns('Bytes Tx', bytesTx, 'Bytes Rx', bytesRx).slice(2),
    top('Login Time', loginTime(login)),
    top('Duration', duration(age)),
    top('IKEv1 Tunnels', 1),
    top('IPsec Tunnels', phase2 ? 1 : 0),
    '',
    'IKEv1:',
    `  ${top('Tunnel ID', `${index}.1`)}`,
    twoColumns('UDP Src Port', behindNat(t) ? 4500 : 500, 'UDP Dst Port', behindNat(t) ? 4500 : 500),
    twoColumns('IKE Neg Mode', 'Main', 'Auth Mode', 'preSharedKeys'),
    twoColumns('Encryption', s.sessionEncr, 'Hashing', s.sessionHash),
    twoColumns('Rekey Int (T)', '86400 Seconds', 'Rekey Left(T)', `${t.ikeLifetimeRemainingSec} Seconds`),
    `  ${top('D/H Group', s.dh)}`,
    `  ${top('Filter Name', '')}`,
    '',
  ]
  if (phase2) {
    lines.push(
      'IPsec:',
      `  ${top('Tunnel ID', `${index}.2`)}`,
      `  ${top('Local Addr', `${t.localNet.address}/${t.localNet.mask}/0/0`)}`,
      `  ${top('Remote Addr', `${t.remoteNet.address}/${t.remoteNet.mask}/0/0`)}`,
      twoColumns('Encryption', s.sessionEncr, 'Hashing', s.sessionHash),
      `  ${top('Encapsulation', 'Tunnel')}`,
      twoColumns('Rekey Int (T)', '28800 Seconds', 'Rekey Left(T)', `${t.remainingSec} Seconds`),
      twoColumns('Rekey Int (D)', '4608000 K-Bytes', 'Rekey Left(D)', `${Math.min(t.remainingKbIn, 4_608_000)} K-Bytes`),
      twoColumns('Idle Time Out', '30 Minutes', 'Idle TO Left', '29 Minutes'),
      twoColumns('Bytes Tx', bytesTx, 'Bytes Rx', bytesRx),
      twoColumns('Pkts Tx', t.encaps, 'Pkts Rx', t.decaps),
      '',
    )
  }
  return chunk(lines)
}

/** The output of ASA `show vpn-sessiondb detail l2l` for `tunnels`. */
export function* asaSessiondbDetail(device: Device, tunnels: Iterable<Tunnel>): Generator<string> {
  yield '\nSession Type: LAN-to-LAN Detailed\n\n'
  let index = 1
  for (const t of tunnels) if (!phase1Stuck(t)) yield asaSessionRecord(t, index++, device)
}
