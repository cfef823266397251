/**
 * Redaction of free text (raw values, unparsed lines, messages, remediation commands). Known
 * secrets (device names, certificate names, SPIs collected from the facts) are replaced first, then
 * patterns catch what the facts did not name: addresses, cookies, DNs, e-mail addresses, prompts.
 */
import {isIPv6} from 'node:net'
import {TokenTable} from './tokens.js'

// "Subject: C=FI, O=Company-ABC, CN=Company ABC class 2" -> the run starting at "C=FI"
const DN_RUN = /\b(?:CN|OU|O|C|L|ST|DC|E)=[^,/\n]*(?:[,/]\s*(?:CN|OU|O|C|L|ST|DC|E)=[^,/\n]*)*/g
// "Email address: certifier-support@ssh.com"
const EMAIL = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g
// Prompt of another device in an unparsed line: "admin@vpn-gw2> show ..." / "Router1(config)#"
const PROMPT_START = /^(?:([\w.-]+)@)?([A-Za-z][\w.-]*)(\([\w-]*\))?([#>])/
// "10.1.0.1", "255.255.255.0" (masks are kept, see isMaskLike)
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g
// Candidate IPv6 text "2001:db8::1", validated with net.isIPv6 (times like 10:15:32 fail that check)
const IPV6_CANDIDATE = /[0-9A-Fa-f:.]+/g
// "spi: 0x1234", "SPI 3952737132", "spi=42": an SPI named by its label even if no fact held it
const SPI_LABELLED = /\b(spi\s*[:=]?\s*)(0x[0-9A-Fa-f]{1,8}|\d{1,10})\b/gi
// "0x5A48ACC4(1514712260)", "0xEB99FB6C", "EB99FB6C", "cf22bd81a7000001", "1514712260"
const HEXISH = /\b0x[0-9A-Fa-f]{1,8}(?:\(\d{1,10}\)|\b)|\b[0-9A-Fa-f]{8,16}\b|\b\d{3,10}\b/g
// "vpn.example.com" (validated: alphabetic top label, not a file extension)
const DOTTED_NAME = /(?<![\w.-])[A-Za-z][\w-]*(?:\.[\w-]+)+/g

const FILE_EXTENSIONS = new Set(['txt', 'log', 'json', 'cfg', 'conf', 'md', 'yaml', 'yml', 'csv', 'html', 'xml', 'sarif', 'ts', 'js', 'out', 'cap', 'pcap'])
const ZERO_COOKIE = '0000000000000000'

function ipv4ToInt(text: string): number | null {
  const parts = text.split('.').map(Number)
  if (parts.some((p) => p > 255)) return null
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
}

/** Netmasks (255.255.255.0) and wildcard masks (0.0.0.255) carry nothing to hide and help reading. */
function isMaskLike(value: number): boolean {
  const inverted = ~value >>> 0
  const isMask = ((inverted + 1) & inverted) >>> 0 === 0
  const isWildcard = ((value + 1) & value) >>> 0 === 0
  return isMask || isWildcard
}

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || !/[\w.-]/.test(ch)
}

/** After a name a dot may follow ("hub-rtr1.txt", "hub-rtr1.example.com"): still the same name. */
function isRightBoundary(ch: string | undefined): boolean {
  return ch === '.' || isBoundary(ch)
}

/** Replaces whole-word occurrences of `name` (a name char must not touch either end). */
function replaceWord(text: string, name: string, token: string): string {
  let from = 0
  let out = ''
  for (;;) {
    const at = text.indexOf(name, from)
    if (at < 0) break
    const ok = isBoundary(text[at - 1]) && isRightBoundary(text[at + name.length])
    out += text.slice(from, at) + (ok ? token : name)
    from = at + name.length
  }
  return from === 0 ? text : out + text.slice(from)
}

export class TextRedactor {
  /** Sorted longest first so "hub-rtr1.example.com" goes before "hub-rtr1". */
  private literals: Array<{secret: string; token: string}> = []
  private literalsDirty = true

  constructor(readonly tokens: TokenTable) {}

  addHost(name: string): void {
    if (name && name !== '-' && !this.tokens.has('host', name)) this.literalsDirty = true
    if (name && name !== '-') this.tokens.token('host', name)
  }

  addDn(dn: string): void {
    if (dn && !this.tokens.has('dn', dn)) this.literalsDirty = true
    if (dn) this.tokens.token('dn', dn)
  }

  addSpi(spi: number): void {
    if (spi > 0) this.tokens.spiNumber(spi)
  }

  private literalList(): Array<{secret: string; token: string}> {
    if (this.literalsDirty) {
      const list: Array<{secret: string; token: string}> = []
      for (const kind of ['dn', 'host'] as const) {
        for (const secret of this.tokens.secrets(kind)) list.push({secret, token: this.tokens.token(kind, secret)})
      }
      this.literals = list.sort((a, b) => b.secret.length - a.secret.length)
      this.literalsDirty = false
    }
    return this.literals
  }

  redact(input: string): string {
    if (input.length === 0) return input
    let text = this.redactPrompt(input)
    for (const {secret, token} of this.literalList()) {
      if (text.includes(secret)) text = replaceWord(text, secret, token)
    }
    text = text.replace(DN_RUN, (dn) => this.tokens.token('dn', dn.trim()))
    text = text.replace(EMAIL, (email) => this.tokens.token('email', email))
    text = text.replace(IPV4, (ip) => {
      const value = ipv4ToInt(ip)
      return value === null || isMaskLike(value) ? ip : this.tokens.token('ip', ip)
    })
    if (text.includes(':')) {
      text = text.replace(IPV6_CANDIDATE, (candidate) => {
        if (!candidate.includes(':')) return candidate
        const trimmed = candidate.replace(/[:.]+$/, '') // "2001:db8::1:" -> "2001:db8::1"
        if (isIPv6(candidate)) return this.tokens.token('ip', candidate.toLowerCase())
        if (trimmed !== candidate && isIPv6(trimmed)) return this.tokens.token('ip', trimmed.toLowerCase()) + candidate.slice(trimmed.length)
        return candidate
      })
    }
    text = text.replace(SPI_LABELLED, (_m, label: string, value: string) => {
      const spi = value.startsWith('0x') || value.startsWith('0X') ? Number.parseInt(value.slice(2), 16) : Number(value)
      return spi > 0 ? label + this.tokens.token('spi', String(spi >>> 0)) : label + value
    })
    text = text.replace(HEXISH, (word) => this.redactHexish(word))
    text = text.replace(DOTTED_NAME, (name) => {
      const labels = name.split('.')
      const top = labels[labels.length - 1]
      if (!/^[A-Za-z]{2,24}$/.test(top) || FILE_EXTENSIONS.has(top.toLowerCase())) return name
      return this.tokens.token('host', name)
    })
    return text
  }

  private redactPrompt(text: string): string {
    const m = PROMPT_START.exec(text)
    if (!m) return text
    const [whole, user, host, mode = '', sigil] = m
    const userPart = user ? `${this.tokens.token('user', user)}@` : ''
    this.addHost(host)
    return userPart + this.tokens.token('host', host) + mode + sigil + text.slice(whole.length)
  }

  private redactHexish(word: string): string {
    if (/^0x/i.test(word)) {
      // "0x5A48ACC4(1514712260)" is always an SPI; a bare "0x..." only when it is a known SPI
      const spi = Number.parseInt(word.slice(2, 10), 16) >>> 0
      if (word.includes('(') || this.tokens.knownSpi(spi)) return this.tokens.token('spi', String(spi))
      return word
    }
    if (/^[0-9A-Fa-f]{16}$/.test(word)) {
      if (word === ZERO_COOKIE) return word
      return this.tokens.token('cookie', word.toLowerCase())
    }
    if (/^\d+$/.test(word)) {
      const value = Number(word)
      if (value >= 256 && value <= 0xffffffff && this.tokens.knownSpi(value)) return this.tokens.token('spi', String(value))
    }
    if (/^[0-9A-Fa-f]{8}$/.test(word)) {
      const spi = Number.parseInt(word, 16) >>> 0
      if (this.tokens.knownSpi(spi)) return this.tokens.token('spi', String(spi))
    }
    return word
  }
}
