/**
 * IOS 12.x outputs in the layout of the reference samples (indented as the device prints): show
 * clock, show crypto isakmp sa, show crypto ipsec sa, show crypto engine connections active and show
 * crypto map. Every function returns or yields text chunks that end with a newline so large captures
 * can be streamed; families.ts puts them together into captures.
 */
import {DAYS, MONTHS, pad, padLeft, wildcard} from './text.js'
import {type Tunnel, hex8} from './tunnels.js'

interface CiscoTransform {
  transform: string
  transformSet: string
  engineAlgorithm: string
  ivBytes: number
}

const TRANSFORMS: readonly CiscoTransform[] = [
  {transform: 'esp-aes esp-sha-hmac', transformSet: 'TS-AES128', engineAlgorithm: 'HMAC_SHA+AES_CBC', ivBytes: 16},
  {transform: 'esp-256-aes esp-sha-hmac', transformSet: 'TS-AES256', engineAlgorithm: 'HMAC_SHA+AES_256_C', ivBytes: 16},
  {transform: 'esp-3des esp-sha-hmac', transformSet: 'TS-3DES', engineAlgorithm: 'HMAC_SHA+3DES_56_C', ivBytes: 8},
]

export function ciscoTransformOf(t: Tunnel): CiscoTransform {
  return TRANSFORMS[t.index % TRANSFORMS.length]
}

/** Tunnels whose phase 1 never finished: no IPsec SAs, no engine rows. */
export function ciscoHasPhase2(t: Tunnel): boolean {
  return t.fault !== 'mm-no-state' && t.fault !== 'mm-key-exch' && t.fault !== 'no-phase2'
}

export function ciscoIkeState(t: Tunnel): string {
  if (t.fault === 'mm-no-state') return 'MM_NO_STATE'
  if (t.fault === 'mm-key-exch') return 'MM_KEY_EXCH'
  return 'QM_IDLE'
}

/** Engine connection ids of a tunnel's inbound and outbound SA. */
export function ciscoSaConnIds(t: Tunnel): {inbound: number; outbound: number} {
  return {inbound: 2000 + 2 * t.index, outbound: 2001 + 2 * t.index}
}

export function crypoMapSeqOf(t: Tunnel): number {
  return 10 * (t.index + 1)
}

/** "10:15:32.123 UTC Mon Nov 23 2026" */
export function ciscoClock(time: Date): string {
  const hh = String(time.getUTCHours()).padStart(2, '0')
  const mm = String(time.getUTCMinutes()).padStart(2, '0')
  const ss = String(time.getUTCSeconds()).padStart(2, '0')
  const ms = String(time.getUTCMilliseconds()).padStart(3, '0')
  return `${hh}:${mm}:${ss}.${ms} UTC ${DAYS[time.getUTCDay()]} ${MONTHS[time.getUTCMonth()]} ${time.getUTCDate()} ${time.getUTCFullYear()}`
}

export function* ciscoIsakmpRows(tunnels: Iterable<Tunnel>): Generator<string> {
  yield 'dst             src             state          conn-id slot\n'
  for (const t of tunnels) {
    yield `${pad(t.peerAddress, 16)}${pad(t.localAddress, 16)}${pad(ciscoIkeState(t), 15)}${padLeft(t.connId, 7)}    0\n`
  }
}

export function ciscoIdentBlock(t: Tunnel, cryptoMap: string): string {
  const phase2 = ciscoHasPhase2(t)
  const tf = ciscoTransformOf(t)
  const ids = ciscoSaConnIds(t)
  const out: string[] = [
    '',
    `   local ident (addr/mask/prot/port): (${t.localNet.address}/${t.localNet.mask}/0/0)`,
    `   remote ident (addr/mask/prot/port): (${t.remoteNet.address}/${t.remoteNet.mask}/0/0)`,
    `   current_peer: ${t.peerAddress}`,
    '     PERMIT, flags={origin_is_acl,}',
    `    #pkts encaps: ${t.encaps}, #pkts encrypt: ${t.encaps}, #pkts digest ${t.encaps}`,
    `    #pkts decaps: ${t.decaps}, #pkts decrypt: ${t.decaps}, #pkts verify ${t.decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0, #pkts decompress failed: 0',
    `    #send errors ${t.sendErrors}, #recv errors ${t.recvErrors}`,
    '',
    `     local crypto endpt.: ${t.localAddress}, remote crypto endpt.: ${t.peerAddress}`,
    '     path mtu 1500, media mtu 1500',
    `     current outbound spi: ${phase2 ? hex8(t.outboundSpi) : '0'}`,
    '',
    '     inbound esp sas:',
  ]
  const sa = (spi: number, connId: number, flowId: number, kb: number): void => {
    out.push(
      `      spi: 0x${hex8(spi)}(${spi})`,
      `        transform: ${tf.transform} ,`,
      '        in use settings ={Tunnel, }',
      `        slot: 0, conn id: ${connId}, flow_id: ${flowId}, crypto map: ${cryptoMap}`,
      `        sa timing: remaining key lifetime (k/sec): (${kb}/${t.remainingSec})`,
      `        IV size: ${tf.ivBytes} bytes`,
      '        replay detection support: Y',
    )
  }
  if (phase2) sa(t.inboundSpi, ids.inbound, 2 * t.index + 1, t.remainingKbIn)
  out.push('', '     inbound ah sas:', '', '     inbound pcp sas:', '', '     outbound esp sas:')
  if (phase2) sa(t.outboundSpi, ids.outbound, 2 * t.index + 2, t.remainingKbOut)
  out.push('', '     outbound ah sas:', '', '     outbound pcp sas:', '')
  return out.join('\n') + '\n'
}

export function* ciscoEngineRows(tunnels: Iterable<Tunnel>, iface: string, localAddress: string): Generator<string> {
  yield '  ID Interface            IP-Address      State  Algorithm           Encrypt  Decrypt\n'
  for (const t of tunnels) {
    const tf = ciscoTransformOf(t)
    if (t.fault === 'mm-no-state' || t.fault === 'mm-key-exch') continue
    yield `${padLeft(t.connId, 4)} ${pad('', 20)} ${pad('', 15)} set    ${pad(tf.engineAlgorithm, 18)} ${padLeft(0, 8)} ${padLeft(0, 8)}\n`
    if (!ciscoHasPhase2(t)) continue
    const ids = ciscoSaConnIds(t)
    const row = (id: number, enc: number, dec: number): string =>
      `${padLeft(id, 4)} ${pad(iface, 20)} ${pad(localAddress, 15)} set    ${pad(tf.engineAlgorithm, 18)} ${padLeft(enc, 8)} ${padLeft(dec, 8)}\n`
    yield row(ids.inbound, 0, t.decaps)
    yield row(ids.outbound, t.encaps, 0)
  }
}

export function ciscoCryptoMapEntry(t: Tunnel, mapName: string): string {
  const seq = crypoMapSeqOf(t)
  const acl = `VPN-ACL-${seq}`
  return [
    `Crypto Map "${mapName}" ${seq} ipsec-isakmp`,
    `\tPeer = ${t.peerAddress}`,
    `\tExtended IP access list ${acl}`,
    `\t    access-list ${acl} permit ip ${t.localNet.address} ${wildcard(t.localNet.mask)} ${t.remoteNet.address} ${wildcard(t.remoteNet.mask)}`,
    `\tCurrent peer: ${t.peerAddress}`,
    '\tSecurity association lifetime: 4608000 kilobytes/3600 seconds',
    '\tPFS (Y/N): N',
    `\tTransform sets={ ${ciscoTransformOf(t).transformSet}, }`,
    '',
  ].join('\n') + '\n'
}
