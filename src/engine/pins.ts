/**
 * Pair findings that pin the failure of a device and peer, and so lead its findings (grouping.ts).
 *
 * Configuration of both ends that cannot negotiate at all (no common IKE version, no common IKE or
 * IPsec proposal): the state findings of either end toward the other (IKEv2 SA IN-NEG, IKE SA DOWN,
 * no phase 2) are what that mismatch does, so the pair finding comes first.
 *
 * A refused phase 2 proposal that the log names loosely (IOS "IPSec policy invalidated proposal with
 * error 256" is a transform set or a PFS mismatch, IOS-D07) while the configuration of both ends pins
 * it: the pair comparison finds PFS on one side only (or other PFS groups) and no transform
 * difference. The pair finding then leads the log finding of that device and peer (grouping.ts), so
 * the report's first line does not suggest changing a transform set that both ends share.
 */
import type {Derived} from './derive-common.js'
import type {FindingEntity} from './findings.js'

/** Log rules of a refused phase 2 proposal: their finding goes under a pair finding that pins PFS. */
export const PHASE2_PROPOSAL_LOG_RULES = new Set(['ipsec-transform-mismatch'])

// "PFS: R1 Y, R2 N", "PFS DH group: R1 14, R2 5" (src/engine/pair/compare.ts)
const PFS_DIFF = /^PFS\b/

/**
 * The device + peer keys ("device\0peer address") a pair finding pins to a PFS difference, or
 * undefined: pair-transform-mismatch whose differences are all PFS ones, config-pair-pfs-mismatch
 * with no phase 2 proposal difference.
 */
export function pinKeys(ruleId: string, entity: FindingEntity, derived: Derived, device: string): string[] | undefined {
  const e = entity as Record<string, unknown>
  if (CONFIG_PAIR_ROOTS.has(ruleId) && entity.kind === 'configPair') return configPairKeys(e, derived, device)
  if (ruleId === 'pair-transform-mismatch' && entity.kind === 'tunnelPair') {
    const diffs = (e.transformDiffs as string[] | undefined) ?? []
    if (diffs.length === 0 || !diffs.every((d) => PFS_DIFF.test(d))) return undefined
    const keys: string[] = []
    if (e.addressB) keys.push(`${e.deviceA}\u0000${e.addressB}`)
    if (e.addressA) keys.push(`${e.deviceB}\u0000${e.addressA}`)
    return keys
  }
  if (ruleId === 'config-pair-pfs-mismatch' && entity.kind === 'configPair') {
    if (e.ipsecNoCommon === true || ((e.ipsecDiffs as string[] | undefined) ?? []).length > 0) return undefined
    return configPairKeys(e, derived, device)
  }
  return undefined
}

/** Configuration pair findings that leave the two ends nothing to agree on (ike-proposal-mismatch: its configPair branch). */
const CONFIG_PAIR_ROOTS = new Set(['config-pair-ike-version-mismatch', 'ike-proposal-mismatch', 'config-pair-ipsec-no-common'])

/** Both ends' device + peer keys of a configuration pair finding. */
function configPairKeys(e: Record<string, unknown>, derived: Derived, device: string): string[] | undefined {
  const peer = derived.values.peer as string | null | undefined
  const otherPeer = derived.values.otherPeer as string | null | undefined
  const keys: string[] = []
  if (peer) keys.push(`${device}\u0000${peer}`)
  if (otherPeer) keys.push(`${device === e.deviceA ? e.deviceB : e.deviceA}\u0000${otherPeer}`)
  return keys.length > 0 ? keys : undefined
}
