/**
 * Vendor-neutral description of the tunnels of one generated device. The renderers in cisco.ts and
 * junos.ts print these as show outputs; tests build Tunnel objects themselves and check that the
 * parsers read the same values back.
 */
import {SeededRandom} from './random.js'

export type CiscoFault = 'mm-no-state' | 'mm-key-exch' | 'zero-decaps' | 'no-phase2' | 'send-errors'
export type JunosFault = 'not-matured' | 'soft-expired' | 'dpd-missed' | 'not-installed' | 'family-down'
export type Fault = CiscoFault | JunosFault

export const CISCO_FAULTS: readonly CiscoFault[] = ['mm-no-state', 'mm-key-exch', 'zero-decaps', 'no-phase2', 'send-errors']
export const JUNOS_FAULTS: readonly JunosFault[] = ['not-matured', 'soft-expired', 'dpd-missed', 'not-installed', 'family-down']

export interface Subnet {
  address: string
  mask: string
  prefix: number
}

export interface Tunnel {
  index: number
  /** Name used for Junos security associations and Cisco crypto map sequence comments. */
  name: string
  localAddress: string
  peerAddress: string
  localNet: Subnet
  remoteNet: Subnet
  fault: Fault | null
  /** Cisco ISAKMP conn-id / Junos index. */
  connId: number
  initiatorCookie: string
  responderCookie: string
  ikeLifetimeRemainingSec: number
  inboundSpi: number
  outboundSpi: number
  encaps: number
  decaps: number
  sendErrors: number
  recvErrors: number
  remainingKbIn: number
  remainingKbOut: number
  remainingSec: number
  ikeInBytes: number
  ikeOutBytes: number
  ikeInPackets: number
  ikeOutPackets: number
  ipsecCreated: number
  ipsecDeleted: number
  rekeys: number
  dpdSent: number
  dpdAcksReceived: number
  dpdAcksMissed: number
  dpdWorstDelayMs: number
}

/**
 * The platform whose outputs a device prints: IOS 12.x (classic layouts), IOS-XE, ASA, Junos with
 * the legacy ES-PIC and MX statistics commands, SRX, MX services PIC.
 */
export type Platform = 'ios' | 'iosxe' | 'asa' | 'junos' | 'srx' | 'mx'

export const PLATFORMS: readonly Platform[] = ['ios', 'iosxe', 'asa', 'junos', 'srx', 'mx']

export function vendorOf(platform: Platform): 'cisco' | 'junos' {
  return platform === 'ios' || platform === 'iosxe' || platform === 'asa' ? 'cisco' : 'junos'
}

const HOSTNAMES: Record<Platform, string> = {ios: 'hub-rtr1', iosxe: 'hub-xe1', asa: 'hub-asa1', junos: 'hub-srx1', srx: 'hub-srx1', mx: 'hub-mx1'}

export interface Device {
  vendor: 'cisco' | 'junos'
  platform: Platform
  hostname: string
  /** Crypto interface (Cisco) of the device. */
  interfaceName: string
  cryptoMap: string
  localAddress: string
  captureTime: Date
  bootTime: Date
  tunnels: Tunnel[]
}

export interface GenerateOptions {
  vendor: 'cisco' | 'junos'
  tunnels: number
  /** Share of tunnels (0..1) that carry a fault. */
  faults: number
  seed: number
  /** Platform of the device (default: ios for cisco, junos for junos); its vendor must be `vendor`. */
  platform?: Platform
}

/** Peer address of tunnel i: 10.a.b.c with c in 1..250, unique up to 15 million tunnels. */
export function peerAddressOf(index: number): string {
  const c = (index % 250) + 1
  const b = Math.floor(index / 250) % 250
  const a = 1 + Math.floor(index / 62_500)
  return `10.${a}.${b}.${c}`
}

/** Remote protected subnet of tunnel i: a /24 in 100.64.0.0/10 (16,384 distinct, then wraps). */
export function remoteNetOf(index: number): Subnet {
  const third = index % 256
  const second = 64 + (Math.floor(index / 256) % 64)
  return {address: `100.${second}.${third}.0`, mask: '255.255.255.0', prefix: 24}
}

export const HUB_NET: Subnet = {address: '172.16.0.0', mask: '255.255.0.0', prefix: 16}

export function buildDevice(opts: GenerateOptions): Device {
  const platform = opts.platform ?? (opts.vendor === 'cisco' ? 'ios' : 'junos')
  if (vendorOf(platform) !== opts.vendor) throw new Error(`platform ${platform} is not a ${opts.vendor} platform`)
  const rnd = new SeededRandom(opts.seed)
  const captureTime = new Date(Date.UTC(2026, 10, 23, 10, 15, 32) + rnd.int(0, 86_400) * 1000)
  const bootTime = new Date(captureTime.getTime() - rnd.int(2, 200) * 86_400_000 - rnd.int(0, 86_399) * 1000)
  const localAddress = opts.vendor === 'cisco' ? '198.51.100.1' : '192.0.2.1'
  const faultList: readonly Fault[] = opts.vendor === 'cisco' ? CISCO_FAULTS : JUNOS_FAULTS
  const tunnels: Tunnel[] = []
  for (let i = 0; i < opts.tunnels; i++) {
    const fault = rnd.chance(opts.faults) ? rnd.pick(faultList) : null
    tunnels.push(buildTunnel(rnd, i, localAddress, fault))
  }
  return {
    vendor: opts.vendor,
    platform,
    hostname: HOSTNAMES[platform],
    interfaceName: platform === 'asa' ? 'outside' : 'GigabitEthernet0/0',
    cryptoMap: 'VPN-MAP',
    localAddress,
    captureTime,
    bootTime,
    tunnels,
  }
}

export function buildTunnel(rnd: SeededRandom, index: number, localAddress: string, fault: Fault | null): Tunnel {
  const traffic = fault === 'mm-no-state' || fault === 'mm-key-exch' || fault === 'no-phase2' || fault === 'not-matured'
  const encaps = traffic ? 0 : rnd.int(100, 5_000_000)
  const decaps = traffic || fault === 'zero-decaps' ? 0 : rnd.int(100, 5_000_000)
  const created = rnd.int(1, 60)
  const dpdSent = rnd.int(0, 40)
  return {
    index,
    name: `vpn-${index + 1}`,
    localAddress,
    peerAddress: peerAddressOf(index),
    localNet: HUB_NET,
    remoteNet: remoteNetOf(index),
    fault,
    connId: 1001 + index,
    initiatorCookie: rnd.hex(16),
    responderCookie: fault === 'not-matured' ? '0000000000000000' : rnd.hex(16),
    ikeLifetimeRemainingSec: rnd.int(60, 86_400),
    inboundSpi: rnd.u32NonZero(),
    outboundSpi: rnd.u32NonZero(),
    encaps,
    decaps,
    sendErrors: fault === 'send-errors' ? rnd.int(50, 5000) : 0,
    recvErrors: rnd.chance(0.02) ? rnd.int(1, 3) : 0,
    remainingKbIn: rnd.int(1_000, 4_608_000),
    remainingKbOut: rnd.int(1_000, 4_608_000),
    remainingSec: rnd.int(30, 3600),
    ikeInBytes: rnd.int(500, 200_000),
    ikeOutBytes: rnd.int(500, 200_000),
    ikeInPackets: rnd.int(5, 2_000),
    ikeOutPackets: rnd.int(5, 2_000),
    ipsecCreated: created,
    ipsecDeleted: Math.max(0, created - 2),
    rekeys: Math.max(0, Math.floor(created / 2)),
    dpdSent,
    dpdAcksReceived: fault === 'dpd-missed' ? Math.max(0, dpdSent - 5) : dpdSent,
    dpdAcksMissed: fault === 'dpd-missed' ? rnd.int(5, 20) : 0,
    dpdWorstDelayMs: rnd.int(0, 800),
  }
}

export function hex8(value: number): string {
  return value.toString(16).toUpperCase().padStart(8, '0')
}
