/**
 * Aggregating rules (`"aggregate": true`, the posture rules: weak ciphers, no PFS ...): on a
 * concentrator they would fire once per tunnel and bury the real faults. Their hits on one device
 * with one severity become one finding that counts the entities, cites the evidence of the first few
 * and lists the first labels. Only the first hits are built in full, which also keeps big runs fast.
 */
import {hash} from 'node:crypto'
import type {Finding, Severity} from '../model/index.js'
import type {RankedFinding} from './grouping.js'

/** Findings built in full per group (their evidence is cited). */
export const AGGREGATE_BUILT = 3
/** Entity labels listed per group. */
export const AGGREGATE_LABELS = 20

interface Group {
  ruleOrder: number
  built: Finding[]
  entities: Array<{kind: string; id: string; label: string}>
  count: number
  /** Kind and id of every entity counted: one entity read from two outputs (running-config and show crypto map) counts once. */
  seen: Set<string>
}

export class Aggregator {
  /** Groups in the order of their first hit (the order of the results). */
  private readonly groups: Group[] = []
  /**
   * Groups by rule id, then by device and severity. Nested maps look up the strings the caller already
   * holds; a joined "rule\0device\0severity" key per hit cost more than the rest of add() on a hub.
   */
  private readonly byRule = new Map<string, Map<string, Map<Severity, Group>>>()

  private group(ruleId: string, device: string, severity: Severity, ruleOrder: number): Group {
    let byDevice = this.byRule.get(ruleId)
    if (!byDevice) this.byRule.set(ruleId, (byDevice = new Map()))
    let bySeverity = byDevice.get(device)
    if (!bySeverity) byDevice.set(device, (bySeverity = new Map()))
    let group = bySeverity.get(severity)
    if (!group) {
      bySeverity.set(severity, (group = {ruleOrder, built: [], entities: [], count: 0, seen: new Set()}))
      this.groups.push(group)
    }
    return group
  }

  /** Records one hit; `build` runs only for the first AGGREGATE_BUILT hits of the group. */
  add(ruleId: string, device: string, severity: Severity, ruleOrder: number, entity: {kind: string; id: string; label: () => string}, build: () => Finding): void {
    const group = this.group(ruleId, device, severity, ruleOrder)
    const key = `${entity.kind}\u0000${entity.id}`
    if (group.seen.has(key)) return
    group.seen.add(key)
    group.count++
    if (group.built.length < AGGREGATE_BUILT) {
      const finding = build()
      group.built.push(finding)
      group.entities.push(finding.entity)
    } else if (group.entities.length < AGGREGATE_LABELS) {
      group.entities.push({kind: entity.kind, id: entity.id, label: entity.label()})
    }
  }

  results(): RankedFinding[] {
    const out: RankedFinding[] = []
    for (const group of this.groups) {
      const [first, ...others] = group.built
      if (group.count === 1) {
        out.push({finding: first, role: undefined, peer: null, ruleOrder: group.ruleOrder, posture: true})
        continue
      }
      const more = group.count - 1
      const shown = group.entities.map((e) => e.label)
      const finding: Finding = {
        ...first,
        entity: {kind: first.entity.kind, id: `aggregate:${first.ruleId}:${first.severity}`, label: `${group.count} x ${first.entity.kind}, e.g. ${first.entity.label}`},
        message: `${first.message} (and ${more} more like it on ${first.device})`,
        explanation: `${first.explanation} Seen on ${group.count} entities of ${first.device}: ${shown.join('; ')}${group.count > shown.length ? '; ...' : ''}.`,
        evidence: [first, ...others].flatMap((f) => f.evidence),
        fingerprint: hash('sha256', `${first.ruleId}\u0000${first.device}\u0000aggregate\u0000${first.severity}`, 'hex'),
        relatedTo: null,
        occurrences: {count: group.count, entities: group.entities},
      }
      out.push({finding, role: undefined, peer: null, ruleOrder: group.ruleOrder, posture: true})
    }
    return out
  }
}
