/**
 * Consistent pseudonyms: the same secret always gets the same token within one Redactor
 * (10.0.0.2 -> ip-1 everywhere), numbered in the order the secrets are first met.
 */

export type TokenKind = 'ip' | 'host' | 'user' | 'email' | 'cookie' | 'spi' | 'dn' | 'fp'

export class TokenTable {
  private readonly tables = new Map<TokenKind, Map<string, string>>()
  private readonly spiNumbers = new Map<number, number>()

  token(kind: TokenKind, secret: string): string {
    let table = this.tables.get(kind)
    if (!table) {
      table = new Map()
      this.tables.set(kind, table)
    }
    let token = table.get(secret)
    if (token === undefined) {
      token = kind === 'spi' ? `spi-${this.spiNumber(Number(secret))}` : `${kind}-${table.size + 1}`
      table.set(secret, token)
    }
    return token
  }

  has(kind: TokenKind, secret: string): boolean {
    return this.tables.get(kind)?.has(secret) ?? false
  }

  /** Numeric stand-in for an SPI (kept a number so the document still validates): 1, 2, 3 ... */
  spiNumber(spi: number): number {
    let n = this.spiNumbers.get(spi)
    if (n === undefined) {
      n = this.spiNumbers.size + 1
      this.spiNumbers.set(spi, n)
    }
    return n
  }

  knownSpi(spi: number): boolean {
    return this.spiNumbers.has(spi)
  }

  /** Secrets of one kind, e.g. every host name seen so far. */
  secrets(kind: TokenKind): string[] {
    return [...(this.tables.get(kind)?.keys() ?? [])]
  }

  /** Number of distinct secrets per kind (for a "redacted N addresses" note). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [kind, table] of this.tables) out[kind] = table.size
    if (this.spiNumbers.size > 0) out.spi = this.spiNumbers.size
    return out
  }
}
