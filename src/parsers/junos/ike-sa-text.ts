/**
 * Text of `show security ike security-associations [detail]` (SRX) and `show services ipsec-vpn ike
 * security-associations [detail]` (MX): the summary table in either column order, and the per-peer
 * detail blocks. Both parsers and the structured (JSON/XML) reader build SAs through `ikeSaFromRow`.
 */
import type {IkeSa, Phase2Negotiation} from '../../model/index.js'
import {normalizeIkeState} from '../../model/index.js'
import {LineAccount, cols, isSpaceCode, leadChar, raw, toInt} from '../account.js'
import type {Line, ParseContext} from '../types.js'
import {type EndpointPair, putEndpoint} from './fields.js'
import {
  addressPort, authMethodOf, dhGroupOf, expiresIn, extend, ikeModeOf, labelPairs, newIkeSa, nodePrefix,
  normalizeEncryption, normalizeIntegrity,
} from './srx-common.js'

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
  if (row.mode !== null) {
    const {mode, version} = ikeModeOf(row.mode)
    sa.mode = mode
    sa.version = version
  }
}

export function ikeSaFromRow(ctx: ParseContext, row: IkeRow, start: number, end: number): IkeSa {
  const sa = newIkeSa(ctx, ikeSaId(ctx, row.remote, row.index), start, end)
  applyIkeRow(sa, row)
  return sa
}

type ColumnKey = keyof IkeRow
// Header labels in the order printed, e.g. "Index   State  Initiator cookie  Responder cookie  Mode   Remote Address"
const HEADER_LABEL = /Index|Remote[ -]Address|State|Initiator[ -]cookie|Responder[ -]cookie|Mode|Exchange[ -]type/gi

interface Column {
  key: ColumnKey
  /** Header label as printed, the raw field name. */
  label: string
}

function headerColumns(text: string): Column[] | null {
  // a header names the cookies and the state: "Index   State  Initiator cookie  Responder cookie  Mode ..."
  // (the native "State" search first: most lines fail it, and then the pattern need not run)
  if (!text.includes('State') || !/cookie/i.test(text)) return null
  const columns: Column[] = []
  for (const m of text.matchAll(HEADER_LABEL)) {
    const l = m[0].toLowerCase()
    const key: ColumnKey = l === 'index' ? 'index' : l.startsWith('remote') ? 'remote' : l === 'state' ? 'state'
      : l.startsWith('initiator') ? 'initiatorCookie' : l.startsWith('responder') ? 'responderCookie' : 'mode'
    columns.push({key, label: m[0]})
  }
  return columns.length >= 4 ? columns : null
}

/** Whitespace split that keeps the two-word state "Not matured" in one cell. */
function rowCells(text: string): string[] {
  const cells = cols(text)
  // "198.51.100.21   Not matured   a1c3e5f7092b4d6f  0000000000000000  Main"
  const i = cells.findIndex((c, k) => /^not$/i.test(c) && /^matured$/i.test(cells[k + 1] ?? ''))
  if (i >= 0) cells.splice(i, 2, `${cells[i]} ${cells[i + 1]}`)
  return cells
}

/** Whether the last non-blank character of the line is ":". */
function endsWithColon(text: string): boolean {
  let end = text.length
  while (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--
  return end > 0 && text.charCodeAt(end - 1) === 58
}

/** Section headers inside a detail block; their "Label : value" lines are read differently. */
type Section = 'none' | 'algorithms' | 'traffic' | 'other'

interface DetailState {
  sa: IkeSa
  section: Section
  nego: Phase2Negotiation | null
}

/** "192.0.2.1:4500" into the local or remote address and port of an SA or a phase 2 negotiation. */
function setLocalRemote(target: EndpointPair, key: 'local' | 'remote', value: string): void {
  putEndpoint(target, key, addressPort(value))
}

/**
 * Raw field name of a detail pair: inside a phase 2 negotiation block the label gets "Phase 2 #N " in
 * front, so "Local", "Role" or "Flags" of a negotiation never overwrite the IKE SA's own fields.
 */
function detailRawKey(st: DetailState, label: string): string {
  return st.nego ? `Phase 2 #${st.sa.phase2Negotiations.length} ${label}` : label
}

/** Label with blank runs collapsed, and that lower-cased; remembered per printed label (a few dozen). */
const KEY_FORMS = new Map<string, {squashed: string; lower: string}>()

function keyForms(key: string): {squashed: string; lower: string} {
  let forms = KEY_FORMS.get(key)
  if (forms === undefined) {
    // "Input  bytes" -> "Input bytes"
    const squashed = key.replace(/\s+/g, ' ')
    forms = {squashed, lower: squashed.toLowerCase()}
    if (KEY_FORMS.size < 1000) KEY_FORMS.set(key, forms)
  }
  return forms
}

function applyDetailPair(st: DetailState, key: string, value: string, line: Line): void {
  const sa = st.sa
  const {squashed, lower: k} = keyForms(key)
  sa.raw[detailRawKey(st, squashed)] = raw(value, line)
  if (st.nego) {
    const n = st.nego
    if (k === 'local' || k === 'remote') return setLocalRemote(n, k, value)
    if (k === 'local identity') n.localIdentity = value
    else if (k === 'remote identity') n.remoteIdentity = value
    else if (k === 'role') n.role = value.toLowerCase() === 'initiator' ? 'initiator' : value.toLowerCase() === 'responder' ? 'responder' : null
    else if (k === 'message id') n.messageId = value
    else if (k === 'flags') n.flags = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
    return
  }
  if (st.section === 'algorithms') {
    if (k === 'authentication') sa.integrity = normalizeIntegrity(value)
    else if (k === 'encryption') sa.encryption = normalizeEncryption(value)
    else if (k === 'pseudo random function') sa.prf = normalizeIntegrity(value)
    else if (k === 'diffie-hellman group') sa.dhGroup = dhGroupOf(value)
    return
  }
  if (st.section === 'traffic') {
    const v = toInt(value)
    if (k === 'input bytes') sa.inBytes = v
    else if (k === 'output bytes') sa.outBytes = v
    else if (k === 'input packets') sa.inPackets = v
    else if (k === 'output packets') sa.outPackets = v
    return
  }
  switch (k) {
    case 'index':
      sa.connId = toInt(value)
      break
    case 'role':
      sa.role = value.toLowerCase() === 'initiator' ? 'initiator' : value.toLowerCase() === 'responder' ? 'responder' : null
      break
    case 'state':
      applyIkeRow(sa, {index: null, remote: null, state: value, initiatorCookie: null, responderCookie: null, mode: null})
      break
    case 'initiator cookie':
      sa.initiatorCookie = value.toLowerCase()
      break
    case 'responder cookie':
      sa.responderCookie = value.toLowerCase()
      break
    case 'exchange type':
      applyIkeRow(sa, {index: null, remote: null, state: null, initiatorCookie: null, responderCookie: null, mode: value})
      break
    case 'authentication method':
      sa.authMethod = authMethodOf(value)
      break
    case 'local':
    case 'remote':
      setLocalRemote(sa, k, value)
      if (sa.localPort !== null || sa.remotePort !== null) sa.natT = sa.localPort === 4500 || sa.remotePort === 4500
      break
    case 'lifetime':
      sa.lifetimeRemainingSec = expiresIn(value)
      break
    case 'flags':
      sa.flags = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
      break
    case 'ipsec security associations': {
      // "2 created, 0 deleted"
      const m = /(\d+)\s+created,\s*(\d+)\s+deleted/i.exec(value)
      if (m) {
        sa.ipsecSasCreated = Number(m[1])
        sa.ipsecSasDeleted = Number(m[2])
      }
      break
    }
    case 'phase 2 negotiations in progress':
      sa.phase2InProgress = toInt(value)
      break
    default:
      break
  }
}

/** Parses table rows and detail blocks into `acct`. Returns nothing: facts go to the account. */
export function parseIkeSaText(lines: Line[], ctx: ParseContext, acct: LineAccount): void {
  let columns: Column[] | null = null
  let detail: DetailState | null = null
  let serviceSet: {value: string; line: Line} | null = null
  const finishDetail = () => {
    if (detail) acct.add(detail.sa)
    detail = null
  }
  // indexed: a for-of loop that runs once per capture allocates an iterator result per line until optimized
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const text = line.text
    // the patterns below start with a fixed word or character: test only those whose first one fits
    const lead = leadChar(text)
    if (lead === '') {
      acct.ignore(line)
      continue
    }
    // "node0:" / "--------------------------------------------------------------------------" (cluster decoration)
    if ((lead === 'n' || lead === '-') && /^\s*(node\d+:|-{5,})\s*$/.test(text)) {
      acct.ignore(line)
      continue
    }
    // "Service set: sset-1, IKE Routing-instance: default" (MX services form)
    const ss = lead === 'S' ? /^\s*Service set:\s*([^,\s]+)/.exec(text) : null
    if (ss) {
      finishDetail()
      serviceSet = {value: ss[1], line}
      acct.consume(line)
      continue
    }
    // "IKE peer 192.0.2.2, Index 5802591, Gateway Name: gw-hub" / "IKE peer 10.0.0.2"
    const peer = lead === 'I' && text.includes('IKE peer') ? /^\s*IKE peer\s+([^\s,]+)(.*)$/.exec(text) : null
    if (peer) {
      finishDetail()
      columns = null
      // ", Index 5802591, Gateway Name: gw-hub" (rest of the peer line)
      const index = /Index[: ]\s*(\d+)/.exec(peer[2])?.[1] ?? null
      const sa = ikeSaFromRow(ctx, {index, remote: peer[1], state: null, initiatorCookie: null, responderCookie: null, mode: null}, line.n, line.n)
      sa.raw['IKE peer'] = raw(peer[1], line)
      if (index) sa.raw['Index'] = raw(index, line)
      // "Gateway Name: gw-hub" on the peer line
      const gw = /Gateway Name:\s*(\S+)/.exec(peer[2])
      if (gw) sa.raw['Gateway Name'] = raw(gw[1], line)
      if (serviceSet) {
        sa.raw['Service set'] = raw(serviceSet.value, serviceSet.line)
        sa.id = ikeSaId(ctx, peer[1], index, serviceSet.value)
      }
      detail = {sa, section: 'none', nego: null}
      acct.consume(line)
      continue
    }
    const header = headerColumns(text)
    if (header) {
      finishDetail()
      columns = header
      acct.ignore(line)
      continue
    }
    if (detail) {
      const st: DetailState = detail
      // "  Algorithms:" / "  Traffic statistics:" / "  Fingerprint:" (section headers without a value;
      // only a line whose last non-blank character is ":" can be one)
      const sec = endsWithColon(text) ? /^\s*([A-Za-z][A-Za-z0-9 -]*):\s*$/.exec(text) : null
      if (sec) {
        const name = sec[1].trim().toLowerCase()
        st.section = name === 'algorithms' ? 'algorithms' : name === 'traffic statistics' ? 'traffic' : 'other'
        extend(st.sa, line)
        acct.consume(line)
        continue
      }
      // "    Negotiation type: Quick mode, Role: Initiator, Message ID: 0"
      if (lead === 'N' && /^\s*Negotiation type:/.test(text)) {
        st.nego = {messageId: null, role: null, localAddress: null, localPort: null, remoteAddress: null, remotePort: null,
          localIdentity: null, remoteIdentity: null, flags: [], line: line.n}
        st.sa.phase2Negotiations.push(st.nego)
        st.section = 'none'
      } else if (st.section !== 'none' && !/^\s{3,}/.test(text) /* "   Encryption : aes256-cbc" stays in the section */ && !/^\s*(Input|Output)/.test(text)) {
        // a line indented like the block's own fields closes the Algorithms/Traffic section
        st.section = 'none'
      }
      const pairs = labelPairs(text.trim())
      if (pairs.length === 0) {
        acct.reject(line, 'not a "Label: value" line inside an IKE peer block')
        continue
      }
      for (const p of pairs) {
        if (p.key === 'Negotiation type') st.sa.raw[detailRawKey(st, 'Negotiation type')] = raw(p.value, line)
        else applyDetailPair(st, p.key, p.value, line)
      }
      extend(st.sa, line)
      acct.consume(line)
      continue
    }
    if (columns) {
      const cells = rowCells(text)
      if (cells.length !== columns.length) {
        acct.reject(line, `expected ${columns.length} columns, found ${cells.length}`)
        continue
      }
      const row: IkeRow = {index: null, remote: null, state: null, initiatorCookie: null, responderCookie: null, mode: null}
      columns.forEach((c, i) => (row[c.key] = cells[i]))
      // index cell: "5802591"
      if (row.index !== null && !/^\d+$/.test(row.index)) {
        acct.reject(line, 'index column is not a number')
        continue
      }
      const sa = ikeSaFromRow(ctx, row, line.n, line.n)
      columns.forEach((c, i) => (sa.raw[c.label] = raw(cells[i], line)))
      if (serviceSet) {
        sa.raw['Service set'] = raw(serviceSet.value, serviceSet.line)
        sa.id = ikeSaId(ctx, row.remote, row.index, serviceSet.value)
      }
      acct.add(sa)
      acct.consume(line)
      continue
    }
    acct.reject(line, 'outside any IKE SA table or peer block')
  }
  finishDetail()
}
