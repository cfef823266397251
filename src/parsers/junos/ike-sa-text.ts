/**
 * The one reader of Junos IKE SA text, for the three commands that print it:
 *  - legacy/ES-PIC `show ike security-associations [brief|detail]`,
 *  - MX `show services ipsec-vpn ike security-associations [detail]` ("Service set:" sections),
 *  - SRX `show security ike security-associations [index N] [detail]`.
 * Tables are read by token kind (cookie pair, index, address, state words, mode), not by column, so an
 * 8-digit index, collapsed spaces or mixed IKEv1/IKEv2 rows change nothing. Detail blocks start at an
 * "IKE peer" line; their "Label: value" lines belong to the SA, or to the phase 2 negotiation opened by
 * "Negotiation type:", by their words alone. Lines a filter left without their "IKE peer" line still
 * make (partial) SAs.
 */
import type {IkeSa, Phase2Negotiation} from '../../model/index.js'
import {normalizeIkeState} from '../../model/states.js'
import {isAddressToken, typedRow} from '../../reading/tokens.js'
import {LineAccount, toInt} from '../account.js'
import {IdRegistry} from '../ids.js'
import type {Line, ParseContext} from '../types.js'
import {junosAuthMethod, junosEncryption, junosIntegrity} from './algorithms.js'
import {parseEndpoint, parseExpiry, putEndpoint, putRaw, readCreatedDeleted, splitFields, splitFlags} from './fields.js'
import {dhGroupOf, extend, newIkeSa, nodePrefix} from './srx-common.js'
import {rawSet, rawValue} from '../../model/raw.js'

export interface IkeRow {
  index: string | null
  remote: string | null
  state: string | null
  initiatorCookie: string | null
  responderCookie: string | null
  mode: string | null
}

/** "ike:192.0.2.2:5802591"; MX services add the service set ("ike:sset-hq:198.51.100.20"), clusters the node. */
export function ikeSaId(ctx: ParseContext, remote: string | null, index: string | null, serviceSet: string | null = null): string {
  return `ike:${nodePrefix(ctx)}${serviceSet ? `${serviceSet}:` : ''}${remote ?? 'unknown'}${index ? `:${index}` : ''}`
}

/** Normalized mode and IKE version from an exchange type: "Main", "Aggressive", "IKEv2". */
export function ikeModeOf(text: string | null | undefined): {mode: IkeSa['mode']; version: IkeSa['version']} {
  const t = (text ?? '').trim().toLowerCase()
  if (t.includes('ikev2') || t === 'ike_sa_init') return {mode: 'ikev2', version: 2}
  if (t.startsWith('main')) return {mode: 'main', version: 1}
  if (t.startsWith('aggressive')) return {mode: 'aggressive', version: 1}
  return {mode: null, version: null}
}

/** Fills the normalized fields of an SA from the columns every variant prints. */
export function applyIkeRow(sa: IkeSa, row: IkeRow): void {
  if (row.remote !== null) sa.remoteAddress = row.remote
  if (row.index !== null) sa.connId = toInt(row.index)
  if (row.state !== null) {
    sa.stateRaw = row.state
    sa.state = normalizeIkeState(row.state)
  }
  if (row.initiatorCookie !== null) sa.initiatorCookie = row.initiatorCookie.toLowerCase()
  if (row.responderCookie !== null) sa.responderCookie = row.responderCookie.toLowerCase()
  if (row.mode !== null) Object.assign(sa, ikeModeOf(row.mode))
}

export function ikeSaFromRow(ctx: ParseContext, row: IkeRow, start: number, end: number): IkeSa {
  const sa = newIkeSa(ctx, ikeSaId(ctx, row.remote, row.index), start, end)
  applyIkeRow(sa, row)
  return sa
}

export interface IkeTextOptions {
  /** Legacy ids carry the initiator cookie ("ike:4.4.4.4:cf22bd81a7000001"), SRX/MX ids the index. */
  idStyle: 'cookie' | 'index'
}

// "a1c3e5f7092b4d6f"
// "Main", "Aggressive", "IKEv2", "IKEv1"
// "aca1b7cf4e6f3b5c 0c1e7bd8b7a6c5d4"
const COOKIE_PAIR = /(?:^| )[0-9a-f]{16} [0-9a-f]{16}(?: |$)/i
const MODE_WORD = /^(?:main|aggressive|ikev[12]|ike_sa_init)$/i
// "Index State Initiator cookie Responder cookie Mode Remote Address" (any order)
const HEADER_LABEL = /Index|Remote Address|State|Initiator cookie|Responder cookie|Mode|Exchange type/g
// "IKE peer 192.0.2.2, Index 5802591, Gateway Name: gw-hub" / "IKE peer 4.4.4.4"
const PEER = /^IKE peer (\S+?),?(?: (.*))?$/
// "Service set: sset-hq, IKE Routing-instance: default"
const SERVICE_SET = /^Service set: ([^,\s]+)/
// "node0:", "------", "{primary:node0}", "Exchange type" (wrapped end of the legacy table header)
const DECORATION = /^(?:node\d+:|-{5,}|\{[\w:-]+\}|Exchange type)$/

type Key = keyof IkeRow
const COLUMN_KEY: Record<string, Key> = {
  Index: 'index', 'Remote Address': 'remote', State: 'state', 'Initiator cookie': 'initiatorCookie',
  'Responder cookie': 'responderCookie', Mode: 'mode', 'Exchange type': 'mode',
}

/**
 * Labels whose values the model has no field for: kept in raw, the line is understood. Recent SRX
 * releases add "SRG ID: 0" (multinode high availability services redundancy group) and
 * "PPK-profile: None" (post-quantum preshared key profile) to the detail.
 */
const RAW_ONLY = new Set([
  'srg id', 'ppk-profile',
  'index', 'gateway name', 'reauth lifetime', 'ike fragmentation', 'size', 'remote access client info', 'peer ike-id',
  'aaa assigned ip', 'xauth assigned ip', 'xauth user-name', 'input fragmentated packets', 'output fragmentated packets',
  'local gateway interface', 'routing instance', 'algorithms', 'traffic statistics', 'negotiation type',
])
/** Labels only a phase 2 negotiation prints, with the field each fills. */
// a Map: probed with every line's first label, a fresh lower-cased string (slower on a dictionary object)
const PHASE2_ONLY = new Map<string, 'localIdentity' | 'remoteIdentity' | 'messageId'>([['local identity', 'localIdentity'], ['remote identity', 'remoteIdentity'], ['message id', 'messageId']])
const PHASE2 = new Set(['negotiation type', 'role', 'message id', 'local', 'remote', 'local identity', 'remote identity', 'flags'])

interface Block {
  sa: IkeSa
  /** Built from lines a filter left without their "IKE peer" line. */
  headless: boolean
  nego: Phase2Negotiation | null
  negoDone: boolean
  /** Lower-cased SA-level labels met: all of a headless block's (it ends when one repeats), else the one blockComplete reads. */
  seen: Set<string>
}

/** Parses table rows and detail blocks into `acct`. */
export function parseIkeSaText(lines: Line[], ctx: ParseContext, acct: LineAccount, opts: IkeTextOptions): void {
  const ids = new IdRegistry()
  let columns: Key[] | null = null
  let labels: Partial<Record<Key, string>> = {}
  let serviceSet: {value: string; line: Line} | null = null
  let block: Block | null = null

  const idOf = (sa: IkeSa, index: string | null) =>
    ids.unique(opts.idStyle === 'cookie' && index === null
      ? `ike:${nodePrefix(ctx)}${serviceSet ? `${serviceSet.value}:` : ''}${sa.remoteAddress ?? 'unknown'}:${sa.initiatorCookie ?? 'none'}`
      : ikeSaId(ctx, sa.remoteAddress, index, serviceSet?.value ?? null))
  const open = (line: Line, headless: boolean) => {
    close()
    const sa = newIkeSa(ctx, '', line.n, line.n)
    if (serviceSet) rawSet(sa.raw, 'Service set', serviceSet.value, serviceSet.line)
    block = {sa, headless, nego: null, negoDone: false, seen: new Set()}
    return block
  }
  const close = () => {
    if (!block) return
    const {sa} = block
    sa.id = idOf(sa, rawValue(sa.raw, 'Index') ?? null)
    if (sa.localPort !== null || sa.remotePort !== null) sa.natT = sa.localPort === 4500 || sa.remotePort === 4500
    if (sa.stateRaw === null) acct.warn(`line ${sa.source.startLine}: IKE peer ${sa.remoteAddress ?? '(no address)'} has no State line (truncated block?)`)
    if (block.headless || !blockComplete(block)) sa.partial = true
    acct.add(sa)
    block = null
  }

  for (const line of lines) {
    const text = line.text
    if (text === '' || DECORATION.test(text)) {
      acct.ignore(line)
      continue
    }
    const ss = SERVICE_SET.exec(text)
    if (ss) {
      close()
      serviceSet = {value: ss[1], line}
      acct.consume(line)
      continue
    }
    const peer = PEER.exec(text)
    if (peer) {
      const sa = open(line, false).sa
      sa.remoteAddress = peer[1]
      rawSet(sa.raw, 'IKE peer', peer[1], line)
      // "Index 5802591, Gateway Name: gw-hub"
      const index = /\bIndex:? (\d+)/.exec(peer[2] ?? '')?.[1]
      if (index) {
        rawSet(sa.raw, 'Index', index, line)
        sa.connId = toInt(index)
      }
      const gateway = /\bGateway Name: (\S+)/.exec(peer[2] ?? '')?.[1]
      if (gateway) rawSet(sa.raw, 'Gateway Name', gateway, line)
      acct.consume(line)
      continue
    }
    // a table header names both cookies: "Remote Address State Initiator cookie Responder cookie Exchange type"
    if (text.includes('Initiator cookie') && text.includes('Responder cookie') && !text.includes(':')) {
      close()
      columns = []
      labels = {}
      for (const m of text.matchAll(HEADER_LABEL)) {
        columns.push(COLUMN_KEY[m[0]])
        labels[COLUMN_KEY[m[0]]] = m[0]
      }
      acct.ignore(line)
      continue
    }
    const row = readRow(text, columns)
    if (row) {
      close()
      const sa = newIkeSa(ctx, '', line.n, line.n)
      applyIkeRow(sa, row)
      for (const k of Object.keys(row) as Key[]) {
        const v = row[k]
        if (v !== null) rawSet(sa.raw, labels[k] ?? DEFAULT_LABEL[k], v, line)
      }
      if (serviceSet) rawSet(sa.raw, 'Service set', serviceSet.value, serviceSet.line)
      sa.id = idOf(sa, row.index)
      if (sa.state === 'unknown') acct.warn(`line ${line.n}: IKE state "${row.state ?? ''}" not recognised`)
      acct.add(sa)
      acct.consume(line)
      continue
    }
    const fields = splitFields(text)
    if (fields.length === 0) {
      acct.reject(line, block ? 'not a "Label: value" line inside an IKE peer block' : 'outside any IKE SA table or peer block')
      continue
    }
    const first = fields[0].label.toLowerCase()
    const cur = block as Block | null
    const fresh = !(cur && !(cur.headless && !(cur.nego && PHASE2.has(first)) && cur.seen.has(first)))
    const b: Block = fresh ? open(line, true) : (cur as Block)
    if (applyLine(b, fields, first, line, acct)) {
      extend(b.sa, line)
      acct.consume(line)
    } else {
      acct.reject(line, 'no known IKE SA label')
      // an author's sentence ending in a colon ("Confirm that the IPsec SAs are installed:") opens no SA
      if (fresh) block = null
    }
  }
  close()
}

const DEFAULT_LABEL: Record<Key, string> = {
  index: 'Index', remote: 'Remote Address', state: 'State', initiatorCookie: 'Initiator cookie',
  responderCookie: 'Responder cookie', mode: 'Exchange type',
}

/**
 * A table row by token kind: "5802591 UP aca1b7cf4e6f3b5c 0c1e7bd8b7a6c5d4 IKEv2 192.0.2.2",
 * "10.20.30.40 Not matured 5e1a77c0d3b29a41 0000000000000000 Main"; null when the line has no
 * cookie pair or a token of no known kind.
 */
function readRow(text: string, columns: Key[] | null): IkeRow | null {
  // a row holds the cookie pair and no word ending in a colon (below): a "Label: value" line (most
  // detail lines) is refused before the cookie pair is looked for anywhere in it, or the line split
  if (text.includes(': ') || !COOKIE_PAIR.test(text)) return null
  const toks = typedRow(text)
  const at = toks.findIndex((t, i) => t.kind === 'cookie' && toks[i + 1]?.kind === 'cookie')
  if (at < 0 || toks.some((t) => t.text.endsWith(':'))) return null
  const row: IkeRow = {index: null, remote: null, state: null, initiatorCookie: toks[at].text, responderCookie: toks[at + 1].text, mode: null}
  const stateWords: string[] = []
  const indexFirst = columns === null || columns[0] === 'index'
  toks.forEach((t, i) => {
    if (i === at || i === at + 1) return
    if (i === 0 && indexFirst && t.kind === 'number') row.index = t.text
    else if (row.remote === null && isAddressToken(t)) row.remote = t.text
    else if (row.mode === null && i > at && MODE_WORD.test(t.text)) row.mode = t.text
    else stateWords.push(t.text)
  })
  // "Matured", "Not matured", "UP", "DOWN"
  if (stateWords.length > 0) row.state = stateWords.join(' ')
  if (row.state !== null && normalizeIkeState(row.state) === 'unknown' && row.remote === null && stateWords.length === 2) {
    // a name where the address belongs ("branch-gw UP")
    row.remote = stateWords[0]
    row.state = stateWords[1]
  }
  return row
}

/** A detail block is whole when its last SA line and every phase 2 negotiation it announces were seen. */
function blockComplete(b: Block): boolean {
  const sa = b.sa
  if (!b.seen.has('phase 2 negotiations in progress')) return false
  if (b.nego && !b.negoDone) return false
  return sa.phase2Negotiations.length >= (sa.phase2InProgress ?? 0)
}

/** Applies the fields of one line (`first`: its first label, lower-cased); false when none was known. */
function applyLine(b: Block, fields: {label: string; value: string}[], first: string, line: Line, acct: LineAccount): boolean {
  const sa = b.sa
  // "Local identity: ..." a filter left without its "Negotiation type:" line (or a second one: the
  // next negotiation's) opens a phase 2 negotiation of its own
  const only = PHASE2_ONLY.get(first)
  const orphan = only !== undefined && (!b.nego || b.nego[only] !== null)
  if (first === 'negotiation type' || orphan) {
    b.nego = {messageId: null, role: null, localAddress: null, localPort: null, remoteAddress: null, remotePort: null,
      localIdentity: null, remoteIdentity: null, flags: [], line: line.n}
    b.negoDone = false
    sa.phase2Negotiations.push(b.nego)
  }
  let known = 0
  for (const {label, value} of fields) {
    const key = label.toLowerCase()
    if (b.nego && PHASE2.has(key)) {
      putRaw(sa.raw, `Phase 2 #${sa.phase2Negotiations.length} ${label}`, value, line)
      applyPhase2(b, key, value)
      known++
      continue
    }
    if (value !== '') putRaw(sa.raw, label, value, line)
    // seen is read for a headless block (a repeated label ends it) and for the last line a whole block
    // prints (blockComplete): other labels of a block with its "IKE peer" line need no entry
    if (b.headless || key === 'phase 2 negotiations in progress') b.seen.add(key)
    const ok = applySa(sa, key, value, line, acct)
    if (ok || RAW_ONLY.has(key)) known++
  }
  return known > 0
}

function roleOf(text: string): 'initiator' | 'responder' | null {
  const t = text.toLowerCase()
  return t === 'initiator' ? 'initiator' : t === 'responder' ? 'responder' : null
}

function applyPhase2(b: Block, key: string, value: string): void {
  const n = b.nego as Phase2Negotiation
  if (key === 'role') n.role = roleOf(value)
  else if (key === 'message id') n.messageId = value
  else if (key === 'local' || key === 'remote') putEndpoint(n, key, parseEndpoint(value))
  else if (key === 'local identity') n.localIdentity = value
  else if (key === 'remote identity') n.remoteIdentity = value
  else if (key === 'flags') {
    n.flags = splitFlags(value)
    b.negoDone = true
  }
}

/** Applies one SA-level field; false when the label is not one the model has a field for. */
function applySa(sa: IkeSa, key: string, value: string, line: Line, acct: LineAccount): boolean {
  const warnIfNull = (v: unknown, what: string) => {
    if (v === null) acct.warn(`line ${line.n}: ${what} "${value}" not recognised`)
  }
  switch (key) {
    case 'role':
      sa.role = roleOf(value)
      return warnIfNull(sa.role, 'role'), true
    case 'state':
      sa.stateRaw = value
      sa.state = normalizeIkeState(value)
      return warnIfNull(sa.state === 'unknown' ? null : sa.state, 'IKE state'), true
    case 'index':
      sa.connId = toInt(value)
      return true
    case 'initiator cookie':
      sa.initiatorCookie = value.toLowerCase()
      return true
    case 'responder cookie':
      sa.responderCookie = value.toLowerCase()
      return true
    case 'exchange type':
      Object.assign(sa, ikeModeOf(value))
      return warnIfNull(sa.mode, 'exchange type'), true
    case 'ike version': {
      // "IKE version: 2" (last line of the detail on recent releases; "Exchange type" may say only "IKEv2")
      const v = toInt(value)
      if (v !== 1 && v !== 2) return warnIfNull(null, 'IKE version'), true
      sa.version = v
      if (v === 2 && sa.mode === null) sa.mode = 'ikev2'
      return true
    }
    case 'authentication method':
      sa.authMethod = junosAuthMethod(value)
      return true
    case 'local':
    case 'remote':
      putEndpoint(sa, key, parseEndpoint(value))
      return true
    case 'lifetime':
      sa.lifetimeRemainingSec = parseExpiry(value)?.seconds ?? null
      return warnIfNull(sa.lifetimeRemainingSec, 'lifetime'), true
    // "Authentication : hmac-sha1-96", "Encryption : aes-cbc (256 bits)" (under "Algorithms:")
    case 'authentication':
      sa.integrity = junosIntegrity(value)
      return warnIfNull(sa.integrity, 'authentication algorithm'), true
    case 'encryption':
      sa.encryption = junosEncryption(value)
      return warnIfNull(sa.encryption, 'encryption algorithm'), true
    case 'pseudo random function':
      sa.prf = junosIntegrity(value)
      return warnIfNull(sa.prf, 'pseudo random function'), true
    case 'diffie-hellman group':
      sa.dhGroup = dhGroupOf(value)
      return warnIfNull(sa.dhGroup, 'Diffie-Hellman group'), true
    // "Input bytes : 5412" (under "Traffic statistics:")
    case 'input bytes':
    case 'output bytes':
    case 'input packets':
    case 'output packets': {
      const field = ({'input bytes': 'inBytes', 'output bytes': 'outBytes', 'input packets': 'inPackets', 'output packets': 'outPackets'} as const)[key]
      sa[field] = toInt(value)
      return warnIfNull(sa[field], key), true
    }
    case 'flags':
      sa.flags = splitFlags(value)
      return true
    // "IPSec security associations: 14 created, 12 deleted"
    case 'ipsec security associations':
      if (!readCreatedDeleted(value, sa)) acct.warn(`line ${line.n}: IPsec SA counts "${value}" not recognised`)
      return true
    case 'phase 2 negotiations in progress':
      sa.phase2InProgress = toInt(value)
      return warnIfNull(sa.phase2InProgress, key), true
    default:
      return false
  }
}
