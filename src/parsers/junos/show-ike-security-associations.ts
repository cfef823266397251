/**
 * Junos (ES-PIC / J-series, legacy) `show ike security-associations [peer] [brief|detail]`.
 *
 * Brief: a table "Remote Address  State  Initiator cookie  Responder cookie  Exchange type" (the header
 * may wrap "Exchange type" onto a second line). Detail: one "IKE peer <addr>" block per SA, optionally
 * followed by phase 2 negotiation blocks ("Negotiation type: Quick mode, ...").
 */
import type {IkeSa, Phase2Negotiation, RawField} from '../../model/index.js'
import {normalizeIkeState} from '../../model/index.js'
import {firstNonSpace, LineAccount, rememberedByText, toInt} from '../account.js'
import {sourceOf, type Line, type ParseContext, type ParseResult, type ParserSpec} from '../types.js'
import {junosAuthMethod, junosIntegrity, junosEncryption} from './algorithms.js'
import {
  type EndpointPair, head, parseEndpoint, parseExpiry, putEndpoint, putInternedRaw, putRaw, rawMapMaker, readCreatedDeleted, splitFlags,
  squash,
} from './fields.js'
import {LabelTable, LineFields, scanFields} from './field-scan.js'
import {IdRegistry} from '../ids.js'
import {newIkeSa} from '../skeletons.js'

// "Remote Address  State      Initiator cookie  Responder cookie" (+ optional "Exchange type")
const BRIEF_HEADER = /^\s*Remote Address\s+State\s+Initiator cookie\s+Responder cookie(\s+Exchange type)?\s*$/i
// "Exchange type" alone: the wrapped end of the brief header
const HEADER_WRAP = /^\s*Exchange type\s*$/i
// "4.4.4.4         Matured    93870456fa000011 723a20713700003e Main" (state may be "Not matured")
const BRIEF_ROW = /^\s*(\S+)\s+(\S.*?)\s+([0-9a-f]{16})\s+([0-9a-f]{16})(?:\s+(\S+))?\s*$/i
// "IKE peer 4.4.4.4"
const PEER_LINE = /^\s*IKE peer\s+(\S+)\s*$/i

function mode(exchange: string | null): IkeSa['mode'] {
  const t = exchange?.toLowerCase() ?? ''
  if (t.startsWith('main')) return 'main'
  if (t.startsWith('aggressive')) return 'aggressive'
  if (t.includes('ikev2')) return 'ikev2'
  return null
}

function role(text: string): 'initiator' | 'responder' | null {
  const t = text.trim().toLowerCase()
  return t === 'initiator' ? 'initiator' : t === 'responder' ? 'responder' : null
}

// Normalizations of values a capture repeats for every SA ("Matured", "Main", "Pre-shared-keys"),
// remembered per printed text so that an SA costs no lower/upper-cased copies
const roleOf = rememberedByText(role)
const stateOf = rememberedByText((text) => normalizeIkeState(text))
const modeOf = rememberedByText(mode)
const authMethodOf = rememberedByText((text) => junosAuthMethod(text))
const flagListOf = rememberedByText(splitFlags)

/** splitFlags(text), as an array of the SA's own (the remembered list is shared, its items are strings). */
function flagsOf(text: string): string[] {
  return flagListOf(text).slice()
}

/** NAT-T from the SA's ports: true when a known port is 4500, null when neither port is known. */
function natFromPorts(local: number | null, remote: number | null): boolean | null {
  if (local === null && remote === null) return null
  return local === 4500 || remote === 4500
}

/** Raw maps of detail SAs, which collect about twenty labels (see rawMapMaker). */
const newDetailRaw = rawMapMaker()

function emptySa(ctx: ParseContext, id: string, start: number, raw?: Record<string, RawField>): IkeSa {
  return newIkeSa(ctx, id, start, start, raw)
}

interface DetailBlock {
  sa: IkeSa
  peerLine: Line
  lastLine: number
  section: 'algorithms' | 'traffic' | null
  phase2: Phase2Negotiation | null
}

const TRAFFIC: Record<string, 'inBytes' | 'outBytes' | 'inPackets' | 'outPackets'> = {
  'input bytes': 'inBytes',
  'output bytes': 'outBytes',
  'input packets': 'inPackets',
  'output packets': 'outPackets',
}

/** "4.4.4.5:500" into the local or remote address and port of an SA or a phase 2 negotiation. */
function setEndpoint(target: EndpointPair, side: 'local' | 'remote', value: string): void {
  putEndpoint(target, side, parseEndpoint(value))
}

/** Applies one "label: value" of a phase 2 block (`key`: label lower-cased); false when not a phase 2 field. */
function applyPhase2(p2: Phase2Negotiation, key: string, value: string): boolean {
  switch (key) {
    case 'negotiation type':
      return true
    case 'role':
      p2.role = role(value)
      return true
    case 'message id':
      p2.messageId = value
      return true
    case 'local':
      setEndpoint(p2, 'local', value)
      return true
    case 'remote':
      setEndpoint(p2, 'remote', value)
      return true
    case 'local identity':
      p2.localIdentity = value
      return true
    case 'remote identity':
      p2.remoteIdentity = value
      return true
    case 'flags':
      p2.flags = splitFlags(value)
      return true
    default:
      return false
  }
}

/** Applies one "label: value" of the SA part of a detail block (`key`: label lower-cased); false when unknown. */
function applySa(b: DetailBlock, label: string, key: string, value: string, acc: LineAccount, line: Line): boolean {
  const sa = b.sa
  if (b.section === 'algorithms') {
    if (key === 'authentication') return (sa.integrity = junosIntegrity(value)), true
    if (key === 'encryption') return (sa.encryption = junosEncryption(value)), true
    if (key === 'pseudo random function') return (sa.prf = junosIntegrity(value)), true
  }
  if (key in TRAFFIC) {
    const n = toInt(value)
    if (n === null) acc.warn(`line ${line.n}: ${label} is not a number: "${value}"`)
    sa[TRAFFIC[key]] = n
    return true
  }
  switch (key) {
    case 'role':
      sa.role = roleOf(value)
      return true
    case 'state':
      sa.stateRaw = value
      sa.state = stateOf(value)
      return true
    case 'initiator cookie':
      sa.initiatorCookie = value
      return true
    case 'responder cookie':
      sa.responderCookie = value
      return true
    case 'exchange type':
      sa.mode = modeOf(value)
      if (sa.mode === 'main' || sa.mode === 'aggressive') sa.version = 1
      return true
    case 'authentication method':
      sa.authMethod = authMethodOf(value)
      return true
    case 'local':
      setEndpoint(sa, 'local', value)
      return true
    case 'remote':
      setEndpoint(sa, 'remote', value)
      return true
    case 'lifetime': {
      const ex = parseExpiry(value)
      if (!ex) acc.warn(`line ${line.n}: unrecognized lifetime "${value}"`)
      sa.lifetimeRemainingSec = ex?.seconds ?? null
      return true
    }
    case 'algorithms':
      b.section = 'algorithms'
      return true
    case 'traffic statistics':
      b.section = 'traffic'
      return true
    case 'flags':
      sa.flags = flagsOf(value)
      return true
    case 'ipsec security associations':
      return readCreatedDeleted(value, sa)
    case 'phase 2 negotiations in progress':
      sa.phase2InProgress = toInt(value)
      return true
    default:
      return false
  }
}

function finishBlock(b: DetailBlock, ctx: ParseContext, ids: IdRegistry, acc: LineAccount): void {
  const sa = b.sa
  sa.remoteAddress ??= b.sa.raw['IKE peer']?.value ?? null
  sa.natT = natFromPorts(sa.localPort, sa.remotePort)
  sa.id = ids.unique(`ike:${sa.remoteAddress}:${sa.initiatorCookie ?? 'none'}`)
  sa.source = sourceOf(ctx, b.peerLine.n, b.lastLine)
  if (sa.stateRaw === null) acc.warn(`line ${b.peerLine.n}: IKE peer ${sa.remoteAddress} has no State line (truncated block?)`)
  acc.add(sa)
}

function parse(lines: Line[], ctx: ParseContext): ParseResult {
  const acc = new LineAccount(lines)
  const ids = new IdRegistry()
  let block: DetailBlock | null = null
  let sawHeader = false
  const fields = new LineFields<IkeLabel>()
  const close = () => {
    if (block) finishBlock(block, ctx, ids, acc)
    block = null
  }

  // indexed: a for-of loop that runs once per capture allocates an iterator result per line until optimized
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const text = line.text
    // the header, wrap and peer patterns start with a fixed word: test them only when the first two
    // letters fit ("Re"mote Address, "Ex"change type, "IK"E peer; any case), so "Role: ...",
    // "Initiator cookie: ..." or "Input bytes: ..." meet no pattern
    const at = firstNonSpace(text)
    if (at === text.length) continue
    const lead = text.charCodeAt(at) | 32
    const second = text.charCodeAt(at + 1) | 32
    if (lead === 114 && second === 101 && BRIEF_HEADER.test(text)) {
      close()
      sawHeader = true
      acc.ignore(line)
      continue
    }
    if (sawHeader && lead === 101 && second === 120 && HEADER_WRAP.test(text)) {
      acc.ignore(line)
      continue
    }
    const peer = lead === 105 && second === 107 ? PEER_LINE.exec(text) : null
    if (peer) {
      close()
      const sa = emptySa(ctx, '', line.n, newDetailRaw())
      sa.raw['IKE peer'] = {value: peer[1], line: line.n}
      sa.remoteAddress = peer[1]
      block = {sa, peerLine: line, lastLine: line.n, section: null, phase2: null}
      acc.consume(line)
      continue
    }
    if (block) {
      if (applyDetailLine(block, line, acc, fields)) {
        block.lastLine = line.n
        acc.consume(line)
      }
      continue
    }
    const row = BRIEF_ROW.exec(text)
    if (row) {
      acc.consume(line)
      acc.add(briefFact(row, line, ctx, ids))
    }
  }
  close()
  return acc.finish()
}

/** Lower-cased label ("input bytes"); the spellings this parser knows are the literals of its switches. */
interface IkeLabel {
  key: string
}

const KNOWN_KEYS = new Map([
  'negotiation type', 'role', 'message id', 'local', 'remote', 'local identity', 'remote identity', 'flags',
  'authentication', 'encryption', 'pseudo random function', 'input bytes', 'output bytes', 'input packets',
  'output packets', 'state', 'initiator cookie', 'responder cookie', 'exchange type', 'authentication method',
  'lifetime', 'algorithms', 'traffic statistics', 'ipsec security associations', 'phase 2 negotiations in progress',
].map((k) => [k, k]))

/**
 * Labels met so far. Known keys are the very string literals the switches compare with, so a
 * comparison is a pointer test instead of a character-by-character one.
 */
const LABELS = new LabelTable<IkeLabel>((label) => {
  const key = label.toLowerCase()
  return {key: KNOWN_KEYS.get(key) ?? key}
})

/** Handles one line inside an "IKE peer" block; false when it was not understood. */
function applyDetailLine(b: DetailBlock, line: Line, acc: LineAccount, fields: LineFields<IkeLabel>): boolean {
  const count = scanFields(line.text, LABELS, fields)
  if (count === 0) return false
  if (fields.labels[0].info.key === 'negotiation type') {
    b.phase2 = {
      messageId: null, role: null, localAddress: null, localPort: null, remoteAddress: null, remotePort: null,
      localIdentity: null, remoteIdentity: null, flags: [], line: line.n,
    }
    b.sa.phase2Negotiations.push(b.phase2)
    b.section = null
  }
  const prefix = b.phase2 ? `Phase 2 #${b.sa.phase2Negotiations.length} ` : ''
  let known = 0
  for (let i = 0; i < count; i++) {
    const {label, info} = fields.labels[i]
    const value = fields.values[i]
    const ok = b.phase2 ? applyPhase2(b.phase2, info.key, value) : applySa(b, label, info.key, value, acc, line)
    if (ok) known++
    if (value === '') continue
    if (b.phase2) putRaw(b.sa.raw as Record<string, RawField>, prefix + label, value, line)
    else putInternedRaw(b.sa.raw as Record<string, RawField>, label, value, line)
  }
  return known > 0
}

function briefFact(row: RegExpExecArray, line: Line, ctx: ParseContext, ids: IdRegistry): IkeSa {
  const [, peer, state, icookie, rcookie, exchange] = row
  const sa = emptySa(ctx, ids.unique(`ike:${peer}:${icookie}`), line.n)
  const rawState = squash(state)
  sa.raw = {
    'Remote Address': {value: peer, line: line.n},
    State: {value: rawState, line: line.n},
    'Initiator cookie': {value: icookie, line: line.n},
    'Responder cookie': {value: rcookie, line: line.n},
  }
  if (exchange) sa.raw['Exchange type'] = {value: exchange, line: line.n}
  sa.remoteAddress = peer
  sa.stateRaw = rawState
  sa.state = normalizeIkeState(rawState)
  sa.initiatorCookie = icookie
  sa.responderCookie = rcookie
  sa.mode = mode(exchange ?? null)
  if (sa.mode === 'main' || sa.mode === 'aggressive') sa.version = 1
  return sa
}

function detect(lines: Line[]): number {
  let score = 0
  for (const l of head(lines)) {
    if (BRIEF_HEADER.test(l.text)) score = Math.max(score, 0.9)
    else if (PEER_LINE.test(l.text)) score = Math.max(score, 0.6)
    // "  Role: Initiator, State: Matured"
    else if (/^\s*Role:\s*(Initiator|Responder),\s*State:/i.test(l.text)) return 0.95
  }
  return score
}

export const showIkeSecurityAssociations: ParserSpec = {
  id: 'junos/show-ike-security-associations',
  vendor: 'junos',
  command: 'show ike security-associations',
  aliases: ['show ike sa'],
  detect,
  parse,
}
