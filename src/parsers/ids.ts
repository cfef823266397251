/** Keeps fact ids unique within one parse (all parsers): a repeated id gets "#2", "#3" appended. */
export class IdRegistry {
  /** Every id seen once or more. */
  private readonly seen = new Set<string>()
  /** Occurrences so far of the ids seen more than once. */
  private readonly repeats = new Map<string, number>()

  unique(id: string): string {
    // first occurrence (nearly every id): one hash-table operation, where get-then-set took two
    const before = this.seen.size
    this.seen.add(id)
    if (this.seen.size !== before) return id
    const n = (this.repeats.get(id) ?? 1) + 1
    this.repeats.set(id, n)
    return `${id}#${n}`
  }
}
