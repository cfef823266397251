/**
 * Derived values from device-wide data-plane counters (Junos `show security ipsec statistics`), used by
 * the IKE SA derivation (derive.ts).
 */
import type {DeviceIndex} from './device-index.js'
import type {Phase2Capture} from './derive.js'
import {NONE} from './derive-common.js'
import type {Thresholds} from './thresholds.js'

/**
 * Junos data-plane counters (show security ipsec statistics [index N]) that can only be the peer's
 * show encrypted packets >= encapsFloor and none decrypted:
 *   Encrypted packets:          61342
 *   Decrypted packets:              0
 * Statistics of one tunnel index count when a flow of the peer has that index (SRX "<131074 ESP:..."
 * rows give the flow name 131074); the device totals (no index) count only when the complete phase 2
 * listing holds flows toward this peer alone, so every packet is this peer's.
 */
export function statsZeroDecaps(ix: DeviceIndex, peer: string, phase2: Phase2Capture | undefined, t: Thresholds): boolean {
  const stats = ix.facts.ipsecStats
  if (!stats || stats.length === 0) return false
  const flows = (ix.flowsByPeer.get(peer) ?? NONE).filter((f) => !f.transportParent)
  if (flows.length === 0) return false
  const names = new Set(flows.map((f) => f.name))
  const soleTunnelPeer = phase2?.complete === true && (ix.facts.ipsecFlow ?? NONE).every((f) => f.transportParent || f.remoteAddress === peer)
  for (const s of stats) {
    const ours = s.tunnelIndex === null ? soleTunnelPeer : names.has(String(s.tunnelIndex))
    if (ours && (s.encryptedPackets ?? 0) >= t.encapsFloor && s.decryptedPackets === 0) return true
  }
  return false
}
