/**
 * `show crypto ikev2 sa [detailed|detail]` on IOS-XE and ASA: one ikeSa fact (version 2) per tunnel row.
 *
 * IOS-XE prints "IPv4 Crypto IKEv2  SA" sections with `Tunnel-id Local Remote fvrf/ivrf Status` rows;
 * ASA prints "IKEv2 SAs:" with a `Session-id:..., Status:...` line before each session and a Role
 * column, plus `Child sa:` lines. Indented attribute lines (Encr/keysize/PRF/Hash/DH/Auth, Life/Active
 * Time and the detail lines) belong to the row above them. `parseIkev2Lines` is shared with the ASA
 * `show crypto isakmp sa` parser, whose output carries an IKEv2 section.
 */
import type {IkeSa} from '../../model/index.js'
import {normalizeIkeState} from '../../model/index.js'
import {LineAccount, leadChar, toInt} from '../account.js'
import type {Line, ParseContext, ParseResult, ParserSpec} from '../types.js'
import {sourceOf} from '../types.js'
import {normalizeCipher, parseDhGroup} from './algorithms.js'
import {IdRegistry, RawFields, scoreLines, splitLabeled} from './common.js'
import {addressPort, blankIkeSa, columnPairs, ikeAuth, ikeHash} from './modern-common.js'

// " IPv4 Crypto IKEv2  SA" / " IPv6 Crypto IKEv2  SA"
const FAMILY_HEADER = /^\s*IPv[46]\s+Crypto\s+IKEv2\s+SA\s*$/i
// "IKEv2 SAs:"
const ASA_HEADER = /^\s*IKEv2 SAs:\s*$/
// "There are no IKEv2 SAs"
const NO_SAS = /^\s*There are no IKEv2 SAs\s*$/i
// "Tunnel-id Local                 Remote                fvrf/ivrf            Status"
const COLUMN_HEADER = /^\s*Tunnel-id\s+Local\s+Remote\b/i
// "Session-id:1, Status:UP-ACTIVE, IKE count:1, Child count:1"
const SESSION_LINE = /^\s*Session-id:\s*(\d+),\s*Status:\s*([^,]+?),\s*IKE count:\s*(\d+),\s*Child count:\s*(\d+)\s*$/i
// "1         10.1.1.1/500          10.2.2.2/500          none/none            READY"
// " 442665449 192.168.1.1/500   192.168.2.2/500   Global/Global   READY    INITIATOR"
const ROW = /^\s*(\d+)\s+(\S+\/\d+)\s+(\S+\/\d+)\s+(?:(\S+\/\S+)\s+)?([A-Za-z][A-Za-z-]*)(?:\s+(INITIATOR|RESPONDER))?\s*$/i
// "      Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19, Auth sign: PSK, Auth verify: PSK"
const ENCR_LINE = /^\s+Encr:\s*\S/
// "      Life/Active Time: 86400/735 sec"
const LIFE_LINE = /^\s+Life\/Active Time:\s*(\d+)\/(\d+)\s*sec\s*$/i
// "      DPD configured for 10 seconds, retry 2" / "      DPD not configured."
const DPD_LINE = /^\s+DPD\s+(not\s+)?configured\b(.*)$/i
// "      NAT-T is not detected" / "      NAT-T is detected  outside" / "      NAT-T not detected"
const NAT_LINE = /^\s+NAT-T\s+(?:is\s+)?(not\s+)?detected\b\s*(.*)$/i
// "      Initiator of SA : Yes"
const INITIATOR_LINE = /^\s+Initiator of SA\s*:\s*(Yes|No)\s*$/i
// "      Local id: 10.1.1.1" / "      Remote id: cn=r2,o=Example"
const ID_LINE = /^\s+(Local|Remote) id:(.*)$/
// "Child sa: local selector  10.1.0.0/0 - 10.1.255.255/65535"
const CHILD_START = /^\s*Child sa:\s*local selector(.*)$/i
// "          remote selector 10.2.0.0/0 - 10.2.255.255/65535"
const CHILD_REMOTE = /^\s+remote selector(.*)$/i
// "      Fragmentation not  configured." / "      Extended Authentication not configured." / "      Cisco Trust Security SGT is disabled"
const PHRASE_LINE = /^\s+(Fragmentation|Extended Authentication|Cisco Trust Security SGT|Quantum-safe Encryption)\b(.*)$/i
// "      Local req msg id:  2              Remote req msg id:  0" (two label: value columns)
const TWO_COLUMNS = /^\s+[A-Za-z][^:]*:\s*\S+\s{2,}[A-Za-z][^:]*:\s*\S+\s*$/
// "      Status Description: Negotiation done" / "      PEER TYPE: Other"
const LABEL_LINE = /^\s+([A-Za-z][^:]*):(.*)$/

interface OpenSa {
  fact: IkeSa
  fields: RawFields
  start: number
  end: number
  inChild: boolean
  localSpi: string | null
  remoteSpi: string | null
  natDetected: boolean | null
}

interface AsaSession {
  id: string
  status: string
  line: number
}

/** Fills the algorithm fields from "Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19, ...". */
function readEncrLine(sa: OpenSa, line: Line): void {
  const pairs = splitLabeled(line.text.trim())
  const get = (label: string) => pairs.find((p) => p.label.toLowerCase() === label)?.value
  for (const p of pairs) sa.fields.set(sa.inChild ? `child ${p.label}` : p.label, p.value, line)
  if (sa.inChild) return
  const encr = get('encr')
  if (encr) sa.fact.encryption = normalizeCipher(encr, get('keysize'))
  // AEAD ciphers (and SAs with no cipher negotiated yet) print "Hash: None": not applicable
  const noHashNeeded = sa.fact.encryption === null || sa.fact.encryption.endsWith('-gcm')
  const hash = get('hash')
  if (hash) sa.fact.integrity = noHashNeeded && /^none$/i.test(hash) ? null : ikeHash(hash)
  const prf = get('prf')
  if (prf) sa.fact.prf = ikeHash(prf)
  const dh = get('dh grp')
  // "DH Grp:0" is printed while nothing is negotiated yet
  if (dh) sa.fact.dhGroup = parseDhGroup(dh) || null
  const auth = get('auth sign')
  // "Auth sign: Unknown - 0" (nothing negotiated yet)
  if (auth && !/^unknown/i.test(auth)) sa.fact.authMethod = ikeAuth(auth)
}

/** Reads one indented line of an open SA; false when the line is not understood. */
function readAttribute(sa: OpenSa, line: Line): boolean {
  const t = line.text
  // the patterns start with a fixed word: test only those whose first letter fits (case-insensitive ones both cases)
  const lead = leadChar(t)
  const lower = lead.toLowerCase()
  let m: RegExpExecArray | null
  if (lower === 'c' && (m = CHILD_START.exec(t))) {
    sa.inChild = true
    sa.fields.set('child local selector', m[1].trim(), line)
    return true
  }
  if (sa.inChild && lower === 'r' && (m = CHILD_REMOTE.exec(t))) {
    sa.fields.set('child remote selector', m[1].trim(), line)
    return true
  }
  if (lead === 'E' && ENCR_LINE.test(t)) {
    readEncrLine(sa, line)
    return true
  }
  if (lower === 'l' && (m = LIFE_LINE.exec(t))) {
    sa.fields.set('Life/Active Time', `${m[1]}/${m[2]}`, line)
    sa.fact.lifetimeSec = Number(m[1])
    sa.fact.lifetimeRemainingSec = Math.max(0, Number(m[1]) - Number(m[2]))
    return true
  }
  if (lower === 'd' && (m = DPD_LINE.exec(t))) {
    sa.fields.set('DPD', t.trim(), line)
    sa.fact.dpdEnabled = m[1] === undefined
    return true
  }
  if (lower === 'n' && (m = NAT_LINE.exec(t))) {
    sa.fields.set('NAT-T', t.trim(), line)
    sa.natDetected = m[1] === undefined
    if (sa.natDetected && m[2]) sa.fact.flags.push(`nat-t detected ${m[2].trim().toLowerCase()}`)
    return true
  }
  if (lower === 'i' && (m = INITIATOR_LINE.exec(t))) {
    sa.fields.set('Initiator of SA', m[1], line)
    sa.fact.role = /^yes$/i.test(m[1]) ? 'initiator' : 'responder'
    return true
  }
  if ((lead === 'L' || lead === 'R') && (m = ID_LINE.exec(t))) {
    sa.fields.set(`${m[1]} id`, m[2].trim(), line)
    return true
  }
  if ((lower === 'f' || lower === 'e' || lower === 'c' || lower === 'q') && (m = PHRASE_LINE.exec(t))) {
    // "not  configured." -> "not configured"
    sa.fields.set(m[1], m[2].trim().replace(/\.$/, '').replace(/\s+/g, ' '), line)
    return true
  }
  if (TWO_COLUMNS.test(t)) {
    for (const p of columnPairs(t)) {
      sa.fields.set(sa.inChild ? `child ${p.label}` : p.label, p.value, line)
      if (!sa.inChild && /^local spi$/i.test(p.label)) sa.localSpi = p.value
      if (!sa.inChild && /^remote spi$/i.test(p.label)) sa.remoteSpi = p.value
    }
    return true
  }
  if (t.includes(',') && /^\s+[A-Za-z][\w -]*:/.test(t)) {
    // "      CE id: 1019, Session-id: 4" / "          ah_hmac: None, comp: IPCOMP_NONE, mode tunnel"
    for (const p of splitLabeled(t.trim())) sa.fields.set(sa.inChild ? `child ${p.label}` : p.label, p.value, line)
    const session = splitLabeled(t.trim()).find((p) => /^session-id$/i.test(p.label))
    if (session && !sa.inChild) sa.fact.connId = toInt(session.value) ?? sa.fact.connId
    return true
  }
  if ((m = LABEL_LINE.exec(t))) {
    const label = m[1].trim()
    const value = m[2].trim()
    sa.fields.set(sa.inChild ? `child ${label}` : label, value, line)
    if (!sa.inChild && /^session-id$/i.test(label)) sa.fact.connId = toInt(value) ?? sa.fact.connId
    return true
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
  acct.add(f)
}

function startSa(m: RegExpExecArray, line: Line, session: AsaSession | null, ctx: ParseContext, ids: IdRegistry): OpenSa {
  const [, tunnelId, localText, remoteText, vrf, status, role] = m
  const fields = new RawFields()
  const local = addressPort(localText)
  const remote = addressPort(remoteText)
  if (session) {
    fields.set('Session-id', session.id, session.line)
    fields.set('Session Status', session.status, session.line)
  }
  fields.set('Tunnel-id', tunnelId, line)
  fields.set('Local', localText, line)
  fields.set('Remote', remoteText, line)
  if (vrf) fields.set('fvrf/ivrf', vrf, line)
  fields.set('Status', status, line)
  if (role) fields.set('Role', role, line)
  const fact = blankIkeSa(ctx, ids.unique(`ike:${remote.address}:${tunnelId}`), line.n, line.n, fields.fields)
  fact.version = 2
  fact.mode = 'ikev2'
  fact.localAddress = local.address
  fact.localPort = local.port
  fact.remoteAddress = remote.address
  fact.remotePort = remote.port
  fact.stateRaw = status
  fact.state = normalizeIkeState(status)
  fact.deleted = /^DELETE/i.test(status)
  fact.role = role ? (role.toLowerCase() as 'initiator' | 'responder') : null
  fact.connId = session ? Number(session.id) : null
  fact.statusRaw = session?.status ?? null
  return {fact, fields, start: line.n, end: line.n, inChild: false, localSpi: null, remoteSpi: null, natDetected: null}
}

/**
 * Parses IKEv2 SA output lines into ikeSa facts on `acct`. Lines it does not understand are left
 * unclaimed (so they are reported as unparsed).
 */
export function parseIkev2Lines(lines: Line[], ctx: ParseContext, acct: LineAccount, ids: IdRegistry): void {
  let open: OpenSa | null = null
  let session: AsaSession | null = null
  const close = () => {
    if (open) finish(open, ctx, acct)
    open = null
  }
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]
    const t = line.text
    let m: RegExpExecArray | null
    // headers start with a fixed word, rows with the tunnel id: test only what the first character allows
    const lead = leadChar(t)
    if (lead === '') continue
    const lower = lead.toLowerCase()
    if ((lower === 'i' && (FAMILY_HEADER.test(t) || ASA_HEADER.test(t))) || (lower === 't' && NO_SAS.test(t))) {
      close()
      session = null
      acct.ignore(line)
    } else if (lower === 's' && (m = SESSION_LINE.exec(t))) {
      close()
      session = {id: m[1], status: m[2], line: line.n}
      acct.consume(line)
    } else if (lower === 't' && COLUMN_HEADER.test(t)) {
      close()
      acct.ignore(line)
    } else if (lead >= '0' && lead <= '9' && (m = ROW.exec(t))) {
      close()
      open = startSa(m, line, session, ctx, ids)
      acct.consume(line)
    } else if (open !== null && (/^\s/.test(t) || CHILD_START.test(t)) && readAttribute(open, line)) {
      open.end = line.n
      acct.consume(line)
    }
  }
  close()
}

export const showCryptoIkev2Sa: ParserSpec = {
  id: 'cisco/show-crypto-ikev2-sa',
  vendor: 'cisco',
  command: 'show crypto ikev2 sa',
  aliases: ['show crypto ikev2 sa detailed', 'show crypto ikev2 sa detail'],
  detect(lines: Line[]): number {
    return scoreLines(
      lines,
      [FAMILY_HEADER, COLUMN_HEADER, SESSION_LINE, LIFE_LINE],
      [ASA_HEADER, NO_SAS, ENCR_LINE, /^\s+Status Description:/],
    )
  },
  parse(lines: Line[], ctx: ParseContext): ParseResult {
    const acct = new LineAccount(lines)
    parseIkev2Lines(lines, ctx, acct, new IdRegistry())
    return acct.finish()
  },
}
