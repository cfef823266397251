/** Keeps fact ids unique within one parse (all parsers): a repeated id gets "#2", "#3" appended. */
export class IdRegistry {
  private readonly seen = new Map<string, number>()

  unique(id: string): string {
    const n = (this.seen.get(id) ?? 0) + 1
    this.seen.set(id, n)
    return n === 1 ? id : `${id}#${n}`
  }
}
