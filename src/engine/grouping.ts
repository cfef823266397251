/**
 * Root cause and symptoms: a root-cause finding (stuck phase 1, expired certificate ...) explains the
 * symptom findings of the same device and peer (missing phase 2, no traffic, drops). Symptoms get
 * relatedTo = the root's fingerprint and are listed right after it; the output is ordered by the
 * worst severity of each group, root first. Log findings of one rule for one device and peer are one
 * cause logged several ways: the first leads, the others are listed under it.
 */
import type {Finding} from '../model/index.js'
import {SEVERITY_RANK} from '../model/constants.js'
import {PHASE2_PROPOSAL_LOG_RULES} from './pins.js'

export interface RankedFinding {
  finding: Finding
  role: 'root-cause' | 'symptom' | undefined
  /** derived.peer of the entity, the grouping key (with the device). */
  peer: string | null
  /** Position of the rule in the pack, a stable tie-breaker. */
  ruleOrder: number
  /** A posture rule's count per device (aggregate rules: weak algorithms, NAT-T, expiring lifetimes): after the faults of its severity. */
  posture?: boolean
  /** Device + peer keys whose refused phase 2 this pair finding pins to PFS (src/engine/pins.ts). */
  pins?: string[]
  /** Both ends' device + peer keys of a pair finding (tunnelPair, configPair; src/engine/pins.ts endKeys). */
  ends?: string[]
}

/** Plain code-unit order: stable across locales and much cheaper than localeCompare on big runs. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// within one severity a fault comes before a posture count ("3 SAs use 3DES"): a weak cipher is a
// finding to fix, not the reason the tunnel fails
const bySeverityThenOrder = (a: RankedFinding, b: RankedFinding) =>
  SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
  Number(a.posture === true) - Number(b.posture === true) ||
  a.ruleOrder - b.ruleOrder ||
  cmp(a.finding.device, b.finding.device) ||
  cmp(a.finding.entity.label, b.finding.entity.label)

/**
 * Log findings of one device and peer where one names the cause of the other: the peer's identity was
 * refused ("IKEv2 profile not found", INVALID_ID_INFORMATION), so the device answered
 * AUTHENTICATION_FAILED. The explaining rule leads and the other is listed under it.
 */
/** Pair findings of why phase 2 does not come up (src/engine/grouping.ts lists the missing phase 2 of their ends under them). */
const PHASE2_PAIR_CAUSES = new Set(['pair-proxy-id-mismatch', 'pair-transform-mismatch'])
/** The missing phase 2 they explain: toward the peer, or of one flow while others to the peer have SAs. */
const PHASE2_MISSING = new Set(['ipsec-phase2-not-established', 'ipsec-flow-phase2-missing'])

const LOG_CAUSES: Record<string, string[]> = {
  'ike-stuck-mm-key-exch': ['ike-id-mismatch'],
}

function logCauseOf(item: RankedFinding, leaders: Map<string, RankedFinding>, keyOf: (i: RankedFinding) => string): RankedFinding | undefined {
  if (item.finding.entity.kind !== 'logEvent' || !item.peer) return undefined
  for (const rule of LOG_CAUSES[item.finding.ruleId] ?? []) {
    const cause = leaders.get(`${rule}\u0000${keyOf(item)}`)
    if (cause) return cause
  }
  return undefined
}

/**
 * One rule that reads several entity kinds (alsoRunsOn) can find one fault in several ways for one
 * device and peer: pair-transform-mismatch over the SAs of both ends, over their configuration and in
 * the responder's log line. Those findings are one fault under one id: one of each group leads (a pair
 * finding that pins the peer, else a pair finding, which names both ends' values where the log line
 * may only say "transform set or PFS"; a root before the others) and the findings of another entity
 * kind are listed under it, with what was listed under them. A pair finding joins the
 * findings of both its ends (`ends`); findings of the leader's own kind keep their place.
 * Returns follower -> leader.
 */
function kinLeaders(items: RankedFinding[], keyOf: (i: RankedFinding) => string, rootSet: ReadonlySet<RankedFinding>, pinning: ReadonlySet<RankedFinding>): Map<RankedFinding, RankedFinding> {
  const out = new Map<RankedFinding, RankedFinding>()
  const kindsOf = new Map<string, Set<string>>()
  for (const item of items) {
    const kinds = kindsOf.get(item.finding.ruleId) ?? new Set<string>()
    kindsOf.set(item.finding.ruleId, kinds.add(item.finding.entity.kind))
  }
  // groups by rule and key; pair findings first, so that they join the findings of both their ends
  const groupOf = new Map<string, RankedFinding[]>()
  const candidates = items.filter((i) => (kindsOf.get(i.finding.ruleId)?.size ?? 0) > 1 && (i.ends !== undefined || i.peer))
  for (const item of [...candidates.filter((i) => i.ends), ...candidates.filter((i) => !i.ends)]) {
    const keys = (item.ends ?? [keyOf(item)]).map((k) => `${item.finding.ruleId}\u0000${k}`)
    const group = keys.map((k) => groupOf.get(k)).find((g) => g !== undefined) ?? []
    group.push(item)
    for (const k of keys) if (!groupOf.has(k)) groupOf.set(k, group)
  }
  for (const group of new Set(groupOf.values())) {
    if (group.length < 2) continue
    const lead =
      group.find((i) => pinning.has(i)) ?? group.find((i) => i.ends && rootSet.has(i)) ?? group.find((i) => i.ends) ?? group.find((i) => rootSet.has(i)) ?? group[0]
    for (const item of group) if (item !== lead && item.finding.entity.kind !== lead.finding.entity.kind) out.set(item, lead)
  }
  return out
}

/**
 * Sets relatedTo on symptoms and returns the findings in presentation order. `explainedByLog`: state
 * findings whose cause a log line named (src/engine/log-evidence.ts); where a log rule's own finding
 * names that cause for the same device and peer, it is the root and the state finding is listed under
 * it ("phase 2 refused: proxy ids differ" first, "no IPsec SA while phase 1 is up" below it).
 */
export function groupFindings(items: RankedFinding[], explainedByLog: ReadonlySet<Finding> = new Set()): Finding[] {
  const roots = new Map<string, RankedFinding>()
  const keyOf = (item: RankedFinding) => `${item.finding.device}\u0000${item.peer}`
  const fromLog = (item: RankedFinding) => item.finding.entity.kind === 'logEvent'
  const explainedKeys = new Set(items.filter((i) => i.peer && explainedByLog.has(i.finding)).map(keyOf))
  // a pair finding that pins a refused phase 2 to PFS leads that device and peer, log findings included
  const pinned = new Map<string, RankedFinding>()
  for (const item of items) {
    for (const k of item.pins ?? []) {
      if (pinned.has(k)) continue
      pinned.set(k, item)
      roots.set(k, item)
    }
  }
  const pinning = new Set(pinned.values())
  for (const item of items.filter((i) => i.role === 'root-cause' && i.peer).sort((a, b) => Number(fromLog(b)) - Number(fromLog(a)) || bySeverityThenOrder(a, b))) {
    const key = keyOf(item)
    // a log finding leads only the state findings it explains: without one, the usual order holds
    if (fromLog(item) && !explainedKeys.has(key)) continue
    if (!roots.has(key)) roots.set(key, item)
  }
  // one cause logged in other words for one peer ("IKE Phase-2: Failed to match ..." and
  // KMD_VPN_TS_MISMATCH, a syslog message and its debug line): the first log finding of a rule, device
  // and peer leads, the others are listed under it
  const twinKey = (item: RankedFinding) => `${item.finding.ruleId}\u0000${keyOf(item)}`
  const logLeaders = new Map<string, RankedFinding>()
  for (const item of items) if (fromLog(item) && item.peer && !logLeaders.has(twinKey(item))) logLeaders.set(twinKey(item), item)
  const kin = kinLeaders(items, keyOf, new Set(roots.values()), pinning)
  // a pair finding that says why phase 2 fails (proxies or proposals that differ) explains the missing
  // phase 2 at both its ends: that finding is listed under it
  const phase2Causes = new Map<string, RankedFinding>()
  for (const item of items) if (PHASE2_PAIR_CAUSES.has(item.finding.ruleId)) for (const k of item.ends ?? []) if (!phase2Causes.has(k)) phase2Causes.set(k, item)
  const children = new Map<string, RankedFinding[]>()
  const top: RankedFinding[] = []
  /** The finding each one is listed under (absent: top level). */
  const placedUnder = new Map<RankedFinding, RankedFinding>()
  const listUnder = (item: RankedFinding, under: RankedFinding) => {
    placedUnder.set(item, under)
  }
  for (const item of items) {
    const leader = fromLog(item) && item.peer ? (logLeaders.get(twinKey(item)) ?? undefined) : undefined
    const cause = leader === item || leader === undefined ? logCauseOf(item, logLeaders, keyOf) : undefined
    if (cause !== undefined) {
      listUnder(item, placedUnder.get(cause) ?? cause)
      continue
    }
    if (leader !== undefined && leader !== item) {
      listUnder(item, placedUnder.get(leader) ?? leader)
      continue
    }
    const kinLeader = kin.get(item)
    if (kinLeader !== undefined) {
      listUnder(item, kinLeader)
      continue
    }
    const pairCause = PHASE2_MISSING.has(item.finding.ruleId) && item.peer ? phase2Causes.get(keyOf(item)) : undefined
    if (pairCause !== undefined) {
      listUnder(item, placedUnder.get(pairCause) ?? pairCause)
      continue
    }
    const root = item.peer ? roots.get(keyOf(item)) : undefined
    const under =
      item.role === 'symptom' ||
      (item.role === 'root-cause' && root !== undefined && (fromLog(root) || pinning.has(root)) && explainedByLog.has(item.finding)) ||
      (root !== undefined && pinning.has(root) && fromLog(item) && PHASE2_PROPOSAL_LOG_RULES.has(item.finding.ruleId))
    if (under && root && root !== item) listUnder(item, root)
    else top.push(item)
  }
  // One level of nesting: a finding listed under one that is itself listed under another (a root
  // listed under its kin, a log twin under a pinned pair finding) goes to the top of that chain.
  for (const [item, under] of placedUnder) {
    let root = under
    const seen = new Set([item])
    while (placedUnder.has(root) && !seen.has(root)) {
      seen.add(root)
      root = placedUnder.get(root)!
    }
    if (seen.has(root)) {
      top.push(item)
      continue
    }
    item.finding.relatedTo = root.finding.fingerprint
    const list = children.get(root.finding.fingerprint) ?? []
    list.push(item)
    children.set(root.finding.fingerprint, list)
  }
  // The worst severity of each group, computed once instead of on every comparison of the sort.
  const worstRank = new Map<RankedFinding, number>()
  for (const item of top) {
    let rank = SEVERITY_RANK[item.finding.severity]
    for (const c of children.get(item.finding.fingerprint) ?? []) rank = Math.max(rank, SEVERITY_RANK[c.finding.severity])
    worstRank.set(item, rank)
  }
  const worst = (item: RankedFinding) => worstRank.get(item)!
  top.sort((a, b) => worst(b) - worst(a) || Number(pinning.has(b)) - Number(pinning.has(a)) || (a.role === 'root-cause' ? -1 : 0) - (b.role === 'root-cause' ? -1 : 0) || bySeverityThenOrder(a, b))
  const out: Finding[] = []
  for (const item of top) {
    out.push(item.finding)
    for (const child of (children.get(item.finding.fingerprint) ?? []).sort(bySeverityThenOrder)) out.push(child.finding)
  }
  return out
}
