/**
 * Fact builders and small field readers shared by the ASA and IOS-XE parsers.
 *
 * Lines arrive canonical (src/reading/paste.ts): single spaces, no indentation, no author's note.
 * Labels are found by their words; addresses by their kind (src/reading/address.ts), masked ones
 * ("X.X.X.X", "<peer-ip>") and ASA `name` entries ("branch-fw7") included.
 */
import {labelPairs} from '../../reading/labels.js'
import {tokenKind} from '../../reading/tokens.js'
import type {IkeSa, RawValues, SessionFlow, TrafficSelector} from '../../model/index.js'
import {addressKind, addressPort, isMaskedAddress, type AddressPort} from '../../reading/address.js'
import {maskToPrefix} from './ident.js'
import type {Line, ParseContext} from '../types.js'
import {newIkeSa} from '../skeletons.js'
import {normalizeHash, normalizeIkeAuth} from './algorithms.js'
import type {LabeledValue} from './common.js'

/** An IKE SA with every optional field empty; the caller fills what the output prints. */
export function blankIkeSa(ctx: ParseContext, id: string, start: number, end: number, raw: RawValues): IkeSa {
  return newIkeSa(ctx, id, start, end, raw)
}

/**
 * Reads "Label : value" pairs, several to a line: "Type : L2L Role : initiator", "Auth : preshared
 * Lifetime: 86400", "Lifetime Remaining: 82" (the one label scanner, src/reading/labels.ts).
 */
export function columnPairs(text: string): LabeledValue[] {
  return labelPairs(text)
}

/** IKE hash words, including the ASA/IOS-XE IKEv2 "SHA96" (HMAC-SHA1-96). */
export function ikeHash(word: string): string | null {
  if (/^sha96$/i.test(word.trim())) return 'sha1'
  return normalizeHash(word)
}

/** IKE authentication words: PSK, RSA, ECDSA, preshared, rsa-sig, EAP. */
export function ikeAuth(word: string): string | null {
  const w = word.trim().toLowerCase()
  const table: Record<string, string> = {
    preshared: 'pre-shared-keys',
    rsa: 'rsa-signatures',
    'rsa-sig': 'rsa-signatures',
    ecdsa: 'ecdsa-signatures',
    'ecdsa-sig': 'ecdsa-signatures',
    eap: 'eap',
  }
  return table[w] ?? normalizeIkeAuth(word)
}

/**
 * A host name where an address belongs (ASA `names`: "branch-fw7", "vpn-gw-2"): a letter first,
 * then letters, digits, "-", "_" or ".". Not a state word or a keyword in capitals ("READY").
 */
// "branch-fw7" / "vpn-gw-2.example.net"
const HOST_NAME = /^[A-Za-z][\w-]*(?:\.[\w-]+)*$/

export function isHostName(text: string): boolean {
  return HOST_NAME.test(text) && /[a-z]/.test(text)
}

export interface PeerValue extends AddressPort {
  /** True when the value is not an address: an author's mask or an ASA name. */
  masked: boolean
}

/**
 * An address with an optional port where the output prints one: "198.51.100.2", "203.0.113.1/4500",
 * "2001:DB8:1::1/500", "X.X.X.1/500", "<peer-ip>". With `names`, an ASA name ("branch-fw7",
 * "branch-fw7/0") is accepted too. Null when the text is none of these.
 */
export function peerValue(text: string, names = false): PeerValue | null {
  const ap = addressPort(text)
  if (ap.kind !== null) return {...ap, masked: ap.kind === 'masked'}
  if (!names) return null
  // "branch-fw7/0"
  const slash = text.lastIndexOf('/')
  const head = slash > 0 && /^\d{1,5}$/.test(text.slice(slash + 1)) ? text.slice(0, slash) : text
  if (!isHostName(head)) return null
  return {address: head, port: head === text ? null : Number(text.slice(slash + 1)), kind: null, masked: true}
}

/** Adds `field` to the fact's list of fields that hold a mask (or an ASA name) instead of an address. */
export function addMaskedField(fact: {masked?: string[]}, field: string): void {
  fact.masked ??= []
  if (!fact.masked.includes(field)) fact.masked.push(field)
}

/** Sets an address field from a PeerValue, marking it masked when it is not an address. */
export function setAddress<F extends {masked?: string[]}>(fact: F, field: keyof F & string, value: PeerValue): void {
  ;(fact as Record<string, unknown>)[field] = value.address
  if (value.masked || isMaskedAddress(value.address)) addMaskedField(fact, field)
}

/** Marks a record that the capture cut off or filtered. */
export function markPartial(fact: {partial?: true}): void {
  fact.partial = true
}

/** True when the output went through a filter that drops lines (`| include`, `| section`, `| begin` ...). */
export function isFiltered(ctx: ParseContext): boolean {
  return ctx.pipe !== null && !/^\|?\s*(?:no-more|display)\b/i.test(ctx.pipe.trim())
}

/**
 * An ASA/IOS ident value: "(10.1.0.0/255.255.0.0/0/0)", "(2001:DB8:1::/64/0/0)", with a masked address
 * ("(X.X.X.1/255.255.255.0/0/0)") accepted and said so. Null when it is not in that form.
 */
export function readSelector(text: string): {selector: TrafficSelector; masked: boolean} | null {
  // "(10.1.0.0/255.255.0.0/0/0)" -> ["10.1.0.0", "255.255.0.0", "0", "0"]
  const parts = text.replace(/^\(/, '').replace(/\)$/, '').split('/')
  if (parts.length !== 4) return null
  const [address, mask, prot, port] = parts
  const kind = addressKind(address)
  if (kind === null || !/^\d+$/.test(prot) || !/^\d+$/.test(port)) return null
  const prefixLength = /^\d{1,3}$/.test(mask) ? Number(mask) : maskToPrefix(mask)
  if (prefixLength === null) return null
  return {selector: {address, prefixLength, protocol: Number(prot), port: Number(port)}, masked: kind === 'masked'}
}

// "76540861 " (the tunnel id of a row)
const LEADING_NUMBER = /^\d+(?: |$)/

export interface Ikev2Row {
  tunnelId: string
  local: PeerValue | null
  remote: PeerValue | null
  localText: string | null
  remoteText: string | null
  vrf: string | null
  status: string
  role: string | null
}

/**
 * An IKEv2 tunnel row (show crypto ikev2 sa, IOS-XE and ASA), read by the kind of each word:
 * "1 10.1.1.1/500 10.2.2.2/500 none/none READY", "76540861 203.0.113.1/500 198.51.100.2/500 READY RESPONDER",
 * "442665449 192.168.1.1/500 192.168.2.2/500 Global/Global READY INITIATOR", "3 none/none READY" (IPv6).
 */
export function readIkev2Row(text: string): Ikev2Row | null {
  // a row starts with its tunnel id: most lines of a detailed output are told apart here, unsplit
  if (!LEADING_NUMBER.test(text)) return null
  const w = text.split(' ')
  if (tokenKind(w[0]) !== 'number') return null
  const row: Ikev2Row = {tunnelId: w[0], local: null, remote: null, localText: null, remoteText: null, vrf: null, status: '', role: null}
  let i = 1
  const local = w.length > 2 ? peerValue(w[1]) : null
  const remote = w.length > 3 ? peerValue(w[2]) : null
  if (local && remote && local.port !== null && remote.port !== null) {
    row.local = local
    row.remote = remote
    row.localText = w[1]
    row.remoteText = w[2]
    i = 3
  }
  // "none/none", "INET/none", "Global/Global"
  if (i < w.length && /^[^/\s]+\/[^/\s]+$/.test(w[i]) && peerValue(w[i]) === null) row.vrf = w[i++]
  // "READY", "IN-NEG", "DELETE", "UP-ACTIVE"
  if (i >= w.length || (tokenKind(w[i]) !== 'state' && !/^[A-Za-z][A-Za-z-]*$/.test(w[i]))) return null
  row.status = w[i++]
  if (i < w.length && /^(INITIATOR|RESPONDER)$/i.test(w[i])) row.role = w[i++]
  return i === w.length ? row : null
}

// IOS-XE "IPSEC FLOW:" protocol words
const PROTOCOLS: Record<string, number> = {ip: 0, icmp: 1, tcp: 6, udp: 17, gre: 47, esp: 50, ahp: 51, ipv6: 0}

/** An address of a flow selector: a real one or a mask ("X.X.X.1"). */
function selectorAddress(text: string | undefined): string | null {
  return text !== undefined && addressKind(text) !== null ? text : null
}

/** Reads one address spec of a flow: "host 10.1.1.1", "10.1.0.0/255.255.0.0", "any", "2001:DB8::/64". */
function takeAddress(words: string[]): TrafficSelector | null {
  const w = words.shift()
  if (w === undefined) return null
  if (/^host$/i.test(w)) {
    const a = selectorAddress(words.shift())
    return a ? {address: a, prefixLength: a.includes(':') ? 128 : 32, protocol: null, port: null} : null
  }
  if (/^any$/i.test(w)) return {address: '0.0.0.0', prefixLength: 0, protocol: null, port: null}
  // "10.1.0.0/255.255.0.0" / "2001:DB8::/64"
  const slash = w.lastIndexOf('/')
  if (slash <= 0) return null
  const address = selectorAddress(w.slice(0, slash))
  const mask = w.slice(slash + 1)
  if (!address) return null
  const prefixLength = /^\d{1,3}$/.test(mask) ? Number(mask) : maskToPrefix(mask)
  return prefixLength === null ? null : {address, prefixLength, protocol: null, port: null}
}

/** An IOS-XE session "IPSEC FLOW:" selector: "permit 47 host 10.1.1.1 host 10.2.2.2" / "permit ip 10.1.0.0/255.255.0.0 10.2.0.0/255.255.0.0". */
export function newSessionFlow(text: string, line: Line): SessionFlow {
  const words = text.split(' ').filter(Boolean)
  const action = words[0] && /^(permit|deny)$/i.test(words[0]) ? words.shift()!.toLowerCase() : null
  const protoWord = words.shift()?.toLowerCase()
  const protocol = protoWord === undefined ? null : /^\d+$/.test(protoWord) ? Number(protoWord) : (PROTOCOLS[protoWord] ?? null)
  let localIdent = takeAddress(words)
  let remoteIdent = takeAddress(words)
  if (words.length > 0 || protocol === null) localIdent = remoteIdent = null
  if (localIdent) localIdent.protocol = protocol
  if (remoteIdent) remoteIdent.protocol = protocol
  return {
    selector: text, action, protocol, localIdent, remoteIdent, activeSas: null, origin: null, decrypted: null,
    encrypted: null, inDrops: null, outDrops: null, inLifetimeKb: null, inLifetimeSec: null, outLifetimeKb: null,
    outLifetimeSec: null, line: line.n,
  }
}
