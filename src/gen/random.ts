/** A small seeded pseudo-random generator (mulberry32) so generated captures are reproducible. */

export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  /** Unsigned 32-bit value that is never zero (SPIs, message ids). */
  u32NonZero(): number {
    return (Math.floor(this.next() * 0xfffffffe) + 1) >>> 0
  }

  /** Lower-case hex string of `digits` digits (cookies). */
  hex(digits: number): string {
    let out = ''
    while (out.length < digits) out += Math.floor(this.next() * 0x10000).toString(16).padStart(4, '0')
    return out.slice(0, digits)
  }
}
