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
 * the report's first line does not suggest changing a transform set that both ends share. The log
 * finding and the pair findings are all pair-transform-mismatch (its logEvent, tunnelPair and
 * configPair branches), the id conditions.md and log-messages.md give the fault.
 */
import type {Derived} from './derive-common.js'
import type {FindingEntity} from './findings.js'

/** Rules whose log finding is a refused phase 2 proposal: it goes under a pair finding that pins PFS. */
export const PHASE2_PROPOSAL_LOG_RULES = new Set(['pair-transform-mismatch'])

// "PFS: R1 Y, R2 N", "PFS DH group: R1 14, R2 5" (src/engine/pair/compare.ts)
const PFS_DIFF = /^PFS\b/

/**
 * The device + peer keys ("device\0peer address") a pair finding pins, or undefined: over the SAs of
 * both ends, pair-transform-mismatch whose differences are all PFS ones; over the configuration of
 * both ends, a mismatch that leaves nothing to agree on and pair-transform-mismatch (no common phase 2
 * proposal, or PFS that differs).
 */
export function pinKeys(ruleId: string, entity: FindingEntity, derived: Derived, device: string): string[] | undefined {
  const e = entity as Record<string, unknown>
  if (CONFIG_PAIR_ROOTS.has(ruleId) && entity.kind === 'configPair') return configPairKeys(e, derived, device)
  if (ruleId === 'pair-transform-mismatch' && entity.kind === 'tunnelPair') {
    const diffs = (e.transformDiffs as string[] | undefined) ?? []
    if (diffs.length === 0 || !diffs.every((d) => PFS_DIFF.test(d))) return undefined
    return endKeys(entity, derived, device) ?? []
  }
  return undefined
}

/**
 * Both ends' device + peer keys of a pair finding (tunnelPair, configPair), or undefined for other
 * entities: a rule that reads a pair and the log of one end (pair-transform-mismatch) finds one fault
 * twice, and grouping.ts lists the second finding under the first.
 */
export function endKeys(entity: FindingEntity, derived: Derived, device: string): string[] | undefined {
  const e = entity as Record<string, unknown>
  if (entity.kind === 'configPair') return configPairKeys(e, derived, device)
  if (entity.kind !== 'tunnelPair') return undefined
  const keys: string[] = []
  if (e.addressB) keys.push(`${e.deviceA}\u0000${e.addressB}`)
  if (e.addressA) keys.push(`${e.deviceB}\u0000${e.addressA}`)
  return keys.length > 0 ? keys : undefined
}

/**
 * Configuration pair findings that leave the two ends nothing to agree on: no common IKE version or
 * IKE proposal (ike-proposal-mismatch: its configPair branch), and pair-transform-mismatch over the configuration (no common phase 2 proposal, or PFS
 * that differs, which the responder refuses).
 */
const CONFIG_PAIR_ROOTS = new Set(['config-pair-ike-version-mismatch', 'ike-proposal-mismatch', 'pair-transform-mismatch'])

/** Both ends' device + peer keys of a configuration pair finding. */
function configPairKeys(e: Record<string, unknown>, derived: Derived, device: string): string[] | undefined {
  const peer = derived.values.peer as string | null | undefined
  const otherPeer = derived.values.otherPeer as string | null | undefined
  const keys: string[] = []
  if (peer) keys.push(`${device}\u0000${peer}`)
  if (otherPeer) keys.push(`${device === e.deviceA ? e.deviceB : e.deviceA}\u0000${otherPeer}`)
  return keys.length > 0 ? keys : undefined
}
