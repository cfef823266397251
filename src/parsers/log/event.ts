/** What a family reader makes of a message body: the normalized event and the values it names. */
import type {LogEvent, LogEventName, LogFamily} from '../../model/index.js'
import {isAddressLike, isMaskedAddress} from '../../reading/address.js'
import {ADDR, addressPattern, isMaskedSpi} from '../../reading/address-pattern.js'
import {markMasked} from '../cisco/common.js'

export interface Classified {
  family: LogFamily
  messageId: string | null
  level: number | null
  event: LogEventName
  phase: 1 | 2 | null
  peer: string | null
  localAddress: string | null
  remotePort: number | null
  attribute: string | null
  received: string | null
  configured: string | null
  spi: string | null
  localProxy: string | null
  remoteProxy: string | null
  reason: string | null
  tunnelGroup: string | null
  verified: boolean
  /** IOS debug conn-id ("ISAKMP:(1001):"), for attributing later lines of the same exchange. */
  connId: number | null
  /** The message may continue on the next line(s) (PKT_REPLAY_ERR, CRL_FETCH_FAIL). */
  continues: boolean
}

export function classified(family: LogFamily, messageId: string | null, level: number | null): Classified {
  return {family, messageId, level, event: 'unknown', phase: null, peer: null, localAddress: null, remotePort: null, attribute: null, received: null, configured: null, spi: null, localProxy: null, remoteProxy: null, reason: null, tunnelGroup: null, verified: true, connId: null, continues: false}
}

/** One pattern of a family table: when `re` matches the body, `apply` fills the classification. */
export interface Pattern {
  re: RegExp
  apply: (m: RegExpExecArray, c: Classified) => void
}

/** Runs the first matching pattern of a table; true when one matched. */
export function runTable(table: readonly Pattern[], body: string, c: Classified): boolean {
  for (const p of table) {
    const m = p.re.exec(body)
    if (m) {
      p.apply(m, c)
      return true
    }
  }
  return false
}

/** Sets event and phase (and verified = false for catalogue entries marked unverified). */
export function ev(c: Classified, event: LogEventName, phase: 1 | 2 | null = null, verified = true): void {
  c.event = event
  if (phase !== null) c.phase = phase
  if (!verified) c.verified = false
}

// Peer attribution fallbacks when the pattern itself named none (catalogue section 7, "Attribution")
// ("IP = 203.0.113.9, ", "Remote gateway: x.x.x.x", "peer at <peer-ip>", "from [REDACTED]": printed or masked)
const PEER_HINTS: RegExp[] = [
  addressPattern`\bsrcaddr=(${ADDR})`,
  addressPattern`\bIP = (${ADDR})`,
  addressPattern`\bRemote(?: gateway)?: ?(${ADDR})`,
  addressPattern`\bR:(${ADDR})`,
  addressPattern`\b[Pp]eer (?:at )?(${ADDR})`,
  addressPattern`\bremote (${ADDR})`,
  addressPattern`\bfrom (${ADDR})`,
]

// IOS debug crypto isakmp: "Created a peer struct for 203.0.113.200, peer port 500", "found peer
// pre-shared key matching 203.0.113.200", "Deleting peer node by peer_reap for 203.0.113.200: 66A3B1D4";
// only an address follows these words, so a masked one ("matching x.x.x.x") is the peer too
const DEBUG_PEER_HINT = /\b(?:peer struct for|pre-shared key matching|peer_reap for) ([^\s,]+)/

export function fallbackPeer(body: string): string | null {
  for (const re of PEER_HINTS) {
    const m = re.exec(body)
    if (m && (m[1].includes('.') || m[1].split(':').length > 3 || isMaskedAddress(m[1]))) return m[1]
  }
  const m = DEBUG_PEER_HINT.exec(body)
  // "peer_reap for 203.0.113.200: 66A3B1D4": the colon closes the address
  const peer = m ? m[1].replace(/:$/, '') : null
  return peer !== null && isAddressLike(peer) ? peer : null
}

/**
 * Lists in `fact.masked` the fields that hold an author's mask, as the show-output facts do: the peer
 * and local address ("x.x.x.x", "<peer-ip>": kept as printed, two masks two values) and the SPI
 * ("0xXXXXXXXX": the message is read, the SPI value unknown).
 */
export function markLogMasks(fact: LogEvent): void {
  markMasked(fact, 'peer', 'localAddress')
  if (fact.spi !== null && isMaskedSpi(fact.spi)) fact.masked = [...(fact.masked ?? []), 'spi']
}
