/**
 * Findings of flows a filtered view printed without a name (`show crypto ipsec sa | include
 * encaps|decaps`: counter lines only, see isAnonymousFlow in src/ingest/overlap.ts). Ingest merges
 * such a flow into the device's flow when only one can be meant; when the device has several, it
 * stays apart and its counters belong to one of them, which one is not known. A finding of it then
 * says "Flow to ?" about a flow the report may already name. Decision: a rule's finding about an
 * anonymous flow is dropped when the same rule fired on a named flow of the same device (toward the
 * same peer, when the anonymous flow has one from `| include peer` or `... sa peer <addr>`): the
 * anonymous counters either are that flow's or repeat its symptom, and the named finding says more.
 * When no named flow has it, the anonymous finding stays: some flow of the device shows the
 * problem, and the report must not lose that.
 */
import type {IpsecFlow} from '../model/index.js'
import {isAnonymousFlow} from '../ingest/overlap.js'
import type {RankedFinding} from './grouping.js'

export class AnonymousFlowFindings {
  private readonly anonymous = new Map<RankedFinding, string | null>()
  /** device, rule and peer ("" for any) of the findings of named flows */
  private readonly named = new Set<string>()

  /** Notes a finding of an ipsecFlow entity. */
  note(item: RankedFinding, flow: IpsecFlow): void {
    const {device} = item.finding
    const peer = flow.remoteAddress?.toLowerCase() ?? null
    if (isAnonymousFlow(flow)) {
      this.anonymous.set(item, peer)
      return
    }
    this.named.add(`${device}\u0000${item.finding.ruleId}\u0000`)
    if (peer !== null) this.named.add(`${device}\u0000${item.finding.ruleId}\u0000${peer}`)
  }

  /** Removes, in place, the findings of anonymous flows a named flow's finding repeats. */
  prune(items: RankedFinding[]): void {
    if (this.anonymous.size === 0) return
    let kept = 0
    for (const item of items) {
      const peer = this.anonymous.get(item)
      const repeats = peer !== undefined && this.named.has(`${item.finding.device}\u0000${item.finding.ruleId}\u0000${peer ?? ''}`)
      if (!repeats) items[kept++] = item
    }
    items.length = kept
  }
}
