/**
 * Junos (ES-PIC / J-series, legacy) `show ipsec security-associations [name] [brief|detail]`.
 *
 * Each "Security association: <name>[, Interface family: Up|Down|No reference]" header starts a group
 * (no interface family = transport mode). Brief prints a table (Direction SPI AUX-SPI Mode Type
 * Protocol); detail prints one block per direction. SPIs are decimal.
 * Output: one ipsecFlow per security association and one ipsecSa per direction row/block.
 */
import type {IpsecFlow, IpsecSa} from '../../model/index.js'
import {firstNonSpace, isDigits, isSpaceCode, LineAccount, rememberedByText, toInt, toSpi} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {aeadIntegrityNotApplicable, junosEncryption, junosIntegrity} from './algorithms.js'
import {head, parseExpiry, putInternedRaw, putRaw, rawMapMaker, squash} from './fields.js'
import {LabelTable, LineFields, scanFields} from './field-scan.js'
import {IdRegistry} from '../ids.js'
import {newIpsecFlow, newIpsecSa} from '../skeletons.js'

// "Security association: sa-dynamic, Interface family: Up" / "Security association: sa-transport"
const SA_HEADER = /^\s*Security association:\s*(\S+?)\s*(?:,\s*Interface family:\s*(.*?)\s*)?$/i
// "Direction SPI      AUX-SPI    Mode      Type      Protocol"
const BRIEF_HEADER = /^\s*Direction\s+SPI\s+AUX-SPI\s+Mode\s+Type\s+Protocol\s*$/i
// "inbound  2908734119  0          tunnel    manual    AH"
const BRIEF_ROW = /^\s*(inbound|outbound)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/i

interface Group {
  flow: IpsecFlow
  sas: IpsecSa[]
}

function interfaceFamily(text: string | undefined): IpsecFlow['interfaceFamily'] {
  if (text === undefined) return null
  const t = squash(text).toLowerCase()
  if (t === 'up') return 'up'
  if (t === 'down') return 'down'
  if (t === 'no reference') return 'no-reference'
  return null
}

/** interfaceFamily and squash of the "Up" / "Down" a capture repeats for every SA, remembered. */
const familyOf = rememberedByText(interfaceFamily)
const squashed = rememberedByText(squash)

function newFlow(ctx: ParseContext, ids: IdRegistry, name: string, line: Line, family: string | undefined): IpsecFlow {
  const flow = newIpsecFlow(ctx, ids.unique(`flow:${name}`), line.n, line.n, {'Security association': {value: name, line: line.n}})
  flow.name = name
  if (family !== undefined) {
    flow.interfaceFamily = familyOf(family)
    flow.raw['Interface family'] = {value: squashed(family), line: line.n}
  } else flow.interfaceFamily = interfaceFamily(family)
  return flow
}

/** Raw maps of SAs, which collect about a dozen labels (see rawMapMaker). */
const newSaRaw = rawMapMaker()

function newSa(ctx: ParseContext, group: Group | null, direction: 'inbound' | 'outbound', spi: number, line: Line): IpsecSa {
  const sa = newIpsecSa(ctx, '', line.n, line.n, newSaRaw())
  sa.flowId = group?.flow.id ?? null
  sa.name = group?.flow.name ?? null
  sa.direction = direction
  sa.spi = spi
  return sa
}

const protocol = rememberedByText((text): IpsecSa['protocol'] | null => {
  const t = text.trim().toLowerCase()
  if (t === 'esp' || t === 'ah+esp' || t === 'esp+ah') return 'esp'
  if (t === 'ah') return 'ah'
  return null
})

const saMode = rememberedByText((text): IpsecSa['mode'] => {
  const t = text.trim().toLowerCase()
  return t === 'tunnel' ? 'tunnel' : t === 'transport' ? 'transport' : null
})

const saType = rememberedByText((text): IpsecSa['type'] => {
  const t = text.trim().toLowerCase()
  return t === 'dynamic' ? 'dynamic' : t === 'manual' ? 'manual' : null
})

/** "State: Installed" / "Not  installed" -> SA state. */
const saState = rememberedByText((text): IpsecSa['state'] => {
  const t = squash(text).toLowerCase()
  return t === 'installed' ? 'installed' : t === 'not installed' ? 'not-installed' : 'unknown'
})

/** "Anti-replay service: Enabled" -> true/false/null. */
const antiReplay = rememberedByText((text): boolean | null => {
  const t = text.trim().toLowerCase()
  return t === 'enabled' ? true : t === 'disabled' ? false : null
})

/** "Direction: inbound" value as the detail start line prints it (any case) -> lower case. */
const lowerCase = rememberedByText((text) => text.toLowerCase())

/** Lower-cased label ("soft lifetime"); the spellings this parser knows are the literals of applyField. */
interface SaLabel {
  key: string
}

const KNOWN_KEYS = new Map([
  'direction', 'spi', 'aux-spi', 'state', 'mode', 'type', 'protocol', 'authentication', 'encryption', 'soft lifetime',
  'hard lifetime', 'anti-replay service', 'replay window size',
].map((k) => [k, k]))

/**
 * Labels met so far. Known keys are the very string literals applyField compares with, so a
 * comparison is a pointer test instead of a character-by-character one.
 */
const LABELS = new LabelTable<SaLabel>((label) => {
  const key = label.toLowerCase()
  return {key: KNOWN_KEYS.get(key) ?? key}
})

/** Applies one "label: value" of a detail SA block (`key`: label lower-cased); false when the label is unknown. */
function applyField(sa: IpsecSa, key: string, value: string, acc: LineAccount, line: Line): boolean {
  switch (key) {
    case 'direction':
    case 'spi':
    case 'aux-spi':
      return true
    case 'state':
      sa.state = saState(value)
      return true
    case 'mode':
      sa.mode = saMode(value)
      return true
    case 'type':
      sa.type = saType(value)
      return true
    case 'protocol': {
      const p = protocol(value)
      if (p === null) acc.warn(`line ${line.n}: unknown IPsec protocol "${value}", kept ESP`)
      sa.protocol = p ?? 'esp'
      return true
    }
    case 'authentication':
      sa.integrity = junosIntegrity(value)
      return true
    case 'encryption':
      sa.encryption = junosEncryption(value)
      return true
    case 'soft lifetime':
    case 'hard lifetime': {
      const ex = parseExpiry(value)
      if (!ex) return false
      if (key === 'soft lifetime') {
        sa.softLifetimeExpired = ex.expired
        if (ex.seconds !== null) sa.softLifetimeRemainingSec = ex.seconds
      } else {
        if (ex.seconds !== null) sa.hardLifetimeRemainingSec = sa.lifetimeRemainingSec = ex.seconds
        if (ex.kilobytes !== null) sa.lifetimeRemainingKb = ex.kilobytes
      }
      return true
    }
    case 'anti-replay service':
      sa.antiReplay = antiReplay(value)
      return true
    case 'replay window size':
      sa.replayWindow = toInt(value)
      return true
    default:
      return false
  }
}

/**
 * Values an SA's raw map holds under "Protocol", "Authentication" and "Encryption" (undefined: no such
 * field), noted while the fields are put so the transform is built without reading the maps again.
 */
class TransformParts {
  protocol: string | undefined = undefined
  authentication: string | undefined = undefined
  encryption: string | undefined = undefined

  /** Notes a field just put into the raw map: the map keeps the first value of a label. */
  note(label: string, value: string): void {
    if (label === 'Protocol') this.protocol ??= value
    else if (label === 'Authentication') this.authentication ??= value
    else if (label === 'Encryption') this.encryption ??= value
  }

  /** Transform as printed: "AH hmac-md5-96 None" (the non-empty values); null when all are empty. */
  transform(): string | null {
    let out: string | null = null
    if (this.protocol) out = this.protocol
    if (this.authentication) out = out === null ? this.authentication : `${out} ${this.authentication}`
    if (this.encryption) out = out === null ? this.encryption : `${out} ${this.encryption}`
    return out
  }
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  const groups: Group[] = []
  let group: Group | null = null
  let sa: IpsecSa | null = null
  const allSas: IpsecSa[] = []
  /** TransformParts of allSas[i]; `parts` is the current SA's. */
  const allParts: TransformParts[] = []
  let parts = new TransformParts()

  const fields = new LineFields<SaLabel>()
  const startSa = (direction: 'inbound' | 'outbound', spiText: string, line: Line): IpsecSa | null => {
    const spi = decimalSpi(spiText)
    if (spi === null) {
      acc.reject(line, `SPI "${spiText}" is not a 32-bit number`)
      return null
    }
    const s = newSa(ctx, group, direction, spi, line)
    s.id = ids.unique(`sa:${s.name ?? 'unnamed'}:${direction}:${spi}`)
    group?.sas.push(s)
    allSas.push(s)
    allParts.push((parts = new TransformParts()))
    return s
  }

  // indexed: a for-of loop that runs once per capture allocates an iterator result per line until optimized
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const text = line.text
    // every pattern here starts with a fixed word: test only those whose first letters fit ("Se"curity
    // association, "Di"rection, "in"bound / "ou"tbound; any case), so "Soft lifetime: ..." meets none
    const at = firstNonSpace(text)
    if (at === text.length) {
      // blank: marked here so the account need not test the line again
      acc.ignore(line)
      continue
    }
    const lead = text.charCodeAt(at) | 32
    const second = text.charCodeAt(at + 1) | 32
    const header = lead === 115 && second === 101 ? SA_HEADER.exec(text) : null
    if (header) {
      group = {flow: newFlow(ctx, ids, header[1], line, header[2]), sas: []}
      groups.push(group)
      sa = null
      acc.consume(line)
      continue
    }
    const direction = lead === 100 && second === 105
    if (direction && isSpaceCode(text.charCodeAt(at + 9)) && BRIEF_HEADER.test(text)) {
      sa = null
      acc.ignore(line)
      continue
    }
    const row = (lead === 105 && second === 110) || (lead === 111 && second === 117) ? BRIEF_ROW.exec(text) : null
    if (row) {
      sa = null
      const s = startSa(row[1].toLowerCase() as 'inbound' | 'outbound', row[2], line)
      if (!s) continue
      const labels = ['Direction', 'SPI', 'AUX-SPI', 'Mode', 'Type', 'Protocol']
      labels.forEach((label, i) => putRaw(s.raw, label, row[i + 1], line))
      s.mode = saMode(row[4])
      s.type = saType(row[5])
      s.protocol = protocol(row[6]) ?? 'esp'
      if (protocol(row[6]) === null) acc.warn(`line ${line.n}: unknown IPsec protocol "${row[6]}", kept ESP`)
      s.transform = row[6]
      acc.consume(line)
      continue
    }
    const count = scanFields(text, LABELS, fields)
    if (direction && isDetailStart(text, at)) {
      let spi = 0
      while (spi < count && fields.labels[spi].info.key !== 'spi') spi++
      sa = spi < count ? startSa(lowerCase(fields.values[0]) as 'inbound' | 'outbound', fields.values[spi], line) : null
      if (spi === count) acc.reject(line, 'SA block without SPI')
    }
    if (!sa || count === 0) continue
    let known = 0
    for (let i = 0; i < count; i++) {
      const {label, info} = fields.labels[i]
      const value = fields.values[i]
      if (applyField(sa, info.key, value, acc, line)) known++
      putInternedRaw(sa.raw, label, value, line)
      parts.note(label, value)
    }
    if (known > 0) {
      acc.consume(line)
      sa.source.endLine = line.n
    }
  }

  // (indexed loops, see above) an SA printed with Authentication or Encryption gets its transform
  for (let i = 0; i < allSas.length; i++) {
    const p = allParts[i]
    if (p.authentication !== undefined || p.encryption !== undefined) allSas[i].transform = p.transform()
  }
  for (let i = 0; i < groups.length; i++) finishGroup(groups[i], ctx)
  for (let i = 0; i < groups.length; i++) acc.add(groups[i].flow)
  for (let i = 0; i < allSas.length; i++) acc.add(allSas[i])
  return aeadIntegrityNotApplicable(acc.finish())
}

function finishGroup(g: Group, ctx: ParseContext): void {
  const f = g.flow
  f.saCount = g.sas.length
  let live = false
  let outbound: IpsecSa | null = null
  let end = f.source.endLine
  for (const s of g.sas) {
    if (s.state !== 'not-installed') live = true
    if (outbound === null && s.direction === 'outbound') outbound = s
    if (s.source.endLine > end) end = s.source.endLine
  }
  f.state = live ? 'up' : 'down'
  f.currentOutboundSpi = outbound?.spi ?? null
  f.source = sourceOf(ctx, f.source.startLine, end)
}

/**
 * Whether the line, from its first non-blank character `at`, starts an SA block: "Direction: inbound,
 * SPI: 242379418, State: Installed". Same test as /^\s*Direction:\s*(inbound|outbound)\b/i.
 */
function isDetailStart(text: string, at: number): boolean {
  if (!startsWithAnyCase(text, at, 'direction:')) return false
  let i = at + 10
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++
  const n = startsWithAnyCase(text, i, 'inbound') ? 7 : startsWithAnyCase(text, i, 'outbound') ? 8 : 0
  if (n === 0) return false
  // word boundary after the direction: end of line or not one of A-Z a-z 0-9 _
  const c = text.charCodeAt(i + n)
  return !((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)
}

/** text.startsWith(word, at) ignoring the case of ASCII letters; `word` is lower case. */
function startsWithAnyCase(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const w = word.charCodeAt(k)
    const c = text.charCodeAt(at + k)
    // letters match in either case (c | 32 is the lower-case letter); other characters exactly
    if (w >= 97 && w <= 122 ? (c | 32) !== w : c !== w) return false
  }
  return true
}

/** SPI as printed in decimal ("2296688773"), without toSpi's patterns; other forms go to toSpi. */
function decimalSpi(text: string): number | null {
  if (text.length > 10 || !isDigits(text)) return toSpi(text, false)
  const v = Number(text)
  return v <= 0xffffffff ? v : null
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines)) {
    if (SA_HEADER.test(l.text)) score = Math.max(score, 0.9)
    else if (BRIEF_HEADER.test(l.text)) score = Math.max(score, 0.8)
    // "Direction: inbound, SPI: 2908734119, AUX-SPI: 0, State: Installed"
    else if (/^\s*Direction:\s*(inbound|outbound),\s*SPI:\s*\d+,/i.test(l.text)) score = Math.max(score, 0.7)
  }
  return score
}

export const showIpsecSecurityAssociations: ParserSpec = {
  id: 'junos/show-ipsec-security-associations',
  vendor: 'junos',
  command: 'show ipsec security-associations',
  aliases: ['show ipsec sa'],
  detect,
  parse,
}
