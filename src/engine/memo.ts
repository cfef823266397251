/**
 * Engine verdicts of one rule, memoized on the values the rule reads (see RuleSetEngine.verdict).
 * One Map level per value read, keyed by the value itself, objects and arrays by their JSON text:
 * the same combinations as a joined "n1|j\"3des\"|T|" string key, without building, escaping and
 * hashing a string per entity (a hub has tens of thousands of entities that pass a posture gate).
 */
export type MemoKey = unknown[]

export class VerdictMemo {
  private readonly root = new Map<unknown, unknown>()
  /** One stand-in object per JSON text, so that equal objects share a key and never equal a primitive. */
  private readonly byJson = new Map<string | undefined, object>()
  private entries = 0
  /** The verdict of a rule that reads no value (conditions without leaves). */
  private withoutReads: number | undefined

  /**
   * `read`: the values a rule reads, in a fixed order (compileReadValues); `limit`: past that many
   * entries, new combinations are still evaluated, just not remembered.
   */
  constructor(
    private readonly read: (facts: Record<string, unknown>, keyOf: (v: unknown) => unknown) => MemoKey,
    private readonly limit: number,
  ) {}

  /**
   * Undefined, null, booleans, numbers and strings key themselves (Map compares them as the string
   * key did: 0 and -0 alike, NaN alike); anything else by its JSON text, as before.
   */
  private readonly keyOf = (v: unknown): unknown => {
    const t = typeof v
    if (v === null || t === 'undefined' || t === 'boolean' || t === 'number' || t === 'string') return v
    const json = JSON.stringify(v) as string | undefined
    let standIn = this.byJson.get(json)
    if (!standIn) this.byJson.set(json, (standIn = {json}))
    return standIn
  }

  key(facts: Record<string, unknown>): MemoKey {
    return this.read(facts, this.keyOf)
  }

  get(key: MemoKey): number | undefined {
    if (key.length === 0) return this.withoutReads
    let node: unknown = this.root
    for (const part of key) {
      node = (node as Map<unknown, unknown>).get(part)
      if (node === undefined) return undefined
    }
    return node as number
  }

  set(key: MemoKey, verdict: number): void {
    if (this.entries >= this.limit) return
    this.entries++
    if (key.length === 0) {
      this.withoutReads = verdict
      return
    }
    let node = this.root
    for (let i = 0; i < key.length - 1; i++) {
      let next = node.get(key[i]) as Map<unknown, unknown> | undefined
      if (!next) node.set(key[i], (next = new Map()))
      node = next
    }
    node.set(key[key.length - 1], verdict)
  }
}
