/**
 * `show crypto ikev2 sa [detailed|detail]` on IOS-XE and ASA: one ikeSa fact (version 2) per tunnel row.
 *
 * IOS-XE prints "IPv4 Crypto IKEv2 SA" sections with `Tunnel-id Local Remote fvrf/ivrf Status` rows;
 * over IPv6 some releases print `Tunnel-id fvrf/ivrf Status` rows with the `Local addr/port` and
 * `Remote addr/port` on their own lines below. ASA prints "IKEv2 SAs:" with a `Session-id:..., Status:...`
 * line before each session and a Role column, plus `Child sa:` lines. Attribute lines (Encr/keysize/
 * PRF/Hash/DH/Auth, Life/Active Time and the detail lines) belong to the row above them.
 *
 * Lines are canonical (single spaces, no indentation): rows are read by the kind of each word (tunnel
 * id, address/port, vrf pair, status, role), attribute lines by their label words. A row whose
 * attributes stop early (no Life/Active Time line; a detailed row without its last line; a Child sa
 * without its SPIs) was cut off and is marked partial. `parseIkev2Lines` is shared with the ASA
 * `show crypto isakmp sa` parser, whose output carries an IKEv2 section.
 */
import type {IkeSa} from '../../model/index.js'
import {normalizeIkeState} from '../../model/states.js'
import {LineAccount, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {normalizeCipher, parseDhGroup} from './algorithms.js'
import {IdRegistry, RawFields, scoreLines, splitLabeled} from './common.js'
import {blankIkeSa, ikeAuth, ikeHash, isFiltered, markPartial, peerValue, readIkev2Row, setAddress, type Ikev2Row, type PeerValue} from './modern-common.js'
import {rawGet, rawHas, rawValue} from '../../model/raw.js'

// "IPv4 Crypto IKEv2 SA" / "IPv6 Crypto IKEv2 SA"
const FAMILY_HEADER = /^IPv[46] Crypto IKEv2 SA$/i
// "IKEv2 SAs:"
const ASA_HEADER = /^IKEv2 SAs:$/
// "There are no IKEv2 SAs"
const NO_SAS = /^There are no IKEv2 SAs\.?$/i
// "Tunnel-id Local Remote fvrf/ivrf Status" / "Tunnel-id Local Remote Status Role" / "Tunnel-id fvrf/ivrf Status"
const COLUMN_HEADER = /^Tunnel-id (?:Local|fvrf\/ivrf)\b/i
// "Session-id:1, Status:UP-ACTIVE, IKE count:1, Child count:1"
const SESSION_LINE = /^Session-id: ?(\d+), Status: ?([^,]+), IKE count: ?(\d+), Child count: ?(\d+)$/i
// "Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19, Auth sign: PSK, Auth verify: PSK"
const ENCR_LINE = /^Encr: ?\S/
// "Life/Active Time: 86400/735 sec"
const LIFE_LINE = /^Life\/Active Time: ?(\d+)\/(\d+) sec$/i
// "DPD configured for 10 seconds, retry 2" / "DPD not configured."
const DPD_LINE = /^DPD (not )?configured\b/i
// "NAT-T is not detected" / "NAT-T is detected outside" / "NAT-T not detected"
const NAT_LINE = /^NAT-T (?:is )?(not )?detected\b ?(.*)$/i
// "Initiator of SA : Yes"
const INITIATOR_LINE = /^Initiator of SA ?: ?(\S*)$/i
// "Local 2001:DB8:1::1/500" / "Remote addr/port: 2001:DB8:2::2/500" (IPv6 rows of some releases)
const ENDPOINT_LINE = /^(Local|Remote)(?: addr\/port)?:? (\S+)$/i
// "Child sa: local selector 10.1.0.0/0 - 10.1.255.255/65535"
const CHILD_START = /^Child sa: ?local selector ?(.*)$/i
// "remote selector 10.2.0.0/0 - 10.2.255.255/65535"
const CHILD_REMOTE = /^remote selector ?(.*)$/i
// "ESP spi in/out: 0x9ab7c6d5/0x1c2d3e4f" / "AH spi in/out: 0x0/0x0" / "CPI in/out: 0x0/0x0"
const CHILD_SPI = /^(ESP spi|AH spi|CPI) in\/out: ?(0x[0-9a-f]+)\/(0x[0-9a-f]+)$/i
// "ah_hmac: None, comp: IPCOMP_NONE, mode tunnel"
const CHILD_MODE = /^ah_hmac: ?\S+, comp: ?\S+, mode \S+$/i
// "Encr: AES-CBC, keysize: 256, esp_hmac: SHA256" (a Child sa's cipher: the IKE SA's line has no esp_hmac)
const CHILD_ENCR = /^Encr: .*\besp_hmac: ?\S/i
/**
 * Phrases without a colon: "Fragmentation not configured.", "IETF Std Fragmentation enabled.",
 * "Extended Authentication not configured.", "Cisco Trust Security SGT is disabled",
 * "Quantum-safe Encryption using Manual PPK".
 */
const PHRASE_LINE = /^(IETF Std Fragmentation|Fragmentation|Extended Authentication|Cisco Trust Security SGT|Quantum-safe Encryption)\b ?([^:]*)$/i
// "Quantum-safe Encryption using PQC: ML-KEM-768" / "Quantum-safe Encryption using PQC:"
const QUANTUM_LINE = /^Quantum-safe Encryption using ([^:]+): ?(.*)$/i
// "Local spi: 4A5C0E1C6B7D8E9F Remote spi: 1D2E3F4A5B6C7D8E" / "Local req msg id: 2 Remote req msg id: 11"
const TWO_COLUMNS = /^(Local [a-z ]+): ?(\S+) (Remote [a-z ]+): ?(\S+)$/i
// "CE id: 1019, Session-id: 4"
const CE_LINE = /^CE id: ?(\d+), Session-id: ?(\d+)$/i
// "Status Description: Negotiation done" / "PEER TYPE: IOS-XE" / "Local id: 10.1.1.1" / "Remote id:"
const LABEL_LINE = /^([A-Za-z][\w -]*): ?(.*)$/
/** Labels of one-value lines kept as raw fields: known, nothing to normalize. */
const KNOWN_LABELS = new Set([
  'status description', 'peer type', 'dynamic route update', 'local id', 'remote id', 'remote eap id',
  'pushed ip address', 'assigned host addr', 'session-id', 'pqc key exchange', 'ikev2 fragmentation',
])

interface OpenSa {
  fact: IkeSa
  fields: RawFields
  start: number
  end: number
  inChild: boolean
  /** Child SAs the ASA session line announces. */
  childCount: number | null
  localSpi: string | null
  remoteSpi: string | null
  natDetected: boolean | null
}

interface AsaSession {
  id: string
  status: string
  childCount: number
  line: number
  /** A record (row or attribute lines) took this session. */
  used: boolean
}

/** Fills the algorithm fields from "Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19, ...". */
function readEncrLine(sa: OpenSa, line: Line, acct: LineAccount): void {
  const pairs = splitLabeled(line.text)
  const get = (label: string) => pairs.find((p) => p.label.toLowerCase() === label)?.value
  const child = sa.inChild || CHILD_ENCR.test(line.text)
  for (const p of pairs) sa.fields.set(child ? `child ${p.label}` : p.label, p.value, line)
  if (child) return
  const encr = get('encr')
  // "Encr: Unknown - 0" (nothing negotiated yet)
  if (encr && !/^unknown/i.test(encr)) {
    sa.fact.encryption = normalizeCipher(encr, get('keysize'))
    if (sa.fact.encryption === null) acct.warn(`line ${line.n}: Encr "${encr}" not understood`)
  }
  // AEAD ciphers (and SAs with no cipher negotiated yet) print "Hash: None" or "Hash: N/A": not applicable
  const noHashNeeded = sa.fact.encryption === null || sa.fact.encryption.endsWith('-gcm')
  const hash = get('hash')
  if (hash) sa.fact.integrity = noHashNeeded && /^(none|n\/a)$/i.test(hash) ? null : ikeHash(hash)
  const prf = get('prf')
  if (prf && !/^unknown/i.test(prf)) sa.fact.prf = ikeHash(prf)
  const dh = get('dh grp')
  // "DH Grp:0" is printed while nothing is negotiated yet
  if (dh) sa.fact.dhGroup = parseDhGroup(dh) || null
  const auth = get('auth sign')
  if (auth && !/^unknown/i.test(auth)) sa.fact.authMethod = ikeAuth(auth)
}

/** Reads one attribute line of an open SA; false when the line is not understood. */
function readAttribute(sa: OpenSa, line: Line, acct: LineAccount): boolean {
  const t = line.text
  const f = sa.fact
  const set = (label: string, value: string) => sa.fields.set(sa.inChild ? `child ${label}` : label, value, line)
  let m: RegExpExecArray | null
  // the child lines below have forms of their own: a filter that drops "Child sa:" leaves them readable
  if ((m = CHILD_START.exec(t))) {
    sa.inChild = true
    sa.fields.set('child local selector', m[1], line)
  } else if ((m = CHILD_REMOTE.exec(t))) {
    sa.fields.set('child remote selector', m[1], line)
  } else if ((m = CHILD_SPI.exec(t))) {
    sa.fields.set(`child ${m[1]} in/out`, `${m[2]}/${m[3]}`, line)
  } else if (CHILD_MODE.test(t)) {
    for (const p of splitLabeled(t)) sa.fields.set(`child ${p.label}`, p.value, line)
  } else if (ENCR_LINE.test(t)) {
    readEncrLine(sa, line, acct)
  } else if ((m = LIFE_LINE.exec(t))) {
    sa.fields.set('Life/Active Time', `${m[1]}/${m[2]}`, line)
    f.lifetimeSec = Number(m[1])
    f.lifetimeRemainingSec = Math.max(0, Number(m[1]) - Number(m[2]))
  } else if ((m = DPD_LINE.exec(t))) {
    sa.fields.set('DPD', t, line)
    f.dpdEnabled = m[1] === undefined
  } else if ((m = NAT_LINE.exec(t))) {
    sa.fields.set('NAT-T', t, line)
    sa.natDetected = m[1] === undefined
    if (sa.natDetected && m[2]) f.flags.push(`nat-t detected ${m[2].toLowerCase()}`)
  } else if ((m = INITIATOR_LINE.exec(t))) {
    sa.fields.set('Initiator of SA', m[1], line)
    if (/^(yes|no)$/i.test(m[1])) f.role = /^yes$/i.test(m[1]) ? 'initiator' : 'responder'
    else acct.warn(`line ${line.n}: Initiator of SA "${m[1]}" not understood`)
  } else if ((m = TWO_COLUMNS.exec(t))) {
    set(m[1], m[2])
    set(m[3], m[4])
    if (!sa.inChild && /^local spi$/i.test(m[1])) sa.localSpi = m[2]
    if (!sa.inChild && /^remote spi$/i.test(m[3])) sa.remoteSpi = m[4]
  } else if ((m = CE_LINE.exec(t))) {
    set('CE id', m[1])
    set('Session-id', m[2])
    if (!sa.inChild) f.connId = Number(m[2])
  } else if ((m = QUANTUM_LINE.exec(t))) {
    set(`Quantum-safe Encryption using ${m[1]}`, m[2])
    f.flags.push(`quantum-safe ${m[1].toLowerCase()}${m[2] ? ` ${m[2].toLowerCase()}` : ''}`)
  } else if ((m = PHRASE_LINE.exec(t))) {
    // "not configured." -> "not configured"
    set(m[1], m[2].replace(/\.$/, ''))
    if (/^quantum-safe/i.test(m[1])) f.flags.push(`quantum-safe ${m[2].replace(/^using /i, '').toLowerCase()}`)
  } else if (!sa.inChild && (m = endpointLine(t)) && !rawHas(f.raw, m[1])) {
    sa.fields.set(m[1], m[2], line)
    setEndpoint(f, /^local/i.test(m[1]) ? 'local' : 'remote', peerValue(m[2]) as PeerValue)
  } else if ((m = LABEL_LINE.exec(t)) && KNOWN_LABELS.has(m[1].toLowerCase())) {
    set(m[1], m[2])
    if (/^session-id$/i.test(m[1]) && !sa.inChild) f.connId = toInt(m[2]) ?? f.connId
    // "PQC Key Exchange: ML-KEM-768"
    if (/^pqc key exchange$/i.test(m[1]) && m[2] !== '') f.flags.push(`pqc ${m[2].toLowerCase()}`)
  } else {
    return false
  }
  return true
}

/**
 * The first raw label an attribute line sets (as readAttribute names it), or null when the line is
 * no attribute line: a filter that dropped the tunnel rows leaves such lines, and a label the open
 * record already holds starts the next record.
 */
function attributeLabel(t: string, inChild: boolean): string | null {
  const scoped = (label: string) => (inChild ? `child ${label}` : label)
  let m: RegExpExecArray | null
  if (CHILD_START.test(t)) return 'child local selector'
  if (CHILD_REMOTE.test(t)) return 'child remote selector'
  if ((m = CHILD_SPI.exec(t))) return `child ${m[1]} in/out`
  if (CHILD_MODE.test(t)) return 'child ah_hmac'
  if (ENCR_LINE.test(t)) return inChild || CHILD_ENCR.test(t) ? 'child Encr' : 'Encr'
  if (LIFE_LINE.test(t)) return 'Life/Active Time'
  if (DPD_LINE.test(t)) return 'DPD'
  if (NAT_LINE.test(t)) return 'NAT-T'
  if (INITIATOR_LINE.test(t)) return 'Initiator of SA'
  if ((m = TWO_COLUMNS.exec(t))) return scoped(m[1])
  if (CE_LINE.test(t)) return scoped('CE id')
  if ((m = QUANTUM_LINE.exec(t))) return scoped(`Quantum-safe Encryption using ${m[1]}`)
  if ((m = PHRASE_LINE.exec(t))) return scoped(m[1])
  if (!inChild && (m = endpointLine(t))) return m[1]
  if ((m = LABEL_LINE.exec(t)) && KNOWN_LABELS.has(m[1].toLowerCase())) return scoped(m[1])
  return null
}

/** "Local 2001:DB8:1::1/500": an endpoint line of the IPv6 layout, its value an address with a port ("Remote id:" is not). */
function endpointLine(t: string): RegExpExecArray | null {
  const m = ENDPOINT_LINE.exec(t)
  return m && peerValue(m[2])?.port != null ? m : null
}

function setEndpoint(f: IkeSa, side: 'local' | 'remote', value: PeerValue): void {
  setAddress(f, side === 'local' ? 'localAddress' : 'remoteAddress', value)
  if (side === 'local') f.localPort = value.port
  else f.remotePort = value.port
}

/** A record whose attributes stop before their usual last line was cut off (or filtered). */
function isCut(sa: OpenSa, ctx: ParseContext): boolean {
  const has = (label: string) => sa.fields.has(label)
  // a record without its tunnel row was filtered or cut above it
  if (isFiltered(ctx) || !has('Tunnel-id') || !has('Life/Active Time')) return true
  // IOS-XE detailed ends with "Initiator of SA"; ASA detail (rows under a session line) with "NAT-T ..."
  const detailed = has('Status Description') || has('Local spi') || ctx.args.some((a) => /^detail(ed)?$/i.test(a))
  if (detailed && !has(has('Session Status') ? 'NAT-T' : 'Initiator of SA')) return true
  if ((sa.childCount ?? 0) > 0 && !has('child local selector')) return true
  if (has('child local selector')) {
    if (!has('child ESP spi in/out') && !has('child AH spi in/out')) return true
    if (detailed && !has('child ah_hmac')) return true
  }
  return false
}

function finish(sa: OpenSa, ctx: ParseContext, acct: LineAccount): void {
  const f = sa.fact
  f.source = sourceOf(ctx, sa.start, sa.end)
  if (sa.natDetected !== null) f.natT = sa.natDetected
  else if (f.localPort === 4500 || f.remotePort === 4500) f.natT = true
  else if (f.localPort === 500 && f.remotePort === 500) f.natT = false
  if (f.role !== null && (sa.localSpi !== null || sa.remoteSpi !== null)) {
    f.initiatorCookie = f.role === 'initiator' ? sa.localSpi : sa.remoteSpi
    f.responderCookie = f.role === 'initiator' ? sa.remoteSpi : sa.localSpi
  }
  if (isCut(sa, ctx)) markPartial(f)
  acct.add(f)
}

/** A record for attribute lines with no tunnel row above them (filtered or cut output): only what they say. */
function startHeaderless(line: Line, session: AsaSession | null, ctx: ParseContext): OpenSa {
  const fields = new RawFields()
  if (session) {
    fields.set('Session-id', session.id, session.line)
    fields.set('Session Status', session.status, session.line)
  }
  const fact = blankIkeSa(ctx, '', line.n, line.n, fields.fields)
  fact.version = 2
  fact.mode = 'ikev2'
  fact.connId = session ? Number(session.id) : null
  fact.statusRaw = session?.status ?? null
  // no row status: the session line's ("Status:UP-IDLE") is the state read
  if (session) fact.state = normalizeIkeState(session.status)
  return {fact, fields, start: line.n, end: line.n, inChild: false, childCount: session?.childCount ?? null, localSpi: null, remoteSpi: null, natDetected: null}
}

function startSa(row: Ikev2Row, line: Line, session: AsaSession | null, ctx: ParseContext): OpenSa {
  const fields = new RawFields()
  if (session) {
    fields.set('Session-id', session.id, session.line)
    fields.set('Session Status', session.status, session.line)
  }
  fields.set('Tunnel-id', row.tunnelId, line)
  if (row.localText !== null) fields.set('Local', row.localText, line)
  if (row.remoteText !== null) fields.set('Remote', row.remoteText, line)
  if (row.vrf) fields.set('fvrf/ivrf', row.vrf, line)
  fields.set('Status', row.status, line)
  if (row.role) fields.set('Role', row.role, line)
  const fact = blankIkeSa(ctx, '', line.n, line.n, fields.fields)
  fact.version = 2
  fact.mode = 'ikev2'
  if (row.local) setEndpoint(fact, 'local', row.local)
  if (row.remote) setEndpoint(fact, 'remote', row.remote)
  fact.stateRaw = row.status
  fact.state = normalizeIkeState(row.status)
  // a row status the table does not know: the session line above says as much ("Status:DOWN-NEGOTIATING")
  if (fact.state === 'unknown' && session) fact.state = normalizeIkeState(session.status)
  fact.deleted = /^DELETE/i.test(row.status)
  fact.role = row.role ? (row.role.toLowerCase() as 'initiator' | 'responder') : null
  fact.connId = session ? Number(session.id) : null
  fact.statusRaw = session?.status ?? null
  const sa: OpenSa = {
    fact, fields, start: line.n, end: line.n, inChild: false, childCount: session?.childCount ?? null,
    localSpi: null, remoteSpi: null, natDetected: null,
  }
  return sa
}

/**
 * Parses IKEv2 SA output lines into ikeSa facts on `acct`. Lines it does not understand are left
 * unclaimed (so they are reported as unparsed).
 */
export function parseIkev2Lines(lines: Line[], ctx: ParseContext, acct: LineAccount, ids: IdRegistry): void {
  let open: OpenSa | null = null
  let session: AsaSession | null = null
  const filtered = isFiltered(ctx)
  /** A session line whose rows a filter (or a cut) removed is a record of its own. */
  const sessionAlone = () => {
    if (session === null || session.used) return
    session.used = true
    open = startHeaderless({n: session.line, text: ''}, session, ctx)
    close()
  }
  const close = () => {
    if (open) {
      // the id waits for the IPv6 layout's "Remote" line
      open.fact.id = ids.unique(`ike:${open.fact.remoteAddress ?? '?'}:${rawValue(open.fields.fields, 'Tunnel-id') ?? '?'}`)
      finish(open, ctx, acct)
    }
    open = null
  }
  for (const line of lines) {
    const t = line.text
    let m: RegExpExecArray | null
    let row: Ikev2Row | null
    if (t === '') continue
    if (FAMILY_HEADER.test(t) || ASA_HEADER.test(t) || NO_SAS.test(t)) {
      close()
      sessionAlone()
      session = null
      acct.ignore(line)
    } else if ((m = SESSION_LINE.exec(t))) {
      close()
      sessionAlone()
      session = {id: m[1], status: m[2], childCount: Number(m[4]), line: line.n, used: false}
      acct.consume(line)
    } else if (COLUMN_HEADER.test(t)) {
      close()
      acct.ignore(line)
    } else if ((row = readIkev2Row(t))) {
      close()
      open = startSa(row, line, session, ctx)
      if (session) session.used = true
      acct.consume(line)
    } else if (open !== null && !(filtered && repeats(open, t)) && readAttribute(open, line, acct)) {
      open.end = line.n
      acct.consume(line)
    } else if (open === null || filtered) {
      // attribute lines whose row a filter (or the author's cut) removed: a record of their own
      const fresh = attributeLabel(t, false) === null ? null : startHeaderless(line, session, ctx)
      if (fresh && readAttribute(fresh, line, acct)) {
        close()
        open = fresh
        if (session) session.used = true
        acct.consume(line)
      }
    }
  }
  close()
  sessionAlone()
}

/** True when the open record already holds the label this line sets (from its own lines, not its session's). */
function repeats(sa: OpenSa, t: string): boolean {
  const label = attributeLabel(t, sa.inChild)
  const held = label === null ? undefined : rawGet(sa.fields.fields, label)
  return held !== undefined && held.line >= sa.start
}

export const showCryptoIkev2Sa: ParserSpec = {
  id: 'cisco/show-crypto-ikev2-sa',
  vendor: 'cisco',
  command: 'show crypto ikev2 sa',
  aliases: ['show crypto ikev2 sa detailed', 'show crypto ikev2 sa detail'],
  detect(lines: Line[]): number {
    return scoreLines(lines, [FAMILY_HEADER, COLUMN_HEADER, SESSION_LINE, LIFE_LINE], [ASA_HEADER, NO_SAS, ENCR_LINE, /^Status Description:/])
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    parseIkev2Lines(lines, ctx, acct, new IdRegistry())
    return acct.finish()
  },
}
