/** What a family reader makes of a message body: the normalized event and the values it names. */
import type {LogEventName, LogFamily} from '../../model/index.js'
import {isAddressLike} from '../../reading/address.js'

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

/** An IPv4 or IPv6 address. */
export const IP = '(\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})'

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
const PEER_HINTS: RegExp[] = [
  /\bsrcaddr=(\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/,
  /\bIP = (\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/,
  /\bRemote(?: gateway)?: ?(\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/,
  /\bR:(\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/,
  /\b[Pp]eer (?:at )?(\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/,
  /\bremote (\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/,
  /\bfrom (\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})/,
]

// IOS debug crypto isakmp: "Created a peer struct for 203.0.113.200, peer port 500", "found peer
// pre-shared key matching 203.0.113.200", "Deleting peer node by peer_reap for 203.0.113.200: 66A3B1D4";
// only an address follows these words, so a masked one ("matching x.x.x.x") is the peer too
const DEBUG_PEER_HINT = /\b(?:peer struct for|pre-shared key matching|peer_reap for) ([^\s,]+)/

export function fallbackPeer(body: string): string | null {
  for (const re of PEER_HINTS) {
    const m = re.exec(body)
    if (m && (m[1].includes('.') || m[1].split(':').length > 3)) return m[1]
  }
  const m = DEBUG_PEER_HINT.exec(body)
  // "peer_reap for 203.0.113.200: 66A3B1D4": the colon closes the address
  const peer = m ? m[1].replace(/:$/, '') : null
  return peer !== null && isAddressLike(peer) ? peer : null
}
