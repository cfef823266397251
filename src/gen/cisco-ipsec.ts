/**
 * IOS-XE `show crypto ipsec sa detail` in the layout of newer trains (see
 * test/fixtures/cisco/show-crypto-ipsec-sa/detail-newer-train.txt): protected vrf, the full list of
 * detail counters (no sa, replay rollover, tagged, internal errors ...), plaintext/ip mtu, the PFS
 * line, every inbound/outbound esp/ah/pcp section and a Status line per SA. It is also the layout
 * of the benchmark's manual-layout capture (manual.ts).
 */
import {ciscoHasPhase2} from './cisco.js'
import {chunk} from './text.js'
import {type Device, type Tunnel, hex8} from './tunnels.js'

interface XeTransform {
  transform: string
  ivBytes: number
  pfsGroup: string | null
}

const XE_TRANSFORMS: readonly XeTransform[] = [
  {transform: 'esp-aes 256 esp-sha256-hmac', ivBytes: 16, pfsGroup: 'group14'},
  {transform: 'esp-gcm 256', ivBytes: 8, pfsGroup: 'group19'},
  {transform: 'esp-aes esp-sha-hmac', ivBytes: 16, pfsGroup: null},
]

export function xeTransformOf(t: Tunnel): XeTransform {
  return XE_TRANSFORMS[t.index % XE_TRANSFORMS.length]
}

/** One tunnel in five sits behind NAT: its flow shows port 4500 and UDP-Encaps SAs. */
export function behindNat(t: Tunnel): boolean {
  return t.index % 5 === 3
}

/** "0x8CC4FD2B(2361720107)" */
export function spiText(spi: number): string {
  return `0x${hex8(spi)}(${spi})`
}

/** The #pkts lines of a newer train, from encaps to the send/recv errors. */
export function xeCounterLines(t: Tunnel): string[] {
  const noSa = t.fault === 'no-phase2' ? t.index % 7 + 1 : 0
  return [
    `    #pkts encaps: ${t.encaps}, #pkts encrypt: ${t.encaps}, #pkts digest: ${t.encaps}`,
    `    #pkts decaps: ${t.decaps}, #pkts decrypt: ${t.decaps}, #pkts verify: ${t.decaps}`,
    '    #pkts compressed: 0, #pkts decompressed: 0',
    '    #pkts not compressed: 0, #pkts compr. failed: 0',
    '    #pkts not decompressed: 0, #pkts decompress failed: 0',
    `    #pkts no sa (send) ${noSa}, #pkts invalid sa (rcv) 0`,
    '    #pkts encaps failed (send) 0, #pkts decap failed (rcv) 0',
    '    #pkts invalid prot (recv) 0, #pkts verify failed: 0',
    '    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0',
    '    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0',
    `    ##pkts replay failed (rcv): ${t.recvErrors}`,
    '    #pkts tagged (send): 0, #pkts untagged (rcv): 0',
    '    #pkts not tagged (send): 0, #pkts not untagged (rcv): 0',
    '    #pkts internal err (send): 0, #pkts internal err (recv) 0',
    `    #send errors ${t.sendErrors}, #recv errors ${t.recvErrors}`,
  ]
}

/** One flow of `show crypto ipsec sa detail` (IOS-XE), starting with its blank separator line. */
export function xeIpsecFlow(t: Tunnel, device: Device): string {
  const phase2 = ciscoHasPhase2(t)
  const tf = xeTransformOf(t)
  const nat = behindNat(t)
  const out: string[] = [
    '',
    '   protected vrf: (none)',
    `   local  ident (addr/mask/prot/port): (${t.localNet.address}/${t.localNet.mask}/0/0)`,
    `   remote ident (addr/mask/prot/port): (${t.remoteNet.address}/${t.remoteNet.mask}/0/0)`,
    `   current_peer ${t.peerAddress} port ${nat ? 4500 : 500}`,
    '     PERMIT, flags={origin_is_acl,}',
    ...xeCounterLines(t),
    '',
    `     local crypto endpt.: ${t.localAddress}, remote crypto endpt.: ${t.peerAddress}`,
    `     plaintext mtu ${nat ? 1422 : 1438}, path mtu 1500, ip mtu 1500, ip mtu idb ${device.interfaceName}`,
    `     current outbound spi: ${phase2 ? spiText(t.outboundSpi) : '0x0(0)'}`,
    phase2 && tf.pfsGroup ? `     PFS (Y/N): Y, DH group: ${tf.pfsGroup}` : '     PFS (Y/N): N, DH group: none',
    '',
    '     inbound esp sas:',
  ]
  const sa = (spi: number, connId: number, kb: number): void => {
    out.push(
      `      spi: ${spiText(spi)}`,
      `        transform: ${tf.transform} ,`,
      `        in use settings ={Tunnel${nat ? ' UDP-Encaps' : ''}, }`,
      `        conn id: ${connId}, flow_id: SW:${connId - 1999}, sibling_flags ${nat ? '80004040' : '80000040'}, crypto map: ${device.cryptoMap}`,
      `        sa timing: remaining key lifetime (k/sec): (${kb}/${t.remainingSec})`,
      '        Kilobyte Volume Rekey has been disabled',
      `        IV size: ${tf.ivBytes} bytes`,
      '        replay detection support: Y',
      '        Status: ACTIVE(ACTIVE)',
      '',
    )
  }
  if (phase2) sa(t.inboundSpi, 2000 + 2 * t.index, t.remainingKbIn)
  else out.push('')
  out.push('     inbound ah sas:', '', '     inbound pcp sas:', '', '     outbound esp sas:')
  if (phase2) sa(t.outboundSpi, 2001 + 2 * t.index, t.remainingKbOut)
  else out.push('')
  out.push('     outbound ah sas:', '', '     outbound pcp sas:')
  return chunk(out)
}

/** The output of `show crypto ipsec sa detail` for `tunnels` (no prompt line). */
export function* xeIpsecSaDetail(device: Device, tunnels: Iterable<Tunnel>): Generator<string> {
  yield `\ninterface: ${device.interfaceName}\n    Crypto map tag: ${device.cryptoMap}, local addr ${device.localAddress}\n`
  for (const t of tunnels) yield xeIpsecFlow(t, device)
  yield '\n'
}
