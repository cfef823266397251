/**
 * The benchmark's "manual-layout capture": what a user pastes from an IOS-XE hub, one
 * `R1#show crypto ipsec sa detail` prompt line and then the flows in the layout of
 * test/fixtures/cisco/show-crypto-ipsec-sa/detail-newer-train.txt. 4,500 flows make about 10 MB.
 */
import {xeIpsecSaDetail} from './cisco-ipsec.js'
import {buildDevice} from './tunnels.js'

export const MANUAL_LAYOUT_FLOWS = 4500

export function* manualLayoutChunks(flows = MANUAL_LAYOUT_FLOWS, seed = 7): Generator<string> {
  const device = {...buildDevice({vendor: 'cisco', platform: 'iosxe', tunnels: flows, faults: 0.1, seed}), hostname: 'R1'}
  yield 'R1#show crypto ipsec sa detail\n'
  yield* xeIpsecSaDetail(device, device.tunnels)
}
