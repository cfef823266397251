/**
 * The command families the generator prints, and the capture of each platform. A family is one
 * show command in one platform's layout; `familyChunks` prints a capture of just that command (one
 * prompt line, then the output for every tunnel of the device), `platformChunks` the capture of a
 * whole device, command by command, as an engineer would collect it.
 */
import {asaIkev1SaDetail, asaIpsecSa, asaSessiondbDetail} from './asa.js'
import {ikev2SaDetailed, isakmpSaDetail, xeIkeVersion} from './cisco-ike.js'
import {xeIpsecSaDetail} from './cisco-ipsec.js'
import {cryptoSessionDetail} from './cisco-session.js'
import {ciscoClock, ciscoCryptoMapEntry, ciscoEngineRows, ciscoIdentBlock, ciscoIsakmpRows} from './cisco.js'
import {mxIkeSaDetail, mxIpsecSaDetail} from './junos-mx.js'
import {srxIkeSaDetail, srxIpsecSaDetail} from './junos-srx.js'
import {junosHasPhase2, junosIkeDetail, junosIkeStatistics, junosIpsecDetail, junosUptime} from './junos.js'
import {type Device, type Platform, type Tunnel, vendorOf} from './tunnels.js'

export interface Family {
  id: string
  platform: Platform
  /** The command as typed after the prompt. */
  command: string
  /** The output (no prompt line) for `tunnels` of `device`. */
  render: (device: Device, tunnels: readonly Tunnel[]) => Iterable<string>
}

function* each(tunnels: readonly Tunnel[], render: (t: Tunnel) => string): Generator<string> {
  for (const t of tunnels) yield render(t)
}

export const FAMILIES: readonly Family[] = [
  {id: 'ios-isakmp-sa', platform: 'ios', command: 'show crypto isakmp sa', render: (_d, ts) => ciscoIsakmpRows(ts)},
  {
    id: 'ios-ipsec-sa',
    platform: 'ios',
    command: 'show crypto ipsec sa',
    render: function* (d, ts) {
      yield `\ninterface: ${d.interfaceName}\n    Crypto map tag: ${d.cryptoMap}, local addr. ${d.localAddress}\n`
      yield* each(ts, (t) => ciscoIdentBlock(t, d.cryptoMap))
    },
  },
  {
    id: 'ios-engine-connections',
    platform: 'ios',
    command: 'show crypto engine connections active',
    render: function* (d, ts) {
      yield '\n'
      yield* ciscoEngineRows(ts, d.interfaceName, d.localAddress)
    },
  },
  {
    id: 'ios-crypto-map',
    platform: 'ios',
    command: 'show crypto map',
    render: function* (d, ts) {
      yield* each(ts, (t) => ciscoCryptoMapEntry(t, d.cryptoMap))
      yield `Interfaces using crypto map ${d.cryptoMap}:\n\t\t${d.interfaceName}\n`
    },
  },
  {id: 'iosxe-isakmp-sa-detail', platform: 'iosxe', command: 'show crypto isakmp sa detail', render: (_d, ts) => isakmpSaDetail(ts)},
  {id: 'iosxe-ikev2-sa-detailed', platform: 'iosxe', command: 'show crypto ikev2 sa detailed', render: (_d, ts) => ikev2SaDetailed(ts)},
  {id: 'iosxe-ipsec-sa-detail', platform: 'iosxe', command: 'show crypto ipsec sa detail', render: (d, ts) => xeIpsecSaDetail(d, ts)},
  {id: 'iosxe-session-detail', platform: 'iosxe', command: 'show crypto session detail', render: (d, ts) => cryptoSessionDetail(d, ts)},
  {id: 'asa-ikev1-sa-detail', platform: 'asa', command: 'show crypto ikev1 sa detail', render: (_d, ts) => asaIkev1SaDetail(ts)},
  {id: 'asa-ipsec-sa', platform: 'asa', command: 'show crypto ipsec sa', render: (d, ts) => asaIpsecSa(d, ts)},
  {id: 'asa-vpn-sessiondb-l2l', platform: 'asa', command: 'show vpn-sessiondb detail l2l', render: (d, ts) => asaSessiondbDetail(d, ts)},
  {id: 'junos-ike-sa-detail', platform: 'junos', command: 'show ike security-associations detail', render: (_d, ts) => each(ts, junosIkeDetail)},
  {id: 'junos-ipsec-sa-detail', platform: 'junos', command: 'show ipsec security-associations detail', render: (_d, ts) => each(ts, junosIpsecDetail)},
  {
    id: 'mx-ike-statistics',
    platform: 'mx',
    command: 'show services ipsec-vpn ike statistics',
    render: (_d, ts) => each(ts.filter(junosHasPhase2), junosIkeStatistics),
  },
  {id: 'srx-ike-sa-detail', platform: 'srx', command: 'show security ike security-associations detail', render: (_d, ts) => srxIkeSaDetail(ts)},
  {id: 'srx-ipsec-sa-detail', platform: 'srx', command: 'show security ipsec security-associations detail', render: (d, ts) => srxIpsecSaDetail(d, ts)},
  {id: 'mx-ike-sa-detail', platform: 'mx', command: 'show services ipsec-vpn ike security-associations detail', render: (_d, ts) => mxIkeSaDetail(ts)},
  {id: 'mx-ipsec-sa-detail', platform: 'mx', command: 'show services ipsec-vpn ipsec security-associations detail', render: (_d, ts) => mxIpsecSaDetail(ts)},
]

export function familyById(id: string): Family {
  const family = FAMILIES.find((f) => f.id === id)
  if (!family) throw new Error(`unknown command family ${id}; known: ${FAMILIES.map((f) => f.id).join(', ')}`)
  return family
}

export function promptOf(device: Device): string {
  return device.vendor === 'cisco' ? `${device.hostname}#` : `admin@${device.hostname}> `
}

/** A capture of one command family: its prompt line, then its output for every tunnel of `device`. */
export function* familyChunks(device: Device, id: string): Generator<string> {
  const family = familyById(id)
  if (vendorOf(family.platform) !== device.vendor) throw new Error(`family ${id} is a ${vendorOf(family.platform)} command, the device is ${device.vendor}`)
  yield `${promptOf(device)}${family.command}\n`
  yield* family.render(device, device.tunnels)
}

/** Families of a platform's device capture, each with the tunnels it prints (IOS-XE splits IKEv1/IKEv2). */
function platformPlan(device: Device): Array<[string, readonly Tunnel[]]> {
  const all = device.tunnels
  switch (device.platform) {
    case 'ios':
      return [['ios-isakmp-sa', all], ['ios-ipsec-sa', all], ['ios-engine-connections', all], ['ios-crypto-map', all]]
    case 'iosxe':
      return [
        ['iosxe-isakmp-sa-detail', all.filter((t) => xeIkeVersion(t) === 1)],
        ['iosxe-ikev2-sa-detailed', all.filter((t) => xeIkeVersion(t) === 2)],
        ['iosxe-ipsec-sa-detail', all],
        ['iosxe-session-detail', all],
      ]
    case 'asa':
      return [['asa-ikev1-sa-detail', all], ['asa-ipsec-sa', all], ['asa-vpn-sessiondb-l2l', all]]
    case 'junos':
      return [['junos-ike-sa-detail', all], ['junos-ipsec-sa-detail', all], ['mx-ike-statistics', all]]
    case 'srx':
      return [['srx-ike-sa-detail', all], ['srx-ipsec-sa-detail', all]]
    case 'mx':
      return [['mx-ike-sa-detail', all], ['mx-ipsec-sa-detail', all], ['mx-ike-statistics', all]]
  }
}

/** The whole capture of a device: its clock or uptime, then each command of its platform. */
export function* platformChunks(device: Device): Generator<string> {
  const prompt = promptOf(device)
  if (device.vendor === 'cisco') yield `${prompt}show clock\n${ciscoClock(device.captureTime)}\n`
  else yield `${prompt}show system uptime\n${junosUptime(device)}`
  for (const [id, tunnels] of platformPlan(device)) {
    const family = familyById(id)
    yield `${prompt}${family.command}\n`
    yield* family.render(device, tunnels)
    if (device.vendor === 'cisco') yield '\n'
  }
  if (device.vendor === 'junos') yield '\n'
  yield `${prompt}\n`
}
